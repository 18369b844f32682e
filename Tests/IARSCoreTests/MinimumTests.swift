import Foundation
import Testing

@testable import IARSCore

/// `iars plan --minimum`: hand-worked amounts, the agreement with a sweep of the same
/// capacity, and the checks of the flag's text.
@Suite struct MinimumTests {
    /// PlannerTests' hand-worked scenario: 3 arrive in month 1, 2 beds, one departure of 2
    /// seats a month from month 2.
    static let hand = PlannerTests.base

    static func minimum(_ text: String, _ target: String, file: String = "hand.yaml") throws -> MinimumResult {
        let scenario = try ScenarioLoader.parse(text: text, file: file)
        let t = try CapacityTarget.parse(target)
        try t.check(in: scenario)
        return try Planner().minimum(scenario, target: t)
    }

    /// With beds unlimited all 3 are admitted (unmet 0). Month 1 needs (0 + 3) / 2 = 1.5
    /// beds; month 2 at least one stays (2 seats), (3 + 1) / 2 = 2: 2 beds. (1 bed: month 1
    /// admits 2, unmet 1.) Departures: with none, the 2 beds hold (3 + 3) / 2 = 3 > 2 in
    /// month 2, so one must go unmet; one departure serves everyone. Slots: the two returns
    /// of month 2. Budget: PlannerTests' plan, 177.50, the cheapest that serves everyone.
    @Test(arguments: [
        ("beds:tirana", 2.0), ("departures:bus", 1), ("slots:partner", 2), ("budget", 177.5),
    ])
    func handWorked(target: String, amount: Double) throws {
        let m = try Self.minimum(Self.hand, target)
        #expect(m.status == .optimal)
        #expect(m.unmet == 0)
        #expect(abs((m.amount ?? -1) - amount) < 1e-6)
        #expect(m.plan.objective?.unmet == 0)
        #expect(m.plan.objective?.waiting == 1)
    }

    /// The plan at the amount is the scenario's plan with the capacity set: beds 2 in
    /// every month is the hand scenario itself.
    @Test func planAtTheAmountIsTheScenariosPlan() throws {
        let m = try Self.minimum(Self.hand, "beds:tirana")
        let plain = try PlannerTests.plan(Self.hand)
        #expect(m.scenario.shelters[0].beds == [2, 2])
        #expect(m.plan.objective == plain.objective)
        #expect(m.plan.months.map(\.returned) == plain.months.map(\.returned))
    }

    /// The amount caps the capacity in every month: with 5 beds written in month 1 and 0 in
    /// month 2, the minimum is still 2 in both (spec: the same in every month).
    @Test func theAmountIsTheSameInEveryMonth() throws {
        let text = Self.hand.replacingOccurrences(of: "beds: 2,", with: "beds: [5, 0],")
        let m = try Self.minimum(text, "beds:tirana")
        #expect(m.amount == 2)
        #expect(m.scenario.shelters[0].beds == [2, 2])
    }

