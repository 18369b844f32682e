import Foundation
import IARSInput
import LinearProgramming

/// Plans a scenario: builds ``PlanModel``, solves it lexicographically (unmet,
/// then waiting, then cost) on one GLPK problem, and turns the solution into a
/// ``PlanResult``.
public struct Planner: Sendable {
    /// How closely a solved level is kept, and when two values of a level count as equal.
    public var tolerance = KeepTolerance()
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
    public func plan(_ scenario: Scenario, warmStart: PlanWarmStart?) throws -> (
        result: PlanResult, warmStart: PlanWarmStart?
    ) {
        let clock = ContinuousClock()
        let started = clock.now
        let limit = timeLimit ?? scenario.options.timeLimitSeconds
        let budget = runBudget(scenario, started: started)

        let pm = PlanModel(scenario: scenario)
        var result = PlanResult(
            scenario: scenario.name, status: .optimal, integer: scenario.options.integer,
            objective: nil, budgetTotal: scenario.budget.total, currency: scenario.currency)
        result.size = .init(
            columns: pm.model.columns.count, rows: pm.model.rows.count,
            nonzeros: pm.model.numberOfNonzeros,
            integers: pm.model.columns.reduce(0) { $0 + ($1.isInteger ? 1 : 0) })
        result.timing.build = (clock.now - started).inSeconds

        if limit == nil && effort == nil && scenario.options.effort == nil
            && scenario.options.integer && pm.model.columns.count > policy.windowsAboveColumns
        {
            largePlanWithoutLimit?(pm.model.columns.count)
        }
        let progress = ProgressReporter(
            trace: trace, meter: budget.meter, limit: budget.isLimited ? budget.left : nil,
            started: started)
        budget.meter.onProgress = progress.solverStep
        defer { budget.meter.onProgress = nil }
        let stages = policy.stages(
            columns: pm.model.columns.count, integer: scenario.options.integer,
            shelters: scenario.shelters.count)
        let start = warmStart.map { $0.point(for: pm.model) }
        let tried = try exactFirst(pm, stages: stages, budget: budget, start: start, progress: progress)
        // A plan gets bounds and a first plan before the exact steps.
        var first = FirstPlan()
        if tried.exact == nil {
            progress.stage("first plan", solverValues: false)
            first = try firstPlan(pm, budget: budget, stages: stages)
            result.timing.firstPlan = first.seconds
            // (The stopped exact levels' point, where they had one, is a plan of the model too.)
            if let plan = tried.plan { first.plans.append(plan) }
        }
        var outcome =
            try tried.exact
            ?? solveLexicographic(
                pm.model, levels: pm.levels, integer: scenario.options.integer,
                budget: budget, start: start,
                firstPlans: first.plans, knownBounds: first.known,
                branchingPriority: pm.columnMonth, progress: progress,
                laterPlans: laterPlans(pm))
        // (Each level's time includes the stopped exact try's.)
        result.timing.levels = (0..<max(outcome.seconds.count, tried.levels.count)).map { i in
            (i < outcome.seconds.count ? outcome.seconds[i] : 0) + (i < tried.levels.count ? tried.levels[i] : 0)
        }
        result.timing.solver = outcome.solverSeconds + first.solverSeconds + tried.solverSeconds
        closeGap(&outcome, pm, first: first)
        let extractStart = clock.now
        result.effort = budget.used
        var finished = try finish(&result, outcome, pm)
        finished.result.timing.extract = (clock.now - extractStart).inSeconds
        return finished
    }

    /// A small LP relaxation's exact levels, first, in a share of the budget
    /// (``SolvePolicy/Stage/exactFirst``): the run ends with them unless the budget stopped them.
    struct ExactTry {
        /// The levels' outcome when the run ends with it.
        var exact: LexicographicSolver.Outcome?
        /// Otherwise what the stopped try leaves: its point, its levels' times, its solver time.
        var plan: [Double]?
        var levels: [Double] = []
        var solverSeconds = 0.0
    }

