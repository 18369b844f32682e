import Foundation
import LinearProgramming

/// Plans a scenario: builds ``PlanModel``, solves it lexicographically (unmet,
/// then waiting, then cost) on one GLPK problem, and turns the solution into a
/// ``PlanResult``.
public struct Planner: Sendable {
    /// A kept level may exceed its optimum by `relativeTolerance * |z| + absoluteTolerance`.
    public var relativeTolerance = 1e-9
    public var absoluteTolerance = 1e-7
    /// Overrides `options.time_limit_seconds` of the scenario when set.
    public var timeLimit: Double?
    /// Shows GLPK's own log on standard output.
    public var verbose = false
    /// The effort budget in work units (simplex iterations and branch-and-cut nodes);
    /// overrides `options.effort` of the scenario when set.
    public var effort: Int?
    /// Receives progress snapshots while the search runs (the command line's live line).
    public var trace: SolveTrace?
    /// Search settings for the integer levels.
    public var searchOptions = SolveOptions()
    /// Integer models with more columns than this, solved under a time limit, get a first
    /// plan by time windows (``planByWindows(_:model:deadline:clock:maximumWindows:)``) in
    /// at most 80% of the time left after the rules' plan; the 15 x 8 x 24 benchmark has
    /// 4,909 columns, 40 x 20 x 36 45,017.
    public var windowsAboveColumns = 20_000
    /// LP relaxations with more columns than this, solved under a time limit, get the cost
    /// polish (``polishCost(_:plan:deadline:)``) in at most 80% of the time left, as large
    /// integer plans do. At 40 x 20 x 36 (45,017 columns) the cost level's exact LP ends in
    /// 171 s and the polish would only delay it; at 80 x 40 x 60 (278,496) the crossover
    /// alone runs for more than 45 minutes, and the polish lowers the rules' cost by 3% in
    /// 90 s.
    public var lpPolishAboveColumns = 100_000
    /// LP relaxations with at most this many columns, solved under a time limit, are first
    /// solved exactly in at most half the time; only when that stops early do they get the
    /// first plan (``firstPlan(_:deadline:clock:forExport:)``) in the time left. Their
    /// simplex takes milliseconds to seconds (5 x 3 x 12: 380 columns, 4 ms; 15 x 8 x 24:
    /// 4,904, 0.7 s; 28 x 14 x 30: 17,574, 10-15 s, the same with or without the first
    /// plan), while the first plan's merged plans and rules take longer than the exact
    /// levels they spare at the smallest sizes (6 ms of a 20 ms run at 5 x 3 x 12).
    public var exactFirstLPColumns = 5_000
    /// About how many columns a time window plans at once.
    public var windowColumns = 2_500
    /// While the time windows run, solve the first level's LP relaxation on a second
    /// thread (on machines with two cores or more), for the gap of the windows' plan.
    public var boundOnSecondThread = true
    /// Told the column count, before the search, when a large integer plan (over
    /// ``windowsAboveColumns`` columns) runs without a time limit: such plans rarely finish,
    /// and the command line says so.
    public var largePlanWithoutLimit: (@Sendable (_ columns: Int) -> Void)? = nil

    public init(timeLimit: Double? = nil, verbose: Bool = false) {
        self.timeLimit = timeLimit
        self.verbose = verbose
    }

    /// Plans `scenario`.
    ///
    /// - Returns: the plan (status optimal or feasible), or a result with status
    ///   infeasible (with ``PlanResult/reasons``) or time-limit.
    /// - Throws: ``LinearProgrammingError`` only on an internal error (a model the
    ///   solver layer refuses); bad input is refused earlier by ``ScenarioLoader``.
    public func plan(_ scenario: Scenario) throws -> PlanResult {
        try plan(scenario, warmStart: nil).result
    }

