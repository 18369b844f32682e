import Foundation
import Testing

/// `iars batch --as-of` on an office (docs/batch.md, "The weekly loop"): planned from its
/// caseload, scheduled from the date on, the date in the input hash; other files as before.
@Suite(.serialized) struct WeeklyLoopTests {
    static func summary(_ dir: URL) throws -> [String: Any] {
        try WeeklyReplayTests.json(dir.appendingPathComponent("out/summary.json"))
    }

    static func results(_ dir: URL) throws -> [String: [String: Any]] {
        let list = try #require(try summary(dir)["results"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["input"] as! String, $0) })
    }

    @Test(.tags(.slow)) func anOfficeThroughBatch() throws {
        let dir = try BatchCLI.scratch("weekly-loop")
        defer { try? FileManager.default.removeItem(at: dir) }
        let offices = dir.appendingPathComponent("offices")
        try FileManager.default.createDirectory(at: offices, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: BatchCLI.repository("scenarios/tirana-office"), to: offices.appendingPathComponent("tirana-office"))
        try BatchCLI.copyFixture("batch50/b01.yaml", to: offices, as: "plain.yaml")
        let batch = ["batch", "offices", "--out", "out", "--jobs", "1", "--as-of"]

        let week = try BatchCLI.run(batch + ["2001-03-12"], cwd: dir)
        #expect(week.status == 0, "\(week.stderr)")
        var r = try Self.results(dir)
        #expect(r["tirana-office/scenario.yaml"]?["as_of"] as? String == "2001-03-12")
        #expect(r["tirana-office/schedule.yaml"]?["as_of"] as? String == "2001-03-12")
        #expect(r["plain.yaml"]?["as_of"] is NSNull)
        let objective = try #require(r["tirana-office/schedule.yaml"]?["objective"] as? [String: Any])
        #expect(objective["left_behind_days"] as? Int == 0)
        #expect((r["plain.yaml"]?["objective"] as? [String: Any])?["left_behind_days"] == nil)
        // the plan from March, the schedule from the 12th on; the plain scenario from its own start
        let plan = try WeeklyReplayTests.json(dir.appendingPathComponent("out/tirana-office/scenario.plan.json"))
        #expect((plan["months"] as? [[String: Any]])?.first?["month"] as? String == "2001-03")
        let schedule = try WeeklyReplayTests.json(
            dir.appendingPathComponent("out/tirana-office/schedule.schedule.json"))
        let dates = try #require(schedule["assignments"] as? [[String: Any]]).map { $0["date"] as! String }
        #expect(!dates.isEmpty && dates.allSatisfy { $0 >= "2001-03-12" })
        let plain = try WeeklyReplayTests.json(dir.appendingPathComponent("out/plain.plan.json"))
        let expected = try String(contentsOf: offices.appendingPathComponent("plain.yaml"), encoding: .utf8)
        #expect(expected.contains("start: \((plain["months"] as? [[String: Any]])?.first?["month"] as? String ?? "?")"))

        // the same date again: nothing to do; a new date: the office again, the plain file skipped
        _ = try BatchCLI.run(batch + ["2001-03-12"], cwd: dir)
        #expect(try Self.summary(dir)["skipped"] as? Int == 3)
        _ = try BatchCLI.run(batch + ["2001-03-19"], cwd: dir)
        r = try Self.results(dir)
        #expect(r.values.filter { $0["skipped"] as? Bool == true }.map { $0["input"] as! String } == ["plain.yaml"])

        // a broken caseload: the office's plan is invalid, named by file, row and column
        let cases = offices.appendingPathComponent("tirana-office/cases.csv")
        let text = try String(contentsOf: cases, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "TO-0216,al-women,vlora", with: "TO-0216,al-women,tirana").utf8)
            .write(to: cases)
        let broken = try BatchCLI.run(batch + ["2001-03-19"], cwd: dir)
        #expect(broken.status == 2)
        r = try Self.results(dir)
        #expect(r["tirana-office/scenario.yaml"]?["status"] as? String == "invalid")
        #expect(
            r["tirana-office/scenario.yaml"]?["message"] as? String
                == "offices/tirana-office/cases.csv:11: shelter: shelter 'tirana' does not accept group 'al-women'")
    }
}
