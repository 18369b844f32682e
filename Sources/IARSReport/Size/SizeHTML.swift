import Foundation
import IARSCore

/// `iars size --html FILE`: one self-contained page (inline CSS and SVG, no scripts): the
/// purchase, with a chart of what each option costs, the in-sample means, then the
/// out-of-sample risk report's figures and charts (``RiskHTML``'s sections). See docs/size.md.
public enum SizeHTML {
    /// - Parameter scenario: the scenario sized (its `buy:` options describe the purchase).
    public static func render(_ r: SizeResult, scenario: Scenario) -> String {
        let e = Markup.escape
        var body = "<header>\n<h1>iars size: \(e(r.scenario))</h1>\n"
        body +=
            "<p class=\"meta\">\(e(PlanTable.grouped(Int64(r.futures)))) futures (seed \(r.seed)), "
            + (r.integer ? "integer plans" : "LP relaxations") + " within futures. Status: "
            + e(SizeTable.status(r)) + ".</p>\n</header>\n"
        if let o = r.objective {
            body += purchaseSection(r, scenario: scenario)
            var figures: [(String, String)] = [
                ("Mean unmet (priority-weighted)", PlanTable.num(o.unmet)),
                ("Mean waiting (person-months)", PlanTable.num(o.waiting)),
                ("Purchase + mean cost (\(r.currency))", PlanTable.money(o.cost)),
            ]
            if let share = r.servedShare { figures.append(("Everyone served", "\(RiskTable.pct(share)) of futures")) }
            body += "<section class=\"figures\"><h2>Over the futures it was chosen for (in sample)</h2>\n<dl>\n"
            for (k, v) in figures { body += "<div><dt>\(e(k))</dt><dd>\(e(v))</dd></div>\n" }
            body += "</dl>\n</section>\n"
        }
        if let risk = r.outOfSample {
            body +=
                "<section><h2>Out of sample</h2>\n<p>The purchase on \(PlanTable.grouped(Int64(risk.frame.futures))) "
                + "fresh futures (seed \(risk.frame.seed)), as <code>iars risk --buy</code> reports it.</p>\n</section>\n"
            body += RiskHTML.keyFigures(risk) + RiskHTML.unmetSection(risk) + RiskHTML.capacitySection(risk)
        }
        body +=
            "<footer><p>Made by iars size. \(e(Markup.sentence(RiskJSON.hindsight))). "
            + "Figures as in <code>iars size --format json</code>.</p></footer>\n"
        return HTMLPage.document(title: "iars size: \(r.scenario)", body: body)
    }

    /// The options: blocks of max, what they add, cost; and a chart of the cost per option.
    static func purchaseSection(_ r: SizeResult, scenario: Scenario) -> String {
        let rows = zip(r.purchase, scenario.buy).map { b, option in
            [
                b.id, "\(option.kind.rawValue) \(option.target)", "\(b.blocks) of \(option.max)",
                b.blocks == 0 ? "-" : "+\(b.blocks * option.amount) \(option.kind.amountKey)",
                PlanTable.money(b.cost),
            ]
        }
        return "<section><h2>What to buy</h2>\n"
            + HTMLPage.table(
                ["Option", "Capacity", "Blocks", "Adds (every month)", "Cost (\(r.currency))"], rows, numeric: [2, 4],
                footer: ["Purchase", "", "", "", PlanTable.money(r.purchaseCost)])
            + BarChart(
                title: "What each option costs",
                summary: "The cost of the blocks bought of each buy option, in \(r.currency).",
                categories: r.purchase.map(\.id),
                series: [ChartSeries(r.currency, r.purchase.map(\.cost), color: Chart.palette[0])],
                yLabel: r.currency, height: 220
            ).svg(id: "chart-purchase") + "</section>\n"
    }
}
