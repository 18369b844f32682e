import Foundation
import IARSCore

/// How reports name and format the figures of ``PlanMetrics``.
enum MetricFormat {
    enum Kind { case count, money, share, person }

    static func kind(_ metric: String) -> Kind {
        switch metric {
        case "cost", "cost_per_case_served", "budget_total", "budget_monthly": .money
        case "budget_used", "peak_bed_use", "mean_bed_use", "peak_service_use": .share
        default: .count
        }
    }

    /// The row's label in a table (breakdowns indented under their total).
    static func label(_ row: PlanMetrics.Row, currency: String) -> String {
        if let key = row.key { return "  " + key }
        switch row.metric {
        case "served": return "Cases served"
        case "unmet": return "Unmet arrivals"
        case "unmet_weighted": return "Unmet, priority-weighted"
        case "returned": return "Returns"
        case "waiting": return "Waiting (person-months)"
        case "cost": return "Cost (\(currency))"
        case "cost_per_case_served": return "Cost per case served"
        case "budget_total": return "Budget (\(currency))"
        case "budget_used": return "Budget used"
        case "budget_monthly": return "Monthly budgets, sum (\(currency))"
        case "months_at_budget_cap": return "Months at the monthly cap"
        case "peak_bed_use": return "Peak bed use"
        case "mean_bed_use": return "Mean bed use"
        case "shelter_months_full": return "Shelter-months full"
        case "peak_service_use": return "Peak service use"
        default: return row.metric
        }
    }

    /// `optimal`; `feasible, gap 3.2%` (or `gap unknown`) for a plan the search stopped
    /// before proving it optimal; `infeasible`, `time-limit`.
    static func status(_ m: PlanMetrics) -> String {
        guard m.status == .feasible else { return m.status.rawValue }
        return "feasible, gap " + (m.gap.map(PlanTable.gapPercent) ?? "unknown")
    }

    /// What stopped a stopped plan's search: `cost level, clock`; nil for a finished search.
    static func stopped(_ m: PlanMetrics) -> String? {
        guard m.status == .feasible || m.status == .timeLimit else { return nil }
        var parts: [String] = []
        if let level = m.stoppedLevel { parts.append("\(level) level") }
        if let by = m.stoppedBy { parts.append(by.rawValue) }
        return parts.isEmpty ? "?" : parts.joined(separator: ", ")
    }

    /// `gap`, `stopped_level`, `stopped_by` for a stopped plan (as in `iars plan`'s JSON); none otherwise.
    static func stoppedJSON(_ m: PlanMetrics) -> [(String, JSONValue)] {
        guard m.status == .feasible || m.status == .timeLimit else { return [] }
        return [
            ("gap", .num(m.gap)), ("stopped_level", m.stoppedLevel.map { .string($0) } ?? .null),
            ("stopped_by", m.stoppedBy.map { .string($0.rawValue) } ?? .null),
        ]
    }

    /// The CSV rows of a stopped plan, after its status row: `gap` (value; empty when unknown),
    /// `stopped_level` and `stopped_by` (in `key`, as the status row carries the status).
    static func stoppedCSV(_ m: PlanMetrics, prefix: String, difference: Bool) -> String {
        guard m.status == .feasible || m.status == .timeLimit else { return "" }
        let tail = difference ? "," : ""
        var out = "\(prefix),gap,,\(m.gap.map { JSONValue.format($0) } ?? "")\(tail)\n"
        if let l = m.stoppedLevel { out += "\(prefix),stopped_level,\(PlanCSV.field(l)),\(tail)\n" }
        if let b = m.stoppedBy { out += "\(prefix),stopped_by,\(b.rawValue),\(tail)\n" }
        return out
    }

    static func value(_ v: Double?, _ metric: String) -> String {
        guard let v else { return "-" }
        switch kind(metric) {
        case .money: return metric == "cost_per_case_served" ? PlanTable.money(v) : whole(v)
        case .share: return metric == "budget_used" ? PlanTable.budgetPercent(v) : PlanTable.percent(v)
        case .count, .person: return PlanTable.num(v)
        }
    }

    /// Whole currency units, grouped (`20,446`); cents only when there are any (`20,499.25`).
    static func whole(_ v: Double) -> String {
        abs(v - v.rounded()) < 0.005 ? PlanTable.grouped(Int64(v.rounded())) : PlanTable.money(v)
    }

