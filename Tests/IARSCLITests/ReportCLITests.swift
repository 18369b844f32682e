import Foundation
import Testing

/// `iars plan --explain` and `--html FILE` through the built binary, and the
/// headless-browser check of the HTML report (scripts/check-html.sh).
@Suite struct ReportCLITests {
    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iars-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func explainTableHasSentences() throws {
        let r = try CLIRunner.run(["plan", "scenarios/albania-2001-tight-budget.yaml", "--explain"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\nWhy the plan falls short (--explain; see docs/explain.md)\n"))
        #expect(
            r.stdout.contains(
                "What one more unit is worth, most valuable first (from the LP duals):\n  1. 1,000 USD more in the total budget would serve"
            ))
        #expect(r.stderr.isEmpty)
    }

    @Test(.tags(.slow)) func explainJSONSectionIsDeterministic() throws {
        let a = try CLIRunner.run(["plan", "scenarios/albania-2001-tight-budget.yaml", "--explain", "--format", "json"])
        let b = try CLIRunner.run(["plan", "scenarios/albania-2001-tight-budget.yaml", "--explain", "--format", "json"])
        #expect(a.status == 0)
        #expect(a.stdout == b.stdout)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any])
        let explain = try #require(json["explain"] as? [String: Any])
        #expect(explain["method"] as? String == "lp-duals-lexicographic")
        let marginal = try #require(explain["marginal"] as? [[String: Any]])
        let first = try #require(marginal.first)
        #expect(first["rank"] as? Int == 1)
        #expect(first["kind"] as? String == "budget.total")
        #expect(first["whole_unit"] is [String: Any])
        #expect(first["dual_rate"] is [String: Any])
        #expect((first["sentence"] as? String)?.hasPrefix("1,000 USD more in the total budget would") == true)
        // explain comes before model; without --explain there is no such key
        let keys = a.stdout.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map {
            String($0.dropFirst(3).prefix { $0 != "\"" })
        }
        #expect(keys.suffix(2) == ["explain", "model"])
        let plain = try CLIRunner.run(["plan", "scenarios/albania-2001-tight-budget.yaml", "--format", "json"])
        #expect(!plain.stdout.contains("\"explain\""))
    }

    @Test func explainWithCSVIsRefused() throws {
        let r = try CLIRunner.run(["plan", "scenarios/albania-2001.yaml", "--explain", "--format", "csv"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(
            r.stderr
                == "iars: error: --explain needs --format table or json (CSV has no place for sentences); run it again with --format json, or without --explain.\n"
        )
    }

    @Test func htmlIsWrittenAndByteIdentical() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.html").path, b = dir.appendingPathComponent("b.html").path
        let r1 = try CLIRunner.run(["plan", "scenarios/albania-2001.yaml", "--html", a])
        let r2 = try CLIRunner.run(["plan", "scenarios/albania-2001.yaml", "--html", b, "--format", "json"])
        #expect(r1.status == 0 && r2.status == 0)
        #expect(r1.stdout.hasPrefix("iars plan: albania-2001"))
        #expect(r2.stdout.hasPrefix("{"))
        let ha = try String(contentsOfFile: a, encoding: .utf8), hb = try String(contentsOfFile: b, encoding: .utf8)
        #expect(ha == hb)
        #expect(ha.components(separatedBy: "<svg ").count - 1 == 6)
        // no temporary file left beside it
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["a.html", "b.html"])
    }

    @Test func htmlIntoMissingFolderFailsWithoutOutput() throws {
        let r = try CLIRunner.run(["plan", "scenarios/albania-2001.yaml", "--html", "/nonexistent-iars/report.html"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("iars: error: cannot write /nonexistent-iars/report.html: "))
    }

    static var chromium: String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let p = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: p) { return p }
            }
        }
        return nil
    }

    static var browserCheckEnabled: Bool {
        chromium != nil && ProcessInfo.processInfo.environment["IARS_SKIP_BROWSER"] == nil
    }

    static func checkHTML(_ args: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [CLIRunner.root.appendingPathComponent("scripts/check-html.sh").path] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    /// The check is real: a page whose chart draws nothing and whose script logs an error fails.
    @Test(
        .enabled(
            if: browserCheckEnabled,
            "headless-browser check skipped: chromium not installed (apt-get install -y chromium) or IARS_SKIP_BROWSER set"
        ))
    func browserCheckCatchesABrokenPage() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("broken.html")
        try """
        <!DOCTYPE html>
        <html><head><title>broken</title></head><body>
        <svg xmlns="http://www.w3.org/2000/svg" id="empty" viewBox="0 0 400 200"><title>empty</title><g class="series"></g></svg>
        <script>console.error("boom");</script>
        </body></html>

        """.write(to: html, atomically: true, encoding: .utf8)
        let (status, text) = try Self.checkHTML([html.path])
        #expect(status == 1, "\(text)")
        #expect(text.contains("check-html: FAIL: contains <script"))
        #expect(text.contains("check-html: FAIL: console messages:"))
        #expect(text.contains("\"boom\""))
        #expect(text.contains("check-html: FAIL: empty draws no data"))
    }

    /// Renders the report in headless Chromium: 6 charts drawn, no console errors, a
    /// non-blank screenshot, an A4 print. Skipped without chromium (apt-get install -y
    /// chromium) or with IARS_SKIP_BROWSER=1; `make check-html` runs the same check.
    @Test(
        .enabled(
            if: browserCheckEnabled,
            "headless-browser check skipped: chromium not installed (apt-get install -y chromium) or IARS_SKIP_BROWSER set"
        ))
    func htmlRendersInHeadlessChromium() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("albania-2001.html").path
        let plan = try CLIRunner.run(["plan", "scenarios/albania-2001.yaml", "--explain", "--html", html])
        #expect(plan.status == 0)
        let (status, text) = try Self.checkHTML([
            html, "--expect-svg", "6", "--out", dir.appendingPathComponent("check").path,
        ])
        #expect(status == 0, "\(text)")
        #expect(text.contains("check-html: console: no messages"))
        #expect(text.contains("renders 6 charts without errors"))
    }
}
