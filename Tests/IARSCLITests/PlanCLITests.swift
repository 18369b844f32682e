import Foundation
import Testing

/// End-to-end tests of the built `iars` binary.
@Suite(.serialized) struct PlanCLITests {
    static let albania = "scenarios/albania-2001.yaml"

    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iars-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func plansTheDefaultScenario() throws {
        let r = try CLIRunner.run(["plan", Self.albania, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(json["schema"] as? String == "iars.plan/1")
        #expect(json["scenario"] as? String == "albania-2001")
        #expect(json["status"] as? String == "optimal")
        let months = try #require(json["months"] as? [[String: Any]])
        #expect(months.count == 12)
        #expect(months.first?["month"] as? String == "2001-01")
        for key in ["month", "arrivals", "admitted", "unmet", "returned", "in_shelter", "cost"] {
            #expect(months[0][key] != nil, "months[0].\(key)")
        }
    }

    @Test(.tags(.slow), arguments: ["table", "json", "csv"])
    func outputIsByteIdenticalAcrossRuns(_ format: String) throws {
        let a = try CLIRunner.run(["plan", Self.albania, "--format", format])
        let b = try CLIRunner.run(["plan", Self.albania, "--format", format])
        #expect(a.status == 0)
        #expect(a.stdout == b.stdout)
        #expect(!a.stdout.isEmpty)
    }

    @Test func tableShowsTheMonthsAndCapacities() throws {
        let r = try CLIRunner.run(["plan", Self.albania])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Status: optimal"))
        #expect(r.stdout.contains("2001-12"))
        #expect(r.stdout.contains("How full"))
        #expect(r.stdout.contains("shelter beds  tirana"))
        #expect(r.stdout.contains("Budget: "))
    }

    @Test func csvIsOneTidyTable() throws {
        let r = try CLIRunner.run(["plan", Self.albania, "--format", "csv"])
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "scenario,section,id,month,metric,value")
        #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 6 })
        #expect(lines.contains("albania-2001,month,,2001-01,arrivals,8"))
    }

    @Test func outputFileIsWrittenAndNothingOnBadInput() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("plan.json").path
        let r = try CLIRunner.run(["plan", Self.albania, "--format", "json", "--output", out])
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty)
        #expect(FileManager.default.fileExists(atPath: out))

        let bad = dir.appendingPathComponent("bad.yaml")
        try "name: x\nmonths: 0\n".write(to: bad, atomically: true, encoding: .utf8)
        let out2 = dir.appendingPathComponent("plan2.json").path
        let r2 = try CLIRunner.run(["plan", bad.path, "--output", out2])
        #expect(r2.status == 2)
        #expect(!FileManager.default.fileExists(atPath: out2))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test func badInputListsEveryProblemWithLineAndKey() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("albania.yaml")
        var text = try String(contentsOf: CLIRunner.root.appendingPathComponent(Self.albania), encoding: .utf8)
        text = text.replacingOccurrences(
            of: "    beds: 14                 # assumption",
            with: "    beds: [14, 14]\n    bed: 3")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["validate", file.path])
        #expect(r.status == 2)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasSuffix("shelters[0].beds: expected 12 values (months: 12), got 2") })
        #expect(lines.contains { $0.contains("shelters[0].bed: unknown key; did you mean 'beds'?") })
        #expect(lines.last == "iars: 2 problems found; nothing was planned. Fix the input and run again.")
    }

    @Test func exitStatusOneWhenInfeasible() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("full.yaml")
        var text = try String(contentsOf: CLIRunner.root.appendingPathComponent(Self.albania), encoding: .utf8)
        text = text.replacingOccurrences(
            of: "{ shelter: tirana, count: 3, ready_month: 1 }",
            with: "{ shelter: tirana, count: 40, ready_month: 13 }")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["plan", file.path, "--format", "json"])
        #expect(r.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(json["status"] as? String == "infeasible")
        #expect(r.stderr.contains("2001-01: shelter tirana cannot hold the people already in shelter"))
    }

    @Test func commandLineMistakesExitTwo() throws {
        let r = try CLIRunner.run(["plan", Self.albania, "--format", "xml"])
        #expect(r.status == 2)
        let r2 = try CLIRunner.run(["plan", Self.albania, "--time-limit=-3"])
        #expect(r2.status == 2)
        #expect(r2.stderr.contains("--time-limit must be a number of seconds greater than 0"))
        let r3 = try CLIRunner.run(["plan", "no-such-file.yaml"])
        #expect(r3.status == 2)
        #expect(r3.stderr.hasPrefix("no-such-file.yaml: cannot read"))
    }
}

