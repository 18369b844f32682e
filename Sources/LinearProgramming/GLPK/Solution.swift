/// Why the solver stopped. Separate from what came back (see ``Solution/values``).
public enum SolverStatus: String, Sendable, Equatable, CustomStringConvertible {
    /// Proven optimal (for a MIP: within the requested gap, 0 by default).
    case optimal
    /// A feasible point was found, but the search stopped (time limit, gap) before proving optimality.
    case feasible
    /// Proven infeasible.
    case infeasible
    /// Proven unbounded (or dual infeasible).
    case unbounded
    /// The time limit ran out with no feasible point.
    case timeLimit = "time-limit"
    /// The solver failed (numerical trouble, iteration limit...); see ``Solution/message``.
    case failed

    public var description: String { rawValue }
}

/// What a solve returned.
public struct Solution: Sendable, Equatable {
    public var status: SolverStatus
    /// Objective value (with the model's constant), when a point is known.
    public var objective: Double?
    /// Primal values, one per column, when a point is known (empty otherwise).
    public var values: [Double]
    /// Row duals (LP only; empty for a MIP or when unknown).
    public var rowDuals: [Double]
    /// Reduced costs of the columns (LP only; empty for a MIP or when unknown).
    public var reducedCosts: [Double]
    /// Row activities at `values`, one per row, when a point is known.
    public var rowActivities: [Double]
    /// For a MIP stopped early: relative gap |best - bound| / (|best| + eps) when known.
    public var gap: Double?

    /// GLPK's relative MIP gap, `|objective - bound| / (|objective| + eps)`.
    public static func relativeGap(objective: Double, bound: Double) -> Double {
        abs(objective - bound) / (abs(objective) + Double.ulpOfOne)
    }
    /// For a MIP: the best bound known at the end.
    public var bound: Double?
    /// GLPK's return code in words, from its manual (e.g. "time limit exceeded").
    public var message: String
    public var seconds: Double
    /// Work units this solve used (``WorkMeter``).
    public var work = 0
    /// What stopped the solve early, when a budget, the clock or an interruption did.
    public var stopCause: StopCause?

    public init(
        status: SolverStatus, objective: Double? = nil, values: [Double] = [],
        rowDuals: [Double] = [], reducedCosts: [Double] = [], rowActivities: [Double] = [],
        gap: Double? = nil, bound: Double? = nil, message: String = "", seconds: Double = 0
    ) {
        self.status = status
        self.objective = objective
        self.values = values
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
        self.rowActivities = rowActivities
        self.gap = gap
        self.bound = bound
        self.message = message
        self.seconds = seconds
    }

    /// Whether `values` holds a feasible point.
    public var hasPoint: Bool { !values.isEmpty && (status == .optimal || status == .feasible) }
}
