import Foundation
import IARSCore

/// `iars plan --html FILE`: one self-contained HTML page (inline CSS and SVG, no
/// scripts, no fonts, no network) with charts and the key tables, readable on
/// screen and printed on A4. See docs/html-report.md.
public enum PlanHTML {
    public static func render(_ r: PlanResult, scenario sc: Scenario, explanation: PlanExplanation? = nil) -> String {
        var body = header(r, sc)
        guard let obj = r.objective else {
            body += noPlanSection(r)
            return HTMLPage.document(title: "iars plan: \(r.scenario)", body: body)
        }
        let tot = PlanTotals(r)
        let months = (1...sc.months).map { sc.label($0) }
        body += keyFigures(r, sc, objective: obj, totals: tot)
        if let explanation { body += explainSection(explanation) }
        // Charts.
        body += arrivalsSection(r, months: months, totals: tot)
        body += bedsSection(r, sc, months: months)
        body += returnsSection(r, sc, months: months, totals: tot)
        body += costSection(r, sc, months: months, totals: tot)
        // Tables.
        body += "<section class=\"page\"><h2>Month by month</h2>\n" + monthTable(r, sc) + "</section>\n"
        body += "<section><h2>How full each capacity is</h2>\n" + capacityTable(r, sc) + "</section>\n"
        body += unmetByGroupSection(r)
        body +=
            "<footer><p>Made by iars from scenario \(Markup.escape(r.scenario)); model \(r.size.columns) columns "
            + "(\(r.size.integers) integer), \(r.size.rows) rows. Figures as in <code>iars plan --format json</code>.</p></footer>\n"
        return HTMLPage.document(title: "iars plan: \(r.scenario)", body: body)
    }

    /// The page's header: the scenario's name and description, its months and the plan's status.
    static func header(_ r: PlanResult, _ sc: Scenario) -> String {
        let e = Markup.escape
        let span = "\(sc.label(1)) to \(sc.label(sc.months)) (\(sc.months) months)"
        var s = "<header>\n<h1>iars plan: \(e(r.scenario))</h1>\n"
        if let d = sc.description, !d.isEmpty { s += "<p class=\"lead\">\(e(d))</p>\n" }
        s += "<p class=\"meta\">\(e(span)). Status: \(e(PlanTable.statusLine(r))).</p>\n</header>\n"
        return s
    }

    /// Why there is no plan: the reasons, or the time limit.
    static func noPlanSection(_ r: PlanResult) -> String {
        var s = "<section><h2>No plan</h2>\n"
        if r.reasons.isEmpty {
            s += "<p>\(Markup.escape(Markup.sentence(noPlanText(r.stoppedBy)))).</p>\n"
        } else {
            s +=
                "<p>No plan exists: the people already in shelter cannot be housed\(PlanTable.served(r)) or paid for.</p>\n<ul>\n"
            for reason in r.reasons { s += "<li>\(Markup.escape(reason.message))</li>\n" }
            s += "</ul>\n"
        }
        return s + "</section>\n"
    }

