/// The figures a manager compares between options, from one plan: cases served
/// and unmet (by group), returns by country, waiting, cost, budget and bed use.
///
/// Every figure is a sum over a ``PlanResult`` (no re-solving), so it equals
/// what `iars plan` reports for the same scenario.
public struct PlanMetrics: Sendable, Equatable {
    /// A figure of one group or country.
    public struct Keyed: Sendable, Equatable {
        public var key: String
        public var value: Double
    }

    public var status: PlanResult.Status
    /// For a stopped plan (`feasible`, `time-limit`): the relative gap of the level that
    /// stopped (nil: unknown, no bound proven in time), that level and what stopped it.
    public var gap: Double?
    public var stoppedLevel: String?
    public var stoppedBy: StoppedBy?
    /// The three objective values; nil without a plan.
    public var objective: PlanResult.Objective?
    public var arrivals: Int
    /// Cases admitted (served), over the horizon.
    public var served: Double
    /// Arrivals not admitted (a count, not priority-weighted).
    public var unmet: Double
    public var servedByGroup: [Keyed]
    public var unmetByGroup: [Keyed]
    public var returned: Double
    /// Returns per country, sorted by country.
    public var returnedByCountry: [Keyed]
    /// Person-months ready to go home but still in shelter.
    public var waiting: Double
    public var cost: Double
    /// cost / served; nil when nobody is served.
    public var costPerCaseServed: Double?
    /// `budget.total`, if any.
    public var budgetTotal: Double?
    /// cost / budget.total (0...1); nil without a total budget.
    public var budgetUsed: Double?
    /// With monthly budgets: the sum of the months' caps, and the months whose cost reached
    /// the cap (within half a cent, as the plan's budget line counts them); nil without.
    public var budgetMonthly: Double?
    public var monthsAtBudgetCap: Int?
    /// Highest average occupancy / beds of any shelter in any month (0...1).
    public var peakBedUse: Double
    /// Mean over shelters and months (with beds) of average occupancy / beds (0...1).
    public var meanBedUse: Double
    /// Shelter-months at 100% of their beds.
    public var monthsFull: Int
    /// Per social service: its highest load / capacity in any month (0...1); empty without
    /// `services:`.
    public var peakServiceUse: [Keyed] = []

    /// Whether the plan is proven optimal (false for a stopped plan, or none).
    public var proven: Bool { status == .optimal }

    public init(_ r: PlanResult) {
        status = r.status
        let stopped = r.status == .feasible || r.status == .timeLimit
        gap = stopped ? r.gap : nil
        stoppedLevel = stopped ? r.stoppedLevel : nil
        stoppedBy = stopped ? r.stoppedBy : nil
        objective = r.objective
        arrivals = r.months.reduce(0) { $0 + $1.arrivals }
        served = r.months.reduce(0.0) { $0 + $1.admitted }
        unmet = r.months.reduce(0.0) { $0 + $1.unmet }
        servedByGroup = r.groups.map { g in .init(key: g.id, value: g.months.reduce(0.0) { $0 + $1.admitted }) }
        unmetByGroup = r.groups.map { g in .init(key: g.id, value: g.months.reduce(0.0) { $0 + $1.unmet }) }
        returned = r.months.reduce(0.0) { $0 + $1.returned }
        var byCountry: [String: Double] = [:]
        for g in r.groups { byCountry[g.country, default: 0] += g.months.reduce(0.0) { $0 + $1.returned } }
        returnedByCountry = byCountry.keys.sorted().map { .init(key: $0, value: byCountry[$0]!) }
        waiting = r.months.reduce(0.0) { $0 + $1.waiting }
        cost = r.months.reduce(0.0) { $0 + $1.cost }
        let served = served, cost = cost
        costPerCaseServed = served > 0 ? cost / served : nil
        budgetTotal = r.budgetTotal
        budgetUsed = r.budgetTotal.flatMap { $0 > 0 ? cost / $0 : nil }
        let caps = r.months.compactMap { m in m.budget.map { (m.cost, $0) } }
        if !caps.isEmpty {
            budgetMonthly = caps.reduce(0) { $0 + $1.1 }
            monthsAtBudgetCap = caps.filter { $0.0 >= $0.1 - 0.005 }.count
        }
        var peak = 0.0, sum = 0.0, n = 0, full = 0
        for s in r.shelters {
            for m in s.months where m.beds > 0 {
                let f = m.occupancy / Double(m.beds)
                peak = max(peak, f)
                sum += f
                n += 1
                if f >= 1 - 1e-9 { full += 1 }
            }
        }
        peakBedUse = peak
        meanBedUse = n > 0 ? sum / Double(n) : 0
        monthsFull = full
        peakServiceUse = r.services.map { v in
            .init(
                key: v.id,
                value: v.months.filter { $0.capacity > 0 }.map { $0.used / $0.capacity }.max() ?? 0)
        }
    }

    /// One figure, for tables and tidy outputs: `metric` alone for a total,
    /// with `key` (a group or country) for a breakdown.
    public struct Row: Sendable, Equatable, Hashable {
        public var metric: String
        public var key: String?

        public init(_ metric: String, _ key: String? = nil) {
            self.metric = metric
            self.key = key
        }
    }

