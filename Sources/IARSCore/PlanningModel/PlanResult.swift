/// The outcome of planning a scenario: status, the three objective values and
/// every figure a report needs, per month and per shelter, provider, route,
/// partner and group.
public struct PlanResult: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        /// Every level proven optimal.
        case optimal
        /// A time limit stopped the search with a plan in hand; see ``gap``.
        case feasible
        /// No plan exists: the people already in shelter cannot be housed or paid for.
        case infeasible
        /// The time limit ran out before any plan was found.
        case timeLimit = "time-limit"
    }

    public struct Objective: Sendable, Equatable {
        /// sum priority[g] * unmet[g,t]
        public var unmet: Double
        /// sum wait[g,s,t], person-months
        public var waiting: Double
        /// total cost
        public var cost: Double
    }

    /// Time spent, in seconds.
    public struct Timing: Sendable, Equatable {
        /// Reading and checking the scenario file (set by the caller that read it).
        public var parse: Double = 0
        public var build: Double = 0
        /// The first-plan phase (``SolvePolicy/Stage``: merged shelters, the rules' plan,
        /// later bounds, cost polish, time windows), before the exact levels.
        public var firstPlan: Double = 0
        /// One entry per level solved (unmet, waiting, cost).
        public var levels: [Double] = []
        /// Of the levels' time, the part spent inside GLPK's simplex and branch-and-cut.
        public var solver: Double = 0
        public var extract: Double = 0
        /// Rendering and writing the output (set by the caller that wrote it).
        public var output: Double = 0
        public var total: Double { parse + build + firstPlan + levels.reduce(0, +) + extract + output }
    }

    public struct Month: Sendable, Equatable {
        public var month: String
        public var arrivals: Int
        public var admitted: Double
        public var unmet: Double
        public var returned: Double
        /// People in shelter at the end of the month.
        public var inShelter: Double
        /// Ready but still in shelter at the end of the month (person-months).
        public var waiting: Double
        /// Average occupancy over all shelters.
        public var occupancy: Double
        public var beds: Int
        public var costShelter: Double
        public var costMedical: Double
        public var costTransport: Double
        public var costReintegration: Double
        public var budget: Double?
        /// Social services (0 without `services:`).
        public var costServices: Double = 0
        public var cost: Double { costShelter + costMedical + costTransport + costReintegration + costServices }
    }

    public struct ShelterMonth: Sendable, Equatable {
        public var beds: Int
        /// (start + end) / 2, the spec's average occupancy.
        public var occupancy: Double
        public var inShelter: Double
        public var admitted: Double
        public var returned: Double
        public var cost: Double
    }

    public struct ShelterPlan: Sendable, Equatable {
        public var id: String
        public var months: [ShelterMonth]
    }

    public struct CapacityMonth: Sendable, Equatable {
        /// Slots, seats or departures available.
        public var capacity: Double
        public var used: Double
        public var cost: Double
    }

    public struct ProviderPlan: Sendable, Equatable {
        public var id: String
        /// capacity = slots, used = screenings.
        public var months: [CapacityMonth]
    }

    public struct ServicePlan: Sendable, Equatable {
        public var id: String
        /// capacity = case-months available, used = the load (average cases covered).
        public var months: [CapacityMonth]
    }

    public struct RouteMonth: Sendable, Equatable {
        public var departuresAvailable: Int
        public var departures: Double
        public var seats: Double
        public var returned: Double
        public var cost: Double
    }

    public struct RoutePlan: Sendable, Equatable {
        public var id: String
        public var country: String
        public var months: [RouteMonth]
    }

    public struct PartnerPlan: Sendable, Equatable {
        public var id: String
        public var country: String
        /// capacity = slots, used = cases received.
        public var months: [CapacityMonth]
    }

    public struct GroupMonth: Sendable, Equatable {
        public var arrivals: Int
        public var admitted: Double
        public var unmet: Double
        public var returned: Double
        public var waiting: Double
    }

    public struct GroupPlan: Sendable, Equatable {
        public var id: String
        public var country: String
        public var priority: Double
        public var months: [GroupMonth]
    }

    /// Why a scenario has no plan: one sentence per cause, with month and amount.
    public struct InfeasibilityReason: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: String, Sendable, Equatable {
            case beds
            case service
            case monthlyBudget = "budget.monthly"
            case totalBudget = "budget.total"
            case other
        }
        public var kind: Kind
        /// `YYYY-MM`, nil for the total budget.
        public var month: String?
        /// Shelter id for beds.
        public var shelter: String?
        /// Service id for a service.
        public var service: String? = nil
        /// Beds or case-months (average persons), or money short.
        public var shortBy: Double
        public var message: String
        public var description: String { message }
    }

    public var scenario: String
    public var status: Status
    public var integer: Bool
    /// Nil when no plan was found.
    public var objective: Objective?
    /// For `feasible`: relative gap of the level that stopped early, and which level.
    public var gap: Double?
    public var stoppedLevel: String?
    /// For `feasible`: the levels searched after ``stoppedLevel`` stopped, with it kept at its
    /// best value (empty when the search ended there).
    public var searchedAfterStop: [String] = []
    /// For `feasible` and `time-limit`: what stopped the search (effort, clock, interrupt).
    public var stoppedBy: StoppedBy?
    /// Work units the search used (simplex iterations and branch-and-cut nodes, weighted by
    /// the model's size): the same on every machine unless the clock or an interruption
    /// stopped it.
    public var effort = 0
    public var months: [Month] = []
    public var shelters: [ShelterPlan] = []
    public var medical: [ProviderPlan] = []
    public var routes: [RoutePlan] = []
    public var partners: [PartnerPlan] = []
    /// Social services, in file order (empty without `services:`).
    public var services: [ServicePlan] = []
    public var groups: [GroupPlan] = []
    public var budgetTotal: Double?
    public var currency: String
    public var reasons: [InfeasibilityReason] = []
    /// The people still in shelter after the last month and what their return would cost; nil without a plan.
    public var endOfHorizon: EndOfHorizon?
    public var timing = Timing()
    /// Model size: columns, rows, nonzeros, integer columns.
    public var size: ModelSize = ModelSize()

    public struct ModelSize: Sendable, Equatable {
        public var columns = 0
        public var rows = 0
        public var nonzeros = 0
        public var integers = 0
    }

    /// Whether a plan (optimal or not) is in hand.
    public var hasPlan: Bool { objective != nil }
}
