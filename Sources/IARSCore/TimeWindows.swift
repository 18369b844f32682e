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
    /// A plan made window by window (see ``planByWindows(_:model:budget:maximumWindows:)``).
    struct WindowedPlan {
        /// One value per column of the whole scenario's model; only months `1...months`
        /// are planned when the windows stopped early.
        var values: [Double]
        /// The months planned: the whole horizon, or fewer when a window found no plan in
        /// its time (the rules' plan, ``greedyPlan(_:prefix:targets:onlyGuided:bound:budget:verbose:)``, completes it).
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
    func planByWindows(_ scenario: Scenario, model full: PlanModel, budget: WorkBudget,
                       maximumWindows: Int? = nil) throws -> WindowedPlan? {
        let T = scenario.months
        let perMonth = max(1, full.model.columns.count / T)
        let width = max(1, min(T, policy.windowColumns / perMonth))
        let count = (T + width - 1) / width
        // At least four months ahead, and more than the longest processing time: enough to
        // see shrinking beds before the cases admitted now can leave.
        let ahead = max(width, 4, (scenario.groups.map(\.processingMonths).max() ?? 0) + 2)
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
            let outcome = try solveLexicographic(model, levels: pm.levels, integer: true, budget: windowBudget,
                                                 branchingPriority: pm.columnMonth, quick: true)
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

        /// Starts the relaxation of `level` on `model` within `budget` (a detached one: its
        /// own meter), on a new thread when `thread` is true and else at once on the caller's;
        /// the bound is the same either way.
        init(model: LinearModel, level: PlanModel.Level, budget: WorkBudget, thread: Bool = true,
             configure: @escaping @Sendable (inout SolveOptions) -> Void = { _ in }) {
            done.enter()
            guard thread else {
                value = Planner.relaxationOptimum(model, level: level, budget: budget, configure: configure)
                done.leave()
                return
            }
            let thread = Thread { [self] in
                defer { GLPKSolver.releaseThreadEnvironment() }
                let bound = Planner.relaxationOptimum(model, level: level, budget: budget, configure: configure)
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

        /// The planner's own settings for a first level's LP (primal simplex, no presolve).
        static let firstLevelSettings: @Sendable (inout SolveOptions) -> Void = {
            $0.presolve = false
            $0.method = .primal
        }
    }

    /// The optimum of `level` over `model` with integrality relaxed, solved on the calling
    /// thread within `budget` with GLPK's settings changed by `configure`; `nil` when it is
    /// not solved within it.
    static func relaxationOptimum(_ model: LinearModel, level: PlanModel.Level, budget: WorkBudget,
                                  configure: (inout SolveOptions) -> Void = { _ in }) -> Double? {
        relaxation(model, level: level, budget: budget, configure: configure)?.objective
    }

    /// ``relaxationOptimum(_:level:budget:configure:)`` with the optimal point.
    static func relaxation(_ model: LinearModel, level: PlanModel.Level, budget: WorkBudget,
                           configure: (inout SolveOptions) -> Void = { _ in }) -> (objective: Double, values: [Double], seconds: Double)? {
        do {
            var problem = try GLPKProblem(model)
            try problem.setObjective(level.coefficients, constant: level.constant)
            var options = SolveOptions()
            options.relaxIntegrality = true
            configure(&options)
            guard budget.exhausted == nil else { return nil }
            options.budget = budget
            let s = try problem.solve(options: options)
            guard s.status == .optimal, let z = s.objective else { return nil }
            return (z, s.values, s.seconds)
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
    /// unmet level (or of the waiting level, with unmet kept at its optimum), and the
    /// admissions per group and month at that optimum.
    struct MergedRelaxation {
        /// A lower bound of the level (unmet, or waiting).
        var bound: Double
        /// admitted[g][t-1]: the group's admissions in month t (fractions).
        var admitted: [[Double]]
        /// Time inside GLPK.
        var solverSeconds = 0.0
    }

    /// The merged-shelter relaxation, solved on the calling thread within `budget`: at 40 x
    /// 20 x 36 its bound equals the whole model's LP bound (278) in a fraction of a second,
    /// where the whole LP takes about 100 s; `nil` when it is not solved in time.
    ///
    /// With `unmet`, the proven optimum of the unmet level, it is the waiting level's: the
    /// least merged waiting with at most `unmet` unmet. Every plan optimal in unmet is a
    /// merged plan with the same unmet and waiting (the merged waiting of a country is the
    /// sum over its shelters), so none waits less. At 40 x 20 x 36: about 909
    /// person-months in a fraction of a second, the whole LP's bound. (Used where the merged
    /// integer plan is not: an LP relaxation, or no time for it.)
    func mergedRelaxation(_ scenario: Scenario, unmet: Double? = nil, budget: WorkBudget) -> MergedRelaxation? {
        let pm = PlanModel(scenario: scenario.mergedShelters())
        var admitted = scenario.groups.map { _ in [Double](repeating: 0, count: scenario.months) }
        guard !pm.model.columns.isEmpty else {
            return unmet == nil ? pm.levels.first.map { MergedRelaxation(bound: $0.constant, admitted: admitted) } : nil
        }
        var model = pm.model
        var level = pm.levels[0]
        if let unmet {
            model.addRow(name: "keep.unmet", upper: keepUpper(level, at: unmet), terms: level.terms)
            level = pm.levels[1]
        }
        guard let r = Self.relaxation(model, level: level, budget: budget) else { return nil }
        for (p, pair) in pm.pairs.enumerated() {
            for (t, j) in pm.admit[p].enumerated() where j >= 0 { admitted[pair.g][t] += r.values[j] }
        }
        return MergedRelaxation(bound: r.objective, admitted: admitted, solverSeconds: r.seconds)
    }
}

extension Planner {
    /// The merged-shelter scenario solved as an integer plan, unmet then waiting (the
    /// lexicographic steps, on a model with no shelter index), and a bound of its cost.
    struct MergedIntegerPlan {
        /// The merged plan's least unmet: a lower bound of the unmet level, and often its
        /// optimum (47 at 15 x 8 x 24, where the merged LP's bound is 46.5).
        var unmet: Double
        /// The least waiting with unmet at `unmet`, when proven: a lower bound of the
        /// waiting level once the unmet level's optimum is proven equal to `unmet`.
        var waiting: Double?
        /// With `waiting`: a model whose LP optimum is a lower bound of the least merged cost
        /// with unmet and waiting at theirs, so of the cost level once the earlier levels'
        /// optima are proven the same. Its LP takes longer than the rest (about 0.3 s at 40 x
        /// 20 x 36), so the caller decides where to solve it.
        var cost: (model: LinearModel, level: PlanModel.Level)?
        /// admitted[g][t-1]: the merged plan's admissions of the group in month t (whole
        /// cases), for the rules to follow.
        var admitted: [[Double]]
        /// Time inside GLPK.
        var solverSeconds = 0.0
    }

    /// ``MergedIntegerPlan`` within `budget`, or `nil` when its unmet level is not proven
    /// within it. At 40 x 20 x 36 it takes under a second (278 unmet, 909 person-months), at 80
    /// x 40 x 60 about 3 s.
    ///
    /// The cost's model is the merged model with its shelter cost split back over the
    /// shelters (``splitShelterCost(merged:full:)``), the merged unmet and waiting kept.
    func mergedIntegerPlan(_ full: PlanModel, budget: WorkBudget) -> MergedIntegerPlan? {
        let scenario = full.scenario
        var merged = scenario.mergedShelters()
        merged.options.integer = true
        let pm = PlanModel(scenario: merged)
        guard !pm.model.columns.isEmpty, pm.levels.count == 3 else { return nil }
        var quiet = self
        quiet.verbose = false
        quiet.searchOptions.relativeGap = 0  // its optima are bounds: proven, not near
        // Unmet first, within its share and a cap in steps of the merged model; then waiting
        // from that plan, within a budget tied to what unmet took (the waiting bound pays only
        // where the merged unmet turns out to be the optimum; it used to take the whole share).
        let stepUnits = WorkMeter.unitsPerStep(rows: pm.model.rows.count, columns: pm.model.columns.count)
        let started = budget.used
        let (cap, overflow) = policy.mergedUnmetUnitsPerStep.multipliedReportingOverflow(by: stepUnits)
        guard let first = try? quiet.solveLexicographic(pm.model, levels: [pm.levels[0]], integer: true,
                                                        budget: overflow ? budget : budget.capped(cap),
                                                        branchingPriority: pm.columnMonth),
              let x1 = first.values, !x1.isEmpty, first.status == .optimal
        else {
            if verbose { print("merged-shelter integer plan: unmet not proven in \(budget.used - started) units (\(stepUnits) a step)") }
            return nil
        }
        let unmetUnits = budget.used - started
        let waitingCap = max(Double(policy.mergedWaitingUnits), policy.mergedWaitingFactor * Double(unmetUnits))
        let waitingBudget = budget.capped(waitingCap >= Double(Int.max / 2) ? Int.max / 2 : Int(waitingCap))
        var bounds = LevelBounds()
        bounds.bounds = [pm.levels[0].value(at: x1)]
        let second = try? quiet.solveLexicographic(pm.model, levels: Array(pm.levels.prefix(2)), integer: true,
                                                   budget: waitingBudget, firstPlans: [x1], knownBounds: bounds,
                                                   branchingPriority: pm.columnMonth)
        var outcome = first
        var x = x1
        if let second, let x2 = second.values, !x2.isEmpty,
           second.status == .optimal || (second.status == .feasible && second.stoppedLevel == pm.levels[1].name) {
            outcome = second
            x = x2
        } else {
            outcome.status = .feasible
        }
        if verbose {
            print("merged-shelter integer plan (\(stepUnits) units a step): unmet in \(unmetUnits) units, waiting \(outcome.status == .optimal ? "proven" : "not proven") in \(budget.used - started - unmetUnits) units")
        }
        var admitted = scenario.groups.map { _ in [Double](repeating: 0, count: scenario.months) }
        for (p, pair) in pm.pairs.enumerated() {
            for (t, j) in pm.admit[p].enumerated() where j >= 0 { admitted[pair.g][t] += x[j].rounded() }
        }
        let unmet = pm.levels[0].value(at: x)
        let waiting = outcome.status == .optimal ? pm.levels[1].value(at: x) : nil
        var cost: (model: LinearModel, level: PlanModel.Level)? = nil
        if let waiting {
            // the cost level, with the shelters' bed costs split back, unmet and waiting kept
            var split = Self.splitShelterCost(merged: pm, full: full)
            for (i, z) in [unmet, waiting].enumerated() {
                let level = split.levels[i]
                split.model.addRow(name: "keep.\(level.name)", upper: keepUpper(level, at: z), terms: level.terms)
            }
            cost = (split.model, split.levels[2])
        }
        return MergedIntegerPlan(unmet: unmet, waiting: waiting, cost: cost, admitted: admitted,
                                 solverSeconds: outcome.solverSeconds)
    }

    /// The merged-shelter model `merged` (of ``Scenario/mergedShelters()``) with the people
    /// in shelter split again over the shelters of `full`'s scenario, each within its own
    /// beds, and each shelter's bed nights at its own cost. The merged model puts everyone
    /// in the cheapest bed, a weak bound of the cost level (7.2 M against a plan of 12.9 M
    /// at 40 x 20 x 36); the split fills the cheap beds first and pays the rest at their
    /// price. Still a relaxation: a plan of the scenario, with its own people per shelter
    /// as the split, keeps every row and costs the same. (Admissions and returns stay
    /// merged: the split is not tied to them; budget rows keep the cheapest bed.)
    static func splitShelterCost(merged pm: PlanModel, full: PlanModel)
        -> (model: LinearModel, levels: [PlanModel.Level], columnMonth: [Int]) {
        var model = pm.model
        var levels = pm.levels
        var columnMonth = pm.columnMonth
        let sc = full.scenario
        let T = sc.months
        guard pm.scenario.shelters.count == 1, sc.shelters.count > 1, levels.count == 3, T >= 1 else {
            return (model, levels, columnMonth)
        }
        let days = (1...T).map { Double(sc.days($0)) }
        // bed nights of the people at the end of month t: half in month t, half in t + 1
        let nights = (1...T).map { t in 0.5 * (days[t - 1] + (t < T ? days[t] : 0)) }
        var initialAt = [Int](repeating: 0, count: sc.shelters.count)
        for (p, pr) in full.pairs.enumerated() { initialAt[pr.s] += full.initialCount[p] }
        let mergedInitial = pm.initialCount.reduce(0, +)
        var cost = levels[2]
        let cheapest = pm.scenario.shelters[0].bedNightCost
        for t in 1...T { cost.coefficients[pm.occ[0][t - 1]] -= cheapest * nights[t - 1] }
        cost.constant -= 0.5 * cheapest * days[0] * Double(mergedInitial)
        var y: [[Int]] = []
        for (s, sh) in sc.shelters.enumerated() {
            y.append((1...T).map { t in model.addColumn(name: "occ.split[\(sh.id),\(t)]") })
            columnMonth += Array(1...T)
            cost.constant += 0.5 * sh.bedNightCost * days[0] * Double(initialAt[s])
        }
        let added = model.columns.count - pm.model.columns.count
        for i in levels.indices { levels[i].coefficients += [Double](repeating: 0, count: added) }
        cost.coefficients += [Double](repeating: 0, count: added)
        for (s, sh) in sc.shelters.enumerated() {
            for t in 1...T {
                cost.coefficients[y[s][t - 1]] = sh.bedNightCost * nights[t - 1]
                var terms: [(Int, Double)] = [(y[s][t - 1], 0.5)]
                if t > 1 { terms.append((y[s][t - 2], 0.5)) }
                model.addRow(name: "beds.split[\(sh.id),\(t)]",
                             upper: Double(sh.beds[t - 1]) - (t == 1 ? 0.5 * Double(initialAt[s]) : 0), terms: terms)
            }
        }
        for t in 1...T {
            model.addRow(name: "occ.split[\(t)]", lower: 0, upper: 0,
                         terms: [(pm.occ[0][t - 1], -1.0)] + sc.shelters.indices.map { (y[$0][t - 1], 1.0) })
        }
        levels[2] = cost
        return (model, levels, columnMonth)
    }
}

extension Planner {
    /// Lower bounds of the levels from a relaxation solved lexicographically (the merged
    /// shelters'). The relaxation's bound of the first level holds as it is; a later
    /// level's was found with the earlier levels kept at the relaxation's optima, so it
    /// holds only when the model's optima of those levels are the same: every plan optimal
    /// in them is then a plan of the relaxation that keeps its rows, and none does better.
    struct LevelBounds {
        /// bounds[i]: a lower bound of level i, under the condition above; `nil` where none.
        var bounds: [Double?] = []
        /// optima[j]: the relaxation's optimum of level j that the later bounds assumed.
        var optima: [Double?] = []

        /// The bound of level `index`, given the model's optima `earlier` of the levels
        /// before it (the same as the relaxation's where `meets(earlier, optimum)`: the
        /// relaxation kept its levels with the planner's tolerance); `nil` when there is
        /// none or it does not hold.
        func bound(_ index: Int, earlier: [Double], meets: (Double, Double) -> Bool) -> Double? {
            guard index < bounds.count, let b = bounds[index], earlier.count >= index else { return nil }
            for j in 0..<index {
                guard j < optima.count, let o = optima[j], meets(earlier[j], o) else { return nil }
            }
            return b
        }
    }
}
