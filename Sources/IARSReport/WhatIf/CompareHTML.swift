import Foundation
import IARSCore

/// `iars compare --html FILE`: the options side by side on one self-contained
/// page (inline CSS and SVG, no scripts, no fonts, no network), readable on
/// screen and printed on A4. See docs/html-report.md.
public enum CompareHTML {
    public static func render(_ c: Comparison) -> String {
        let e = Markup.escape
        guard let base = c.options.first else {
            return HTMLPage.document(title: "iars compare", body: "<h1>iars compare</h1>\n<p>No options.</p>\n")
        }
        let sc = base.scenario
        let cur = sc.currency
        let files = Set(c.options.map(\.file))
        let title = "iars compare: " + (files.count == 1 ? sc.name : "\(files.count) files")
        let labels = c.options.map(\.label)
        let planned = c.options.filter { $0.result.hasPlan }.count

        var body = "<header>\n<h1>\(e(title))</h1>\n"
        if files.count == 1, let d = sc.description, !d.isEmpty { body += "<p class=\"lead\">\(e(d))</p>\n" }
        let what =
            files.count == 1
            ? (c.options.count == 1
                ? "The base scenario (the file has no variants)"
                : "The base and \(c.options.count - 1) variant\(c.options.count == 2 ? "" : "s")")
            : "\(files.count) files, \(c.options.count) options"
        body +=
            "<p class=\"meta\">\(e(what)); \(e(sc.label(1))) to \(e(sc.label(sc.months))) (\(sc.months) months). "
            + "Differences are to \(e(base.label)). \(planned) of \(c.options.count) option\(c.options.count == 1 ? "" : "s") "
            + "\(planned == 1 && c.options.count == 1 ? "has" : "have") a plan.</p>\n</header>\n"

        body += optionsSection(c, files: files.count)

        if planned > 0 {
            body += charts(c, labels: labels, currency: cur)
        }

        // The comparison table: the base and at most `perBlock` other options per table, so it fits A4.
        body +=
            "<section class=\"page\"><h2>Side by side</h2>\n"
            + "<p class=\"note\">In brackets: the difference to \(e(base.label)); = for no change; - where a figure does not exist.</p>\n"
        let others = Array(c.options.indices.dropFirst())
        let blocks = stride(from: 0, to: max(others.count, 1), by: CompareTable.perBlock).map {
            [0] + others[$0..<min($0 + CompareTable.perBlock, others.count)]
        }
        for block in blocks { body += table(c, options: block, currency: cur) }
        body += "</section>\n"

        body += withoutPlanSection(c)
        body +=
            "<footer><p>Made by iars compare; each option planned as <code>iars plan FILE --variant NAME</code> plans it. "
            + "Figures as in <code>iars compare --format json</code>.</p></footer>\n"
        return HTMLPage.document(title: title, body: body)
    }

    /// The options, their status and what each changes (with its file when there are several).
    static func optionsSection(_ c: Comparison, files: Int) -> String {
        var optionRows: [[String]] = []
        for o in c.options {
            // one file: the base's description is the lead above, not repeated here
            let text =
                files == 1 && o.variant == nil
                ? "" : o.description?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            var row = [o.label]
            if files > 1 { row.append(o.file) }
            row += [
                MetricFormat.status(o.metrics) + (MetricFormat.stopped(o.metrics).map { " (stopped at \($0))" } ?? ""),
                text.isEmpty ? (o.variant == nil ? "the scenario as written" : "") : text,
            ]
            optionRows.append(row)
        }
        return "<section><h2>Options</h2>\n"
            + HTMLPage.table(
                files > 1 ? ["Option", "File", "Status", "What it changes"] : ["Option", "Status", "What it changes"],
                optionRows)
            + "</section>\n"
    }

    /// The options without a plan and why; empty when every option has one.
    static func withoutPlanSection(_ c: Comparison) -> String {
        let e = Markup.escape
        let failed = c.options.filter { !$0.result.hasPlan }
        guard !failed.isEmpty else { return "" }
        var s = "<section><h2>Options without a plan</h2>\n<ul>\n"
        for o in failed {
            let reasons = o.result.reasons.map(\.message)
            let why =
                reasons.isEmpty ? noPlanText(o.result.stoppedBy) : reasons.joined(separator: "; ")
            s += "<li>\(e(o.label)) (\(e(o.result.status.rawValue))): \(e(why))</li>\n"
        }
        return s + "</ul>\n</section>\n"
    }

