import Foundation
import Testing

/// `iars compare --html FILE` and `iars sweep --html FILE` through the built binary,
/// and the headless-browser check of both pages (scripts/check-html.sh).
@Suite struct CompareSweepHTMLCLITests {
    static let albania = "scenarios/albania-2001.yaml"
    static let sweepArgs = ["sweep", albania, "--vary", "budget.total=20500:30500:5000"]

    static func svgs(_ html: String) -> Int { html.components(separatedBy: "<svg ").count - 1 }

    @Test(.tags(.slow)) func compareHTMLIsWrittenBesideTheTableAndByteIdentical() throws {
        let dir = try ReportCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.html").path, b = dir.appendingPathComponent("b.html").path
        let r1 = try CLIRunner.run(["compare", Self.albania, "--html", a])
        let r2 = try CLIRunner.run(["compare", Self.albania, "--html", b, "--format", "json"])
        let plain = try CLIRunner.run(["compare", Self.albania])
        #expect(r1.status == 0 && r2.status == 0, "\(r1.stderr) \(r2.stderr)")
        #expect(r1.stdout == plain.stdout)  // the normal output is unchanged
        #expect(r2.stdout.hasPrefix("{"))
        let ha = try String(contentsOfFile: a, encoding: .utf8), hb = try String(contentsOfFile: b, encoding: .utf8)
        #expect(ha == hb)
        #expect(Self.svgs(ha) == 7)
        for label in ["base", "second-shelter", "charter-chisinau", "bigger-budget", "ukraine-surge", "no-vlora"] {
            #expect(ha.contains("<th class=\"n\">\(label)</th>"), "\(label)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["a.html", "b.html"])
    }

    @Test func sweepHTMLIsWrittenBesideTheTableAndByteIdentical() throws {
        let dir = try ReportCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.html").path, b = dir.appendingPathComponent("b.html").path
        let r1 = try CLIRunner.run(Self.sweepArgs + ["--html", a])
        let r2 = try CLIRunner.run(Self.sweepArgs + ["--html", b, "--format", "csv", "--no-warm"])
        #expect(r1.status == 0 && r2.status == 0, "\(r1.stderr) \(r2.stderr)")
        #expect(r1.stdout.hasPrefix("iars sweep: albania-2001, 3 points"))
        #expect(r2.stdout.hasPrefix("point,budget.total,metric,key,value"))
        let ha = try String(contentsOfFile: a, encoding: .utf8), hb = try String(contentsOfFile: b, encoding: .utf8)
        #expect(ha == hb)  // warm or cold, the same page
        #expect(Self.svgs(ha) == 5)
        #expect(ha.contains("<li><code>budget.total</code>: 20500 to 30500 (3 values)</li>"))
    }

    @Test(.tags(.slow)) func htmlIntoMissingFolderFailsWithoutOutput() throws {
        for args in [["compare", Self.albania], Self.sweepArgs] {
            let r = try CLIRunner.run(args + ["--html", "/nonexistent-iars/report.html"])
            #expect(r.status == 2)
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.hasPrefix("iars: error: cannot write /nonexistent-iars/report.html: "))
        }
    }

    @Test func emptyHTMLNameIsRefused() throws {
        let r = try CLIRunner.run(["compare", Self.albania, "--html", ""])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--html needs a file name."))
    }

    /// Renders the page in headless Chromium and checks every chart draws. Skipped without
    /// chromium or with IARS_SKIP_BROWSER=1 (as ReportCLITests.htmlRendersInHeadlessChromium).
    /// The page, its screenshot (screenshot.png), PDF and rendered DOM stay in
    /// .build/report/tests/NAME/ for a person to look at.
    func checkInBrowser(_ args: [String], name: String, charts: Int) throws {
        let dir = CLIRunner.root.appendingPathComponent(
            ".build/report/tests/\((name as NSString).deletingPathExtension)")
        if !args.isEmpty { try? FileManager.default.removeItem(at: dir) }  // none: the caller wrote the page there
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let html = dir.appendingPathComponent(name).path
        if !args.isEmpty {
            let r = try CLIRunner.run(args + ["--html", html])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let (status, text) = try ReportCLITests.checkHTML([
            html, "--expect-svg", String(charts),
            "--out", dir.appendingPathComponent("check").path,
        ])
        #expect(status == 0, "\(text)")
        #expect(text.contains("check-html: console: no messages"))
        #expect(text.contains("renders \(charts) charts without errors"))
    }

    @Test(
        .enabled(
            if: ReportCLITests.browserCheckEnabled,
            "headless-browser check skipped: chromium not installed (apt-get install -y chromium) or IARS_SKIP_BROWSER set"
        ))
    func compareHTMLRendersInHeadlessChromium() throws {
        try checkInBrowser(["compare", Self.albania], name: "compare.html", charts: 7)
    }

    /// The run history's page: sparklines with axes and week labels, checked like the others.
    @Test(
        .enabled(
            if: ReportCLITests.browserCheckEnabled,
            "headless-browser check skipped: chromium not installed (apt-get install -y chromium) or IARS_SKIP_BROWSER set"
        ))
    func historyHTMLRendersInHeadlessChromium() throws {
        let dir = CLIRunner.root.appendingPathComponent(".build/report/tests/history")
        try? FileManager.default.removeItem(at: dir)
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: CLIRunner.root.appendingPathComponent(Self.albania),
            to: input.appendingPathComponent("albania-2001.yaml"))
        let db = dir.appendingPathComponent("h.sqlite").path, out = dir.appendingPathComponent("out").path
        for (label, force) in [("2001-W01", false), ("2001-W02", true)] {
            let r = try CLIRunner.run(
                ["batch", input.path, "--out", out, "--db", db, "--label", label] + (force ? ["--force"] : []))
            #expect(r.status == 0, "\(r.stderr)")
        }
        let page = dir.appendingPathComponent("history.html").path
        let r = try CLIRunner.run(["history", "list", "--db", db, "--html", page])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        // axes and week labels (the batches' labels), before: a bare line in a grey box
        #expect(
            html.contains("<text class=\"week\"") && html.contains(">2001-W01</text>")
                && html.contains(">2001-W02</text>"))
        #expect(html.contains("<text class=\"y\""))
        try checkInBrowser([], name: "history.html", charts: 18)  // 6 jobs (the base and 5 variants), 3 charts each
    }

    @Test(
        .enabled(
            if: ReportCLITests.browserCheckEnabled,
            "headless-browser check skipped: chromium not installed (apt-get install -y chromium) or IARS_SKIP_BROWSER set"
        ))
    func sweepHTMLRendersInHeadlessChromium() throws {
        try checkInBrowser(
            [
                "sweep", Self.albania, "--vary", "budget.total=20500:30500:5000",
                "--vary", "groups.*.arrivals*=0.8:1:0.1",
            ], name: "sweep.html", charts: 5)
    }
}