    func exactFirst(
        _ pm: PlanModel, stages: [SolvePolicy.Stage], budget: WorkBudget, start: [Double]?,
        progress: ProgressReporter
    ) throws -> ExactTry {
        var tried = ExactTry()
        guard stages.contains(.exactFirst) else { return tried }
        let outcome = try solveLexicographic(
            pm.model, levels: pm.levels, integer: false,
            budget: budget.share(policy.exactFirstShare),
            start: start, branchingPriority: pm.columnMonth, progress: progress)
        if outcome.status == .optimal || outcome.status == .infeasible || outcome.stoppedBy == .interrupt
            || outcome.stoppedBy == .clock
        {
            tried.exact = outcome
        } else {
            tried.solverSeconds = outcome.solverSeconds
            tried.levels = outcome.seconds
            tried.plan = outcome.values
            if verbose { print("the exact levels stopped at their share of the effort; the first plan next") }
        }
        return tried
    }

    /// A level stopped: the merged-shelter relaxation's bound (where it holds), or in the
    /// first level the relaxation solved beside the windows, may give a closer gap than the
    /// exact steps' own. The bounds beside have budgets of their own and are always waited
    /// for, so that none outlives the run and the gap is the same on every machine.
    func closeGap(_ outcome: inout LexicographicSolver.Outcome, _ pm: PlanModel, first: FirstPlan) {
        var known = first.known
        let side = first.sideBound?.wait()
        if let costSide = first.costSide {
            while known.bounds.count < 3 { known.bounds.append(nil) }
            known.bounds[2] = costSide.wait()
        }
        guard let x = outcome.values, let i = pm.levels.firstIndex(where: { $0.name == outcome.stoppedLevel }) else {
            return
        }
        let integer = pm.scenario.options.integer
        var bounds = [
            known.bound(
                i, earlier: pm.levels.prefix(i).map { $0.value(at: x) },
                meets: { tolerance.meetsBound($0, $1, integer: integer) })
        ]
        if i == 0 { bounds.append(side) }
        if let b = bounds.compactMap({ $0 }).max() {
            let level = pm.levels[i]
            let gap = Solution.relativeGap(
                objective: level.value(at: x),
                bound: Self.attainable(b, level: level, isInteger: pm.model.columns.map(\.isInteger)))
            outcome.gap = min(outcome.gap ?? gap, gap)
        }
    }

    /// The result from the levels' outcome: the plan, or why there is none.
    func finish(_ result: inout PlanResult, _ outcome: LexicographicSolver.Outcome, _ pm: PlanModel) throws
        -> (result: PlanResult, warmStart: PlanWarmStart?)
    {
        guard let x = outcome.values else {
            if outcome.status == .infeasible {
                result.status = .infeasible
                result.reasons = try explainInfeasibility(pm.scenario)
            } else {
                result.status = .timeLimit
                result.stoppedBy = outcome.stoppedBy.map(StoppedBy.init) ?? .effort
            }
            return (result, nil)
        }
        result.status = outcome.status == .optimal ? .optimal : .feasible
        result.gap = outcome.gap
        result.stoppedLevel = outcome.stoppedLevel
        result.searchedAfterStop = outcome.searchedAfterStop
        if result.status == .feasible { result.stoppedBy = outcome.stoppedBy.map(StoppedBy.init) ?? .effort }
        PlanEvaluator(model: pm, values: x).fill(&result)
        result.endOfHorizon = EndOfHorizon(result, scenario: pm.scenario)
        return (result, PlanWarmStart(model: pm.model, values: x))
    }

