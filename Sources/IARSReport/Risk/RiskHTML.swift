import Foundation
import IARSCore

/// `iars risk --html FILE`: one self-contained page (inline CSS and SVG, no scripts) with
/// the chance of serving everyone, a fan chart of people in shelter, the distribution of
/// unmet cases and how often each capacity runs full. See docs/risk.md.
public enum RiskHTML {
    public static func render(_ r: RiskResult) -> String {
        let e = Markup.escape
        let f = r.frame
        var body = "<header>\n<h1>iars risk: \(e(f.scenario))</h1>\n"
        body +=
            "<p class=\"meta\">\(e(PlanTable.grouped(Int64(f.futures)))) futures (seed \(f.seed)), "
            + (f.integer ? "integer plans" : "LP relaxations")
            + ", \(e(f.months.first ?? "")) to \(e(f.months.last ?? "")).</p>\n"
        body += "</header>\n"
        body += keyFigures(r)
        body += "<section><h2>People in shelter</h2>\n"
        body += FanChart(
            title: "People in shelter at the end of each month",
            summary:
                "Over \(f.futures) futures: the band holds the middle 80% (10th to 90th percentile), the line the median.",
            categories: f.months, low: r.inShelter.map(\.p10), median: r.inShelter.map(\.p50),
            high: r.inShelter.map(\.p90), bandName: "10th to 90th percentile", lineName: "median", yLabel: "people"
        ).svg(id: "chart-in-shelter")
        body += "</section>\n"
        body += unmetSection(r)
        body += capacitySection(r)
        body += "<section><h2>Unmet by group</h2>\n"
        body += HTMLPage.table(
            ["Group", "Mean unmet cases", "Futures with any"],
            r.groups.map { [$0.id, PlanTable.num($0.meanUnmet), RiskTable.pct($0.shareAny)] }, numeric: [1, 2])
        body += "</section>\n"
        body +=
            "<footer><p>Made by iars risk. \(e(Markup.sentence(RiskJSON.hindsight))). "
            + "Figures as in <code>iars risk --format json</code>.</p></footer>\n"
        return HTMLPage.document(title: "iars risk: \(f.scenario)", body: body)
    }

    static func keyFigures(_ r: RiskResult) -> String {
        let e = Markup.escape
        let f = r.frame
        let s = r.servedAll
        var figures: [(String, String)] = [
            ("Everyone served", "\(RiskTable.pct(s.value)) of futures"),
            ("95% interval", "\(RiskTable.pct(s.low)) to \(RiskTable.pct(s.high))"),
            ("Unmet cases, mean", PlanTable.num(r.unmetCases.mean)),
            ("Unmet cases, 9 futures in 10 at most", PlanTable.num(r.unmetCases.p90)),
            ("Cost, median (\(f.currency))", PlanTable.money(r.cost.p50)),
            ("Budget used up", "\(RiskTable.pct(r.budgetBinding)) of futures"),
        ]
        if let total = f.budgetTotal, total > 0, r.planned > 0 {
            figures.append(("Median cost, share of the total budget", RiskTable.pct(r.cost.p50 / total)))
        }
        if !f.buy.isEmpty {
            figures.append(
                (
                    "Bought (\(f.currency))",
                    f.buy.map { "\($0.id) x\($0.blocks)" }.joined(separator: ", ")
                        + ": " + PlanTable.money(f.purchaseCost)
                ))
        }
        var out = "<section class=\"figures\"><h2>Key figures</h2>\n<dl>\n"
        for (k, v) in figures { out += "<div><dt>\(e(k))</dt><dd>\(e(v))</dd></div>\n" }
        out += "</dl>\n"
        if r.planned < f.futures {
            out +=
                "<p class=\"note\">No plan in \(f.futures - r.planned) futures: counted as not serving everyone, "
                + "left out of the other figures.</p>\n"
        }
        return out + "</section>\n"
    }

    /// How many futures leave 0, 1, 2, ... cases unmet (in ranges when there are many).
    static func unmetSection(_ r: RiskResult) -> String {
        let values = r.outcomes.compactMap { $0.objective == nil ? nil : $0.unmetCases }
        let top = Int((values.max() ?? 0).rounded(.up))
        let width = max(1, (top + 19) / 20)
        let buckets = top == 0 ? 1 : (top + width - 1) / width + 1
        var counts = Array(repeating: 0.0, count: buckets)
        for v in values {
            let k = v <= 1e-9 ? 0 : min(buckets - 1, (Int(v.rounded(.up)) + width - 1) / width)
            counts[k] += 1
        }
        let labels = (0..<buckets).map { k in
            k == 0 ? "0" : width == 1 ? String(k) : "\((k - 1) * width + 1)-\(k * width)"
        }
        return "<section><h2>Unmet cases over the futures</h2>\n"
            + BarChart(
                title: "How many futures leave how many cases unmet",
                summary:
                    "Futures by the number of cases they leave unmet; the first bar is the futures serving everyone.",
                categories: labels, series: [ChartSeries("futures", counts.map { $0 }, color: Chart.palette[3])],
                yLabel: "futures", height: 240
            ).svg(id: "chart-unmet") + "</section>\n"
    }

    /// Each capacity: the share of futures in which it is full in at least one month.
    static func capacitySection(_ r: RiskResult) -> String {
        let rows = r.capacities.map { c in
            ["\(c.capacity.kind) \(c.capacity.id)", c.capacity.counts, RiskTable.pct(c.shareFull)]
        }
        return "<section><h2>Which capacities run full</h2>\n"
            + ShareBarChart(
                title: "Futures in which each capacity is full in at least one month",
                summary: "The share of futures, per capacity, in which it is full in at least one month.",
                categories: r.capacities.map { "\($0.capacity.kind) \($0.capacity.id)" },
                shares: r.capacities.map(\.shareFull), color: Chart.palette[1]
            ).svg(id: "chart-full")
            + HTMLPage.table(["Capacity", "Counts", "Full in a month, futures"], rows, numeric: [2]) + "</section>\n"
    }
}
