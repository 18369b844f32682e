import Foundation
import Testing

@testable import IARSCore

/// Small plans worked out by hand.
@Suite struct PlannerTests {
    static let base = """
        name: hand
        start: 2001-01
        months: 2
        groups:
          - { id: md, country: MD, arrivals: [3, 0], processing_months: 1 }
        shelters:
          - { id: tirana, beds: 2, bed_night_cost: 1 }
        medical:
          - { id: clinic, slots: 10, cost_per_screening: 5 }
        routes:
          - { id: bus, country: MD, seats_per_departure: 2, departures: 1, cost_per_seat: 10 }
        partners:
          - { id: partner, country: MD, slots: 5, cost_per_case: 20 }

        """

    static func plan(_ text: String) throws -> PlanResult {
        let scenario = try ScenarioLoader.parse(text: text, file: "hand.yaml")
        return try Planner().plan(scenario)
    }

    /// Month 1: 3 arrive; beds allow (0 + occ1) / 2 <= 2, so all 3 are admitted.
    /// Month 2: one departure of 2 seats; beds need (3 + occ2) / 2 <= 2, so occ2 <= 1:
    /// exactly 2 return, 1 waits (ready since month 2). Cost: shelter 31 * 1.5 + 28 * 2 = 102.5,
    /// screening 3 * 5 = 15, seats 2 * 10 = 20, partner 2 * 20 = 40: 177.5.
    @Test func handWorkedPlan() throws {
        let r = try Self.plan(Self.base)
        #expect(r.status == .optimal)
        #expect(r.objective == .init(unmet: 0, waiting: 1, cost: 177.5))
        #expect(r.months.map(\.admitted) == [3, 0])
        #expect(r.months.map(\.returned) == [0, 2])
        #expect(r.months.map(\.inShelter) == [3, 1])
        let expectedCosts: [Double] = [61.5, 116]
        #expect(r.months.map(\.cost) == expectedCosts)
        #expect(r.routes[0].months.map(\.departures) == [0, 1])
    }

    /// Two groups of one country share a shelter: the model decides returns per shelter
    /// and country, and the split back to groups sends home whoever was ready first.
    /// a's case (admitted in month 1) is ready in month 2, b's (month 2) in month 3; one
    /// seat a month: a's case goes in month 2, b's in month 3, nobody waits.
    @Test func returnsOfOneCountryGoFirstReadyFirst() throws {
        let text = """
            name: fifo
            start: 2001-01
            months: 3
            groups:
              - { id: a, country: MD, arrivals: [1, 0, 0], processing_months: 1 }
              - { id: b, country: MD, arrivals: [0, 1, 0], processing_months: 1 }
            shelters:
              - { id: tirana, beds: 5, bed_night_cost: 1 }
            medical:
              - { id: clinic, slots: 10, cost_per_screening: 0 }
            routes:
              - { id: bus, country: MD, seats_per_departure: 1, departures: 1, cost_per_seat: 0 }
            partners:
              - { id: partner, country: MD, slots: 5, cost_per_case: 0 }

            """
        let r = try Self.plan(text)
        #expect(r.status == .optimal)
        #expect(r.objective?.unmet == 0 && r.objective?.waiting == 0)
        #expect(r.groups.map(\.id) == ["a", "b"])
        #expect(r.groups[0].months.map(\.returned) == [0, 1, 0])
        #expect(r.groups[1].months.map(\.returned) == [0, 0, 1])
        #expect(r.groups.flatMap { $0.months.map(\.waiting) } == [0, 0, 0, 0, 0, 0])
    }

    /// The split on its own: a class of two groups (ready from months 1 and 2) with 3
    /// returns in month 2 sends a's two cases and one of b's; b's second goes in month 3.
    @Test func pairReturnsSplitFirstReadyFirst() throws {
        let text = """
            name: split
            start: 2001-01
            months: 3
            groups:
              - { id: a, country: MD, arrivals: 0, processing_months: 1,
                  initial: [{ shelter: tirana, count: 2, ready_month: 1 }] }
              - { id: b, country: MD, arrivals: 0, processing_months: 1,
                  initial: [{ shelter: tirana, count: 2, ready_month: 2 }] }
            shelters:
              - { id: tirana, beds: 5, bed_night_cost: 1 }
            medical:
              - { id: clinic, slots: 10, cost_per_screening: 0 }
            routes:
              - { id: bus, country: MD, seats_per_departure: 1, departures: 1, cost_per_seat: 0 }
            partners:
              - { id: partner, country: MD, slots: 5, cost_per_case: 0 }

            """
        let pm = PlanModel(scenario: try ScenarioLoader.parse(text: text, file: "split.yaml"))
        #expect(pm.classes.count == 1 && pm.classes[0].pairs == [0, 1])
        let split = pm.pairReturns(admitted: [[0, 0, 0], [0, 0, 0]], returned: [[0, 3, 1]])
        #expect(split == [[0, 2, 0], [0, 1, 1]])
    }

    /// With only 1 bed, month 1 allows occ1 <= 2: one arrival is unmet.
    @Test func bedsLimitAdmissions() throws {
        let r = try Self.plan(Self.base.replacingOccurrences(of: "beds: 2", with: "beds: 1"))
        #expect(r.status == .optimal)
        #expect(r.objective?.unmet == 1)
        #expect(r.months[0].admitted == 2)
    }

    /// The LP relaxation may return half a departure: 2 seats at 0.5 departures...
    /// here seats are not binding fractional-wise, so the LP optimum equals the MIP's
    /// on unmet and waiting, and costs no more.
    @Test func lpRelaxationIsABound() throws {
        let lp = try Self.plan(Self.base + "options: { integer: false }\n")
        let mip = try Self.plan(Self.base)
        #expect(lp.integer == false)
        #expect(lp.objective!.unmet <= mip.objective!.unmet + 1e-6)
        #expect(lp.objective!.cost <= mip.objective!.cost + 1e-6)
    }

    /// Six people already in shelter, never ready within the horizon, 2 beds:
    /// the average occupancy is 6 in both months, 4 more beds than there are.
    @Test func infeasibilityIsExplained() throws {
        let text = Self.base.replacingOccurrences(
            of: "processing_months: 1 }",
            with: "processing_months: 1, initial: [{ shelter: tirana, count: 6, ready_month: 5 }] }")
        let r = try Self.plan(text)
        #expect(r.status == .infeasible)
        #expect(r.objective == nil)
        #expect(
            r.reasons.map(\.message) == [
                "2001-01: shelter tirana cannot hold the people already in shelter: 2 beds, 4 more needed on average "
                    + "(raise shelters[0].beds for 2001-01 or lower the initial cases)",
                "2001-02: shelter tirana cannot hold the people already in shelter: 2 beds, 4 more needed on average "
                    + "(raise shelters[0].beds for 2001-02 or lower the initial cases)",
            ])
    }

    /// A total budget too small for the initial people's shelter nights.
    @Test func budgetInfeasibility() throws {
        let text =
            Self.base.replacingOccurrences(
                of: "processing_months: 1 }",
                with: "processing_months: 1, initial: [{ shelter: tirana, count: 1, ready_month: 5 }] }")
            + "budget: { total: 50 }\n"
        // one person for 31 + 28 nights at 1 a night = 59 > 50
        let r = try Self.plan(text)
        #expect(r.status == .infeasible)
        #expect(r.reasons.map(\.kind) == [.totalBudget])
        #expect(
            r.reasons[0].message
                == "budget.total cannot pay for the people already in shelter: short by 9.00 USD (the cap is 50.00 USD)"
        )
    }
}
