import Foundation
import IARSCore

/// `iars sweep`: the grid as a table and text charts, for a person.
///
/// One parameter: a row per value, then a bar chart per objective level.
/// Two parameters: a row per point, then for each level a grid (rows: the
/// first parameter, columns: the second) shaded from light (low) to dark (high).
public enum SweepTable {
    /// The grid's metric columns, after the swept values and the status.
    static let gridMetricHeadings = [
        "Unmet (weighted)", "Waiting", "Cost", "Served", "Unmet", "Cost/case",
        "Budget used", "Peak beds", "Mean beds",
    ]

    /// One point of the grid as cells: the swept values, the status, then the metrics
    /// (`-` for a point without a plan). The table and the HTML page share it.
    static func gridRow(_ p: SweepResult.Point, weightedHidden: Bool = false) -> [String] {
        let m = p.metrics
        var row = p.values.map(formatValue) + [MetricFormat.status(m)]
        if let o = m.objective {
            row += [
                weightedHidden ? Suppression.withheld : PlanTable.num(o.unmet), PlanTable.num(o.waiting),
                PlanTable.money(o.cost), PlanTable.num(m.served),
                PlanTable.num(m.unmet), m.costPerCaseServed.map(PlanTable.money) ?? "-",
                PlanTable.budgetPercent(m.budgetUsed), PlanTable.percent(m.peakBedUse), PlanTable.percent(m.meanBedUse),
            ]
        } else {
            row += Array(repeating: "-", count: gridMetricHeadings.count)
        }
        return row
    }

    /// - Parameter suppression: `--suppress-below K`: the points' figures a hidden group count
    ///   could be derived from (the priority-weighted unmet) are withheld (docs/suppression.md).
    public static func render(_ s: SweepResult, timings: Bool = false, suppression: SweepSuppression? = nil) -> String {
        var out = "iars sweep: \(s.scenario), \(s.points.count) point\(s.points.count == 1 ? "" : "s")\n"
        for a in s.axes {
            let first = a.values.first.map(formatValue) ?? "", last = a.values.last.map(formatValue) ?? ""
            out += "  \(a.label): \(first) to \(last) (\(a.values.count) value\(a.values.count == 1 ? "" : "s"))\n"
        }
        out += "\n"
        var t = TextTable(
            columns: s.axes.map { .init($0.label, right: true) } + [.init("Status")]
                + gridMetricHeadings.map { .init($0, right: true) } + (timings ? [.init("Seconds", right: true)] : []))
        for (i, p) in s.points.enumerated() {
            var row = gridRow(p, weightedHidden: suppression?.weightedHidden(point: i) ?? false)
            if timings { row.append(String(format: "%.3f", p.seconds)) }
            t.add(row)
        }
        out += t.render()
        if let suppression {
            out +=
                "Counts above 0 and below \(suppression.rule.threshold) by group or country are withheld "
                + "(\(suppression.rule.label) or \(Suppression.withheld)), and so is any figure that would give one away.\n"
        }
        if timings {
            out +=
                "Total solve time: \(String(format: "%.2f", s.totalSeconds)) s (\(s.warm ? "warm starts" : "cold starts"))\n"
        }

        let levels: [(String, (PlanResult.Objective) -> Double, (Double) -> String)] = [
            ("Unmet arrivals, priority-weighted", { $0.unmet }, PlanTable.num),
            ("Waiting, person-months", { $0.waiting }, PlanTable.num),
            ("Cost, \(s.currency)", { $0.cost }, PlanTable.money),
        ]
        if s.axes.count == 2 {
            out +=
                "\nCharts: rows \(s.axes[0].label), columns \(s.axes[1].label); "
                + "shading from the lowest value (blank) through \u{2591} \u{2592} \u{2593} to the highest (\u{2588})\n"
        }
        for (n, (title, get, fmt)) in levels.enumerated() {
            out += "\n" + title + "\n"
            let withheld = n == 0 ? (0..<s.points.count).filter { suppression?.weightedHidden(point: $0) ?? false } : []
            if !withheld.isEmpty {
                out +=
                    "  \(Suppression.withheld) at \(withheld.count) of \(s.points.count) point\(s.points.count == 1 ? "" : "s") (--suppress-below)\n"
                continue
            }
            out += s.axes.count == 2 ? grid(s, get, fmt) : bars(s, get, fmt)
        }
        return out
    }