    /// `+1,250.00`, `-2`, `+5 pts`; `=` for no change.
    static func difference(_ d: Double, _ metric: String) -> String {
        let kind = kind(metric)
        let shown: String
        switch kind {
        case .money: shown = metric == "cost_per_case_served" ? PlanTable.money(abs(d)) : whole(abs(d))
        case .share: shown = "\(Int((abs(d) * 100).rounded())) pts"
        case .count, .person: shown = PlanTable.num(abs(d))
        }
        let zero =
            kind == .share ? Int((abs(d) * 100).rounded()) == 0 : (shown == "0" || shown == "0.00" || shown == "0.0")
        if zero { return "=" }
        return (d < 0 ? "-" : "+") + shown
    }

    /// The figures as a JSON object: totals, then `served_by_group`, `unmet_by_group`,
    /// `returned_by_country` objects.
    /// - Parameter withheld: the text shown instead of a row's number (suppression), or nil.
    static func json(
        _ m: PlanMetrics?, rows: [(row: PlanMetrics.Row, value: Double?)],
        withheld: (PlanMetrics.Row) -> String? = { _ in nil }
    ) -> JSONValue {
        var top: [(String, JSONValue)] = []
        var by: [String: [(String, JSONValue)]] = [:]
        var order: [String] = []
        for (row, v) in rows {
            let digits =
                kind(row.metric) == .share ? 4 : (row.metric == "unmet_weighted" || row.metric == "waiting" ? 9 : 6)
            if let key = row.key {
                let name = row.metric == "returned" ? "returned_by_country" : row.metric + "_by_group"
                if by[name] == nil { order.append(name); by[name] = [] }
                by[name]!.append((key, withheld(row).map { .string($0) } ?? .num(v, digits: digits)))
            } else {
                top.append((row.metric, withheld(row).map { .string($0) } ?? .num(v, digits: digits)))
            }
        }
        // Breakdowns follow their totals.
        var out: [(String, JSONValue)] = []
        for (k, v) in top {
            out.append((k, v))
            let name = k == "returned" ? "returned_by_country" : k + "_by_group"
            if let b = by[name] { out.append((name, .object(b))) }
        }
        return .object(out)
    }
}

/// `iars compare`: options side by side, for a person.
public enum CompareTable {
    /// Options beside the base in one block of the table.
    public static let perBlock = 3

    static func table(
        _ c: Comparison, options: [Int], currency: String, timings: Bool,
        hidden: CompareSuppression?
    ) -> String {
        var t = TextTable(columns: [.init("")] + options.map { .init(c.options[$0].label, right: true) })
        t.add(["Status"] + options.map { MetricFormat.status(c.options[$0].metrics) })
        if options.contains(where: { MetricFormat.stopped(c.options[$0].metrics) != nil }) {
            t.add(["Stopped at"] + options.map { MetricFormat.stopped(c.options[$0].metrics) ?? "-" })
        }
        for row in c.shownRows {
            if row.key == nil
                && (row.metric == "unmet" || row.metric == "returned" || row.metric == "waiting"
                    || row.metric == "cost")
            {
                t.separator()
            }
            var cells = [MetricFormat.label(row, currency: currency)]
            for i in options {
                if let hidden, hidden.isHidden(row, option: i) {
                    cells.append(hidden.text(row, c.value(row, option: i)))
                    continue
                }
                var cell = MetricFormat.value(c.value(row, option: i), row.metric)
                if i > 0, hidden?.differenceHidden(row, option: i) != true, let d = c.difference(row, option: i) {
                    cell += " (\(MetricFormat.difference(d, row.metric)))"
                }
                cells.append(cell)
            }
            t.add(cells)
        }
        if timings {
            t.separator()
            t.add(["Solve time (s)"] + options.map { String(format: "%.2f", c.options[$0].result.timing.total) })
        }
        return t.render()
    }

