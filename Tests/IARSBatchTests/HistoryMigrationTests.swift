import Foundation
import IARSHistory
import Testing

/// The run history keeps each run's gap (issue 19, part 6): schema 2 adds `gap`,
/// `stopped_level`, `stopped_by` with GRDB's DatabaseMigrator; a database of schema 1
/// (Fixtures/history-v1, written before) stays readable as it is and migrates in place.
@Suite struct HistoryMigrationTests {
    static func copyOfV1() throws -> String {
        let dir = try BatchCLI.scratch("history-v1")
        let path = dir.appendingPathComponent("history.sqlite").path
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(
            at: BatchCLI.fixtures.appendingPathComponent("history-v1/history-v1.sqlite"),
            to: URL(fileURLWithPath: path))
        return path
    }

    static func stoppedRun(_ id: String, gap: Double?) -> RunRecord {
        RunRecord(
            runID: "b2/\(id)", batchID: "b2", label: "2001-W02", input: id, job: "", kind: "plan", scenario: "big",
            inputHash: "h", optionsHash: "o", options: "{}", status: "feasible", unmet: 278, waiting: 909, cost: 1e6,
            gap: gap, stoppedLevel: "cost", stoppedBy: "clock", seconds: 10, toolVersion: "test",
            startedAt: Date(timeIntervalSince1970: 1_000_000), finishedAt: Date(timeIntervalSince1970: 1_000_010))
    }

    @Test func aSchemaOneDatabaseIsReadAsItIs() throws {
        let path = try Self.copyOfV1()
        let store = try HistoryStore(path: path, readOnly: true)
        let runs = try store.runs()
        #expect(runs.count == 6)
        #expect(runs.allSatisfy { $0.status == "optimal" && $0.gap == nil && $0.stoppedBy == nil })
        #expect(runs.first { $0.job == "charter-chisinau" }?.unmet == 4)
        try store.close()
    }

    @Test func migratingKeepsTheRunsAndAddsTheGap() throws {
        let path = try Self.copyOfV1()
        let store = try HistoryStore(path: path)  // read-write: migrates
        #expect(try store.runs().count == 6)
        try store.record(Self.stoppedRun("big.yaml", gap: 0.032))
        try store.record(Self.stoppedRun("bigger.yaml", gap: nil))
        let runs = try store.runs(scenario: "big")
        #expect(runs.map(\.gap) == [0.032, nil])
        #expect(runs.map(\.stoppedLevel) == ["cost", "cost"] && runs.map(\.stoppedBy) == ["clock", "clock"])
        #expect(runs.map(\.statusText) == ["feasible, gap 3.2%", "feasible, gap unknown"])
        try store.close()
        // opened again: nothing to migrate, everything there
        let again = try HistoryStore(path: path)
        #expect(try again.runs().count == 8)
        try again.close()

        // iars history shows the status with its gap in the table and the JSON
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
        let table = try BatchCLI.run(["history", "--db", path, "--scenario", "big"], cwd: dir)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("  feasible, gap 3.2%  ") && table.stdout.contains("  feasible, gap unknown  "))
        let json = try BatchCLI.run(["history", "--db", path, "--scenario", "big", "--format", "json"], cwd: dir)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(list.first?["gap"] as? Double == 0.032 && list.first?["stopped_by"] as? String == "clock")
        #expect(list.last?["gap"] is NSNull)
        // the HTML page draws the stopped runs hollow, with week labels
        let page = dir.appendingPathComponent("history.html").path
        let html = try BatchCLI.run(["history", "--db", path, "--html", page], cwd: dir)
        #expect(html.status == 0, "\(html.stderr)")
        let text = try String(contentsOfFile: page, encoding: .utf8)
        #expect(text.contains("<circle class=\"unproven\""))
        #expect(text.contains(">2001-W01</text>"))
        #expect(text.contains("latest: <b>feasible, gap unknown</b> (stopped by the time limit at the cost level)"))
    }
}
