import Foundation
import LinearProgramming
import Testing

@Suite("GLPKProblem: a basis at a point, and an LP started from a feasible point")
struct CrossoverTests {
    static let warm = SolveOptions(presolve: false, method: .primal)

    /// min x + 2y  s.t.  r: x + y >= 2,  0 <= x, y <= 2.
    ///
    /// By hand: x is cheaper, so x = 2, y = 0, z = 2. At the point (1, 1) (z = 3) both
    /// columns are strictly between their bounds and r is tight: one row holds one basic
    /// variable, so the basis holds one of the two columns and the other is left out.
    static var pair: LinearModel {
        var m = LinearModel(name: "pair")
        let x = m.addColumn(name: "x", upper: 2, objective: 1)
        let y = m.addColumn(name: "y", upper: 2, objective: 2)
        m.addRow(name: "r", lower: 2, terms: [(x, 1), (y, 1)])
        return m
    }

    @Test func aVertexIsHeldWhole() throws {
        // The diet model's optimum (x = 6 at its bound, y = 4 between, z = 0 at its bound):
        // one interior column, one row: the basis holds it, and the simplex has nothing to do.
        var problem = try GLPKProblem(Models.diet)
        let crash = try problem.crashBasis(at: [6, 4, 0])
        #expect(crash.interior == 1 && crash.leftOut == 0 && crash.leftOutColumns.isEmpty)
        let s = try problem.solve(options: Self.warm)
        #expect(s.status == .optimal)
        #expect(close(s.objective, 29))
        #expect(close(s.values, [6, 4, 0]))
    }

    @Test func aPointBetweenVerticesIsPinnedThenReleased() throws {
        var problem = try GLPKProblem(Self.pair)
        let crash = try problem.crashBasis(at: [1, 1])
        #expect(crash.interior == 2 && crash.leftOut == 1 && crash.leftOutColumns.count == 1)

        var fresh = try GLPKProblem(Self.pair)
        let (s, c) = try fresh.solveRelaxation(options: Self.warm, from: [1, 1])
        #expect(c?.leftOut == 1)
        #expect(s.status == .optimal)
        #expect(close(s.objective, 2))
        #expect(close(s.values, [2, 0]))
        // The bounds are the model's again: x's upper bound 2 still holds, y may reach 2.
        #expect(fresh.columnBounds(0) == (lower: 0, upper: 2) && fresh.columnBounds(1) == (lower: 0, upper: 2))
        try fresh.setObjective([-1, -1], constant: 0)
        let widest = try fresh.solve(options: Self.warm)
        #expect(close(widest.objective, -4))
    }

    @Test func aPointOffTheProblemIsSolvedCold() throws {
        // (0, 0) breaks r: no crossover, the LP is solved as usual.
        var problem = try GLPKProblem(Self.pair)
        let (s, crash) = try problem.solveRelaxation(options: Self.warm, from: [0, 0])
        #expect(crash == nil)
        #expect(s.status == .optimal && close(s.objective, 2))
        #expect(
            errorMessage { _ = try problem.crashBasis(at: [1]) }
                == "A point for a basis needs 2 finite values; it has 1.")
    }

    /// Random transport problems (supplies, demands, capacities): started at the midpoint
    /// of two vertices (the optima of two other objectives, so a feasible point that is
    /// rarely a vertex), the LP reaches the cold solve's optimum.
    @Test func randomLPsReachTheColdOptimum() throws {
        var random = TestRandom(seed: 2026)
        func next(_ n: Int) -> Int { random.next(n) }
        var pinned = 0
        for _ in 0..<60 {
            let sources = 2 + next(4), sinks = 2 + next(5)
            var m = LinearModel(name: "transport")
            var x: [[Int]] = []
            for i in 0..<sources {
                x.append(
                    (0..<sinks).map { j in
                        m.addColumn(name: "x\(i)_\(j)", upper: Double(5 + next(20)), objective: Double(1 + next(9)))
                    })
            }
            for i in 0..<sources {
                m.addRow(name: "supply\(i)", upper: Double(20 + next(30)), terms: x[i].map { ($0, 1.0) })
            }
            for j in 0..<sinks {
                m.addRow(name: "demand\(j)", lower: Double(next(12)), terms: (0..<sources).map { (x[$0][j], 1.0) })
            }
            let cold = try GLPKSolver.solve(m, options: Self.warm)
            guard cold.status == .optimal else { continue }
            var a = m, b = m
            a.setObjective((0..<m.columns.count).map { _ in Double(next(7)) }, constant: 0)
            b.setObjective((0..<m.columns.count).map { _ in -Double(next(7)) }, constant: 0)
            let va = try GLPKSolver.solve(a, options: Self.warm).values
            let vb = try GLPKSolver.solve(b, options: Self.warm).values
            let mid = zip(va, vb).map { ($0 + $1) / 2 }
            var problem = try GLPKProblem(m)
            let (s, crash) = try problem.solveRelaxation(options: Self.warm, from: mid)
            #expect(crash != nil)
            pinned += crash?.leftOut ?? 0
            #expect(s.status == .optimal)
            #expect(close(s.objective, cold.objective!, tolerance: 1e-6 * max(1, abs(cold.objective!))))
        }
        #expect(pinned > 0)  // some midpoints were not vertices
    }
}