    /// Plans `scenario`, trying `warmStart` (a plan of a similar scenario, e.g. the
    /// previous point of a sweep) as the first incumbent; also returns this plan as
    /// a warm start for the next scenario. See ``PlanWarmStart``.
    public func plan(_ scenario: Scenario, warmStart: PlanWarmStart?) throws -> (result: PlanResult, warmStart: PlanWarmStart?) {
        let clock = ContinuousClock()
        let started = clock.now
        let limit = timeLimit ?? scenario.options.timeLimitSeconds
        let deadline = solverDeadline(start: started, limit: limit)

        let pm = PlanModel(scenario: scenario)
        var result = PlanResult(scenario: scenario.name, status: .optimal, integer: scenario.options.integer,
                                objective: nil, budgetTotal: scenario.budget.total, currency: scenario.currency)
        result.size = .init(columns: pm.model.columns.count, rows: pm.model.rows.count,
                            nonzeros: pm.model.numberOfNonzeros,
                            integers: pm.model.columns.reduce(0) { $0 + ($1.isInteger ? 1 : 0) })
        result.timing.build = (clock.now - started).inSeconds

        if deadline == nil && scenario.options.integer && pm.model.columns.count > windowsAboveColumns {
            largePlanWithoutLimit?(pm.model.columns.count)
        }
        let start = warmStart.map { $0.point(for: pm.model) }
        // A small LP relaxation under a time limit is solved exactly first, in at most half
        // the time; it ends there unless the limit stopped it.
        var exact: LexOutcome? = nil
        var triedSeconds = 0.0
        var triedLevels: [Double] = []
        var triedPlan: [Double]? = nil
        if let deadline, !scenario.options.integer, pm.model.columns.count <= exactFirstLPColumns {
            let tried = try solveLexicographic(pm.model, levels: pm.levels, integer: false,
                                               deadline: clock.now + (deadline - clock.now) / 2, clock: clock,
                                               start: start, branchingPriority: pm.columnMonth)
            if tried.status == .optimal || tried.status == .infeasible {
                exact = tried
            } else {
                triedSeconds = tried.solverSeconds
                triedLevels = tried.seconds
                triedPlan = tried.values
                if verbose { print("the exact levels stopped at half the time limit; the first plan next") }
            }
        }
        // A plan under a time limit gets bounds and a first plan before the exact steps.
        var first = FirstPlan()
        if let deadline, exact == nil {
            first = try firstPlan(pm, deadline: deadline, clock: clock)
            result.timing.windows = first.seconds
            // (The stopped exact levels' point, where they had one, is a plan of the model too.)
            if let triedPlan { first.plans.append(triedPlan) }
        }
        var known = first.known

        var outcome = try exact ?? solveLexicographic(pm.model, levels: pm.levels, integer: scenario.options.integer,
                                                      deadline: deadline, clock: clock,
                                                      start: start,
                                                      firstPlans: first.plans, knownBounds: known,
                                                      branchingPriority: pm.columnMonth)
        // (Each level's time includes the stopped exact try's.)
        result.timing.levels = (0..<max(outcome.seconds.count, triedLevels.count)).map { i in
            (i < outcome.seconds.count ? outcome.seconds[i] : 0) + (i < triedLevels.count ? triedLevels[i] : 0)
        }
        result.timing.solver = outcome.solverSeconds + first.solverSeconds + triedSeconds
        // A level stopped: the merged-shelter relaxation's bound (where it holds), or in the
        // first level the relaxation solved beside the windows, may give a closer gap than
        // the exact steps' own. The threads beside end by the deadline at the latest, and
        // are waited for, so that none outlives the run.
        let side = first.sideBound?.wait()
        if let costSide = first.costSide {
            while known.bounds.count < 3 { known.bounds.append(nil) }
            known.bounds[2] = costSide.wait()
        }
        if let x = outcome.values, let i = pm.levels.firstIndex(where: { $0.name == outcome.stoppedLevel }) {
            let integer = scenario.options.integer
            var bounds = [known.bound(i, earlier: pm.levels.prefix(i).map { $0.value(at: x) },
                                      meets: { meetsBound($0, $1, integer: integer) })]
            if i == 0 { bounds.append(side) }
            if let b = bounds.compactMap({ $0 }).max() {
                let level = pm.levels[i]
                let unit = Self.objectiveUnit(level, isInteger: pm.model.columns.map(\.isInteger))
                let gap = Solution.relativeGap(objective: level.value(at: x), bound: Self.attainable(b, level: level, unit: unit))
                outcome.gap = min(outcome.gap ?? gap, gap)
            }
        }
        let extractStart = clock.now
        guard let x = outcome.values else {
            if outcome.status == .infeasible {
                result.status = .infeasible
                result.reasons = try explainInfeasibility(scenario)
            } else {
                result.status = .timeLimit
            }
            result.timing.extract = (clock.now - extractStart).inSeconds
            return (result, nil)
        }
        result.status = outcome.status == .optimal ? .optimal : .feasible
        result.gap = outcome.gap
        result.stoppedLevel = outcome.stoppedLevel
        PlanEvaluator(model: pm, values: x).fill(&result)
        result.endOfHorizon = EndOfHorizon(result, scenario: scenario)
        result.timing.extract = (clock.now - extractStart).inSeconds
        return (result, PlanWarmStart(model: pm.model, values: x))
    }

    /// The bounds and first plans of ``firstPlan(_:deadline:clock:forExport:)``.
    struct FirstPlan {
        /// Plans of the model (checked by the caller), for the first level's incumbent.
        var plans: [[Double]] = []
        /// Bounds of the levels from the merged-shelter relaxation.
        var known = LevelBounds()
        /// The first level's LP relaxation, on a second thread beside the time windows.
        var sideBound: SideBound? = nil
        /// The split merged relaxation's cost bound, on a second thread.
        var costSide: SideBound? = nil
        /// Time inside GLPK in the merged relaxations, the time windows and the cost polish.
        var solverSeconds = 0.0
        /// Time of the whole phase.
        var seconds = 0.0
    }

