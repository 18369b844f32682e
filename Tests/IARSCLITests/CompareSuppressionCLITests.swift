import Foundation
import Testing

/// `iars compare --suppress-below K`: per-group and per-country counts below K hidden,
/// with secondary suppression and withheld differences; totals unchanged.
@Suite struct CompareSuppressionCLITests {
    static func options(_ args: [String]) throws -> [[String: Any]] {
        let r = try CLIRunner.run(["compare", "scenarios/albania-2001.yaml", "--format", "json"] + args)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return try #require(json["options"] as? [[String: Any]])
    }

    @Test(.tags(.slow)) func smallCountsAndTheirDifferencesAreWithheld() throws {
        let plain = try Self.options([])
        let shared = try Self.options(["--suppress-below", "10"])
        #expect(plain.count == shared.count && plain.count == 6)
        func metrics(_ o: [String: Any]) -> [String: Any] { o["metrics"] as? [String: Any] ?? [:] }
        // the base: md-minors served 8 (< 10) is hidden, and so is bg-women (11), the
        // smallest other group, or 8 could be recovered from the total
        let base = metrics(shared[0])
        let served = try #require(base["served_by_group"] as? [String: Any])
        #expect(served["md-minors"] as? String == "<10")
        #expect(served["bg-women"] as? String == "suppressed")  // 11: hidden, but not below 10
        #expect(served["md-women"] as? Double == 56)
        // totals stay true
        for (p, s) in zip(plain, shared) {
            #expect(metrics(p)["served"] as? Double == metrics(s)["served"] as? Double)
            #expect(metrics(p)["returned"] as? Double == metrics(s)["returned"] as? Double)
        }
        // charter-chisinau: UA 7 returns hidden, BG 11 hidden with it; their differences withheld
        let charter = try #require(shared.first { $0["label"] as? String == "charter-chisinau" })
        let returns = try #require(metrics(charter)["returned_by_country"] as? [String: Any])
        #expect(returns["UA"] as? String == "<10" && returns["BG"] as? String == "suppressed")
        #expect(returns["AL"] as? Double == 13)
        let diff = try #require((charter["difference"] as? [String: Any])?["returned_by_country"] as? [String: Any])
        #expect(diff["UA"] as? String == "suppressed" && diff["BG"] as? String == "suppressed")
        #expect(diff["AL"] as? Double == -1)
    }

    @Test func thresholdMustBePositive() throws {
        let r = try CLIRunner.run(["compare", "scenarios/albania-2001.yaml", "--suppress-below", "0"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--suppress-below must be a whole number of at least 1, got 0."))
        let html = try CLIRunner.run([
            "compare", "scenarios/albania-2001.yaml", "--suppress-below", "5", "--html", "x.html",
        ])
        #expect(html.status == 2)
        #expect(html.stderr.contains("--suppress-below does not apply to --html yet"))
        #expect(!FileManager.default.fileExists(atPath: CLIRunner.root.appendingPathComponent("x.html").path))
    }
}