    /// - Parameter suppression: `--suppress-below K`: per-group and per-country counts
    ///   (docs/suppression.md), and their differences, withheld.
    public static func render(_ c: Comparison, timings: Bool = false, suppression: Suppression? = nil) -> String {
        guard let base = c.options.first else { return "" }
        let hidden = suppression.map { CompareSuppression(c, $0) }
        var out = ""
        let sc = base.scenario
        let files = Set(c.options.map(\.file))
        let what =
            files.count == 1
            ? "\(sc.name) (\(base.file)): "
                + (c.options.count == 1
                    ? "the base scenario (the file has no variants)"
                    : "the base and \(c.options.count - 1) variant\(c.options.count == 2 ? "" : "s")")
            : "\(files.count) files, \(c.options.count) options; differences to \(base.label)"
        out += "iars compare: \(what)\n"
        out +=
            "\(sc.label(1)) to \(sc.label(sc.months)) (\(counted(sc.months, "month"))); (+/-) is the difference to \(base.label)\n\n"

        // The base, then at most `perBlock` other options per block, so the table fits a terminal.
        let others = Array(c.options.indices.dropFirst())
        let blocks = stride(from: 0, to: max(others.count, 1), by: perBlock).map {
            [0] + others[$0..<min($0 + perBlock, others.count)]
        }
        for (b, block) in blocks.enumerated() {
            if b > 0 { out += "\n" }
            out += table(c, options: block, currency: sc.currency, timings: timings, hidden: hidden)
        }

        let described = c.options.filter { $0.variant != nil || files.count > 1 }
        if !described.isEmpty {
            out += "\nOptions\n"
            for o in c.options {
                let text = o.description.map { " " + $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
                let source = files.count > 1 ? " [\(o.file)]" : ""
                out += "  \(o.label)\(source):\(text.isEmpty ? " (no description)" : text)\n"
            }
        }
        if let suppression {
            out +=
                "\nCounts above 0 and below \(suppression.threshold) by group or country are shown as \(suppression.label), "
                + "with their differences; totals are the true totals.\n"
        }
        let failed = c.options.filter { !$0.result.hasPlan }
        for o in failed {
            out += "\n\(o.label): no plan (\(o.result.status.rawValue))\n"
            for reason in o.result.reasons { out += "  - \(reason.message)\n" }
        }
        return out
    }
}

/// `iars compare --format json` (docs/output-formats.md).
public enum CompareJSON {
    public static let schema = "iars.compare/1"

    public static func render(_ c: Comparison, timings: Bool = false, suppression: Suppression? = nil) -> String {
        value(c, timings: timings, suppression: suppression).serialized()
    }

