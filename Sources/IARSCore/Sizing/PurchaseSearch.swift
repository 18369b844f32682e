import Foundation
import IARSInput
import LinearProgramming

/// Solves ``SizeModel`` by its structure: once the blocks are fixed the futures'
/// copies share nothing, so the model's optimum over a purchase is the sum of each copy's
/// own lexicographic optimum (spec `uncertainty.md`: "futures are independent once the
/// purchase is fixed"). Each future's copy, with the blocks columns, is one GLPK problem
/// (``SizeModel`` of that future alone); every purchase is set on it by the blocks'
/// bounds, in an order where neighbours differ by one block, and its three levels are
/// re-solved from the previous purchase's basis. The purchase whose sums are
/// lexicographically least (among those that serve enough futures in full) is the
/// model's optimum.
///
/// Why not one GLPK problem of every copy: at 100 futures of albania-2001 (35,301 columns,
/// 36,384 rows) its first LP alone took 24 s, where `iars risk --buy` over all 12 purchases
/// took 6 s; a warm re-solve of one small copy takes a few dozen simplex iterations
/// (docs/performance.md, "size"). ``Planner/sizeJointly(_:_:)`` keeps the one-problem
/// solve, and the tests check that both agree.
///
/// - Complexity: futures x purchases x 3 LP re-solves (purchases = product of max + 1 over
///   the options), each of one future's size.
struct PurchaseSearch {
    let options: [BuyOption]
    let planner: Planner
    let integer: Bool
    let budget: WorkBudget

    /// Each purchase's per-future level values (`nil`: no plan in that future), in
    /// ``purchases`` order.
    struct Table {
        var purchases: [[Int]]
        /// values[p][f]: unmet, waiting, purchase + cost of future f under purchase p.
        var values: [[[Double]?]]
        var stopped: StopCause?
        var allOptimal = true
        /// The size of the whole model: the blocks, and every copy.
        var size = PlanResult.ModelSize()
    }

    /// Every purchase, neighbours one block apart (a snake over the options' ranges).
    static func purchases(_ options: [BuyOption]) -> [[Int]] {
        var out: [[Int]] = [[]]
        for o in options {
            var next: [[Int]] = []
            for (i, p) in out.enumerated() {
                let range = Array(0...o.max)
                for k in i % 2 == 0 ? range : range.reversed() { next.append(p + [k]) }
            }
            out = next
        }
        return out
    }

    /// Plans every future under every purchase.
    func table(_ futures: [Scenario]) throws -> Table {
        let purchases = Self.purchases(options)
        var table = Table(
            purchases: purchases,
            values: Array(repeating: Array(repeating: nil, count: futures.count), count: purchases.count))
        table.size = .init(columns: options.count, rows: 0, nonzeros: 0, integers: options.count)
        let moves = futures.first.map { SizeModel.Moves(options: options, like: $0) }
        for (f, future) in futures.enumerated() {
            let copy = SizeModel(options: options, futures: [future], moves: moves)
            table.size.columns += copy.model.columns.count - options.count
            table.size.rows += copy.model.rows.count
            table.size.nonzeros += copy.model.numberOfNonzeros
            table.size.integers += copy.model.columns.reduce(0) { $0 + ($1.isInteger ? 1 : 0) } - options.count
            let lex = try LexicographicSolver(copy.model, levels: copy.levels, tolerance: planner.tolerance)
            var bases: [GLPKProblem.Basis?] = [nil, nil, nil]
            for (p, blocks) in purchases.enumerated() {
                if let cause = budget.exhausted {
                    table.stopped = cause
                    return table
                }
                let solved = try solve(lex, copy, blocks, bases: &bases)
                table.values[p][f] = solved.values
                if !solved.optimal { table.allOptimal = false }
            }
        }
        return table
    }

    /// One future's three levels under `blocks`: the blocks fixed by their bounds, the keep
    /// rows released, then level by level, each from its own optimal basis of the previous
    /// purchase (`bases`): that basis is dual feasible for the level's objective, so the dual
    /// simplex mends the few rows the blocks moved (at 100 futures of albania-2001 the search
    /// took 65,076 work units, where going on from the last level's basis took 171,188).
    func solve(
        _ lex: LexicographicSolver, _ copy: SizeModel, _ blocks: [Int], bases: inout [GLPKProblem.Basis?]
    ) throws -> (values: [Double]?, optimal: Bool) {
        for (j, k) in zip(copy.blocks, blocks) {
            try lex.problem.setColumnBounds(j, lower: Double(k), upper: Double(k))
        }
        if integer {
            var model = copy.model
            for (j, k) in zip(copy.blocks, blocks) { model.setBounds(column: j, lower: Double(k), upper: Double(k)) }
            let outcome = try planner.solveLexicographic(
                model, levels: copy.levels, integer: true, budget: budget,
                branchingPriority: copy.branchingPriority)
            guard let x = outcome.values else { return (nil, outcome.status != .infeasible) }
            return (copy.levels.map { $0.value(at: x) }, outcome.status == .optimal)
        }
        try lex.release(from: 0)
        var options = planner.searchOptions
        options.relaxIntegrality = true
        options.presolve = false
        options.budget = budget
        options.method = .dualPrimal
        var values: [Double] = []
        for i in copy.levels.indices {
            if let basis = bases[i] {
                try lex.problem.restoreBasis(basis)
                options.method = .dualPrimal
            }
            let s = try lex.solveLevel(i, options: options)
            guard s.status == .optimal, s.hasPoint else { return (nil, s.status == .infeasible) }
            bases[i] = lex.problem.currentBasis()
            let z = copy.levels[i].value(at: s.values)
            values.append(z)
            try lex.keep(i, at: z)
            // (after a change of objective the basis stays primal feasible)
            options.method = .primal
        }
        return (values, true)
    }
}

extension PurchaseSearch.Table {
    /// The mean values of purchase `p` (nil when a future has no plan under it), and the
    /// number of futures served in full (priority-weighted unmet at most `served`).
    func summary(_ p: Int, served: Double = 1e-6) -> (values: [Double], served: Int)? {
        var sums = [0.0, 0.0, 0.0]
        var count = 0
        for v in values[p] {
            guard let v else { return nil }
            for i in 0..<3 { sums[i] += v[i] }
            if v[0] <= served { count += 1 }
        }
        let n = Double(values[p].count)
        return (sums.map { $0 / n }, count)
    }

    /// The purchase the model chooses: the lexicographically least mean values among the
    /// purchases that serve at least `need` futures in full; when none does (`reached`
    /// false), among those that serve the most. Ties go to the purchase first in the table.
    func choice(need: Int?, tolerance: KeepTolerance, integer: Bool) -> (
        index: Int, values: [Double], served: Int, reached: Bool
    )? {
        let rows = purchases.indices.compactMap { p in summary(p).map { (p, $0.values, $0.served) } }
        guard let most = rows.map(\.2).max() else { return nil }
        let reached = need.map { most >= $0 } ?? true
        let allowed = rows.filter { need == nil || $0.2 >= (reached ? need! : most) }
        var best = allowed.first!
        for r in allowed.dropFirst() where tolerance.precedes(r.1, best.1, integer: integer) { best = r }
        return (best.0, best.1, best.2, reached)
    }
}
