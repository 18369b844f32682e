import Foundation
import Testing

/// Issue 20, tried as a new user would: set-up warnings, the wrong kind of file,
/// the end of the horizon, and small things on the command line.
@Suite(.serialized) struct NewUserCLITests {
    static let schedule = "scenarios/albania-2001-schedule.yaml"

    /// The hand-written scenario of IARSCoreTests' NewUserTests.mistakes (md-women: no route or
    /// partner; ua-men: a route without departures, no shelter; durres: no screening).
    static let mistakes: String = {
        let url = CLIRunner.root.appendingPathComponent("Tests/IARSCoreTests/Fixtures/new-user/mistakes.yaml")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    func write(_ text: String, _ name: String) throws -> (dir: URL, path: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iars-newuser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return (dir, url.path)
    }

    static func warnings(_ f: String) -> [String] {
        [
            "\(f):9: warning: groups[1] (md-women): no route to MD: nobody in this group can go home; add a route with country: MD",
            "\(f):9: warning: groups[1] (md-women): no reintegration partner in MD: nobody in this group can go home "
                + "(every return needs a partner's place); add a partner with country: MD",
            "\(f):13: warning: groups[2] (ua-men): the route to UA (bus-ua) has no departures in any month: nobody in "
                + "this group can go home; give it departures above 0",
            "\(f):13: warning: groups[2] (ua-men): no shelter accepts this group: every arrival will be unmet; "
                + "add ua-men to a shelter's accepts (a shelter without accepts takes every group)",
            "\(f):22: warning: shelters[1] (durres): no screening provider serves this shelter: it can admit nobody "
                + "(every admission is screened); add durres to a medical provider's serves",
        ]
    }

    @Test func validateAndPlanWarnAboutSetUpMistakes() throws {
        let (dir, f) = try write(Self.mistakes, "mistakes.yaml")
        defer { try? FileManager.default.removeItem(at: dir) }
        let v = try CLIRunner.run(["validate", f])
        #expect(v.status == 0)
        #expect(v.stderr == Self.warnings(f).map { $0 + "\n" }.joined())
        #expect(
            v.stdout == "\(f): valid: scenario mistakes, 3 months from 2001-01, 3 groups, 2 shelters, "
                + "1 screening provider, 2 routes, 2 partners; 5 warnings (on standard error)\n")

        let p = try CLIRunner.run(["plan", f, "--format", "json"])
        #expect(p.status == 0)
        #expect(p.stderr.hasPrefix(Self.warnings(f).map { $0 + "\n" }.joined()), "\(p.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(p.stdout.utf8)) as? [String: Any])
        let list = try #require(json["warnings"] as? [[String: Any]])
        #expect(
            list.map { $0["kind"] as? String } == [
                "no-route", "no-partner", "no-departures", "no-shelter", "no-screening",
            ])
        #expect(
            list[4]["path"] as? String == "shelters[1]" && list[4]["line"] as? Int == 22
                && list[4]["id"] as? String == "durres")

        // --explain names them first
        let e = try CLIRunner.run(["plan", f, "--explain"])
        #expect(e.status == 0)
        let explain = try #require(
            e.stdout.range(of: "Why the plan falls short").map { String(e.stdout[$0.lowerBound...]) })
        let lines = explain.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "Set-up mistakes first (fix these before adding capacity):")
        #expect(
            lines[2]
                == "  - groups[1] (md-women): no route to MD: nobody in this group can go home; add a route with country: MD"
        )
        #expect(lines[6].hasPrefix("  - shelters[1] (durres): no screening provider serves this shelter"))
        #expect(lines[7] == "Full in the plan:" || lines[7] == "No capacity is full in this plan.", "\(lines[7])")
    }

    @Test func theShippedScenariosHaveNoWarnings() throws {
        for file in [
            "scenarios/albania-2001.yaml", "scenarios/balkans-regional.yaml",
            "scenarios/albania-2001-tight-budget.yaml",
        ] {
            let v = try CLIRunner.run(["validate", file])
            #expect(v.status == 0 && v.stderr == "", "\(file): \(v.stderr)")
        }
    }

    @Test func aScheduleGivenToPlanSaysWhichCommandTakesIt() throws {
        let line =
            "\(Self.schedule): this is a return schedule (it names its scenario with 'scenario:'), not a scenario; "
            + "schedule it with: iars schedule \(Self.schedule)\n"
        for command in ["plan", "validate", "export", "compare"] {
            let r = try CLIRunner.run([command, Self.schedule])
            #expect(r.status == 2, "\(command)")
            #expect(r.stderr == line, "\(command): \(r.stderr)")
            #expect(r.stdout == "")
        }
    }

    @Test func aScenarioGivenToScheduleSaysWhichCommandTakesIt() throws {
        let r = try CLIRunner.run(["schedule", "scenarios/albania-2001.yaml"])
        #expect(r.status == 2)
        #expect(
            r.stderr
                == "scenarios/albania-2001.yaml: this is a scenario (it has 'groups:' and 'shelters:'), not a return "
                + "schedule; plan it with: iars plan scenarios/albania-2001.yaml, or check it with: iars validate "
                + "scenarios/albania-2001.yaml (a schedule names its scenario: see docs/schedule-format.md)\n")
    }

    @Test func aBrokenScheduleStillListsItsProblems() throws {
        let (dir, f) = try write("scenario: nowhere.yaml\ndepartures: []\n", "s.yaml")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLIRunner.run(["schedule", f])
        #expect(r.status == 2)
        #expect(!r.stderr.contains("this is a scenario"), "\(r.stderr)")
        #expect(r.stderr.contains("problem"), "\(r.stderr)")
    }

    /// IARSCoreTests' NewUserTests.endOfHorizon: 3 people left, 315 to send home, 39.50 left.
    @Test func planWarnsWhenTheBudgetLeftCannotSendThePeopleLeftHome() throws {
        let text = """
            name: end
            start: 2001-01
            months: 2
            groups:
              - {id: al-women, country: AL, arrivals: [3, 0], processing_months: 2}
            shelters:
              - {id: tirana, beds: 10, bed_night_cost: 1}
            medical:
              - {id: clinic, slots: 10, cost_per_screening: 10}
            routes:
              - {id: bus, country: AL, seats_per_departure: 10, departures: 1, cost_per_seat: 20, cost_per_departure: 50}
            partners:
              - {id: ngo, country: AL, slots: 5, cost_per_case: 80}
            budget:
              total: 200

            """
        let (dir, f) = try write(text, "end.yaml")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLIRunner.run(["plan", f, "--format", "csv"])
        #expect(r.status == 0)
        #expect(
            r.stderr == "iars: warning: 3 people still in shelter after 2001-02; returning them at the cheapest route "
                + "and partner would cost 315.00 USD, more than the budget left (39.50 USD); raise budget.total or plan their return\n"
        )
        #expect(r.stdout.contains("end,end_of_horizon,,,return_cost,315\n"))
    }

    @Test func aMisspeltCommandIsNamed() throws {
        let r = try CLIRunner.run(["plann", "scenarios/albania-2001.yaml"])
        #expect(r.status == 2)
        #expect(
            r.stderr
                == "iars: error: unknown command 'plann'; did you mean 'plan'? (commands: plan, validate, schedule, "
                + "compare, sweep, export, batch, history, risk, size; iars --help says what each does)\n")
    }

    @Test(arguments: [["plan", "scenarios/albania-2001.yaml"], ["export", "scenarios/albania-2001.yaml"]])
    func aNegativeTimeLimitSaysItMustBePositive(_ command: [String]) throws {
        let r = try CLIRunner.run(command + ["--time-limit", "-5"])
        #expect(r.status == 2)
        #expect(
            r.stderr.hasPrefix("Error: --time-limit must be a number of seconds greater than 0, got -5.\n"),
            "\(r.stderr)")
    }

    @Test func didYouMeanOffersTheCaseCorrectedID() throws {
        let (dir, f) = try write(
            Self.mistakes.replacingOccurrences(of: "accepts: [al-women]", with: "accepts: [AL-women]"),
            "m.yaml")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLIRunner.run(["validate", f])
        #expect(r.status == 2)
        #expect(
            r.stderr.hasPrefix("\(f):25: shelters[1].accepts[0]: unknown group 'AL-women'; did you mean 'al-women'?\n"))
    }
}