    public static func value(_ c: Comparison, timings: Bool = false, suppression: Suppression? = nil) -> JSONValue {
        let rows = c.rows
        let hidden = suppression.map { CompareSuppression(c, $0) }
        return .object([
            ("schema", .string(schema)),
            ("base", .string(c.options.first?.label ?? "")),
            (
                "options",
                .array(
                    c.options.enumerated().map { i, o in
                        var obj: [(String, JSONValue)] =
                            [
                                ("label", .string(o.label)),
                                ("file", .string(o.file)),
                                ("scenario", .string(o.result.scenario)),
                                ("variant", o.variant.map { .string($0) } ?? .null),
                                (
                                    "description",
                                    o.description.map { .string($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
                                        ?? .null
                                ),
                                ("status", .string(o.result.status.rawValue)),
                            ] + MetricFormat.stoppedJSON(o.metrics) + [
                                ("currency", .string(o.result.currency))
                            ]
                        if let obj0 = o.result.objective {
                            obj.append(
                                (
                                    "objective",
                                    .object([
                                        (
                                            "unmet",
                                            hidden?.weightedHidden(option: i) == true
                                                ? .string(Suppression.withheld) : .num(obj0.unmet, digits: 9)
                                        ),
                                        ("waiting", .num(obj0.waiting, digits: 9)),
                                        ("cost", .num(obj0.cost, digits: 6)),
                                    ])
                                ))
                        } else {
                            obj.append(("objective", .null))
                        }
                        obj.append(
                            (
                                "metrics",
                                MetricFormat.json(
                                    o.metrics, rows: rows.map { ($0, c.value($0, option: i)) },
                                    withheld: {
                                        hidden?.isHidden($0, option: i) == true
                                            ? hidden!.text($0, c.value($0, option: i)) : nil
                                    })
                            ))
                        obj.append(
                            (
                                "difference",
                                MetricFormat.json(
                                    nil, rows: rows.map { ($0, c.difference($0, option: i)) },
                                    withheld: {
                                        hidden?.differenceHidden($0, option: i) == true ? Suppression.withheld : nil
                                    })
                            ))
                        if timings { obj.append(("seconds", .num(o.result.timing.total, digits: 4))) }
                        return .object(obj)
                    })
            ),
        ])
    }
}

/// `iars compare --format csv`: tidy long, `option,scenario,metric,key,value,difference`;
/// a `status` row per option carries the status in `key`.
public enum CompareCSV {
    public static let header = "option,scenario,metric,key,value,difference"

    public static func render(_ c: Comparison, suppression: Suppression? = nil) -> String {
        var out = header + "\n"
        let rows = c.rows
        let hidden = suppression.map { CompareSuppression(c, $0) }
        for (i, o) in c.options.enumerated() {
            let prefix = "\(PlanCSV.field(o.label)),\(PlanCSV.field(o.result.scenario))"
            out += "\(prefix),status,\(o.result.status.rawValue),,\n"
            out += MetricFormat.stoppedCSV(o.metrics, prefix: prefix, difference: true)
            for row in rows {
                var v = c.value(row, option: i).map { JSONValue.format($0) } ?? ""
                var d = c.difference(row, option: i).map { JSONValue.format($0) } ?? ""
                if let hidden {
                    if hidden.isHidden(row, option: i) { v = hidden.text(row, c.value(row, option: i)) }
                    if hidden.differenceHidden(row, option: i) && !d.isEmpty { d = Suppression.withheld }
                }
                out += "\(prefix),\(row.metric),\(PlanCSV.field(row.key ?? "")),\(v),\(d)\n"
            }
        }
        return out
    }
}

/// Which per-group and per-country cells of a comparison (or of a sweep's points)
/// `--suppress-below K` hides, per option, so that no printed figure gives one away
/// (docs/suppression.md):
///
/// - the breakdowns (served by group, unmet by group, returns by country) each add up to
///   their published total;
/// - a group's served + unmet = its arrivals (an input, and the base's served + unmet), so
///   the two are hidden together;
/// - relations with exactly one hidden cell get a second (``Suppression/suppressed(cells:relations:forced:)``);
/// - the priority-weighted unmet (`unmet_weighted`, the objective's `unmet`) is withheld when,
///   with the priorities of the scenario, it and the unmet total would pin a hidden group down;
/// - a difference to the base is withheld where the option's cell or the base's is hidden
///   (base + difference = the cell).
public struct CompareSuppression: Sendable {
    public let suppression: Suppression
    private var hidden: [Set<PlanMetrics.Row>]

    public init(_ c: Comparison, _ suppression: Suppression) {
        self.init(metrics: c.options.map(\.metrics), scenarios: c.options.map(\.scenario), suppression)
    }

    /// - Parameters:
    ///   - metrics: each option's (or point's) figures; the first is the base of differences.
    ///   - scenarios: each option's scenario, for the groups' priorities.
    public init(metrics: [PlanMetrics], scenarios: [Scenario], _ suppression: Suppression) {
        self.suppression = suppression
        hidden = zip(metrics, scenarios).map { m, sc in Self.hidden(m, sc, suppression) }
    }

    static func hidden(_ m: PlanMetrics, _ sc: Scenario, _ rule: Suppression) -> Set<PlanMetrics.Row> {
        guard m.objective != nil else { return [] }
        var rows: [PlanMetrics.Row] = []
        var values: [Double] = []
        func add(_ row: PlanMetrics.Row, _ v: Double) -> Int {
            rows.append(row)
            values.append(v)
            return rows.count - 1
        }
        let served = m.servedByGroup.map { add(.init("served", $0.key), $0.value) }
        let unmet = m.unmetByGroup.map { add(.init("unmet", $0.key), $0.value) }
        let returned = m.returnedByCountry.map { add(.init("returned", $0.key), $0.value) }
        var relations = [served, unmet, returned]
        for (g, k) in m.servedByGroup.enumerated() {
            if let u = m.unmetByGroup.firstIndex(where: { $0.key == k.key }) {
                relations.append([served[g], unmet[u]])
            }
        }
        let hide = rule.suppressed(cells: values, relations: relations)
        var set = Set(rows.indices.filter { hide[$0] }.map { rows[$0] })
        // The weighted unmet and the unmet total are two sums of the hidden unmet cells: a cell
        // is pinned down when the other hidden cells share one priority and its own differs.
        let priority = Dictionary(sc.groups.map { ($0.id, $0.priority) }, uniquingKeysWith: { a, _ in a })
        let hiddenUnmet = m.unmetByGroup.filter { set.contains(.init("unmet", $0.key)) }.map { priority[$0.key] ?? 1 }
        if Suppression.pinned(hiddenUnmet) { set.insert(.init("unmet_weighted")) }
        return set
    }

    public func isHidden(_ row: PlanMetrics.Row, option i: Int) -> Bool {
        i < hidden.count && hidden[i].contains(row)
    }

    /// What a hidden row shows: `<K` for a count of a group or country, `suppressed` for a
    /// figure withheld because it would give one away (the weighted unmet).
    public func text(_ row: PlanMetrics.Row, _ value: Double?) -> String {
        row.key == nil ? Suppression.withheld : suppression.shown(value ?? 0)
    }

    /// Whether option i's weighted unmet (the objective's first value) is withheld.
    public func weightedHidden(option i: Int) -> Bool { isHidden(.init("unmet_weighted"), option: i) }

    public func differenceHidden(_ row: PlanMetrics.Row, option i: Int) -> Bool {
        isHidden(row, option: i) || isHidden(row, option: 0)
    }
}
