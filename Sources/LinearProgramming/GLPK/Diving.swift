/// Limits of ``GLPKProblem/dive(options:limits:)``.
public struct DiveLimits: Sendable, Equatable {
    /// The most LP solves (the first one included).
    public var maximumSolves: Int

    /// The share of the fractional columns fixed in one step (1/batchDivisor of them, at least one).
    public var batchDivisor: Int
    /// Round with the model's structure: implied integers left to follow, setup columns
    /// first and up (true); or every integer column, closest to an integer first (false).
    /// Each finds plans the other misses (budget-bound plans; 15 x 8 x 24 at its bound).
    public var structured = true

    public init(maximumSolves: Int = 400, batchDivisor: Int = 4) {
        self.maximumSolves = maximumSolves
        self.batchDivisor = max(1, batchDivisor)
    }
}

/// What a dive found.
public struct DiveResult: Sendable {
    /// The LP relaxation's optimal objective: a bound on the MIP's optimum (from below
    /// when minimising, from above when maximising), or `nil` when the relaxation was
    /// not solved to optimality.
    public var relaxationBound: Double?
    /// An integral point (integer columns exactly integral), or `nil` when the dive failed.
    public var values: [Double]?
    /// LP solves made.
    public var solves: Int
    /// Time spent in GLPK's simplex, in seconds.
    public var solverSeconds: Double = 0
    /// Work units of the LP solves (``WorkMeter``).
    public var work = 0
}

extension GLPKProblem {
    /// A primal heuristic: LP-guided rounding ("fractional diving").
    ///
    /// Solves the LP relaxation, then repeatedly fixes a batch of the fractional
    /// integer columns closest to an integer at that integer and re-solves from the
    /// previous basis (the dual simplex), until the LP's point is integral. A batch
    /// that makes the LP infeasible is undone and retried smaller, then rounded the
    /// other way; when that fails too, the dive gives up. Implied integer columns
    /// (``LinearModel/Column/isImpliedInteger``) are not rounded: they become integral
    /// with the others. Setup columns (``LinearModel/Column/isSetup``) go first, rounded
    /// up (down only when up fails), so that the capacity they open is there before the
    /// columns that use it are rounded. Column bounds and the
    /// relaxation's optimal basis are restored before returning, so the problem is
    /// unchanged and the next solve starts from the relaxation's optimum.
    ///
    /// Branch-and-cut in GLPK 5.0 often finds no integer point for a long time on
    /// time-staged models whose LP optimum is degenerate; this finds one in a few
    /// dozen warm LP solves, and when its value equals the relaxation's bound, the
    /// point is optimal and branch-and-cut is not needed at all.
    ///
    /// - Parameter options: LP settings (time limit, verbosity, the simplex method of the
    ///   first solve); integrality is relaxed, presolve is off (it would discard the
    ///   basis), the re-solves use the dual simplex, and the incumbent is ignored.
    public mutating func dive(options: SolveOptions, limits: DiveLimits = .init()) throws -> DiveResult {
        var run = DiveRun(options: options, limits: limits)
        guard let root = try diveSolve(&run), root.status == .optimal else { return run.result }
        run.result.relaxationBound = root.objective
        run.lp.method = .dual  // bounds change from here on: the basis stays dual feasible
        let rootBasis = currentBasis()

        let integerColumns = (0..<columnCount).filter { isIntegerColumn($0) }
        // The columns the dive rounds: implied integers (people in shelter, waiting) follow
        // the others, and fixing them as well took the room the budget rows need.
        let rounded = limits.structured ? integerColumns.filter { !isImpliedIntegerColumn($0) } : integerColumns
        let saved = integerColumns.map { columnBounds($0) }
        defer {
            for (i, j) in integerColumns.enumerated() {
                try? setColumnBounds(j, lower: saved[i].lower, upper: saved[i].upper)
            }
            try? restoreBasis(rootBasis)
        }
        var x = root.values
        while true {
            var fractional: [(j: Int, distance: Double)] = []
            for j in rounded {
                let d = abs(x[j] - x[j].rounded())
                if d > DiveRun.tolerance { fractional.append((j, d)) }
            }
            if fractional.isEmpty {
                // implied integers off by more than the tolerance: no integral point
                if integerColumns.contains(where: { abs(x[$0] - x[$0].rounded()) > DiveRun.tolerance }) {
                    return run.result
                }
                for j in integerColumns { x[j] = x[j].rounded() }
                run.result.values = x
                return run.result
            }
            guard let next = try roundBatch(fractional, at: x, &run) else { return run.result }
            x = next
        }
    }

