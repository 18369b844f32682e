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
    /// Every threshold and share of the search (``SolvePolicy``).
    public var policy = SolvePolicy.default
    /// Solve the bounds beside the exact steps on a second thread where there is one (the
    /// result is the same either way: each has a budget of its own).
    public var boundOnSecondThread = true
    /// Told the column count, before the search, when a large integer plan (over
    /// ``SolvePolicy/windowsAboveColumns`` columns) runs without a time limit: such plans rarely finish,
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
        let budget = runBudget(scenario, started: started)

        let pm = PlanModel(scenario: scenario)
        var result = PlanResult(scenario: scenario.name, status: .optimal, integer: scenario.options.integer,
                                objective: nil, budgetTotal: scenario.budget.total, currency: scenario.currency)
        result.size = .init(columns: pm.model.columns.count, rows: pm.model.rows.count,
                            nonzeros: pm.model.numberOfNonzeros,
                            integers: pm.model.columns.reduce(0) { $0 + ($1.isInteger ? 1 : 0) })
        result.timing.build = (clock.now - started).inSeconds

        if limit == nil && effort == nil && scenario.options.effort == nil
            && scenario.options.integer && pm.model.columns.count > policy.windowsAboveColumns {
            largePlanWithoutLimit?(pm.model.columns.count)
        }
        let progress = ProgressReporter(trace: trace, meter: budget.meter, limit: budget.isLimited ? budget.left : nil,
                                        started: started)
        budget.meter.onProgress = progress.solverStep
        defer { budget.meter.onProgress = nil }
        let stages = policy.stages(columns: pm.model.columns.count, integer: scenario.options.integer,
                                   shelters: scenario.shelters.count)
        let start = warmStart.map { $0.point(for: pm.model) }
        // A small LP relaxation is solved exactly first, in a share of the budget; it ends
        // there unless the budget stopped it.
        var exact: LexOutcome? = nil
        var triedSeconds = 0.0
        var triedLevels: [Double] = []
        var triedPlan: [Double]? = nil
        if stages.contains(.exactFirst) {
            let tried = try solveLexicographic(pm.model, levels: pm.levels, integer: false,
                                               budget: budget.share(policy.exactFirstShare),
                                               start: start, branchingPriority: pm.columnMonth, progress: progress)
            if tried.status == .optimal || tried.status == .infeasible || tried.stoppedBy == .interrupt
                || tried.stoppedBy == .clock {
                exact = tried
            } else {
                triedSeconds = tried.solverSeconds
                triedLevels = tried.seconds
                triedPlan = tried.values
                if verbose { print("the exact levels stopped at their share of the effort; the first plan next") }
            }
        }
        // A plan gets bounds and a first plan before the exact steps.
        var first = FirstPlan()
        if exact == nil {
            progress.stage("first plan", solverValues: false)
            first = try firstPlan(pm, budget: budget, stages: stages)
            result.timing.windows = first.seconds
            // (The stopped exact levels' point, where they had one, is a plan of the model too.)
            if let triedPlan { first.plans.append(triedPlan) }
        }
        var known = first.known

        var outcome = try exact ?? solveLexicographic(pm.model, levels: pm.levels, integer: scenario.options.integer,
                                                      budget: budget, start: start,
                                                      firstPlans: first.plans, knownBounds: known,
                                                      branchingPriority: pm.columnMonth, progress: progress)
        // (Each level's time includes the stopped exact try's.)
        result.timing.levels = (0..<max(outcome.seconds.count, triedLevels.count)).map { i in
            (i < outcome.seconds.count ? outcome.seconds[i] : 0) + (i < triedLevels.count ? triedLevels[i] : 0)
        }
        result.timing.solver = outcome.solverSeconds + first.solverSeconds + triedSeconds
        // A level stopped: the merged-shelter relaxation's bound (where it holds), or in the
        // first level the relaxation solved beside the windows, may give a closer gap than
        // the exact steps' own. The bounds beside have budgets of their own and are always
        // waited for, so that none outlives the run and the gap is the same on every machine.
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
        result.effort = budget.used
        guard let x = outcome.values else {
            if outcome.status == .infeasible {
                result.status = .infeasible
                result.reasons = try explainInfeasibility(scenario)
            } else {
                result.status = .timeLimit
                result.stoppedBy = outcome.stoppedBy.map(StoppedBy.init) ?? .effort
            }
            result.timing.extract = (clock.now - extractStart).inSeconds
            return (result, nil)
        }
        result.status = outcome.status == .optimal ? .optimal : .feasible
        result.gap = outcome.gap
        result.stoppedLevel = outcome.stoppedLevel
        if result.status == .feasible { result.stoppedBy = outcome.stoppedBy.map(StoppedBy.init) ?? .effort }
        PlanEvaluator(model: pm, values: x).fill(&result)
        result.endOfHorizon = EndOfHorizon(result, scenario: scenario)
        result.timing.extract = (clock.now - extractStart).inSeconds
        return (result, PlanWarmStart(model: pm.model, values: x))
    }

    /// The budget of a run that started at `started`: the effort given (``effort``, else
    /// `options.effort`), or one from the time limit, or the policy's default; the time
    /// limit (``timeLimit``, else `options.time_limit_seconds`) as its wall-clock deadline.
    func runBudget(_ scenario: Scenario, started: ContinuousClock.Instant) -> WorkBudget {
        policy.budget(given: effort ?? scenario.options.effort, timeLimit: timeLimit ?? scenario.options.timeLimitSeconds,
                      started: started)
    }

    /// The bounds and first plans of ``firstPlan(_:budget:stages:forExport:)``.
    struct FirstPlan {
        /// Plans of the model (checked by the caller), for the first level's incumbent.
        var plans: [[Double]] = []
        /// Bounds of the levels from the merged-shelter relaxation.
        var known = LevelBounds()
        /// The first level's LP relaxation, beside the time windows (a budget of its own).
        var sideBound: SideBound? = nil
        /// The split merged relaxation's cost bound (a budget of its own).
        var costSide: SideBound? = nil
        /// Time inside GLPK in the merged relaxations, the time windows and the cost polish.
        var solverSeconds = 0.0
        /// Time of the whole phase.
        var seconds = 0.0
    }

    /// A plan gets bounds and a first plan before the exact steps (docs/formulation.md,
    /// "Large plans"), in the stages ``SolvePolicy/stages(columns:integer:shelters:)`` chose:
    /// the merged-shelter relaxation and integer plan, the rules' plan (an LP relaxation takes
    /// it too, as a point of its feasible set), the later levels' bounds, and for a large
    /// model the cost polish or the time windows, each in its share of the budget left.
    ///
    /// - Parameter forExport: only what proves the earlier levels of an exported level: no
    ///   bounds for gaps (nobody would wait for them), no cost polish.
    func firstPlan(_ pm: PlanModel, budget: WorkBudget, stages: [SolvePolicy.Stage]? = nil,
                   forExport: Bool = false) throws -> FirstPlan {
        let scenario = pm.scenario
        let stages = stages ?? policy.stages(columns: pm.model.columns.count, integer: scenario.options.integer,
                                             shelters: scenario.shelters.count).filter { $0 != .exactFirst }
        var first = FirstPlan()
        let firstStart = ContinuousClock.now
        func elapsed(since t: ContinuousClock.Instant) -> String { String(format: "%.3f", (ContinuousClock.now - t).inSeconds) }
        let twoCores = boundOnSecondThread && ProcessInfo.processInfo.activeProcessorCount >= 2
        // The merged-shelter scenario (an integer plan): its own integer plan. Its unmet bounds
        // the unmet level (as high as its LP's or higher: 47 against 46.5 at 15 x 8 x 24), its
        // waiting and cost bound the later levels when the earlier ones' optima turn out the
        // same, and its admissions, whole cases, guide the rules first.
        // An LP relaxation takes its admissions too, to guide the rules (their plan then often
        // meets the merged LP's bounds of unmet and waiting), but not its values as bounds.
        let integer = scenario.options.integer
        var mergedPlan: MergedIntegerPlan? = nil
        if stages.contains(.mergedIntegerPlan) || (!integer && scenario.shelters.count > 1) {
            let t = ContinuousClock.now
            mergedPlan = mergedIntegerPlan(pm, budget: budget.share(policy.mergedIntegerPlanShare))
            first.solverSeconds += mergedPlan?.solverSeconds ?? 0
            if verbose {
                let proven = mergedPlan.map { p in "unmet \(p.unmet), waiting \(p.waiting.map { String($0) } ?? "not proven")" }
                print("merged-shelter integer plan: \(proven ?? "none") in \(elapsed(since: t)) s")
            }
        }
        // Without one (an LP relaxation, one shelter, or no integer plan within its share), its
        // LP relaxation: its bound of unmet, and its admissions for some of the rules' tries.
        var merged: MergedRelaxation? = nil
        if stages.contains(.mergedRelaxation) && (mergedPlan == nil || !integer) {
            let t = ContinuousClock.now
            merged = mergedRelaxation(scenario, budget: budget.share(policy.mergedRelaxationShare))
            first.solverSeconds += merged?.solverSeconds ?? 0
            if verbose { print("merged-shelter bound of unmet: \(merged.map { String($0.bound) } ?? "none") in \(elapsed(since: t)) s") }
        }
        let mergedBound = integer ? mergedPlan?.unmet ?? merged?.bound : merged?.bound
        // The rules' tries stop at a plan that meets the bound, and within their share.
        let rulesStart = ContinuousClock.now
        let unit = Self.objectiveUnit(pm.levels[0], isInteger: pm.model.columns.map(\.isInteger))
        let attainable = mergedBound.map { Self.attainable($0, level: pm.levels[0], unit: unit) }
        func meetsUnmetBound(_ x: [Double]) -> Bool {
            attainable.map { meetsBound(pm.levels[0].value(at: x), $0, integer: integer) } ?? false
        }
        let rulesBudget = budget.share(policy.rulesShare)
        // (All of its tries run, for the best waiting and cost.)
        if let mergedPlan, let x = Self.greedyPlan(pm, targets: mergedPlan.admitted, onlyGuided: true,
                                                   budget: rulesBudget, policy: policy, verbose: verbose) {
            first.plans.append(x)
        }
        if !first.plans.contains(where: meetsUnmetBound),
           let x = Self.greedyPlan(pm, targets: merged?.admitted, bound: attainable, budget: rulesBudget,
                                   policy: policy, verbose: verbose) {
            first.plans.append(x)
        }
        if verbose {
            let best = first.plans.map { pm.levels[0].value(at: $0) }.min()
            print("the rules' plan: \(best.map { "unmet \($0)" } ?? "none") in \(elapsed(since: rulesStart)) s")
        }
        // A rules' plan at the bound is optimal in unmet: no windows, no relaxation beside them.
        let proven = first.plans.contains(where: meetsUnmetBound)
        first.known.bounds = [mergedBound]
        // The split cost model's LP, the cost level's bound: a budget of its own (a share of
        // what is left now, on a meter of its own), on a second thread beside the exact steps
        // where there is one, else here; the bound is the same either way.
        func boundCost(_ cost: (model: LinearModel, level: PlanModel.Level)) {
            first.costSide = SideBound(model: cost.model, level: cost.level,
                                       budget: budget.share(policy.costBoundShare).detached(), thread: twoCores)
        }
        // (An LP relaxation: the merged integer plan's waiting and cost bound it only where
        // they meet the merged LP's bounds, below.)
        if stages.contains(.laterBounds), integer, let mergedPlan, let u = attainable, meets(mergedPlan.unmet, u) {
            // The merged integer plan's waiting (proven) and the bound of its cost, for the
            // plans whose unmet (and waiting) turn out the same (the cost's, for the final gap).
            first.known.bounds.append(mergedPlan.waiting)
            first.known.optima = [mergedPlan.unmet, mergedPlan.waiting]
            if let cost = mergedPlan.cost, !forExport { boundCost(cost) }
        } else if stages.contains(.laterBounds), proven, let u = attainable {
            // Unmet proven at the relaxation's bound: the merged relaxation's least waiting
            // at that unmet bounds the waiting level.
            let w = mergedRelaxation(scenario, unmet: u, budget: budget.share(policy.waitingBoundShare))?.bound
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
        // A large plan whose first plan meets the unmet and waiting bounds: its cost is
        // lowered by fix and optimize (the cost level's exact steps take GLPK far longer
        // there). (An LP relaxation's bounds are simplex optima: `meetsBound`.)
        if stages.contains(.costPolish) && !forExport,
           let best = first.plans.min(by: { a, b in precedes(pm.levels.map { $0.value(at: a) }, pm.levels.map { $0.value(at: b) }, integer: integer) }),
           first.known.optima.count >= 2, let u = first.known.optima[0], let w = first.known.optima[1],
           meetsBound(pm.levels[0].value(at: best), u, integer: integer), meetsBound(pm.levels[1].value(at: best), w, integer: integer) {
            let polishStart = ContinuousClock.now
            let polished = try polishCost(pm, plan: best, budget: budget.share(policy.polishShare))
            if let x = polished.plan { first.plans.append(x) }
            first.solverSeconds += polished.solverSeconds
            if verbose {
                let values = polished.plan.map { x in zip(pm.levels, pm.levels.map { $0.value(at: x) }).map { "\($0.name) \($1)" }.joined(separator: ", ") }
                print("cost polish: \(values ?? "no lower cost") in \(elapsed(since: polishStart)) s")
            }
        }
        if stages.contains(.windows) && !proven {
            if !forExport {
                first.sideBound = SideBound(model: pm.model, level: pm.levels[0], budget: budget.detached(),
                                            thread: twoCores, configure: SideBound.firstLevelSettings)
            }
            if let w = try planByWindows(scenario, model: pm, budget: budget.share(policy.windowsShare)) {
                first.solverSeconds += w.solverSeconds
                if w.months == scenario.months {
                    first.plans.append(w.values)
                } else if let x = Self.greedyPlan(pm, prefix: (w.months, w.values), targets: mergedPlan?.admitted ?? merged?.admitted,
                                                  budget: budget, policy: policy, verbose: verbose) {
                    if verbose { print("the rules complete the windows' plan from month \(w.months + 1)") }
                    first.plans.append(x)
                }
            }
        }
        first.seconds = (ContinuousClock.now - firstStart).inSeconds
        return first
    }

    struct LexOutcome {
        var status: SolverStatus
        var values: [Double]?
        var seconds: [Double] = []
        var solverSeconds: Double = 0
        var gap: Double?
        var stoppedLevel: String?
        /// What stopped a level early (with ``stoppedLevel``).
        var stoppedBy: StopCause?
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
        let budget = runBudget(scenario, started: ContinuousClock.now)
        let pm = PlanModel(scenario: scenario)
        // The earlier levels get the plan's bounds and first plan too: at 40 x 20 x 36 they
        // prove the unmet and waiting levels in a second, so the cost level's exact model is
        // written at once.
        var first = FirstPlan()
        if level > 1 {
            let stages = policy.stages(columns: pm.model.columns.count, integer: scenario.options.integer,
                                       shelters: scenario.shelters.count).filter { $0 != .exactFirst }
            first = try firstPlan(pm, budget: budget, stages: stages, forExport: true)
        }
        let outcome = try solveLexicographic(pm.model, levels: pm.levels, integer: scenario.options.integer,
                                             budget: budget,
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
    ///     of ``planByWindows(_:model:budget:maximumWindows:)``); branch-and-cut runs only when
    ///     the dive finds no plan.
    ///   - budget: the work the levels may do, with the wall-clock safety net.
    ///   - progress: told each level as it starts and ends (the live progress line).
    func solveLexicographic(_ model: LinearModel, levels: [PlanModel.Level], integer: Bool,
                            budget: WorkBudget,
                            start: [Double]? = nil, firstPlans: [[Double]] = [], knownBounds: LevelBounds = .init(),
                            export: ExportRequest? = nil,
                            branchingPriority: [Int]? = nil, quick: Bool = false,
                            progress: ProgressReporter? = nil) throws -> LexOutcome {
        let clock = ContinuousClock()
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
        options.budget = budget
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
        if isInteger.reduce(0, { $0 + ($1 ? 1 : 0) }) > policy.cutsUpToIntegerColumns { options.cuts = .none }
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
            // The budget is spent: the run stops at this level, unless the plan in hand meets
            // its proven bound (nothing to solve; the first-plan phase may use the whole
            // budget and still prove the first levels).
            if let cause = budget.exhausted, !meetsKnownBound {
                outcome.status = .feasible
                outcome.stoppedLevel = level.name
                outcome.stoppedBy = cause
                if x == nil { x = firstIncumbent }
                break
            }
            progress?.stage(level.name, best: inHand.map { level.value(at: $0) }, bound: knownBound, scale: scale)
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
                                                 budget: budget, solverSeconds: &outcome.solverSeconds)
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
                    outcome.stoppedBy = solution.stopCause ?? budget.exhausted ?? .effort
                }
            case .infeasible where x == nil:
                outcome.status = .infeasible
                return outcome
            case .timeLimit where x == nil:
                outcome.status = .timeLimit
                outcome.stoppedBy = solution.stopCause ?? budget.exhausted ?? .effort
                return outcome
            default:
                // A later level stopped without a better point: the earlier plan stands.
                outcome.status = x == nil ? solution.status : .feasible
                outcome.stoppedLevel = level.name
                outcome.stoppedBy = solution.stopCause ?? budget.exhausted ?? .effort
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
                           budget: WorkBudget, solverSeconds: inout Double) throws -> Solution {
        let startUnits = budget.used
        /// The units this level has used so far.
        func levelUnits() -> Int { budget.used - startUnits }
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
        var incumbent = previous ?? firstPlan
        var options = options
        /// The best plan so far when the time is up, with its gap to the proven bound, if any.
        func stopped() -> Solution {
            var s = Solution(status: incumbent == nil ? .timeLimit : .feasible, message: "the budget ran out")
            s.stopCause = budget.exhausted ?? .effort
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
        let solves = previous == nil ? policy.firstDiveSolves : (unit == nil && !quick ? 1 : policy.laterDiveSolves)
        let dive = try problem.dive(options: options, limits: .init(maximumSolves: solves))
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
            short.budget = budget.capped(policy.shortSearchBudget(levelUnits: levelUnits()))
            if budget.exhausted == nil {
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
            func runSearch(_ units: Int) throws -> Solution {
                search.budget = budget.capped(units)
                let s = try problem.solve(options: search)
                solverSeconds += s.seconds
                if verbose { print("search at \(target): \(s.status) (\(s.message)) in \(String(format: "%.2f", s.seconds)) s") }
                return s
            }
            var tries = 0
            while incumbent.map({ value($0) > target + tolerance(target) }) ?? true {
                // each try may use twice what the level has used so far, and at least a try's worth
                let tryUnits = min(policy.searchTryBudget(levelUnits: levelUnits(), withCuts: options.cuts.any), budget.left)
                if budget.exhausted != nil { break }
                try problem.setRowBounds(row, lower: -.infinity, upper: target - level.constant + tolerance(target))
                tries += 1
                // a short search first: it proves most targets out of reach in a few nodes
                let tryStart = budget.used
                var s = try runSearch(min(tryUnits, policy.firstSearchTryUnits))
                func cappedDive() throws -> [Double]? {
                    var limits = DiveLimits(maximumSolves: policy.cappedDiveSolves)
                    limits.structured = !policy.cappedDivePlainFirst
                    var capped = try problem.dive(options: options, limits: limits)
                    solverSeconds += capped.solverSeconds
                    if capped.values == nil {
                        // the other rounding: each finds plans the other misses (15 x 8 x 24
                        // at its unmet bound: the plain one, in 23 LP solves, where the structured
                        // dive found none in 52 and the search then took 7 s)
                        var plain = DiveLimits(maximumSolves: policy.cappedDiveSolves)
                        plain.structured = policy.cappedDivePlainFirst
                        let other = try problem.dive(options: options, limits: plain)
                        solverSeconds += other.solverSeconds
                        capped.values = other.values
                        capped.solves += other.solves
                    }
                    if verbose { print("dive at \(target): point \(capped.values.map { String(value($0)) } ?? "none") after \(capped.solves) LP solves, \(String(format: "%.2f", capped.solverSeconds)) s") }
                    return capped.values
                }
                // Without an earlier level's plan the LP guides a dive well: it goes before the long search.
                let diveFirst = previous == nil
                if s.status == .timeLimit && diveFirst, let v = try cappedDive() {
                    return optimal(v, "a plan at the proven bound (a dive)")
                }
                if s.status == .timeLimit, let v = try neighbourhood(search, incumbent: incumbent, cuts: options.cuts, budget: budget,
                                                                      problem: &problem, solverSeconds: &solverSeconds) {
                    return optimal(v, "a plan at the proven bound (RINS)")
                }
                let left = tryUnits - (budget.used - tryStart)
                if s.status == .timeLimit && s.stopCause == .effort && left > 0 && budget.exhausted == nil { s = try runSearch(left) }
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
        if budget.exhausted != nil { return stopped() }
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

    /// RINS under the cap at a level's bound (``GLPKProblem/neighbourhoodSearch(incumbent:options:minimumFixedShare:)``):
    /// the columns where the incumbent and the capped LP agree fixed, the rest searched as
    /// `search` does, with `cuts`, in ``SolvePolicy/rinsUnits``. A plan found is at the bound.
    func neighbourhood(_ search: SolveOptions, incumbent: [Double]?, cuts: CutOptions, budget: WorkBudget,
                       problem: inout GLPKProblem, solverSeconds: inout Double) throws -> [Double]? {
        guard policy.rinsUnits > 0, let incumbent, budget.exhausted == nil else { return nil }
        var sub = search
        sub.cuts = cuts
        if policy.rinsPlainSearch {
            sub.branchingPriority = nil
            sub.backtracking = searchOptions.backtracking
        }
        sub.budget = budget.capped(policy.rinsUnits)
        let r = try problem.neighbourhoodSearch(incumbent: incumbent, options: sub, minimumFixedShare: policy.rinsMinimumFixedShare)
        solverSeconds += r.solverSeconds
        if verbose {
            print("RINS: \(r.fixed) of \(r.decisions) decisions fixed, \(r.status.map { "\($0)" } ?? "not searched"), point \(r.values == nil ? "none" : "found") in \(String(format: "%.2f", r.solverSeconds)) s")
        }
        return r.values
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
        // (A budget of its own, so that the reasons are the same on every machine.)
        options.budget = WorkBudget(units: policy.effort)
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