    /// A plan under a time limit gets bounds and a first plan before the exact steps
    /// (docs/formulation.md, "Large plans under a time limit"): the merged-shelter
    /// relaxation and integer plan, the rules' plan (milliseconds; an LP relaxation takes
    /// it too, as a point of its feasible set), and for a large integer model the time
    /// windows', in at most 80% of the time left, completed by the rules when the windows
    /// stop early.
    ///
    /// - Parameter forExport: only what proves the earlier levels of an exported level: no
    ///   bounds for gaps on a second thread (nobody would wait for them), no cost polish.
    func firstPlan(_ pm: PlanModel, deadline: ContinuousClock.Instant, clock: ContinuousClock,
                   forExport: Bool = false) throws -> FirstPlan {
        let scenario = pm.scenario
        var first = FirstPlan()
        let firstStart = clock.now
        // The merged-shelter scenario (an integer plan): its own integer plan, in at most 15%
        // of the time (0.3 s at 40 x 20 x 36, 3 s at 80 x 40 x 60). Its unmet bounds the
        // unmet level (as high as its LP's or higher: 47 against 46.5 at 15 x 8 x 24), its
        // waiting and cost bound the later levels when the earlier ones' optima turn out the
        // same, and its admissions, whole cases, guide the rules first.
        // An LP relaxation takes its admissions too, to guide the rules (their plan then often
        // meets the merged LP's bounds of unmet and waiting), but not its values as bounds.
        let integer = scenario.options.integer
        var mergedPlan: MergedIntegerPlan? = nil
        if scenario.shelters.count > 1 {
            mergedPlan = mergedIntegerPlan(pm, deadline: firstStart + (deadline - firstStart) * 0.15)
            first.solverSeconds += mergedPlan?.solverSeconds ?? 0
            if verbose {
                let proven = mergedPlan.map { p in "unmet \(p.unmet), waiting \(p.waiting.map { String($0) } ?? "not proven")" }
                print("merged-shelter integer plan: \(proven ?? "none") in \(String(format: "%.3f", (clock.now - firstStart).inSeconds)) s")
            }
        }
        // Without one (an LP relaxation, one shelter, or no integer plan in time), its LP
        // relaxation, in at most a fifth of the time left: its bound of unmet, and its
        // admissions for some of the rules' tries.
        var merged: MergedRelaxation? = nil
        if mergedPlan == nil || !integer {
            let mergedStart = clock.now
            merged = mergedRelaxation(scenario, deadline: mergedStart + (deadline - mergedStart) * 0.2)
            first.solverSeconds += merged?.solverSeconds ?? 0
            if verbose { print("merged-shelter bound of unmet: \(merged.map { String($0.bound) } ?? "none") in \(String(format: "%.3f", (clock.now - mergedStart).inSeconds)) s") }
        }
        let mergedBound = integer ? mergedPlan?.unmet ?? merged?.bound : merged?.bound
        // The rules' tries stop at a plan that meets the bound, and start no later than a
        // third of the way to the deadline (a slow machine must leave the exact steps time).
        let rulesStart = clock.now
        let unit = Self.objectiveUnit(pm.levels[0], isInteger: pm.model.columns.map(\.isInteger))
        let attainable = mergedBound.map { Self.attainable($0, level: pm.levels[0], unit: unit) }
        func meetsUnmetBound(_ x: [Double]) -> Bool {
            attainable.map { meetsBound(pm.levels[0].value(at: x), $0, integer: integer) } ?? false
        }
        let rulesDeadline = rulesStart + (deadline - rulesStart) / 3
        // (All of its tries run, for the best waiting and cost: milliseconds each.)
        if let mergedPlan, let x = Self.greedyPlan(pm, targets: mergedPlan.admitted, onlyGuided: true,
                                                   deadline: rulesDeadline, verbose: verbose) {
            first.plans.append(x)
        }
        if !first.plans.contains(where: meetsUnmetBound),
           let x = Self.greedyPlan(pm, targets: merged?.admitted, bound: attainable, deadline: rulesDeadline, verbose: verbose) {
            first.plans.append(x)
        }
        if verbose {
            let best = first.plans.map { pm.levels[0].value(at: $0) }.min()
            print("the rules' plan: \(best.map { "unmet \($0)" } ?? "none") in \(String(format: "%.3f", (clock.now - rulesStart).inSeconds)) s")
        }
        // A rules' plan at the bound is optimal in unmet: no windows, no relaxation beside them.
        let proven = first.plans.contains(where: meetsUnmetBound)
        first.known.bounds = [mergedBound]
        // The split cost model's LP, the cost level's bound: on a second thread beside the
        // exact steps where there is one (at 80 x 40 x 60 it takes longer than a quarter of
        // 30 s), else here in a quarter of the time left.
        func boundCost(_ cost: (model: LinearModel, level: PlanModel.Level)) {
            if boundOnSecondThread && ProcessInfo.processInfo.activeProcessorCount >= 2 {
                first.costSide = SideBound(model: cost.model, level: cost.level, deadline: deadline)
            } else {
                first.known.bounds.append(Self.relaxationOptimum(cost.model, level: cost.level,
                                                                 deadline: clock.now + (deadline - clock.now) * 0.25))
            }
        }
        // (An LP relaxation: the merged integer plan's waiting and cost bound it only where
        // they meet the merged LP's bounds, below.)
        if integer, let mergedPlan, let u = attainable, meets(mergedPlan.unmet, u) {
            // The merged integer plan's waiting (proven) and the bound of its cost, for the
            // plans whose unmet (and waiting) turn out the same (the cost's, for the final gap).
            first.known.bounds.append(mergedPlan.waiting)
            first.known.optima = [mergedPlan.unmet, mergedPlan.waiting]
            if let cost = mergedPlan.cost, !forExport { boundCost(cost) }
        } else if proven, let u = attainable {
            // Unmet proven at the relaxation's bound: the merged relaxation's least waiting
            // at that unmet bounds the waiting level.
            let w = mergedRelaxation(scenario, unmet: u, deadline: clock.now + (deadline - clock.now) * 0.25)?.bound
            first.known.bounds.append(w)
            first.known.optima = [u]
            // An LP relaxation whose merged integer plan meets the merged LP's unmet and
            // waiting: those are the merged LP's optima too, so the split cost model (kept at
            // them) bounds the cost level once the model's optima turn out the same.
            if !integer, let mergedPlan, let w, let mw = mergedPlan.waiting, let cost = mergedPlan.cost,
               meetsBound(mergedPlan.unmet, u, integer: false), meetsBound(mw, w, integer: false) {
                first.known.optima = [u, w]
                if !forExport { boundCost(cost) }
            }
        }
        if verbose && first.known.bounds.count > 1 {
            print("merged-shelter bounds of the later levels: \(first.known.bounds.dropFirst().map { $0.map { String($0) } ?? "none" }.joined(separator: ", "))")
        }
        // A large integer plan (or a very large LP relaxation) whose first plan meets the
        // unmet and waiting bounds: its cost is lowered by fix and optimize in up to 80% of
        // the time left (the cost level's LP alone takes GLPK minutes there, and its
        // branch-and-cut lowered nothing in the rest of 120 s at 40 x 20 x 36 or
        // 80 x 40 x 60). (An LP relaxation's bounds are simplex optima: `meetsBound`.)
        if pm.model.columns.count > (integer ? windowsAboveColumns : lpPolishAboveColumns) && !forExport,
           let best = first.plans.min(by: { a, b in precedes(pm.levels.map { $0.value(at: a) }, pm.levels.map { $0.value(at: b) }, integer: integer) }),
           first.known.optima.count >= 2, let u = first.known.optima[0], let w = first.known.optima[1],
           meetsBound(pm.levels[0].value(at: best), u, integer: integer), meetsBound(pm.levels[1].value(at: best), w, integer: integer) {
            let polishStart = clock.now
            let polished = try polishCost(pm, plan: best, deadline: clock.now + (deadline - clock.now) * 0.8)
            if let x = polished.plan { first.plans.append(x) }
            first.solverSeconds += polished.solverSeconds
            if verbose {
                let values = polished.plan.map { x in zip(pm.levels, pm.levels.map { $0.value(at: x) }).map { "\($0.name) \($1)" }.joined(separator: ", ") }
                print("cost polish: \(values ?? "no lower cost") in \(String(format: "%.1f", (clock.now - polishStart).inSeconds)) s")
            }
        }
        if scenario.options.integer && pm.model.columns.count > windowsAboveColumns && !proven {
            if boundOnSecondThread && ProcessInfo.processInfo.activeProcessorCount >= 2 && !forExport {
                first.sideBound = SideBound(model: pm.model, level: pm.levels[0], deadline: deadline)
            }
            let windowsStart = clock.now
            if let w = try planByWindows(scenario, model: pm, deadline: windowsStart + (deadline - windowsStart) * 0.8,
                                         clock: clock) {
                first.solverSeconds += w.solverSeconds
                if w.months == scenario.months {
                    first.plans.append(w.values)
                } else if let x = Self.greedyPlan(pm, prefix: (w.months, w.values), targets: mergedPlan?.admitted ?? merged?.admitted,
                                                  deadline: deadline, verbose: verbose) {
                    if verbose { print("the rules complete the windows' plan from month \(w.months + 1)") }
                    first.plans.append(x)
                }
            }
        }
        first.seconds = (clock.now - firstStart).inSeconds
        return first
    }

