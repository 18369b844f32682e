import Foundation
import Testing

@testable import IARSCore
@testable import IARSReport

/// Issue 20 (a new user's first week): set-up warnings, the end of the horizon,
/// case-only did-you-means, plurals.
@Suite struct NewUserTests {
    /// Three groups with a set-up mistake each (hand-written): md-women has no route and no
    /// partner, ua-men's only route has no departures and no shelter accepts them, and
    /// durres is served by no screening provider.
    static let mistakes: String = {
        let url = TestFiles.fixtures.appendingPathComponent("new-user/mistakes.yaml")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    @Test func setUpMistakesAreWarnedWithLineAndWhatToAdd() throws {
        let set = try ScenarioLoader.parseSet(text: Self.mistakes, file: "m.yaml")
        let warnings = SetupCheck.warnings(set.base, document: set.document)
        #expect(
            warnings.map(\.description) == [
                "m.yaml:9: warning: groups[1] (md-women): no route to MD: nobody in this group can go home; add a route with country: MD",
                "m.yaml:9: warning: groups[1] (md-women): no reintegration partner in MD: nobody in this group can go home "
                    + "(every return needs a partner's place); add a partner with country: MD",
                "m.yaml:13: warning: groups[2] (ua-men): the route to UA (bus-ua) has no departures in any month: nobody in "
                    + "this group can go home; give it departures above 0",
                "m.yaml:13: warning: groups[2] (ua-men): no shelter accepts this group: every arrival will be unmet; "
                    + "add ua-men to a shelter's accepts (a shelter without accepts takes every group)",
                "m.yaml:22: warning: shelters[1] (durres): no screening provider serves this shelter: it can admit nobody "
                    + "(every admission is screened); add durres to a medical provider's serves",
            ])
        #expect(warnings.map(\.kind) == [.noRoute, .noPartner, .noDepartures, .noShelter, .noScreening])
    }

    @Test func aSoundScenarioHasNoWarnings() throws {
        let fixed = Self.mistakes
            .replacingOccurrences(of: "    departures: 0\n", with: "    departures: 1\n")
            .replacingOccurrences(of: "accepts: [al-women, md-women]", with: "accepts: [al-women, md-women, ua-men]")
            .replacingOccurrences(of: "    serves: [tirana]\n", with: "")
            .replacingOccurrences(
                of: "routes:\n",
                with: """
                    routes:
                      - id: bus-md
                        country: MD
                        seats_per_departure: 10
                        departures: 1
                        cost_per_seat: 60

                    """
            )
            .replacingOccurrences(
                of: "partners:\n",
                with: """
                    partners:
                      - id: md-ngo
                        country: MD
                        slots: 5
                        cost_per_case: 90

                    """)
        let set = try ScenarioLoader.parseSet(text: fixed, file: "m.yaml")
        #expect(SetupCheck.warnings(set.base, document: set.document) == [])
        let shipped = TestFiles.path("scenarios/albania-2001.yaml")
        let albania = try ScenarioLoader.loadSet(path: shipped)
        #expect(SetupCheck.warnings(albania.base, document: albania.document) == [])
    }

    @Test func aGroupWithoutArrivalsOrInitialCasesIsNotWarnedAbout() throws {
        let quiet = Self.mistakes.replacingOccurrences(of: "arrivals: [2, 2, 2]", with: "arrivals: [0, 0, 0]")
        let set = try ScenarioLoader.parseSet(text: quiet, file: "m.yaml")
        #expect(!SetupCheck.warnings(set.base, document: set.document).contains { $0.id == "md-women" })
    }

    /// Hand-worked: 3 cases admitted in January with 2 months of processing cannot go
    /// home by February, the last month. Cost: Jan 1.5 average x 31 nights x 1 = 46.5,
    /// Feb 3 x 28 x 1 = 84, 3 screenings x 10 = 30: 160.5 of a 200 budget, 39.5 left.
    /// The cheapest way home: bus (20 a seat + 50 / 10 a departure = 25; the van is 40)
    /// and ngo-b (80; ngo-a is 100): 105 each, 315 for 3: not covered.
    static let endOfHorizon = """
        name: end
        start: 2001-01
        months: 2
        groups:
          - id: al-women
            country: AL
            arrivals: [3, 0]
            processing_months: 2
        shelters:
          - id: tirana
            beds: 10
            bed_night_cost: 1
        medical:
          - id: clinic
            slots: 10
            cost_per_screening: 10
        routes:
          - id: bus
            country: AL
            seats_per_departure: 10
            departures: 1
            cost_per_seat: 20
            cost_per_departure: 50
          - id: van
            country: AL
            seats_per_departure: 4
            departures: 1
            cost_per_seat: 40
        partners:
          - id: ngo-a
            country: AL
            slots: 5
            cost_per_case: 100
          - id: ngo-b
            country: AL
            slots: 5
            cost_per_case: 80
        budget:
          total: 200

        """

