import Foundation
import IARSCore

/// `iars sweep --html FILE`: the curves over the grid on one self-contained page
/// (inline CSS and SVG, no scripts, no fonts, no network), readable on screen
/// and printed on A4. See docs/html-report.md.
///
/// One parameter: a line chart per objective level (unmet, waiting, cost), then
/// cases served and unmet, and budget used and peak bed use, over the swept values.
/// Two parameters: the first on the x axis and one line per value of the second
/// (at most ``maxLines``; evenly chosen when there are more, all in the table).
public enum SweepHTML {
    /// The most lines (values of the second parameter) a two-parameter chart draws: the palette's size.
    public static let maxLines = Chart.palette.count

    struct Metric {
        var id: String
        var title: String
        var unit: String
        var get: (PlanMetrics) -> Double?
    }

    public static func render(_ s: SweepResult) -> String {
        let e = Markup.escape
        let cur = s.currency
        let title = "iars sweep: \(s.scenario)"
        var body = "<header>\n<h1>\(e(title))</h1>\n"
        let planned = s.points.filter { $0.metrics.objective != nil }.count
        var axes = "<ul>\n"
        for a in s.axes {
            let first = a.values.first.map(SweepTable.formatValue) ?? "",
                last = a.values.last.map(SweepTable.formatValue) ?? ""
            axes +=
                "<li><code>\(e(a.label))</code>: \(e(first)) to \(e(last)) (\(a.values.count) value\(a.values.count == 1 ? "" : "s"))"
                + (a.scale ? ", a factor on the scenario's value" : "") + "</li>\n"
        }
        axes += "</ul>\n"
        body +=
            "<p class=\"meta\">\(s.points.count) point\(s.points.count == 1 ? "" : "s"), \(planned) with a plan; "
            + "swept \(s.axes.count == 1 ? "parameter" : "parameters"):</p>\n" + axes + "</header>\n"

        let objective: [Metric] = [
            Metric(id: "unmet", title: "Unmet arrivals, priority-weighted", unit: "cases") { $0.objective?.unmet },
            Metric(id: "waiting", title: "Waiting (person-months)", unit: "person-months") { $0.objective?.waiting },
            Metric(id: "cost", title: "Cost (\(cur))", unit: cur) { $0.objective?.cost },
        ]
        if planned > 0 {
            body += s.axes.count == 2 ? twoAxisCharts(s, objective) : oneAxisCharts(s, objective)
        }
        body += "<section class=\"page\"><h2>The grid</h2>\n" + gridTable(s) + "</section>\n"
        let failed = s.points.filter { $0.metrics.objective == nil }
        if !failed.isEmpty {
            body +=
                "<p class=\"note\">\(failed.count) point\(failed.count == 1 ? " has" : "s have") no plan (gaps in the lines).</p>\n"
        }
        body += "<footer><p>Made by iars sweep. Figures as in <code>iars sweep --format json</code>.</p></footer>\n"
        return HTMLPage.document(title: title, body: body)
    }

    static func value(_ m: PlanMetrics, _ get: (PlanMetrics) -> Double?) -> Double? {
        m.objective == nil ? nil : get(m)
    }

    static func percent(_ v: Double?) -> Double? { v.map { ($0 * 1000).rounded() / 10 } }

    /// The legend entry for points not proven optimal, with the largest gap.
    static func unprovenLabel(_ s: SweepResult) -> String {
        Chart.unprovenLabel(
            gaps: s.points.filter { $0.metrics.objective != nil && !$0.metrics.proven }.map(\.metrics.gap))
    }

    static func unproven(_ m: PlanMetrics) -> Bool { m.objective != nil && !m.proven }