    /// The budget of a run that started at `started`: the effort given (``effort``, else
    /// `options.effort`), or one from the time limit, or the policy's default; the time
    /// limit (``timeLimit``, else `options.time_limit_seconds`) as its wall-clock deadline.
    func runBudget(_ scenario: Scenario, started: ContinuousClock.Instant) -> WorkBudget {
        policy.budget(
            given: effort ?? scenario.options.effort, timeLimit: timeLimit ?? scenario.options.timeLimitSeconds,
            started: started)
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
    public func export(_ scenario: Scenario, level: Int, format: ExportFormat, to path: String) throws -> ExportResult {
        precondition((1...3).contains(level), "level must be 1, 2 or 3")
        let budget = runBudget(scenario, started: ContinuousClock.now)
        let pm = PlanModel(scenario: scenario)
        // The earlier levels get the plan's bounds and first plan too: at 40 x 20 x 36 they
        // prove the unmet and waiting levels in a second, so the cost level's exact model is
        // written at once.
        var first = FirstPlan()
        if level > 1 {
            let stages = policy.stages(
                columns: pm.model.columns.count, integer: scenario.options.integer,
                shelters: scenario.shelters.count
            ).filter { $0 != .exactFirst }
            first = try firstPlan(pm, budget: budget, stages: stages, forExport: true)
        }
        let outcome = try solveLexicographic(
            pm.model, levels: pm.levels, integer: scenario.options.integer,
            budget: budget,
            firstPlans: first.plans, knownBounds: first.known,
            export: .init(level: level - 1, format: format.modelFileFormat, path: path),
            branchingPriority: pm.columnMonth)
        var status = outcome.status
        if !outcome.exported && (status == .optimal || status == .feasible) { status = .timeLimit }
        return ExportResult(status: status, levelName: Self.levelNames[level - 1])
    }

    /// Minimises each level in turn, keeping the earlier ones at their optimum
    /// (``LexicographicSolver``), with this planner's search settings and policy.
    ///
    /// - Parameters:
    ///   - start: a plan of a similar scenario: only a hint for GLPK.
    ///   - firstPlans: plans of this model (checked there): the best that passes the check
    ///     is the first level's incumbent.
    ///   - knownBounds: lower bounds of the levels from a relaxation: a level whose plan in
    ///     hand (the previous level's, or the first plan) meets its bound is optimal
    ///     without a solve.
    ///   - diveOnly: each integer level keeps the dive's plan, proven or not (a time window
    ///     of ``planByWindows(_:model:budget:shape:maximumWindows:)``).
    ///   - budget: the work the levels may do, with the wall-clock safety net.
    ///   - progress: told each level as it starts (the live progress line).
    ///   - laterPlans: more plans for a first level the searches leave open (``laterPlans(_:)``).
    func solveLexicographic(
        _ model: LinearModel, levels: [PlanModel.Level], integer: Bool,
        budget: WorkBudget,
        start: [Double]? = nil, firstPlans: [[Double]] = [], knownBounds: KnownBounds = .init(),
        export: LexicographicSolver.Export? = nil,
        branchingPriority: [Int]? = nil, diveOnly: Bool = false,
        progress: ProgressReporter? = nil, laterPlans: LexicographicSolver.LaterPlans? = nil
    ) throws -> LexicographicSolver.Outcome {
        let search = LexicographicSolver.Search(options: searchOptions, policy: policy.search, verbose: verbose)
        return try LexicographicSolver.solve(
            model, levels: levels, integer: integer, budget: budget, search: search,
            tolerance: tolerance, start: start, firstPlans: firstPlans,
            knownBounds: knownBounds, export: export,
            branchingPriority: branchingPriority, diveOnly: diveOnly,
            onLevel: progress.map { p in
                { p.stage($0.name, best: $0.best, bound: $0.bound, scale: $0.scale) }
            }, laterPlans: laterPlans)
    }

    /// The least value of `level` at integral points that is at or above `b` (`b` itself
    /// when the level has no unit, or for an LP relaxation).
    static func attainable(_ b: Double, level: PlanModel.Level, isInteger: [Bool]) -> Double {
        ObjectiveUnit(level, isInteger: isInteger)?.attainable(b, objective: level) ?? b
    }
}
