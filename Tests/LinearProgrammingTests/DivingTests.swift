import LinearProgramming
import Testing

@Suite("Diving heuristic")
struct DivingTests {
    /// min -x - y, 2x + 2y <= 3, x, y integer in 0...5: the LP optimum is -1.5 (x + y = 1.5);
    /// every integral point has x + y <= 1, so the dive ends at -1 and leaves the bounds as they were.
    @Test func roundsToAnIntegralPoint() throws {
        var model = LinearModel()
        let x = model.addColumn(name: "x", lower: 0, upper: 5, integer: true)
        let y = model.addColumn(name: "y", lower: 0, upper: 5, integer: true)
        model.addRow(name: "cap", upper: 3, terms: [(x, 2), (y, 2)])
        model.setObjective([-1, -1], constant: 0)
        var problem = try GLPKProblem(model)
        let dive = try problem.dive(options: SolveOptions())
        #expect(close(dive.relaxationBound, -1.5))
        let v = try #require(dive.values)
        #expect(v[x] == v[x].rounded() && v[y] == v[y].rounded())
        #expect(v[x] + v[y] == 1)
        #expect(dive.solves >= 2)
        #expect(problem.columnBounds(x) == (0, 5) && problem.columnBounds(y) == (0, 5))
        // the problem is unchanged: branch-and-cut still proves -1
        let mip = try problem.solve(options: SolveOptions(presolve: false))
        #expect(mip.status == .optimal && close(mip.objective, -1))
    }

    /// min -x, 3x <= 5: the LP gives x = 5/3; rounding to the nearest integer (2) is
    /// infeasible, so the dive rounds the other way, to 1.
    @Test func roundsTheOtherWayWhenNearestIsInfeasible() throws {
        var model = LinearModel()
        let x = model.addColumn(name: "x", lower: 0, upper: 10, integer: true)
        model.addRow(name: "cap", upper: 5, terms: [(x, 3)])
        model.setObjective([-1], constant: 0)
        var problem = try GLPKProblem(model)
        let dive = try problem.dive(options: SolveOptions())
        #expect(close(dive.relaxationBound, -5.0 / 3.0))
        #expect(dive.values == [1])
        #expect(dive.solves == 3)
    }

    /// An infeasible relaxation gives neither a bound nor a point.
    @Test func infeasibleRelaxation() throws {
        var model = LinearModel()
        let x = model.addColumn(name: "x", lower: 0, upper: 1, integer: true)
        model.addRow(name: "impossible", lower: 2, upper: .infinity, terms: [(x, 1)])
        model.setObjective([1], constant: 0)
        var problem = try GLPKProblem(model)
        let dive = try problem.dive(options: SolveOptions())
        #expect(dive.relaxationBound == nil && dive.values == nil)
    }
}
