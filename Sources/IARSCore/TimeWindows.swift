import Foundation
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
        s.budget.monthly = s.budget.monthly.map { Array($0.prefix(months)) }
        return s
    }
}

extension Planner {
    /// A plan made window by window (see ``planByWindows(_:model:deadline:clock:maximumWindows:)``).
    struct WindowedPlan {
        /// One value per column of the whole scenario's model; only months `1...months`
        /// are planned when the windows stopped early.
        var values: [Double]
        /// The months planned: the whole horizon, or fewer when a window found no plan in
        /// its time (the rules' plan, ``greedyPlan(_:prefix:targets:bound:deadline:verbose:)``, completes it).
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
    /// scenario, quickly (``solveLexicographic`` with `quick`), in an even share of the
    /// time left or a quarter of the whole, whichever is more. Months beyond are not seen, so the plan is a good one rather than an
    /// optimal one: the incumbent the exact search starts from, and what a run returns
    /// when its time limit comes before the exact search finds a plan
    /// (docs/formulation.md, "Large plans under a time limit").
    ///
    /// - Returns: the months planned before a window found no plan in its time (or the
    ///   months already fixed left it without one), or `nil` when the first window found none.
    ///
    /// - Parameter maximumWindows: stop after this many windows, as if the time had run out (tests).
    func planByWindows(_ scenario: Scenario, model full: PlanModel, deadline: ContinuousClock.Instant,
                       clock: ContinuousClock, maximumWindows: Int? = nil) throws -> WindowedPlan? {
        let T = scenario.months
        let perMonth = max(1, full.model.columns.count / T)
        let width = max(1, min(T, windowColumns / perMonth))
        let count = (T + width - 1) / width
        // At least four months ahead, and more than the longest processing time: enough to
        // see shrinking beds before the cases admitted now can leave.
        let ahead = max(width, 4, (scenario.groups.map(\.processingMonths).max() ?? 0) + 2)
        let budget = (deadline - clock.now).inSeconds
        var fixed: [String: Double] = [:]
        var solverSeconds = 0.0
        var last: (model: PlanModel, values: [Double], end: Int, windows: Int)? = nil
        for k in 0..<min(count, maximumWindows ?? count) {
            let first = k * width + 1
            let end = min(T, first + width - 1)
            let left = (deadline - clock.now).inSeconds
            if left <= 0.05 { break }
            // An even share of the time left, but at least a quarter of the whole: where the
            // windows cannot all be planned in time (80 x 40 x 60), the first ones are, and the
            // rules complete the plan.
            let share = min(left, max(left / Double(count - k), budget / 4))
            let windowDeadline = clock.now + .milliseconds(Int64(1000 * share))
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
            let outcome = try solveLexicographic(model, levels: pm.levels, integer: true, deadline: windowDeadline,
                                                 clock: clock, branchingPriority: pm.columnMonth, quick: true)
            solverSeconds += outcome.solverSeconds
            if verbose {
                print("window \(k + 1) of \(count) (months \(first)-\(end)): \(outcome.values == nil ? "no plan" : "a plan") (\(outcome.status), \(String(format: "%.2f", outcome.seconds.reduce(0, +))) s)")
            }
            guard let x = outcome.values else { break }
            for (j, column) in model.columns.enumerated() where column.isInteger && (first...end).contains(pm.columnMonth[j]) {
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

    /// The first level's LP relaxation, on a thread of its own while the time windows run
    /// on the caller's: a bound for the gap of the windows' plan when the exact steps do
    /// not finish the relaxation in the time the windows leave them (40 x 20 x 36: the
    /// relaxation takes about 100 s, the windows about 2 minutes).
    final class SideBound: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Double?
        private let done = DispatchGroup()

        /// Starts the relaxation of `level` on `model` on a new thread, stopping at `deadline`.
        init(model: LinearModel, level: PlanModel.Level, deadline: ContinuousClock.Instant) {
            done.enter()
            let thread = Thread { [self] in
                let bound = Self.relaxation(model, level: level, deadline: deadline)
                lock.lock()
                value = bound
                lock.unlock()
                done.leave()
            }
            thread.stackSize = 16 << 20
            thread.start()
        }

        /// Waits for the thread; the relaxation's optimum, or `nil` if it was not solved in time.
        func wait() -> Double? {
            done.wait()
            lock.lock(); defer { lock.unlock() }
            return value
        }

        static func relaxation(_ model: LinearModel, level: PlanModel.Level, deadline: ContinuousClock.Instant) -> Double? {
            defer { GLPKSolver.releaseThreadEnvironment() }
            // the planner's own settings for a first level's LP (primal simplex, no presolve)
            return Planner.relaxationOptimum(model, level: level, deadline: deadline) {
                $0.presolve = false
                $0.method = .primal
            }
        }
    }

    /// The optimum of `level` over `model` with integrality relaxed, solved on the calling
    /// thread by `deadline` with GLPK's settings changed by `configure`; `nil` when it is
    /// not solved in time.
    static func relaxationOptimum(_ model: LinearModel, level: PlanModel.Level, deadline: ContinuousClock.Instant,
                                  configure: (inout SolveOptions) -> Void = { _ in }) -> Double? {
        relaxation(model, level: level, deadline: deadline, configure: configure)?.objective
    }

    /// ``relaxationOptimum(_:level:deadline:configure:)`` with the optimal point.
    static func relaxation(_ model: LinearModel, level: PlanModel.Level, deadline: ContinuousClock.Instant,
                           configure: (inout SolveOptions) -> Void = { _ in }) -> (objective: Double, values: [Double])? {
        do {
            var problem = try GLPKProblem(model)
            try problem.setObjective(level.coefficients, constant: level.constant)
            var options = SolveOptions()
            options.relaxIntegrality = true
            configure(&options)
            let left = (deadline - ContinuousClock.now).inSeconds
            guard left > 0.01 else { return nil }
            options.timeLimit = left
            let s = try problem.solve(options: options)
            guard s.status == .optimal, let z = s.objective else { return nil }
            return (z, s.values)
        } catch {
            return nil
        }
    }
}

extension Scenario {
    /// The scenario with its shelters merged into one (beds summed month by month, the
    /// cheapest bed-night cost, every group any shelter accepts, every provider that serves
    /// any shelter): a relaxation, since every plan of the scenario is a plan of the merged
    /// one with the same unmet cases and no higher cost. Its LP is tiny (no shelter index).
    func mergedShelters() -> Scenario {
        var s = self
        let ids = Set(shelters.map(\.id))
        let id = "all-shelters"
        var beds = [Int](repeating: 0, count: months)
        for sh in shelters { for t in 0..<months { beds[t] += sh.beds[t] } }
        var accepts: [String] = []
        var seen = Set<String>()
        for sh in shelters { for g in sh.accepts where seen.insert(g).inserted { accepts.append(g) } }
        s.shelters = [Shelter(id: id, beds: beds, bedNightCost: shelters.map(\.bedNightCost).min() ?? 0, accepts: accepts)]
        for i in s.medical.indices { s.medical[i].serves = s.medical[i].serves.contains(where: ids.contains) ? [id] : [] }
        for i in s.groups.indices { for j in s.groups[i].initial.indices { s.groups[i].initial[j].shelter = id } }
        s.options.integer = false
        return s
    }
}

extension Planner {
    /// The merged-shelter relaxation's LP optimum (``Scenario/mergedShelters()``) of the
    /// unmet level, and the admissions per group and month at that optimum.
    struct MergedRelaxation {
        /// A lower bound of the unmet level.
        var bound: Double
        /// admitted[g][t-1]: the group's admissions in month t (fractions).
        var admitted: [[Double]]
    }

    /// The merged-shelter relaxation, solved on the calling thread by `deadline`: at 40 x
    /// 20 x 36 its bound equals the whole model's LP bound (278) in a fraction of a second,
    /// where the whole LP takes about 100 s; `nil` when it is not solved in time.
    static func mergedRelaxation(_ scenario: Scenario, deadline: ContinuousClock.Instant) -> MergedRelaxation? {
        let pm = PlanModel(scenario: scenario.mergedShelters())
        var admitted = scenario.groups.map { _ in [Double](repeating: 0, count: scenario.months) }
        guard !pm.model.columns.isEmpty else { return pm.levels.first.map { MergedRelaxation(bound: $0.constant, admitted: admitted) } }
        guard let r = relaxation(pm.model, level: pm.levels[0], deadline: deadline) else { return nil }
        for (p, pair) in pm.pairs.enumerated() {
            for (t, j) in pm.admit[p].enumerated() where j >= 0 { admitted[pair.g][t] += r.values[j] }
        }
        return MergedRelaxation(bound: r.objective, admitted: admitted)
    }

    /// A lower bound of the waiting level, given the proven optimum `unmet` of the unmet
    /// level: the merged-shelter relaxation's least waiting with at most `unmet` unmet. Every
    /// plan optimal in unmet is a merged plan with the same unmet and waiting (the merged
    /// waiting of a country is the sum over its shelters), so none waits less. At 40 x 20 x
    /// 36: about 909 person-months in a fraction of a second, the whole LP's bound.
    static func mergedWaitingBound(_ scenario: Scenario, unmet: Double, deadline: ContinuousClock.Instant) -> Double? {
        let pm = PlanModel(scenario: scenario.mergedShelters())
        guard !pm.model.columns.isEmpty else { return nil }
        var model = pm.model
        let level = pm.levels[0]
        var terms: [(Int, Double)] = []
        for (j, a) in level.coefficients.enumerated() where a != 0 { terms.append((j, a)) }
        model.addRow(name: "keep.unmet", upper: unmet - level.constant + 1e-6 * max(1, abs(unmet)), terms: terms)
        return relaxationOptimum(model, level: pm.levels[1], deadline: deadline)
    }
}