    /// Key figures: the totals as tiles, then the objective's three levels.
    static func keyFigures(
        _ r: PlanResult, _ sc: Scenario, objective obj: PlanResult.Objective,
        totals tot: PlanTotals
    ) -> String {
        let e = Markup.escape
        let cur = sc.currency
        var figures: [(String, String)] = [
            ("Arrivals", PlanTable.num(Double(tot.arrivals))),
            ("Admitted", PlanTable.num(tot.admitted)),
            ("Unmet", PlanTable.num(tot.unmet)),
            ("Returned", PlanTable.num(tot.returned)),
            ("Waiting (person-months)", PlanTable.num(tot.waiting)),
            ("Cost (\(cur))", PlanTable.money(tot.cost)),
        ]
        if tot.admitted > 0 {
            figures.append(("Cost per case admitted (\(cur))", PlanTable.money(tot.cost / tot.admitted)))
        }
        if let total = sc.budget.total {
            let share = total > 0 ? tot.cost / total : 0
            figures.append(("Budget used (\(cur))", "\(PlanTable.budgetPercent(share)) of \(PlanTable.money(total))"))
        }
        figures.append(("Peak bed use", PlanTable.percent(tot.peakBedUse)))
        var s = "<section class=\"figures\"><h2>Key figures</h2>\n<dl>\n"
        for (k, v) in figures { s += "<div><dt>\(e(k))</dt><dd>\(e(v))</dd></div>\n" }
        s +=
            "</dl>\n<p class=\"note\">Objective, in order of importance: unmet \(e(PlanTable.num(obj.unmet))) "
            + "(priority-weighted), waiting \(e(PlanTable.personMonths(obj.waiting))), cost \(e(PlanTable.money(obj.cost))) \(e(cur)).</p>\n"
        if !r.integer { s += "<p class=\"note\">LP relaxation: counts may be fractional.</p>\n" }
        return s + "</section>\n"
    }

    /// The chart of arrivals by month: admitted and unmet stacked, returns as a line.
    static func arrivalsSection(_ r: PlanResult, months: [String], totals tot: PlanTotals) -> String {
        "<section><h2>Arrivals, admissions and unmet cases</h2>\n"
            + BarChart(
                title: "Arrivals by month: admitted and unmet",
                summary:
                    "Stacked bars per month: cases admitted and arrivals left unmet; together they are the arrivals. "
                    + "Total \(tot.arrivals) arrivals, \(PlanTable.num(tot.admitted)) admitted, \(PlanTable.num(tot.unmet)) unmet.",
                categories: months,
                series: [
                    ChartSeries("admitted", r.months.map { $0.admitted }, color: Chart.palette[0]),
                    ChartSeries("unmet", r.months.map { $0.unmet }, color: Chart.palette[3]),
                ],
                lines: [ChartSeries("returned", r.months.map { $0.returned }, color: Chart.palette[2])],
                yLabel: "cases"
            ).svg(id: "chart-arrivals")
            + "</section>\n"
    }

    /// One chart per shelter: its average occupancy against its beds.
    static func bedsSection(_ r: PlanResult, _ sc: Scenario, months: [String]) -> String {
        var s = "<section><h2>Bed use and beds per shelter</h2>\n"
        for (n, shelter) in r.shelters.enumerated() {
            let full = shelter.months.filter { $0.beds > 0 && $0.occupancy >= Double($0.beds) - 1e-6 }.count
            s += LineChart(
                title: "Shelter \(shelter.id): average occupancy and beds",
                summary:
                    "Average number of people in shelter \(shelter.id) per month against its beds; full in \(full) of \(sc.months) months.",
                categories: months,
                series: [
                    ChartSeries("occupancy (average)", shelter.months.map { $0.occupancy }, color: Chart.palette[0]),
                    ChartSeries(
                        "beds", shelter.months.map { Double($0.beds) }, color: "#000000", dashed: true, step: true),
                ],
                yLabel: "people", height: 240
            ).svg(id: "chart-beds-\(n + 1)")
        }
        return s + "</section>\n"
    }

    /// Returns by month, stacked by route (by country when there are more routes than colours),
    /// then the returns table.
    static func returnsSection(_ r: PlanResult, _ sc: Scenario, months: [String], totals tot: PlanTotals) -> String {
        var s = "<section><h2>Returns by country and route</h2>\n"
        if r.routes.count <= Chart.palette.count {
            let routeSeries = r.routes.map { k in ChartSeries("\(k.id) (\(k.country))", k.months.map { $0.returned }) }
            s += BarChart(
                title: "Returns by route and month",
                summary:
                    "Stacked bars per month: cases returned on each route (country of return in brackets). Total \(PlanTable.num(tot.returned)) returned.",
                categories: months, series: routeSeries, yLabel: "cases"
            ).svg(id: "chart-returns")
        } else {
            // too many routes to tell apart by colour: by country (routes in the table below)
            let countries = Array(Set(r.routes.map(\.country))).sorted()
            let series = countries.map { c in
                ChartSeries(
                    c,
                    (0..<sc.months).map { t in
                        r.routes.filter { $0.country == c }.reduce(0.0) { $0 + $1.months[t].returned }
                    })
            }
            s += BarChart(
                title: "Returns by country and month",
                summary:
                    "Stacked bars per month: cases returned to each country (\(r.routes.count) routes; by route in the table below). Total \(PlanTable.num(tot.returned)) returned.",
                categories: months, series: series, yLabel: "cases"
            ).svg(id: "chart-returns")
        }
        return s + returnsTable(r) + "</section>\n"
    }

