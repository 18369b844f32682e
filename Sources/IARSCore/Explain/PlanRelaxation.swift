import LinearProgramming

/// The LP relaxation of a plan's model solved lexicographically, for ``PlanExplainer``:
/// each level's optimum, row duals (keep rows included), reduced costs and point, and the
/// solver left at that optimum, to solve again with one more unit of a capacity.
struct PlanRelaxation {
    let pm: PlanModel
    let lex: LexicographicSolver
    /// Departure columns fixed at the plan's count, with the count.
    let fixedColumns: [Int: Double]
    /// The simplex settings of the levels, and the same without presolve (to start from the
    /// current basis).
    let options: SolveOptions
    let warm: SolveOptions
    let levelDuals: [[Double]]
    let levelReduced: [[Double]]
    let levelValues: [[Double]]
    /// Each level's optimum.
    let z: [Double]
    /// The keep row of each level.
    let keepRows: [Int]

    enum Outcome {
        case solved(PlanRelaxation)
        /// Why there are no marginal values.
        case unsolved(note: String)
    }

    /// Solves the relaxation of `pm` level by level, keeping each level at its optimum.
    ///
    /// - Parameters:
    ///   - plan: An integer plan whose departures are fixed before solving (see docs/explain.md); nil for none.
    ///   - searchOptions: The simplex settings (integrality is relaxed, no incumbent).
    static func solve(
        _ pm: PlanModel, fixingDeparturesOf plan: PlanResult?, searchOptions: SolveOptions,
        tolerance: KeepTolerance
    ) throws -> Outcome {
        let lex = try LexicographicSolver(pm.model, levels: pm.levels, tolerance: tolerance)
        let fixedColumns = try plan.map { try fixDepartures(of: $0, in: pm, lex) } ?? [:]
        var options = searchOptions
        options.relaxIntegrality = true
        options.incumbent = nil
        var levelDuals: [[Double]] = []  // row duals incl. keep rows
        var levelReduced: [[Double]] = []
        var levelValues: [[Double]] = []
        var z: [Double] = []
        for (l, level) in pm.levels.enumerated() {
            let s = try lex.solveLevel(l, options: options)
            guard s.status == .optimal, !s.rowDuals.isEmpty else {
                return .unsolved(
                    note: "the LP relaxation could not be solved to optimality at level \(level.name) "
                        + "(\(s.status)); no marginal values")
            }
            levelDuals.append(s.rowDuals)
            levelReduced.append(s.reducedCosts)
            levelValues.append(s.values)
            let v = level.value(at: s.values)
            z.append(v)
            try lex.keep(l, at: v)
        }
        var warm = options
        warm.presolve = false
        return .solved(
            PlanRelaxation(
                pm: pm, lex: lex, fixedColumns: fixedColumns, options: options, warm: warm,
                levelDuals: levelDuals, levelReduced: levelReduced, levelValues: levelValues,
                z: z, keepRows: lex.keepRows.map { $0! }))
    }

    /// Fixes each route's departure columns at the plan's (integer) departures.
    ///
    /// Departures carry fixed costs: their LP relaxation runs fractions of a bus and
    /// understates cost. Fixed at the plan's departures, the LP stays close to the plan;
    /// a fixed column's reduced cost still prices one more departure.
    ///
    /// - Returns: The fixed columns, with their values.
    static func fixDepartures(of plan: PlanResult, in pm: PlanModel, _ lex: LexicographicSolver) throws -> [Int: Double]
    {
        let scenario = pm.scenario
        var fixedColumns: [Int: Double] = [:]
        for (k, r) in scenario.routes.enumerated() {
            guard let rp = plan.routes.first(where: { $0.id == r.id }) else { continue }
            for t in 1...scenario.months where pm.dep[k][t - 1] >= 0 {
                let d = rp.months[t - 1].departures.rounded()
                try lex.problem.setColumnBounds(pm.dep[k][t - 1], lower: d, upper: d)
                fixedColumns[pm.dep[k][t - 1]] = d
            }
        }
        return fixedColumns
    }

