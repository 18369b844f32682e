import Foundation
import Testing

/// Issue 20, item 7: the plan's HTML report, for a manager, names every ranked item instead
/// of "N more in --format json" (a command-line hint); items that differ only in the month
/// share a line.
@Suite struct PlanHTMLExplainCLITests {
    @Test func everyExplainItemIsOnThePage() throws {
        let dir = try ReportCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("plan.html").path
        // balkans-regional: 30 ranked items, more than the text table's 12
        let file = "scenarios/balkans-regional.yaml"
        let r = try CLIRunner.run([
            "plan", file, "--explain", "--explain-checks", "0", "--html", page, "--format", "json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let items = try #require((json["explain"] as? [String: Any])?["marginal"] as? [Any])
        #expect(items.count > 12)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(!html.contains("more in <code>--format json</code>"))
        let list = try #require(
            html.components(separatedBy: "<h3>What one more unit is worth, most valuable first</h3>\n<ol>\n").last?
                .components(separatedBy: "</ol>").first)
        // 30 items in 23 lines: md-partner-north's five months share one, tirana-clinic's three
        // and vlora's 2002-03 and 2002-12 another each (the same effect, only the month differs)
        #expect(items.count == 30)
        #expect(list.components(separatedBy: "<li>").count - 1 == 23)
        #expect(list.contains("One more place at partner md-partner-north in 2002-06 to 2002-10 would save 15.00 USD"))
        #expect(list.contains("One more bed at shelter vlora in 2002-03, 2002-12 would save 31.00 USD"))
        #expect(list.contains("One more screening slot at tirana-clinic in 2002-06 to 2002-08 would save 5.00 USD"))
    }
}
