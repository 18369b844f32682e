import Foundation
import Testing

@testable import IARSCore

/// Social services (`services:`): the reference's values on generated and hand-written
/// fixtures (Fixtures/services, Fixtures/README.md), a case worked by hand, the loader's
/// diagnostics, variants, infeasibility and explain.
@Suite struct ServicesTests {
    struct Expected: Decodable {
        var status: String
        var objective: PlannerReferenceTests.Expected.Objective?
        /// The reference's sentences for an infeasible file.
        var reasons: [String]
    }

    static func expected(_ folder: String) -> [String: Expected] {
        let url = TestFiles.fixtures.appendingPathComponent("services/\(folder)/expected.json")
        guard let data = try? Data(contentsOf: url) else { return [:] }
        return (try? JSONDecoder().decode([String: Expected].self, from: data)) ?? [:]
    }

    static let generated = expected("generated")
    static let hand = expected("hand")

    @Test func thereAreEnoughFixtures() {
        #expect(Self.generated.count >= 15)
        #expect(Self.generated.values.filter { $0.status == "infeasible" }.count >= 2)
        #expect(Self.hand.count >= 5)
    }

    @Test(.tags(.slow), arguments: generated.keys.sorted())
    func generatedScenarioMatchesReference(_ name: String) throws {
        try check(name, folder: "generated", try #require(Self.generated[name]))
    }

    @Test(arguments: hand.keys.sorted())
    func handWrittenScenarioMatchesReference(_ name: String) throws {
        try check(name, folder: "hand", try #require(Self.hand[name]))
    }

    /// The three objective values, or infeasible with the same services, months and
    /// shortfalls the reference names.
    func check(_ name: String, folder: String, _ exp: Expected) throws {
        let path = TestFiles.fixtures.appendingPathComponent("services/\(folder)/\(name)").path
        let scenario = try ScenarioLoader.load(path: path)
        #expect(!scenario.services.isEmpty, "\(name) has no services")
        let result = try Planner(timeLimit: 20).plan(scenario)
        #expect(result.status.rawValue == exp.status, "\(name)")
        if let e = exp.objective {
            PlannerReferenceTests.expectSameObjective(try #require(result.objective, "\(name): no plan"), e, name)
            // each service's load within its capacity, and its cost in the month's
            for v in result.services {
                for m in v.months { #expect(m.used <= m.capacity + 1e-6, "\(name): \(v.id) over its capacity") }
            }
        } else {
            #expect(Self.shortfalls(result.reasons) == Self.shortfalls(referenceSentences: exp.reasons), "\(name)")
        }
    }

    /// (month, service, amount) of each service reason.
    static func shortfalls(_ reasons: [PlanResult.InfeasibilityReason]) -> [String] {
        reasons.map { r in
            "\(r.month ?? "-") \(r.kind.rawValue) \(r.service ?? r.shelter ?? "-") \(formatAmount(r.shortBy))"
        }
    }

    /// The same from the reference's sentences, "2001-01: service guardians cannot serve the
    /// people already in shelter (2 case-months, 3 more needed)".
    static func shortfalls(referenceSentences: [String]) -> [String] {
        referenceSentences.map { s in
            let words = s.split(separator: " ")
            let month = String(words[0].dropLast())
            let amount = Double(words[words.count - 3])!
            return "\(month) \(words[1]) \(words[2]) \(formatAmount(amount))"
        }
    }

    // MARK: - worked by hand

    /// Two minors already in shelter until month 3, arrivals of 4 a month, 3 guardian
    /// case-months a month, beds to spare. Month 1: (2 + 2 + a1) / 2 <= 3, so a1 <= 2;
    /// month 2: (2 + a1 + 2 + a1 + a2) / 2 <= 3, so 2 a1 + a2 <= 2: at most 2 admitted
    /// (a1 = 0, a2 = 2), 6 unmet. The guardians then cost 10 x (2 + 3) = 50; nothing waits
    /// (the cases admitted in month 2 are ready after the horizon).
    static let minors = """
        name: hand-minors
        start: 2001-01
        months: 2
        groups:
          - id: minors
            country: MD
            arrivals: 4
            processing_months: 1
            initial:
              - { shelter: tirana, count: 2, ready_month: 3 }
        shelters:
          - { id: tirana, beds: 10, bed_night_cost: 0 }
        medical:
          - { id: clinic, slots: 10, cost_per_screening: 0 }
        services:
          - id: guardians
            capacity: 3
            cost_per_case_month: 10
        """

    @Test func aServiceBindsWhereBedsDoNot() throws {
        let sc = try ScenarioLoader.parse(text: Self.minors, file: "minors.yaml")
        let r = try Planner().plan(sc)
        #expect(r.status == .optimal)
        #expect(r.objective == .init(unmet: 6, waiting: 0, cost: 50))
        #expect(r.services.map(\.id) == ["guardians"])
        #expect(r.services[0].months.map(\.used) == [2, 3])
        #expect(r.services[0].months.map(\.cost) == [20, 30])
        #expect(r.months.map(\.costServices) == [20, 30])
        // a service for nobody changes nothing: needed by no group
        let none = try ScenarioLoader.parse(
            text: Self.minors + "\n    needed_by: []", file: "minors.yaml")
        // (then everyone is admitted; the 4 of month 1 wait in month 2, no route takes them)
        #expect(try Planner().plan(none).objective == .init(unmet: 0, waiting: 4, cost: 0))
    }

    @Test func explainSaysTheServiceIsFullyBooked() throws {
        let sc = try ScenarioLoader.parse(text: Self.minors, file: "minors.yaml")
        let r = try Planner().plan(sc)
        let e = try PlanExplainer().explain(sc, result: r)
        #expect(e.binding.contains { $0.kind == .service && $0.id == "guardians" && $0.months == [2] })
        // one more guardian case-month in month 2: a2 <= 4, two more cases served
        let item = try #require(e.items.first { $0.kind == .service && $0.monthIndex == 2 })
        #expect(item.served == 2)
    }

    @Test func infeasibleNamesTheServiceMonthAndShortfall() throws {
        let text = Self.minors.replacingOccurrences(of: "capacity: 3", with: "capacity: [1, 3]")
        let r = try Planner().plan(try ScenarioLoader.parse(text: text, file: "minors.yaml"))
        #expect(r.status == .infeasible)
        #expect(r.reasons.map(\.kind) == [.service])
        #expect(r.reasons.first?.service == "guardians")
        #expect(
            r.reasons.first?.message
                == "2001-01: service guardians cannot serve the people already in shelter: 1 case-month, "
                + "1 more needed (raise services[0].capacity for 2001-01 or lower the initial cases)")
    }

    // MARK: - reading

    @Test func everyProblemAtOnceWithDidYouMean() {
        let text = """
            name: bad
            start: 2001-01
            months: 2
            groups:
              - { id: women, country: MD, arrivals: 1, processing_months: 1 }
            shelters:
              - { id: tirana, beds: 3, bed_night_cost: 1 }
            services:
              - id: sw
                capacity: [1]
                cost_per_case_month: -2
                serves: [tirana, tirnaa]
                needed_by: [wmen]
                nedded_by: [women]
              - id: sw
                capacity: 2
            """
        #expect(
            ScenarioLoaderTests.problems(text) == [
                "s.yaml:10: services[0].capacity: expected 2 values (months: 2), got 1",
                "s.yaml:11: services[0].cost_per_case_month: must be >= 0, got -2",
                "s.yaml:12: services[0].serves[1]: unknown shelter 'tirnaa'; did you mean 'tirana'?",
                "s.yaml:13: services[0].needed_by[0]: unknown group 'wmen'; did you mean 'women'?",
                "s.yaml:14: services[0].nedded_by: unknown key; did you mean 'needed_by'? "
                    + "(allowed: id, capacity, cost_per_case_month, serves, needed_by)",
                "s.yaml:15: services[1].cost_per_case_month: required key is missing",
                "s.yaml:15: services[1].id: duplicate service id 'sw' (first at line 9)",
            ])
    }

    @Test func defaultsAreEveryShelterAndEveryGroup() throws {
        let sc = try ScenarioLoader.parse(text: Self.minors, file: "minors.yaml")
        #expect(
            sc.services == [
                Service(
                    id: "guardians", capacity: [3, 3], costPerCaseMonth: 10, serves: ["tirana"],
                    neededBy: ["minors"])
            ])
    }

    // MARK: - variants

    @Test func setScaleAndRemoveReachServices() throws {
        let set = try ScenarioLoader.parseSet(text: Self.minors, file: "minors.yaml")
        let more = try set.scenario(overrides: [
            try ScenarioOverride.parse("services.guardians.capacity=[3, 5]", scale: false),
            try ScenarioOverride.parse("services.guardians.cost_per_case_month=2", scale: true),
        ])
        #expect(more.services[0].capacity == [3, 5])
        #expect(more.services[0].costPerCaseMonth == 20)
        // month 2 now holds 2 a1 + a2 <= 6: a = (1, 4), 3 unmet
        #expect(try Planner().plan(more).objective?.unmet == 3)
        let withVariant = try ScenarioLoader.parseSet(
            text: Self.minors + "\n" + """
                variants:
                  - name: no-guardians
                    remove: { services: [guardians] }
                """, file: "minors.yaml")
        #expect(try withVariant.scenario(variant: "no-guardians").services.isEmpty)
    }
}
