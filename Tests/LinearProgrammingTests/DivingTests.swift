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

    /// A departure (setup column d, 0...1) opens 4 seats for returns r at 5 a departure and
    /// 3 a seat, within a budget of 10: min -r, r <= 4d, 3r + 5d <= 10. The LP gives
    /// d = 10/17, r = 40/17. Rounding r first (the nearest, 2) left d between 0.5 and 0.8,
    /// which could be neither opened (11 > 10) nor closed (the 2 returns need seats): the
    /// dive found nothing. Setups go first, rounded up: d = 1, then r = 1.
    @Test func roundsSetupColumnsUpFirst() throws {
        var model = LinearModel()
        let r = model.addColumn(name: "r", lower: 0, upper: 10, integer: true)
        let d = model.addColumn(name: "d", lower: 0, upper: 1, integer: true, setup: true)
        model.addRow(name: "seats", upper: 0, terms: [(r, 1), (d, -4)])
        model.addRow(name: "budget", upper: 10, terms: [(r, 3), (d, 5)])
        model.setObjective([-1, 0], constant: 0)
        var problem = try GLPKProblem(model)
        let dive = try problem.dive(options: SolveOptions())
        #expect(close(dive.relaxationBound, -40.0 / 17.0))
        #expect(dive.values == [1, 1])
    }

    /// An implied integer column (o = r, people in shelter after returns) is not rounded:
    /// the point is integral once r is.
    @Test func leavesImpliedIntegersToFollow() throws {
        var model = LinearModel()
        let r = model.addColumn(name: "r", lower: 0, upper: 10, integer: true)
        let o = model.addColumn(name: "o", lower: 0, upper: 10, integer: true, impliedInteger: true)
        model.addRow(name: "same", lower: 0, upper: 0, terms: [(r, 1), (o, -1)])
        model.addRow(name: "cap", upper: 5, terms: [(r, 3)])
        model.setObjective([-1, 0], constant: 0)
        #expect(model.columns[o].isImpliedInteger && !model.columns[r].isImpliedInteger)
        var problem = try GLPKProblem(model)
        let dive = try problem.dive(options: SolveOptions())
        #expect(dive.values == [1, 1])
        #expect(dive.solves == 3)  // the LP, r = 2 (infeasible), r = 1
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
