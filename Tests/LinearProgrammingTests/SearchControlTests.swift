import LinearProgramming
import Testing

@Suite("Branching priority, first-point stop and basis restore")
struct SearchControlTests {
    /// A knapsack: max 5a + 4b + 3c + 7d + 6e, 2a + 3b + 1c + 4d + 3e <= 7, binaries.
    /// Worked by hand: the optimum is 15 (a, c, d: weight 7).
    static func knapsack() -> LinearModel {
        var model = LinearModel()
        let values = [5.0, 4, 3, 7, 6], weights = [2.0, 3, 1, 4, 3]
        for (i, _) in values.enumerated() { _ = model.addColumn(name: "x\(i)", lower: 0, upper: 1, integer: true) }
        model.addRow(name: "weight", upper: 7, terms: weights.enumerated().map { ($0.offset, $0.element) })
        model.setObjective(values.map { -$0 }, constant: 0)
        return model
    }

    @Test(arguments: [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 2, 1, 1, 0]])
    func priorityKeepsTheOptimum(priority: [Int]) throws {
        var options = SolveOptions(presolve: false, cuts: .none)
        options.branchingPriority = priority
        let s = try GLPKSolver.solve(Self.knapsack(), options: options)
        #expect(s.status == .optimal)
        #expect(close(s.objective, -15))
    }

    @Test func priorityOfTheWrongLength() throws {
        var options = SolveOptions()
        options.branchingPriority = [0, 1]
        let message = errorMessage { _ = try GLPKSolver.solve(Self.knapsack(), options: options) }
        #expect(message == "The branching priority has 2 values for 5 columns; give one per column.")
    }

    /// Stopping at the first integral point: a point that fits, no better than the optimum.
    @Test func stopsAtTheFirstPoint() throws {
        var options = SolveOptions(presolve: false, cuts: .none, backtracking: .depthFirst)
        options.stopAtFirstPoint = true
        options.branchingPriority = [0, 1, 2, 3, 4]
        let s = try GLPKSolver.solve(Self.knapsack(), options: options)
        #expect(s.status == .feasible || s.status == .optimal)
        let x = s.values
        #expect(x.allSatisfy { $0 == 0 || $0 == 1 })
        #expect(2 * x[0] + 3 * x[1] + x[2] + 4 * x[3] + 3 * x[4] <= 7)
        #expect(try #require(s.objective) >= -15 - 1e-9)
    }

    /// A basis taken at the LP optimum and restored after other solves gives the same optimum;
    /// one of another problem is refused.
    @Test func basisRestore() throws {
        var problem = try GLPKProblem(Self.knapsack())
        let lp = SolveOptions(presolve: false, relaxIntegrality: true)
        let first = try problem.solve(options: lp)
        let basis = problem.currentBasis()
        try problem.setObjective([1, 1, 1, 1, 1], constant: 0)
        _ = try problem.solve(options: lp)
        try problem.setObjective([-5, -4, -3, -7, -6], constant: 0)
        try problem.restoreBasis(basis)
        _ = try problem.addRow(name: "extra", lower: -.infinity, upper: 5, terms: [(0, 1), (1, 1)])
        var primal = lp
        primal.method = .primal
        let again = try problem.solve(options: primal)
        let optimum = try #require(first.objective)
        #expect(again.status == .optimal && close(again.objective, optimum))

        var other = LinearModel()
        _ = other.addColumn(name: "z", lower: 0, upper: 1)
        let foreign = try GLPKProblem(other).currentBasis()
        let message = errorMessage { try problem.restoreBasis(foreign) }
        #expect(message == "The basis has 0 rows and 1 columns; the problem has 2 and 5.")
    }
}
