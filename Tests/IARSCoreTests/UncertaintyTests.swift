import Foundation
import Testing

@testable import IARSCore

/// The `uncertainty:` and `buy:` keys (spec/uncertainty.md) and `applying(purchase:)`.
@Suite struct UncertaintyTests {
    static let head = """
        name: t
        start: 2001-01
        months: 2
        groups:
          - { id: md-women, country: MD, arrivals: 4, processing_months: 1 }
          - { id: ro-women, country: RO, arrivals: [1, 2], processing_months: 1 }
        shelters:
          - { id: tirana, beds: 10, bed_night_cost: 10 }
        medical:
          - { id: clinic, slots: 10, cost_per_screening: 30 }
        routes:
          - { id: md-bus, country: MD, seats_per_departure: 6, departures: 2, cost_per_seat: 90 }
        partners:
          - { id: md-partner, country: MD, slots: 8, cost_per_case: 150 }
        budget: { total: 10000 }

        """

    static func problems(_ tail: String) -> [String] {
        do {
            _ = try ScenarioLoader.parse(text: head + tail, file: "s.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test("the spec's example sections read, with defaults")
    func reads() throws {
        let s = try ScenarioLoader.parse(
            text: Self.head + """
                uncertainty:
                  arrivals: negative-binomial
                  dispersion: 4
                  surges:
                    - { groups: [md-women, ro-women], probability: 0.05, size: [5, 15] }
                buy:
                  - { id: annex, shelter: tirana, beds: 10, cost: 4000, max: 2 }
                  - { id: charter, route: md-bus, departures: 1, cost: 900, max: 3 }
                  - { id: partner-plus, partner: md-partner, slots: 2, cost: 600 }
                  - { id: clinic-hours, medical: clinic, slots: 10, cost: 800 }
                """, file: "s.yaml")
        #expect(
            s.uncertainty
                == Uncertainty(
                    arrivals: .negativeBinomial, dispersion: 4,
                    surges: [Surge(groups: ["md-women", "ro-women"], probability: 0.05, sizeLow: 5, sizeHigh: 15)],
                    futures: 200, seed: 1))
        #expect(
            s.buy == [
                BuyOption(id: "annex", kind: .shelter, target: "tirana", amount: 10, cost: 4000, max: 2),
                BuyOption(id: "charter", kind: .route, target: "md-bus", amount: 1, cost: 900, max: 3),
                BuyOption(id: "partner-plus", kind: .partner, target: "md-partner", amount: 2, cost: 600, max: 1),
                BuyOption(id: "clinic-hours", kind: .medical, target: "clinic", amount: 10, cost: 800, max: 1),
            ])
        let plain = try ScenarioLoader.parse(text: Self.head, file: "s.yaml")
        #expect(plain.uncertainty == nil && plain.buy.isEmpty)
        let empty = try ScenarioLoader.parse(text: Self.head + "uncertainty: {}\n", file: "s.yaml")
        #expect(empty.uncertainty == Uncertainty(arrivals: .poisson, futures: 200, seed: 1))
    }

    @Test("every problem of both sections at once, file:line:key path")
    func problems() {
        let found = Self.problems(
            """
            uncertainty:
              arrivals: negativ-binomial
              futures: 0
              seed: -1
              surges:
                - { groups: [md-wemen], probability: 1.5, size: [9, 3] }
                - { groups: [], probability: 0.1, size: 4 }
              wobble: 1
            buy:
              - { id: annex, shelter: tirana, beds: 0, cost: -1 }
              - { id: annex, shelter: tirana, slots: 3, beds: 2, cost: 1, max: 0 }
              - { id: two, shelter: tirana, route: md-bus, beds: 1, cost: 1 }
              - { id: none, cost: 1 }
              - { id: bus, route: md-buss, cost: 1 }
            """)
        #expect(
            found == [
                "s.yaml:17: uncertainty.arrivals: unknown distribution 'negativ-binomial'; did you mean 'negative-binomial'? (allowed: poisson, negative-binomial)",
                "s.yaml:18: uncertainty.futures: must be >= 1, got 0",
                "s.yaml:19: uncertainty.seed: must be >= 0, got -1",
                "s.yaml:21: uncertainty.surges[0].groups[0]: unknown group 'md-wemen'; did you mean 'md-women'?",
                "s.yaml:21: uncertainty.surges[0].probability: must be <= 1 (a probability), got 1.5",
                "s.yaml:21: uncertainty.surges[0].size: HIGH (3) must be >= LOW (9)",
                "s.yaml:22: uncertainty.surges[1].groups: at least one group is required",
                "s.yaml:22: uncertainty.surges[1].size: expected [LOW, HIGH] (two whole numbers), got the number 4",
                "s.yaml:23: uncertainty.wobble: unknown key (allowed: arrivals, dispersion, surges, futures, seed)",
                "s.yaml:25: buy[0].beds: must be >= 1, got 0",
                "s.yaml:25: buy[0].cost: must be >= 0, got -1",
                "s.yaml:26: buy[1].id: duplicate buy option id 'annex' (first at line 25)",
                "s.yaml:26: buy[1].max: must be >= 1, got 0",
                "s.yaml:26: buy[1].slots: a shelter option takes 'beds', not 'slots' (shelter + beds, route + departures, partner + slots, or medical + slots)",
                "s.yaml:27: buy[2]: a buy option names 2 capacities; give exactly one: shelter + beds, route + departures, partner + slots, or medical + slots",
                "s.yaml:28: buy[3]: a buy option names no capacity; give exactly one: shelter + beds, route + departures, partner + slots, or medical + slots",
                "s.yaml:29: buy[4].departures: required key is missing (a route option adds 'departures')",
                "s.yaml:29: buy[4].route: unknown route 'md-buss'; did you mean 'md-bus'?",
            ])
    }

