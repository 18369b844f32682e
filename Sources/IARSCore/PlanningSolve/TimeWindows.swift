import Foundation
import IARSInput
import LinearProgramming

extension Scenario {
    /// The scenario's first `months` months: every monthly series is cut there. Initial
    /// cases ready later stay in their shelters and are not ready within the shorter horizon.
    func truncated(to months: Int) -> Scenario {
        precondition((1...self.months).contains(months), "months must lie within the horizon")
        var s = self
        s.months = months
        for i in s.groups.indices { s.groups[i].arrivals = Array(s.groups[i].arrivals.prefix(months)) }
        for i in s.shelters.indices { s.shelters[i].beds = Array(s.shelters[i].beds.prefix(months)) }
        for i in s.medical.indices { s.medical[i].slots = Array(s.medical[i].slots.prefix(months)) }
        for i in s.routes.indices { s.routes[i].departures = Array(s.routes[i].departures.prefix(months)) }
        for i in s.partners.indices { s.partners[i].slots = Array(s.partners[i].slots.prefix(months)) }
        for i in s.services.indices { s.services[i].capacity = Array(s.services[i].capacity.prefix(months)) }
        s.budget.monthly = s.budget.monthly.map { Array($0.prefix(months)) }
        return s
    }
}

/// The months a time window decides and the months relaxed to fractions after it.
public struct WindowShape: Equatable, Sendable {
    public var months: Int
    public var ahead: Int

    public init(_ months: Int, _ ahead: Int) {
        self.months = months
        self.ahead = ahead
    }
}

extension Planner {
    /// A plan made window by window (see ``planByWindows(_:model:budget:shape:maximumWindows:)``).
    struct WindowedPlan {
        /// One value per column of the whole scenario's model; only months `1...months`
        /// are planned when the windows stopped early.
        var values: [Double]
        /// The months planned: the whole horizon, or fewer when a window found no plan in
        /// its time (the rules' plan, ``rulesPlan(_:prefix:targets:onlyGuided:bound:budget:verbose:)``, completes it).
        var months: Int
        var windows: Int
        var solverSeconds: Double
    }

