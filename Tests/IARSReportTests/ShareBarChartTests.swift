import Testing

@testable import IARSReport

/// The risk page's capacities: every row labelled (a column chart labelled every other one).
@Suite struct ShareBarChartTests {
    @Test("one labelled row per category, bars in proportion, shares clamped to 0...100%")
    func rows() {
        let svg = ShareBarChart(
            title: "Full", summary: "s", categories: ["shelter tirana", "service guardians", "route a"],
            shares: [0.5, 1.25, 0], color: "#e69f00", width: 600
        ).svg(id: "chart-full")
        for name in ["shelter tirana", "service guardians", "route a"] { #expect(svg.contains(">\(name)</text>")) }
        #expect(svg.contains("<title>shelter tirana: 50.0%</title>"))
        #expect(svg.contains("<title>service guardians: 100.0%</title>"))
        #expect(svg.contains("<title>route a: 0.0%</title>"))
        // the plot runs from the label column to 56 px short of the right edge; 50% is half of it
        let left = Chart.textWidth("service guardians", size: 12) + 16
        let half = (600 - left - 56) / 2
        #expect(svg.contains("width=\"\(Chart.f(half))\""))
        #expect(svg.components(separatedBy: "<rect ").count - 1 == 3)
        #expect(svg.contains("viewBox=\"0 0 600 136\""), "40 + 3 rows of 22 + 30")
    }
}