    /// d(level l's objective) / d(one unit of `h`), other levels held.
    func partial(_ h: CapacityHandle, _ l: Int) -> Double {
        let cols = pm.model.columns
        var g = 0.0
        for (i, a) in h.rows { g += a * levelDuals[l][i] }
        for (j, a) in h.columns {
            // only a column at its upper bound gains from a higher bound; a departure fixed
            // at the plan's count gains only if running one more lowers the level
            let u = cols[j].upper
            guard u.isFinite && levelValues[l][j] >= u - 1e-7 * max(1, abs(u)) else { continue }
            g += a * (fixedColumns[j] != nil ? min(0, levelReduced[l][j]) : levelReduced[l][j])
        }
        return g
    }

    /// The lexicographic change per unit of `h` from the duals, (dz1, dz2, dz3): each level's
    /// partial plus the earlier levels' changes through its keep rows (the chain rule of
    /// ``PlanExplainer``).
    func chainedRates(_ h: CapacityHandle) -> (Double, Double, Double) {
        let d1 = partial(h, 0)
        let d2 = partial(h, 1) + levelDuals[1][keepRows[0]] * d1
        let d3 = partial(h, 2) + levelDuals[2][keepRows[0]] * d1 + levelDuals[2][keepRows[1]] * d2
        return (d1, d2, d3)
    }

    /// The lexicographic optimum with one more unit of `h`, as (dz1, dz2, dz3), on the same
    /// problem from the current basis; bounds restored afterwards.
    ///
    /// - Returns: nil when a level could not be solved to optimality.
    func oneMoreUnit(_ h: CapacityHandle) throws -> [Double]? {
        let raised = try raiseBounds(h)
        defer { restore(raised) }
        if raised.rows.isEmpty && raised.columns.isEmpty { return [0, 0, 0] }
        return try lexicographicChange(h)
    }

    /// Bounds as they were before ``raiseBounds(_:)``: index, lower, upper.
    struct OldBounds {
        var rows: [(Int, Double, Double)] = []
        var columns: [(Int, Double, Double)] = []
    }

    /// Raises the upper bounds of `h`'s rows and columns by one unit.
    func raiseBounds(_ h: CapacityHandle) throws -> OldBounds {
        let cols = pm.model.columns
        var old = OldBounds()
        for (i, a) in h.rows {
            let row = pm.model.rows[i]
            old.rows.append((i, row.lower, row.upper))
            try lex.problem.setRowBounds(i, lower: row.lower, upper: row.upper + a)
        }
        for (j, a) in h.columns {
            let c = cols[j]
            if let d = fixedColumns[j] {
                // a departure fixed at the plan's count: when every departure ran, one more
                // may run (up to d + 1, a relaxation like any other capacity)
                guard d >= c.upper - 1e-9 else { continue }
                old.columns.append((j, d, d))
                try lex.problem.setColumnBounds(j, lower: d, upper: d + a)
            } else {
                old.columns.append((j, c.lower, c.upper))
                try lex.problem.setColumnBounds(j, lower: c.lower, upper: c.upper + a)
            }
        }
        return old
    }

    func restore(_ old: OldBounds) {
        for (i, lo, up) in old.rows { try? lex.problem.setRowBounds(i, lower: lo, upper: up) }
        for (j, lo, up) in old.columns { try? lex.problem.setColumnBounds(j, lower: lo, upper: up) }
    }

    /// Solves the levels again (with `h`'s bounds raised) and returns each one's change;
    /// afterwards the keep rows are back at the relaxation's optimum.
    ///
    /// - Returns: nil when a level could not be solved to optimality.
    func lexicographicChange(_ h: CapacityHandle) throws -> [Double]? {
        var dz: [Double] = []
        var ok = true
        for (l, level) in pm.levels.enumerated() {
            // More capacity can only lower a level's optimum (convex, non-increasing in the
            // capacity), and the dual lies between its left and right derivatives, both <= 0:
            // with the earlier levels unchanged, a zero dual means no change at all.
            // Unmet and waiting are never negative: at 0 they cannot improve.
            if dz.allSatisfy({ $0 == 0 }) && (partial(h, l) == 0 || (l < 2 && z[l] <= 1e-7)) {
                dz.append(0)
                continue
            }
            try lex.release(from: l)
            var sol = try lex.solveLevel(l, options: warm)
            if sol.status != .optimal { sol = try lex.problem.solve(options: options) }
            guard sol.status == .optimal else { ok = false; break }
            let v = level.value(at: sol.values)
            dz.append(v - z[l])
            try lex.keep(l, at: v)
        }
        // back to the plan's keep rows
        for l in pm.levels.indices { try lex.keep(l, at: z[l]) }
        return ok ? dz : nil
    }
}