    struct LexOutcome {
        var status: SolverStatus
        var values: [Double]?
        var seconds: [Double] = []
        var solverSeconds: Double = 0
        var gap: Double?
        var stoppedLevel: String?
        var exported = false
        /// Levels whose first solve started with a crossover at the plan in hand.
        var crossovers = 0
    }

    /// A request to write one level's model instead of solving it.
    struct ExportRequest {
        var level: Int
        var format: ModelFileFormat
        var path: String
    }

    /// What ``export(_:level:format:to:)`` did.
    public struct ExportResult: Sendable {
        /// `optimal` when every earlier level was solved to optimality (the file is the
        /// level's exact model); `feasible` when a time limit stopped an earlier level
        /// (its keep row holds the best value found); `infeasible` or `timeLimit` when
        /// no file was written.
        public var status: SolverStatus
        public var levelName: String
    }

    /// The lexicographic levels, in order.
    public static let levelNames = ["unmet", "waiting", "cost"]

    /// Writes the model of one level (1 unmet, 2 waiting, 3 cost) with the earlier
    /// levels solved and kept at their optimum by a row each, in CPLEX LP or free MPS
    /// format, for another solver or for timing GLPK's solver alone. The objective's
    /// constant is a column `obj_constant` fixed at 1, so a solver reports the
    /// objective values iars reports.
    ///
    /// - Parameter level: 1, 2 or 3.
    public func export(_ scenario: Scenario, level: Int, format: ModelFileFormat, to path: String) throws -> ExportResult {
        precondition((1...3).contains(level), "level must be 1, 2 or 3")
        let clock = ContinuousClock()
        let limit = timeLimit ?? scenario.options.timeLimitSeconds
        let deadline = solverDeadline(start: clock.now, limit: limit)
        let pm = PlanModel(scenario: scenario)
        // Under a time limit the earlier levels get the plan's bounds and first plan too: at
        // 40 x 20 x 36 they prove the unmet and waiting levels in a second, so the cost
        // level's exact model is written at once.
        var first = FirstPlan()
        if let deadline, level > 1 { first = try firstPlan(pm, deadline: deadline, clock: clock, forExport: true) }
        let outcome = try solveLexicographic(pm.model, levels: pm.levels, integer: scenario.options.integer,
                                             deadline: deadline, clock: clock,
                                             firstPlans: first.plans, knownBounds: first.known,
                                             export: ExportRequest(level: level - 1, format: format, path: path),
                                             branchingPriority: pm.columnMonth)
        var status = outcome.status
        if !outcome.exported && (status == .optimal || status == .feasible) { status = .timeLimit }
        return ExportResult(status: status, levelName: Self.levelNames[level - 1])
    }