    /// A first plan of a large integer scenario, made a few months at a time (relax and
    /// fix over a rolling horizon). Window k decides its months in whole numbers, with
    /// every earlier month's integer columns fixed at the plan of the windows before and
    /// the next months (as many again, at least four and more than the longest
    /// processing time) relaxed to fractions, so that it sees beds that shrink and
    /// budgets that run out. Each window is solved lexicographically like the whole
    /// scenario, quickly (``solveLexicographic`` with `diveOnly`), in an even share of the
    /// time left or a quarter of the whole, whichever is more. Months beyond are not seen, so the plan is a good one rather than an
    /// optimal one: the incumbent the exact search starts from, and what a run returns
    /// when its time limit comes before the exact search finds a plan
    /// (docs/formulation.md, "Large plans under a time limit").
    ///
    /// - Returns: the months planned before a window found no plan in its time (or the
    ///   months already fixed left it without one), or `nil` when the first window found none.
    ///
    /// - Parameters:
    ///   - shape: the months each window decides and the months relaxed after it (nil:
    ///     ``SolvePolicy/windowColumns`` columns a window and the lookahead below).
    ///   - maximumWindows: stop after this many windows, as if the time had run out (tests).
    func planByWindows(
        _ scenario: Scenario, model full: PlanModel, budget: WorkBudget,
        shape: WindowShape? = nil, maximumWindows: Int? = nil
    ) throws -> WindowedPlan? {
        let T = scenario.months
        let perMonth = max(1, full.model.columns.count / T)
        let width = max(1, min(T, shape?.months ?? policy.windowColumns / perMonth))
        let count = (T + width - 1) / width
        // At least four months ahead, and more than the longest processing time: enough to
        // see shrinking beds before the cases admitted now can leave.
        let ahead = shape?.ahead ?? max(width, 4, (scenario.groups.map(\.processingMonths).max() ?? 0) + 2)
        let whole = budget.left
        var fixed: [String: Double] = [:]
        var solverSeconds = 0.0
        var last: (model: PlanModel, values: [Double], end: Int, windows: Int)? = nil
        for k in 0..<min(count, maximumWindows ?? count) {
            let first = k * width + 1
            let end = min(T, first + width - 1)
            if budget.exhausted != nil { break }
            let left = budget.left
            // An even share of the effort left, but at least a quarter of the whole: where the
            // windows cannot all be planned in it (80 x 40 x 60), the first ones are, and the
            // rules complete the plan.
            let windowBudget = budget.capped(max(left / (count - k), whole / 4))
            let pm = PlanModel(scenario: scenario.truncated(to: min(T, end + ahead)))
            var model = pm.model
            for (j, column) in model.columns.enumerated() {
                let month = pm.columnMonth[j]
                if (1..<first).contains(month) {
                    // Integer columns are fixed; continuous ones (flows, screenings, partners'
                    // cases) follow them. Fixing those too, at values a solver computed, left
                    // rows off by 1e-7 that GLPK then called infeasible.
                    if column.isInteger {
                        let v = (fixed[column.name] ?? 0).rounded()
                        model.setBounds(column: j, lower: v, upper: v)
                    }
                } else if column.isInteger && !(first...end).contains(month) {
                    model.setInteger(column: j, false)
                }
            }
            let outcome = try solveLexicographic(
                model, levels: pm.levels, integer: true, budget: windowBudget,
                branchingPriority: pm.columnMonth, diveOnly: true)
            solverSeconds += outcome.solverSeconds
            if verbose {
                print(
                    "window \(k + 1) of \(count) (months \(first)-\(end)): \(outcome.values == nil ? "no plan" : "a plan") (\(outcome.status), \(String(format: "%.2f", outcome.seconds.reduce(0, +))) s)"
                )
            }
            guard let x = outcome.values else { break }
            for (j, column) in model.columns.enumerated()
            where column.isInteger && (first...end).contains(pm.columnMonth[j]) {
                fixed[column.name] = x[j]
            }
            last = (pm, x, end, k + 1)
        }
        guard let last else { return nil }
        // The last window planned has every column of the months up to its end (the whole
        // model's columns, integrality aside, when it ends the horizon).
        var index: [String: Int] = [:]
        for (j, column) in last.model.model.columns.enumerated() { index[column.name] = j }
        var values = [Double](repeating: 0, count: full.model.columns.count)
        for (j, column) in full.model.columns.enumerated() where full.columnMonth[j] <= last.end {
            guard let i = index[column.name] else { return nil }
            values[j] = last.values[i]
        }
        return WindowedPlan(values: values, months: last.end, windows: last.windows, solverSeconds: solverSeconds)
    }

    /// The first level's later plans (``SolvePolicy/laterWindows``): one plan a few months
    /// at a time per shape, in an even share of `budget` left, for an integer plan small
    /// enough to have had no time windows in its first plan. Plans the windows did not finish
    /// are left out. `nil` where there are none to make.
    func laterPlans(_ pm: PlanModel) -> LexicographicSolver.LaterPlans? {
        let scenario = pm.scenario
        guard scenario.options.integer, scenario.months > 1, !policy.laterWindows.isEmpty,
            pm.model.columns.count <= policy.windowsAboveColumns
        else { return nil }
        // The windows' own steps are not shown: one line per plan.
        var quiet = self
        quiet.verbose = false
        return { [verbose] budget in
            // (The windows' values are other models': the progress line shows units only.)
            try budget.meter.unitsOnly { try quiet.laterWindowPlans(pm, budget: budget, verbose: verbose) }
        }
    }

    /// The plans of ``laterPlans(_:)``, one per shape (`verbose`: one line each).
    func laterWindowPlans(_ pm: PlanModel, budget: WorkBudget, verbose: Bool) throws -> [[Double]] {
        let scenario = pm.scenario
        var plans: [[Double]] = []
        let shapes = policy.laterWindows
        for (k, shape) in shapes.enumerated() {
            if budget.exhausted != nil { break }
            let share = budget.share(1 / Double(shapes.count - k))
            guard let w = try planByWindows(scenario, model: pm, budget: share, shape: shape),
                w.months == scenario.months
            else { continue }
            if verbose {
                print(
                    "later plan, \(shape.months) months a window, \(shape.ahead) ahead: unmet \(pm.levels[0].value(at: w.values))"
                )
            }
            plans.append(w.values)
        }
        return plans
    }
}
