import Foundation

/// A validated capacity-planning scenario, as `spec/capacity-plan.md` defines it.
///
/// Every value here has passed validation: series have exactly `months` values,
/// ids are unique and every reference resolves. Month indices are 1-based in the
/// spec; arrays here are 0-based (`arrivals[t - 1]` is month `t`).
public struct Scenario: Sendable, Equatable {
    public var name: String
    public var description: String?
    /// First planning month.
    public var start: YearMonth
    /// Horizon T (1...120).
    public var months: Int
    public var currency: String
    public var groups: [Group]
    public var shelters: [Shelter]
    public var medical: [MedicalProvider]
    public var routes: [Route]
    public var partners: [Partner]
    public var budget: Budget
    public var options: Options
    /// How the arrivals may differ from those written (`uncertainty:`); nil: exactly as written.
    public var uncertainty: Uncertainty? = nil
    /// Capacity that can be bought (`buy:`), for `iars risk --buy` and `iars size`.
    public var buy: [BuyOption] = []

    public init(
        name: String, description: String? = nil, start: YearMonth, months: Int,
        currency: String = "USD", groups: [Group], shelters: [Shelter],
        medical: [MedicalProvider] = [], routes: [Route] = [], partners: [Partner] = [],
        budget: Budget = Budget(), options: Options = Options()
    ) {
        self.name = name
        self.description = description
        self.start = start
        self.months = months
        self.currency = currency
        self.groups = groups
        self.shelters = shelters
        self.medical = medical
        self.routes = routes
        self.partners = partners
        self.budget = budget
        self.options = options
    }

    /// The calendar month of planning month `t` (1-based).
    public func calendarMonth(_ t: Int) -> YearMonth { start.adding(t - 1) }

    /// Number of days of planning month `t` (1-based), leap years included.
    public func days(_ t: Int) -> Int { calendarMonth(t).days }

    /// The label of planning month `t`, `YYYY-MM`.
    public func label(_ t: Int) -> String { calendarMonth(t).description }

    /// Countries that appear anywhere in the scenario, sorted.
    public var countries: [String] {
        Array(Set(groups.map(\.country) + routes.map(\.country) + partners.map(\.country))).sorted()
    }
}

/// A calendar month.
public struct YearMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    /// 1...12
    public var month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM` (month 01...12, year 0001...9999).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let y = Int(parts[0]), let m = Int(parts[1]), y >= 1, (1...12).contains(m)
        else { return nil }
        self.init(year: y, month: m)
    }

    /// This month plus `n` months.
    public func adding(_ n: Int) -> YearMonth {
        let k = year * 12 + (month - 1) + n
        return YearMonth(year: k / 12, month: k % 12 + 1)
    }

    /// Number of days in the month (Gregorian calendar, leap years included).
    public var days: Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Months from `other` to `self` (0 when equal).
    public func months(since other: YearMonth) -> Int {
        (year * 12 + month) - (other.year * 12 + other.month)
    }

    /// `YYYY-MM` (as `%04d-%02d`, without Foundation's formatter: labels are made per month
    /// and per row of every output).
    public var description: String {
        func padded(_ n: Int, _ width: Int) -> String {
            let d = String(n)
            return d.count >= width ? d : String(repeating: "0", count: width - d.count) + d
        }
        return padded(year, 4) + "-" + padded(month, 2)
    }

    public static func < (a: YearMonth, b: YearMonth) -> Bool {
        (a.year, a.month) < (b.year, b.month)
    }
}

/// A kind of case (spec: `groups[]`).
public struct Group: Sendable, Equatable {
    public var id: String
    /// ISO 3166-1 alpha-2 country of return.
    public var country: String
    /// Arrivals per month, `months` values.
    public var arrivals: [Int]
    /// L >= 1: a case admitted in month t may return from month t+L on.
    public var processingMonths: Int
    /// Weight of one unmet case, > 0.
    public var priority: Double
    /// Cases already in shelter when month 1 starts.
    public var initial: [InitialCases]

    public init(
        id: String, country: String, arrivals: [Int], processingMonths: Int,
        priority: Double = 1, initial: [InitialCases] = []
    ) {
        self.id = id
        self.country = country
        self.arrivals = arrivals
        self.processingMonths = processingMonths
        self.priority = priority
        self.initial = initial
    }
}

/// Cases of a group already in a shelter when month 1 starts.
public struct InitialCases: Sendable, Equatable {
    public var shelter: String
    public var count: Int
    /// They may return from this month (>= 1) on.
    public var readyMonth: Int

    public init(shelter: String, count: Int, readyMonth: Int) {
        self.shelter = shelter
        self.count = count
        self.readyMonth = readyMonth
    }
}

public struct Shelter: Sendable, Equatable {
    public var id: String
    /// Beds per month, `months` values.
    public var beds: [Int]
    /// Per occupied bed and night, >= 0.
    public var bedNightCost: Double
    /// Ids of the groups it accepts (the spec's default: every group, resolved by the loader).
    public var accepts: [String]

    public init(id: String, beds: [Int], bedNightCost: Double, accepts: [String]) {
        self.id = id
        self.beds = beds
        self.bedNightCost = bedNightCost
        self.accepts = accepts
    }
}

public struct MedicalProvider: Sendable, Equatable {
    public var id: String
    /// Screenings per month, `months` values.
    public var slots: [Int]
    public var costPerScreening: Double
    /// Ids of the shelters it serves (default: every shelter, resolved by the loader).
    public var serves: [String]

    public init(id: String, slots: [Int], costPerScreening: Double, serves: [String]) {
        self.id = id
        self.slots = slots
        self.costPerScreening = costPerScreening
        self.serves = serves
    }
}

public struct Route: Sendable, Equatable {
    public var id: String
    public var country: String
    /// >= 1
    public var seatsPerDeparture: Int
    /// Most departures per month, `months` values.
    public var departures: [Int]
    public var costPerSeat: Double
    public var costPerDeparture: Double

    public init(
        id: String, country: String, seatsPerDeparture: Int, departures: [Int],
        costPerSeat: Double, costPerDeparture: Double = 0
    ) {
        self.id = id
        self.country = country
        self.seatsPerDeparture = seatsPerDeparture
        self.departures = departures
        self.costPerSeat = costPerSeat
        self.costPerDeparture = costPerDeparture
    }
}

public struct Partner: Sendable, Equatable {
    public var id: String
    public var country: String
    /// Cases received per month, `months` values.
    public var slots: [Int]
    public var costPerCase: Double

    public init(id: String, country: String, slots: [Int], costPerCase: Double) {
        self.id = id
        self.country = country
        self.slots = slots
        self.costPerCase = costPerCase
    }
}

public struct Budget: Sendable, Equatable {
    /// Cap on total cost over the horizon.
    public var total: Double?
    /// Cap per month, `months` values.
    public var monthly: [Double]?

    public init(total: Double? = nil, monthly: [Double]? = nil) {
        self.total = total
        self.monthly = monthly
    }
}

public struct Options: Sendable, Equatable {
    /// false solves the LP relaxation.
    public var integer: Bool
    public var timeLimitSeconds: Double?
    /// The effort budget in work units (simplex iterations and branch-and-cut nodes);
    /// nil for ``SolvePolicy/effort``. `--effort` overrides it.
    public var effort: Int?

    public init(integer: Bool = true, timeLimitSeconds: Double? = nil, effort: Int? = nil) {
        self.integer = integer
        self.timeLimitSeconds = timeLimitSeconds
        self.effort = effort
    }
}