    /// Minimises each level in turn, keeping the earlier ones at their optimum, on
    /// one GLPK problem: each level starts from the previous level's basis and
    /// plan (a feasible incumbent for the next level).
    ///
    /// - Parameters:
    ///   - start: a plan of a similar scenario: only a hint for GLPK.
    ///   - firstPlans: plans of this model (checked here): the best that passes the check
    ///     is the first level's incumbent.
    ///   - knownBounds: lower bounds of the levels from a relaxation (``LevelBounds``): a level
    ///     whose plan in hand (the previous level's, or the first plan) meets its bound is
    ///     optimal without a solve.
    ///   - quick: each integer level keeps the dive's plan, proven or not (a time window
    ///     of ``planByWindows(_:model:deadline:clock:maximumWindows:)``); branch-and-cut runs only when
    ///     the dive finds no plan.
    func solveLexicographic(_ model: LinearModel, levels: [PlanModel.Level], integer: Bool,
                            deadline: ContinuousClock.Instant?, clock: ContinuousClock,
                            start: [Double]? = nil, firstPlans: [[Double]] = [], knownBounds: LevelBounds = .init(),
                            export: ExportRequest? = nil,
                            branchingPriority: [Int]? = nil, quick: Bool = false) throws -> LexOutcome {
        var outcome = LexOutcome(status: .optimal)
        if model.columns.isEmpty {
            // Nothing to decide (no admissions or returns possible): check the rows' constants.
            let feasible = model.rows.allSatisfy { $0.lower <= 1e-9 && $0.upper >= -1e-9 }
            outcome.status = feasible ? .optimal : .infeasible
            outcome.values = feasible ? [] : nil
            return outcome
        }
        var problem = try GLPKProblem(model)
        var options = searchOptions
        options.verbose = verbose
        options.relaxIntegrality = !integer
        // Each level's LP starts from the previous level's basis (presolve would discard
        // it), and after a change of objective the basis stays primal feasible.
        options.presolve = false
        options.method = .primal
        let isInteger = model.columns.map(\.isInteger)
        var firstIncumbent: [Double]? = nil
        var firstValues: [Double] = []
        for plan in firstPlans {
            guard let point = try problem.feasiblePoint(plan) else {
                if verbose { print("a first plan breaks a row or a bound of the model: not used") }
                continue
            }
            let values = levels.map { $0.value(at: point) }
            if firstIncumbent == nil || precedes(values, firstValues, integer: integer) {
                firstIncumbent = point
                firstValues = values
            }
        }
        if verbose, let _ = firstIncumbent {
            print("the first plan is the incumbent: \(zip(levels, firstValues).map { "\($0.name) \($1)" }.joined(separator: ", "))")
        }
        // GLPK's cut generators pay on small models and cost more than they save on large
        // ones (M, 3,876 integer columns: the cost level in 33 s with cuts, 10.5 s without).
        if isInteger.reduce(0, { $0 + ($1 ? 1 : 0) }) > Self.cutsUpToIntegerColumns { options.cuts = .none }
        var x: [Double]? = nil
        var solved = false
        for (index, level) in levels.enumerated() {
            let levelStart = clock.now
            if let export, export.level == index {
                try problem.setObjective(level.coefficients, constant: level.constant)
                try problem.write(format: export.format, to: export.path, constantColumn: "obj_constant")
                outcome.exported = true
                outcome.values = x
                return outcome
            }
            // An objective whose values over integral points are multiples of a unit is
            // given to GLPK scaled to integral coefficients: branch-and-cut then rounds
            // its bounds up to the next attainable value.
            let unit = integer ? Self.objectiveUnit(level, isInteger: isInteger) : nil
            let scale = unit?.scale ?? 1
            try problem.setObjective(level.coefficients.map { $0 * scale }, constant: level.constant * scale)
            var solution: Solution
            var keepRow: Int? = nil
            let knownBound = knownBounds.bound(index, earlier: x.map { x in levels.prefix(index).map { $0.value(at: x) } } ?? [],
                                               meets: { meetsBound($0, $1, integer: integer) })
            let inHand = x ?? firstIncumbent
            let meetsKnownBound = knownBound.flatMap { b in
                inHand.map { meetsBound(level.value(at: $0), Self.attainable(b, level: level, unit: unit), integer: integer) }
            } ?? false
            // The time is up: the run stops at this level, unless the plan in hand meets its
            // proven bound (nothing to solve; on a slow machine the first-plan phase may use
            // all the time and still prove the first levels).
            if let deadline {
                let left = (deadline - levelStart).inSeconds
                if left <= 0.001 && !meetsKnownBound {
                    outcome.status = .feasible
                    outcome.stoppedLevel = level.name
                    if x == nil { x = firstIncumbent }
                    break
                }
                options.timeLimit = max(0.001, left)
            }
            // A first solve after levels proven by their bounds starts at the plan in hand
            // (which keeps their rows), not from the all-slack basis: a crossover finds a
            // vertex at the plan's values of those levels (the last proven level's LP, started
            // at the plan, which is optimal in it), and the level's LP goes on from there. The
            // simplex then skips its search for a feasible point, most of its time on large
            // plans (40 x 20 x 36, LP relaxation: 162 s for the whole plan where the cost level
            // alone took 267 s from the all-slack basis). (The first level keeps the all-slack
            // start: from a crossover at the rules' plan, branch-and-cut at 15 x 8 x 24 dived
            // from another vertex and did not prove unmet in 120 s, against 7 s.)
            if !meetsKnownBound && !solved && index > 0, let plan = inHand {
                let previous = levels[index - 1]
                try problem.setObjective(previous.coefficients, constant: previous.constant)
                let crossover = try problem.solveRelaxation(options: options, from: plan)
                outcome.solverSeconds += crossover.solution.seconds
                outcome.crossovers += 1
                try problem.setObjective(level.coefficients.map { $0 * scale }, constant: level.constant * scale)
                if verbose, let crash = crossover.crash {
                    print("crossover at the plan in hand: \(crash.interior - crash.leftOut) of \(crash.interior) values between bounds basic, \(crash.leftOut) pinned at first; a vertex in \(String(format: "%.2f", crossover.solution.seconds)) s (\(crossover.solution.status))")
                }
                if let limit = options.timeLimit, let deadline { options.timeLimit = max(0.001, min(limit, (deadline - clock.now).inSeconds)) }
            }
            if meetsKnownBound, let plan = inHand {
                // The plan in hand meets a proven bound of the level: optimal, nothing to solve.
                solution = Solution(status: .optimal, message: "the plan in hand meets the proven bound")
                solution.values = plan
                solution.objective = level.value(at: plan) * scale
            } else if integer {
                solution = try solveIntegerLevel(&problem, level: level, unit: unit, previous: x,
                                                 hint: x == nil ? start : nil,
                                                 firstPlan: x == nil ? firstIncumbent : nil,
                                                 knownBound: knownBound, quick: quick, options: options,
                                                 branchingPriority: branchingPriority, keepRow: &keepRow,
                                                 deadline: deadline, solverSeconds: &outcome.solverSeconds)
            } else {
                options.incumbent = nil
                solution = try problem.solve(options: options)
                outcome.solverSeconds += solution.seconds
                // Stopped by the time limit in the first level: the first plan, if it is better
                // than the simplex's point so far (often the phase-1 point, nothing admitted).
                if index == 0, solution.status == .feasible || solution.status == .timeLimit, let first = firstIncumbent,
                   !solution.hasPoint || level.value(at: first) < level.value(at: solution.values) {
                    solution.status = .feasible
                    solution.values = first
                    solution.objective = level.value(at: first)
                    solution.gap = nil
                }
            }
            if !meetsKnownBound { solved = true }
            if scale != 1 {
                solution.objective = solution.objective.map { $0 / scale }
                solution.bound = solution.bound.map { $0 / scale }
            }
            outcome.seconds.append((clock.now - levelStart).inSeconds)
            switch solution.status {
            case .optimal, .feasible:
                x = solution.values
                if solution.status == .feasible {
                    outcome.status = .feasible
                    outcome.gap = solution.gap
                    outcome.stoppedLevel = level.name
                }
            case .infeasible where x == nil:
                outcome.status = .infeasible
                return outcome
            case .timeLimit where x == nil:
                outcome.status = .timeLimit
                return outcome
            default:
                // A later level stopped without a better point: the earlier plan stands.
                outcome.status = x == nil ? solution.status : .feasible
                outcome.stoppedLevel = level.name
                outcome.values = x
                return outcome
            }
            if solution.status == .feasible { break }
            // keep this level at its optimum: c.x <= z - constant + tol(z)
            // The level's value at the point carried on (integer columns rounded): the
            // next level's incumbent must satisfy the keep row exactly.
            var z = level.value(at: solution.values)
            if let zs = solution.objective { z = max(z, zs) }
            let bound = keepUpper(level, at: z)
            if let keepRow {
                try problem.setRowBounds(keepRow, lower: -.infinity, upper: bound)
            } else {
                _ = try problem.addRow(name: "keep.\(level.name)", lower: -.infinity, upper: bound, terms: level.terms)
            }
        }
        outcome.values = x
        return outcome
    }

