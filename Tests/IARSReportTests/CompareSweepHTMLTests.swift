import Foundation
import Testing

@testable import IARSCore
@testable import IARSReport

/// `iars compare --html` and `iars sweep --html`: structure, escaping, determinism, self-contained.
@Suite struct CompareSweepHTMLTests {
    /// PlanHTMLTests' small scenario with two variants (one with a name and text to escape).
    static let text =
        PlanHTMLTests.scenario + """
            variants:
              - name: more-beds
                description: "Two more beds in Tirana & <b>a bigger budget</b>"
                set: { shelters.tirana.beds: 5, budget.total: 2600 }
              - name: no-vlora
                remove: { shelters: [vlora] }

            """

    static func comparison() throws -> Comparison {
        try Comparison.run([try ScenarioLoader.parseSet(text: text, file: "html-case.yaml")], planner: Planner())
    }

    static func sweep(_ vary: [String]) throws -> SweepResult {
        let set = try ScenarioLoader.parseSet(text: text, file: "html-case.yaml")
        var axes: [SweepAxis] = []
        for v in vary { axes.append(try SweepAxis.parse(v)) }
        return try Sweeper(planner: Planner()).run(set, axes: axes)
    }

    static func count(_ needle: String, in s: String) -> Int { s.components(separatedBy: needle).count - 1 }

    static func expectSelfContained(_ html: String, svgs: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"),
            sourceLocation: sourceLocation)
        #expect(html.hasSuffix("</body>\n</html>\n"), sourceLocation: sourceLocation)
        #expect(html.contains("@page { size: A4;"), sourceLocation: sourceLocation)
        for needle in ["<script", "<link", "<img", "src=", "url(", "https://"] {
            #expect(!html.contains(needle), "\(needle)", sourceLocation: sourceLocation)
        }
        #expect(count("<svg ", in: html) == svgs, sourceLocation: sourceLocation)
        #expect(count("</svg>", in: html) == svgs, sourceLocation: sourceLocation)
        #expect(count("<title id=", in: html) == svgs, sourceLocation: sourceLocation)
        #expect(count("http://", in: html) == svgs, sourceLocation: sourceLocation)  // the SVG namespace only
    }

    @Test func compareStructure() throws {
        let c = try Self.comparison()
        #expect(c.options.map(\.label) == ["base", "more-beds", "no-vlora"])
        let html = CompareHTML.render(c)
        Self.expectSelfContained(html, svgs: 7)
        for id in [
            "chart-served", "chart-returns", "chart-cost", "chart-cost-per-case", "chart-waiting", "chart-bed-use",
            "chart-months-full",
        ] {
            #expect(html.contains("id=\"\(id)\""), "\(id)")
        }
        // one category per option, served and unmet side by side; a country per stack
        #expect(html.contains("data-series=\"served\""))
        #expect(html.contains("data-series=\"unmet\""))
        #expect(html.contains("data-series=\"MD\"") && html.contains("data-series=\"RO\""))
        #expect(html.contains("data-series=\"total budget\""))
        // the table: the base's figure, then the variant's with its difference to the base
        let m0 = c.options[0].metrics, m1 = c.options[1].metrics
        let served =
            "<td class=\"n\">\(PlanTable.num(m0.served))</td><td class=\"n\">\(PlanTable.num(m1.served)) (\(MetricFormat.difference(m1.served - m0.served, "served")))</td>"
        #expect(html.contains("<tr><td>Cases served</td>" + served), "\(served)")
        #expect(
            html.contains("<td>Budget (EUR&lt;b&gt;)</td><td class=\"n\">2,000</td><td class=\"n\">2,600 (+600)</td>"))
        #expect(html.contains("<h2>Side by side</h2>"))
    }

    @Test func compareEscapesNamesAndDescriptions() throws {
        let html = CompareHTML.render(try Self.comparison())
        #expect(!html.contains("<script>") && !html.contains("<b>"))
        #expect(html.contains("Tirana &amp; Vlora &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;quoted&quot;"))
        #expect(html.contains("Two more beds in Tirana &amp; &lt;b&gt;a bigger budget&lt;/b&gt;"))
        #expect(html.contains("<title id=\"chart-cost-title\">Cost per option (EUR&lt;b&gt;)</title>"))
        #expect(html.contains("<th class=\"n\">no-vlora</th>"))
    }

    @Test func compareIsDeterministic() throws {
        #expect(CompareHTML.render(try Self.comparison()) == CompareHTML.render(try Self.comparison()))
    }

    @Test func sweepOneParameter() throws {
        let s = try Self.sweep(["budget.total=1000:3000:500"])
        let html = SweepHTML.render(s)
        Self.expectSelfContained(html, svgs: 5)
        for id in ["chart-unmet", "chart-waiting", "chart-cost", "chart-served", "chart-shares"] {
            #expect(html.contains("id=\"\(id)\""), "\(id)")
        }
        #expect(html.contains("<li><code>budget.total</code>: 1000 to 3000 (5 values)</li>"))
        // a point per value, with its value as tooltip; the grid has a row per point
        let cost = try #require(s.points.last?.metrics.objective?.cost)
        #expect(html.contains("<title>cost, 3000: \(Chart.valueLabel(cost))</title>"))
        #expect(Self.count("<tr><td class=\"n\">", in: html) == 5)
        #expect(html == SweepHTML.render(s))
    }

    @Test func sweepTwoParametersDrawALinePerValueOfTheSecond() throws {
        let s = try Self.sweep(["budget.total=1000:3000:1000", "shelters.tirana.beds=2:4:1"])
        let html = SweepHTML.render(s)
        Self.expectSelfContained(html, svgs: 5)
        for v in 2...4 { #expect(Self.count("data-series=\"shelters.tirana.beds = \(v)\"", in: html) == 5) }
        #expect(Self.count("<tr><td class=\"n\">", in: html) == 9)
        #expect(html.contains("EUR&lt;b&gt;") && !html.contains("EUR<b>"))
    }

    @Test func sweepThinsTheLinesToThePalette() throws {
        let s = try Self.sweep(["shelters.tirana.beds=2:3:1", "budget.total=1000:3000:100"])  // 21 values
        let html = SweepHTML.render(s)
        let lines = Self.count("data-series=\"budget.total = ", in: html) / 5
        #expect(lines == SweepHTML.maxLines)
        #expect(
            html.contains("data-series=\"budget.total = 1000\"") && html.contains("data-series=\"budget.total = 3000\"")
        )
        #expect(html.contains("12 of the 21 values of budget.total are drawn"))
    }
}