    /// Cost by kind and month (with the monthly budget), then the cumulative cost against the total budget.
    static func costSection(_ r: PlanResult, _ sc: Scenario, months: [String], totals tot: PlanTotals) -> String {
        let cur = sc.currency
        var s = "<section><h2>Cost and budget</h2>\n"
        var budgetLines: [ChartSeries] = []
        if let monthly = sc.budget.monthly {
            budgetLines.append(ChartSeries("monthly budget", monthly.map { Optional($0) }, dashed: true, step: true))
        }
        var kinds = [
            ChartSeries("shelter", r.months.map { $0.costShelter }),
            ChartSeries("medical", r.months.map { $0.costMedical }),
            ChartSeries("transport", r.months.map { $0.costTransport }),
            ChartSeries("reintegration", r.months.map { $0.costReintegration }),
        ]
        if !r.services.isEmpty { kinds.append(ChartSeries("services", r.months.map { $0.costServices })) }
        s += BarChart(
            title: "Cost by kind and month (\(cur))",
            summary:
                "Stacked bars per month: cost of shelter, medical screening, transport and reintegration"
                + (r.services.isEmpty ? "" : " and social services")
                + ". Total \(PlanTable.money(tot.cost)) \(cur).",
            categories: months,
            series: kinds,
            lines: budgetLines, yLabel: cur
        ).svg(id: "chart-cost")
        var cumulative: [Double?] = []
        var sum = 0.0
        for m in r.months { sum += m.cost; cumulative.append(sum) }
        var cumSeries = [ChartSeries("cumulative cost", cumulative, color: Chart.palette[0])]
        if let total = sc.budget.total {
            cumSeries.append(
                ChartSeries(
                    "total budget", Array(repeating: total, count: sc.months), color: "#000000", dashed: true,
                    step: true))
        }
        s += LineChart(
            title: "Cumulative cost" + (sc.budget.total != nil ? " against the total budget" : "") + " (\(cur))",
            summary: "Cost spent up to the end of each month"
                + (sc.budget.total.map { ", against the total budget of \(PlanTable.money($0)) \(cur)" } ?? "") + ".",
            categories: months, series: cumSeries, yLabel: cur, height: 240
        ).svg(id: "chart-budget")
        return s + "</section>\n"
    }

    /// The groups with unmet arrivals, their share unmet; empty when every group was met.
    static func unmetByGroupSection(_ r: PlanResult) -> String {
        let short = r.groups.filter { g in g.months.contains { $0.unmet > 1e-9 } }
        guard !short.isEmpty else { return "" }
        var rows: [[String]] = []
        for g in short {
            let a = g.months.reduce(0) { $0 + $1.arrivals }
            let un = g.months.reduce(0.0) { $0 + $1.unmet }
            rows.append([
                g.id, g.country, PlanTable.num(g.priority), String(a), PlanTable.num(un),
                PlanTable.percent(a > 0 ? un / Double(a) : nil),
            ])
        }
        return "<section><h2>Unmet arrivals by group</h2>\n"
            + HTMLPage.table(
                ["Group", "Country", "Priority", "Arrivals", "Unmet", "Share"], rows, numeric: [2, 3, 4, 5])
            + "</section>\n"
    }

