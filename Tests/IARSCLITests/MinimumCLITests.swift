import Foundation
import Testing

/// `iars plan --minimum` end to end: the amount in the table and the JSON, the plan at the
/// amount, and the refusals (exit status 2).
@Suite struct MinimumCLITests {
    static let albania = "scenarios/albania-2001.yaml"

    /// The default scenario serves everyone with its 14 beds at Tirana, and 13 do not
    /// (MinimumSweepTests checks amounts like it against a sweep): the JSON says 14, and the
    /// plan is the scenario's own.
    @Test func jsonCarriesTheAmountAndThePlanAtIt() throws {
        let r = try CLIRunner.run(["plan", Self.albania, "--minimum", "beds:tirana", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let minimum = try #require(json["minimum"] as? [String: Any])
        #expect(minimum["capacity"] as? String == "beds:tirana")
        #expect(minimum["path"] as? String == "shelters.tirana.beds")
        #expect(minimum["status"] as? String == "optimal")
        #expect(minimum["amount"] as? Double == 14)
        #expect(minimum["unmet"] as? Double == 0)
        let plain = try CLIRunner.run(["plan", Self.albania, "--format", "json"])
        let plan = try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as! [String: Any]
        #expect((json["objective"] as? [String: Double]) == (plan["objective"] as? [String: Double]))
        let thirteen = try CLIRunner.run(["plan", Self.albania, "--set", "shelters.tirana.beds=13", "--format", "json"])
        let short = try JSONSerialization.jsonObject(with: Data(thirteen.stdout.utf8)) as! [String: Any]
        #expect(((short["objective"] as? [String: Any])?["unmet"] as? Double ?? 0) > 0)
    }

    @Test func tableStartsWithTheAmount() throws {
        let r = try CLIRunner.run(["plan", Self.albania, "--minimum", "beds:tirana"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Minimum beds at shelter tirana: 14 per month\n"))
        #expect(r.stdout.contains("\niars plan: albania-2001, "))
    }

    @Test(arguments: [
        (
            ["--minimum", "beds:tirna"],
            "--minimum: shelters.tirna.beds: unknown shelter 'tirna'; did you mean 'tirana'?\niars: 1 problem found; nothing was planned. Fix the input and run again.\n"
        ),
        (
            ["--minimum", "budget", "--format", "csv"],
            "iars: error: --minimum needs --format table or json (the amount has no place in the plan's CSV); run it again with --format json, or without --minimum.\n"
        ),
    ])
    func refusals(_ flags: [String], _ message: String) throws {
        let r = try CLIRunner.run(["plan", Self.albania] + flags)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == message)
    }
}