    /// One integer level (docs/formulation.md, "Solving lexicographically"):
    /// 1. a dive for an integral point; when its value meets the LP relaxation's bound
    ///    (rounded up to the objective's unit), it is optimal and nothing else runs;
    /// 2. for an objective with a unit, a short branch-and-cut, which proves small plans
    ///    and raises the bound on larger ones;
    /// 3. a search for a plan at the bound: a row caps the objective at the bound, and
    ///    branch-and-cut, branching month by month depth first, looks for any plan under
    ///    it. A plan found is optimal (nothing is below the bound); a search that proves
    ///    there is none raises the bound by one unit and tries again. Each try has a
    ///    budget; when one runs out, a dive under the cap gets a last chance, then step 4;
    /// 4. branch-and-cut on the level's objective, from the best point so far.
    ///
    /// - Parameters:
    ///   - previous: the previous level's plan.
    ///   - firstPlan: a checked plan of this model (the best first plan) for the first level.
    ///   - knownBound: a proven lower bound of the level (the merged-shelter relaxation's):
    ///     the bound the steps start from (a plan that meets it never gets here).
    ///   - quick: the dive's plan, or the best plan at hand after it, is the level's plan
    ///     (reported optimal: for the time windows only); steps 2 and 3 are skipped.
    ///   - keepRow: set to the row that capped the objective in step 3, if one was added;
    ///     it is left free, for the caller to turn into the level's keep row.
    func solveIntegerLevel(_ problem: inout GLPKProblem, level: PlanModel.Level, unit: ObjectiveUnit?,
                           previous: [Double]?, hint: [Double]? = nil, firstPlan: [Double]? = nil,
                           knownBound: Double? = nil, quick: Bool = false, options: SolveOptions,
                           branchingPriority: [Int]? = nil, keepRow: inout Int?,
                           deadline: ContinuousClock.Instant?, solverSeconds: inout Double) throws -> Solution {
        let started = ContinuousClock.now
        let scale = unit?.scale ?? 1
        func value(_ v: [Double]) -> Double { level.value(at: v) }
        func tolerance(_ z: Double) -> Double { relativeTolerance * abs(z) + absoluteTolerance }
        func roundUp(_ b: Double) -> Double { Self.attainable(b, level: level, unit: unit) }
        // The least value a plan can have, as far as is proven.
        var bound: Double? = knownBound.map(roundUp)
        func optimal(_ point: [Double], _ message: String) -> Solution {
            var s = Solution(status: .optimal, message: message)
            s.values = point
            s.objective = value(point) * scale
            s.bound = s.objective
            s.gap = 0
            return s
        }
        func secondsLeft() -> Double? { deadline.map { (($0 - ContinuousClock.now)).inSeconds } }
        var incumbent = previous ?? firstPlan
        var options = options
        /// The best plan so far when the time is up, with its gap to the proven bound, if any.
        func stopped() -> Solution {
            var s = Solution(status: incumbent == nil ? .timeLimit : .feasible, message: "time limit")
            s.values = incumbent ?? []
            if let inc = incumbent, let b = bound {
                s.objective = value(inc) * scale
                s.bound = b * scale
                s.gap = Solution.relativeGap(objective: value(inc), bound: b)
            }
            return s
        }
        // With a plan from the previous level in hand, a long dive rarely pays; on the cost
        // level (no unit) only its first solve, the relaxation, is wanted.
        // A time window (quick) has months relaxed to fractions, so no unit: its later levels dive too.
        let solves = previous == nil ? 2000 : (unit == nil && !quick ? 1 : 25)
        let dive = try problem.dive(options: options, limits: .init(maximumSolves: solves, deadline: deadline))
        solverSeconds += dive.solverSeconds
        if verbose { print("dive: bound \(dive.relaxationBound.map { String($0 / scale) } ?? "-"), point \(dive.values.map { String(value($0)) } ?? "none") after \(dive.solves) LP solves, \(String(format: "%.2f", dive.solverSeconds)) s") }
        if let v = dive.values, incumbent == nil || value(v) < value(incumbent!) { incumbent = v }
        if let b = dive.relaxationBound { bound = max(bound ?? -.infinity, roundUp(b / scale)) }
        if let b = bound, let inc = incumbent, value(inc) <= b + tolerance(value(inc)) {
            return optimal(inc, "the dive's point meets the LP bound")
        }
        if quick, let inc = incumbent { return optimal(inc, "the best plan at hand (quick)") }
        // 2. A short branch-and-cut: small plans are proven here, and on larger ones it
        // raises the bound the search of step 3 starts from.
        if unit != nil && !quick {
            var short = options
            short.incumbent = incumbent ?? hint
            short.method = .dual
            short.timeLimit = max(0.5, (ContinuousClock.now - started).inSeconds)
            if let left = secondsLeft() { short.timeLimit = min(short.timeLimit!, left) }
            if short.timeLimit! > 0.01 {
                let s = try problem.solve(options: short)
                solverSeconds += s.seconds
                if verbose { print("branch-and-cut (short): \(s.status) (\(s.message)) in \(String(format: "%.2f", s.seconds)) s, bound \(s.bound.map { String($0 / scale) } ?? "-")") }
                if s.status == .optimal || s.status == .infeasible { return s }
                if s.status == .feasible, incumbent.map({ value(s.values) < value($0) }) ?? true { incumbent = s.values }
                if let b = s.bound { bound = max(bound ?? -.infinity, roundUp(b / scale)) }
            }
        }
        // 3. A plan at the bound.
        if !quick, let u = unit, var target = bound, let branchingPriority {
            let row = try problem.addRow(name: "keep.\(level.name)", lower: -.infinity, upper: .infinity, terms: level.terms)
            keepRow = row
            defer { try? problem.setRowBounds(row, lower: -.infinity, upper: .infinity) }
            var search = options
            search.branchingPriority = branchingPriority
            search.backtracking = .depthFirst
            search.incumbent = nil
            search.method = .dual
            search.stopAtFirstPoint = true  // any plan under the cap will do
            search.cuts = .none  // cuts cost more than they save when any plan will do
            func runSearch(_ limit: Double) throws -> Solution {
                search.timeLimit = limit
                let s = try problem.solve(options: search)
                solverSeconds += s.seconds
                if verbose { print("search at \(target): \(s.status) (\(s.message)) in \(String(format: "%.2f", s.seconds)) s") }
                return s
            }
            var tries = 0
            while incumbent.map({ value($0) > target + tolerance(target) }) ?? true {
                // each try may take twice as long as the level has taken so far, and at least 2 s
                var budget = max(2, 2 * (ContinuousClock.now - started).inSeconds)
                if let left = secondsLeft() { budget = min(budget, left) }
                if budget <= 0.01 { break }
                try problem.setRowBounds(row, lower: -.infinity, upper: target - level.constant + tolerance(target))
                tries += 1
                // a short search first: it proves most targets out of reach in a few nodes
                var s = try runSearch(min(budget, 0.5))
                func cappedDive() throws -> [Double]? {
                    let capped = try problem.dive(options: options, limits: .init(maximumSolves: 2000, deadline: deadline))
                    solverSeconds += capped.solverSeconds
                    if verbose { print("dive at \(target): point \(capped.values.map { String(value($0)) } ?? "none") after \(capped.solves) LP solves, \(String(format: "%.2f", capped.solverSeconds)) s") }
                    return capped.values
                }
                // Without an earlier level's plan the LP guides a dive well: it goes before the long search.
                let diveFirst = previous == nil
                if s.status == .timeLimit && diveFirst, let v = try cappedDive() {
                    return optimal(v, "a plan at the proven bound (a dive)")
                }
                let left = secondsLeft().map { min($0, budget) } ?? budget
                if s.status == .timeLimit && left > 0.01 { s = try runSearch(left) }
                if s.status == .timeLimit && !diveFirst, let v = try cappedDive() {
                    return optimal(v, "a plan at the proven bound (a dive)")
                }
                if s.status == .optimal || s.status == .feasible {
                    return optimal(s.values, "a plan at the proven bound (\(tries) searches)")
                }
                guard s.status == .infeasible else { break }
                target += u.unit
                bound = target
            }
            if let inc = incumbent, value(inc) <= target + tolerance(target) {
                return optimal(inc, "the best plan meets the proven bound")
            }
        }
        // 4. Branch-and-cut on the objective. A hint (a neighbouring plan of a sweep) may
        // not fit this model: GLPK gets it only after the solver layer has checked it, and
        // it never proves anything here.
        options.incumbent = incumbent ?? hint
        options.method = .dual  // from the relaxation's optimal basis (the dive restores it)
        if let left = secondsLeft() {
            if left <= 0.001 { return stopped() }
            options.timeLimit = left
        }
        var solution = try problem.solve(options: options)
        solverSeconds += solution.seconds
        if verbose { print("branch-and-cut: \(solution.status) (\(solution.message)) in \(String(format: "%.2f", solution.seconds)) s") }
        // Stopped before its root relaxation was solved: the best plan so far stands.
        if !solution.hasPoint && solution.status == .timeLimit && incumbent != nil { return stopped() }
        // A bound proven by steps 1-3 may be better than the one branch-and-cut reports.
        if solution.status == .feasible, let b = bound, let z = solution.objective {
            let proven = max(solution.bound ?? -.infinity, b * scale)
            solution.bound = proven
            solution.gap = Solution.relativeGap(objective: z, bound: proven)
            if z <= proven + tolerance(z) { solution.status = .optimal; solution.gap = 0 }
        }
        return solution
    }

