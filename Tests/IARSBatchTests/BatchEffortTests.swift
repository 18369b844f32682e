import Foundation
import IARSHistory
import Testing

/// `iars batch` with effort budgets (issue 19): the effort is part of a run's recorded
/// settings, no default time limit is added, and the progress bar names the running job.
@Suite(.serialized)
struct BatchEffortTests {
    @Test func theEffortIsRecordedAndNoTimeLimitIsAdded() throws {
        let dir = try BatchCLI.scratch("effort")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try BatchCLI.copyFixture("batch50/b02.yaml", to: input, as: "b02.yaml")
        let db = dir.appendingPathComponent("out/history.sqlite").path

        let first = try BatchCLI.run(["batch", "in", "--out", "out", "--log-format", "text"], cwd: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let run = try #require(try HistoryStore(path: db, readOnly: true).runs().first)
        #expect(run.options.contains("\"effort\":5000000,"), "the default budget: \(run.options)")
        #expect(run.options.contains("\"time_limit\":null"), "no clock unless asked: \(run.options)")

        // Another budget is another setting: the job runs again, not skipped.
        let second = try BatchCLI.run(
            ["batch", "in", "--out", "out", "--log-format", "text", "--effort", "4000000"],
            cwd: dir, tag: "second")
        #expect(second.status == 0, "\(second.stderr)")
        let runs = try HistoryStore(path: db, readOnly: true).runs()
        #expect(runs.count == 2)
        #expect(runs.contains { $0.options.contains("\"effort\":4000000,") })
        #expect(Set(runs.map(\.optionsHash)).count == 2)
    }

    /// A job stopped by its effort shows its gap in the summary table and the log, as
    /// `iars history` does (gen-5013 at 20,000 units: unmet 123 against a bound of 110).
    @Test func aStoppedJobShowsItsGap() throws {
        let dir = try BatchCLI.scratch("gap")
        defer { try? FileManager.default.removeItem(at: dir) }
        try BatchCLI.copyRepository("Benchmarks/scenarios/family/gen-5013.yaml", to: dir)
        let r = try BatchCLI.run(
            ["batch", "gen-5013.yaml", "--out", "out", "--log-format", "text", "--effort", "20000"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let row = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("gen-5013.yaml") })
        #expect(row.hasPrefix("gen-5013.yaml  plan  feasible, gap 11%    123       33  564,402.19  "), "\(row)")
        #expect(r.stderr.contains("[1/1] gen-5013.yaml: feasible, gap 11%, "), "\(r.stderr)")
        let summary = try BatchCLI.json(dir.appendingPathComponent("out/summary.json"))
        let job = try #require((summary["results"] as? [[String: Any]])?.first)
        #expect(job["status"] as? String == "feasible")

        // A schedule has no gap: where it stopped (s21 at 200 units: RO and UA in
        // left_behind_days first, as ScheduleStopTests shows).
        try BatchCLI.copyRepository("Tests/IARSCoreTests/Fixtures/schedules/s21-seven-groups", to: dir)
        let s = try BatchCLI.run(
            ["batch", "s21-seven-groups/schedule.yaml", "--out", "out", "--log-format", "text", "--effort", "200"],
            cwd: dir, tag: "schedule")
        #expect(s.status == 0, "\(s.stderr)")
        let line = try #require(
            s.stdout.split(separator: "\n").first { $0.hasPrefix("schedule.yaml  ") })
        #expect(line.contains("  schedule  feasible, stopped at left_behind_days  "), "\(line)")
    }

    /// `--log-format bar` (the terminal's default) names the job being solved.
    @Test func theBarNamesTheRunningJob() throws {
        let dir = try BatchCLI.scratch("bar")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try BatchCLI.copyFixture("batch50/b02.yaml", to: input, as: "b02.yaml")
        let r = try BatchCLI.run(["batch", "in", "--out", "out", "--log-format", "bar", "--jobs", "1"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("] 0/1  0:00 · on b02.yaml"), "\(r.stderr.debugDescription)")
        let last = try #require(r.stderr.components(separatedBy: "\r\u{1B}[K").last)
        #expect(
            last.hasPrefix("[########################] 1/1  ") && last.hasSuffix("  1 optimal\n"),
            "\(last.debugDescription)")
        #expect(!last.contains(" · on "), "no job runs at the end")
    }

    /// SIGINT during a batch: the running plan stops early, its best plan is written and
    /// recorded as `interrupted`, nothing new starts, the batch exits 130.
    @Test(.tags(.slow))
    func anInterruptedJobIsRecordedAsInterrupted() throws {
        let dir = try BatchCLI.scratch("interrupt")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let large = BatchCLI.repository("Benchmarks/scenarios/L.yaml")
        try FileManager.default.copyItem(at: large, to: input.appendingPathComponent("a-large.yaml"))
        try BatchCLI.copyFixture("batch50/b02.yaml", to: input, as: "b02.yaml")
        let p = try BatchCLI.start(["batch", "in", "--out", "out", "--log-format", "text", "--jobs", "1"], cwd: dir)
        sleep(3)
        #expect(p.isRunning, "the batch ended before the signal")
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        let r = try BatchCLI.collect(p, cwd: dir)
        #expect(r.status == 130, "\(r.stderr)")
        let runs = try HistoryStore(path: dir.appendingPathComponent("out/history.sqlite").path, readOnly: true).runs()
        #expect(runs.map(\.status) == ["interrupted"], "b02.yaml was not started")
        let plan = try BatchCLI.json(dir.appendingPathComponent("out/a-large.plan.json"))
        #expect(plan["stopped_by"] as? String == "interrupt")
        // the next batch runs it again (an interrupted run is never kept as up to date)
        let again = try BatchCLI.run(
            ["batch", "in", "--out", "out", "--log-format", "text", "--effort", "1000"],
            cwd: dir, tag: "again")
        #expect(
            try HistoryStore(path: dir.appendingPathComponent("out/history.sqlite").path, readOnly: true)
                .runs().count == 3, "\(again.stderr)")
    }
}
