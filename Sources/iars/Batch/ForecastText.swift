import IARSHistory
import IARSReport

/// `iars history forecast` as a table and as JSON (docs/batch.md, "Forecasts against actuals").
enum ForecastText {
    static func n(_ v: Double?) -> String { v.map(PlanTable.num) ?? "-" }

    /// A signed difference: `+1.50`, `-2`, `0`.
    static func signed(_ v: Double?) -> String {
        guard let v else { return "-" }
        let r = (v * 100).rounded() / 100
        return r > 0 ? "+" + PlanTable.num(r) : PlanTable.num(r == 0 ? 0 : r)
    }

    /// Per office: one row per forecast held against its month's actual (the months still
    /// to come: the latest plan only), then how far off the forecasts were.
    static func table(_ report: ForecastReport) -> String {
        guard !report.offices.isEmpty else {
            return "No runs of the weekly loop (plans from a caseload) in this history.\n"
        }
        var out = ""
        for o in report.offices {
            out += "\(o.office) (scenario \(o.scenario))\n\n"
            var t = TextTable(columns: [
                .init("Month"), .init("Actual on"), .init("In shelter", right: true), .init("Ready", right: true),
                .init("Forecast on"), .init("Ahead"), .init("In shelter", right: true), .init("Error", right: true),
                .init("Ready", right: true), .init("Error", right: true),
            ])
            for m in o.months {
                let a = m.actual
                let shown = a == nil ? Array(m.forecasts.suffix(1)) : m.forecasts
                if shown.isEmpty, let a {
                    t.add([m.month, asOfText(a), "\(a.inShelter)", "\(a.ready)", "-", "", "", "", "", ""])
                }
                for (i, f) in shown.enumerated() {
                    let ahead = f.weeksAhead.map { "\($0) wk" } ?? "\(f.monthsAhead) mo"
                    t.add([
                        i == 0 ? m.month : "", i == 0 ? (a.map(asOfText) ?? "(to come)") : "",
                        i == 0 ? (a.map { "\($0.inShelter)" } ?? "") : "",
                        i == 0 ? (a.map { "\($0.ready)" } ?? "") : "",
                        f.asOf, ahead, n(f.inShelter), signed(f.errorInShelter), n(f.ready), signed(f.errorReady),
                    ])
                }
            }
            out += t.render()
            if o.months.contains(where: { $0.actual?.final == false }) {
                out += "* the month is not over: a later run in it replaces this actual\n"
            }
            out += "\n" + summaryText(o.summary) + "\n"
        }
        return out
    }

    /// The actual's date, with `*` while a later run of its month may replace it.
    static func asOfText(_ a: ForecastReport.Actual) -> String { a.asOf + (a.final ? "" : "*") }

    static func summaryText(_ s: ForecastReport.Summary) -> String {
        guard s.forecasts > 0 else { return "No forecast can be held against an actual yet.\n" }
        var out =
            "\(s.forecasts) forecast\(s.forecasts == 1 ? "" : "s") held against actuals: in shelter off by "
            + "\(n(s.meanAbsErrorInShelter)) on average (bias \(signed(s.biasInShelter)), worst "
            + "\(n(s.maxAbsErrorInShelter))); ready off by \(n(s.meanAbsErrorReady)) (bias \(signed(s.biasReady))).\n"
        for l in s.byMonthsAhead {
            out +=
                "  made \(l.monthsAhead == 0 ? "in the same month" : "\(l.monthsAhead) month\(l.monthsAhead == 1 ? "" : "s") before"): "
                + "\(l.forecasts) forecast\(l.forecasts == 1 ? "" : "s"), in shelter off by \(n(l.meanAbsErrorInShelter)), "
                + "ready by \(n(l.meanAbsErrorReady)) on average\n"
        }
        return out
    }

    static func json(_ report: ForecastReport) -> JSONValue {
        .object([("offices", .array(report.offices.map(office)))])
    }

    static func office(_ o: ForecastReport.Office) -> JSONValue {
        let s = o.summary
        return .object([
            ("office", .string(o.office)), ("scenario", .string(o.scenario)),
            ("months", .array(o.months.map(month))),
            (
                "summary",
                .object([
                    ("forecasts", .int(s.forecasts)),
                    ("mean_abs_error_in_shelter", .num(s.meanAbsErrorInShelter)),
                    ("bias_in_shelter", .num(s.biasInShelter)),
                    ("max_abs_error_in_shelter", .num(s.maxAbsErrorInShelter)),
                    ("mean_abs_error_ready", .num(s.meanAbsErrorReady)), ("bias_ready", .num(s.biasReady)),
                    (
                        "by_months_ahead",
                        .array(
                            s.byMonthsAhead.map {
                                .object([
                                    ("months_ahead", .int($0.monthsAhead)), ("forecasts", .int($0.forecasts)),
                                    ("mean_abs_error_in_shelter", .num($0.meanAbsErrorInShelter)),
                                    ("mean_abs_error_ready", .num($0.meanAbsErrorReady)),
                                ])
                            })
                    ),
                ])
            ),
        ])
    }

    static func month(_ m: ForecastReport.Month) -> JSONValue {
        .object([
            ("month", .string(m.month)),
            (
                "actual",
                m.actual.map { a in
                    .object([
                        ("as_of", .string(a.asOf)), ("final", .bool(a.final)), ("run", .string(a.runID)),
                        ("in_shelter", .int(a.inShelter)),
                        ("ready", .int(a.ready)), ("waiting", .int(a.waiting)),
                        ("groups", actualsJSON(a.groups)),
                    ])
                } ?? .null
            ),
            (
                "forecasts",
                .array(
                    m.forecasts.map { f in
                        .object([
                            ("as_of", .string(f.asOf)), ("run", .string(f.runID)),
                            ("weeks_ahead", f.weeksAhead.map { .int($0) } ?? .null),
                            ("months_ahead", .int(f.monthsAhead)), ("in_shelter", .num(f.inShelter)),
                            ("ready", .num(f.ready)), ("error_in_shelter", .num(f.errorInShelter)),
                            ("error_ready", .num(f.errorReady)),
                        ])
                    })
            ),
        ])
    }

    /// The caseload's counts per group.
    static func actualsJSON(_ groups: [GroupActual]) -> JSONValue {
        .array(
            groups.map {
                .object([
                    ("group", .string($0.group)), ("in_shelter", .int($0.inShelter)), ("ready", .int($0.ready)),
                    ("waiting", .int($0.waiting)),
                ])
            })
    }
}