    /// The upper bound of the row that keeps `level` at its value `z` (`level.terms <=`
    /// this), with the tolerance with which levels are kept.
    func keepUpper(_ level: PlanModel.Level, at z: Double) -> Double {
        z - level.constant + relativeTolerance * abs(z) + absoluteTolerance
    }

    /// Whether a plan with the level values `a` comes before one with `b`: lexicographically,
    /// values equal within the tolerance with which levels are kept counting as equal (sums
    /// of the same whole cases in another order differ in the last bits, 1898 against
    /// 1898.0000000000002, and must not hide a lower cost behind them). For an LP relaxation
    /// (`integer` false), within the simplex's accuracy (``meetsBound(_:_:integer:)``): the
    /// cost polish's LP steps keep unmet and waiting only to that (waiting 9939.0000102 after
    /// 40 s of steps at 80 x 40 x 60, from 9939).
    func precedes(_ a: [Double], _ b: [Double], integer: Bool = true) -> Bool {
        for (u, v) in zip(a, b) where !(meetsBound(u, v, integer: integer) && meetsBound(v, u, integer: integer)) { return u < v }
        return false
    }

    /// Whether a level's value `z` meets a proven bound `b` within the tolerance with which
    /// levels are kept.
    func meets(_ z: Double, _ b: Double) -> Bool {
        z <= b + relativeTolerance * abs(b) + absoluteTolerance
    }

