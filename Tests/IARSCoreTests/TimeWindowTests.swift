import Foundation
import LinearProgramming
import Testing

@testable import IARSCore
@testable import IARSReport

/// The first plan of a large integer scenario, made by time windows (docs/formulation.md,
/// "Large plans under a time limit"), on small generated fixtures whose optima the
/// HiGHS reference gives (Fixtures/generated/expected.json).
@Suite struct TimeWindowTests {
    static let generated = PlannerReferenceTests.fixtures.appendingPathComponent("generated")

    static func load(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(path: generated.appendingPathComponent(name).path)
    }

    /// The integer fixtures with a plan and more than `shelters` shelters, with the
    /// reference's optimum and the model.
    static func integerFixtures(moreShelters shelters: Int) throws
        -> [(name: String, optimum: PlannerReferenceTests.Expected.Objective, model: PlanModel)]
    {
        try PlannerReferenceTests.generatedNames.compactMap { name in
            guard PlannerReferenceTests.generated[name]?.status == "optimal",
                let optimum = PlannerReferenceTests.generated[name]?.objective
            else { return nil }
            let scenario = try load(name)
            guard scenario.options.integer, scenario.shelters.count > shelters else { return nil }
            return (name, optimum, PlanModel(scenario: scenario))
        }
    }

    /// The LP fixtures with a plan (7), with the reference's optimum.
    static func relaxationFixtures() throws
        -> [(name: String, optimum: PlannerReferenceTests.Expected.Objective, scenario: Scenario)]
    {
        try PlannerReferenceTests.generatedNames.compactMap { name in
            guard let expected = PlannerReferenceTests.generated[name], expected.status == "optimal",
                let optimum = expected.objective
            else { return nil }
            let scenario = try load(name)
            return scenario.options.integer ? nil : (name, optimum, scenario)
        }
    }

