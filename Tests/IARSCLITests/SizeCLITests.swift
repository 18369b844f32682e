import Foundation
import Testing

/// `iars size` end to end: the JSON contract, agreement with `iars risk --buy` at the
/// chosen purchase, the out-of-sample report, `--write-scenario` for `compare`, refusals.
@Suite struct SizeCLITests {
    /// 2 groups, 6 months, 20 futures, three buy options (Tests/IARSCoreTests/Fixtures/size).
    static let file = "Tests/IARSCoreTests/Fixtures/size/size-04.yaml"

    static func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    /// The chosen purchase's in-sample means are what `iars risk --buy K --lp` reports over
    /// the same futures (the model's optimum is the best such report; SizeBruteForceTests
    /// checks that against every purchase).
    @Test(.tags(.slow)) func agreesWithRiskAtThePurchase() throws {
        let r = try CLIRunner.run(["size", Self.file, "--format", "json", "--in-sample-only"])
        #expect(r.status == 0, "\(r.stderr)")
        let size = try Self.json(r.stdout)
        #expect(size["schema"] as? String == "iars.size/1")
        #expect(size["status"] as? String == "optimal")
        #expect(size["n_futures"] as? Double == 20)
        #expect(size["out_of_sample"] is NSNull)
        let buy = try #require(size["buy"] as? [[String: Any]])
        #expect(buy.map { $0["id"] as? String } == ["annex", "clinic-hours", "partner-plus"])
        let cost = buy.reduce(0.0) { $0 + ($1["cost"] as? Double ?? 0) }
        #expect(abs((size["purchase_cost"] as? Double ?? -1) - cost) < 1e-9)
        let purchase = buy.map { "\($0["id"] as! String)=\(Int($0["blocks"] as! Double))" }.joined(separator: ",")
        let risk = try Self.json(
            try CLIRunner.run(["risk", Self.file, "--lp", "--buy", purchase, "--format", "json"]).stdout)
        let objective = try #require(size["objective"] as? [String: Double])
        let unmet = (risk["unmet"] as? [String: Any])?["mean"] as? Double ?? -1
        let waiting = (risk["waiting"] as? [String: Any])?["mean"] as? Double ?? -1
        let operating = (risk["cost"] as? [String: Any])?["mean"] as? Double ?? -1
        #expect(abs(objective["unmet"]! - unmet) <= 1e-5 * max(1, unmet))
        #expect(abs(objective["waiting"]! - waiting) <= 1e-5 * max(1, waiting))
        #expect(abs(objective["cost"]! - (cost + operating)) <= 1e-5 * max(1, cost + operating))
    }

    @Test(.tags(.slow)) func outOfSampleIsRiskOnFreshFutures() throws {
        let r = try CLIRunner.run(["size", Self.file, "--format", "json", "--jobs", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        let out = try #require(try Self.json(r.stdout)["out_of_sample"] as? [String: Any])
        #expect(out["schema"] as? String == "iars.risk/1")
        #expect(out["seed"] as? Double == 5)  // the file's seed 4, plus one
        #expect(out["n_futures"] as? Double == 20)
        #expect(out["integer"] as? Bool == false)
    }

    @Test(.tags(.slow)) func writtenScenarioGoesToCompare() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iars-size-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let sized = dir.appendingPathComponent("sized.yaml").path
        let r = try CLIRunner.run(["size", Self.file, "--in-sample-only", "--write-scenario", sized])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: sized, encoding: .utf8)
        #expect(text.contains("name: \"gen-4-g2-s1-t6-sized\""))
        #expect(!text.contains("buy:"))
        let c = try CLIRunner.run(["compare", Self.file, sized, "--format", "json"])
        #expect(c.status == 0, "\(c.stderr)")
        #expect(c.stdout.contains("gen-4-g2-s1-t6-sized"))
    }

    @Test(.tags(.slow)) func htmlIsOnePageWithCharts() throws {
        let page = FileManager.default.temporaryDirectory.appendingPathComponent("iars-size-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: page) }
        let r = try CLIRunner.run(["size", Self.file, "--jobs", "1", "--html", page.path])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for heading in ["What to buy", "Out of sample", "Unmet cases over the futures", "Which capacities run full"] {
            #expect(html.contains("<h2>\(heading)</h2>"), "\(heading)")
        }
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(!html.contains("<script"))
    }

    /// No purchase serves everyone in every future: infeasible, exit status 1, with the best share.
    @Test(.tags(.slow)) func unreachableServiceLevel() throws {
        let r = try CLIRunner.run(["size", Self.file, "--service-level", "1", "--in-sample-only", "--format", "json"])
        #expect(r.status == 1)
        let size = try Self.json(r.stdout)
        #expect(size["status"] as? String == "infeasible")
        #expect((size["served_share"] as? Double ?? 1) < 1)
    }

    /// The CSV carries the JSON's figures: the objective, each option's blocks, and the
    /// out-of-sample report's rows under `out_of_sample.` sections.
    @Test(.tags(.slow)) func csvCarriesTheJSONsFigures() throws {
        let j = try CLIRunner.run(["size", Self.file, "--format", "json"])
        let c = try CLIRunner.run(["size", Self.file, "--format", "csv"])
        #expect(j.status == 0 && c.status == 0, "\(c.stderr)")
        let size = try Self.json(j.stdout)
        let lines = c.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "scenario,section,id,metric,value")
        var rows: [String: String] = [:]
        for l in lines.dropFirst() {
            let f = l.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(f.count == 5, "\(l)")
            rows[f[1...3].joined(separator: "/")] = f[4]
        }
        #expect(rows["size//status"] == "optimal")
        let objective = try #require(size["objective"] as? [String: Double])
        for key in ["unmet", "waiting", "cost"] {
            #expect(Double(rows["size//\(key)"] ?? "") == objective[key], "\(key)")
        }
        for b in try #require(size["buy"] as? [[String: Any]]) {
            #expect(Double(rows["buy/\(b["id"] as! String)/blocks"] ?? "") == b["blocks"] as? Double)
        }
        let out = try #require(size["out_of_sample"] as? [String: Any])
        let unmet = try #require(out["unmet"] as? [String: Double])
        #expect(Double(rows["out_of_sample.unmet//mean"] ?? "") == unmet["mean"])
        #expect(rows["out_of_sample.run//seed"] == "5")
    }

    @Test(arguments: [
        (["size", "scenarios/balkans-regional.yaml"], "uncertainty: no 'uncertainty:' section"),
        (["size", file, "--service-level", "1.5"], "--service-level must be a share of the futures, 0 < Q <= 1"),
    ])
    func refusals(_ arguments: [String], _ message: String) throws {
        let r = try CLIRunner.run(arguments)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }
}
