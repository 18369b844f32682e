import Foundation
import Testing

@testable import IARSCore

/// Plans from the caseload (`iars plan --caseload --as-of --spent`, docs/caseload-plan.md):
/// a plan from a caseload against the same scenario written by hand with the
/// equivalent `initial`, arrivals and budget; the as-of month's arrivals; the errors.
@Suite struct CaseloadStartTests {
    /// Four months from 2001-03; vlora takes women only.
    static let base = """
        name: caseload-test
        start: 2001-03
        months: 4
        groups:
          - { id: md-women, country: MD, arrivals: [4, 6, 3, 2], processing_months: 1,
              initial: [{ shelter: tirana, count: 5, ready_month: 1 }] }
          - { id: md-minors, country: MD, arrivals: [2, 3, 1, 1], processing_months: 2, priority: 3 }
        shelters:
          - { id: tirana, beds: [6, 7, 6, 6], bed_night_cost: 2 }
          - { id: vlora, beds: [3, 4, 4, 3], bed_night_cost: 1.5, accepts: [md-women] }
        medical:
          - { id: clinic, slots: [5, 4, 5, 5], cost_per_screening: 5 }
        routes:
          - { id: bus, country: MD, seats_per_departure: 3, departures: [1, 2, 1, 2],
              cost_per_seat: 10, cost_per_departure: 100 }
        partners:
          - { id: partner, country: MD, slots: [3, 4, 2, 4], cost_per_case: 20 }
        budget: { total: 9000, monthly: [3000, 2500, 2600, 2700] }
        """

    static let header = "case_id,group,shelter,ready_date,escort\n"

    static func scenario(_ text: String) throws -> Scenario {
        try ScenarioLoader.parse(text: text, file: "hand.yaml")
    }

    /// The base scenario started from `csv` on `asOf`.
    static func started(_ csv: String, asOf: String, spent: Double? = nil) throws -> Scenario {
        let base = try scenario(Self.base)
        let read = CaseloadReader.parse(text: csv, file: "cases.csv", scenario: base)
        #expect(read.diagnostics.isEmpty, "\(read.diagnostics)")
        let start = CaseloadStart(
            asOf: try #require(CalendarDate(asOf)), cases: read.cases, casesFile: "cases.csv", spent: spent)
        return try base.starting(from: start, file: "hand.yaml")
    }

    /// Plans both and expects the same three objective values.
    static func expectSamePlan(_ fromCaseload: Scenario, _ byHand: String) throws {
        let hand = try scenario(byHand)
        #expect(fromCaseload.start == hand.start && fromCaseload.months == hand.months)
        let a = try Planner().plan(fromCaseload)
        let b = try Planner().plan(hand)
        let oa = try #require(a.objective)
        let ob = try #require(b.objective)
        #expect(oa.unmet == ob.unmet)
        #expect(oa.waiting == ob.waiting)
        #expect(abs(oa.cost - ob.cost) < 1e-6)
    }

    // MARK: - Plans equal to the scenario written by hand

    /// As of 2001-04-11: April has 30 days, 20 left (the 11th included): women 6 * 20 / 30 = 4,
    /// minors 3 * 20 / 30 = 2. Cases ready on or before the as-of date (or in March) are ready
    /// in month 1; one ready 2001-05-20 in month 2; one ready 2001-07-02 in month 4, beyond the plan.
    @Test func casesReadyAndNotYetReady() throws {
        let csv =
            Self.header + """
                A,md-women,tirana,2001-04-01,no
                B,md-women,vlora,2001-03-15,no
                C,md-minors,tirana,2001-05-20,yes
                D,md-women,tirana,2001-07-02,no
                E,md-women,tirana,2001-04-11,no
                F,md-women,tirana,2001-04-25,no
                G,md-minors,tirana,2001-05-01,no

                """
        let started = try Self.started(csv, asOf: "2001-04-11")
        try Self.expectSamePlan(
            started,
            """
            name: caseload-test
            start: 2001-04
            months: 3
            groups:
              - { id: md-women, country: MD, arrivals: [4, 3, 2], processing_months: 1,
                  initial: [{ shelter: vlora, count: 1, ready_month: 1 },
                            { shelter: tirana, count: 3, ready_month: 1 },
                            { shelter: tirana, count: 1, ready_month: 4 }] }
              - { id: md-minors, country: MD, arrivals: [2, 1, 1], processing_months: 2, priority: 3,
                  initial: [{ shelter: tirana, count: 2, ready_month: 2 }] }
            shelters:
              - { id: tirana, beds: [7, 6, 6], bed_night_cost: 2 }
              - { id: vlora, beds: [4, 4, 3], bed_night_cost: 1.5, accepts: [md-women] }
            medical:
              - { id: clinic, slots: [4, 5, 5], cost_per_screening: 5 }
            routes:
              - { id: bus, country: MD, seats_per_departure: 3, departures: [2, 1, 2],
                  cost_per_seat: 10, cost_per_departure: 100 }
            partners:
              - { id: partner, country: MD, slots: [4, 2, 4], cost_per_case: 20 }
            budget: { total: 9000, monthly: [2500, 2600, 2700] }
            """)
        let women = try #require(started.groups.first)
        #expect(
            women.initial == [
                InitialCases(shelter: "tirana", count: 3, readyMonth: 1),
                InitialCases(shelter: "tirana", count: 1, readyMonth: 4),
                InitialCases(shelter: "vlora", count: 1, readyMonth: 1),
            ])
    }

