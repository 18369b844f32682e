import IARSHistory
import IARSReport

/// `iars history forecast --html FILE`: one self-contained page (inline SVG, no scripts,
/// no network) with, per office, charts of plan against actual per month (in shelter, and
/// ready) and how far off the forecasts were.
enum ForecastHTML {
    static func render(_ report: ForecastReport, database: String) -> String {
        var body = ""
        for (i, o) in report.offices.enumerated() {
            body += "<section><h2>\(Markup.escape(o.office))</h2>\n"
            body += "<p>scenario \(Markup.escape(o.scenario)) · \(Markup.escape(summary(o.summary)))</p>\n"
            body += chart(o, id: "o\(i)-shelter", title: "In shelter", actual: { Double($0.inShelter) }) {
                $0.inShelter
            }
            body += chart(o, id: "o\(i)-ready", title: "Ready, still in shelter", actual: { Double($0.ready) }) {
                $0.ready
            }
            body += table(o) + "</section>\n"
        }
        if report.offices.isEmpty {
            body = "<p>No runs of the weekly loop (plans from a caseload) in this history.</p>"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>iars forecasts against actuals</title>
            <style>body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:60em}h2{font-size:1.1em}
            section{border-top:1px solid #ddd;padding-top:.5em;margin-top:1em}svg{max-width:100%;height:auto}
            table{border-collapse:collapse;font-size:.85em}td,th{padding:.15em .6em;text-align:right}th:first-child,td:first-child{text-align:left}</style></head>
            <body><h1>Forecasts against actuals</h1>
            <p>\(Markup.escape(database)). A month's actual is the caseload of the office's last run in that month; \
            each forecast is what an earlier run's plan said for the end of that month (in shelter; ready = the plan's \
            waiting, ready but still in shelter). Error = forecast - actual. Months without an actual show the latest plan; \
            an actual marked * is provisional: its month is not over, and a later run in it replaces it.</p>
            \(body)</body></html>

            """
    }

    static func summary(_ s: ForecastReport.Summary) -> String {
        ForecastText.summaryText(s).split(separator: "\n").first.map(String.init) ?? ""
    }

    /// Actual, the latest forecast before it (for months to come: the latest plan) and the
    /// earliest forecast of each month.
    static func chart(
        _ o: ForecastReport.Office, id: String, title: String, actual: (ForecastReport.Actual) -> Double,
        _ value: (ForecastReport.Forecast) -> Double
    ) -> String {
        let months = o.months.map(\.month)
        let actualSeries = ChartSeries("Actual (caseload)", o.months.map { $0.actual.map(actual) }, color: "#000000")
        let latest = ChartSeries(
            "Latest forecast before it", o.months.map { $0.forecasts.last.map(value) }, color: "#0072B2", dashed: true)
        let earliest = ChartSeries(
            "Earliest forecast", o.months.map { $0.forecasts.count > 1 ? $0.forecasts.first.map(value) : nil },
            color: "#E69F00", pointsOnly: true)
        let chart = LineChart(
            title: "\(title): plan against actual",
            summary: "\(title) per month of \(o.office): the caseload's count and what earlier plans forecast",
            categories: months, series: [actualSeries, latest, earliest], yLabel: "people")
        return chart.svg(id: Markup.token(id))
    }

    static func table(_ o: ForecastReport.Office) -> String {
        var rows = ""
        for m in o.months {
            let errors = m.forecasts.compactMap(\.errorInShelter).map(abs)
            let mae = errors.isEmpty ? nil : errors.reduce(0, +) / Double(errors.count)
            let last = m.forecasts.last
            rows +=
                "<tr><td>\(m.month)</td><td>\(m.actual.map { ForecastText.asOfText($0) } ?? "to come")</td>"
                + "<td>\(m.actual.map { "\($0.inShelter)" } ?? "-")</td><td>\(m.actual.map { "\($0.ready)" } ?? "-")</td>"
                + "<td>\(m.forecasts.count)</td><td>\(ForecastText.n(last?.inShelter))</td>"
                + "<td>\(ForecastText.signed(last?.errorInShelter))</td><td>\(ForecastText.n(mae))</td></tr>\n"
        }
        return """
            <table><thead><tr><th>Month</th><th>Actual on</th><th>In shelter</th><th>Ready</th><th>Forecasts</th>\
            <th>Latest forecast</th><th>Its error</th><th>Mean |error|</th></tr></thead><tbody>
            \(rows)</tbody></table>

            """
    }
}
