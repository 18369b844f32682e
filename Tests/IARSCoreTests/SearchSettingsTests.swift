import LinearProgramming
import Testing

@testable import IARSCore

/// The hidden search flags, as the command line hands them to the planner.
@Suite struct SearchSettingsTests {
    @Test func wordsBecomeGLPKSettings() throws {
        var s = SearchSettings()
        try s.setCuts("mir,cover")
        try s.setBranching("pseudo-cost")
        try s.setBacktracking("depth-first")
        try s.setHeuristics("fp,sr")
        #expect(s.options.cuts == CutOptions(gomory: false, mir: true, cover: true, clique: false))
        #expect(s.options.branching == .pseudoCost)
        #expect(s.options.backtracking == .depthFirst)
        #expect(
            s.options.heuristics.feasibilityPump && !s.options.heuristics.proximitySearch
                && s.options.heuristics.simpleRounding)
        try s.setCuts("all")
        #expect(s.options.cuts == .all)
        try s.setHeuristics("none")
        #expect(!s.options.heuristics.simpleRounding)
        var planner = Planner()
        planner.search = s
        #expect(planner.searchOptions.cuts == .all)
    }

    /// Each level's last branch-and-cut branches by pseudo-costs unless a rule is given; a
    /// rule given holds in every search, and the explanation's whole-unit plans keep it.
    @Test func aGivenBranchingRuleHoldsInTheLastSearchToo() throws {
        var planner = Planner()
        #expect(planner.policy.search.lastSearchBranching == .pseudoCost)
        #expect(planner.searchOptions.branching == .driebeckTomlin)
        planner.search = SearchSettings()
        #expect(planner.policy.search.lastSearchBranching == .pseudoCost)
        var s = SearchSettings()
        try s.setBranching("driebeck-tomlin")
        planner.search = s
        #expect(planner.policy.search.lastSearchBranching == nil)
        #expect(planner.search == s)
        var explainer = PlanExplainer()
        explainer.search = s
        #expect(explainer.search == s)
        try s.setCuts("none")
        planner.search = s
        #expect(planner.search.options.cuts == .none && planner.policy.search.lastSearchBranching == nil)
    }

    @Test func unknownWordsSayWhatIsExpected() throws {
        var s = SearchSettings()
        #expect(
            throws: SearchSettings.Invalid(
                flag: "--cuts",
                description: "--cuts: expected all, none or a list of gomory, mir, cover, clique; got mir,foo.")
        ) { try s.setCuts("mir,foo") }
        #expect(throws: SearchSettings.Invalid(flag: "--branching", description: "--branching: unknown rule best.")) {
            try s.setBranching("best")
        }
        #expect(
            throws: SearchSettings.Invalid(flag: "--backtracking", description: "--backtracking: unknown rule dfs.")
        ) { try s.setBacktracking("dfs") }
        #expect(
            throws: SearchSettings.Invalid(
                flag: "--heuristics", description: "--heuristics: expected none or a list of fp, ps, sr; got fp,xx.")
        ) { try s.setHeuristics("fp,xx") }
        #expect(
            throws: SearchSettings.Invalid(
                flag: "--reduced-costs", description: "--reduced-costs: expected on or off; got yes.")
        ) { try s.setReducedCosts("yes") }
        #expect(s == SearchSettings())
        try s.setReducedCosts("off")
        #expect(s.options.reducedCostTightening == false)
        try s.setStrengthening("off")
        #expect(s.options.strengthen == false)
    }
}