    /// Every figure by ``Row``, in the order reports list them; values are nil
    /// when they do not exist (no plan, no budget, nobody served). Metric names:
    /// `served`, `unmet`, `unmet_weighted`, `returned`, `waiting`, `cost`,
    /// `cost_per_case_served`, `budget_total`, `budget_used`, with monthly budgets
    /// `budget_monthly` and `months_at_budget_cap`, `peak_bed_use`, `mean_bed_use`,
    /// `shelter_months_full`, and with services `peak_service_use` (the highest of them, and
    /// by service);
    /// `served`, `unmet` (key: group) and `returned` (key: country) also by key.
    public var rows: [(row: Row, value: Double?)] {
        let plan = objective != nil
        func v(_ x: Double?) -> Double? { plan ? x : nil }
        var out: [(Row, Double?)] = []
        out.append((Row("served"), v(served)))
        for g in servedByGroup { out.append((Row("served", g.key), v(g.value))) }
        out.append((Row("unmet"), v(unmet)))
        for g in unmetByGroup { out.append((Row("unmet", g.key), v(g.value))) }
        out.append((Row("unmet_weighted"), objective?.unmet))
        out.append((Row("returned"), v(returned)))
        for c in returnedByCountry { out.append((Row("returned", c.key), v(c.value))) }
        out.append((Row("waiting"), objective?.waiting))
        out.append((Row("cost"), objective?.cost))
        out.append((Row("cost_per_case_served"), v(costPerCaseServed)))
        out.append((Row("budget_total"), budgetTotal))
        out.append((Row("budget_used"), v(budgetUsed)))
        if let budgetMonthly {
            out.append((Row("budget_monthly"), budgetMonthly))
            out.append((Row("months_at_budget_cap"), v(monthsAtBudgetCap.map(Double.init))))
        }
        out.append((Row("peak_bed_use"), v(peakBedUse)))
        out.append((Row("mean_bed_use"), v(meanBedUse)))
        out.append((Row("shelter_months_full"), v(Double(monthsFull))))
        if !peakServiceUse.isEmpty {
            out.append((Row("peak_service_use"), v(peakServiceUse.map(\.value).max())))
            for u in peakServiceUse { out.append((Row("peak_service_use", u.key), v(u.value))) }
        }
        return out
    }
}

/// Several options planned side by side: the base and every variant of a file,
/// or the scenarios of several files (each with its variants). The first
/// option is the base every difference refers to.
public struct Comparison: Sendable {
    public struct Option: Sendable {
        /// `base` or the variant's name for one file; `SCENARIO` or `SCENARIO/VARIANT` for several.
        public var label: String
        public var file: String
        /// The variant's name; nil for a file's base scenario.
        public var variant: String?
        public var description: String?
        public var scenario: Scenario
        public var result: PlanResult
        public var metrics: PlanMetrics
    }

    public var options: [Option]

    /// The union of every option's rows, in first-seen order (variants may add groups or countries).
    public var rows: [PlanMetrics.Row] {
        var seen: Set<PlanMetrics.Row> = []
        var out: [PlanMetrics.Row] = []
        for o in options {
            for (row, _) in o.metrics.rows where seen.insert(row).inserted { out.append(row) }
        }
        return out
    }

    /// ``rows`` less those no planned option has a value for (a budget row when no option has
    /// a total budget, say): the rows a table for people shows. JSON and CSV keep every row,
    /// so their keys do not depend on the options. With no plan at all, every row stays.
    public var shownRows: [PlanMetrics.Row] {
        let planned = options.indices.filter { options[$0].result.hasPlan }
        guard !planned.isEmpty else { return rows }
        return rows.filter { row in planned.contains { value(row, option: $0) != nil } }
    }

    /// The value of `row` for option `i` (nil where it does not exist).
    public func value(_ row: PlanMetrics.Row, option i: Int) -> Double? {
        options[i].metrics.rows.first { $0.row == row }?.value ?? nil
    }

    /// Option `i`'s value minus the base's (nil when either is missing).
    public func difference(_ row: PlanMetrics.Row, option i: Int) -> Double? {
        guard let a = value(row, option: i), let b = value(row, option: 0) else { return nil }
        return a - b
    }

    /// Whether every option has a plan.
    public var allPlanned: Bool { options.allSatisfy { $0.result.hasPlan } }

    /// Plans every option of `sets` with `planner`, in order: each file's base, then its variants.
    ///
    /// - Parameter willPlan: told before each option is planned: its number (from 1), how many
    ///   there are, and its label (the command line's progress line).
    /// - Throws: only ``Planner``'s internal errors.
    public static func run(
        _ sets: [ScenarioSet], planner: Planner,
        willPlan: ((_ number: Int, _ count: Int, _ label: String) -> Void)? = nil
    ) throws -> Comparison {
        let several = sets.count > 1
        let count = sets.reduce(0) { $0 + 1 + $1.variants.count }
        var options: [Option] = []
        for set in sets {
            let baseLabel = several ? set.base.name : "base"
            var all: [(label: String, variant: String?, description: String?, scenario: Scenario)] =
                [(baseLabel, nil, set.base.description, set.base)]
            for v in set.variants {
                all.append((several ? set.base.name + "/" + v.name : v.name, v.name, v.description, v.scenario))
            }
            for o in all {
                willPlan?(options.count + 1, count, o.label)
                let r = try planner.plan(o.scenario)
                options.append(
                    Option(
                        label: o.label, file: set.file, variant: o.variant, description: o.description,
                        scenario: o.scenario, result: r, metrics: PlanMetrics(r)))
            }
        }
        return Comparison(options: options)
    }
}