extension CompareSweepHTMLTests {
    /// An option without a plan: its bars are missing, the page says why, the others are drawn.
    @Test func compareWithAnOptionWithoutAPlan() throws {
        let set = try ScenarioLoader.parseSet(
            text: """
                name: full
                start: 2001-01
                months: 1
                groups:
                  - { id: md, country: MD, arrivals: 0, processing_months: 1, initial: [{ shelter: tirana, count: 5, ready_month: 2 }] }
                shelters:
                  - { id: tirana, beds: 2, bed_night_cost: 1 }
                medical:
                  - { id: clinic, slots: 1, cost_per_screening: 5 }
                routes:
                  - { id: bus, country: MD, seats_per_departure: 1, departures: 1, cost_per_seat: 10 }
                partners:
                  - { id: partner, country: MD, slots: 5, cost_per_case: 20 }
                variants:
                  - name: more-beds
                    set: { shelters.tirana.beds: 5 }

                """, file: "full.yaml")
        let c = try Comparison.run([set], planner: Planner())
        #expect(c.options.map { $0.result.hasPlan } == [false, true])
        let html = CompareHTML.render(c)
        // nobody is served: no cost per case served; nobody waits (ready after the horizon): a
        // sentence for the waiting chart
        Self.expectSelfContained(html, svgs: 5)
        #expect(html.contains("<p>Nobody waits in any option"))
        #expect(html.contains("1 of 2 options have a plan."))
        #expect(html.contains("<h2>Options without a plan</h2>\n<ul>\n<li>base (infeasible): "))
        #expect(!html.contains("id=\"chart-cost-per-case\""))
    }
}
