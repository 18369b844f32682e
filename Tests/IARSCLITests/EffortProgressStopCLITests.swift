import Foundation
import IARSCore
import Testing

/// `--effort`, the progress line on standard error and stopping on SIGINT/SIGTERM
/// (issue 19), end to end.
@Suite(.serialized) struct EffortProgressStopCLITests {
    static let albania = "scenarios/albania-2001.yaml"
    static let schedule = "scenarios/albania-2001-schedule.yaml"

    /// Help text with its line wrapping undone.
    static func help(_ arguments: [String]) throws -> String {
        let r = try CLIRunner.run(arguments)
        return r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    // MARK: - --effort

    @Test(.tags(.slow)) func effortMustBeAPositiveWholeNumberOnEveryCommand() throws {
        let commands: [[String]] = [
            ["plan", Self.albania], ["schedule", Self.schedule], ["compare", Self.albania],
            ["sweep", Self.albania, "--vary", "budget.total=18000:20000:1000"], ["export", Self.albania],
            ["batch", Self.albania, "--out", NSTemporaryDirectory() + "iars-effort-never-written"],
        ]
        for command in commands {
            for value in ["-3", "0"] {
                let r = try CLIRunner.run(command + ["--effort", value])
                #expect(r.status == 2, "\(command[0]) \(value)")
                #expect(
                    r.stderr.hasPrefix(
                        "Error: --effort must be a whole number of work units greater than 0, got \(value).\n"),
                    "\(command[0]): \(r.stderr)")
                #expect(r.stdout == "")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: NSTemporaryDirectory() + "iars-effort-never-written"))
    }

    /// The last line of `text` that the progress line wrote (warnings aside).
    static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").map(String.init).last { !$0.hasPrefix("iars: ") } ?? ""
    }

    /// `n` with thousands separators, as the help prints it.
    static func grouped(_ n: Int) -> String {
        var digits = Array(String(n))
        var i = digits.count - 3
        while i > 0 { digits.insert(",", at: i); i -= 3 }
        return String(digits)
    }

    /// The defaults in the help come from the code (SolvePolicy, Planner), not from literals.
    @Test func helpReadsTheDefaultsFromTheCode() throws {
        for command in ["plan", "schedule", "compare", "sweep", "export", "batch"] {
            let text = try Self.help([command, "--help"])
            #expect(
                text.contains(
                    "--effort <units> Stop the search after this many work units (simplex iterations and "
                        + "branch-and-cut nodes) and report the best plan found: the same answer on every machine "
                        + "(default \(Self.grouped(SolvePolicy.default.effort)); overrides options.effort)."),
                "\(command)")
        }
        let plan = try Self.help(["plan", "--help"])
        #expect(plan.contains("--time-limit <seconds> A wall-clock safety net"))
        #expect(plan.contains("--progress/--no-progress A live progress line on standard error"))
        let hidden = try Self.help(["plan", "--help-hidden"])
        #expect(hidden.contains("About how many model columns one time window plans (default 2,500)."))
        #expect(hidden.contains("start from a plan made by time windows (default 20,000)."))
    }

