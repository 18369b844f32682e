import Foundation
import IARSReport
import Testing

@testable import IARSCore
@testable import IARSInput

/// Variants (`variants:` and `--set`/`--scale`), compare and sweep, on a small
/// hand-made scenario (docs/variants.md).
@Suite struct VariantTests {
    /// Line numbers matter: the messages below name them.
    static let base = """
        name: small
        start: 2001-01
        months: 4
        groups:
          - id: md-women
            country: MD
            arrivals: [1, 2, 3, 5]
            processing_months: 1
          - id: ro-women
            country: RO
            arrivals: 2
            processing_months: 1
        shelters:
          - id: tirana
            beds: 6
            bed_night_cost: 2
            accepts: [md-women, ro-women]
          - id: vlora
            beds: [2, 2, 2, 2]
            bed_night_cost: 2.5
        medical:
          - id: clinic
            slots: 10
            cost_per_screening: 8
            serves: [tirana, vlora]
        routes:
          - id: md-bus
            country: MD
            seats_per_departure: 4
            departures: 2
            cost_per_seat: 40
          - id: ro-bus
            country: RO
            seats_per_departure: 4
            departures: 1
            cost_per_seat: 35
        partners:
          - id: md-partner
            country: MD
            slots: 5
            cost_per_case: 20.5
        """

    static func load(_ variants: String) throws(InputError) -> ScenarioSet {
        try ScenarioLoader.parseSet(text: base + "\n" + variants, file: "small.yaml")
    }

