/// Every threshold and share that steers how a plan is solved, in one place
/// (docs/formulation.md, "Effort and the solve policy"). Budgets are in work units
/// (simplex iterations and branch-and-cut nodes, ``SolvePolicy/effort``), never in
/// seconds, so that a result depends only on the input and the flags.
public struct SolvePolicy: Sendable, Equatable {
    /// The policy of every command unless a flag changes it.
    public static let `default` = SolvePolicy()

    /// The effort budget of a whole run in work units, unless `--effort` or
    /// `options.effort` sets another (calibrated so that the M benchmark is proven optimal).
    public var effort = 100_000_000

    public init() {}
}