    /// Rounds a batch of the fractional columns and solves again: setup columns
    /// (departures) first, rounded up (the capacity they open keeps the room of the columns
    /// that use it: rounding those first left departures that could be neither opened, for
    /// the budget, nor closed, for the returns); else the closest to an integer first. A
    /// batch that makes the LP infeasible is undone and retried smaller, then rounded the
    /// other way. Returns the LP's new point, or `nil` when the dive gives up.
    private mutating func roundBatch(
        _ fractional: [(j: Int, distance: Double)], at x: [Double],
        _ run: inout DiveRun
    ) throws -> [Double]? {
        var fractional = fractional
        let setups = run.limits.structured ? fractional.filter { isSetupColumn($0.j) } : []
        if !setups.isEmpty {
            fractional = setups.map { (j: $0.j, distance: x[$0.j].rounded(.up) - x[$0.j]) }
        }
        fractional.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.j < $1.j }
        var flipped = false
        var batch = max(1, fractional.count / run.limits.batchDivisor)
        let upFirst = !setups.isEmpty
        while true {
            var before: [(Int, (lower: Double, upper: Double))] = []
            for (j, _) in fractional.prefix(batch) {
                let b = columnBounds(j)
                before.append((j, b))
                var r =
                    upFirst
                    ? (flipped ? x[j].rounded(.down) : x[j].rounded(.up))
                    : flipped ? (x[j].rounded() < x[j] ? x[j].rounded(.up) : x[j].rounded(.down)) : x[j].rounded()
                r = min(max(r, b.lower.rounded(.up)), b.upper.rounded(.down))
                try setColumnBounds(j, lower: r, upper: r)
            }
            guard let next = try diveSolve(&run) else { return nil }
            if next.status == .optimal { return next.values }
            for (j, b) in before { try setColumnBounds(j, lower: b.lower, upper: b.upper) }
            if next.status != .infeasible { return nil }  // a time limit or a failure
            if batch > 1 {
                batch = max(1, batch / run.limits.batchDivisor)
            } else if !flipped {
                flipped = true
            } else {
                return nil
            }
        }
    }

    /// One LP solve of the dive, counted; `nil` when the dive's solves or its budget are spent.
    private mutating func diveSolve(_ run: inout DiveRun) throws -> Solution? {
        if run.result.solves >= run.limits.maximumSolves { return nil }
        // (the budget in the options holds the effort and the wall-clock deadline)
        if let b = run.options.budget, b.exhausted != nil { return nil }
        run.result.solves += 1
        let s = try solve(options: run.lp)
        run.result.solverSeconds += s.seconds
        run.result.work += s.work
        return s
    }
}

/// What a dive carries from one LP solve to the next.
struct DiveRun {
    /// A value this close to an integer counts as integral.
    static let tolerance = 1e-6
    let options: SolveOptions
    let limits: DiveLimits
    /// The settings of the dive's LP solves.
    var lp: SolveOptions
    var result = DiveResult(relaxationBound: nil, values: nil, solves: 0)

    init(options: SolveOptions, limits: DiveLimits) {
        self.options = options
        self.limits = limits
        lp = options
        lp.relaxIntegrality = true
        lp.presolve = false
        lp.incumbent = nil
    }
}