/// `iars export` and time limits through the binary.
@Suite(.serialized) struct ExportAndTimeLimitCLITests {
    /// Level 2 of the default scenario, in LP format on standard output: the unmet level
    /// is kept by a row, and the constant is a fixed column.
    @Test func exportWritesTheLevelsModel() throws {
        let r = try CLIRunner.run(["export", "scenarios/albania-2001.yaml", "--level", "2"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Minimize"))
        #expect(r.stdout.contains("keep.unmet:"))
        #expect(!r.stdout.contains("keep.waiting"))
        let bad = try CLIRunner.run(["export", "scenarios/albania-2001.yaml", "--level", "4"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--level must be 1 (unmet), 2 (waiting) or 3 (cost), got 4."))
    }

    /// The cost level of 40 x 20 x 36 under a time limit: the merged-shelter bounds and the
    /// rules' plan prove the unmet (278) and waiting (909) levels in about a second, so the
    /// exact model is written, with both levels kept at their optimum, not at a value
    /// found when the time ran out (no warning).
    static let largeExport = CLIRunner.timed([
        "export", "Benchmarks/scenarios/L.yaml", "--level", "3", "--time-limit", "20",
    ])

    @Test(.tags(.slow)) func exportOfALargePlansCostLevelUnderALimitIsExact() throws {
        let r = try Self.largeExport.get().result
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("warning"), "\(r.stderr)")
        #expect(r.stdout.contains("keep.unmet:"))
        // 909 + 1e-9 * 909 + 1e-7, the keep row's tolerance
        #expect(r.stdout.contains("<= 909.000001009\n"))
    }

    /// ... in under 15 s by the wall clock.
    @Test(.tags(.timing, .slow)) func exportOfALargePlansCostLevelUnderALimitIsQuick() throws {
        let run = try Self.largeExport.get()
        #expect(run.seconds < 15, "the export took \(run.seconds) s")
    }

    static let mediumUnderALimit = CLIRunner.timed([
        "plan", "Benchmarks/scenarios/M.yaml", "--time-limit", "5",
        "--format", "json", "--timings",
    ])

    /// The 15 x 8 x 24 benchmark plan, whose proof takes about 30 s (docs/formulation.md):
    /// with a limit of 5 s the run stops with the best plan found, status feasible, the
    /// level it stopped in and the gap.
    @Test(.tags(.slow)) func timeLimitReturnsTheBestPlanWithItsGap() throws {
        let r = try Self.mediumUnderALimit.get().result
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["status"] as? String == "feasible", "\(r.stdout.prefix(300))")
        // which level: that depends on the machine's speed (unmet takes 7-8 s on 2 cores)
        #expect(["unmet", "waiting", "cost"].contains(json["stopped_level"] as? String ?? "-"))
        let gap = try #require(json["gap"] as? Double)
        #expect(gap > 0)
        // the LP bound of the unmet level is 46.5 and the optimum 47 (HiGHS reference)
        let objective = try #require(json["objective"] as? [String: Double])
        #expect(try #require(objective["unmet"]) >= 47)
    }

    /// ... within the limit plus one second.
    @Test(.tags(.timing, .slow)) func timeLimitIsKeptOnTime() throws {
        let run = try Self.mediumUnderALimit.get()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.result.stdout.utf8)) as? [String: Any])
        // the run's own clock (reading to writing); the wall clock of the test adds process
        // start-up and whatever else the machine is doing, so it gets more room
        let total = try #require((json["seconds"] as? [String: Any])?["total"] as? Double)
        #expect(total < 6, "the plan took \(total) s with a limit of 5 s")
        #expect(run.seconds < 10, "the run took \(run.seconds) s with a limit of 5 s")
    }

    /// Time windows forced on the 15 x 8 x 24 plan (hidden flags; by default only models
    /// over 20,000 columns get them): the windows' plan is made first, its time is reported,
    /// and the run still ends within the limit with a plan no better than the optimum.
    @Test(.tags(.slow)) func timeWindowsGiveAFirstPlanWithinTheLimit() throws {
        let r = try Self.mediumInWindows.get().result
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(["feasible", "optimal"].contains(json["status"] as? String ?? "-"), "\(r.stdout.prefix(300))")
        let objective = try #require(json["objective"] as? [String: Double])
        #expect(try #require(objective["unmet"]) >= 47)
        let seconds = try #require(json["seconds"] as? [String: Any])
        #expect(try #require(seconds["first_plan"] as? Double) > 0)
        let bad = try CLIRunner.run(["plan", "Benchmarks/scenarios/M.yaml", "--window-columns", "0"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--window-columns: expected a count of columns, 1 or more; got 0."))
    }

    static let mediumInWindows = CLIRunner.timed([
        "plan", "Benchmarks/scenarios/M.yaml", "--time-limit", "5",
        "--format", "json", "--timings", "--windows-above", "0",
        "--window-columns", "400",
    ])

    /// ... within the limit plus one second, by the run's own clock.
    @Test(.tags(.timing, .slow)) func timeWindowsKeepTheLimit() throws {
        let r = try Self.mediumInWindows.get().result
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let seconds = try #require(json["seconds"] as? [String: Any])
        #expect(try #require(seconds["total"] as? Double) < 6)
    }

    /// A large integer plan with neither an effort nor a time limit given runs on the default
    /// effort: the run says so on standard error before it starts (once), and not when a
    /// limit is set or the plan is an LP relaxation. (`--windows-above 10` makes the
    /// 382-column S benchmark "large".)
    @Test func largeIntegerPlanWithoutALimitGetsANote() throws {
        let note =
            "iars: note: this integer plan is large (382 columns): its search stops at the default effort "
            + "(5,000,000 work units, a few minutes) with the best plan found and its gap to the proven bound; --effort N "
            + "gives it more or less (docs/formulation.md, \"Effort: the same answer on every machine\").\n"
        let unlimited = try CLIRunner.run([
            "plan", "Benchmarks/scenarios/S.yaml", "--windows-above", "10", "--format", "json",
        ])
        #expect(unlimited.status == 0, "\(unlimited.stderr)")
        #expect(unlimited.stderr == note)
        let limited = try CLIRunner.run([
            "plan", "Benchmarks/scenarios/S.yaml", "--windows-above", "10", "--time-limit", "30",
            "--format", "json",
        ])
        #expect(limited.status == 0)
        #expect(limited.stderr == "")
        let relaxation = try CLIRunner.run([
            "plan", "Benchmarks/scenarios/S.yaml", "--windows-above", "10",
            "--set", "options.integer=false", "--format", "json",
        ])
        #expect(relaxation.status == 0, "\(relaxation.stderr)")
        #expect(relaxation.stderr == "")
    }

    /// 40 x 20 x 36 cannot finish in 250,000 work units (its LP relaxation alone takes millions):
    /// the run still ends with a plan. The merged-shelter
    /// scenario's integer plan has 278 unmet (the HiGHS reference's LP optimum of the merged
    /// file, and the whole model's LP bound) and 909 person-months, and the rules guided by
    /// it reach both: the first two levels are proven at once, and the limit stops the
    /// search in the cost level, whose gap is to the split merged relaxation's cost bound
    /// of 12,043,781.70 USD.
    @Test(.tags(.slow)) func largePlanUnderAShortLimitEndsWithAPlan() throws {
        let r = try Self.largeUnderAShortLimit.get().result
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["status"] as? String == "feasible", "\(r.stdout.prefix(300))")
        let objective = try #require(json["objective"] as? [String: Double])
        #expect(objective["unmet"] == 278)
        #expect(objective["waiting"] == 909)
        #expect(json["stopped_level"] as? String == "cost")
        let cost = try #require(objective["cost"])
        let gap = try #require(json["gap"] as? Double)
        #expect(abs(gap - (cost - 12_043_781.70) / cost) <= 1e-6, "gap \(gap), cost \(cost)")
        let seconds = try #require(json["seconds"] as? [String: Any])
        #expect(try #require(seconds["first_plan"] as? Double) > 0)
        #expect(json["stopped_by"] as? String == "effort")
    }

    /// 250,000 units (what --time-limit 10 stands for), with a generous clock as the safety
    /// net: the effort, not the machine's speed, ends the search.
    static let largeUnderAShortLimit = CLIRunner.timed([
        "plan", "Benchmarks/scenarios/L.yaml", "--effort", "250000",
        "--time-limit", "120", "--format", "json", "--timings",
    ])

    /// ... within its clock's limit plus one second.
    @Test(.tags(.timing, .slow)) func largePlanUnderAShortLimitKeepsItsClock() throws {
        let r = try Self.largeUnderAShortLimit.get().result
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let seconds = try #require(json["seconds"] as? [String: Any])
        #expect(try #require(seconds["total"] as? Double) < 121)
    }

    /// The LP relaxation of 40 x 20 x 36 under the same limit: before, the simplex's point
    /// at the limit was the answer (at 80 x 40 x 60, nothing admitted). Now the rules follow
    /// the merged integer plan (278 unmet, 909 person-months), a point of the relaxation
    /// too, which meets the merged LP's bounds of both levels (278, and 909 less 8e-6, met to
    /// the simplex's accuracy): both are the LP's optima, and the cost level stops with its
    /// gap to the split cost bound, 12,043,781.70 (the cost level's LP optimum is 12,053,612.82).
    @Test(.tags(.slow)) func largeRelaxationUnderAShortLimitStartsFromTheFirstPlan() throws {
        let r = try CLIRunner.run([
            "plan", "Benchmarks/scenarios/L.yaml", "--set", "options.integer=false",
            "--effort", "250000", "--time-limit", "120", "--format", "json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["integer"] as? Bool == false)
        #expect(json["status"] as? String == "feasible", "\(r.stdout.prefix(300))")
        #expect(json["stopped_level"] as? String == "cost")
        let objective = try #require(json["objective"] as? [String: Double])
        #expect(abs(try #require(objective["unmet"]) - 278) <= 1e-5)
        #expect(abs(try #require(objective["waiting"]) - 909) <= 1e-5)
        let cost = try #require(objective["cost"])
        #expect(cost >= 12_053_612.82 - 0.01)
        let gap = try #require(json["gap"] as? Double)
        #expect(abs(gap - (cost - 12_043_781.70) / cost) <= 1e-6, "gap \(gap), cost \(cost)")
    }
}
