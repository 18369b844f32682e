import Foundation
import LinearProgramming
import Testing

@testable import IARSCore

/// `Planner.export`: each level's model, read back by GLPK and solved on its own,
/// has the optimum the planner reports for that level.
@Suite struct ExportTests {
    @Test(arguments: [ModelFileFormat.lp, .mps])
    func exportedLevelsSolveToThePlannersValues(_ format: ModelFileFormat) throws {
        let scenario = try ScenarioLoader.parse(text: PlannerTests.base, file: "hand.yaml")
        let plan = try Planner().plan(scenario)
        let objective = try #require(plan.objective)
        #expect(objective == .init(unmet: 0, waiting: 1, cost: 177.5))
        let expected = [objective.unmet, objective.waiting, objective.cost]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iars-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for level in 1...3 {
            let path = dir.appendingPathComponent("level\(level).\(format.rawValue)").path
            let result = try Planner().export(
                scenario, level: level, format: ExportFormat(rawValue: format.rawValue)!, to: path)
            #expect(result.status == .optimal)
            #expect(result.levelName == Planner.levelNames[level - 1])
            let model = try GLPKSolver.read(format, from: path)
            // the constant is a column fixed at 1; the earlier levels are keep rows
            // only the unmet level has a constant here (no initial cases, so no fixed cost)
            #expect(model.columns.contains { $0.name == "obj_constant" } == (level == 1))
            #expect(model.rows.filter { $0.name.hasPrefix("keep.") }.count == level - 1)
            let solved = try GLPKSolver.solve(model)
            #expect(solved.status == .optimal)
            #expect(abs((solved.objective ?? .nan) - expected[level - 1]) <= 1e-6 * max(1, expected[level - 1]))
        }
    }
}
