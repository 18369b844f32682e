import LinearProgramming
import Testing

@testable import IARSCore

/// Three thresholds of the integer levels' steps, each on the family plan where it shows
/// (docs/formulation.md, "Solving lexicographically"; docs/performance.md, "Shorter searches
/// at the bound, pseudo-costs for the cost"): at an effort the default policy proves the plan
/// within, the old setting stops open. The optima are the HiGHS reference's
/// (`python3 Benchmarks/tools/iars_reference.py plan Benchmarks/scenarios/family/NAME.yaml`).
@Suite struct LevelStepPolicyTests {
    static func plan(_ name: String, effort: Int, _ change: (inout LexicographicSolver.SearchPolicy) -> Void = { _ in })
        throws -> PlanResult
    {
        let scenario = try ScenarioLoader.load(path: TestFiles.path("Benchmarks/scenarios/family/\(name).yaml"))
        var planner = Planner()
        planner.effort = effort
        change(&planner.policy.search)
        return try planner.plan(scenario)
    }

    /// Proven optimal, with the reference's three values, in exactly `effort` units.
    static func expectProven(
        _ r: PlanResult, _ reference: PlannerReferenceTests.Expected.Objective, effort: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(r.status == .optimal, sourceLocation: sourceLocation)
        PlannerReferenceTests.expectSameObjective(
            try #require(r.objective, sourceLocation: sourceLocation), reference, "plan",
            sourceLocation: sourceLocation)
        #expect(r.effort == effort, sourceLocation: sourceLocation)
    }

    /// Stopped by its effort, unproven, in `level`.
    static func expectStopped(_ r: PlanResult, in level: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == .feasible, sourceLocation: sourceLocation)
        #expect(r.stoppedBy == .effort, sourceLocation: sourceLocation)
        #expect(r.stoppedLevel == level, sourceLocation: sourceLocation)
    }

    /// gen-5031's waiting level (299): the cut-less search at the bound finds it, and the
    /// level's branch-and-cut finds it without that search (or a dive under the cap). With RINS
    /// alone the plan is proven in 34,451 units; with the search, 38,645, and at 36,000 the run
    /// stops in the waiting level at 300.
    @Test func aLaterLevelWithCutsHasNoCutLessSearch() throws {
        let without = try Self.plan("gen-5031", effort: 36_000)
        try Self.expectProven(without, .init(unmet: 17.5, waiting: 299, cost: 706_043.065), effort: 34_451)
        let with = try Self.plan("gen-5031", effort: 36_000) { $0.laterSearchesWithCuts = true }
        Self.expectStopped(with, in: "waiting")
        #expect(with.objective?.waiting == 300)
    }

    /// gen-5029's cost level: by pseudo-costs from the start the plan is proven in 8,520
    /// units; Driebeck-Tomlin first needs 25,910, and at 10,000 stops in the cost level
    /// 198.86 USD above the optimum.
    @Test func theCostLevelOfAModelWithCutsStartsByPseudoCosts() throws {
        let pseudoCosts = try Self.plan("gen-5029", effort: 10_000)
        try Self.expectProven(pseudoCosts, .init(unmet: 81, waiting: 51, cost: 1_227_499.93), effort: 8_520)
        let driebeckTomlin = try Self.plan("gen-5029", effort: 10_000) { $0.costByLaterRuleWithCuts = false }
        Self.expectStopped(driebeckTomlin, in: "cost")
        #expect(abs((driebeckTomlin.objective?.cost ?? 0) - 1_227_698.79) < 0.01)
    }

    /// gen-5020: the first try of the search at the unmet level's bound, which finds no plan,
    /// 6,250 units where it was 12,500: the plan proven in 78,316 units, not 83,700 (at 80,000
    /// the old try stops in the waiting level at 40, against the optimum's 36).
    @Test func theSearchAtTheBoundTriesShort() throws {
        let short = try Self.plan("gen-5020", effort: 80_000)
        try Self.expectProven(short, .init(unmet: 382, waiting: 36, cost: 463_193.4), effort: 78_316)
        let long = try Self.plan("gen-5020", effort: 80_000) { $0.firstSearchTryUnits = 12_500 }
        Self.expectStopped(long, in: "waiting")
        #expect(long.objective?.waiting == 40)
    }

    /// hand-fier-grant at 100,000 units: its unmet level stops at 62.5 (its optimum, unproven
    /// against the bound 59: gap 5.6%). The waiting and cost levels are then searched in the
    /// tenth of the effort it leaves them, with unmet kept at 62.5: 0 and 35,950.50, the
    /// reference's optimum (HiGHS proves 62.5 / 0 / 35,950.5 in 37 s). With nothing left for
    /// them the run ends with the unmet level's point: waiting 2 and USD 1,200 more.
    @Test(.tags(.slow)) func aStoppedLevelLeavesTheLaterLevelsATenth() throws {
        let shared = try Self.plan("hand-fier-grant", effort: 100_000)
        Self.expectStopped(shared, in: "unmet")
        PlannerReferenceTests.expectSameObjective(
            try #require(shared.objective), .init(unmet: 62.5, waiting: 0, cost: 35_950.5), "plan")
        #expect(abs((shared.gap ?? 0) - (62.5 - 59) / 62.5) < 1e-9)
        #expect(shared.effort == 99_212)
        #expect(shared.searchedAfterStop == ["waiting", "cost"])
        let alone = try Self.plan("hand-fier-grant", effort: 100_000) { $0.laterLevelsShare = 0 }
        Self.expectStopped(alone, in: "unmet")
        #expect(alone.searchedAfterStop.isEmpty)
        #expect(alone.objective?.unmet == 62.5)
        #expect(alone.objective?.waiting == 2)
        #expect(abs((alone.objective?.cost ?? 0) - 37_150.5) < 0.01)
    }

    /// hand-korce-winter's waiting level: LP bound 0, optimum 5 (the reference's). Its last
    /// branch-and-cut, with bounds tightened by reduced costs against the incumbent less one,
    /// proves the plan within 800,000 units (730,303, the cut rows and open nodes of the last
    /// search counted); without them it is still open there (GLPK took 62,967 nodes to prove
    /// the level).
    @Test(.tags(.slow)) func reducedCostsAgainstTheIncumbentLessOneProveTheWaitingLevel() throws {
        let scenario = try ScenarioLoader.load(
            path: TestFiles.path("Benchmarks/scenarios/family/hand-korce-winter.yaml"))
        var planner = Planner()
        planner.effort = 800_000
        let tightened = try planner.plan(scenario)
        #expect(tightened.status == .optimal)
        PlannerReferenceTests.expectSameObjective(
            try #require(tightened.objective), .init(unmet: 34, waiting: 5, cost: 19_983.7), "plan")
        planner.searchOptions.reducedCostTightening = false
        let untightened = try planner.plan(scenario)
        Self.expectStopped(untightened, in: "waiting")
        #expect(untightened.objective?.waiting == 5)
    }
}
