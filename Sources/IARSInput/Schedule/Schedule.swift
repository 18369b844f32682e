/// A validated return schedule, as `spec/return-schedule.md` defines it: the
/// scenario it refers to, the dated departures of the coming weeks, the cases
/// in shelter now and the escort rule.
///
/// Every value here has passed validation: departures lie inside the
/// scenario's horizon and name its routes, cases name its groups and shelters,
/// ids are unique.
public struct Schedule: Sendable, Equatable {
    /// The schedule file as the user named it.
    public var file: String
    /// The scenario file, as the schedule names it (relative to the schedule file's folder).
    public var scenarioFile: String
    public var scenario: Scenario
    /// The caseload file as given (`--cases`) or as the schedule names it.
    public var casesFile: String
    /// In file order; recurring entries expanded in date order where they stand.
    public var departures: [Departure]
    /// In caseload order.
    public var cases: [ReturnCase]
    /// `nil`: the schedule has no `escort` section, and no case needs an escort seat.
    public var escort: EscortRule?

    public init(
        file: String, scenarioFile: String, scenario: Scenario, casesFile: String,
        departures: [Departure], cases: [ReturnCase], escort: EscortRule?
    ) {
        self.file = file
        self.scenarioFile = scenarioFile
        self.scenario = scenario
        self.casesFile = casesFile
        self.departures = departures
        self.cases = cases
        self.escort = escort
    }
}

/// One dated departure of a route.
public struct Departure: Sendable, Equatable {
    /// As written, or `ROUTE@YYYY-MM-DD` for a recurring entry (or a dated one without `id`).
    public var id: String
    /// The route's id.
    public var route: String
    /// Index of the route in `Scenario.routes`.
    public var routeIndex: Int
    /// The route's country.
    public var country: String
    public var date: CalendarDate
    /// Seats on this departure (the route's `seats_per_departure` unless overridden).
    public var seats: Int
    /// The scenario month (1-based) holding `date`: partner slots come from there.
    public var month: Int

    public init(
        id: String, route: String, routeIndex: Int, country: String, date: CalendarDate,
        seats: Int, month: Int
    ) {
        self.id = id
        self.route = route
        self.routeIndex = routeIndex
        self.country = country
        self.date = date
        self.seats = seats
        self.month = month
    }
}

/// One row of the caseload: a pseudonymous case and what the schedule needs to know of it.
public struct ReturnCase: Sendable, Equatable {
    /// The pseudonymous code, `[A-Za-z0-9_-]{1,64}`.
    public var id: String
    public var group: String
    /// The group's country of return.
    public var country: String
    public var shelter: String
    /// The day documents and medical clearance are in hand.
    public var readyDate: CalendarDate
    public var needsEscort: Bool
    /// The row's `priority`, or the group's.
    public var priority: Double
    /// The caseload row (the header is row 1): messages name rows, never case ids.
    public var row: Int

    public init(
        id: String, group: String, country: String, shelter: String, readyDate: CalendarDate,
        needsEscort: Bool, priority: Double, row: Int
    ) {
        self.id = id
        self.group = group
        self.country = country
        self.shelter = shelter
        self.readyDate = readyDate
        self.needsEscort = needsEscort
        self.priority = priority
        self.row = row
    }
}

/// The schedule's `escort` section: one escort accompanies at most `ratio` escorted cases.
public struct EscortRule: Sendable, Equatable {
    /// >= 1
    public var ratio: Int
    /// Per escort on a departure, >= 0.
    public var cost: Double

    public init(ratio: Int, cost: Double) {
        self.ratio = ratio
        self.cost = cost
    }
}

/// A day of the Gregorian calendar, `YYYY-MM-DD`.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    /// 1...12
    public let month: Int
    /// 1...days of the month
    public let day: Int

    /// A valid date (year 1...9999), or nil.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        guard (1...YearMonth(year: year, month: month).days).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` exactly (ASCII digits, a real day: no 2001-02-29).
    public init?(_ text: String) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard u[i] >= UInt8(ascii: "0"), u[i] <= UInt8(ascii: "9") else { return nil }
                v = v * 10 + Int(u[i] - UInt8(ascii: "0"))
            }
            return v
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The date `dayNumber` days after 1970-01-01 (negative before).
    public init(dayNumber: Int) {
        // H. Hinnant's civil_from_days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// Days since 1970-01-01 (H. Hinnant's days_from_civil).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// 0 = Monday ... 6 = Sunday.
    public var weekday: Int {
        // 1970-01-01 was a Thursday (3).
        ((dayNumber % 7) + 7 + 3) % 7
    }

    /// The calendar month holding the date.
    public var yearMonth: YearMonth { YearMonth(year: year, month: month) }

    /// The date `n` days later (earlier when negative).
    public func adding(days n: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + n) }

    /// Days from `b` to `a`.
    public static func - (a: CalendarDate, b: CalendarDate) -> Int { a.dayNumber - b.dayNumber }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public var description: String {
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
