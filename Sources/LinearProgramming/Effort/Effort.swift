import Foundation

/// Counts the work of a search in deterministic units, so that a search stopped by its
/// budget stops at the same point on every machine, under any load.
///
/// One **work unit** is one simplex iteration, or one branch-and-cut node, of a model of up
/// to 1,000 rows and columns together; an iteration or node of a larger model counts
/// `ceil((rows + columns) / 1000)` units (``unitsPerStep(rows:columns:)``), since its
/// cost grows with the model, so that a unit takes roughly the same time at every size.
/// A level's last branch-and-cut also counts the cut rows GLPK adds below the root
/// (``unitsPerCutRow``) and the open nodes its node selection walks (``openNodesPerUnit``).
/// GLPK is deterministic: the same model and settings take the same iterations and nodes.
///
/// A meter belongs to one thread at a time (a search and the solves it makes); a search
/// on a second thread has a meter of its own.
public final class WorkMeter: @unchecked Sendable {
    /// Units used so far.
    public private(set) var used = 0

    /// Told of the search's progress inside a solve: the units done in it so far and not
    /// yet charged, the best objective value found and the best bound (GLPK's scaled
    /// values), from branch-and-cut's node selection and between simplex calls. For a
    /// live display only: nothing may depend on it.
    public var onProgress: ((_ pending: Int, _ best: Double?, _ bound: Double?) -> Void)?

    public init() {}

    /// Runs `body` with ``onProgress`` told the units only, not the objective values and
    /// bounds: for searches whose values are not the level's (a neighbourhood with columns
    /// fixed, whose bound may lie above the level's optimum; another model's plan).
    public func unitsOnly<T>(_ body: () throws -> T) rethrows -> T {
        guard let report = onProgress else { return try body() }
        onProgress = { pending, _, _ in report(pending, nil, nil) }
        defer { onProgress = report }
        return try body()
    }

    /// Adds `units` to ``used``.
    public func charge(_ units: Int) {
        used += max(0, units)
    }

    /// The steps a cut row GLPK's generators add in branch-and-cut counts for (times
    /// ``unitsPerStep(rows:columns:)``): generating it (a Gomory cut is a row of the simplex
    /// tableau, about an iteration's work, and GLPK tries several per row it keeps) and the
    /// larger node LPs while it stays. See docs/performance.md, "Cut rows counted".
    public static let unitsPerCutRow = 2

    /// How many open nodes GLPK's node selection walks for one step: best-local backtracking
    /// looks at every open node to choose the next (tens of thousands late in a long search).
    public static let openNodesPerUnit = 1000

    /// The units of one simplex iteration or branch-and-cut node of a model of this size.
    public static func unitsPerStep(rows: Int, columns: Int) -> Int {
        max(1, (rows + columns + 999) / 1000)
    }
}

/// What stopped a solve before it was done.
public enum StopCause: String, Sendable, Equatable {
    /// The effort budget (work units) ran out: the same on every machine.
    case effort
    /// The wall-clock safety net fired.
    case clock
    /// The budget's ``WorkBudget/interruption`` (``Interruption/shared``: SIGINT, SIGTERM) was raised.
    case interrupt
}

/// How much a search, or a step of it, may still do: work units on a ``WorkMeter``, and
/// optionally a wall-clock deadline as a safety net. A step's budget is a share of what
/// its search has left (``share(_:)``), so the whole search stays within its budget.
public struct WorkBudget: Sendable, Equatable {
    /// Where the work is counted.
    public let meter: WorkMeter
    /// The meter's reading at which the work must stop (`Int.max`: none).
    public var end: Int
    /// The wall-clock safety net: a solve running past it stops (``StopCause/clock``).
    public var deadline: ContinuousClock.Instant?
    /// The stop request the work heeds: the process's (SIGINT, SIGTERM), or one of its own (a
    /// test that raises it then stops no other test's solve).
    public let interruption: Interruption

    /// A budget of `units` from the meter's present reading.
    public init(
        meter: WorkMeter = WorkMeter(), units: Int?, deadline: ContinuousClock.Instant? = nil,
        interruption: Interruption = .shared
    ) {
        self.meter = meter
        self.interruption = interruption
        self.end =
            units.map { meter.used.addingReportingOverflow(max(0, $0)).overflow ? Int.max : meter.used + max(0, $0) }
            ?? Int.max
        self.deadline = deadline
    }

    /// A budget with no effort limit and no deadline, counting on a meter of its own.
    public static var unlimited: WorkBudget { WorkBudget(units: nil) }

    /// Units left (`Int.max` without a limit).
    public var left: Int { end == Int.max ? Int.max : max(0, end - meter.used) }

    /// Units used on the meter so far.
    public var used: Int { meter.used }

    /// Whether the effort limit has a finite end.
    public var isLimited: Bool { end != Int.max }

    /// Seconds left before the deadline, if there is one.
    public var secondsLeft: Double? { deadline.map { (($0 - ContinuousClock.now)).inSeconds } }

    /// Why no more work may start, if any: the effort is spent, the deadline passed, or a
    /// stop was asked for.
    public var exhausted: StopCause? {
        if interruption.isRequested { return .interrupt }
        if left <= 0 { return .effort }
        if let s = secondsLeft, s <= 0.001 { return .clock }
        return nil
    }

    /// A step's budget: `fraction` of the units left (at least 1 when any are left), with the
    /// same meter and deadline.
    public func share(_ fraction: Double) -> WorkBudget {
        var b = self
        if isLimited {
            let part = Double(left) * min(1, max(0, fraction))
            b.end = meter.used + (left > 0 ? max(1, Int(part.rounded(.down))) : 0)
        }
        return b
    }

    /// At most `units` of what is left.
    public func capped(_ units: Int) -> WorkBudget {
        var b = self
        let u = max(0, units)
        if meter.used.addingReportingOverflow(u).overflow { return b }
        b.end = min(end, meter.used + u)
        return b
    }

    /// The same units left, counted on a fresh meter (for a search on another thread,
    /// which must not share this one's).
    public func detached() -> WorkBudget {
        WorkBudget(meter: WorkMeter(), units: isLimited ? left : nil, deadline: deadline, interruption: interruption)
    }

    public static func == (a: WorkBudget, b: WorkBudget) -> Bool {
        a.meter === b.meter && a.end == b.end && a.deadline == b.deadline && a.interruption === b.interruption
    }
}
