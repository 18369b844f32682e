import Foundation
import Testing

/// The worked example of docs/monday.md (`scenarios/tirana-office`): its three files fit
/// each other, and `iars schedule --as-of` schedules from that date on.
@Suite(.serialized) struct OfficeExampleCLITests {
    static func path(_ name: String) -> String {
        CLIRunner.root.appendingPathComponent("scenarios/tirana-office/\(name)").path
    }

    /// The scenario plans from its caseload as of its `as_of:` (2001-03-05): every arrival
    /// admitted, nobody waiting, within the budget left after `spent:`.
    @Test func theOfficePlansFromItsCaseload() throws {
        let r = try CLIRunner.run(["plan", Self.path("scenario.yaml"), "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["objective"] as? [String: Double] == ["unmet": 0, "waiting": 0, "cost": 13933.5])
        let months = try #require(json["months"] as? [[String: Any]])
        #expect(months.first?["month"] as? String == "2001-03" && months.count == 10)
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(totals["budget_total"] as? Double == 14100)  // 17,500 less 3,400 spent
    }

    /// `iars validate` checks an office's scenario with its caseload, by row and column.
    @Test func validateChecksTheCaseload() throws {
        let ok = try CLIRunner.run(["validate", Self.path("scenario.yaml")])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.hasSuffix("; caseload \(Self.path("cases.csv")): 12 cases\n"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iars-office-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: Self.path("scenario.yaml")), to: dir.appendingPathComponent("scenario.yaml"))
        let cases = try String(contentsOfFile: Self.path("cases.csv"), encoding: .utf8)
            .replacingOccurrences(of: "TO-0216,al-women,vlora", with: "TO-0216,al-women,tirana")
            .replacingOccurrences(of: "TO-0301,md-women,tirana,2001-04-02", with: "TO-0301,md-women,durres,2001-04-02")
        try Data(cases.utf8).write(to: dir.appendingPathComponent("cases.csv"))
        let bad = try CLIRunner.run(["validate", dir.appendingPathComponent("scenario.yaml").path])
        #expect(bad.status == 2 && bad.stdout.isEmpty)
        let csv = dir.appendingPathComponent("cases.csv").path
        // every problem at once, by row: the caseload's own checks (as iars schedule reads it: no
        // value that might be personal data) and which shelter takes which group
        #expect(
            bad.stderr.hasPrefix(
                "\(csv):11: shelter: shelter 'tirana' does not accept group 'al-women'\n"
                    + "\(csv):13: shelter: unknown shelter (not a shelter of the scenario)\n"), "\(bad.stderr)")
    }

    /// From 2001-03-12 on, the week of 03-05's departures have left: nobody rides before the
    /// 12th, and every one of the twelve cases still gets a seat.
    @Test func scheduleFromADate() throws {
        let all = try CLIRunner.run(["schedule", Self.path("schedule.yaml"), "--format", "json"])
        let later = try CLIRunner.run([
            "schedule", Self.path("schedule.yaml"), "--format", "json", "--as-of", "2001-03-12",
        ])
        #expect(all.status == 0 && later.status == 0, "\(later.stderr)")
        func dates(_ out: String) throws -> [String] {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
            return try #require(json["assignments"] as? [[String: Any]]).map { $0["date"] as! String }
        }
        #expect(try dates(all.stdout).contains { $0 < "2001-03-12" })
        let coming = try dates(later.stdout)
        #expect(coming.count == 12 && coming.allSatisfy { $0 >= "2001-03-12" })
        let bad = try CLIRunner.run(["schedule", Self.path("schedule.yaml"), "--as-of", "2001-3-12"])
        #expect(bad.status == 2 && bad.stderr.contains("--as-of: expected a date YYYY-MM-DD, got '2001-3-12'."))
    }
}
