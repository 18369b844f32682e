import Foundation
import Testing

@testable import IARSCore
@testable import IARSReport

/// The SVG chart kit and the HTML plan report: structure, escaping, determinism.
@Suite struct PlanHTMLTests {
    static let scenario = """
        name: html-case
        description: "Tirana & Vlora <script>alert('x')</script> \\"quoted\\""
        start: 2001-11
        months: 3
        currency: "EUR<b>"
        groups:
          - { id: md, country: MD, arrivals: [4, 2, 3], processing_months: 1 }
          - { id: ro, country: RO, arrivals: [1, 1, 1], processing_months: 1 }
        shelters:
          - { id: tirana, beds: 3, bed_night_cost: 1 }
          - { id: vlora, beds: 2, bed_night_cost: 2 }
        medical:
          - { id: clinic, slots: 10, cost_per_screening: 5 }
        routes:
          - { id: md-bus, country: MD, seats_per_departure: 2, departures: 1, cost_per_seat: 10 }
          - { id: ro-bus, country: RO, seats_per_departure: 1, departures: 1, cost_per_seat: 12 }
        partners:
          - { id: md-partner, country: MD, slots: 5, cost_per_case: 20 }
          - { id: ro-partner, country: RO, slots: 5, cost_per_case: 20 }
        budget: { total: 2000, monthly: 900 }

        """

    static func render(explain: Bool = false) throws -> String {
        let sc = try ScenarioLoader.parse(text: scenario, file: "html-case.yaml")
        let r = try Planner().plan(sc)
        let e = explain ? try PlanExplainer().explain(sc, result: r) : nil
        return PlanHTML.render(r, scenario: sc, explanation: e)
    }

    static func count(_ needle: String, in s: String) -> Int { s.components(separatedBy: needle).count - 1 }

    @Test func escapeCoversMarkupCharacters() {
        #expect(Markup.escape("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;")
        #expect(Markup.escape("tab\tnew\nline\u{07}") == "tab\tnew\nline ")
        #expect(Markup.token("chart beds/1<x>") == "chart-beds-1-x-")
    }

    @Test func niceTicks() {
        #expect(Chart.niceStep(20500) == 5000)
        #expect(Chart.niceStep(17) == 5)
        #expect(Chart.niceStep(9) == 2)
        #expect(Chart.niceStep(1.2) == 0.25)
        #expect(Chart.niceStep(0) == 1)
        #expect(Chart.tickLabel(25000, step: 5000) == "25,000")
        #expect(Chart.tickLabel(0.75, step: 0.25) == "0.75")
        #expect(Chart.valueLabel(2.5) == "2.5")
        #expect(Chart.valueLabel(1234) == "1,234")
    }

    @Test func lineChartStructure() {
        let svg = LineChart(
            title: "Beds <all>", summary: "A & B", categories: ["2001-01", "2001-02", "2001-03"],
            series: [
                ChartSeries("use \"avg\"", [1, nil, 3]),
                ChartSeries("beds", [4, 4, 4], dashed: true, step: true),
            ],
            yLabel: "people"
        ).svg(id: "c1")
        #expect(
            svg.hasPrefix(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"c1\" viewBox=\"0 0 720 300\" role=\"img\" aria-labelledby=\"c1-title c1-desc\""
            ))
        #expect(svg.contains("<title id=\"c1-title\">Beds &lt;all&gt;</title>"))
        #expect(svg.contains("<desc id=\"c1-desc\">A &amp; B</desc>"))
        #expect(svg.contains("data-series=\"use &quot;avg&quot;\""))
        // a gap (nil) splits the line: two runs of one point each, and the step line
        #expect(Self.count(in: svg, "<polyline") == 3)
        #expect(Self.count(in: svg, "<circle") == 2)
        #expect(svg.contains("stroke-dasharray=\"6 4\""))
        #expect(svg.contains("<title>use &quot;avg&quot;, 2001-03: 3</title>"))
        #expect(svg.hasSuffix("</svg>\n"))
    }

    @Test func stackedAndGroupedBars() {
        let cats = ["a", "b"]
        let series = [ChartSeries("x", [1, 2]), ChartSeries("y", [3, 0])]
        let stacked = BarChart(title: "t", summary: "s", categories: cats, series: series, mode: .stacked).svg(id: "b1")
        let grouped = BarChart(
            title: "t", summary: "s", categories: cats, series: series, mode: .grouped,
            lines: [ChartSeries("cap", [4, 4], dashed: true, step: true)]
        ).svg(id: "b2")
        // zero values draw no bar
        #expect(Self.count(in: stacked, "<rect x=") - 2 == 3)  // minus the two legend swatches
        #expect(Self.count(in: grouped, "<rect x=") - 2 == 3)
        #expect(grouped.contains("<title>cap") == false)  // step lines have no points
        #expect(grouped.contains("data-series=\"cap\""))
        // the stacked top of "b"... max 4 -> y axis to 4 with ticks 0..4
        #expect(stacked.contains(">4</text>"))
    }

    @Test func reportStructure() throws {
        let html = try Self.render(explain: true)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"))
        #expect(html.hasSuffix("</body>\n</html>\n"))
        // arrivals, one per shelter (2), returns, cost, cumulative cost
        #expect(Self.count(in: html, "<svg ") == 6)
        #expect(Self.count(in: html, "</svg>") == 6)
        #expect(Self.count(in: html, "<title id=") == 6)
        for id in ["chart-arrivals", "chart-beds-1", "chart-beds-2", "chart-returns", "chart-cost", "chart-budget"] {
            #expect(html.contains("id=\"\(id)\""))
        }
        #expect(html.contains("<h2>Why the plan falls short</h2>"))
        #expect(html.contains("@page { size: A4;"))
        #expect(html.contains("@media print"))
        // self-contained: no scripts, links, images or URLs but the SVG namespace
        for needle in ["<script", "<link", "<img", "src=", "url(", "https://"] {
            #expect(!html.contains(needle), "\(needle)")
        }
        #expect(Self.count(in: html, "http://") == 6)
        // monthly budget line in the cost chart, total budget in the cumulative chart
        #expect(html.contains("data-series=\"monthly budget\""))
        #expect(html.contains("data-series=\"total budget\""))
    }

    @Test func reportEscapesScenarioText() throws {
        let html = try Self.render()
        #expect(!html.contains("<script>"))
        #expect(html.contains("Tirana &amp; Vlora &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;quoted&quot;"))
        #expect(!html.contains("EUR<b>"))
        #expect(html.contains("EUR&lt;b&gt;"))
    }

    @Test func reportIsDeterministic() throws {
        let a = try Self.render(explain: true)
        let b = try Self.render(explain: true)
        #expect(a == b)
    }

    @Test func infeasibleReportSaysWhy() throws {
        let sc = try ScenarioLoader.parse(
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

                """, file: "full.yaml")
        let r = try Planner().plan(sc)
        #expect(r.status == .infeasible)
        let html = PlanHTML.render(r, scenario: sc)
        #expect(html.contains("<h2>No plan</h2>"))
        #expect(!html.contains("<svg"))
        #expect(html.contains("cannot hold the people already in shelter"))
    }
}

extension PlanHTMLTests {
    static func count(in s: String, _ needle: String) -> Int { count(needle, in: s) }
}