    @Test func textOfTheFlag() throws {
        #expect(try CapacityTarget.parse("budget") == .budget)
        #expect(try CapacityTarget.parse("beds:tirana") == .beds(shelter: "tirana"))
        #expect(try CapacityTarget.parse("departures:bus").path == "routes.bus.departures")
        #expect(try CapacityTarget.parse("slots:p").path == "partners.p.slots")
        let cases: [(String, String)] = [
            (
                "bed:tirana",
                "--minimum: unknown capacity 'bed'; did you mean 'beds'? (expected budget, beds:SHELTER, departures:ROUTE or slots:PARTNER)"
            ),
            (
                "beds",
                "--minimum: beds needs an id: beds:ID (expected budget, beds:SHELTER, departures:ROUTE or slots:PARTNER)"
            ),
            ("budget:x", "--minimum: budget takes no id (the total budget); got 'budget:x'"),
        ]
        for (text, message) in cases {
            #expect(throws: InputError.self) { try CapacityTarget.parse(text) }
            do { _ = try CapacityTarget.parse(text) } catch { #expect(error.description == message) }
        }
    }

    @Test func unknownIdsGetADidYouMean() throws {
        let scenario = try ScenarioLoader.parse(text: Self.hand, file: "hand.yaml")
        let cases: [(CapacityTarget, String)] = [
            (
                .beds(shelter: "tirna"),
                "--minimum: shelters.tirna.beds: unknown shelter 'tirna'; did you mean 'tirana'?"
            ),
            (
                .departures(route: "train"),
                "--minimum: routes.train.departures: unknown route 'train' (the scenario's routes: bus)"
            ),
        ]
        for (target, message) in cases {
            do {
                try target.check(in: scenario)
                Issue.record("no error for \(target)")
            } catch { #expect(error.description == message) }
        }
    }
}

/// `--minimum` agrees with a fine sweep of the same capacity: the smallest swept value
/// whose plan reaches the unmet of the capacity unlimited is the minimum. Counts are swept
/// and the budget by 1 around the amount (the budget's sweep reaches at its ceiling); below the
/// swept range more capacity never raises the unmet, so the range decides.
@Suite struct MinimumSweepTests {
    static let fixtures: [(file: String, target: String)] = [
        ("g01-s01-m03-seed1-r1-budget", "beds:tirana"),
        ("g01-s01-m03-seed1-r1-budget", "slots:md-partner-1"),
        ("g01-s01-m03-seed1-r1-budget", "budget"),
        ("g01-s02-m06-seed1-initial", "beds:durres"),
        ("g02-s02-m06-seed1-r1-lp", "beds:tirana"),
        ("g02-s02-m06-seed1-r1-lp", "departures:tirana-chisinau-bus"),
        ("g02-s02-m06-seed1-r1-lp", "slots:md-partner-1"),
        ("g03-s01-m12-seed1-budget-initial", "budget"),
        ("g03-s01-m12-seed1-budget-initial", "beds:tirana"),
    ]

    /// The amounts, as found on 2026-12-06 (and checked by the sweep below).
    static let amounts: [String: Double] = [
        "g01-s01-m03-seed1-r1-budget beds:tirana": 17, "g01-s01-m03-seed1-r1-budget slots:md-partner-1": 7,
        "g01-s01-m03-seed1-r1-budget budget": 17489.85, "g01-s02-m06-seed1-initial beds:durres": 20,
        "g02-s02-m06-seed1-r1-lp beds:tirana": 55, "g02-s02-m06-seed1-r1-lp departures:tirana-chisinau-bus": 2,
        "g02-s02-m06-seed1-r1-lp slots:md-partner-1": 16, "g03-s01-m12-seed1-budget-initial budget": 235555.18,
        "g03-s01-m12-seed1-budget-initial beds:tirana": 26,
    ]

    @Test(arguments: fixtures.map { "\($0.file) \($0.target)" })
    func agreesWithASweep(_ name: String) throws {
        let parts = name.split(separator: " ").map(String.init)
        let path = TestFiles.fixtures.appendingPathComponent("generated/\(parts[0]).yaml").path
        let set = try ScenarioLoader.loadSet(path: path)
        #expect(try Self.check(set, parts[1]) == Self.amounts[name])
    }

    /// The hand-written scenario of MinimumTests, each of the four kinds.
    @Test(arguments: ["beds:tirana", "departures:bus", "slots:partner", "budget"])
    func handWrittenAgreesWithASweep(_ target: String) throws {
        let set = try ScenarioLoader.parseSet(text: MinimumTests.hand, file: "hand.yaml")
        _ = try Self.check(set, target)
    }

    /// Finds the minimum of `target` in `set`'s base scenario, sweeps the capacity around it
    /// and expects the smallest swept value that reaches its unmet to be the minimum (its
    /// ceiling for the budget). Returns the minimum.
    static func check(_ set: ScenarioSet, _ text: String) throws -> Double? {
        let target = try CapacityTarget.parse(text)
        let m = try Planner().minimum(try set.scenario(), target: target)
        let amount = try #require(m.amount), unmet = try #require(m.unmet)
        #expect(m.status == .optimal)
        // (the budget by whole units: its rows hold to GLPK's tolerance, 1e-7 relative, 2.4
        // cents at 235,555, finer than the contract's 1e-6 but coarser than a cent)
        let values = (-3...2).map { amount.rounded(.down) + Double($0) }.filter { $0 >= 0 }
        let axis = SweepAxis(path: target.path, scale: false, values: values)
        let sweep = try Sweeper(planner: Planner(), warm: false).run(set, axes: [axis])
        let reaching = sweep.points.first { p in
            p.metrics.objective.map { abs($0.unmet - unmet) <= 1e-6 * max(1, abs(unmet)) } ?? false
        }
        #expect(reaching?.values == [(amount - 1e-9 * amount).rounded(.up)])
        #expect(m.plan.objective.map { abs($0.unmet - unmet) <= 1e-6 * max(1, abs(unmet)) } == true)
        return amount
    }
}
