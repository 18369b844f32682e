/// Plans against what happened (`iars history forecast`, docs/batch.md, "Forecasts
/// against actuals"): for each office of the weekly loop (a plan job run from its
/// caseload), each month's actual counts beside what the earlier runs' plans forecast
/// for that month, and how far off they were.
///
/// The actual of a month is the caseload of the office's last run whose as-of date lies
/// in that month (the nearest the history has to the month's end, where a plan's month
/// figures stand; not `final` while the office has no run in a later month):
/// `in_shelter` against the plan's `in_shelter`, `ready` (ready on the as-of date, still
/// in shelter) against the plan's `waiting` (ready but still in shelter at the end of the
/// month). Every run with an earlier as-of date whose plan covers the
/// month made a forecast of it, `weeks_ahead` (days between the as-of dates / 7, rounded)
/// and `months_ahead` (calendar months between them) earlier. Error = forecast - actual.
/// Several runs on one as-of date (a re-run, `--force`): the last finished counts.
public struct ForecastReport: Sendable, Equatable {
    public var offices: [Office]

    public struct Office: Sendable, Equatable {
        /// The job's name (`tirana-office/scenario.yaml`, `INPUT#VARIANT`).
        public var office: String
        public var scenario: String
        /// From the first month with an actual or a forecast to the last, in order.
        public var months: [Month]
        public var summary: Summary
    }

    public struct Month: Sendable, Equatable {
        /// `YYYY-MM`.
        public var month: String
        /// nil: no run's as-of date lies in this month (yet).
        public var actual: Actual?
        /// Oldest first.
        public var forecasts: [Forecast]
    }

    public struct Actual: Sendable, Equatable {
        public var asOf: String
        public var runID: String
        /// False while no run of the office has a later month's date: a later run of this
        /// month may still replace this actual (and change its forecasts' errors).
        public var final: Bool = true
        public var inShelter: Int
        public var ready: Int
        public var waiting: Int
        public var groups: [GroupActual]
    }

    public struct Forecast: Sendable, Equatable {
        /// The as-of date of the run that made it.
        public var asOf: String
        public var runID: String
        /// Before the actual's as-of date (nil when the month has no actual yet).
        public var weeksAhead: Int?
        /// Calendar months from the run's as-of month to this month.
        public var monthsAhead: Int
        public var inShelter: Double
        public var ready: Double
        /// forecast - actual (nil without an actual).
        public var errorInShelter: Double?
        public var errorReady: Double?
    }

    /// How far off the forecasts held against an actual were (means over them; nil when none).
    public struct Summary: Sendable, Equatable {
        public var forecasts: Int
        public var meanAbsErrorInShelter: Double?
        /// Mean of forecast - actual: above 0, the plans expected more people than came.
        public var biasInShelter: Double?
        public var maxAbsErrorInShelter: Double?
        public var meanAbsErrorReady: Double?
        public var biasReady: Double?
        public var byMonthsAhead: [Lead]
    }

    public struct Lead: Sendable, Equatable {
        public var monthsAhead: Int
        public var forecasts: Int
        public var meanAbsErrorInShelter: Double
        public var meanAbsErrorReady: Double
    }
}

public enum HistoryForecast {
    /// The report over `runs` (any order): plan runs with an as-of date, per office.
    public static func report(_ runs: [RunRecord]) -> ForecastReport {
        let weekly = runs.filter { $0.kind == "plan" && $0.asOf != nil }
        let offices = Dictionary(grouping: weekly, by: \.displayName)
        return ForecastReport(offices: offices.keys.sorted().map { office(offices[$0]!) })
    }