    /// The charts: one category (bar or bar group) per option.
    static func charts(_ c: Comparison, labels: [String], currency cur: String) -> String {
        let options = OptionSeries(c, labels: labels)
        return servedSection(options) + returnsSection(options) + costSection(options, currency: cur)
            + waitingAndBedUseSection(options)
    }

    /// One value per option for a chart: options without a plan have none; options not proven
    /// optimal are drawn hollow, with a legend entry giving the largest gap.
    struct OptionSeries {
        let c: Comparison
        /// The chart's categories: the options' labels.
        let labels: [String]
        let unproven: [Bool]
        /// The legend entry of the hollow bars.
        let note: String

        init(_ c: Comparison, labels: [String]) {
            self.c = c
            self.labels = labels
            unproven = c.options.map { $0.metrics.objective != nil && !$0.metrics.proven }
            let gaps = c.options.filter { $0.metrics.objective != nil && !$0.metrics.proven }.map(\.metrics.gap)
            note = Chart.unprovenLabel(gaps: gaps)
        }

        func series(_ name: String, _ color: String? = nil, _ get: (PlanMetrics) -> Double?) -> ChartSeries {
            ChartSeries(
                name, c.options.map { $0.metrics.objective == nil ? nil : get($0.metrics) }, color: color,
                unproven: unproven)
        }
    }

    /// Cases served and unmet, grouped per option.
    static func servedSection(_ o: OptionSeries) -> String {
        let c = o.c
        var s = "<section><h2>Cases served and unmet</h2>\n"
        s += BarChart(
            title: "Cases served and unmet arrivals per option",
            summary: "Grouped bars per option: cases served (admitted) and arrivals left unmet. "
                + c.options.map {
                    "\($0.label): \(PlanTable.num($0.metrics.served)) served, \(PlanTable.num($0.metrics.unmet)) unmet"
                }.joined(separator: "; ") + ".",
            categories: o.labels,
            series: [
                o.series("served", Chart.palette[0]) { $0.served }, o.series("unmet", Chart.palette[3]) { $0.unmet },
            ],
            mode: .grouped, yLabel: "cases", unprovenLabel: o.note
        ).svg(id: "chart-served")
        return s + "</section>\n"
    }

    /// Returns by country, stacked per option; empty when no option returns anybody.
    static func returnsSection(_ o: OptionSeries) -> String {
        // Countries in first-seen order over all options (variants may add some).
        var countries: [String] = []
        for option in o.c.options {
            for k in option.metrics.returnedByCountry where !countries.contains(k.key) { countries.append(k.key) }
        }
        guard !countries.isEmpty else { return "" }
        var s = "<section><h2>Returns by country</h2>\n"
        s += BarChart(
            title: "Returns by country per option",
            summary: "Stacked bars per option: cases returned to each country over the whole plan.",
            categories: o.labels,
            series: countries.map { country in
                o.series(country) { m in m.returnedByCountry.first { $0.key == country }?.value ?? 0 }
            },
            mode: .stacked, yLabel: "cases", unprovenLabel: o.note
        ).svg(id: "chart-returns")
        return s + "</section>\n"
    }

    /// The cost per option with its total budget, and the cost per case served.
    static func costSection(_ o: OptionSeries, currency cur: String) -> String {
        let c = o.c
        var s = "<section><h2>Cost</h2>\n"
        let budgets = c.options.map { $0.metrics.budgetTotal }
        s += BarChart(
            title: "Cost per option (\(cur))",
            summary: "Bars per option: total cost of the plan"
                + (budgets.contains { $0 != nil }
                    ? ", with each option's total budget (a black mark over its bar)." : "."),
            categories: o.labels,
            series: [o.series("cost", Chart.palette[0]) { $0.cost }],
            mode: .grouped,
            // a mark per option: budgets of separate options are not a trend to join
            lines: budgets.contains { $0 != nil }
                ? [ChartSeries("total budget", budgets, color: "#000000", step: true, pointsOnly: true)] : [],
            yLabel: cur, unprovenLabel: o.note
        ).svg(id: "chart-cost")
        if c.options.contains(where: { $0.metrics.objective != nil && $0.metrics.costPerCaseServed != nil }) {
            s += BarChart(
                title: "Cost per case served (\(cur))",
                summary: "Bars per option: total cost divided by the cases served.",
                categories: o.labels,
                series: [o.series("cost per case served", Chart.palette[2]) { $0.costPerCaseServed }],
                mode: .grouped, yLabel: cur, height: 240, unprovenLabel: o.note
            ).svg(id: "chart-cost-per-case")
        }
        return s + "</section>\n"
    }