    static func explainSection(_ x: PlanExplanation) -> String {
        let e = Markup.escape
        var s = "<section class=\"explain\"><h2>Why the plan falls short</h2>\n"
        if x.binding.isEmpty {
            s += "<p>No capacity is full in this plan.</p>\n"
        } else {
            s += "<h3>Full in the plan</h3>\n<ul>\n"
            for b in x.binding { s += "<li>\(e(PlanExplainReport.bindingSentence(b, x)))</li>\n" }
            s += "</ul>\n"
        }
        if let note = x.note {
            s += "<p>No marginal values: \(e(note)).</p>\n"
        } else if x.items.isEmpty {
            s += "<p>One more unit of any single capacity would change nothing.</p>\n"
        } else {
            s += "<h3>What one more unit is worth, most valuable first</h3>\n<ol>\n"
            // every item: a manager's report has room for them, and no command line to run for more
            for line in PlanExplainReport.lines(x) { s += "<li>\(e(line.text))</li>\n" }
            s += "</ol>\n"
            s +=
                "<p class=\"note\">From the duals of the LP relaxation, solved level by level; they hold for small changes (docs/explain.md).</p>\n"
        }
        if let w = x.wholeUnitNote { s += "<p class=\"note\">\(e(Markup.sentence(w))).</p>\n" }
        return s + "</section>\n"
    }

    static func monthTable(_ r: PlanResult, _ sc: Scenario) -> String {
        var head = ["Month", "Arrivals", "Admitted", "Unmet", "Returned", "In shelter", "Waiting", "Bed use", "Cost"]
        if sc.budget.monthly != nil { head.append("Budget") }
        var rows: [[String]] = []
        for m in r.months {
            var row = [
                m.month, String(m.arrivals), PlanTable.num(m.admitted), PlanTable.num(m.unmet),
                PlanTable.num(m.returned),
                PlanTable.num(m.inShelter), PlanTable.num(m.waiting),
                PlanTable.percent(m.beds > 0 ? m.occupancy / Double(m.beds) : nil), PlanTable.money(m.cost),
            ]
            if let b = m.budget { row.append(PlanTable.money(b)) } else if sc.budget.monthly != nil { row.append("") }
            rows.append(row)
        }
        let tot = PlanTotals(r)
        var total = [
            "Total", String(tot.arrivals), PlanTable.num(tot.admitted), PlanTable.num(tot.unmet),
            PlanTable.num(tot.returned),
            PlanTable.num(r.months.last?.inShelter ?? 0), PlanTable.num(tot.waiting), "", PlanTable.money(tot.cost),
        ]
        if sc.budget.monthly != nil { total.append("") }
        return HTMLPage.table(head, rows, numeric: Set(1..<head.count), footer: total)
    }

    static func capacityTable(_ r: PlanResult, _ sc: Scenario) -> String {
        var rows: [[String]] = []
        func add(_ kind: String, _ id: String, _ pairs: [(Double, Double)]) {
            let u = PlanTable.usageRow(kind, id, pairs)
            rows.append([u[0], u[1], u[3], u[4], u[5]])
        }
        for s in r.shelters { add("shelter beds", s.id, s.months.map { ($0.occupancy, Double($0.beds)) }) }
        for p in r.medical { add("screening", p.id, p.months.map { ($0.used, $0.capacity) }) }
        for k in r.routes {
            let seats = Double(sc.routes.first { $0.id == k.id }?.seatsPerDeparture ?? 1)
            add("route seats", k.id, k.months.map { ($0.returned, Double($0.departuresAvailable) * seats) })
        }
        for p in r.partners { add("partner", p.id, p.months.map { ($0.used, $0.capacity) }) }
        for v in r.services { add("service", v.id, v.months.map { ($0.used, $0.capacity) }) }
        return HTMLPage.table(["Capacity", "Id", "Peak use", "Mean use", "Months full"], rows, numeric: [2, 3, 4])
    }

