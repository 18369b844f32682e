import Foundation
import Testing

/// `iars plan --caseload FILE --as-of DATE --spent AMOUNT` on the built binary.
@Suite(.serialized) struct CaseloadPlanCLITests {
    static let scenario = """
        name: caseload-cli
        start: 2001-03
        months: 3
        groups:
          - { id: md-women, country: MD, arrivals: [4, 6, 3], processing_months: 1,
              initial: [{ shelter: tirana, count: 5, ready_month: 1 }] }
        shelters:
          - { id: tirana, beds: [6, 7, 6], bed_night_cost: 2 }
        medical:
          - { id: clinic, slots: [5, 4, 5], cost_per_screening: 5 }
        routes:
          - { id: bus, country: MD, seats_per_departure: 3, departures: [1, 1, 1],
              cost_per_seat: 10, cost_per_departure: 100 }
        partners:
          - { id: partner, country: MD, slots: [3, 4, 2], cost_per_case: 20 }
        budget: { total: 5000 }
        """

    /// The same as of 2001-04-16 with the caseload below and 1000 spent, by hand:
    /// April has 30 days, 15 left: 6 * 15 / 30 = 3 arrivals.
    static let byHand = """
        name: caseload-cli
        start: 2001-04
        months: 2
        groups:
          - { id: md-women, country: MD, arrivals: [3, 3], processing_months: 1,
              initial: [{ shelter: tirana, count: 2, ready_month: 1 }, { shelter: tirana, count: 1, ready_month: 2 }] }
        shelters:
          - { id: tirana, beds: [7, 6], bed_night_cost: 2 }
        medical:
          - { id: clinic, slots: [4, 5], cost_per_screening: 5 }
        routes:
          - { id: bus, country: MD, seats_per_departure: 3, departures: [1, 1],
              cost_per_seat: 10, cost_per_departure: 100 }
        partners:
          - { id: partner, country: MD, slots: [4, 2], cost_per_case: 20 }
        budget: { total: 4000 }
        """

    static let cases = """
        case_id,group,shelter,ready_date,escort
        A,md-women,tirana,2001-03-20,no
        B,md-women,tirana,2001-04-16,no
        C,md-women,tirana,2001-05-02,no

        """

    func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iars-caseload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in [("s.yaml", Self.scenario), ("hand.yaml", Self.byHand), ("cases.csv", Self.cases)] {
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        }
        return dir
    }

    func objective(_ args: [String]) throws -> [String: Double] {
        let r = try CLIRunner.run(args + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return try #require(json["objective"] as? [String: Double])
    }

    @Test func plansFromTheCaseload() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fromCaseload = try objective([
            "plan", dir.appendingPathComponent("s.yaml").path,
            "--caseload", dir.appendingPathComponent("cases.csv").path, "--as-of", "2001-04-16", "--spent", "1000",
        ])
        let byHand = try objective(["plan", dir.appendingPathComponent("hand.yaml").path])
        #expect(fromCaseload == byHand)
        #expect(fromCaseload == ["unmet": 0, "waiting": 2, "cost": 839])
    }

    @Test func asOfOutsideTheHorizonIsBadInput() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = dir.appendingPathComponent("s.yaml").path
        let r = try CLIRunner.run([
            "plan", scenario, "--caseload", dir.appendingPathComponent("cases.csv").path, "--as-of", "2001-06-01",
        ])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(
            r.stderr.hasPrefix(
                "\(scenario): --as-of 2001-06-01 is outside the horizon of the scenario (2001-03 to 2001-05)\n"))
    }

    /// `export` writes the very model of the scenario written by hand.
    @Test func exportsTheModelOfTheScenarioByHand() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try CLIRunner.run([
            "export", dir.appendingPathComponent("s.yaml").path, "--level", "3",
            "--caseload", dir.appendingPathComponent("cases.csv").path, "--as-of", "2001-04-16", "--spent", "1000",
        ])
        let b = try CLIRunner.run(["export", dir.appendingPathComponent("hand.yaml").path, "--level", "3"])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(!a.stdout.isEmpty && a.stdout == b.stdout)
    }

    /// `compare` starts the base (and each variant) from the caseload.
    @Test func comparesFromTheCaseload() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLIRunner.run([
            "compare", dir.appendingPathComponent("s.yaml").path, "--format", "json",
            "--caseload", dir.appendingPathComponent("cases.csv").path, "--as-of", "2001-04-16", "--spent", "1000",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let options = try #require(json["options"] as? [[String: Any]])
        #expect(options.first?["objective"] as? [String: Double] == ["unmet": 0, "waiting": 2, "cost": 839])
    }

    /// `sweep` starts every point from the caseload: `--spent` comes off each point's total.
    @Test func sweepsFromTheCaseload() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["--vary", "budget.total=4000:5000:1000", "--format", "csv"]
        let a = try CLIRunner.run(
            ["sweep", dir.appendingPathComponent("s.yaml").path] + args + [
                "--caseload", dir.appendingPathComponent("cases.csv").path, "--as-of", "2001-04-16", "--spent", "1000",
            ])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout.contains("1,4000,objective_cost,,839\n"))
        #expect(a.stdout.contains("1,4000,budget_total,,3000\n"))
        #expect(a.stdout.contains("2,5000,budget_total,,4000\n"))
        let b = try CLIRunner.run(
            ["sweep", dir.appendingPathComponent("s.yaml").path] + args + [
                "--caseload", dir.appendingPathComponent("cases.csv").path, "--as-of", "2001-04-16", "--spent", "4500",
            ])
        #expect(b.status == 2)
        #expect(
            b.stderr.contains(
                "budget.total: --spent 4500 is more than budget.total (4000) (sweep point budget.total=4000)"))
    }
}