    @Test func effortInTheScenarioIsChecked() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "iars-effort-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOf: CLIRunner.root.appendingPathComponent(Self.albania), encoding: .utf8)
        let file = dir.appendingPathComponent("a.yaml")
        try (text + "\noptions:\n  effort: -3\n").write(to: file, atomically: true, encoding: .utf8)
        // a blank line, then options:
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count + 2
        let r = try CLIRunner.run(["plan", file.path])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("\(file.path):\(line): options.effort: must be >= 1, got -3\n"), "\(r.stderr)")
    }

    // MARK: - Progress

    /// Standard error is a pipe here: no progress unless asked; asked, one final line; standard
    /// output the same bytes either way.
    @Test func progressOnlyWhenAskedAndNeverOnStandardOutput() throws {
        let plain = try CLIRunner.run(["plan", Self.albania, "--format", "json"])
        let asked = try CLIRunner.run(["plan", Self.albania, "--format", "json", "--progress"])
        let refused = try CLIRunner.run(["plan", Self.albania, "--format", "json", "--no-progress"])
        #expect(plain.status == 0 && asked.status == 0 && refused.status == 0)
        // (The default scenario ends its year with people whose return the budget left does
        // not cover: one warning, the same with and without the line.)
        #expect(plain.stderr == refused.stderr)
        #expect(!plain.stderr.contains("plan albania-2001 ·"))
        #expect(asked.stdout == plain.stdout)
        #expect(refused.stdout == plain.stdout)
        let lines = asked.stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("plan albania-2001 · ") }
        // a line as each stage starts (first plan, the three levels), then the final one
        #expect(lines.count >= 2, "\(asked.stderr)")
        #expect(lines.first?.hasPrefix("plan albania-2001 · first plan · ") == true, "\(asked.stderr)")
        #expect(lines.contains { $0.hasPrefix("plan albania-2001 · cost · ") }, "\(asked.stderr)")
        #expect(lines.last?.hasPrefix("plan albania-2001 · optimal · ") == true, "\(asked.stderr)")
        #expect(lines.allSatisfy { $0.hasSuffix(" s") })
        #expect(!asked.stderr.contains("\r") && !asked.stderr.contains("\u{1B}"), "no terminal codes in a log")
    }

    /// Notes written while the line is shown come before it, whole.
    @Test func notesAndTheProgressLineDoNotMix() throws {
        let r = try CLIRunner.run([
            "plan", "Benchmarks/scenarios/S.yaml", "--windows-above", "10", "--format", "json",
            "--progress",
        ])
        #expect(r.status == 0)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count >= 2, "\(r.stderr)")
        #expect(lines.first?.hasPrefix("iars: note: this integer plan is large (382 columns)") == true)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("plan gen-1-g5-s3-t12 · ") }, "\(r.stderr)")
        #expect(lines.last?.hasPrefix("plan gen-1-g5-s3-t12 · optimal · ") == true, "\(r.stderr)")
    }

    @Test(.tags(.slow)) func progressOfScheduleCompareAndSweep() throws {
        let schedule = try CLIRunner.run(["schedule", Self.schedule, "--format", "json", "--progress"])
        #expect(schedule.status == 0)
        #expect(Self.lastLine(schedule.stderr).hasPrefix("schedule albania-2001 · optimal · "), "\(schedule.stderr)")
        #expect(schedule.stderr.hasPrefix("schedule albania-2001 · unassigned · "), "\(schedule.stderr)")
        let compare = try CLIRunner.run(["compare", Self.albania, "--format", "csv", "--progress"])
        let comparePlain = try CLIRunner.run(["compare", Self.albania, "--format", "csv"])
        #expect(compare.status == 0)
        #expect(compare.stdout == comparePlain.stdout)
        #expect(Self.lastLine(compare.stderr).hasPrefix("compare · 6 of 6 options planned · "), "\(compare.stderr)")
        #expect(compare.stderr.hasPrefix("option 1/6 base · first plan · "), "\(compare.stderr)")
        let sweep = try CLIRunner.run([
            "sweep", Self.albania, "--vary", "budget.total=18000:20000:1000", "--format", "csv",
            "--progress",
        ])
        #expect(sweep.status == 0)
        #expect(Self.lastLine(sweep.stderr).hasPrefix("sweep · 3 of 3 points planned · "), "\(sweep.stderr)")
        #expect(sweep.stderr.hasPrefix("point 1/3 budget.total=18000 · first plan · "), "\(sweep.stderr)")
    }

    // MARK: - Stopping

    struct Started {
        var process: Process
        var dir: URL
        var stderr: URL
    }

    /// Starts a long plan (the L benchmark, integer, no time limit) writing JSON to out.json
    /// in a new folder; standard error goes to a file there.
    static func startLongPlan() throws -> Started {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "iars-stop-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let err = dir.appendingPathComponent("stderr.txt")
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = CLIRunner.executable
        p.arguments = [
            "plan", CLIRunner.root.appendingPathComponent("Benchmarks/scenarios/L.yaml").path,
            "-o", "out.json", "--format", "json",
        ]
        p.currentDirectoryURL = dir
        p.standardOutput = FileHandle.nullDevice
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        return Started(process: p, dir: dir, stderr: err)
    }

    /// Waits up to `seconds` for `text` on the run's standard error.
    static func waitFor(_ text: String, in s: Started, seconds: Double) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if let e = try? String(contentsOf: s.stderr, encoding: .utf8), e.contains(text) { return true }
            usleep(50_000)
        }
        return false
    }

    static let stopping = "iars: stopping: writing the best plan so far (press Ctrl-C again to quit at once)\n"

    /// A second Ctrl-C (or SIGTERM) quits at once: status 130, no output file (and no temporary one).
    @Test(.tags(.slow), arguments: [SIGINT, SIGTERM])
    func aSecondSignalQuitsAtOnce(_ sig: Int32) throws {
        let s = try Self.startLongPlan()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        sleep(2)
        #expect(s.process.isRunning, "the plan ended before the signal")
        kill(s.process.processIdentifier, sig)
        #expect(Self.waitFor(Self.stopping, in: s, seconds: 10), "the first signal is acknowledged")
        kill(s.process.processIdentifier, sig)
        s.process.waitUntilExit()
        #expect(s.process.terminationReason == .exit)
        #expect(s.process.terminationStatus == 130)
        let stderr = try String(contentsOf: s.stderr, encoding: .utf8)
        #expect(stderr.components(separatedBy: "stopping:").count == 2, "said once: \(stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.dir.path) == ["stderr.txt"])
    }

    /// The first SIGINT or SIGTERM ends the search and writes the best plan so far.
    static func stopsAndWrites(_ sig: Int32) throws {
        let s = try Self.startLongPlan()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        sleep(2)
        #expect(s.process.isRunning, "the plan ended before the signal")
        kill(s.process.processIdentifier, sig)
        let deadline = Date().addingTimeInterval(60)
        while s.process.isRunning && Date() < deadline { usleep(100_000) }
        if s.process.isRunning { kill(s.process.processIdentifier, SIGKILL) }
        s.process.waitUntilExit()
        #expect(s.process.terminationReason == .exit)
        #expect(s.process.terminationStatus == 0)
        let stderr = try String(contentsOf: s.stderr, encoding: .utf8)
        #expect(stderr.contains(Self.stopping))
        let data = try Data(contentsOf: s.dir.appendingPathComponent("out.json"))
        let plan = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(plan["stopped_by"] as? String == "interrupt")
        #expect(["feasible", "time-limit"].contains(plan["status"] as? String ?? "-"))
        if plan["status"] as? String == "feasible" {
            #expect(plan["gap"] != nil)
            // An interruption ends the run: no level is searched after the one it stopped.
            #expect(plan["searched_after_stop"] as? [String] == [])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.dir.path).sorted() == ["out.json", "stderr.txt"])
    }

    @Test(.tags(.slow))
    func anInterruptWritesTheBestPlanSoFar() throws {
        try Self.stopsAndWrites(SIGINT)
    }

    @Test(.tags(.slow))
    func aTerminateWritesTheBestPlanSoFar() throws {
        try Self.stopsAndWrites(SIGTERM)
    }
}