    static func returnsTable(_ r: PlanResult) -> String {
        var byCountry: [String: Double] = [:]
        var countries: [String] = []
        for k in r.routes {
            if byCountry[k.country] == nil { countries.append(k.country) }
            byCountry[k.country, default: 0] += k.months.reduce(0) { $0 + $1.returned }
        }
        var rows: [[String]] = []
        for c in countries.sorted() {
            for k in r.routes where k.country == c {
                let n = k.months.reduce(0.0) { $0 + $1.returned }
                let deps = k.months.reduce(0.0) { $0 + $1.departures }
                rows.append([
                    c, k.id, PlanTable.num(deps), PlanTable.num(n),
                    PlanTable.money(k.months.reduce(0) { $0 + $1.cost }),
                ])
            }
            if r.routes.filter({ $0.country == c }).count > 1 {
                rows.append([c, "all routes", "", PlanTable.num(byCountry[c] ?? 0), ""])
            }
        }
        return HTMLPage.table(
            ["Country", "Route", "Departures", "Returned", "Transport cost"], rows, numeric: [2, 3, 4])
    }
}

/// The page frame of the HTML reports: document, inline CSS (screen and A4
/// print), tables. Shared by plan (and later compare and sweep) reports.
public enum HTMLPage {
    public static let css = """
        :root { color-scheme: light; }
        body { font-family: sans-serif; color: #222; background: #fff; margin: 0 auto; padding: 16px 24px; max-width: 980px; line-height: 1.4; }
        h1 { font-size: 1.6em; margin: 0.2em 0; }
        h2 { font-size: 1.25em; border-bottom: 2px solid #0072B2; padding-bottom: 2px; margin-top: 1.6em; }
        h3 { font-size: 1.05em; margin-bottom: 0.3em; }
        .lead { font-size: 1.05em; }
        .meta, .note, footer { color: #555; font-size: 0.9em; }
        dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 8px; margin: 0; }
        dl div { border: 1px solid #ccc; border-radius: 4px; padding: 6px 10px; }
        dt { font-size: 0.85em; color: #555; }
        dd { margin: 0; font-size: 1.3em; font-weight: bold; }
        svg.chart { display: block; width: 100%; height: auto; margin: 12px 0; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9em; margin: 10px 0; }
        th, td { border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: left; }
        th { background: #f0f4f8; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        tfoot td { font-weight: bold; border-top: 2px solid #999; }
        .explain li { margin: 0.25em 0; }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          h2 { break-after: avoid; }
          svg.chart, table, dl, .explain { break-inside: avoid; }
          section.page { break-before: page; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """

    /// A whole page: escaped title, the CSS above, the body as given (already escaped markup).
    public static func document(title: String, body: String, css extra: String = "") -> String {
        var s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        s += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        s += "<title>\(Markup.escape(title))</title>\n<style>\n\(css)\(extra)\n</style>\n</head>\n<body>\n"
        s += body
        s += "</body>\n</html>\n"
        return s
    }

    /// A table; every cell is escaped. `numeric` column indices are right-aligned.
    public static func table(_ head: [String], _ rows: [[String]], numeric: Set<Int> = [], footer: [String]? = nil)
        -> String
    {
        let e = Markup.escape
        func cells(_ row: [String], _ tag: String) -> String {
            row.enumerated().map { i, c in "<\(tag)\(numeric.contains(i) ? " class=\"n\"" : "")>\(e(c))</\(tag)>" }
                .joined()
        }
        var s = "<table>\n<thead><tr>\(cells(head, "th"))</tr></thead>\n<tbody>\n"
        for r in rows { s += "<tr>\(cells(r, "td"))</tr>\n" }
        s += "</tbody>\n"
        if let footer { s += "<tfoot><tr>\(cells(footer, "td"))</tr></tfoot>\n" }
        return s + "</table>\n"
    }
}