    /// LP relaxations under a limit: the merged bounds and the rules' plan prove what they
    /// can, a level solved after proven ones starts with a crossover at the plan in hand,
    /// and every level ends at the reference's optimum. The same with the cost polish at
    /// every size (it starts above 100,000 columns): the polished plan is a first plan, and
    /// the exact levels after it still end at the optimum.
    @Test(.tags(.slow), arguments: [false, true]) func relaxationsUnderALimitReachTheReferenceOptimum(polished: Bool)
        throws
    {
        var crossovers = 0
        var checked = 0
        var polishedPlans = 0
        for (name, optimum, scenario) in try Self.relaxationFixtures() {
            var planner = Planner()
            if polished { planner.policy.lpPolishAboveColumns = 0 }
            let pm = PlanModel(scenario: scenario)
            let budget = WorkBudget(units: 100_000_000)
            let first = try planner.firstPlan(pm, budget: budget)
            if polished {
                // The rules' plans, and the polished one where a step lowered the cost.
                let unpolished = try Planner().firstPlan(pm, budget: budget)
                _ = unpolished.costSide?.wait()
                if first.plans.count == unpolished.plans.count + 1 { polishedPlans += 1 }
            }
            let outcome = try planner.solveLexicographic(
                pm.model, levels: pm.levels, integer: false, budget: budget, firstPlans: first.plans,
                knownBounds: first.known)
            _ = first.costSide?.wait()
            _ = first.sideBound?.wait()
            #expect(outcome.status == .optimal, "\(name)")
            let x = try #require(outcome.values)
            for (level, want) in zip(pm.levels, [optimum.unmet, optimum.waiting, optimum.cost]) {
                let got = level.value(at: x)
                #expect(abs(got - want) <= 1e-6 * max(1, abs(want)), "\(name) \(level.name): \(got), reference \(want)")
            }
            crossovers += outcome.crossovers
            checked += 1
        }
        #expect(checked == 7)
        if polished { #expect(polishedPlans >= 1) } else { #expect(crossovers >= 1) }
    }

    /// Small LP relaxations under a limit (at most ``SolvePolicy/exactFirstLPColumns`` columns:
    /// all 7 LP fixtures) are solved exactly at once, without the first plan (no time in
    /// it), and end at the reference's optimum; with the rule off (0 columns) they take the
    /// first plan and end at the same optimum.
    @Test(.tags(.slow), arguments: [true, false]) func smallRelaxationsUnderALimitAreSolvedExactlyFirst(
        exactFirst: Bool
    ) throws {
        var checked = 0
        for (name, optimum, scenario) in try Self.relaxationFixtures() {
            var planner = Planner(timeLimit: 60)
            if !exactFirst { planner.policy.exactFirstLPColumns = 0 }
            #expect(
                PlanModel(scenario: scenario).model.columns.count <= SolvePolicy.default.exactFirstLPColumns, "\(name)")
            let result = try planner.plan(scenario)
            #expect(result.status == .optimal, "\(name)")
            #expect(
                exactFirst ? result.timing.firstPlan == 0 : result.timing.firstPlan > 0,
                "\(name): \(result.timing.firstPlan) s")
            let got = try #require(result.objective, "\(name)")
            for (g, want) in [(got.unmet, optimum.unmet), (got.waiting, optimum.waiting), (got.cost, optimum.cost)] {
                #expect(abs(g - want) <= 1e-6 * max(1, abs(want)), "\(name): \(g), reference \(want)")
            }
            checked += 1
        }
        #expect(checked == 7)
    }

    /// An LP relaxation whose exact levels do not end in their share of the effort (40 x 20
    /// x 36, whose cost LP takes millions of units, with the size rule lifted) gets the first
    /// plan in the half left, as before the rule: the merged plan's unmet (278) and waiting
    /// (909), proven by the merged LP's bounds, and the cost level stopped by the effort;
    /// the levels' times include the stopped try's.
    @Test(.tags(.slow)) func anExactTryStoppedAtHalfTheEffortFallsBackToTheFirstPlan() throws {
        var scenario = try ScenarioLoader.load(path: TestFiles.path("Benchmarks/scenarios/L.yaml"))
        scenario.options.integer = false
        var planner = Planner()
        planner.effort = 1_500_000
        planner.policy.exactFirstLPColumns = .max
        let result = try planner.plan(scenario)
        #expect(result.status == .feasible)
        #expect(result.stoppedLevel == "cost")
        #expect(result.stoppedBy == .effort)
        #expect(result.timing.firstPlan > 0)
        // The levels' times hold the stopped try's (in the first level; the first plan then
        // proves it at once).
        #expect(result.timing.levels.first ?? 0 > 0, "\(result.timing)")
        #expect(result.effort <= 1_500_000 + 100_000)
        let objective = try #require(result.objective)
        #expect(abs(objective.unmet - 278) <= 1e-5)
        #expect(abs(objective.waiting - 909) <= 1e-5)
        #expect(objective.cost >= 12_053_612.82 - 0.01)
    }

    @Test func truncatedScenarioCutsEveryMonthlySeries() throws {
        let full = try Self.load("g02-s02-m24-seed1-initial-budget.yaml")
        #expect(full.months == 24)
        let cut = full.truncated(to: 5)
        #expect(cut.months == 5)
        #expect(cut.groups.allSatisfy { $0.arrivals.count == 5 })
        #expect(cut.shelters.allSatisfy { $0.beds.count == 5 })
        #expect(cut.medical.allSatisfy { $0.slots.count == 5 })
        #expect(cut.routes.allSatisfy { $0.departures.count == 5 })
        #expect(cut.partners.allSatisfy { $0.slots.count == 5 })
        #expect(cut.budget.monthly?.count == full.budget.monthly.map { _ in 5 })
        #expect(cut.budget.total == full.budget.total)
        #expect(cut.groups.map(\.initial) == full.groups.map(\.initial))
        #expect(cut.groups[0].arrivals == Array(full.groups[0].arrivals.prefix(5)))
        #expect(full.truncated(to: 24) == full)
    }

    /// Integer fixtures of 8 months or more, planned a month at a time (a window of one
    /// month and four relaxed months ahead).
    static let windowed = [
        "g01-s03-m24-seed1-r3-depcost.yaml", "g02-s01-m12-seed1-r1.yaml", "g03-s05-m24-seed11-r1.yaml",
        "g05-s03-m12-seed1.yaml", "g06-s03-m08-seed1-r3-initial-nopartner.yaml", "g08-s03-m12-seed1.yaml",
        "g09-s04-m12-seed8-r1-initial.yaml",
    ]

    /// The windows' plan is a plan of the whole model (GLPK's own check of bounds, rows and
    /// integrality), and no level of it beats the reference's optimum at the level before.
    @Test(.tags(.slow), arguments: windowed)
    func windowsGiveAPlanOfTheWholeScenario(_ name: String) throws {
        let scenario = try Self.load(name)
        let expected = try #require(PlannerReferenceTests.generated[name]?.objective)
        var planner = Planner()
        planner.policy.windowColumns = 1
        let pm = PlanModel(scenario: scenario)
        let plan = try #require(
            try planner.planByWindows(scenario, model: pm, budget: WorkBudget(units: 100_000_000)),
            "\(name): no plan")
        #expect(plan.windows == scenario.months)
        let problem = try GLPKProblem(pm.model)
        let point = try #require(try problem.feasiblePoint(plan.values), "\(name): the plan breaks the model")
        let unmet = pm.levels[0].value(at: point)
        #expect(unmet >= expected.unmet - 1e-6, "\(name): unmet \(unmet) below the optimum \(expected.unmet)")
        #expect(unmet <= expected.unmet * 1.5 + 10, "\(name): unmet \(unmet) far above the optimum \(expected.unmet)")
    }

    /// Windows stopped after 5 of 12 months (as when the time runs out) give those months,
    /// and the rules complete the plan from there: a plan of the whole model.
    @Test func rulesCompleteWindowsStoppedEarly() throws {
        let name = "g05-s03-m12-seed1.yaml"
        let scenario = try Self.load(name)
        var planner = Planner()
        planner.policy.windowColumns = 1
        let pm = PlanModel(scenario: scenario)
        let partial = try #require(
            try planner.planByWindows(scenario, model: pm, budget: WorkBudget(units: 100_000_000), maximumWindows: 5))
        #expect(partial.months == 5)
        #expect(partial.windows == 5)
        let x = try #require(Planner.rulesPlan(pm, prefix: (partial.months, partial.values)))
        for j in pm.model.columns.indices where (1...5).contains(pm.columnMonth[j]) {
            #expect(abs(x[j] - partial.values[j]) <= 1e-6, "\(pm.model.columns[j].name)")
        }
        let problem = try GLPKProblem(pm.model)
        let point = try #require(try problem.feasiblePoint(x))
        #expect(pm.levels[0].value(at: point) >= 102 - 1e-6)
    }

    /// With windows on every model, the planner still proves the reference's optimum: the
    /// windows' plan is only the first incumbent.
    @Test(arguments: ["g05-s03-m12-seed1.yaml", "g09-s04-m12-seed8-r1-initial.yaml", "g03-s05-m24-seed11-r1.yaml"])
    func plannerWithWindowsStaysExact(_ name: String) throws {
        let scenario = try Self.load(name)
        let expected = try #require(PlannerReferenceTests.generated[name]?.objective)
        var planner = Planner(timeLimit: 60)
        planner.policy.windowsAboveColumns = 0
        planner.policy.windowColumns = 50
        let result = try planner.plan(scenario)
        #expect(result.status == .optimal)
        #expect(result.timing.firstPlan > 0)
        let o = try #require(result.objective)
        PlannerReferenceTests.expectSameObjective(o, expected, name)
    }

    /// When the time is up before the first level starts, the first plan is the answer:
    /// status feasible, stopped in unmet, no gap (nothing was proven). A first plan that
    /// breaks a row is not used.
    @Test func firstPlanStandsWhenTheTimeIsUp() throws {
        let scenario = try Self.load("g05-s03-m12-seed1.yaml")
        let pm = PlanModel(scenario: scenario)
        let planner = Planner()
        let optimum = try #require(
            try planner.solveLexicographic(
                pm.model, levels: pm.levels, integer: true,
                budget: .unlimited
            ).values)
        let stopped = try planner.solveLexicographic(
            pm.model, levels: pm.levels, integer: true, budget: WorkBudget(units: 0), firstPlans: [optimum])
        #expect(stopped.status == .feasible)
        #expect(stopped.stoppedLevel == "unmet")
        #expect(stopped.gap == nil)
        let values = try #require(stopped.values)
        #expect(values.count == optimum.count)
        #expect(zip(values, optimum).allSatisfy { abs($0 - $1) <= 1e-6 })

        var broken = optimum
        let admit = try #require(pm.model.columns.firstIndex { $0.name.hasPrefix("admit[") })
        broken[admit] = pm.model.columns[admit].upper + 1
        let refused = try planner.solveLexicographic(
            pm.model, levels: pm.levels, integer: true, budget: WorkBudget(units: 0), firstPlans: [broken])
        #expect(refused.values == nil)
    }

    /// The table's status line says when the stopped level has no proven bound yet.
    @Test func statusLineShowsAnUnknownGap() {
        var r = PlanResult(
            scenario: "x", status: .feasible, integer: true, objective: nil, budgetTotal: nil, currency: "USD")
        r.stoppedLevel = "unmet"
        r.stoppedBy = .clock
        #expect(
            PlanTable.statusLine(r)
                == "feasible: the time limit (wall clock) stopped the search at level unmet, gap unknown (no bound was proven in time)"
        )
        r.gap = 0.031
        r.stoppedBy = .effort
        #expect(
            PlanTable.statusLine(r) == "feasible: the effort budget (--effort) ran out at level unmet, gap up to 3.1%")
        r.searchedAfterStop = ["waiting", "cost"]
        #expect(
            PlanTable.statusLine(r)
                == "feasible: the effort budget (--effort) ran out at level unmet, gap up to 3.1%; waiting and cost then searched with unmet held at its best"
        )
        r.stoppedLevel = "waiting"
        r.searchedAfterStop = ["cost"]
        #expect(
            PlanTable.statusLine(r)
                == "feasible: the effort budget (--effort) ran out at level waiting, gap up to 3.1%; cost then searched with waiting held at its best"
        )
        r.stoppedLevel = "unmet"
        r.searchedAfterStop = []
        r.gap = 0.0021
        r.stoppedBy = .interrupt
        #expect(
            PlanTable.statusLine(r)
                == "feasible: an interruption (Ctrl-C or SIGTERM) stopped the search at level unmet, gap up to 0.2%")
        r.gap = 0.281
        r.stoppedBy = nil
        #expect(PlanTable.statusLine(r) == "feasible: the search stopped at level unmet, gap up to 28%")
    }

    /// The relaxation beside the windows, on its own thread, gives the unmet level's LP
    /// optimum: 20.5 on this LP fixture (the reference's value), as an integer model too.
    @Test func sideBoundIsTheRelaxationsOptimum() throws {
        let name = "g02-s02-m06-seed1-r1-lp.yaml"
        var scenario = try Self.load(name)
        scenario.options.integer = true
        let expected = try #require(PlannerReferenceTests.generated[name]?.objective)
        let pm = PlanModel(scenario: scenario)
        #expect(pm.model.columns.contains { $0.isInteger })
        let side = Planner.SideBound(model: pm.model, level: pm.levels[0], budget: WorkBudget(units: 100_000_000))
        let bound = try #require(side.wait())
        #expect(abs(bound - expected.unmet) <= 1e-6, "bound \(bound) vs \(expected.unmet)")
        let late = Planner.SideBound(model: pm.model, level: pm.levels[0], budget: WorkBudget(units: 0))
        #expect(late.wait() == nil)
    }

    /// The merged-shelter relaxation: one shelter with every bed, group and provider.
    @Test func mergedSheltersKeepEveryCapacity() throws {
        let scenario = try Self.load("g09-s04-m12-seed8-r1-initial.yaml")
        let merged = scenario.mergedShelters()
        #expect(merged.shelters.count == 1)
        let all = try #require(merged.shelters.first)
        #expect(all.id == "all-shelters")
        for t in 0..<scenario.months { #expect(all.beds[t] == scenario.shelters.reduce(0) { $0 + $1.beds[t] }) }
        #expect(all.bedNightCost == scenario.shelters.map(\.bedNightCost).min())
        #expect(Set(all.accepts) == Set(scenario.shelters.flatMap(\.accepts)))
        #expect(merged.medical.allSatisfy { $0.serves == ["all-shelters"] })
        #expect(merged.groups.flatMap(\.initial).allSatisfy { $0.shelter == "all-shelters" })
        #expect(merged.groups.flatMap(\.initial).map(\.count) == scenario.groups.flatMap(\.initial).map(\.count))
        #expect(!merged.options.integer)
    }

    /// Its LP optimum is a lower bound of the unmet level on every fixture with a plan (the
    /// reference's optimum, integer or LP), and on this one as tight as the whole LP.
    @Test func mergedBoundIsALowerBound() throws {
        for name in PlannerReferenceTests.generatedNames
        where PlannerReferenceTests.generated[name]?.status == "optimal" {
            let scenario = try Self.load(name)
            let expected = try #require(PlannerReferenceTests.generated[name]?.objective)
            let bound = try #require(
                Planner().mergedRelaxation(scenario, budget: WorkBudget(units: 100_000_000))?.bound, "\(name)")
            #expect(bound <= expected.unmet + 1e-6, "\(name): bound \(bound) above the optimum \(expected.unmet)")
        }
        let lp = try Self.load("g02-s02-m06-seed1-r1-lp.yaml")
        let bound = try #require(Planner().mergedRelaxation(lp, budget: WorkBudget(units: 100_000_000))?.bound)
        #expect(abs(bound - 20.5) <= 1e-6)
        #expect(Planner().mergedRelaxation(lp, budget: WorkBudget(units: 0)) == nil)
    }

    /// With the unmet level at its optimum, the merged relaxation's least waiting is a
    /// lower bound of the waiting level on every fixture with a plan (at or below the
    /// reference's optimum), and where every group has every shelter it is the LP's: 48.5
    /// person-months on the LP fixture, the reference's value.
    @Test func mergedWaitingBoundIsALowerBound() throws {
        for name in PlannerReferenceTests.generatedNames
        where PlannerReferenceTests.generated[name]?.status == "optimal" {
            let scenario = try Self.load(name)
            let expected = try #require(PlannerReferenceTests.generated[name]?.objective)
            guard
                let bound = Planner().mergedRelaxation(
                    scenario, unmet: expected.unmet, budget: WorkBudget(units: 100_000_000))?.bound
            else {
                continue  // nothing to decide (no columns)
            }
            #expect(bound <= expected.waiting + 1e-6, "\(name): bound \(bound) above the optimum \(expected.waiting)")
        }
        let lp = try Self.load("g02-s02-m06-seed1-r1-lp.yaml")
        let expected = try #require(PlannerReferenceTests.generated["g02-s02-m06-seed1-r1-lp.yaml"]?.objective)
        let bound = try #require(
            Planner().mergedRelaxation(lp, unmet: expected.unmet, budget: WorkBudget(units: 100_000_000))?.bound)
        #expect(abs(bound - 48.5) <= 1e-4, "bound \(bound)")
    }

    /// The merged scenario's integer plan bounds every level where its earlier levels meet
    /// the model's optima: on every fixture with a plan, its unmet is at or below the
    /// reference's; where the unmet is the reference's, so is its waiting at or below; and
    /// where both are, the split cost's LP is at or below the reference's cost.
    @Test func mergedIntegerPlanBoundsEveryLevel() throws {
        var costs = 0
        for (name, expected, pm) in try Self.integerFixtures(moreShelters: 1) {
            guard let merged = Planner().mergedIntegerPlan(pm, budget: WorkBudget(units: 100_000_000)) else { continue }
            #expect(merged.unmet <= expected.unmet + 1e-6, "\(name): unmet \(merged.unmet) above \(expected.unmet)")
            guard abs(merged.unmet - expected.unmet) <= 1e-6, let waiting = merged.waiting else { continue }
            #expect(waiting <= expected.waiting + 1e-6, "\(name): waiting \(waiting) above \(expected.waiting)")
            guard abs(waiting - expected.waiting) <= 1e-6, let cost = merged.cost else { continue }
            let bound = try #require(
                Planner.relaxationOptimum(cost.model, level: cost.level, budget: WorkBudget(units: 100_000_000)))
            #expect(
                bound <= expected.cost + 1e-6 * max(1, expected.cost), "\(name): cost \(bound) above \(expected.cost)")
            costs += 1
        }
        #expect(costs >= 10, "only \(costs) fixtures reached the cost bound")
    }

    /// 15 x 8 x 24: the merged relaxation's LP bound of unmet is 46.5, its integer plan 47,
    /// the optimum the planner proves (docs/performance.md), with 598 person-months, the
    /// waiting optimum too.
    @Test func mergedIntegerPlanOfTheMediumBenchmark() throws {
        let scenario = try ScenarioLoader.load(path: TestFiles.path("Benchmarks/scenarios/M.yaml"))
        let pm = PlanModel(scenario: scenario)
        let lp = try #require(Planner().mergedRelaxation(scenario, budget: WorkBudget(units: 100_000_000)))
        #expect(abs(lp.bound - 46.5) <= 1e-6)
        let merged = try #require(Planner().mergedIntegerPlan(pm, budget: WorkBudget(units: 100_000_000)))
        #expect(merged.unmet == 47)
        #expect(merged.waiting == 598)
        #expect(merged.admitted.allSatisfy { $0.allSatisfy { $0 == $0.rounded() } })
    }

    /// A later level's relaxation bound holds only where the earlier levels' optima are the
    /// relaxation's.
    /// The time is up before the first level (a slow machine spent it on the first plan): the
    /// levels that the plan in hand meets the proven bounds of are still optimal, and the run
    /// stops at the first one it does not (it stopped at unmet, under the address sanitizer).
    @Test func levelsProvenByTheirBoundsNeedNoTime() throws {
        let (name, optimum, pm) = try #require(try Self.integerFixtures(moreShelters: 1).first)
        let planner = Planner()
        let exact = try planner.solveLexicographic(
            pm.model, levels: pm.levels, integer: true, budget: .unlimited,
            branchingPriority: pm.columnMonth)
        let plan = try #require(exact.values, "\(name)")
        #expect(abs(pm.levels[0].value(at: plan) - optimum.unmet) <= 1e-6, "\(name)")
        let known = KnownBounds(bounds: [optimum.unmet, optimum.waiting], optima: [optimum.unmet])
        let late = try planner.solveLexicographic(
            pm.model, levels: pm.levels, integer: true, budget: WorkBudget(units: 0),
            firstPlans: [plan], knownBounds: known, branchingPriority: pm.columnMonth)
        #expect(late.status == .feasible)
        #expect(late.stoppedLevel == "cost", "\(name)")
        let values = try #require(late.values)
        #expect(abs(pm.levels[1].value(at: values) - optimum.waiting) <= 1e-6, "\(name)")
        // Without the bounds, the same late run stops at once.
        let blind = try planner.solveLexicographic(
            pm.model, levels: pm.levels, integer: true, budget: WorkBudget(units: 0),
            firstPlans: [plan], branchingPriority: pm.columnMonth)
        #expect(blind.stoppedLevel == "unmet")
    }
}
