import IARSInput

/// What the risk report needs of one future's plan (``RiskPlanner``), and all a shard
/// writes of it: the report is a function of these records alone, so merged shards give
/// the report of one run.
public struct FutureOutcome: Sendable, Equatable {
    /// 1-based.
    public var future: Int
    public var status: PlanResult.Status
    /// The three levels' values; nil without a plan.
    public var objective: PlanResult.Objective?
    /// Unmet cases, not weighted by priority.
    public var unmetCases: Double
    /// Unmet cases per group, in the scenario's order.
    public var groupUnmet: [Double]
    /// People in shelter at the end of each month.
    public var inShelter: [Double]
    /// The plan uses the whole total budget, or a whole monthly budget.
    public var budgetBinding: Bool
    /// Per capacity of ``RiskCapacity/all(_:)``: full in at least one month.
    public var full: [Bool]
    /// Work units the plan took.
    public var effort: Int

    public init(
        future: Int, status: PlanResult.Status, objective: PlanResult.Objective?, unmetCases: Double,
        groupUnmet: [Double], inShelter: [Double], budgetBinding: Bool, full: [Bool], effort: Int
    ) {
        self.future = future
        self.status = status
        self.objective = objective
        self.unmetCases = unmetCases
        self.groupUnmet = groupUnmet
        self.inShelter = inShelter
        self.budgetBinding = budgetBinding
        self.full = full
        self.effort = effort
    }

    /// The three levels' values (for records read back from a shard's file).
    public static func objective(unmet: Double, waiting: Double, cost: Double) -> PlanResult.Objective {
        PlanResult.Objective(unmet: unmet, waiting: waiting, cost: cost)
    }

    /// A share of a capacity within which it counts as full, or a budget as used up: LP
    /// relaxations leave 13.9999999 of 14 beds where the plan fills them (the plan table's
    /// "Full" column, for one plan, allows 1e-9).
    public static let fullTolerance = 1e-6

    /// The record of `result`, the plan of future `future` of `scenario`.
    public init(future: Int, result r: PlanResult, scenario: Scenario) {
        let tol = Self.fullTolerance
        func fullAt(_ pairs: [(used: Double, capacity: Double)]) -> Bool {
            pairs.contains { $0.capacity > 0 && $0.used / $0.capacity >= 1 - tol }
        }
        var full: [Bool] = []
        if r.hasPlan {
            full += r.shelters.map { s in fullAt(s.months.map { ($0.occupancy, Double($0.beds)) }) }
            full += r.medical.map { p in fullAt(p.months.map { ($0.used, $0.capacity) }) }
            full += r.routes.enumerated().map { i, k in
                let seats = Double(scenario.routes[i].seatsPerDeparture)
                return fullAt(k.months.map { ($0.returned, Double($0.departuresAvailable) * seats) })
            }
            full += r.partners.map { p in fullAt(p.months.map { ($0.used, $0.capacity) }) }
            full += r.services.map { v in fullAt(v.months.map { ($0.used, $0.capacity) }) }
        } else {
            full = Array(repeating: false, count: RiskCapacity.all(scenario).count)
        }
        let spent = r.months.reduce(0.0) { $0 + $1.cost }
        let total = r.budgetTotal.map { $0 > 0 ? spent / $0 >= 1 - tol : true } ?? false
        let monthly = r.months.contains { m in m.budget.map { $0 > 0 ? m.cost / $0 >= 1 - tol : true } ?? false }
        self.init(
            future: future, status: r.status, objective: r.objective,
            unmetCases: r.months.reduce(0.0) { $0 + $1.unmet },
            groupUnmet: r.groups.map { g in g.months.reduce(0.0) { $0 + $1.unmet } },
            inShelter: r.months.map(\.inShelter), budgetBinding: r.hasPlan && (total || monthly), full: full,
            effort: r.effort)
    }
}

/// One capacity whose fullness the risk report counts: a shelter's beds, a screening
/// provider's slots, a route's seats, a partner's slots, a social service's case-months.
public struct RiskCapacity: Sendable, Equatable {
    /// The kinds of capacity: those `buy:` can name, and social services.
    public enum Kind: String, Sendable, Equatable {
        case shelter, medical, route, partner, service
    }

    /// `shelter`, `medical`, `route`, `partner` (as in `buy:`) or `service`.
    public var kind: Kind
    public var id: String

    public init(kind: Kind, id: String) {
        self.kind = kind
        self.id = id
    }

    /// What is counted: `beds`, `screenings`, `seats`, `slots`, `case-months`.
    public var what: String {
        switch kind {
        case .shelter: "beds"
        case .medical: "screenings"
        case .route: "seats"
        case .partner: "slots"
        case .service: "case-months"
        }
    }

    /// Every capacity of `scenario`: shelters, medical providers, routes, partners, services,
    /// each in file order.
    public static func all(_ scenario: Scenario) -> [RiskCapacity] {
        scenario.shelters.map { .init(kind: .shelter, id: $0.id) }
            + scenario.medical.map { .init(kind: .medical, id: $0.id) }
            + scenario.routes.map { .init(kind: .route, id: $0.id) }
            + scenario.partners.map { .init(kind: .partner, id: $0.id) }
            + scenario.services.map { .init(kind: .service, id: $0.id) }
    }
}
