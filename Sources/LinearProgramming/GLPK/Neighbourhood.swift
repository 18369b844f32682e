/// What ``GLPKProblem/neighbourhoodSearch(incumbent:options:minimumFixedShare:)`` found.
public struct NeighbourhoodResult: Sendable {
    /// A plan of the problem as it stands (its caps included), or `nil`.
    public var values: [Double]?
    /// Columns fixed (where the incumbent and the LP relaxation agree), of `decisions`: the
    /// decision columns, or every integer column when implied ones are fixed too.
    public var fixed = 0
    public var decisions = 0
    /// The sub-MIP's status (`nil` when it was not run: too few columns agreed, or the LP failed).
    public var status: SolverStatus?
    /// Time inside GLPK.
    public var solverSeconds = 0.0
}

extension GLPKProblem {
    /// A primal heuristic, RINS (relaxation induced neighbourhood search, Danna, Rothberg and
    /// Le Pape 2005): solves the LP relaxation of the problem as it stands (under a cap row
    /// at a level's bound, say), fixes every decision column (integer, not implied; or every
    /// integer column) at which `incumbent` and the LP's point agree, and searches what is
    /// left with `options` (a branch-and-cut with its own budget). The bounds and the
    /// relaxation's basis are restored before returning.
    ///
    /// - Parameters:
    ///   - incumbent: an integral plan of the model (it may break the cap).
    ///   - minimumFixedShare: the least share of those columns that must agree; below
    ///     it the neighbourhood is nearly the whole problem and no search is made.
    ///   - fixImpliedColumns: implied integer columns (stays, waits) are fixed too where they
    ///     agree: a smaller neighbourhood (``LexicographicSolver/SearchPolicy/improvingRinsRounds``).
    public mutating func neighbourhoodSearch(
        incumbent: [Double], options: SolveOptions,
        minimumFixedShare: Double, fixImpliedColumns: Bool = false
    ) throws -> NeighbourhoodResult {
        var result = NeighbourhoodResult()
        var lp = options
        lp.relaxIntegrality = true
        lp.presolve = false
        lp.incumbent = nil
        lp.method = .dual
        lp.branchingPriority = nil
        if let b = options.budget, b.exhausted != nil { return result }
        let relaxation = try solve(options: lp)
        result.solverSeconds += relaxation.seconds
        guard relaxation.status == .optimal, incumbent.count == columnCount else { return result }
        let basis = currentBasis()
        let decisions = (0..<columnCount).filter {
            isIntegerColumn($0) && (fixImpliedColumns || !isImpliedIntegerColumn($0))
        }
        result.decisions = decisions.count
        let agree = decisions.filter { abs(relaxation.values[$0] - incumbent[$0]) <= 1e-6 }
        result.fixed = agree.count
        guard !decisions.isEmpty, Double(agree.count) >= minimumFixedShare * Double(decisions.count) else {
            return result
        }
        let saved = agree.map { columnBounds($0) }
        defer {
            for (i, j) in agree.enumerated() { try? setColumnBounds(j, lower: saved[i].lower, upper: saved[i].upper) }
            try? restoreBasis(basis)
        }
        for (i, j) in agree.enumerated() {
            let v = min(max(incumbent[j].rounded(), saved[i].lower.rounded(.up)), saved[i].upper.rounded(.down))
            try setColumnBounds(j, lower: v, upper: v)
        }
        var sub = options
        sub.incumbent = nil
        sub.method = .dual
        // (Its bound is the neighbourhood's, not the level's: the progress line shows units only.)
        let s = try options.budget.map { b in try b.meter.unitsOnly { try solve(options: sub) } } ?? solve(options: sub)
        result.solverSeconds += s.seconds
        result.status = s.status
        if s.status == .optimal || s.status == .feasible { result.values = s.values }
        return result
    }
}