    /// One office: its runs, one per as-of date (the last finished), oldest first.
    static func office(_ runs: [RunRecord]) -> ForecastReport.Office {
        var byDate: [String: RunRecord] = [:]
        for r in runs.sorted(by: { ($0.finishedAt, $0.runID) < ($1.finishedAt, $1.runID) }) { byDate[r.asOf!] = r }
        let ordered = byDate.keys.sorted().map { byDate[$0]! }
        var actuals: [String: ForecastReport.Actual] = [:]
        for r in ordered where !r.actuals.isEmpty {
            // later dates of the month replace earlier ones
            actuals[String(r.asOf!.prefix(7))] = ForecastReport.Actual(
                asOf: r.asOf!, runID: r.runID, inShelter: r.actuals.reduce(0) { $0 + $1.inShelter },
                ready: r.actuals.reduce(0) { $0 + $1.ready }, waiting: r.actuals.reduce(0) { $0 + $1.waiting },
                groups: r.actuals)
        }
        if let lastMonth = ordered.last.map({ String($0.asOf!.prefix(7)) }) { actuals[lastMonth]?.final = false }
        let monthNames = Set(actuals.keys).union(ordered.flatMap { $0.months.map(\.month) }).sorted()
        let months = monthNames.map { m in
            let actual = actuals[m]
            let forecasts = ordered.compactMap { r -> ForecastReport.Forecast? in
                guard let asOf = r.asOf, actual.map({ asOf < $0.asOf }) ?? true,
                    let pm = r.months.first(where: { $0.month == m })
                else { return nil }
                return forecast(r, asOf: asOf, pm, actual: actual)
            }
            return ForecastReport.Month(month: m, actual: actual, forecasts: forecasts)
        }
        let last = ordered.last!
        return ForecastReport.Office(
            office: last.displayName, scenario: last.scenario, months: months, summary: summary(months))
    }

    static func forecast(_ r: RunRecord, asOf: String, _ pm: MonthMetrics, actual: ForecastReport.Actual?)
        -> ForecastReport.Forecast
    {
        var weeks: Int?
        if let actual, let a = dayNumber(actual.asOf), let b = dayNumber(asOf) { weeks = (a - b + 3) / 7 }
        return ForecastReport.Forecast(
            asOf: asOf, runID: r.runID, weeksAhead: weeks, monthsAhead: monthNumber(pm.month) - monthNumber(asOf),
            inShelter: pm.inShelter, ready: pm.waiting,
            errorInShelter: actual.map { pm.inShelter - Double($0.inShelter) },
            errorReady: actual.map { pm.waiting - Double($0.ready) })
    }

    static func summary(_ months: [ForecastReport.Month]) -> ForecastReport.Summary {
        let held = months.flatMap(\.forecasts).filter { $0.errorInShelter != nil }
        func mean(_ v: [Double]) -> Double? { v.isEmpty ? nil : v.reduce(0, +) / Double(v.count) }
        let e = held.map { $0.errorInShelter! }, r = held.map { $0.errorReady! }
        let leads = Dictionary(grouping: held, by: \.monthsAhead)
        return ForecastReport.Summary(
            forecasts: held.count, meanAbsErrorInShelter: mean(e.map(abs)), biasInShelter: mean(e),
            maxAbsErrorInShelter: e.map(abs).max(), meanAbsErrorReady: mean(r.map(abs)), biasReady: mean(r),
            byMonthsAhead: leads.keys.sorted().map { k in
                let f = leads[k]!
                return ForecastReport.Lead(
                    monthsAhead: k, forecasts: f.count,
                    meanAbsErrorInShelter: mean(f.map { abs($0.errorInShelter!) })!,
                    meanAbsErrorReady: mean(f.map { abs($0.errorReady!) })!)
            })
    }

    /// `YYYY-MM...` as year * 12 + month (0 when it is not one).
    static func monthNumber(_ s: String) -> Int {
        let p = s.split(separator: "-")
        guard p.count >= 2, let y = Int(p[0]), let m = Int(p[1]) else { return 0 }
        return y * 12 + m
    }

    /// Days since 1970-01-01 of `YYYY-MM-DD` (H. Hinnant's days_from_civil), nil when it is not one.
    static func dayNumber(_ s: String) -> Int? {
        let p = s.split(separator: "-")
        guard p.count == 3, var y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return nil }
        y -= m <= 2 ? 1 : 0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
