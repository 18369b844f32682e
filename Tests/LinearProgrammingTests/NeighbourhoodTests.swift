import LinearProgramming
import Testing

@Suite("RINS neighbourhood search")
struct NeighbourhoodTests {
    /// min -x - y - z, 2x + 2y <= 3, z <= 2, all integer in 0...5. The LP's vertex has z = 2
    /// and one of x, y at 0, as the incumbent (0, 0, 2) has: those two are fixed, and the
    /// search of the rest finds -3 (x + y = 1). The bounds are restored.
    @Test func fixesWhereTheIncumbentAndTheLPAgree() throws {
        var model = LinearModel()
        let x = model.addColumn(name: "x", lower: 0, upper: 5, integer: true)
        let y = model.addColumn(name: "y", lower: 0, upper: 5, integer: true)
        let z = model.addColumn(name: "z", lower: 0, upper: 5, integer: true)
        model.addRow(name: "cap", upper: 3, terms: [(x, 2), (y, 2)])
        model.addRow(name: "z", upper: 2, terms: [(z, 1)])
        model.setObjective([-1, -1, -1], constant: 0)
        var problem = try GLPKProblem(model)
        let r = try problem.neighbourhoodSearch(
            incumbent: [0, 0, 2], options: SolveOptions(presolve: false),
            minimumFixedShare: 0.5)
        #expect(r.decisions == 3 && r.fixed == 2)
        let v = try #require(r.values)
        #expect(v[x] + v[y] == 1 && v[z] == 2)
        #expect(
            problem.columnBounds(x) == (0, 5) && problem.columnBounds(y) == (0, 5) && problem.columnBounds(z) == (0, 5))
        // too few agree for a larger share: no search
        let none = try problem.neighbourhoodSearch(
            incumbent: [0, 0, 2], options: SolveOptions(presolve: false),
            minimumFixedShare: 0.9)
        #expect(none.values == nil && none.status == nil)
    }
}
