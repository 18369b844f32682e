import LinearProgramming
import Testing

@testable import IARSCore

/// Three thresholds of the integer levels' steps, each on the family plan where it shows
/// (docs/formulation.md, "Solving lexicographically"; docs/performance.md, "Shorter searches
/// at the bound, pseudo-costs for the cost"): at an effort the default policy proves the plan
/// within, the old setting stops open. Values from the HiGHS reference
/// (Benchmarks/results/family-reference.json).
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

    /// gen-5031's waiting level (299): the cut-less search at the bound finds it, and so does
    /// the level's branch-and-cut without it (nor a dive under the cap). Without the search the plan is proven in
    /// 34,427 units; with it, 38,645, and at 36,000 the run stops in the waiting level at 300.
    @Test func aLaterLevelWithCutsHasNoCutLessSearch() throws {
        let without = try Self.plan("gen-5031", effort: 36_000)
        #expect(without.status == .optimal)
        #expect(without.objective?.unmet == 17.5)
        #expect(without.objective?.waiting == 299)
        #expect(abs((without.objective?.cost ?? 0) - 706_043.065) < 1e-3)
        #expect(without.effort == 34_427)
        let with = try Self.plan("gen-5031", effort: 36_000) { $0.laterSearchesWithCuts = true }
        #expect(with.status == .feasible)
        #expect(with.stoppedLevel == "waiting")
        #expect(with.objective?.waiting == 300)
    }

    /// gen-5029's cost level: by pseudo-costs from the start the plan is proven in 8,472
    /// units; Driebeck-Tomlin first needs 25,910, and at 10,000 stops in the cost level
    /// 198.86 USD above the optimum.
    @Test func theCostLevelOfAModelWithCutsStartsByPseudoCosts() throws {
        let pseudoCosts = try Self.plan("gen-5029", effort: 10_000)
        #expect(pseudoCosts.status == .optimal)
        #expect(pseudoCosts.objective?.unmet == 81)
        #expect(pseudoCosts.objective?.waiting == 51)
        #expect(abs((pseudoCosts.objective?.cost ?? 0) - 1_227_499.93) < 1e-3)
        #expect(pseudoCosts.effort == 8_472)
        let driebeckTomlin = try Self.plan("gen-5029", effort: 10_000) { $0.costByLaterRuleWithCuts = false }
        #expect(driebeckTomlin.status == .feasible)
        #expect(driebeckTomlin.stoppedLevel == "cost")
        #expect(abs((driebeckTomlin.objective?.cost ?? 0) - 1_227_698.79) < 0.01)
    }

    /// gen-5020: the first try of the search at the unmet level's bound, which finds no plan,
    /// 6,250 units where it was 12,500: the plan proven in 77,848 units, not 83,700 (at 80,000
    /// the old try stops in the waiting level at 44, against the optimum's 36).
    @Test func theSearchAtTheBoundTriesShort() throws {
        let short = try Self.plan("gen-5020", effort: 80_000)
        #expect(short.status == .optimal)
        #expect(short.objective?.unmet == 382)
        #expect(short.objective?.waiting == 36)
        #expect(abs((short.objective?.cost ?? 0) - 463_193.4) < 1e-3)
        #expect(short.effort == 77_848)
        let long = try Self.plan("gen-5020", effort: 80_000) { $0.firstSearchTryUnits = 12_500 }
        #expect(long.status == .feasible)
        #expect(long.stoppedLevel == "waiting")
        #expect(long.objective?.waiting == 44)
    }
}