    static let width = 40

    /// A horizontal bar per point, scaled to the largest value.
    static func bars(
        _ s: SweepResult, _ get: (PlanResult.Objective) -> Double,
        _ fmt: (Double) -> String
    ) -> String {
        let values = s.points.map { $0.metrics.objective.map(get) }
        let top = values.compactMap { $0 }.max() ?? 0
        let labels = s.points.map { $0.values.map(formatValue).joined(separator: ", ") }
        let pad = labels.map(\.count).max() ?? 0
        var out = ""
        for (label, v) in zip(labels, values) {
            let left = String(repeating: " ", count: pad - label.count) + label
            guard let v else { out += "  \(left) | no plan\n"; continue }
            out += "  \(left) | \(bar(top > 0 ? v / top : 0)) \(fmt(v))\n"
        }
        return out
    }

    /// `fraction` (0...1) of `width` in eighths of a block.
    static func bar(_ fraction: Double) -> String {
        let eighths = Int((max(0, min(1, fraction)) * Double(width * 8)).rounded())
        let partial = ["", "\u{258F}", "\u{258E}", "\u{258D}", "\u{258C}", "\u{258B}", "\u{258A}", "\u{2589}"]
        var s = String(repeating: "\u{2588}", count: eighths / 8) + partial[eighths % 8]
        if s.isEmpty { s = "\u{00B7}" }
        return s
    }

    /// A grid of values, each led by a shade of its size: `░` low ... `█` high.
    static func grid(
        _ s: SweepResult, _ get: (PlanResult.Objective) -> Double,
        _ fmt: (Double) -> String
    ) -> String {
        let (a, b) = (s.axes[0], s.axes[1])
        let values = s.points.map { $0.metrics.objective.map(get) }
        let present = values.compactMap { $0 }
        let lo = present.min() ?? 0, hi = present.max() ?? 0
        let shades = [" ", "\u{2591}", "\u{2592}", "\u{2593}", "\u{2588}"]
        var t = TextTable(
            columns: [.init("\(a.label) \\ \(b.label)")] + b.values.map { .init(formatValue($0), right: true) })
        for (i, x) in a.values.enumerated() {
            var row = [formatValue(x)]
            for j in b.values.indices {
                guard let v = values[i * b.values.count + j] else { row.append("no plan"); continue }
                let level = hi > lo ? Int(((v - lo) / (hi - lo) * 4).rounded()) : 0
                row.append(shades[level] + " " + fmt(v))
            }
            t.add(row)
        }
        return t.render().split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }
            .joined(separator: "\n")
    }

    static func formatValue(_ v: Double) -> String { JSONValue.format(v) }
}

/// `iars sweep --format json` (docs/output-formats.md).
public enum SweepJSON {
    public static let schema = "iars.sweep/1"

    public static func render(_ s: SweepResult, timings: Bool = false, suppression: SweepSuppression? = nil) -> String {
        value(s, timings: timings, suppression: suppression).serialized()
    }