    /// Whether a plan's value `z` of a level meets a relaxation's bound `b` of it: for an
    /// LP relaxation, to the simplex's own accuracy (GLPK's tolerances, 1e-7 relative),
    /// since the bound is a simplex's optimum too (909 less 8e-6 at 40 x 20 x 36, where
    /// the whole LP's optimum comes out as 909 less 7e-6); for integer levels as ``meets(_:_:)``.
    func meetsBound(_ z: Double, _ b: Double, integer: Bool) -> Bool {
        integer ? meets(z, b) : z <= b + Self.lpBoundTolerance * max(1, abs(b))
    }

    /// The relative accuracy of an LP level's optimum (GLPK's primal and dual feasibility tolerances).
    static let lpBoundTolerance = 1e-7

    /// The least value of `level` at integral points that is at or above `b`.
    static func attainable(_ b: Double, level: PlanModel.Level, unit: ObjectiveUnit?) -> Double {
        guard let u = unit else { return b }
        return level.constant + ((b - level.constant) / u.unit - 1e-6).rounded(.up) * u.unit
    }

    /// Models with more integer columns than this are searched without cuts.
    static let cutsUpToIntegerColumns = 2000

    struct ObjectiveUnit {
        /// The factor that makes every coefficient integral.
        var scale: Double
        /// The values at integral points are `constant + unit * integer`.
        var unit: Double
    }

    /// The unit of a level's values when every nonzero coefficient is on an integer
    /// column and a multiple of 1/k for a small k (priorities such as 1.5, person-months).
    static func objectiveUnit(_ level: PlanModel.Level, isInteger: [Bool]) -> ObjectiveUnit? {
        var nonzero: [Double] = []
        for (j, a) in level.coefficients.enumerated() where a != 0 {
            guard isInteger[j] else { return nil }
            nonzero.append(abs(a))
        }
        guard !nonzero.isEmpty else { return nil }
        for k in [1.0, 2, 4, 5, 8, 10, 20, 25, 40, 50, 100] {
            var g: Int64 = 0
            var ok = true
            for a in nonzero {
                let v = a * k
                let r = v.rounded()
                guard r >= 1, r < 1e12, abs(v - r) <= 1e-9 * r else { ok = false; break }
                var (p, q) = (g, Int64(r))
                while q != 0 { (p, q) = (q, p % q) }
                g = p
            }
            if ok && g > 0 { return ObjectiveUnit(scale: k, unit: Double(g) / k) }
        }
        return nil
    }

    /// The least stretching of beds and budgets that lets the people already in
    /// shelter be housed and paid for, as sentences.
    func explainInfeasibility(_ scenario: Scenario) throws -> [PlanResult.InfeasibilityReason] {
        let pm = PlanModel(scenario: scenario, elastic: true)
        var problem = try GLPKProblem(pm.model)
        var options = searchOptions
        options.relaxIntegrality = !scenario.options.integer
        options.timeLimit = 30
        try problem.setObjective(pm.levels[0].coefficients, constant: 0)
        let solution = try problem.solve(options: options)
        guard solution.hasPoint else {
            return [.init(kind: .other, month: nil, shelter: nil, shortBy: 0,
                          message: "no plan exists, and stretching beds and budgets does not find one")]
        }
        let x = solution.values
        var reasons: [PlanResult.InfeasibilityReason] = []
        let cur = scenario.currency
        for t in 1...scenario.months {
            for (s, sh) in scenario.shelters.enumerated() {
                let v = x[pm.bedSlack[s][t - 1]]
                if v > 1e-6 {
                    reasons.append(.init(
                        kind: .beds, month: scenario.label(t), shelter: sh.id, shortBy: v,
                        message: "\(scenario.label(t)): shelter \(sh.id) cannot hold the people already in shelter: "
                            + "\(sh.beds[t - 1]) beds, \(formatAmount(v)) more needed on average "
                            + "(raise shelters[\(s)].beds for \(scenario.label(t)) or lower the initial cases)"))
                }
            }
            if !pm.monthlySlack.isEmpty {
                let v = x[pm.monthlySlack[t - 1]]
                if v > 1e-6 {
                    reasons.append(.init(
                        kind: .monthlyBudget, month: scenario.label(t), shelter: nil, shortBy: v,
                        message: "\(scenario.label(t)): budget.monthly cannot pay for the people already in shelter: "
                            + "short by \(String(format: "%.2f", v)) \(cur) "
                            + "(the cap is \(String(format: "%.2f", scenario.budget.monthly![t - 1])) \(cur))"))
                }
            }
        }
        if pm.totalSlack >= 0, x[pm.totalSlack] > 1e-6 {
            let v = x[pm.totalSlack]
            reasons.append(.init(
                kind: .totalBudget, month: nil, shelter: nil, shortBy: v,
                message: "budget.total cannot pay for the people already in shelter: short by "
                    + "\(String(format: "%.2f", v)) \(cur) (the cap is \(String(format: "%.2f", scenario.budget.total!)) \(cur))"))
        }
        if reasons.isEmpty {
            reasons.append(.init(kind: .other, month: nil, shelter: nil, shortBy: 0,
                                 message: "no plan exists (numerical trouble: the diagnosis needed no stretching)"))
        }
        return reasons
    }
}

/// When solving must stop for a run that started at `start` with a time limit of
/// `limit` seconds: a little before the limit (10% of it, at most 2 s), so that
/// stopping GLPK, extracting the result and writing it fit within the limit.
func solverDeadline(start: ContinuousClock.Instant, limit: Double?) -> ContinuousClock.Instant? {
    limit.map { start + .milliseconds(Int64((max($0 * 0.9, $0 - 2) * 1000).rounded(.up))) }
}

/// A count or amount as a person reads it: integers without decimals, others with up to 2.
func formatAmount(_ v: Double) -> String {
    if abs(v - v.rounded()) < 1e-9 { return String(Int(v.rounded())) }
    return String(format: "%.2f", v)
}