    static func oneAxisCharts(_ s: SweepResult, _ objective: [Metric]) -> String {
        let a = s.axes[0]
        let cats = a.values.map(SweepTable.formatValue)
        let note = unprovenLabel(s)
        func line(_ name: String, _ color: String, dashed: Bool = false, _ get: @escaping (PlanMetrics) -> Double?)
            -> ChartSeries
        {
            ChartSeries(
                name, s.points.map { value($0.metrics, get) }, color: color, dashed: dashed,
                unproven: s.points.map { unproven($0.metrics) })
        }
        var out = "<section><h2>Objective over \(Markup.escape(a.label))</h2>\n"
        for (n, m) in objective.enumerated() {
            out += LineChart(
                title: "\(m.title) by \(a.label)",
                summary: "\(m.title) at each value of \(a.label), from \(cats.first ?? "") to \(cats.last ?? "").",
                categories: cats, series: [line(m.id, Chart.palette[n], m.get)],
                yLabel: m.unit, height: 240, unprovenLabel: note
            ).svg(id: "chart-\(m.id)")
        }
        out += "</section>\n<section><h2>Key figures over \(Markup.escape(a.label))</h2>\n"
        out += LineChart(
            title: "Cases served and unmet by \(a.label)",
            summary: "Cases served (admitted) and arrivals left unmet at each value of \(a.label).",
            categories: cats,
            series: [line("served", Chart.palette[0]) { $0.served }, line("unmet", Chart.palette[3]) { $0.unmet }],
            yLabel: "cases", height: 240, unprovenLabel: note
        ).svg(id: "chart-served")
        // Mean bed use (peak bed use is 100% at nearly every point), dashed so that where it
        // meets the budget line both stay visible.
        var shares = [line("mean bed use", Chart.palette[4], dashed: true) { percent($0.meanBedUse) }]
        if s.points.contains(where: { $0.metrics.budgetUsed != nil }) {
            shares.insert(line("budget used", Chart.palette[2]) { percent($0.budgetUsed) }, at: 0)
        }
        out += LineChart(
            title: "Budget used and mean bed use by \(a.label) (%)",
            summary:
                "Share of the total budget spent, and the average share of beds in use, at each value of \(a.label).",
            categories: cats, series: shares, yLabel: "%", height: 240, unprovenLabel: note
        ).svg(id: "chart-shares")
        return out + "</section>\n"
    }

    static func twoAxisCharts(_ s: SweepResult, _ objective: [Metric]) -> String {
        let (a, b) = (s.axes[0], s.axes[1])
        let cats = a.values.map(SweepTable.formatValue)
        // At most maxLines values of the second parameter, evenly spread, first and last included.
        let n = b.values.count
        let shown: [Int] =
            n <= maxLines
            ? Array(0..<n)
            : Array(Set((0..<maxLines).map { Int((Double($0) * Double(n - 1) / Double(maxLines - 1)).rounded()) }))
                .sorted()
        let metrics =
            objective + [
                Metric(id: "served", title: "Cases served", unit: "cases") { $0.served },
                Metric(id: "bed-use", title: "Mean bed use (%)", unit: "%") { percent($0.meanBedUse) },
            ]
        var out = "<section><h2>Over \(Markup.escape(a.label)), a line per value of \(Markup.escape(b.label))</h2>\n"
        if shown.count < n {
            out +=
                "<p class=\"note\">\(shown.count) of the \(n) values of \(Markup.escape(b.label)) are drawn; every point is in the table.</p>\n"
        }
        for m in metrics {
            let series = shown.map { j in
                ChartSeries(
                    "\(b.label) = \(SweepTable.formatValue(b.values[j]))",
                    a.values.indices.map { i in value(s.points[i * n + j].metrics, m.get) },
                    unproven: a.values.indices.map { i in unproven(s.points[i * n + j].metrics) })
            }
            out += LineChart(
                title: "\(m.title) by \(a.label) and \(b.label)",
                summary: "\(m.title) at each value of \(a.label) (x axis); a line per value of \(b.label).",
                categories: cats, series: series, yLabel: m.unit, height: 260,
                unprovenLabel: unprovenLabel(s)
            ).svg(id: "chart-\(m.id)")
        }
        return out + "</section>\n"
    }

    static func gridTable(_ s: SweepResult) -> String {
        let head = s.axes.map(\.label) + ["Status"] + SweepTable.gridMetricHeadings
        let rows = s.points.map { SweepTable.gridRow($0) }
        var numeric = Set(0..<s.axes.count)
        numeric.formUnion((s.axes.count + 1)..<head.count)
        return HTMLPage.table(head, rows, numeric: numeric)
    }
}