    /// The messages of loading `variants` (each `FILE:LINE: path: message`).
    static func problems(_ variants: String) -> [String] {
        do {
            _ = try load(variants)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    static func variant(_ set: ScenarioSet, _ name: String) throws -> Scenario {
        try #require(set.variants.first { $0.name == name }).scenario
    }

    // The base has 41 lines: variants start on line 42.

    // MARK: - set

    @Test func setReplacesValuesByIdAndAddsMissingOnes() throws {
        let set = try Self.load(
            """
            variants:
              - name: more
                description: more beds and money
                set:
                  shelters.vlora.beds: 15
                  routes.md-bus.departures: [1, 2, 3, 4]
                  budget.total: 30000
                  options.integer: false
                  groups.*.priority: 2
            """)
        #expect(set.base.budget.total == nil)
        let v = try Self.variant(set, "more")
        #expect(v.name == "small/more")
        #expect(set.variants[0].description == "more beds and money")
        #expect(v.shelters[1].beds == [15, 15, 15, 15])
        #expect(v.shelters[0] == set.base.shelters[0])
        #expect(v.routes[0].departures == [1, 2, 3, 4])
        #expect(v.budget.total == 30000)
        #expect(v.options.integer == false)
        #expect(v.groups.map(\.priority) == [2, 2])
        // The base is untouched.
        #expect(set.base.shelters[1].beds == [2, 2, 2, 2])
        #expect(set.base.name == "small")
    }

    // MARK: - scale

    @Test func scaleRoundsCountsHalfUpAndKeepsCostsExact() throws {
        let set = try Self.load(
            """
            variants:
              - name: up
                scale: { groups.md-women.arrivals: 1.5, partners.md-partner.cost_per_case: 1.1 }
              - name: down
                scale: { groups.*.arrivals: 0.5, shelters.tirana.beds: 0.25 }
              - name: zero
                scale: { groups.md-women.arrivals: 0 }
            """)
        // [1, 2, 3, 5] x 1.5 = [1.5, 3, 4.5, 7.5] -> [2, 3, 5, 8]
        #expect(try Self.variant(set, "up").groups[0].arrivals == [2, 3, 5, 8])
        #expect(try Self.variant(set, "up").groups[1].arrivals == [2, 2, 2, 2])
        #expect(abs(try Self.variant(set, "up").partners[0].costPerCase - 22.55) < 1e-12)
        // [1, 2, 3, 5] x 0.5 = [0.5, 1, 1.5, 2.5] -> [1, 1, 2, 3]; 2 x 0.5 = 1; 6 x 0.25 = 1.5 -> 2
        let down = try Self.variant(set, "down")
        #expect(down.groups[0].arrivals == [1, 1, 2, 3])
        #expect(down.groups[1].arrivals == [1, 1, 1, 1])
        #expect(down.shelters[0].beds == [2, 2, 2, 2])
        #expect(try Self.variant(set, "zero").groups[0].arrivals == [0, 0, 0, 0])
    }

    @Test func roundingHalfUpIgnoresFloatNoise() {
        // 0.7 x 15 = 10.499999999999998 in floating point: still 10.5 -> 11.
        let n = DocumentEditor.scaled(DocumentNode(.integer(15), line: 1), by: 0.7, integer: true, line: 1)
        #expect(n.value == .integer(11))
        let m = DocumentEditor.scaled(DocumentNode(.integer(3), line: 1), by: 1.0 / 3.0, integer: true, line: 1)
        #expect(m.value == .integer(1))
    }

    // MARK: - add and remove

    @Test func addAppendsEntriesAndRemoveDropsThemWithTheirReferences() throws {
        let set = try Self.load(
            """
            variants:
              - name: charter
                add:
                  routes:
                    - { id: charter, country: MD, seats_per_departure: 20, departures: [0, 1, 0, 0], cost_per_seat: 10, cost_per_departure: 900 }
                  shelters:
                    - { id: durres, beds: 4, bed_night_cost: 3 }
                remove: { routes: [md-bus] }
                set: { shelters.durres.beds: 5 }
              - name: no-ro
                remove: { groups: [ro-women], routes: [ro-bus] }
              - name: no-vlora
                remove: { shelters: [vlora] }
            """)
        let charter = try Self.variant(set, "charter")
        #expect(charter.routes.map(\.id) == ["ro-bus", "charter"])
        #expect(charter.routes[1].departures == [0, 1, 0, 0])
        #expect(charter.routes[1].costPerDeparture == 900)
        #expect(charter.shelters.map(\.id) == ["tirana", "vlora", "durres"])
        // set applies after add, and `accepts` defaults to every group.
        #expect(charter.shelters[2].beds == [5, 5, 5, 5])
        #expect(charter.shelters[2].accepts == ["md-women", "ro-women"])
        // Removing a group takes it out of `accepts`.
        let noRO = try Self.variant(set, "no-ro")
        #expect(noRO.groups.map(\.id) == ["md-women"])
        #expect(noRO.shelters[0].accepts == ["md-women"])
        #expect(noRO.routes.map(\.id) == ["md-bus"])
        // Removing a shelter takes it out of `serves`.
        let noVlora = try Self.variant(set, "no-vlora")
        #expect(noVlora.shelters.map(\.id) == ["tirana"])
        #expect(noVlora.medical[0].serves == ["tirana"])
    }

    // MARK: - Errors, exactly

    @Test func unknownPathsIdsAndFieldsSuggestTheClosest() {
        #expect(
            Self.problems(
                """
                variants:
                  - name: typos
                    set:
                      shelters.vlra.beds: 3
                      shelters.vlora.bed: 3
                      shelter.vlora.beds: 3
                      budget.totl: 3
                      routes.md-bus: 3
                      shelters.vlora.id: x
                      name: other
                    remove: { routes: [md-buss] }
                """) == [
                    "small.yaml:45: variants[0].set.shelters.vlra.beds: unknown shelter 'vlra'; did you mean 'vlora'?",
                    "small.yaml:46: variants[0].set.shelters.vlora.bed: unknown field 'bed' of a shelter; did you mean 'beds'? (fields: beds, bed_night_cost, accepts)",
                    "small.yaml:47: variants[0].set.shelter.vlora.beds: unknown path 'shelter.vlora.beds'; did you mean 'shelters'? (a path starts with groups, shelters, medical, routes, partners, services, budget, options, description, currency, start, months)",
                    "small.yaml:48: variants[0].set.budget.totl: unknown field 'totl' of budget; did you mean 'total'? (fields: total, monthly)",
                    "small.yaml:49: variants[0].set.routes.md-bus: expected routes.ID.FIELD (ID a route id, or * for every route), got 'routes.md-bus'",
                    "small.yaml:50: variants[0].set.shelters.vlora.id: an id cannot be changed; remove the entry and add a new one",
                    "small.yaml:51: variants[0].set.name: a variant keeps the scenario's name; it cannot be changed",
                    "small.yaml:52: variants[0].remove.routes[0]: unknown route 'md-buss'; did you mean 'md-bus'?",
                ])
    }

    @Test func scaleErrors() {
        #expect(
            Self.problems(
                """
                variants:
                  - name: bad
                    scale:
                      shelters.tirana.accepts: 2
                      budget.total: 2
                      groups.md-women.arrivals: -1
                  - name: both
                    set: { budget.total: 100 }
                    scale: { budget.total: 2 }
                """) == [
                    "small.yaml:47: variants[0].scale.groups.md-women.arrivals: must be >= 0, got -1",
                    "small.yaml:50: variants[1].scale.budget.total: set and scale both change this value; keep one",
                ])
        #expect(
            Self.problems(
                """
                variants:
                  - name: bad
                    scale:
                      shelters.tirana.accepts: 2
                      budget.total: 2
                """) == [
                    "small.yaml:45: variants[0].scale.shelters.tirana.accepts: cannot scale 'accepts': it is not a number (scale changes counts, costs, budgets and priorities)",
                    "small.yaml:46: variants[0].scale.budget.total: cannot scale budget.total: the scenario does not give it",
                ])
    }

    @Test func variantListErrors() {
        #expect(
            Self.problems(
                """
                variants:
                  - name: base
                    set: { budget.total: 1 }
                  - name: a
                    set: { budget.total: 1 }
                  - name: a
                    set: { budget.total: 2 }
                  - name: empty
                  - name: Bad Name
                    sets: { budget.total: 1 }
                  - name: b
                    add: { shelter: [] , routes: [] }
                """) == [
                    "small.yaml:43: variants[0].name: 'base' names the scenario itself; choose another name",
                    "small.yaml:47: variants[2].name: duplicate variant name 'a' (first at line 45)",
                    "small.yaml:49: variants[3]: the variant changes nothing (give set, scale, add or remove)",
                    "small.yaml:50: variants[4].name: 'Bad Name' is not an id of a-z, 0-9, '_' or '-'",
                    "small.yaml:51: variants[4].sets: unknown key; did you mean 'set'? (allowed: name, description, remove, add, set, scale)",
                    "small.yaml:53: variants[5].add.routes: at least one entry is required",
                    "small.yaml:53: variants[5].add.shelter: unknown key; did you mean 'shelters'? (allowed: groups, shelters, medical, routes, partners, services)",
                ])
    }

    @Test func anInvalidVariantIsReportedAtItsOwnLine() {
        // After set, the lengths must still match; counts stay within the caps;
        // added entries are checked like the base's; a removed shelter in use is reported.
        #expect(
            Self.problems(
                """
                variants:
                  - name: short
                    set:
                      shelters.vlora.beds: [1, 2, 3]
                      routes.md-bus.seats_per_departure: 0
                  - name: dup
                    add:
                      shelters:
                        - { id: vlora, beds: 1, bed_night_cost: 1 }
                        - { id: durres, beds: 1 }
                  - name: huge
                    scale: { groups.md-women.arrivals: 1000000 }
                """) == [
                    "small.yaml:45: shelters[1].beds: expected 4 values (months: 4), got 3 (variant 'short')",
                    "small.yaml:46: routes[0].seats_per_departure: must be >= 1, got 0 (variant 'short')",
                    "small.yaml:50: shelters[2].id: duplicate shelter id 'vlora' (first at line 18) (variant 'dup')",
                    "small.yaml:51: shelters[3].bed_night_cost: required key is missing (variant 'dup')",
                    "small.yaml:53: groups[0].arrivals[1]: must be <= 1000000 (the cap on counts), got 2000000 (variant 'huge')",
                    "small.yaml:53: groups[0].arrivals[2]: must be <= 1000000 (the cap on counts), got 3000000 (variant 'huge')",
                    "small.yaml:53: groups[0].arrivals[3]: must be <= 1000000 (the cap on counts), got 5000000 (variant 'huge')",
                ])
    }

    @Test func aBadBaseIsReportedBeforeItsVariants() {
        do {
            _ = try ScenarioLoader.parseSet(
                text: Self.base.replacingOccurrences(of: "beds: 6", with: "beds: -6")
                    + "\nvariants:\n  - name: a\n    set: { shelters.nowhere.beds: 1 }\n", file: "small.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["small.yaml:15: shelters[0].beds: must be >= 0, got -6"])
        }
    }

    // MARK: - The command line

    @Test func commandLineOverrides() throws {
        let set = try Self.load("")
        let sc = try set.scenario(overrides: [
            try ScenarioOverride.parse("shelters.tirana.beds=30", scale: false),
            try ScenarioOverride.parse("routes.md-bus.departures=[1, 1, 2, 2]", scale: false),
            try ScenarioOverride.parse("groups.md-women.arrivals=2", scale: true),
        ])
        #expect(sc.shelters[0].beds == [30, 30, 30, 30])
        #expect(sc.routes[0].departures == [1, 1, 2, 2])
        #expect(sc.groups[0].arrivals == [2, 4, 6, 10])
        #expect(sc.name == "small")
    }

    static func commandLineProblems(_ sets: [String], scales: [String] = [], variant: String? = nil) -> [String] {
        do {
            let set = try load("variants:\n  - name: surge\n    scale: { groups.*.arrivals: 2 }\n")
            let o =
                try sets.map { t throws(InputError) in try ScenarioOverride.parse(t, scale: false) }
                + scales.map { t throws(InputError) in try ScenarioOverride.parse(t, scale: true) }
            _ = try set.scenario(variant: variant, overrides: o)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func commandLineErrors() {
        #expect(
            Self.commandLineProblems(["shelters.tirna.beds=30", "budget.totl=1"]) == [
                "command line: budget.totl: unknown field 'totl' of budget; did you mean 'total'? (fields: total, monthly)",
                "command line: shelters.tirna.beds: unknown shelter 'tirna'; did you mean 'tirana'?",
            ])
        #expect(
            Self.commandLineProblems(["shelters.tirana.beds=-1"]) == [
                "command line: shelters[0].beds: must be >= 0, got -1"
            ])
        #expect(
            Self.commandLineProblems(["shelters.tirana.beds"]) == [
                "--set: expected PATH=VALUE, e.g. shelters.tirana.beds=30, got 'shelters.tirana.beds'"
            ])
        #expect(
            Self.commandLineProblems(["shelters.tirana.beds="]) == [
                "--set: shelters.tirana.beds: a value is missing after '='"
            ])
        #expect(
            Self.commandLineProblems([], scales: ["groups.*.arrivals=x"]) == [
                "--scale: groups.*.arrivals: expected a factor (a number >= 0), got the string 'x'"
            ])
        #expect(
            Self.commandLineProblems([], variant: "surg") == [
                "--variant: unknown variant 'surg'; did you mean 'surge'? (variants: surge)"
            ])
        // On top of a variant: the variant's change, then the command line's.
        #expect(
            Self.commandLineProblems(["groups.md-women.arrivals=[1, 2]"], variant: "surge") == [
                "command line: groups[0].arrivals: expected 4 values (months: 4), got 2 (variant 'surge')"
            ])
    }

    @Test func aFileWithoutVariantsStaysValidAndHasNone() throws {
        let set = try Self.load("")
        #expect(set.variants.isEmpty)
        #expect(try set.scenario() == set.base)
        #expect(try ScenarioLoader.parse(text: Self.base, file: "small.yaml") == set.base)
    }

    // MARK: - Compare and sweep

    @Test func compareEqualsSeparatePlans() throws {
        let set = try Self.load(
            """
            variants:
              - name: fewer-beds
                set: { shelters.tirana.beds: 2, shelters.vlora.beds: 1 }
              - name: surge
                scale: { groups.*.arrivals: 2 }
              - name: budget
                set: { budget.total: 1200 }
            """)
        let planner = Planner()
        let c = try Comparison.run([set], planner: planner)
        #expect(c.options.map(\.label) == ["base", "fewer-beds", "surge", "budget"])
        for (o, sc) in zip(c.options, [set.base] + set.variants.map(\.scenario)) {
            let alone = try planner.plan(sc)
            #expect(o.result.objective == alone.objective, "\(o.label)")
            #expect(o.metrics == PlanMetrics(alone), "\(o.label)")
        }
        // Differences are to the base.
        let served = PlanMetrics.Row("served")
        #expect(c.difference(served, option: 0) == 0)
        #expect(c.difference(served, option: 2) == c.value(served, option: 2)! - c.value(served, option: 0)!)
        for i in c.options.indices {
            #expect(
                c.value(served, option: i)! + c.value(PlanMetrics.Row("unmet"), option: i)!
                    == Double(c.options[i].metrics.arrivals))
        }
        #expect(c.options[0].metrics.arrivals == 19)  // 11 + 8
        #expect(c.options[2].metrics.arrivals == 38)  // doubled
    }

    @Test func sweepAxesParse() throws {
        let a = try SweepAxis.parse("budget.total=1000:2000:250")
        #expect(a.values == [1000, 1250, 1500, 1750, 2000])
        #expect(!a.scale)
        let b = try SweepAxis.parse("groups.*.arrivals*=0.5:1:0.1")
        #expect(b.scale && b.path == "groups.*.arrivals")
        #expect(b.values == [0.5, 0.6, 0.7, 0.8, 0.9, 1])
        func problem(_ t: String) -> String {
            do { _ = try SweepAxis.parse(t); return "" } catch { return error.description }
        }
        #expect(
            problem("budget.total")
                == "--vary: expected PATH=FROM:TO:STEP (or PATH*=FROM:TO:STEP for factors), e.g. budget.total=15000:30000:2500; got 'budget.total'"
        )
        #expect(problem("budget.total=1:2") == "--vary: budget.total: expected FROM:TO:STEP (three numbers), got '1:2'")
        #expect(problem("budget.total=1:2:0") == "--vary: budget.total: STEP must be > 0, got 0")
        #expect(problem("budget.total=3:2:1") == "--vary: budget.total: TO (2) must be >= FROM (3)")
        #expect(
            problem("shelters.a.beds=1:3:0.5")
                == "--vary: shelters.a.beds: 'beds' is a count: FROM and STEP must be whole numbers")
        #expect(problem("budget.total=0:5000:1") == "--vary: budget.total: 5001 points; at most 1000 (raise STEP)")
    }

    @Test func sweepGridMatchesSeparatePlansWarmOrCold() throws {
        let set = try Self.load("")
        let axes = [
            try SweepAxis.parse("shelters.tirana.beds=0:6:3"), try SweepAxis.parse("budget.total=600:1400:400"),
        ]
        #expect(Sweeper.grid(axes).count == 9)
        #expect(
            Sweeper.solveOrder(axes).map { $0 } == [
                [0, 600], [0, 1000], [0, 1400], [3, 1400], [3, 1000], [3, 600], [6, 600], [6, 1000], [6, 1400],
            ])
        let planner = Planner()
        let warm = try Sweeper(planner: planner, warm: true).run(set, axes: axes)
        let cold = try Sweeper(planner: planner, warm: false).run(set, axes: axes)
        #expect(warm.points.map(\.values) == Sweeper.grid(axes))
        for (w, c) in zip(warm.points, cold.points) {
            let sc = try set.scenario(overrides: zip(axes, w.values).map { $0.override($1) })
            #expect(sc.shelters[0].beds == Array(repeating: Int(w.values[0]), count: 4))
            #expect(sc.budget.total == w.values[1])
            let alone = PlanMetrics(try planner.plan(sc))
            #expect(w.metrics == alone, "\(w.values)")
            #expect(c.metrics == alone, "\(c.values)")
        }
        // More beds or more money never leave more people unmet.
        let unmet = warm.points.map { $0.metrics.objective!.unmet }
        for i in 0..<3 {
            for j in 0..<3 {
                if i < 2 { #expect(unmet[i * 3 + j] >= unmet[(i + 1) * 3 + j]) }
                if j < 2 { #expect(unmet[i * 3 + j] >= unmet[i * 3 + j + 1]) }
            }
        }
        #expect(unmet[0] > unmet[8])
    }

    /// Each variant of the shipped albania-2001.yaml, planned by iars, has the objective
    /// values of the reference on the same variant applied by scripts/variant-reference.py
    /// (Fixtures/README.md).
    @Test(.tags(.slow)) func shippedVariantsMatchTheReference() throws {
        let data = try Data(contentsOf: TestFiles.fixtures.appendingPathComponent("variants-expected.json"))
        let expected = try JSONDecoder().decode([String: PlannerReferenceTests.Expected].self, from: data)
        let path = TestFiles.path("scenarios/albania-2001.yaml")
        let set = try ScenarioLoader.loadSet(path: path)
        #expect(Set(set.variantNames) == Set(expected.keys))
        #expect(set.variants.count >= 3)
        for v in set.variants {
            let exp = try #require(expected[v.name])
            let r = try Planner().plan(v.scenario)
            #expect(r.status.rawValue == exp.status, "\(v.name)")
            let o = try #require(r.objective)
            let e = try #require(exp.objective)
            PlannerReferenceTests.expectSameObjective(o, e, v.name)
        }
    }

    @Test func sweepReportsForTwoParameters() throws {
        let set = try Self.load("")
        let axes = [try SweepAxis.parse("shelters.tirana.beds=0:6:6"), try SweepAxis.parse("groups.*.arrivals*=1:2:1")]
        let r = try Sweeper(planner: Planner()).run(set, axes: axes)
        let table = SweepTable.render(r)
        #expect(
            table.hasPrefix(
                "iars sweep: small, 4 points\n  shelters.tirana.beds: 0 to 6 (2 values)\n  groups.*.arrivals x: 1 to 2 (2 values)\n"
            ))
        #expect(table.contains("Charts: rows shelters.tirana.beds, columns groups.*.arrivals x;"))
        #expect(table.contains("  shelters.tirana.beds \\ groups.*.arrivals x"))
        let csv = SweepCSV.render(r).split(separator: "\n")
        #expect(csv.first == "point,shelters.tirana.beds,groups.*.arrivals*,metric,key,value")
        #expect(csv.contains("4,6,2,status,optimal,"))
        let json = SweepJSON.render(r)
        #expect(json.contains("\"schema\": \"iars.sweep/1\""))
        #expect(r.points.map(\.values) == [[0, 1], [0, 2], [6, 1], [6, 2]])
        // Doubling the arrivals doubles them, month by month.
        #expect(r.points[1].metrics.arrivals == 2 * r.points[0].metrics.arrivals)
    }

    @Test func warmStartIsUsedOnlyWhenItFits() throws {
        let set = try Self.load("")
        let planner = Planner()
        let a = try planner.plan(set.base, warmStart: nil)
        let start = try #require(a.warmStart)
        // Same scenario from its own plan; then a tighter one that the plan violates.
        let again = try planner.plan(set.base, warmStart: start)
        #expect(again.result.objective == a.result.objective)
        let tight = try set.scenario(overrides: [try ScenarioOverride.parse("shelters.tirana.beds=1", scale: false)])
        #expect(try planner.plan(tight, warmStart: start).result.objective == (try planner.plan(tight)).objective)
    }
}
