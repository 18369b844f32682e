import Foundation
import Testing

/// `iars risk` end to end: the report's numbers are those of planning the written futures
/// one by one with `iars plan`; shards merged give the unsharded bytes; bad input exits 2.
@Suite struct RiskCLITests {
    static let fixtures = (1...10).map { String(format: "Tests/IARSCoreTests/Fixtures/risk/risk-%02d.yaml", $0) }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iars-risk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Nearest rank: the value at rank ceil(q N) of the sorted values.
    static func rank(_ values: [Double], _ percent: Int) -> Double {
        let s = values.sorted()
        return s.isEmpty ? 0 : s[max(1, (percent * s.count + 99) / 100) - 1]
    }

    static func wilson(_ k: Int, _ n: Int) -> (Double, Double) {
        let z = 1.959963984540054, p = Double(k) / Double(n), nn = Double(n)
        let d = 1 + z * z / nn
        let c = (p + z * z / (2 * nn)) / d
        let h = z * (p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot() / d
        return (max(0, c - h), min(1, c + h))
    }

    /// What the report should say, from the plans of the written futures.
    struct Expected {
        var values: [String: Double] = [:]
        var statuses: [String] = []
    }

    static func expected(plans: [[String: Any]], groups: Int) -> Expected {
        func d(_ any: Any?) -> Double { (any as? NSNumber)?.doubleValue ?? .nan }
        var e = Expected()
        let planned = plans.filter { $0["objective"] is [String: Any] }
        let n = plans.count
        let obj = planned.map { $0["objective"] as! [String: Any] }
        let unmet = obj.map { d($0["unmet"]) }
        let served = unmet.filter { $0 <= 1e-6 }.count  // LP noise counts as 0, as in the report
        let (lo, hi) = wilson(served, n)
        e.values["served_all.share"] = Double(served) / Double(n)
        e.values["served_all.low"] = lo
        e.values["served_all.high"] = hi
        let totals = planned.map { $0["totals"] as! [String: Any] }
        let series: [(String, [Double], Bool)] = [
            ("unmet", unmet, true), ("unmet_cases", totals.map { d($0["unmet"]) }, true),
            ("waiting", obj.map { d($0["waiting"]) }, false), ("cost", obj.map { d($0["cost"]) }, false),
        ]
        for (key, v, full) in series {
            e.values[key + ".mean"] = v.isEmpty ? 0 : v.reduce(0, +) / Double(v.count)
            e.values[key + ".p50"] = rank(v, 50)
            e.values[key + ".p90"] = rank(v, 90)
            if full {
                e.values[key + ".p95"] = rank(v, 95)
                e.values[key + ".max"] = v.max() ?? 0
            }
        }
        let binding = zip(planned, totals).filter { p, t in
            let cost = d(t["cost"])
            if let total = t["budget_total"] as? NSNumber, cost >= total.doubleValue * (1 - 1e-6) { return true }
            return (p["months"] as! [[String: Any]]).contains { m in
                (m["budget"] as? NSNumber).map { d(m["cost"]) >= $0.doubleValue * (1 - 1e-6) } ?? false
            }
        }.count
        e.values["budget_binding"] = planned.isEmpty ? 0 : Double(binding) / Double(planned.count)
        for g in 0..<groups {
            let u = planned.map { p in
                ((p["groups"] as! [[String: Any]])[g]["months"] as! [[String: Any]]).reduce(0.0) { $0 + d($1["unmet"]) }
            }
            e.values["groups.\(g).mean_unmet"] = u.reduce(0, +) / Double(max(1, u.count))
            e.values["groups.\(g).share_any"] = Double(u.filter { $0 > 1e-6 }.count) / Double(max(1, u.count))
        }
        let months = (planned.first?["months"] as? [[String: Any]])?.count ?? 0
        for t in 0..<months {
            let v = planned.map { d(($0["months"] as! [[String: Any]])[t]["in_shelter"]) }
            e.values["in_shelter.\(t).p10"] = rank(v, 10)
            e.values["in_shelter.\(t).p50"] = rank(v, 50)
            e.values["in_shelter.\(t).p90"] = rank(v, 90)
        }
        e.statuses = plans.map { $0["status"] as! String }
        capacities(planned, into: &e)
        return e
    }

    /// Each capacity's share of the futures in which it is full in some month, from the plans'
    /// JSON (a route's seats per departure from a month with departures).
    static func capacities(_ planned: [[String: Any]], into e: inout Expected) {
        func d(_ any: Any?) -> Double { (any as? NSNumber)?.doubleValue ?? .nan }
        func full(_ pairs: [(Double, Double)]) -> Bool { pairs.contains { $0.1 > 0 && $0.0 / $0.1 >= 1 - 1e-6 } }
        var counts: [String: Int] = [:]
        var order: [String] = []
        for p in planned {
            var flags: [(String, Bool)] = []
            for s in p["shelters"] as! [[String: Any]] {
                let m = s["months"] as! [[String: Any]]
                flags.append(("shelter:\(s["id"]!)", full(m.map { (d($0["occupancy"]), d($0["beds"])) })))
            }
            for s in p["medical"] as! [[String: Any]] {
                let m = s["months"] as! [[String: Any]]
                flags.append(("medical:\(s["id"]!)", full(m.map { (d($0["screenings"]), d($0["slots"])) })))
            }
            for s in p["routes"] as! [[String: Any]] {
                let m = s["months"] as! [[String: Any]]
                let spd = m.first { d($0["departures"]) > 0 }.map { d($0["seats"]) / d($0["departures"]) } ?? 0
                flags.append(
                    ("route:\(s["id"]!)", full(m.map { (d($0["returned"]), d($0["departures_available"]) * spd) })))
            }
            for s in p["partners"] as! [[String: Any]] {
                let m = s["months"] as! [[String: Any]]
                flags.append(("partner:\(s["id"]!)", full(m.map { (d($0["received"]), d($0["slots"])) })))
            }
            if order.isEmpty { order = flags.map(\.0) }
            for (k, f) in flags where f { counts[k, default: 0] += 1 }
        }
        for k in order { e.values["capacity.\(k)"] = Double(counts[k] ?? 0) / Double(planned.count) }
    }

    /// The same keys, read from the risk report.
    static func reported(_ r: [String: Any]) -> [String: Double] {
        func d(_ any: Any?) -> Double { (any as? NSNumber)?.doubleValue ?? .nan }
        var out: [String: Double] = [:]
        let served = r["served_all"] as! [String: Any]
        for k in ["share", "low", "high"] { out["served_all.\(k)"] = d(served[k]) }
        for key in ["unmet", "unmet_cases", "waiting", "cost"] {
            for (k, v) in r[key] as! [String: Any] { out["\(key).\(k)"] = d(v) }
        }
        out["budget_binding"] = d(r["budget_binding"])
        for (g, group) in (r["groups"] as! [[String: Any]]).enumerated() {
            out["groups.\(g).mean_unmet"] = d(group["mean_unmet"])
            out["groups.\(g).share_any"] = d(group["share_any"])
        }
        for c in r["capacities"] as! [[String: Any]] {
            out["capacity.\(c["kind"]!):\(c["id"]!)"] = d(c["share_full"])
        }
        for (t, band) in (r["in_shelter"] as! [[String: Any]]).enumerated() {
            for k in ["p10", "p50", "p90"] { out["in_shelter.\(t).\(k)"] = d(band[k]) }
        }
        return out
    }

    @Test(
        "for each of 10 generated scenarios, risk's numbers are those of iars plan on the written futures",
        .tags(.slow), arguments: fixtures)
    func sameAsPlanningEachFuture(_ file: String) throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Every third fixture has buy options: evaluate a purchase of one block of the first.
        let text = try String(contentsOf: CLIRunner.root.appendingPathComponent(file), encoding: .utf8)
        let buy = text.contains("\nbuy:") ? ["--buy", "annex=1"] : []
        let report = try CLIRunner.run(["risk", file, "--format", "json", "--jobs", "2"] + buy)
        #expect(report.status == 0, "\(report.stderr)")
        let r = try json(report.stdout)
        let written = try CLIRunner.run(["risk", file, "--write-futures", dir.path] + buy)
        #expect(written.status == 0, "\(written.stderr)")
        let n = try #require(r["n_futures"] as? Int)
        var plans: [[String: Any]] = []
        for f in 1...n {
            let path = dir.appendingPathComponent(String(format: "future-%05d.yaml", f)).path
            let p = try CLIRunner.run(["plan", path, "--format", "json"])
            plans.append(try json(p.stdout))
        }
        let futures = try #require(r["futures"] as? [[String: Any]])
        for (o, p) in zip(futures, plans) {
            let obj = p["objective"] as? [String: Any]
            #expect(o["status"] as? String == p["status"] as? String)
            for k in ["unmet", "waiting", "cost"] {
                #expect(
                    (o[k] as? NSNumber)?.doubleValue == (obj?[k] as? NSNumber)?.doubleValue,
                    "future \(o["future"]!) \(k)")
            }
        }
        let groups = (r["groups"] as? [[String: Any]])?.count ?? 0
        let expected = Self.expected(plans: plans, groups: groups)
        let got = Self.reported(r)
        #expect(Set(got.keys) == Set(expected.values.keys))
        for (key, value) in expected.values.sorted(by: { $0.key < $1.key }) {
            // The report prints 6 decimals.
            #expect(
                abs((got[key] ?? .nan) - value) <= 5e-7,
                "\(file): \(key) reported \(got[key] ?? .nan), expected \(value)")
        }
        #expect(futures.map { $0["status"] as? String } == expected.statuses.map { $0 })
    }

    @Test("shards merged give the bytes of one run, whatever the order of the files and the --jobs", .tags(.slow))
    func shardsMerge() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = "Tests/IARSCoreTests/Fixtures/risk/risk-02.yaml"
        let one = try CLIRunner.run(["risk", file, "--format", "json", "--jobs", "1"])
        #expect(one.status == 0)
        var parts: [String] = []
        for i in 1...3 {
            let part = dir.appendingPathComponent("part-\(i).json").path
            let r = try CLIRunner.run(["risk", file, "--shard", "\(i)/3", "--jobs", "\(i)", "-o", part])
            #expect(r.status == 0, "\(r.stderr)")
            parts.append(part)
        }
        for format in ["json", "csv", "table"] {
            let whole = try CLIRunner.run(["risk", file, "--format", format, "--jobs", "2"])
            let merged = try CLIRunner.run(["risk", "--format", format, "--merge"] + parts.reversed())
            #expect(merged.status == 0, "\(merged.stderr)")
            #expect(merged.stdout == whole.stdout, "\(format)")
        }
        // A shard of another run (another effort budget per future) is refused.
        let other = dir.appendingPathComponent("other.json").path
        _ = try CLIRunner.run(["risk", file, "--shard", "2/3", "--effort", "900000", "-o", other])
        let mixed = try CLIRunner.run(["risk", "--merge", parts[0], other, parts[2]])
        #expect(mixed.status == 2)
        #expect(mixed.stderr.hasPrefix("\(other): from another run than \(parts[0])"))
        let missing = try CLIRunner.run(["risk", "--merge", parts[0], parts[2]])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("--merge: missing shards: 2/3\n"))
    }

    @Test("bad input ends with every problem, exit status 2 and no output")
    func badInput() throws {
        let r = try CLIRunner.run(["risk", "scenarios/albania-2001.yaml", "--buy", "tirana-anex=1,chisinau-charter=4"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(
            r.stderr == """
                --buy: chisinau-charter: blocks must be 0...1 (the option's max), got 4
                --buy: tirana-anex: unknown buy option 'tirana-anex'; did you mean 'tirana-annex'? (options: tirana-annex, chisinau-charter, md-partner-place)
                iars: 2 problems found; nothing was planned. Fix the input and run again.

                """)
        let plain = try CLIRunner.run(["risk", "scenarios/albania-2001-tight-budget.yaml"])
        #expect(plain.status == 2)
        #expect(
            plain.stderr.hasPrefix(
                "scenarios/albania-2001-tight-budget.yaml: no 'uncertainty:' section: every future would be the arrivals as written"
            ))
        let shard = try CLIRunner.run(["risk", "scenarios/albania-2001.yaml", "--shard", "4/3"])
        #expect(shard.status == 2)
        #expect(shard.stderr.contains("--shard: expected I/N with 1 <= I <= N, e.g. 2/8; got '4/3'."))
    }

    @Test("albania-2001: 10 futures with a purchase, the table's head and the written future's arrivals", .tags(.slow))
    func albania() throws {
        let r = try CLIRunner.run([
            "risk", "scenarios/albania-2001.yaml", "--futures", "10", "--buy", "tirana-annex=1", "--format", "json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try json(r.stdout)
        #expect(j["schema"] as? String == "iars.risk/1")
        #expect(j["n_futures"] as? Int == 10)
        #expect(j["purchase_cost"] as? Int == 1500)
        #expect((j["futures"] as? [Any])?.count == 10)
    }
}

/// `iars risk` on a changed scenario: `--set` gives the report of the file edited by hand.
@Suite struct RiskChangesCLITests {
    @Test("risk --set services.guardians.capacity=4 equals risk on a copy of the file with 4", .tags(.slow))
    func setEqualsTheEditedFile() throws {
        let file = "scenarios/albania-2001.yaml"
        let text = try String(contentsOf: CLIRunner.root.appendingPathComponent(file), encoding: .utf8)
        let old = "  - id: guardians            # a legal guardian for every minor\n    capacity: 2 "
        #expect(text.contains(old))
        let dir = try RiskCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("albania-2001.yaml")
        try text.replacingOccurrences(of: old, with: old.replacingOccurrences(of: "capacity: 2 ", with: "capacity: 4 "))
            .write(to: copy, atomically: true, encoding: .utf8)
        let changed = try CLIRunner.run([
            "risk", file, "--set", "services.guardians.capacity=4", "--futures", "30", "--format", "json",
        ])
        let edited = try CLIRunner.run(["risk", copy.path, "--futures", "30", "--format", "json"])
        #expect(changed.status == 0 && edited.status == 0)
        #expect(changed.stdout == edited.stdout)
        let base = try CLIRunner.run(["risk", file, "--futures", "30", "--format", "json"])
        #expect(base.stdout != changed.stdout, "a second guardian changes the report")
    }

    @Test("--write-futures refuses --set: the futures are written from the file's own document")
    func writeFuturesRefusesChanges() throws {
        let r = try CLIRunner.run([
            "risk", "scenarios/albania-2001.yaml", "--set", "budget.total=30000", "--write-futures", "/tmp/iars-never",
        ])
        #expect(r.status == 2)
        #expect(
            r.stderr.contains(
                "--write-futures writes the file's own futures: put the --variant, --set or --scale into a copy of the file first."
            ))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/iars-never"))
    }
}