    public static func value(_ s: SweepResult, timings: Bool = false, suppression: SweepSuppression? = nil) -> JSONValue
    {
        var o: [(String, JSONValue)] = [
            ("schema", .string(schema)),
            ("scenario", .string(s.scenario)),
            ("currency", .string(s.currency)),
            (
                "axes",
                .array(
                    s.axes.map { a in
                        .object([
                            ("path", .string(a.path)), ("scale", .bool(a.scale)),
                            ("values", .array(a.values.map { .num($0, digits: 9) })),
                        ])
                    })
            ),
            (
                "points",
                .array(
                    s.points.enumerated().map { i, p in
                        var obj: [(String, JSONValue)] =
                            [
                                ("values", .array(p.values.map { .num($0, digits: 9) })),
                                ("status", .string(p.metrics.status.rawValue)),
                            ] + MetricFormat.stoppedJSON(p.metrics)
                        if let ob = p.metrics.objective {
                            obj.append(
                                (
                                    "objective",
                                    .object([
                                        (
                                            "unmet",
                                            suppression?.weightedHidden(point: i) == true
                                                ? .string(Suppression.withheld) : .num(ob.unmet, digits: 9)
                                        ),
                                        ("waiting", .num(ob.waiting, digits: 9)),
                                        ("cost", .num(ob.cost, digits: 6)),
                                    ])
                                ))
                        } else {
                            obj.append(("objective", .null))
                        }
                        obj.append(
                            (
                                "metrics",
                                MetricFormat.json(
                                    p.metrics, rows: p.metrics.rows,
                                    withheld: { suppression?.text($0, p.metrics, point: i) })
                            ))
                        if timings { obj.append(("seconds", .num(p.seconds, digits: 4))) }
                        return .object(obj)
                    })
            ),
        ]
        if let suppression { o.insert(("suppressed_below", .int(suppression.rule.threshold)), at: 3) }
        if timings {
            o.append(("seconds", .object([("total", .num(s.totalSeconds, digits: 4)), ("warm", .bool(s.warm))])))
        }
        return .object(o)
    }
}

/// `iars sweep --format csv`: tidy long, `point,PATH[,PATH2],metric,key,value`
/// (one column per parameter, named by its path; `PATH*` for a factor).
public enum SweepCSV {
    public static func render(_ s: SweepResult, suppression: SweepSuppression? = nil) -> String {
        let header =
            ["point"] + s.axes.map { PlanCSV.field($0.scale ? $0.path + "*" : $0.path) } + ["metric", "key", "value"]
        var out = header.joined(separator: ",") + "\n"
        for (i, p) in s.points.enumerated() {
            let prefix = ([String(i + 1)] + p.values.map { JSONValue.format($0, digits: 9) }).joined(separator: ",")
            out += "\(prefix),status,\(p.metrics.status.rawValue),\n"
            out += MetricFormat.stoppedCSV(p.metrics, prefix: prefix, difference: false)
            if let ob = p.metrics.objective {
                let unmet =
                    suppression?.weightedHidden(point: i) == true
                    ? Suppression.withheld : JSONValue.format(ob.unmet, digits: 9)
                out += "\(prefix),objective_unmet,,\(unmet)\n"
                out += "\(prefix),objective_waiting,,\(JSONValue.format(ob.waiting, digits: 9))\n"
                out += "\(prefix),objective_cost,,\(JSONValue.format(ob.cost))\n"
            }
            for (row, v) in p.metrics.rows {
                let text = suppression?.text(row, p.metrics, point: i) ?? v.map { JSONValue.format($0) } ?? ""
                out += "\(prefix),\(row.metric),\(PlanCSV.field(row.key ?? "")),\(text)\n"
            }
        }
        return out
    }
}

/// `iars sweep --suppress-below K`: each point's hidden cells, decided as for an option of
/// `iars compare` (``CompareSuppression``; no differences between points are printed).
public struct SweepSuppression: Sendable {
    public let rule: Suppression
    let hidden: CompareSuppression

    /// - Parameter scenarios: each point's scenario (for the groups' priorities), row-major.
    public init(_ s: SweepResult, scenarios: [Scenario], _ rule: Suppression) {
        self.rule = rule
        hidden = CompareSuppression(metrics: s.points.map(\.metrics), scenarios: scenarios, rule)
    }

    public func weightedHidden(point i: Int) -> Bool { hidden.weightedHidden(option: i) }

    /// What a hidden row of point i shows (`<K` or `suppressed`), nil when it is shown.
    func text(_ row: PlanMetrics.Row, _ m: PlanMetrics, point i: Int) -> String? {
        guard hidden.isHidden(row, option: i) else { return nil }
        return hidden.text(row, m.rows.first { $0.row == row }?.value ?? nil)
    }
}
