import Foundation
import IARSHistory
import Testing

/// `iars batch` and `iars history` end to end, on the 50 generated scenarios of
/// Fixtures/batch50 (44 feasible, 3 infeasible, 3 invalid; see Fixtures/README.md).
/// Serialized: each test runs whole batches, and the machine has few cores.
@Suite(.serialized)
struct BatchTests {
    struct Expected {
        var status: String
        var objective: [String: Double]?
    }

    static let expected: [String: Expected] = {
        let url = BatchCLI.fixtures.appendingPathComponent("batch50-expected.json")
        let raw = (try? JSONSerialization.jsonObject(with: Data(contentsOf: url))) as? [String: [String: Any]] ?? [:]
        return raw.mapValues {
            Expected(status: $0["status"] as! String, objective: $0["objective"] as? [String: Double])
        }
    }()

    /// Per-scenario limit: the fixtures solve in well under a second each.
    static let limit = ["--time-limit", "30"]

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(b)) }

    /// Checks one output folder and summary against the reference values.
    static func checkOutputs(_ out: URL, names: [String]) throws {
        for name in names {
            let e = try #require(expected[name])
            let stem = (name as NSString).deletingPathExtension
            let file = out.appendingPathComponent("\(stem).plan.json")
            if e.status == "invalid" {
                #expect(!FileManager.default.fileExists(atPath: file.path), "\(name): no output for invalid input")
                continue
            }
            let plan = try BatchCLI.json(file)
            #expect(plan["status"] as? String == e.status, "\(name)")
            if let eo = e.objective {
                let o = try #require(plan["objective"] as? [String: Double], "\(name)")
                for key in ["unmet", "waiting", "cost"] {
                    #expect(close(o[key] ?? .nan, eo[key]!), "\(name) \(key): \(o[key] ?? .nan) vs \(eo[key]!)")
                }
            }
        }
    }

    static func summary(_ out: URL) throws -> (top: [String: Any], results: [String: [String: Any]]) {
        let s = try BatchCLI.json(out.appendingPathComponent("summary.json"))
        let results = (s["results"] as? [[String: Any]] ?? []).reduce(into: [String: [String: Any]]()) {
            $0[$1["input"] as! String] = $1
        }
        return (s, results)
    }

    @Test func batchOfFiftyThenSkipThenForce() throws {
        let dir = try BatchCLI.scratch("fifty")
        defer { try? FileManager.default.removeItem(at: dir) }
        try BatchCLI.copyFixture("batch50", to: dir, as: "in")
        let names = Self.expected.keys.sorted()
        #expect(names.count == 50)

        let r1 = try BatchCLI.run(
            ["batch", "in", "--out", "out", "--jobs", "2", "--log-format", "text"] + Self.limit,
            cwd: dir)
        #expect(r1.status == 2, "invalid inputs give exit status 2\n\(r1.stderr)")
        let out = dir.appendingPathComponent("out")
        try Self.checkOutputs(out, names: names)
        // only finished outputs and the summary; no temporaries
        let expectedFiles =
            names.filter { Self.expected[$0]!.status != "invalid" }
            .map { ($0 as NSString).deletingPathExtension + ".plan.json" } + ["summary.json"]
        #expect(BatchCLI.files(out) == expectedFiles.sorted())

        let (top, results) = try Self.summary(out)
        #expect(top["exit_status"] as? Int == 2)
        #expect(top["jobs"] as? Int == 50)
        #expect(top["skipped"] as? Int == 0)
        #expect(top["status_counts"] as? [String: Int] == ["invalid": 3, "infeasible": 3, "optimal": 44])
        for name in names {
            let row = try #require(results[name])
            #expect(row["status"] as? String == Self.expected[name]!.status, "\(name)")
            #expect(row["skipped"] as? Bool == false)
        }
        // the invalid ones say why, with file, line and key
        let b48 = try #require(results["b48.yaml"]?["message"] as? String)
        #expect(b48.contains("b48.yaml:") && b48.contains("beds"), "\(b48)")
        let b49 = try #require(results["b49.yaml"]?["message"] as? String)
        #expect(b49.contains("shelterz"), "\(b49)")
        #expect(r1.stdout.contains("b01.yaml") && r1.stdout.contains("infeasible"))

        // history rows, one per input
        let db = dir.appendingPathComponent("out/history.sqlite").path
        let store = try HistoryStore(path: db, readOnly: true)
        let runs = try store.runs()
        #expect(runs.count == 50)
        // SHA-256 of "LENGTH:" + the file's bytes (python3: hashlib.sha256(b"%d:" % len(d) + d))
        #expect(
            runs.first { $0.input == "b01.yaml" }?.inputHash
                == "4903750c98941a43954dc3e7c24c4b6829924e8b61d6c84bf0746b92ab2b3107")
        for run in runs {
            let e = try #require(Self.expected[run.input])
            #expect(run.status == e.status, "\(run.input)")
            #expect(run.kind == "plan" && run.job == "" && run.toolVersion == "0.1.0")
            #expect(run.inputHash.count == 64)
            if let eo = e.objective {
                #expect(Self.close(run.cost ?? .nan, eo["cost"]!), "\(run.input)")
                #expect(Self.close(run.unmet ?? .nan, eo["unmet"]!), "\(run.input)")
                let plan = try BatchCLI.json(out.appendingPathComponent(run.output ?? "-"))
                #expect(run.months.count == (plan["months"] as? [Any])?.count, "\(run.input)")
                #expect(!run.months.isEmpty)
            } else {
                #expect(run.cost == nil && run.months.isEmpty)
            }
        }

        // a second run skips everything and still reports the invalid inputs
        let before = try Data(contentsOf: out.appendingPathComponent("b01.plan.json"))
        let r2 = try BatchCLI.run(
            ["batch", "in", "--out", "out", "--jobs", "2", "--log-format", "text"] + Self.limit,
            cwd: dir, tag: "run2")
        #expect(r2.status == 2)
        #expect(try Self.summary(out).top["skipped"] as? Int == 50)
        #expect(try store.runs(withMonths: false).count == 50)
        #expect(try Data(contentsOf: out.appendingPathComponent("b01.plan.json")) == before)
        #expect(r2.stderr.contains("0 to run, 50 unchanged"), "\(r2.stderr)")

        // a changed file runs again, alone
        let b02 = dir.appendingPathComponent("in/b02.yaml")
        try (String(contentsOf: b02, encoding: .utf8) + "\n# touched\n").write(
            to: b02, atomically: true, encoding: .utf8)
        let r3 = try BatchCLI.run(
            ["batch", "in", "--out", "out", "--jobs", "2", "--log-format", "text"] + Self.limit,
            cwd: dir, tag: "run3")
        #expect(r3.status == 2)
        #expect(try Self.summary(out).top["skipped"] as? Int == 49)
        #expect(try store.runs(withMonths: false).count == 51)

        // --force runs everything again, with the same results
        let r4 = try BatchCLI.run(
            ["batch", "in", "--out", "out", "--jobs", "2", "--force", "--log-format", "json"]
                + Self.limit, cwd: dir, tag: "run4")
        #expect(r4.status == 2)
        #expect(try Self.summary(out).top["skipped"] as? Int == 0)
        #expect(try store.runs(withMonths: false).count == 101)
        try Self.checkOutputs(out, names: names)
        // json log lines: one object per line
        let events = r4.stderr.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(events.filter { $0["event"] as? String == "job" }.count == 50)
        #expect(events.last?["event"] as? String == "end")
    }

    /// Waits until the history at `db` holds at least `n` runs (or `p` ends).
    static func waitForRuns(_ db: String, atLeast n: Int, while p: Process) -> Int {
        while p.isRunning {
            if FileManager.default.fileExists(atPath: db),
                let store = try? HistoryStore(path: db, readOnly: true),
                let count = try? store.runs(withMonths: false).count, count >= n
            {
                return count
            }
            usleep(20_000)
        }
        return -1
    }

    /// Fixtures/slow8: 8 LP scenarios of a few tenths of a second each, so a batch lasts long enough to interrupt.
    static let slowNames = (1...8).map { "slow\($0).yaml" }

    @Test func sigkillMidRunLosesNothingFinished() throws {
        let dir = try BatchCLI.scratch("kill")
        defer { try? FileManager.default.removeItem(at: dir) }
        try BatchCLI.copyFixture("slow8", to: dir, as: "in")
        let db = dir.appendingPathComponent("out/history.sqlite").path
        let p = try BatchCLI.start(
            ["batch", "in", "--out", "out", "--jobs", "1", "--log-format", "text"] + Self.limit,
            cwd: dir)
        let seen = Self.waitForRuns(db, atLeast: 2, while: p)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(seen >= 2, "the batch ended before it could be killed")
        #expect(p.terminationReason == .uncaughtSignal)

        let out = dir.appendingPathComponent("out")
        let runs = try HistoryStore(path: db, readOnly: true).runs()
        #expect(runs.count >= 2 && runs.count < 8, "\(runs.count) recorded")
        // every recorded result has its complete output; every output file is complete
        for run in runs {
            let plan = try BatchCLI.json(out.appendingPathComponent(try #require(run.output)))
            #expect(plan["status"] as? String == run.status)
            #expect(run.months.count == 12)
        }
        for f in BatchCLI.files(out) where !f.hasPrefix(".") {
            #expect(f.hasSuffix(".plan.json"), "\(f)")
            let plan = try BatchCLI.json(out.appendingPathComponent(f))
            #expect(plan["schema"] as? String == "iars.plan/1", "\(f) is complete")
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.json").path))

        // the next run skips what was recorded, does the rest and removes stale temporaries
        let r = try BatchCLI.run(
            ["batch", "in", "--out", "out", "--jobs", "2", "--log-format", "text"] + Self.limit,
            cwd: dir, tag: "resume")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.summary(out).top["skipped"] as? Int == runs.count)
        #expect(
            BatchCLI.files(out)
                == (Self.slowNames.map { ($0 as NSString).deletingPathExtension + ".plan.json" }
                + ["summary.json"]).sorted())
        #expect(try HistoryStore(path: db, readOnly: true).runs().count == 8)
    }

    @Test func sigintStopsAfterTheRunningSolves() throws {
        let dir = try BatchCLI.scratch("int")
        defer { try? FileManager.default.removeItem(at: dir) }
        try BatchCLI.copyFixture("slow8", to: dir, as: "in")
        let db = dir.appendingPathComponent("out/history.sqlite").path
        let p = try BatchCLI.start(
            ["batch", "in", "--out", "out", "--jobs", "2", "--log-format", "text"] + Self.limit,
            cwd: dir)
        let seen = Self.waitForRuns(db, atLeast: 2, while: p)
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        let r = try BatchCLI.collect(p, cwd: dir)
        #expect(seen >= 2, "the batch ended before the signal")
        #expect(r.status == 130, "\(r.stderr)")
        #expect(r.stderr.contains("stopping"))
        let out = dir.appendingPathComponent("out")
        let (top, results) = try Self.summary(out)
        #expect(top["interrupted"] as? Bool == true)
        let runs = try HistoryStore(path: db, readOnly: true).runs()
        let done = results.values.filter { $0["status"] as? String != "not-run" }
        #expect(done.count == runs.count, "every finished job recorded")
        #expect(runs.count >= 2 && runs.count < 8)
        #expect(results.count == 8)
        for run in runs {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(run.output ?? "-").path))
        }
        #expect(BatchCLI.files(out).count == runs.count + 1, "outputs of finished jobs and the summary only")
    }

    @Test func twoWritersOnOneDatabase() throws {
        let dir = try BatchCLI.scratch("writers")
        defer { try? FileManager.default.removeItem(at: dir) }
        try BatchCLI.copyFixture("batch50", to: dir, as: "in")
        let args = ["--db", "history.sqlite", "--jobs", "1", "--force", "--log-format", "text"] + Self.limit
        let a = try BatchCLI.start(["batch", "in", "--out", "outA"] + args, cwd: dir, tag: "a")
        let b = try BatchCLI.start(["batch", "in", "--out", "outB"] + args, cwd: dir, tag: "b")
        a.waitUntilExit()
        b.waitUntilExit()
        let ra = try BatchCLI.collect(a, cwd: dir, tag: "a"), rb = try BatchCLI.collect(b, cwd: dir, tag: "b")
        #expect(ra.status == 2 && rb.status == 2, "\(ra.stderr)\n\(rb.stderr)")
        #expect(!ra.stderr.contains("cannot record") && !rb.stderr.contains("cannot record"))
        let runs = try HistoryStore(path: dir.appendingPathComponent("history.sqlite").path, readOnly: true).runs()
        #expect(runs.count == 100)
        #expect(Set(runs.map(\.batchID)).count == 2)
        #expect(Set(runs.map(\.runID)).count == 100)
        try Self.checkOutputs(dir.appendingPathComponent("outA"), names: Self.expected.keys.sorted())
        try Self.checkOutputs(dir.appendingPathComponent("outB"), names: Self.expected.keys.sorted())
    }

    /// What must agree between a sharded and an unsharded run.
    static func fingerprint(_ runs: [RunRecord]) -> [String] {
        runs.map { r in
            let months = r.months.map { "\($0.month):\($0.admitted):\($0.unmet):\($0.returned):\($0.cost)" }
            return "\(r.displayName)|\(r.kind)|\(r.status)|\(r.inputHash)|\(r.optionsHash)|"
                + "\(r.unmet.map { String(format: "%.6f", $0) } ?? "-")|\(r.cost.map { String(format: "%.4f", $0) } ?? "-")|"
                + months.joined(separator: ",")
        }.sorted()
    }

    @Test func threeShardsAndImportEqualOneRun() throws {
        let dir = try BatchCLI.scratch("shards")
        defer { try? FileManager.default.removeItem(at: dir) }
        try BatchCLI.copyFixture("batch50", to: dir, as: "in")
        let whole = try BatchCLI.run(
            [
                "batch", "in", "--out", "whole", "--db", "whole.sqlite", "--jobs", "2",
                "--log-format", "text",
            ] + Self.limit, cwd: dir, tag: "whole")
        #expect(whole.status == 2)
        var sizes: [Int] = []
        for i in 0..<3 {
            let r = try BatchCLI.run(
                [
                    "batch", "in", "--out", "shards", "--db", "shard\(i).sqlite", "--shard", "\(i)/3",
                    "--jobs", "2", "--log-format", "text",
                ] + Self.limit, cwd: dir, tag: "shard\(i)")
            #expect(r.status == 2 || r.status == 1 || r.status == 0)
            sizes.append(
                try HistoryStore(path: dir.appendingPathComponent("shard\(i).sqlite").path, readOnly: true)
                    .runs(withMonths: false).count)
        }
        #expect(sizes == [17, 17, 16])
        let imp = try BatchCLI.run(
            [
                "history", "import", "--db", "merged.sqlite", "shard0.sqlite", "shard1.sqlite",
                "shard2.sqlite",
            ], cwd: dir, tag: "import")
        #expect(imp.status == 0, "\(imp.stderr)")
        #expect(imp.stdout.contains("shard0.sqlite: 17 runs added, 0 already present"))
        // importing again adds nothing
        let again = try BatchCLI.run(
            ["history", "import", "--db", "merged.sqlite", "shard1.sqlite"], cwd: dir,
            tag: "again")
        #expect(again.stdout.contains("shard1.sqlite: 0 runs added, 17 already present"))

        let merged = try HistoryStore(path: dir.appendingPathComponent("merged.sqlite").path, readOnly: true).runs()
        let one = try HistoryStore(path: dir.appendingPathComponent("whole.sqlite").path, readOnly: true).runs()
        #expect(merged.count == 50)
        #expect(Self.fingerprint(merged) == Self.fingerprint(one))
        // the shards' outputs together are the unsharded run's, byte for byte
        let wholeFiles = BatchCLI.files(dir.appendingPathComponent("whole")).filter { $0 != "summary.json" }
        let shardFiles = BatchCLI.files(dir.appendingPathComponent("shards")).filter { $0 != "summary.json" }
        #expect(wholeFiles == shardFiles)
        for f in wholeFiles {
            #expect(
                try Data(contentsOf: dir.appendingPathComponent("whole/\(f)"))
                    == Data(contentsOf: dir.appendingPathComponent("shards/\(f)")), "\(f)")
        }
    }

    @Test func historyListAndDiff() throws {
        let dir = try BatchCLI.scratch("diff")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for name in ["b01.yaml", "b02.yaml", "b03.yaml"] {
            try BatchCLI.copyFixture("batch50/\(name)", to: input, as: name)
        }
        let r1 = try BatchCLI.run(
            ["batch", "in", "--out", "out", "--label", "week1", "--log-format", "text"]
                + Self.limit, cwd: dir)
        #expect(r1.status == 0, "\(r1.stderr)")
        // fewer beds in b02's first shelter: something changes
        let b02 = input.appendingPathComponent("b02.yaml")
        let text = try String(contentsOf: b02, encoding: .utf8)
        let changed = text.replacingOccurrences(of: #"beds: (\d+)"#, with: "beds: 1", options: .regularExpression)
        #expect(changed != text)
        try changed.write(to: b02, atomically: true, encoding: .utf8)
        let r2 = try BatchCLI.run(
            ["batch", "in", "--out", "out", "--label", "week2", "--log-format", "text"]
                + Self.limit, cwd: dir, tag: "run2")
        #expect(r2.status == 0 || r2.status == 1)

        let db = ["--db", "out/history.sqlite"]
        let list = try BatchCLI.run(["history"] + db, cwd: dir, tag: "list")
        #expect(list.status == 0)
        #expect(list.stdout.contains("4 runs"), "\(list.stdout)")
        let one = try BatchCLI.run(["history", "list", "--scenario", "b02"] + db, cwd: dir, tag: "list2")
        #expect(one.stdout.contains("2 runs"), "\(one.stdout)")

        let diff = try BatchCLI.run(["history", "diff", "week1", "week2"] + db, cwd: dir, tag: "diff")
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("Changes from week1 to week2: 1 changed, 2 unchanged"), "\(diff.stdout)")
        #expect(diff.stdout.contains("b02.yaml"))
        #expect(!diff.stdout.contains("b01.yaml"))

        let since = try BatchCLI.run(
            ["history", "diff", "--since", "7d", "--format", "json"] + db, cwd: dir,
            tag: "since")
        let obj = try JSONSerialization.jsonObject(with: Data(since.stdout.utf8)) as? [String: Any]
        #expect((obj?["changes"] as? [Any])?.count == 3, "all three are new in the last 7 days")

        let html = try BatchCLI.run(["history", "--html", "report.html"] + db, cwd: dir, tag: "html")
        #expect(html.status == 0, "\(html.stderr)")
        let page = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(page.contains("<h2>b02.yaml</h2>") && page.contains("2 runs"))
        #expect(page.components(separatedBy: "<svg").count - 1 == 9, "three charts for each of three jobs")

        let bad = try BatchCLI.run(["history", "diff", "nosuch", "week2"] + db, cwd: dir, tag: "bad")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("no batch nosuch"))
    }

    @Test func schedulesAreToldFromScenariosByContent() throws {
        let dir = try BatchCLI.scratch("sched")
        defer { try? FileManager.default.removeItem(at: dir) }
        try BatchCLI.copyFixture("schedule", to: dir, as: "in")
        let r = try BatchCLI.run(["batch", "in", "--out", "out", "--log-format", "text"] + Self.limit, cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let out = dir.appendingPathComponent("out")
        #expect(BatchCLI.files(out) == ["scenario.plan.json", "schedule.schedule.json", "summary.json"])
        let sched = try BatchCLI.json(out.appendingPathComponent("schedule.schedule.json"))
        #expect(sched["status"] as? String == "optimal")
        let attrs = try FileManager.default.attributesOfItem(
            atPath: out.appendingPathComponent("schedule.schedule.json").path)
        #expect((attrs[.posixPermissions] as? Int) == 0o600, "case ids: owner only")
        let runs = try HistoryStore(path: dir.appendingPathComponent("out/history.sqlite").path, readOnly: true).runs()
        #expect(Set(runs.map(\.kind)) == ["plan", "schedule"])
        // the schedule's hash covers its scenario and caseload: touching the CSV reruns it only
        let csv = dir.appendingPathComponent("in/cases.csv")
        let cases = try String(contentsOf: csv, encoding: .utf8)
        try cases.replacingOccurrences(of: "C-00001,", with: "C-00001X,").write(
            to: csv, atomically: true, encoding: .utf8)
        let r2 = try BatchCLI.run(
            ["batch", "in", "--out", "out", "--log-format", "text"] + Self.limit, cwd: dir,
            tag: "run2")
        #expect(try Self.summary(out).top["skipped"] as? Int == 1, "\(r2.stderr)")
    }

    /// A scenario with variants is planned once per variant, each to its own file, and
    /// each variant's plan is the one `iars plan --variant NAME` gives.
    @Test(.tags(.slow)) func variantsAreJobsOfTheirOwn() throws {
        let dir = try BatchCLI.scratch("variants")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let shipped = BatchCLI.repository("scenarios/albania-2001.yaml")
        try FileManager.default.copyItem(at: shipped, to: input.appendingPathComponent("albania.yaml"))
        let r = try BatchCLI.run(["batch", "in", "--out", "out", "--log-format", "text"] + Self.limit, cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let out = dir.appendingPathComponent("out")
        let names = ["bigger-budget", "charter-chisinau", "no-vlora", "second-shelter", "ukraine-surge"]
        #expect(
            BatchCLI.files(out)
                == (["albania.plan.json"] + names.map { "albania.\($0).plan.json" }
                + ["summary.json"]).sorted())
        let variant = try BatchCLI.json(out.appendingPathComponent("albania.ukraine-surge.plan.json"))
        let single = try BatchCLI.run(
            ["plan", "in/albania.yaml", "--variant", "ukraine-surge", "--format", "json"]
                + Self.limit, cwd: dir, tag: "plan")
        let planned = try #require(try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? [String: Any])
        #expect((variant["objective"] as? [String: Double]) == (planned["objective"] as? [String: Double]))
    }

    @Test func crashGuardLeavesOutAnInputThatKilledTwoBatches() throws {
        let dir = try BatchCLI.scratch("guard")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try BatchCLI.copyFixture("batch50/b02.yaml", to: input, as: "b02.yaml")
        let first = try BatchCLI.run(["batch", "in", "--out", "out", "--log-format", "text"] + Self.limit, cwd: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let db = dir.appendingPathComponent("out/history.sqlite").path
        let optionsHash = try #require(try HistoryStore(path: db, readOnly: true).runs().first?.optionsHash)
        // two earlier batches (on another machine) began b01.yaml and never recorded it
        try BatchCLI.copyFixture("batch50/b01.yaml", to: input, as: "b01.yaml")
        let b01Hash = "4903750c98941a43954dc3e7c24c4b6829924e8b61d6c84bf0746b92ab2b3107"
        let store = try HistoryStore(path: db)
        for (i, batch) in ["20261101-000000-aaaa", "20261108-000000-bbbb"].enumerated() {
            try store.begin(
                .init(
                    attemptID: "\(batch)/b01.yaml", batchID: batch, input: "b01.yaml", job: "",
                    inputHash: b01Hash, optionsHash: optionsHash, host: "elsewhere", pid: Int32(100 + i),
                    startedAt: Date()))
        }
        try store.close()
        let r = try BatchCLI.run(
            ["batch", "in", "--out", "out", "--log-format", "text"] + Self.limit, cwd: dir,
            tag: "guarded")
        #expect(r.status == 2, "\(r.stderr)")
        let (_, results) = try Self.summary(dir.appendingPathComponent("out"))
        #expect(results["b01.yaml"]?["status"] as? String == "error")
        let message = results["b01.yaml"]?["message"] as? String ?? ""
        #expect(
            message.hasPrefix("left out: 2 earlier batches (20261101-000000-aaaa, 20261108-000000-bbbb)"), "\(message)")
        #expect(results["b02.yaml"]?["skipped"] as? Bool == true)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/b01.plan.json").path))
        // --force tries again; a success ends the old attempts, so the next run skips it
        let forced = try BatchCLI.run(
            ["batch", "in", "--out", "out", "--force", "--log-format", "text"] + Self.limit,
            cwd: dir, tag: "forced")
        #expect(forced.status == 0, "\(forced.stderr)")
        let again = try BatchCLI.run(
            ["batch", "in", "--out", "out", "--log-format", "text"] + Self.limit, cwd: dir,
            tag: "again")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.summary(dir.appendingPathComponent("out")).top["skipped"] as? Int == 2)
    }

    @Test func badArguments() throws {
        let dir = try BatchCLI.scratch("args")
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try BatchCLI.run(["batch", "nosuch", "--out", "out"], cwd: dir)
        #expect(a.status == 2)
        #expect(a.stderr.contains("nosuch: no such file or folder"))
        let b = try BatchCLI.run(["batch", ".", "--out", "out", "--shard", "3/3"], cwd: dir, tag: "b")
        #expect(b.status == 2)
        #expect(b.stderr.contains("--shard: expected I/N with 0 <= I < N"))
        let twins = dir.appendingPathComponent("twins")
        try FileManager.default.createDirectory(at: twins, withIntermediateDirectories: true)
        try BatchCLI.copyFixture("batch50/b01.yaml", to: twins, as: "a.yaml")
        try BatchCLI.copyFixture("batch50/b05.json", to: twins, as: "a.json")
        let c = try BatchCLI.run(["batch", "twins", "--out", "out"], cwd: dir, tag: "c")
        #expect(c.status == 2)
        #expect(c.stderr.contains("a.json and a.yaml would both write a.plan.json"), "\(c.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/a.plan.json").path))
    }
}
