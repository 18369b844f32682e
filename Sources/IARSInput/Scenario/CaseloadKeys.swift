/// The `caseload:`, `as_of:` and `spent:` keys of a scenario file: the file's own
/// way of saying what `iars plan --caseload FILE --as-of DATE --spent AMOUNT` says
/// (docs/caseload-plan.md), so that an office's scenario names its caseload once and
/// the weekly `iars batch` plans from it. The flags override the keys one by one.
public struct CaseloadKeys: Sendable, Equatable {
    /// The caseload CSV, resolved against the scenario file's folder (as the schedule
    /// file's `cases:` is), so messages name it the way the user can open it.
    public var caseload: String
    /// The date of the caseload; nil leaves it to `--as-of` (or, in `iars batch`, to
    /// the run's date).
    public var asOf: CalendarDate?
    /// Already spent of `budget.total`; nil for nothing.
    public var spent: Double?

    public init(caseload: String, asOf: CalendarDate? = nil, spent: Double? = nil) {
        self.caseload = caseload
        self.asOf = asOf
        self.spent = spent
    }

    /// The keys as the scenario reader allows them at the top level.
    static let names = ["caseload", "as_of", "spent"]
}

/// Reads the three keys from a scenario document whose other keys have been read
/// (`scenario`, nil when they had errors: then the checks against the horizon and
/// the budget wait until those are right).
struct CaseloadKeyReader {
    let ck: Checker

    /// The keys, or nil when the file has no `caseload:` (then `as_of:` and `spent:`
    /// are errors: without a caseload nothing would use them) or when a key is wrong
    /// (recorded in `ck`).
    func read(_ root: DocumentNode, scenario: Scenario?) -> CaseloadKeys? {
        guard let entries = root.entries else { return nil }
        let top = Checker.Fields(node: root, path: .root, entries: entries)
        let caseload = ck.field(top, "caseload") { node, path -> String? in
            guard let s = ck.string(node, at: path) else { return nil }
            if s.trimmingCharacters(in: .whitespaces).isEmpty {
                ck.error("expected the path of a caseload CSV, got an empty string", at: path, node: node)
                return nil
            }
            return s
        }
        let asOf = ck.optionalField(top, "as_of") { node, path -> CalendarDate? in
            guard let text = ck.string(node, at: path, rule: .date), let date = CalendarDate(text) else { return nil }
            if let scenario { return inHorizon(date, scenario, node: node, path: path) }
            return date
        }
        let spent = ck.optionalField(top, "spent") { node, path -> Double? in
            guard let v = ck.number(node, at: path, min: 0, max: .init(ck.limits.maxBudget, "the cap on budgets"))
            else { return nil }
            return withinBudget(v, scenario, node: node, path: path)
        }
        guard top.has("caseload") else {
            for key in ["as_of", "spent"] where top.has(key) {
                ck.error(
                    "applies only with caseload: (the caseload CSV the plan starts from)", at: .root + key,
                    node: top[key]!)
            }
            return nil
        }
        guard let caseload, let asOf, let spent else { return nil }
        let folder = ScheduleLoader.folder(of: ck.file)
        return CaseloadKeys(caseload: ScheduleLoader.resolve(caseload, in: folder), asOf: asOf, spent: spent)
    }

    /// `date` when it lies in the scenario's horizon, else nil (and an error).
    private func inHorizon(_ date: CalendarDate, _ scenario: Scenario, node: DocumentNode, path: DocumentPath)
        -> CalendarDate?
    {
        let offset = date.yearMonth.months(since: scenario.start)
        guard offset >= 0, offset < scenario.months else {
            ck.error(
                "\(date) is outside the horizon of the scenario (\(scenario.start) to "
                    + "\(scenario.calendarMonth(scenario.months)))", at: path, node: node)
            return nil
        }
        return date
    }

    /// `spent` when the scenario has a `budget.total` of at least it, else nil (and an error).
    private func withinBudget(_ spent: Double, _ scenario: Scenario?, node: DocumentNode, path: DocumentPath)
        -> Double?
    {
        guard let scenario else { return spent }
        guard let total = scenario.budget.total else {
            ck.error("needs a budget.total to take it from, and the scenario has none", at: path, node: node)
            return nil
        }
        guard spent <= total else {
            ck.error(
                "\(formatNumber(spent)) is more than budget.total (\(formatNumber(total)))", at: path, node: node)
            return nil
        }
        return spent
    }
}

extension CaseloadStart {
    /// The start of `scenario` from the caseload, the flags (`--caseload`, `--as-of`,
    /// `--spent`) overriding the file's keys one by one; nil when neither names a caseload.
    ///
    /// - Parameters:
    ///   - file: The scenario file as the user named it (for the messages).
    ///   - runDate: The date when neither `--as-of` nor `as_of:` gives one (`iars batch`:
    ///     the run's date); nil makes a missing date an error.
    /// - Throws: ``InputError`` for `--as-of`/`--spent` without any caseload, a caseload
    ///   without a date, and every problem of the caseload (as `iars schedule` reads it).
    public static func resolve(
        scenario: Scenario, file: String, caseload: String?, asOf: CalendarDate?, spent: Double?,
        runDate: CalendarDate? = nil, limits: ReaderLimits = .init()
    ) throws(InputError) -> CaseloadStart? {
        let keys = scenario.caseloadKeys
        guard let path = caseload ?? keys?.caseload else {
            if asOf != nil || spent != nil {
                throw InputError(
                    file: file,
                    message:
                        "--as-of and --spent apply only with a caseload: --caseload FILE, or caseload: in the scenario")
            }
            return nil
        }
        guard let date = asOf ?? keys?.asOf ?? runDate else {
            throw InputError(
                file: file,
                message: "the caseload \(path) needs its date: --as-of YYYY-MM-DD, or as_of: in the scenario")
        }
        let read = CaseloadReader.read(path: path, scenario: scenario, limits: limits)
        if !read.diagnostics.isEmpty {
            // every problem at once: the rows the reader kept are checked against the shelters too
            let all = read.diagnostics + scenario.shelterProblems(read.cases, file: path)
            throw InputError(all.sorted { ($0.line ?? 0, $0.path) < ($1.line ?? 0, $1.path) })
        }
        return CaseloadStart(asOf: date, cases: read.cases, casesFile: path, spent: spent ?? keys?.spent)
    }
}