    /// An empty caseload (the header only) on the first day of the scenario: the whole
    /// horizon, every arrival of month 1, no initial cases (the file's 5 are replaced).
    @Test func emptyCaseloadOnTheFirstDay() throws {
        let started = try Self.started(Self.header, asOf: "2001-03-01")
        #expect(started.groups.allSatisfy { $0.initial.isEmpty })
        try Self.expectSamePlan(
            started,
            """
            name: caseload-test
            start: 2001-03
            months: 4
            groups:
              - { id: md-women, country: MD, arrivals: [4, 6, 3, 2], processing_months: 1 }
              - { id: md-minors, country: MD, arrivals: [2, 3, 1, 1], processing_months: 2, priority: 3 }
            shelters:
              - { id: tirana, beds: [6, 7, 6, 6], bed_night_cost: 2 }
              - { id: vlora, beds: [3, 4, 4, 3], bed_night_cost: 1.5, accepts: [md-women] }
            medical:
              - { id: clinic, slots: [5, 4, 5, 5], cost_per_screening: 5 }
            routes:
              - { id: bus, country: MD, seats_per_departure: 3, departures: [1, 2, 1, 2],
                  cost_per_seat: 10, cost_per_departure: 100 }
            partners:
              - { id: partner, country: MD, slots: [3, 4, 2, 4], cost_per_case: 20 }
            budget: { total: 9000, monthly: [3000, 2500, 2600, 2700] }
            """)
    }

    /// As of 2001-06-16, the last month: June has 30 days, 15 left: women 2 * 15 / 30 = 1,
    /// minors 1 * 15 / 30 = 0.5, rounded up to 1. 2000 of the 9000 already spent.
    @Test func lastMonthWithSpent() throws {
        let csv =
            Self.header + """
                A,md-women,vlora,2001-06-01,no
                B,md-minors,tirana,2001-06-16,no
                C,md-minors,tirana,2001-06-17,no
                D,md-women,tirana,2001-08-30,no

                """
        let started = try Self.started(csv, asOf: "2001-06-16", spent: 2000)
        #expect(started.budget.total == 7000)
        try Self.expectSamePlan(
            started,
            """
            name: caseload-test
            start: 2001-06
            months: 1
            groups:
              - { id: md-women, country: MD, arrivals: [1], processing_months: 1,
                  initial: [{ shelter: tirana, count: 1, ready_month: 3 }, { shelter: vlora, count: 1, ready_month: 1 }] }
              - { id: md-minors, country: MD, arrivals: [1], processing_months: 2, priority: 3,
                  initial: [{ shelter: tirana, count: 2, ready_month: 1 }] }
            shelters:
              - { id: tirana, beds: [6], bed_night_cost: 2 }
              - { id: vlora, beds: [3], bed_night_cost: 1.5, accepts: [md-women] }
            medical:
              - { id: clinic, slots: [5], cost_per_screening: 5 }
            routes:
              - { id: bus, country: MD, seats_per_departure: 3, departures: [2],
                  cost_per_seat: 10, cost_per_departure: 100 }
            partners:
              - { id: partner, country: MD, slots: [4], cost_per_case: 20 }
            budget: { total: 7000, monthly: [2700] }
            """)
    }

    /// As of 2001-05-31, the last day of May (31 days, 1 left): women 3 * 1 / 31 rounds to 0,
    /// minors 1 / 31 to 0. A full shelter: the budget binds the plan.
    @Test func lastDayOfAMonthWithATightBudget() throws {
        let csv =
            Self.header + """
                A,md-women,tirana,2001-05-01,no
                B,md-women,tirana,2001-05-01,no
                C,md-women,tirana,2001-06-10,no
                D,md-minors,tirana,2001-05-02,no
                E,md-women,vlora,2001-05-31,no
                F,md-women,vlora,2001-06-01,no

                """
        let started = try Self.started(csv, asOf: "2001-05-31", spent: 8200)
        try Self.expectSamePlan(
            started,
            """
            name: caseload-test
            start: 2001-05
            months: 2
            groups:
              - { id: md-women, country: MD, arrivals: [0, 2], processing_months: 1,
                  initial: [{ shelter: tirana, count: 2, ready_month: 1 }, { shelter: tirana, count: 1, ready_month: 2 },
                            { shelter: vlora, count: 1, ready_month: 1 }, { shelter: vlora, count: 1, ready_month: 2 }] }
              - { id: md-minors, country: MD, arrivals: [0, 1], processing_months: 2, priority: 3,
                  initial: [{ shelter: tirana, count: 1, ready_month: 1 }] }
            shelters:
              - { id: tirana, beds: [6, 6], bed_night_cost: 2 }
              - { id: vlora, beds: [4, 3], bed_night_cost: 1.5, accepts: [md-women] }
            medical:
              - { id: clinic, slots: [5, 5], cost_per_screening: 5 }
            routes:
              - { id: bus, country: MD, seats_per_departure: 3, departures: [1, 2],
                  cost_per_seat: 10, cost_per_departure: 100 }
            partners:
              - { id: partner, country: MD, slots: [2, 4], cost_per_case: 20 }
            budget: { total: 800, monthly: [2600, 2700] }
            """)
    }