    @Test func theEndOfTheHorizonCountsWhoIsLeftAndWhatTheirReturnCosts() throws {
        let scenario = try ScenarioLoader.parse(text: Self.endOfHorizon, file: "end.yaml")
        let r = try Planner().plan(scenario)
        #expect(r.objective?.cost == 160.5)
        let e = try #require(r.endOfHorizon)
        #expect(e == EndOfHorizon(inShelter: 3, returnCost: 315, unpriced: 0, budgetLeft: 39.5))
        #expect(e.covered == false)
        #expect(
            PlanTable.render(r, scenario: scenario).contains(
                """
                End of the horizon: 3 people still in shelter after 2001-02; returning them at the cheapest route and partner would cost 315.00 USD.
                Warning: the budget left (39.50 USD) does not cover their return: short by 275.50 USD; raise budget.total or plan their return.

                """))
        let json = PlanJSON.render(r)
        #expect(
            json.contains(
                """
                  "end_of_horizon": {"in_shelter": 3, "return_cost": 315, "unpriced": 0, "budget_left": 39.5, "covered": false},

                """))
        #expect(
            PlanCSV.render(r).contains(
                """
                end,end_of_horizon,,,in_shelter,3
                end,end_of_horizon,,,return_cost,315
                end,end_of_horizon,,,unpriced,0
                end,end_of_horizon,,,budget_left,39.5
                end,end_of_horizon,,,covered,0

                """))
        // With 500, 339.5 are left: enough.
        var rich = scenario
        rich.budget.total = 500
        let covered = try #require(try Planner().plan(rich).endOfHorizon)
        #expect(covered.covered == true)
        #expect(
            PlanTable.endOfHorizon(covered, scenario: rich).hasSuffix(
                "Budget left: 339.50 USD, enough for their return.\n"))
    }

    @Test func peopleOfACountryWithoutAPartnerAreNotPriced() throws {
        let scenario = try ScenarioLoader.parse(
            text: Self.endOfHorizon.replacingOccurrences(of: "country: AL\n    slots", with: "country: XK\n    slots"),
            file: "end.yaml")
        let e = try #require(try Planner().plan(scenario).endOfHorizon)
        #expect(e == EndOfHorizon(inShelter: 3, returnCost: 0, unpriced: 3, budgetLeft: 39.5))
        #expect(
            PlanTable.endOfHorizon(e, scenario: scenario)
                == "End of the horizon: 3 people still in shelter after 2001-02; "
                + "3 cannot be priced (no route or no partner to their country).\n")
    }

    @Test func didYouMeanOffersTheCaseCorrectedID() throws {
        #expect(Suggestion.closest(to: "KH-men", among: ["kh-women", "kh-men"]) == "kh-men")
        #expect(Suggestion.closest(to: "mm", among: ["MD", "MM"]) == "MM")
        let text = Self.mistakes
            .replacingOccurrences(of: "accepts: [al-women]", with: "accepts: [AL-Women]")
            .replacingOccurrences(of: "country: UA\n    arrivals", with: "country: ua\n    arrivals")
        #expect(
            throws: InputError([
                Diagnostic(
                    file: "m.yaml", line: 14, path: "groups[2].country",
                    message: "'ua' is not an ISO 3166-1 alpha-2 country code (two capital letters); did you mean 'UA'?"),
                Diagnostic(
                    file: "m.yaml", line: 25, path: "shelters[1].accepts[0]",
                    message: "unknown group 'AL-Women'; did you mean 'al-women'?"),
            ])
        ) { try ScenarioLoader.parse(text: text, file: "m.yaml") }
    }

    /// ScheduleTests' folder with the minor alone: ready 2001-03-05, on d1 the 6th: 1 day.
    @Test func oneDayOfWaitingIsOneDay() throws {
        let f = try ScheduleTests.folder(
            cases: "case_id,group,shelter,ready_date,escort\nC,md-minors,tirana,2001-03-05,yes\n")
        let s = try ScheduleLoader.load(path: f.path("schedule.yaml"))
        let r = try Scheduler().schedule(s)
        #expect(r.objective?.waitingDays == 1)
        let table = ScheduleTable.render(r, schedule: s)
        #expect(
            table.contains(
                "Summary: 1 of 1 case scheduled, 1 escort; objective: unassigned 0 (priority-weighted), "
                    + "left behind 0 days, waiting 1 day, cost "), "\(table)")
    }

    @Test func countsTakeTheRightNumber() {
        #expect(counted(1, "screening provider") == "1 screening provider")
        #expect(counted(0, "day") == "0 days")
        #expect(counted(2, "person", plural: "people") == "2 people")
    }
}