    /// Waiting, mean bed use and shelter-months at full capacity per option.
    static func waitingAndBedUseSection(_ o: OptionSeries) -> String {
        let c = o.c
        var s = "<section><h2>Waiting and bed use</h2>\n"
        let planned = c.options.filter { $0.metrics.objective != nil }
        if !planned.isEmpty && planned.allSatisfy({ abs($0.metrics.waiting) < 1e-9 }) {
            // an empty chart reads as missing data
            s +=
                "<p>Nobody waits in any option: everyone ready to go home leaves in the month they are ready.</p>\n"
        } else {
            s += BarChart(
                title: "Waiting per option (person-months)",
                summary: "Bars per option: person-months that people ready to go home waited in shelter.",
                categories: o.labels,
                series: [o.series("waiting", Chart.palette[1]) { $0.waiting }],
                mode: .grouped, yLabel: "person-months", height: 240, unprovenLabel: o.note
            ).svg(id: "chart-waiting")
        }
        // Peak bed use is 100% in most options (some shelter is full some month): the mean use
        // and the shelter-months at full capacity tell options apart.
        s += BarChart(
            title: "Mean bed use per option (%)",
            summary: "Bars per option: the average share of beds in use over every shelter and month. "
                + c.options.map { "\($0.label): \(PlanTable.percent($0.metrics.meanBedUse))" }.joined(separator: "; ")
                + ".",
            categories: o.labels,
            series: [o.series("mean bed use", Chart.palette[4]) { ($0.meanBedUse * 1000).rounded() / 10 }],
            mode: .grouped, yLabel: "%", height: 240, unprovenLabel: o.note
        ).svg(id: "chart-bed-use")
        s += BarChart(
            title: "Shelter-months at full capacity per option",
            summary: "Bars per option: how many months, summed over shelters, a shelter's beds were all in use. "
                + c.options.map { "\($0.label): \($0.metrics.monthsFull)" }.joined(separator: "; ") + ".",
            categories: o.labels,
            series: [o.series("shelter-months full", Chart.palette[5]) { Double($0.monthsFull) }],
            mode: .grouped, yLabel: "shelter-months", height: 240, unprovenLabel: o.note
        ).svg(id: "chart-months-full")
        return s + "</section>\n"
    }

    /// The rows of ``CompareTable`` for `options`: value and (difference to the base).
    static func table(_ c: Comparison, options: [Int], currency: String) -> String {
        var rows: [[String]] = [["Status"] + options.map { MetricFormat.status(c.options[$0].metrics) }]
        if options.contains(where: { MetricFormat.stopped(c.options[$0].metrics) != nil }) {
            rows.append(["Stopped at"] + options.map { MetricFormat.stopped(c.options[$0].metrics) ?? "-" })
        }
        for row in c.shownRows {
            var label = MetricFormat.label(row, currency: currency)
            // an em space keeps the indent
            if row.key != nil { label = "\u{2003}" + label.trimmingCharacters(in: .whitespaces) }
            var cells = [label]
            for i in options {
                var cell = MetricFormat.value(c.value(row, option: i), row.metric)
                if i > 0, let d = c.difference(row, option: i) {
                    cell += " (\(MetricFormat.difference(d, row.metric)))"
                }
                cells.append(cell)
            }
            rows.append(cells)
        }
        return HTMLPage.table([""] + options.map { c.options[$0].label }, rows, numeric: Set(1...options.count))
    }
}
