import Foundation

/// What stopped a search before it proved every level optimal.
public enum StoppedBy: String, Sendable, Equatable {
    /// The effort budget (`--effort`, `options.effort`) ran out: the result is the same
    /// on every machine.
    case effort
    /// The wall-clock limit (`--time-limit`) fired: the one result that may differ
    /// between runs.
    case clock
    /// SIGINT or SIGTERM asked the search to stop; the best plan so far was written.
    case interrupt
}

/// A snapshot of a running search, for a live progress line. Reported through
/// ``SolveTrace``; the library never prints.
public struct SolveProgress: Sendable, Equatable {
    /// What the search is doing: `first plan`, or a level's name (`unmet`, `waiting`,
    /// `cost`; `left_behind_days` etc. for schedules).
    public var stage: String
    /// The objective value of the best plan so far in this stage, if any.
    public var best: Double?
    /// The best proven lower bound of this stage, if any.
    public var bound: Double?
    /// Relative gap between ``best`` and ``bound``, when both are known.
    public var gap: Double?
    /// Work units used so far (simplex iterations and branch-and-cut nodes).
    public var effort: Int
    /// The run's effort budget.
    public var effortLimit: Int?
    /// Wall-clock seconds since the search started (display only: never decides anything).
    public var seconds: Double

    public init(stage: String, best: Double? = nil, bound: Double? = nil, gap: Double? = nil,
                effort: Int, effortLimit: Int? = nil, seconds: Double) {
        self.stage = stage
        self.best = best
        self.bound = bound
        self.gap = gap
        self.effort = effort
        self.effortLimit = effortLimit
        self.seconds = seconds
    }
}

/// Receives progress snapshots (from the solving thread; keep it cheap).
public typealias SolveTrace = @Sendable (SolveProgress) -> Void
