import Foundation
import IARSInput
import LinearProgramming

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

    public init(
        stage: String, best: Double? = nil, bound: Double? = nil, gap: Double? = nil,
        effort: Int, effortLimit: Int? = nil, seconds: Double
    ) {
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

extension StoppedBy {
    /// The solver layer's cause, in the result's words.
    init(_ cause: StopCause) {
        switch cause {
        case .effort: self = .effort
        case .clock: self = .clock
        case .interrupt: self = .interrupt
        }
    }
}

/// Turns the search's steps into ``SolveProgress`` snapshots for a ``SolveTrace``: the
/// stage (a level's name) with its best value and bound, and the work done, from the
/// level loop and from inside GLPK (``LinearProgramming/WorkMeter/onProgress``). At most
/// about 20 snapshots a second reach the trace. Nothing the search decides depends on it.
final class ProgressReporter: @unchecked Sendable {
    private let trace: SolveTrace?
    private let meter: WorkMeter
    private let limit: Int?
    private let started: ContinuousClock.Instant
    private let lock = NSLock()
    private var stageName = "first plan"
    private var best: Double?
    private var bound: Double?
    private var scale = 1.0
    private var solverValues = false
    private var lastReport: ContinuousClock.Instant?

    init(trace: SolveTrace?, meter: WorkMeter, limit: Int?, started: ContinuousClock.Instant) {
        self.trace = trace
        self.meter = meter
        self.limit = limit
        self.started = started
    }

    /// A new stage starts (or a level with a plan in hand and a known bound).
    /// `scale` is the factor of the objective GLPK sees for this level. `solverValues`: the
    /// solves of this stage minimise the stage's own objective, so their best values and
    /// bounds are the stage's (not so in the first plan's, whose models are others).
    func stage(_ name: String, best: Double? = nil, bound: Double? = nil, scale: Double = 1, solverValues: Bool = true)
    {
        guard trace != nil else { return }
        lock.lock()
        stageName = name
        self.solverValues = solverValues
        self.best = best
        self.bound = bound
        self.scale = scale
        lock.unlock()
        report(pending: 0, force: true)
    }

    /// From inside a solve: work not yet charged, and GLPK's best value and bound.
    func solverStep(_ pending: Int, _ best: Double?, _ bound: Double?) {
        guard trace != nil else { return }
        lock.lock()
        if solverValues, let b = best { self.best = self.best.map { min($0, b / scale) } ?? b / scale }
        if solverValues, let b = bound { self.bound = self.bound.map { max($0, b / scale) } ?? b / scale }
        lock.unlock()
        report(pending: pending, force: false)
    }

    private func report(pending: Int, force: Bool) {
        guard let trace else { return }
        let now = ContinuousClock.now
        lock.lock()
        if !force, let last = lastReport, now - last < .milliseconds(50) {
            lock.unlock()
            return
        }
        lastReport = now
        var gap: Double? = nil
        if let b = best, let l = bound { gap = Solution.relativeGap(objective: b, bound: min(l, b)) }
        let snapshot = SolveProgress(
            stage: stageName, best: best, bound: bound, gap: gap,
            effort: meter.used + pending, effortLimit: limit,
            seconds: (now - started).inSeconds)
        lock.unlock()
        trace(snapshot)
    }
}
