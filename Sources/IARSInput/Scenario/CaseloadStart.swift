/// Where a plan starts when it starts from the caseload (`iars plan --caseload
/// FILE --as-of DATE [--spent AMOUNT]`, docs/caseload-plan.md): the date, the
/// cases in shelter on it and what was already spent.
public struct CaseloadStart: Sendable, Equatable {
    /// The day the caseload describes; the plan starts in its month.
    public var asOf: CalendarDate
    /// The cases in shelter on `asOf` (``CaseloadReader/read(path:scenario:limits:)``).
    public var cases: [ReturnCase]
    /// The caseload file as the user named it (diagnostics name it and the row).
    public var casesFile: String
    /// Already spent of `budget.total`; nil leaves the total as it is.
    public var spent: Double?

    public init(asOf: CalendarDate, cases: [ReturnCase], casesFile: String, spent: Double? = nil) {
        self.asOf = asOf
        self.cases = cases
        self.casesFile = casesFile
        self.spent = spent
    }

    /// The arrivals of the as-of month still to come: `arrivals * daysLeft / daysInMonth`
    /// rounded to the nearest whole case, halves up, in integer arithmetic
    /// (`(2 * arrivals * daysLeft + daysInMonth) / (2 * daysInMonth)`), where `daysLeft`
    /// counts the as-of day itself.
    public static func remainingArrivals(_ arrivals: Int, daysLeft: Int, daysInMonth: Int) -> Int {
        (2 * arrivals * daysLeft + daysInMonth) / (2 * daysInMonth)
    }
}

extension Scenario {
    /// The scenario planned from `start`: the horizon from the as-of month to the
    /// scenario's last month, every monthly series sliced from that month, the
    /// as-of month's arrivals cut to the days left in it
    /// (``CaseloadStart/remainingArrivals(_:daysLeft:daysInMonth:)``), every group's
    /// `initial` replaced by its cases counted per shelter and ready month (month 1
    /// for a case ready on or before the as-of month), and `budget.total` less `spent`.
    ///
    /// - Parameter file: The scenario file as the user named it, for the messages.
    /// - Throws: ``InputError`` when the as-of date is outside the horizon, `spent` is
    ///   negative, above `budget.total` or given without one, or a case is at a shelter
    ///   that does not accept its group (named by file, row and column, never by case id).
    public func starting(from start: CaseloadStart, file: String) throws(InputError) -> Scenario {
        let offset = start.asOf.yearMonth.months(since: self.start)
        guard offset >= 0, offset < months else {
            throw InputError(
                file: file,
                message:
                    "--as-of \(start.asOf) is outside the horizon of the scenario "
                    + "(\(self.start) to \(calendarMonth(months)))")
        }
        let total = try budgetTotal(less: start.spent, file: file)
        let initial = try initialCases(start)
        var out = self
        out.start = start.asOf.yearMonth
        out.months = months - offset
        let daysInMonth = start.asOf.yearMonth.days
        let daysLeft = daysInMonth - start.asOf.day + 1
        for g in out.groups.indices {
            var arrivals = Array(groups[g].arrivals[offset...])
            arrivals[0] = CaseloadStart.remainingArrivals(arrivals[0], daysLeft: daysLeft, daysInMonth: daysInMonth)
            out.groups[g].arrivals = arrivals
            out.groups[g].initial = initial[groups[g].id] ?? []
        }
        for s in out.shelters.indices { out.shelters[s].beds = Array(shelters[s].beds[offset...]) }
        for m in out.medical.indices { out.medical[m].slots = Array(medical[m].slots[offset...]) }
        for r in out.routes.indices { out.routes[r].departures = Array(routes[r].departures[offset...]) }
        for p in out.partners.indices { out.partners[p].slots = Array(partners[p].slots[offset...]) }
        out.budget.monthly = budget.monthly.map { Array($0[offset...]) }
        out.budget.total = total
        out.startedFrom = start
        out.caseloadKeys = nil  // used up: the caseload is the start now
        return out
    }

    /// `budget.total` less `spent` (the total itself without `spent`).
    private func budgetTotal(less spent: Double?, file: String) throws(InputError) -> Double? {
        guard let spent else { return budget.total }
        guard spent.isFinite, spent >= 0 else {
            throw InputError(
                file: file, path: "budget.total", message: "--spent must be 0 or more, got \(formatNumber(spent))")
        }
        guard let total = budget.total else {
            throw InputError(
                file: file, path: "budget.total",
                message: "--spent needs a budget.total to take it from, and the scenario has none")
        }
        guard spent <= total else {
            throw InputError(
                file: file, path: "budget.total",
                message: "--spent \(formatNumber(spent)) is more than budget.total (\(formatNumber(total)))")
        }
        return total - spent
    }

    /// The cases of `start` as `initial` entries per group id: counts per shelter (in
    /// the scenario's order) and ready month (ascending).
    private func initialCases(_ start: CaseloadStart) throws(InputError) -> [String: [InitialCases]] {
        let shelterOrder = Dictionary(
            shelters.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let asOfMonth = start.asOf.yearMonth
        var counts: [String: [Key: Int]] = [:]
        let problems = shelterProblems(start.cases, file: start.casesFile)
        if !problems.isEmpty { throw InputError(problems) }
        for c in start.cases {
            let ready = max(1, c.readyDate.yearMonth.months(since: asOfMonth) + 1)
            counts[c.group, default: [:]][Key(shelter: shelterOrder[c.shelter] ?? 0, ready: ready), default: 0] += 1
        }
        return counts.mapValues { byKey in
            byKey.keys.sorted().map {
                InitialCases(shelter: shelters[$0.shelter].id, count: byKey[$0]!, readyMonth: $0.ready)
            }
        }
    }

    /// A case at a shelter that does not accept its group, one diagnostic per row (the
    /// caseload reader checks that both exist; this, what a plan needs on top).
    func shelterProblems(_ cases: [ReturnCase], file: String) -> [Diagnostic] {
        let accepts = Dictionary(shelters.map { ($0.id, Set($0.accepts)) }, uniquingKeysWith: { a, _ in a })
        return cases.filter { accepts[$0.shelter]?.contains($0.group) != true }.map { c in
            Diagnostic(
                file: file, line: c.row, path: "shelter",
                message: "shelter '\(c.shelter)' does not accept group '\(c.group)'")
        }
    }

    /// A shelter (its index) and a ready month.
    private struct Key: Hashable, Comparable {
        var shelter: Int
        var ready: Int
        static func < (a: Key, b: Key) -> Bool { (a.shelter, a.ready) < (b.shelter, b.ready) }
    }
}
