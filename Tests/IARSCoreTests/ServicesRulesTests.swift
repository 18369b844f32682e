import Foundation
import LinearProgramming
import Testing

@testable import IARSCore

/// The first-plan stages with social services: the rules' plan keeps within every
/// service (and fills the cover columns), the merged-shelter relaxation stays a
/// relaxation, and the set-up warnings of services.
@Suite struct ServicesRulesTests {
    static func load(_ folder: String, _ name: String) throws -> Scenario {
        try ScenarioLoader.load(
            path: TestFiles.fixtures.appendingPathComponent("services/\(folder)/\(name)").path)
    }

    static let feasible = ServicesTests.generated.keys.sorted().filter {
        ServicesTests.generated[$0]?.status == "optimal"
    }

    /// The rules' plan passes GLPK's check of the whole model, services rows and cover
    /// balances included, and no level beats the reference's optimum.
    @Test(.tags(.slow), arguments: feasible)
    func rulesPlanKeepsWithinTheServices(_ name: String) throws {
        var scenario = try Self.load("generated", name)
        scenario.options.integer = true
        let expected = try #require(ServicesTests.generated[name]?.objective)
        let pm = PlanModel(scenario: scenario)
        let values = try #require(Planner.rulesPlan(pm), "\(name): no plan")
        let problem = try GLPKProblem(pm.model)
        let point = try #require(try problem.feasiblePoint(values), "\(name): the plan breaks the model")
        #expect(pm.levels[0].value(at: point) >= expected.unmet - 1e-6)
    }

    @Test(
        arguments: ServicesTests.generated.keys.sorted().filter { ServicesTests.generated[$0]?.status == "infeasible" })
    func theRulesFindNoPlanWhereAServiceCannotServe(_ name: String) throws {
        #expect(Planner.rulesPlan(PlanModel(scenario: try Self.load("generated", name))) == nil)
    }

    /// The merged-shelter relaxation's unmet never exceeds the optimum (a lower bound), with
    /// a service at some shelters only (its capacity widened by the other shelters' beds)
    /// and with one at every shelter (as it is).
    @Test(arguments: ["some-shelters.yaml", "two-services.yaml", "partial-groups.yaml"])
    func mergedSheltersStayARelaxation(_ name: String) throws {
        let scenario = try Self.load("hand", name)
        let optimum = try #require(ServicesTests.hand[name]?.objective)
        let merged = try #require(Planner().mergedRelaxation(scenario, budget: WorkBudget(units: 10_000_000)))
        #expect(merged.bound <= optimum.unmet + 1e-6)
        let merged2 = scenario.mergedShelters()
        #expect(merged2.services.map(\.id) == scenario.services.map(\.id))
        #expect(merged2.services.allSatisfy { $0.serves == ["all-shelters"] })
        if name == "some-shelters.yaml" {
            // counselling at tirana (3 case-months) counts everyone merged, with vlora's 10 beds
            #expect(merged2.services[0].capacity == [13, 13, 13, 13, 13])
            #expect(merged2.services[0].costPerCaseMonth == 0)
        }
    }

    static let integerFeasible = feasible.filter { !$0.contains("-lp") }

    /// Column and row names are unique (the time windows match columns by name), with the
    /// return classes split by service.
    @Test(arguments: ServicesTests.generated.keys.sorted())
    func namesAreUnique(_ name: String) throws {
        let pm = PlanModel(scenario: try Self.load("generated", name))
        #expect(Set(pm.model.columns.map(\.name)).count == pm.model.columns.count)
        #expect(Set(pm.model.rows.map(\.name)).count == pm.model.rows.count)
    }

    /// The windows' plan (a month a window) is a plan of the whole model, services included,
    /// and the planner with windows on every model still proves the reference's optimum.
    @Test(.tags(.slow), arguments: integerFeasible)
    func windowsKeepWithinTheServices(_ name: String) throws {
        let scenario = try Self.load("generated", name)
        let expected = try #require(ServicesTests.generated[name]?.objective)
        var planner = Planner()
        planner.policy.windowColumns = 1
        let pm = PlanModel(scenario: scenario)
        let plan = try #require(
            try planner.planByWindows(scenario, model: pm, budget: WorkBudget(units: 100_000_000)), "\(name): no plan")
        let problem = try GLPKProblem(pm.model)
        let point = try #require(try problem.feasiblePoint(plan.values), "\(name): the plan breaks the model")
        #expect(pm.levels[0].value(at: point) >= expected.unmet - 1e-6)

        var windowed = Planner(timeLimit: 60)
        windowed.policy.windowsAboveColumns = 0
        windowed.policy.windowColumns = 50
        let result = try windowed.plan(scenario)
        #expect(result.status == .optimal)
        PlannerReferenceTests.expectSameObjective(try #require(result.objective), expected, name)
    }

    @Test func setUpWarningsForServices() throws {
        let sc = try ScenarioLoader.parse(
            text: """
                name: warn
                start: 2001-01
                months: 2
                groups:
                  - { id: women, country: MD, arrivals: 1, processing_months: 1 }
                  - { id: minors, country: MD, arrivals: 1, processing_months: 1 }
                shelters:
                  - { id: tirana, beds: 3, bed_night_cost: 1, accepts: [women] }
                  - { id: vlora, beds: 3, bed_night_cost: 1, accepts: [minors] }
                medical:
                  - { id: clinic, slots: 5, cost_per_screening: 1 }
                routes:
                  - { id: bus, country: MD, seats_per_departure: 4, departures: 1, cost_per_seat: 1 }
                partners:
                  - { id: p, country: MD, slots: 4, cost_per_case: 1 }
                services:
                  - { id: guardians, capacity: 2, cost_per_case_month: 1, serves: [tirana], needed_by: [minors] }
                  - { id: counselling, capacity: 0, cost_per_case_month: 1 }
                """, file: "warn.yaml")
        #expect(
            SetupCheck.warnings(sc, document: nil).map(\.description) == [
                "warn: warning: services[0] (guardians): covers nobody: no shelter it serves accepts a group in its "
                    + "needed_by; check serves and needed_by (without them it serves every shelter and every group)",
                "warn: warning: services[1] (counselling): has no case-months in any month: nobody it covers "
                    + "(women, minors) can be admitted where it serves; give it capacity above 0",
            ])
    }
}
