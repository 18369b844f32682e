import IARSInput
import LinearProgramming

/// Every threshold and share that steers how a plan is solved, in one place
/// (docs/formulation.md, "Effort and the solve policy"). Budgets are in work units
/// (``LinearProgramming/WorkMeter``: simplex iterations and branch-and-cut nodes, weighted
/// by the model's size), never in seconds, so that a result depends only on the input and
/// the flags. Shares are of the units a search has left when the step starts.
public struct SolvePolicy: Sendable, Equatable {
    /// The policy of every command unless a flag changes it.
    public static let `default` = SolvePolicy()

    // MARK: The budget

    /// The effort budget of a whole run in work units, unless `--effort`, `options.effort`
    /// or a time limit (``unitsPerSecond``) sets another. Enough for the M benchmark
    /// (15 groups x 8 shelters x 24 months, integer) to be proven optimal.
    public var effort = 5_000_000
    /// The effort a wall-clock limit of one second stands for: a run with `--time-limit T`
    /// and no effort given gets `T * unitsPerSecond` units (the same on every machine), and
    /// the limit itself stays as a safety net. About half what this project's 2-core
    /// machines do in a second, so that the effort, not the clock, usually ends the run.
    public var unitsPerSecond = 25_000

    // MARK: Sizes

    /// Integer models with more columns than this get a first plan by time windows
    /// (40 x 20 x 36 has 45,017 columns; 15 x 8 x 24 4,909).
    public var windowsAboveColumns = 20_000
    /// About how many columns one time window plans at once.
    public var windowColumns = 2_500
    /// The plans made a few months at a time for a smaller integer plan whose unmet level
    /// the searches have not proven by the last search's first part (months a window decides,
    /// months relaxed after it; ``LinearProgramming/LexicographicSolver/LaterPlans``, within
    /// ``LinearProgramming/LexicographicSolver/SearchPolicy/laterPlansUnits``). Which shape
    /// does best differs from plan to plan, so several are made and the best is kept.
    public var laterWindows: [WindowShape] = [
        .init(1, 4), .init(2, 4), .init(3, 4), .init(1, 8), .init(2, 8), .init(3, 8),
    ]
    /// LP relaxations with more columns than this get the cost polish, as large integer
    /// plans do (80 x 40 x 60: 278,496 columns).
    public var lpPolishAboveColumns = 100_000
    /// LP relaxations with at most this many columns are first solved exactly in
    /// ``exactFirstShare`` of the budget; only when that stops early do they get the first plan.
    public var exactFirstLPColumns = 5_000
    /// The most shelters a neighbourhood of the cost polish grows to.
    public var polishShelters = 8

    // MARK: Shares of the units left

    /// The exact steps of a small LP relaxation, before any first plan.
    public var exactFirstShare = 0.5
    /// The merged-shelter integer plan.
    public var mergedIntegerPlanShare = 0.15
    /// The merged-shelter LP relaxation (when there is no merged integer plan).
    public var mergedRelaxationShare = 0.2
    /// The rules' tries stop once this share of the units left at their start is spent.
    public var rulesShare = 1.0 / 3
    /// The merged relaxation's bound of waiting, once unmet is proven.
    public var waitingBoundShare = 0.25
    /// The split merged model's bound of cost (solved apart, on its own meter: the whole
    /// budget left, beside the exact steps).
    public var costBoundShare = 1.0
    /// The cost polish of a large plan whose first plan proves unmet and waiting.
    public var polishShare = 0.8
    /// The time windows of a large integer plan.
    public var windowsShare = 0.8

    // MARK: Steps in units

    /// One try of the rules' plan, per unit of a step of the model (``WorkMeter/unitsPerStep(rows:columns:)``).
    public var rulesTryUnits = 20
    /// The least budget of one cost-polish step.
    public var polishStepUnits = 100_000
    /// The merged-shelter integer plan's waiting level: at least this, or
    /// ``mergedWaitingFactor`` times what its unmet level used, within the plan's share (its
    /// waiting took 1,002 units at 40 x 20 x 36 and 12,540 at 80 x 40 x 60, against 21,486
    /// and 226,784 for unmet, at most 3,544 where the family's proved it; on a budget-bound
    /// plan, gen-5008, it spent the whole share, 220,000 units, and proved nothing).
    public var mergedWaitingUnits = 5_000
    /// See ``mergedWaitingUnits``.
    public var mergedWaitingFactor = 2.0
    /// The merged-shelter integer plan's unmet level: at most this many units per step of the
    /// merged model (``WorkMeter/unitsPerStep(rows:columns:)``), within its share. 80 x 40 x 60
    /// needs 11,936 steps (226,784 units at 19 a step), 40 x 20 x 36 about 5,000; where it
    /// takes longer it is a weak bound (a relaxation: 355 unmet against the LP's 432 on
    /// gen-5024, after 140,000 units) and the merged LP serves instead.
    public var mergedUnmetUnitsPerStep = 20_000

