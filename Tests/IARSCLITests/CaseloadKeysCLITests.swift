import Foundation
import Testing

/// The `caseload:`, `as_of:` and `spent:` keys of a scenario (docs/caseload-plan.md) on the
/// built binary: the keys and the flags give the same plan, the flags override the keys.
@Suite(.serialized) struct CaseloadKeysCLITests {
    /// CaseloadPlanCLITests' scenario with the keys that say what its flags say.
    static let withKeys =
        CaseloadPlanCLITests.scenario + """

            caseload: cases.csv
            as_of: 2001-04-16
            spent: 1000

            """

    func folder() throws -> URL {
        let dir = try CaseloadPlanCLITests().folder()
        try Data(Self.withKeys.utf8).write(to: dir.appendingPathComponent("keys.yaml"))
        return dir
    }

    func objective(_ args: [String]) throws -> [String: Double] {
        try CaseloadPlanCLITests().objective(args)
    }

    @Test func theKeysGiveThePlanOfTheFlags() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let keys = try objective(["plan", dir.appendingPathComponent("keys.yaml").path])
        let flags = try objective([
            "plan", dir.appendingPathComponent("s.yaml").path,
            "--caseload", dir.appendingPathComponent("cases.csv").path, "--as-of", "2001-04-16", "--spent", "1000",
        ])
        let byHand = try objective(["plan", dir.appendingPathComponent("hand.yaml").path])
        #expect(keys == flags)
        #expect(keys == byHand)
        #expect(keys == ["unmet": 0, "waiting": 2, "cost": 839])
    }

    /// `compare` and `sweep` start from the file's keys too.
    @Test func compareAndSweepReadTheKeys() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let keys = dir.appendingPathComponent("keys.yaml").path
        let c = try CLIRunner.run(["compare", keys, "--format", "json"])
        #expect(c.status == 0, "\(c.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(c.stdout.utf8)) as? [String: Any])
        let options = try #require(json["options"] as? [[String: Any]])
        #expect(options.first?["objective"] as? [String: Double] == ["unmet": 0, "waiting": 2, "cost": 839])
        let s = try CLIRunner.run(["sweep", keys, "--vary", "budget.total=4000:5000:1000", "--format", "csv"])
        #expect(s.status == 0, "\(s.stderr)")
        #expect(s.stdout.contains("1,4000,objective_cost,,839\n") && s.stdout.contains("2,5000,budget_total,,4000\n"))
    }

    /// `--spent 0` overrides `spent: 1000` (the plan is the same, the budget larger);
    /// `--as-of` overrides `as_of:` (2001-05-01: one case left in shelter, May's arrivals whole).
    @Test func theFlagsOverrideTheKeys() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let keys = dir.appendingPathComponent("keys.yaml").path
        let r = try CLIRunner.run(["plan", keys, "--spent", "0", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"budget_total\": 5000,"))
        let kept = try CLIRunner.run(["plan", keys, "--format", "json"])
        #expect(kept.stdout.contains("\"budget_total\": 4000,"))
        let may = try objective(["plan", keys, "--as-of", "2001-05-01"])
        let mayFlags = try objective([
            "plan", dir.appendingPathComponent("s.yaml").path,
            "--caseload", dir.appendingPathComponent("cases.csv").path, "--as-of", "2001-05-01", "--spent", "1000",
        ])
        #expect(may == mayFlags)
        #expect(may != (try objective(["plan", keys])))
    }

    /// A caseload key without a date is planned only with `--as-of`.
    @Test func aCaseloadWithoutADateIsBadInput() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("nodate.yaml").path
        try Data((CaseloadPlanCLITests.scenario + "\ncaseload: cases.csv\n").utf8).write(
            to: URL(fileURLWithPath: file))
        let r = try CLIRunner.run(["plan", file])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(
            r.stderr.hasPrefix(
                "\(file): the caseload \(dir.path)/cases.csv needs its date: --as-of YYYY-MM-DD, or as_of: in the scenario\n"
            ))
        #expect(
            try objective(["plan", file, "--as-of", "2001-04-16", "--spent", "1000"]) == [
                "unmet": 0, "waiting": 2, "cost": 839,
            ])
    }

    /// `--as-of` without any caseload (flag or key) is bad input.
    @Test func asOfWithoutACaseloadIsBadInput() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml").path
        let r = try CLIRunner.run(["plan", file, "--as-of", "2001-04-16"])
        #expect(r.status == 2)
        #expect(
            r.stderr.hasPrefix(
                "\(file): --as-of and --spent apply only with a caseload: --caseload FILE, or caseload: in the scenario\n"
            ))
    }
}
