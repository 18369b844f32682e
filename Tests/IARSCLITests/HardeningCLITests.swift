import Foundation
import Testing

/// Hardening through the binary: `--limit`, `--suppress-below`, and what is
/// left on disk when writing fails or the process is killed.
@Suite(.serialized) struct HardeningCLITests {
    static let albania = "scenarios/albania-2001.yaml"
    static let schedule = "scenarios/albania-2001-schedule.yaml"

    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iars-hard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs the binary with extra environment variables (CLIRunner has none).
    static func run(_ arguments: [String], environment: [String: String]) throws -> (
        status: Int32, reason: Process.TerminationReason, stderr: String
    ) {
        let p = Process()
        p.executableURL = CLIRunner.executable
        p.arguments = arguments
        p.currentDirectoryURL = CLIRunner.root
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, p.terminationReason, String(decoding: data, as: UTF8.self))
    }

    // MARK: - --limit

    @Test func aLoweredModelLimitRefusesTheDefaultScenario() throws {
        let r = try CLIRunner.run(["validate", Self.albania, "--limit", "model=100"])
        #expect(r.status == 2)
        #expect(
            r.stderr.contains(
                "scenarios/albania-2001.yaml:46: groups: too large to plan: 6 groups x 2 shelters x 12 months = 144 cells "
                    + "(the limit is 100; --limit model=N raises it)"),
            "\(r.stderr)")
    }

    @Test func limitsCanBeRaisedOnEveryCommand() throws {
        for command in [
            ["validate", Self.albania], ["plan", Self.albania, "--format", "csv"],
            ["schedule", Self.schedule, "--format", "csv"],
        ] {
            let r = try CLIRunner.run(
                command + ["--limit", "model=5000000", "--limit", "input-mb=64", "--limit", "cases=1000000"])
            #expect(r.status == 0, "\(command): \(r.stderr)")
        }
    }

    @Test func aBadLimitIsAUsageError() throws {
        let r = try CLIRunner.run(["plan", Self.albania, "--limit", "month=240"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--limit: unknown limit 'month'; did you mean 'months'?"), "\(r.stderr)")
    }

    @Test func tooManyCasesForTheLimit() throws {
        let r = try CLIRunner.run(["schedule", Self.schedule, "--limit", "cases=10"])
        #expect(r.status == 2)
        #expect(
            r.stderr.contains(
                "scenarios/albania-2001-cases.csv:12: too many cases: more than 10 rows after the header "
                    + "(the limit; --limit cases=N raises it)"), "\(r.stderr)")
    }

    // MARK: - --suppress-below

    /// The JSON with `--suppress-below 5` against the full JSON: every hidden
    /// cell is one the rules hide, every shown cell is the true value, totals
    /// and month figures are the same, and no margin has a single hidden cell.
    @Test func suppressedJSONKeepsTotalsAndHidesSmallCounts() throws {
        let full = try CLIRunner.run(["plan", Self.albania, "--format", "json"])
        let safe = try CLIRunner.run(["plan", Self.albania, "--format", "json", "--suppress-below", "5"])
        #expect(full.status == 0 && safe.status == 0, "\(safe.stderr)")
        let a = try #require(try JSONSerialization.jsonObject(with: Data(full.stdout.utf8)) as? [String: Any])
        let b = try #require(try JSONSerialization.jsonObject(with: Data(safe.stdout.utf8)) as? [String: Any])
        #expect(b["suppressed_below"] as? Int == 5)
        #expect(
            NSDictionary(dictionary: a["totals"] as! [String: Any])
                == NSDictionary(dictionary: b["totals"] as! [String: Any]))
        #expect((a["months"] as! NSArray) == (b["months"] as! NSArray))
        #expect(
            NSDictionary(dictionary: a["objective"] as! [String: Any])
                == NSDictionary(dictionary: b["objective"] as! [String: Any]))

        let groupsA = a["groups"] as! [[String: Any]], groupsB = b["groups"] as! [[String: Any]]
        var hidden = 0
        for metric in ["arrivals", "admitted", "unmet", "returned", "waiting"] {
            for t in 0..<12 {
                var hiddenInMargin = 0
                for (ga, gb) in zip(groupsA, groupsB) {
                    let va = ((ga["months"] as! [[String: Any]])[t][metric] as! NSNumber).doubleValue
                    let vb = (gb["months"] as! [[String: Any]])[t][metric]
                    if let label = vb as? String {
                        // <5 when true of it; a count of 5 or more hidden beside another: suppressed
                        #expect(label == (va < 5 ? "<5" : "suppressed"), "\(metric) month \(t + 1): \(va) as \(label)")
                        hiddenInMargin += 1
                    } else {
                        #expect((vb as! NSNumber).doubleValue == va)
                        #expect(va == 0 || va >= 5, "\(metric) month \(t + 1): \(va) shown")
                    }
                }
                #expect(hiddenInMargin != 1, "\(metric) month \(t + 1): a single hidden cell")
                hidden += hiddenInMargin
            }
        }
        #expect(hidden > 0)
        // Partners: received hidden below 5, with its use and cost withheld.
        for p in b["partners"] as! [[String: Any]] {
            for m in p["months"] as! [[String: Any]] where m["received"] is String {
                #expect(m["use"] as? String == "suppressed" && m["cost"] as? String == "suppressed")
            }
        }
    }

    @Test func suppressedCSVAndTable() throws {
        let csv = try CLIRunner.run(["plan", Self.albania, "--format", "csv", "--suppress-below", "5"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines[2] == "albania-2001,suppression,,,suppressed_below,5")
        #expect(lines.contains { $0.hasPrefix("albania-2001,group,") && $0.hasSuffix(",<5") })
        #expect(!lines.contains { $0.hasPrefix("albania-2001,month,") && $0.hasSuffix(",<5") })

        let table = try CLIRunner.run(["plan", Self.albania, "--suppress-below", "5"])
        #expect(table.status == 0)
        #expect(
            table.stdout.contains("Counts per group and per country below 5 are shown as <5; totals are true totals.\n")
        )
        let full = try CLIRunner.run(["plan", Self.albania])
        // The month table is the same.
        func months(_ s: String) -> String {
            String(s[s.range(of: "Month")!.lowerBound..<s.range(of: "Cost by kind")!.lowerBound])
        }
        #expect(months(table.stdout) == months(full.stdout))

        let bad = try CLIRunner.run(["plan", Self.albania, "--suppress-below", "0"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--suppress-below must be a whole number of at least 1, got 0."))
    }

    // MARK: - Temporary files and case data

    /// Renaming onto a folder fails: exit 2 and no temporary file is left.
    @Test func aFailedWriteLeavesNoTemporaryFile() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(
            at: target.appendingPathComponent("inner"), withIntermediateDirectories: true)
        let r = try CLIRunner.run(["schedule", Self.schedule, "--format", "csv", "-o", target.path])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("iars: error: cannot write \(target.path): "), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out"])
    }

    /// Killed between writing the temporary file and renaming it: the signal
    /// handler removes it, and the process still dies of the signal.
    @Test func aKilledWriteLeavesNoTemporaryFile() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("schedule.csv")
        let r = try Self.run(
            ["schedule", Self.schedule, "--format", "csv", "-o", out.path],
            environment: ["IARS_TEST_FAULT": "signal-before-rename"])
        #expect(r.reason == .uncaughtSignal && r.status == SIGTERM, "\(r.reason.rawValue) \(r.status) \(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [])
    }

    /// A caseload with the case_id and group columns swapped: no case id is
    /// repeated in any message.
    @Test func swappedColumnsRepeatNoCaseId() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("swapped.csv")
        try Data(
            "group,case_id,shelter,ready_date,escort\nx-17,md-women,tirana,2001-03-01,no\nsecret-2,md-women,tirana,2001-03-02,no\n"
                .utf8
        )
        .write(to: csv)
        let r = try CLIRunner.run(["schedule", Self.schedule, "--cases", csv.path])
        #expect(r.status == 2)
        #expect(!r.stderr.contains("x-17") && !r.stderr.contains("secret-2"), "\(r.stderr)")
        #expect(r.stderr.contains("\(csv.path):3: case_id: duplicate of row 2"))
    }
}

extension HardeningCLITests {
    /// `-o /dev/null` once replaced the device with a regular file (the atomic
    /// rename). A FIFO stands in for the device here: it stays a FIFO and its
    /// reader gets the whole output.
    @Test func aDeviceOrFIFOIsWrittenToNotReplaced() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        final class Box: @unchecked Sendable { var data = Data() }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            if let h = FileHandle(forReadingAtPath: fifo) { box.data = h.readDataToEndOfFile() }
            done.signal()
        }
        let r = try CLIRunner.run(["plan", Self.albania, "--format", "csv", "-o", fifo])
        done.wait()
        #expect(r.status == 0, "\(r.stderr)")
        let direct = try CLIRunner.run(["plan", Self.albania, "--format", "csv"])
        #expect(String(decoding: box.data, as: UTF8.self) == direct.stdout)
        var info = stat()
        #expect(stat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["pipe"])
    }
}