    public init() {}

    /// The thresholds of the integer levels' search (dives, the short branch-and-cut, the
    /// search at a level's bound, RINS, GLPK's cuts): ``LinearProgramming/LexicographicSolver/SearchPolicy``,
    /// documented there with the measurements behind each.
    public var search = LexicographicSolver.SearchPolicy()

    /// The effort budget of a run: `effort` if given, else one from the time limit, else
    /// ``effort``.
    public func effort(given: Int?, timeLimit: Double?) -> Int {
        if let given { return given }
        if let t = timeLimit, t.isFinite, t > 0 {
            let units = t * Double(unitsPerSecond)
            return units >= Double(Int.max / 2) ? Int.max / 2 : max(1, Int(units.rounded(.up)))
        }
        return effort
    }

    /// The budget of a run that started at `started`: ``effort(given:timeLimit:)`` units on
    /// a meter of its own, the time limit (if any) as its wall-clock safety net.
    public func budget(given: Int?, timeLimit: Double?, started: ContinuousClock.Instant) -> WorkBudget {
        WorkBudget(
            meter: WorkMeter(), units: effort(given: given, timeLimit: timeLimit),
            deadline: solverDeadline(start: started, limit: timeLimit))
    }

    // MARK: The first plan's stages

    /// A step of the phase that gives a plan bounds and a first plan before its exact levels
    /// (docs/formulation.md, "Large plans"). Each stage may still be skipped by what the
    /// earlier ones found (a proven level needs no windows).
    public enum Stage: String, Sendable, Equatable, CaseIterable {
        /// The exact levels alone, in ``exactFirstShare``; the stages after it run only
        /// when they stop early.
        case exactFirst = "exact first"
        /// The merged-shelter scenario's own integer plan.
        case mergedIntegerPlan = "merged integer plan"
        /// The merged-shelter LP relaxation.
        case mergedRelaxation = "merged relaxation"
        /// The rules' plan, guided by the merged plans.
        case rules
        /// Bounds of the waiting and cost levels from the merged models.
        case laterBounds = "later bounds"
        /// Fix and optimize on the cost, a few shelters at a time.
        case costPolish = "cost polish"
        /// A plan made a few months at a time, with the unmet level's LP beside it.
        case windows
    }

    /// The stages a plan of this size goes through before its exact levels.
    ///
    /// - Parameters:
    ///   - columns: the model's columns.
    ///   - integer: whether the plan is integer (`options.integer`).
    ///   - shelters: the scenario's shelters (one shelter has nothing to merge).
    public func stages(columns: Int, integer: Bool, shelters: Int) -> [Stage] {
        var list: [Stage] = []
        if !integer && columns <= exactFirstLPColumns { list.append(.exactFirst) }
        if integer && shelters > 1 { list.append(.mergedIntegerPlan) }
        list.append(.mergedRelaxation)
        list.append(.rules)
        list.append(.laterBounds)
        if shelters > 2 && columns > (integer ? windowsAboveColumns : lpPolishAboveColumns) { list.append(.costPolish) }
        if integer && columns > windowsAboveColumns { list.append(.windows) }
        return list
    }
}

/// When solving must stop for a run that started at `start` with a time limit of
/// `limit` seconds: a little before the limit (10% of it, at most 2 s), so that
/// stopping GLPK, extracting the result and writing it fit within the limit.
func solverDeadline(start: ContinuousClock.Instant, limit: Double?) -> ContinuousClock.Instant? {
    limit.map { start + .milliseconds(Int64((max($0 * 0.9, $0 - 2) * 1000).rounded(.up))) }
}