    // MARK: - The as-of month's arrivals

    /// round(arrivals * daysLeft / daysInMonth), halves up.
    @Test func remainingArrivalsRoundHalfUp() {
        let r = CaseloadStart.remainingArrivals
        #expect(r(6, 20, 30) == 4)  // 4 exactly
        #expect(r(5, 15, 30) == 3)  // 2.5 -> 3
        #expect(r(3, 15, 30) == 2)  // 1.5 -> 2
        #expect(r(3, 5, 30) == 1)  // 0.5 -> 1
        #expect(r(1, 15, 31) == 0)  // 0.48 -> 0
        #expect(r(1, 16, 31) == 1)  // 0.52 -> 1
        #expect(r(10, 15, 29) == 5)  // 5.17 -> 5 (February 2004)
        #expect(r(7, 31, 31) == 7)  // the whole month
        #expect(r(3, 1, 31) == 0)  // 0.10 -> 0
        #expect(r(0, 10, 30) == 0)
        #expect(r(1000, 10, 31) == 323)  // 322.58 -> 323
    }

    @Test func asOfMonthArrivalsInTheScenario() throws {
        // April 2001: 30 days; as of the 16th, 15 left: 6 -> 3, 3 -> 1.5 -> 2.
        let s = try Self.started(Self.header, asOf: "2001-04-16")
        #expect(s.groups.map(\.arrivals) == [[3, 3, 2], [2, 1, 1]])
        #expect(s.shelters.map(\.beds) == [[7, 6, 6], [4, 4, 3]])
        #expect(s.budget.monthly == [2500, 2600, 2700])
    }

    // MARK: - Errors

    static func error(_ csv: String = header, asOf: String, spent: Double? = nil, base: String = base) throws
        -> String?
    {
        let scenario = try scenario(base)
        let read = CaseloadReader.parse(text: csv, file: "cases.csv", scenario: scenario)
        let start = CaseloadStart(
            asOf: try #require(CalendarDate(asOf)), cases: read.cases, casesFile: "cases.csv", spent: spent)
        do {
            _ = try scenario.starting(from: start, file: "hand.yaml")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func asOfOutsideTheHorizon() throws {
        #expect(
            try Self.error(asOf: "2001-07-01")
                == "hand.yaml: --as-of 2001-07-01 is outside the horizon of the scenario (2001-03 to 2001-06)")
        #expect(
            try Self.error(asOf: "2001-02-28")
                == "hand.yaml: --as-of 2001-02-28 is outside the horizon of the scenario (2001-03 to 2001-06)")
        #expect(try Self.error(asOf: "2001-06-30") == nil)
    }

    @Test func spentErrors() throws {
        #expect(
            try Self.error(asOf: "2001-03-01", spent: 9000.5)
                == "hand.yaml: budget.total: --spent 9000.5 is more than budget.total (9000)")
        #expect(
            try Self.error(asOf: "2001-03-01", spent: -1)
                == "hand.yaml: budget.total: --spent must be 0 or more, got -1")
        let noTotal = Self.base.replacingOccurrences(of: "budget: { total: 9000, monthly:", with: "budget: { monthly:")
        #expect(
            try Self.error(asOf: "2001-03-01", spent: 10, base: noTotal)
                == "hand.yaml: budget.total: --spent needs a budget.total to take it from, and the scenario has none")
        #expect(try Self.error(asOf: "2001-03-01", spent: 9000) == nil)
    }

    /// Named by file, row and column; the case id (`SECRET1`) never appears.
    @Test func shelterNotAcceptingTheGroup() throws {
        let csv =
            Self.header + """
                A1,md-women,vlora,2001-03-01,no
                SECRET1,md-minors,vlora,2001-03-01,no

                """
        let message = try #require(try Self.error(csv, asOf: "2001-03-10"))
        #expect(message == "cases.csv:3: shelter: shelter 'vlora' does not accept group 'md-minors'")
        #expect(!message.contains("SECRET1"))
    }
}