    @Test("dispersion belongs to the negative binomial only")
    func dispersion() {
        #expect(
            Self.problems("uncertainty: { arrivals: poisson, dispersion: 2 }\n") == [
                "s.yaml:16: uncertainty.dispersion: only for 'arrivals: negative-binomial' (Poisson has no dispersion)"
            ])
        #expect(
            Self.problems("uncertainty: { arrivals: negative-binomial }\n") == [
                "s.yaml:16: uncertainty.dispersion: 'arrivals: negative-binomial' needs 'dispersion' (k > 0)"
            ])
        #expect(
            Self.problems("uncertainty: { arrivals: negative-binomial, dispersion: 0 }\n") == [
                "s.yaml:16: uncertainty.dispersion: must be > 0, got 0"
            ])
    }

    @Test("a purchase adds its blocks to the capacities and takes its cost off budget.total")
    func purchase() throws {
        let s = try ScenarioLoader.load(path: TestFiles.fixtures.appendingPathComponent("futures/small.yaml").path)
        let bought = try s.applying(purchase: ["annex": 2, "charter": 1, "clinic-hours": 1, "partner-plus": 0])
        #expect(bought.shelters[0].beds == Array(repeating: 20, count: 6))
        #expect(bought.routes.map(\.departures) == [Array(repeating: 3, count: 6), Array(repeating: 1, count: 6)])
        #expect(bought.medical[0].slots == Array(repeating: 30, count: 6))
        #expect(bought.partners.map(\.slots) == s.partners.map(\.slots))
        #expect(bought.budget.total == Optional(12_700.0))  // 20000 - 2 x 3000 - 500 - 800
        #expect(s.purchaseCost(["annex": 2, "charter": 1, "clinic-hours": 1]) == 7300)
        #expect(try s.applying(purchase: [:]) == s)
    }

    @Test("a wrong purchase names --buy")
    func wrongPurchase() throws {
        let s = try ScenarioLoader.load(path: TestFiles.fixtures.appendingPathComponent("futures/small.yaml").path)
        #expect(
            throws: InputError([
                Diagnostic(
                    file: "--buy", line: nil, path: "anex",
                    message:
                        "unknown buy option 'anex'; did you mean 'annex'? (options: annex, charter, partner-plus, clinic-hours)"
                ),
                Diagnostic(
                    file: "--buy", line: nil, path: "charter", message: "blocks must be 0...3 (the option's max), got 4"
                ),
            ])
        ) {
            try s.applying(purchase: ["anex": 1, "charter": 4])
        }
        var poor = s
        poor.budget.total = 1000
        #expect(
            throws: InputError([
                Diagnostic(
                    file: "--buy", line: nil, path: "",
                    message: "the purchase costs 6000, more than budget.total (1000)")
            ])
        ) {
            try poor.applying(purchase: ["annex": 2])
        }
    }
}
