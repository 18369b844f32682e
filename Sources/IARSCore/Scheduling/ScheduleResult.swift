/// The outcome of scheduling: who rides which departure, who stays and why,
/// each departure's manifest and the four objective values.
///
/// Everything is in a fixed order (assignments and unassigned cases in
/// caseload order, manifests by date then file order), so reports built from
/// it are byte-identical across runs.
public struct ScheduleResult: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        /// Every level proven optimal.
        case optimal
        /// A time limit stopped the search with a schedule in hand.
        case feasible
        /// The time limit ran out before any schedule was found.
        case timeLimit = "time-limit"
    }

    /// The spec's four objective values, in the order they are optimised.
    public struct Objective: Sendable, Equatable {
        /// sum priority(i) * unassigned(i)
        public var unassigned: Double
        /// sum w(i) * unassigned(i), w(i) = max(0, E - ready_date(i)) days, E the last departure's date
        public var leftBehindDays: Int
        /// sum (date(j) - ready_date(i)) over assigned cases
        public var waitingDays: Int
        /// seats, escorts, departures run and reintegration
        public var cost: Double
    }

    public struct Assignment: Sendable, Equatable {
        /// Index into `Schedule.cases`.
        public var caseIndex: Int
        public var caseID: String
        /// Index into `Schedule.departures`.
        public var departureIndex: Int
        public var departureID: String
        public var date: CalendarDate
        public var waitingDays: Int
    }

    /// Why a case could not be scheduled, for a coordinator to act on.
    public struct Reason: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable, CaseIterable {
            /// The scenario has no route to the case's country.
            case noRoute = "no-route"
            /// The schedule has no departure to the country.
            case noDeparture = "no-departure"
            /// The case is ready only after the last departure to its country.
            case notReady = "not-ready"
            /// The scenario has no reintegration partner in the country.
            case noPartner = "no-partner"
            /// Every departure it could take is full (seats, and escort places for an escorted case).
            case seatsFull = "seats-full"
            /// The partners' slots are taken in every month it could travel.
            case partnerFull = "partner-full"
            /// Some departures are full, the partners are full in the other months.
            case seatsAndPartnerFull = "seats-and-partner-full"
            /// Room was left: the time limit stopped the search before the case was placed.
            case notPlaced = "not-placed"
        }

        public var kind: Kind
        public var message: String
    }

    public struct Unassigned: Sendable, Equatable {
        public var caseIndex: Int
        public var caseID: String
        public var reason: Reason
        /// The case's share of `left_behind_days`: days from its ready date to the schedule's
        /// last departure (0 when ready after it).
        public var leftBehindDays: Int
    }

    /// One departure: who rides it.
    public struct Manifest: Sendable, Equatable {
        public var departureIndex: Int
        public var id: String
        public var route: String
        public var country: String
        public var date: CalendarDate
        public var seats: Int
        /// Case ids, sorted.
        public var cases: [String]
        /// How many of them need an escort.
        public var escorted: Int
        public var escorts: Int
        public var seatsLeft: Int { seats - cases.count - escorts }
        /// Seats, escorts and the departure's fixed cost (if it runs).
        public var cost: Double
    }

    /// Cases received by one partner in one month.
    public struct Reintegration: Sendable, Equatable {
        public var partner: String
        public var country: String
        /// `YYYY-MM`
        public var month: String
        public var cases: Int
        public var slots: Int
        public var cost: Double
    }

    public struct Size: Sendable, Equatable {
        public var cases: Int
        public var departures: Int
        /// Classes of interchangeable cases.
        public var classes: Int
        /// Independent per-country models.
        public var parts: Int
        /// Summed over the parts.
        public var columns: Int
        public var rows: Int
        public var nonzeros: Int
    }

    /// Time spent, in seconds.
    public struct Timing: Sendable, Equatable {
        public var load: Double = 0
        public var build: Double = 0
        /// One entry per level (unassigned, left_behind_days, waiting_days, cost), summed over the parts.
        public var levels: [Double] = []
        public var extract: Double = 0
        public var total: Double { load + build + levels.reduce(0, +) + extract }
    }

    public var scenario: String
    public var currency: String
    public var status: Status
    /// nil when status is time-limit.
    public var objective: Objective?
    /// The level at which a time limit stopped the search (status feasible).
    public var stoppedLevel: String?
    /// What stopped the search early (effort, clock, interrupt), with ``stoppedLevel``.
    public var stoppedBy: StoppedBy?
    /// A country's schedule that stopped early, and the level it stopped at: its later
    /// levels keep the schedule found there (they are not searched).
    public struct StoppedCountry: Sendable, Equatable {
        public var country: String
        public var level: String
    }
    /// The four levels, in the order they are optimised.
    public static let levelNames = ScheduleModel.levelNames
    /// Every country whose schedule stopped early (status feasible), by country; the other
    /// countries' schedules are optimal in all four levels.
    public var stoppedCountries: [StoppedCountry] = []
    /// Work units the search used (the same on every machine unless the clock or an
    /// interruption stopped it).
    public var effort = 0
    /// In caseload order.
    public var assignments: [Assignment] = []
    /// In caseload order.
    public var unassigned: [Unassigned] = []
    /// Every departure, by date then file order.
    public var manifests: [Manifest] = []
    /// By country, month, partner.
    public var reintegration: [Reintegration] = []
    public var size: Size
    public var timing = Timing()

    /// Whether a schedule was found (exit status 0).
    public var hasSchedule: Bool { status != .timeLimit }
    /// Escorts on all departures.
    public var escorts: Int { manifests.reduce(0) { $0 + $1.escorts } }
}
