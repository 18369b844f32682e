import Foundation
import IARSCore

/// `iars plan` (default format): the plan for a person, readable at a glance.
public enum PlanTable {
    /// - Parameter timings: show solve times (only for a person at a terminal:
    ///   they differ between runs).
    ///   - suppression: Show small per-group and per-country counts as `<K` (``Suppression``).
    public static func render(
        _ r: PlanResult, scenario: Scenario, timings: Bool = false,
        suppression: Suppression? = nil
    ) -> String {
        let hidden = suppression.map { PlanSuppression(r, rule: $0) }
        let span = "\(scenario.label(1)) to \(scenario.label(scenario.months)) (\(counted(scenario.months, "month")))"
        var out = "iars plan: \(r.scenario), \(span)\n"
        out += "Status: \(statusLine(r))\n"
        if let suppression {
            out +=
                "Counts per group and per country below \(suppression.threshold) are shown as \(suppression.label); "
                + "totals are true totals.\n"
        }
        guard let obj = r.objective else {
            if !r.reasons.isEmpty {
                out +=
                    "\nNo plan exists: the people already in shelter cannot be housed\(served(r)) or paid for.\n"
                for reason in r.reasons { out += "  - \(reason.message)\n" }
            }
            if timings { out += "\nSolve time: \(String(format: "%.2f", r.timing.total)) s\n" }
            return out
        }
        out +=
            "Objective: unmet \(hidden?.weightedHidden == true ? Suppression.withheld : num(obj.unmet)) (priority-weighted), waiting \(personMonths(obj.waiting)), "
            + "cost \(money(obj.cost)) \(scenario.currency)\n"
        if !r.integer { out += "(LP relaxation: counts may be fractional)\n" }
        let tot = PlanTotals(r)
        out += "\n" + monthTable(r, scenario: scenario, totals: tot)
        out += costAndBudget(r, scenario: scenario, totals: tot)
        out += "\n" + capacityUse(r, scenario: scenario, hidden: hidden)
        out += unmetByGroup(r, hidden: hidden)
        out +=
            "\nModel: \(counted(r.size.columns, "column")) (\(r.size.integers) integer), \(counted(r.size.rows, "row"))\n"
        if timings {
            let lv = r.timing.levels.map { String(format: "%.2f", $0) }.joined(separator: " / ")
            out += "Solve time: \(String(format: "%.2f", r.timing.total)) s (levels unmet / waiting / cost: \(lv) s)\n"
        }
        return out
    }

    /// The plan month by month, with a total row.
    static func monthTable(_ r: PlanResult, scenario: Scenario, totals tot: PlanTotals) -> String {
        var t = TextTable(
            columns: [
                .init("Month"), .init("Arrivals", right: true), .init("Admitted", right: true),
                .init("Unmet", right: true),
                .init("Returned", right: true), .init("In shelter", right: true), .init("Waiting", right: true),
                .init("Bed use", right: true), .init("Cost", right: true),
            ] + (scenario.budget.monthly != nil ? [.init("Budget", right: true)] : []))
        for m in r.months {
            var row = [
                m.month, String(m.arrivals), num(m.admitted), num(m.unmet), num(m.returned), num(m.inShelter),
                num(m.waiting), percent(m.beds > 0 ? m.occupancy / Double(m.beds) : nil), money(m.cost),
            ]
            if let b = m.budget { row.append(money(b)) }
            t.add(row)
        }
        t.separator()
        var totalRow = [
            "Total", String(tot.arrivals), num(tot.admitted), num(tot.unmet), num(tot.returned),
            num(r.months.last?.inShelter ?? 0), num(tot.waiting), "", money(tot.cost),
        ]
        if scenario.budget.monthly != nil { totalRow.append("") }
        t.add(totalRow)
        return t.render()
    }

    /// ", served" when a service is among the reasons a plan does not exist (the sentence
    /// names what cannot hold the people already in shelter).
    static func served(_ r: PlanResult) -> String {
        r.reasons.contains { $0.kind == .service } ? ", served" : ""
    }

    /// Cost by kind, per case admitted, the budget used, the people left in shelter at the end
    /// and the months at the monthly budget's cap.
    static func costAndBudget(_ r: PlanResult, scenario: Scenario, totals tot: PlanTotals) -> String {
        let cur = scenario.currency
        var out =
            "\nCost by kind: shelter \(money(tot.costShelter)), medical \(money(tot.costMedical)), "
            + "transport \(money(tot.costTransport)), reintegration \(money(tot.costReintegration))"
            + (r.services.isEmpty ? "" : ", services \(money(tot.costServices))") + " \(cur)\n"
        if tot.admitted > 0 {
            out += "Cost per case admitted: \(money(tot.cost / tot.admitted)) \(cur)\n"
        }
        if let total = scenario.budget.total {
            let share = total > 0 ? tot.cost / total : 0
            out += "Budget: \(money(tot.cost)) of \(money(total)) \(cur) used (\(budgetPercent(share)))\n"
        }
        if let e = r.endOfHorizon { out += endOfHorizon(e, scenario: scenario) }
        if let monthly = scenario.budget.monthly {
            out += monthlyBudget(r, monthly: monthly, scenario: scenario)
        }
        return out
    }

    /// The monthly budget: what was spent of all the months' caps, the months at the cap, and
    /// the months within ``nearCapShare`` of it. Departures and partner places come in
    /// whole units, so a budget that binds leaves a month a little under its cap more often
    /// than exactly at it (a coordinator's two years at Vlore: 0 months at the cap, 13
    /// within 5%, 140 cases unmet).
    static func monthlyBudget(_ r: PlanResult, monthly: [Double], scenario: Scenario) -> String {
        let pairs = zip(r.months.map(\.cost), monthly)
        let atCap = pairs.filter { $0.0 >= $0.1 - 0.005 }.count
        let near = pairs.filter { $0.0 < $0.1 - 0.005 && $0.0 >= (1 - nearCapShare) * $0.1 - 0.005 }.count
        let spent = pairs.map(\.0).reduce(0, +), caps = pairs.map(\.1).reduce(0, +)
        let share = caps > 0 ? spent / caps : 0
        return "Monthly budget: \(money(spent)) of \(money(caps)) \(scenario.currency) used (\(budgetPercent(share))); "
            + "\(atCap) of \(counted(scenario.months, "month")) at the cap, \(near) more within "
            + "\(Int((nearCapShare * 100).rounded()))% of it\n"
    }

    /// "1 person-month", "2.5 person-months".
    static func personMonths(_ v: Double) -> String { "\(num(v)) person-month\(v == 1 ? "" : "s")" }

    /// See ``monthlyBudget(_:monthly:scenario:)``.
    static let nearCapShare = 0.05

    /// How full each capacity is, month by month (``usageRow(_:_:_:hidden:)``), with its legend.
    static func capacityUse(_ r: PlanResult, scenario: Scenario, hidden: PlanSuppression?) -> String {
        var out =
            "How full, month by month (\u{00B7} unused, \u{2581} up to 1/8 ... \u{2588} full; ! over 100%; blank: none that month)\n"
        var u = TextTable(columns: [
            .init("Capacity"), .init("Id"), .init("Use by month"),
            .init("Peak", right: true), .init("Mean", right: true),
            .init("Full", right: true),
        ])
        for s in r.shelters {
            u.add(usageRow("shelter beds", s.id, s.months.map { ($0.occupancy, Double($0.beds)) }))
        }
        for p in r.medical {
            u.add(usageRow("screening", p.id, p.months.map { ($0.used, $0.capacity) }))
        }
        for (ki, k) in r.routes.enumerated() {
            let seatsAvailable = scenario.routes.first { $0.id == k.id }.map { Double($0.seatsPerDeparture) } ?? 1
            u.add(
                usageRow(
                    "route seats", k.id,
                    k.months.map { ($0.returned, Double($0.departuresAvailable) * seatsAvailable) },
                    hidden: hidden?.route[ki]))
        }
        for (pi, p) in r.partners.enumerated() {
            u.add(usageRow("partner", p.id, p.months.map { ($0.used, $0.capacity) }, hidden: hidden?.partner[pi]))
        }
        for v in r.services {
            u.add(usageRow("service", v.id, v.months.map { ($0.used, $0.capacity) }))
        }
        out += u.render()
        out +=
            "(use = average occupancy / beds, screenings / slots, returns / (departures x seats), cases / slots"
            + (r.services.isEmpty ? "" : ", case-months / capacity") + "; Full = months at 100%)\n"
        if let hidden, hidden.route.joined().contains(true) || hidden.partner.joined().contains(true) {
            out +=
                "(? = use withheld: fewer than \(hidden.rule.threshold) cases, or hidden so that a total cannot reveal them)\n"
        }
        return out
    }

    /// The groups with unmet cases: arrivals, unmet and the share unmet over the horizon; empty
    /// when every group was met. With `--suppress-below`, also the groups whose 0 is hidden so
    /// that a total cannot give another away.
    static func unmetByGroup(_ r: PlanResult, hidden: PlanSuppression?) -> String {
        let short = r.groups.indices.filter { g in
            r.groups[g].months.contains { $0.unmet > 1e-9 } || hidden?.tableUnmet[g] == true
        }
        .map { r.groups[$0] }
        guard !short.isEmpty else { return "" }
        let suppression = hidden?.rule
        var g = TextTable(columns: [
            .init("Group"), .init("Country"), .init("Priority", right: true),
            .init("Arrivals", right: true), .init("Unmet", right: true),
            .init("Share", right: true),
        ])
        let arrivals = short.map { gp in gp.months.reduce(0) { $0 + $1.arrivals } }
        let unmet = short.map { gp in gp.months.reduce(0.0) { $0 + $1.unmet } }
        // Hidden as decided with the month cells (PlanSuppression): the listed unmet add up to
        // the total unmet, and each group's months add up to its row.
        let ids = short.map(\.id)
        let rows = r.groups.indices.filter { ids.contains(r.groups[$0].id) }
        let hideUnmet = rows.map { hidden?.tableUnmet[$0] ?? false }
        for (i, gp) in short.enumerated() {
            let a = arrivals[i], un = unmet[i]
            let hideArrivals = hidden?.tableArrivals[rows[i]] ?? false
            let share = hideArrivals || hideUnmet[i] ? "-" : percent(a > 0 ? un / Double(a) : nil)
            g.add([
                gp.id, gp.country, num(gp.priority),
                suppression?.cell(hideArrivals, Double(a), String(a)) ?? String(a),
                suppression?.cell(hideUnmet[i], un, num(un)) ?? num(un), share,
            ])
        }
        return "\nUnmet arrivals by group\n" + g.render()
    }

    static func statusLine(_ r: PlanResult) -> String {
        switch r.status {
        case .optimal: return "optimal (all three levels proven optimal)"
        case .feasible:
            let gap = r.gap.map { ", gap up to \(gapPercent($0))" } ?? ", gap unknown (no bound was proven in time)"
            return "feasible: \(stopCause(r)) at level \(r.stoppedLevel ?? "?")\(gap)\(searchedAfterStop(r))"
        case .infeasible: return "infeasible"
        case .timeLimit: return "no plan was found before \(stopCause(r))"
        }
    }

    /// "; waiting and cost then searched with unmet held at its best": the levels a stopped
    /// level left its share to (no value, which a suppressed table may withhold).
    static func searchedAfterStop(_ r: PlanResult) -> String {
        guard let level = r.stoppedLevel, !r.searchedAfterStop.isEmpty else { return "" }
        return "; \(PlanExplainReport.list(r.searchedAfterStop)) then searched with \(level) held at its best"
    }

    /// What stopped a search, in words (`stopped_by` in the JSON and CSV).
    static func stopCause(_ r: PlanResult) -> String { ScheduleTable.stopCause(r.stoppedBy) }

    /// - Parameter hidden: months whose use is withheld (`?`); then peak, mean and full are too.
    static func usageRow(_ kind: String, _ id: String, _ pairs: [(Double, Double)], hidden: [Bool]? = nil) -> [String] {
        let levels = ["\u{2581}", "\u{2582}", "\u{2583}", "\u{2584}", "\u{2585}", "\u{2586}", "\u{2587}", "\u{2588}"]
        var strip = "", peak = 0.0, sum = 0.0, n = 0, full = 0
        if let hidden, hidden.contains(true) {
            for ((used, cap), h) in zip(pairs, hidden) {
                strip +=
                    h
                    ? "?"
                    : cap > 0
                        ? (used / cap > 1 + 1e-9
                            ? "!"
                            : used < 1e-9
                                ? "\u{00B7}"
                                : levels[min(7, max(0, Int((used / cap * 8).rounded(.up)) - 1))])
                        : (used > 1e-9 ? "!" : " ")
            }
            return [kind, id, strip, "-", "-", "-"]
        }
        for (used, cap) in pairs {
            guard cap > 0 else { strip += used > 1e-9 ? "!" : " "; continue }
            let f = used / cap
            if f > 1 + 1e-9 {
                strip += "!"
            } else if used < 1e-9 {
                strip += "\u{00B7}"
            } else {
                strip += levels[min(7, max(0, Int((f * 8).rounded(.up)) - 1))]
            }
            peak = max(peak, f)
            sum += f
            n += 1
            if f >= 1 - 1e-9 { full += 1 }
        }
        return [kind, id, strip, percent(peak), percent(n > 0 ? sum / Double(n) : 0), String(full)]
    }

    /// The people in shelter after the last month, what their return would cost, and
    /// whether the budget left pays for it (empty when nobody is left in shelter).
    static func endOfHorizon(_ e: EndOfHorizon, scenario: Scenario) -> String {
        guard e.inShelter > 0 else { return "" }
        let cur = scenario.currency
        let people = e.inShelter == 1 ? "1 person" : "\(num(e.inShelter)) people"
        var out = "End of the horizon: \(people) still in shelter after \(scenario.label(scenario.months)); "
        let priced = e.inShelter - e.unpriced
        if priced > 0 {
            out +=
                "returning \(e.unpriced > 0 ? "\(num(priced)) of them" : "them") at the cheapest route and partner "
                + "would cost \(money(e.returnCost)) \(cur)"
        }
        if e.unpriced > 0 {
            out +=
                (priced > 0 ? "; " : "")
                + "\(num(e.unpriced)) cannot be priced (no route or no partner to their country)"
        }
        out += ".\n"
        if let left = e.budgetLeft, let covered = e.covered, priced > 0 {
            out +=
                covered
                ? "Budget left: \(money(left)) \(cur), enough for their return.\n"
                : "Warning: the budget left (\(money(max(0, left))) \(cur)) does not cover their return: "
                    + "short by \(money(e.returnCost - max(0, left))) \(cur); raise budget.total or plan their return.\n"
        }
        return out
    }

    /// `warning: 28 people still in shelter after 2001-12; ...` when the budget left does
    /// not pay for their return; nil when it does, or without a total budget.
    public static func uncoveredReturnWarning(_ e: EndOfHorizon, scenario: Scenario) -> String? {
        guard e.covered == false, e.inShelter > e.unpriced, let left = e.budgetLeft else { return nil }
        let people = e.inShelter == 1 ? "1 person" : "\(num(e.inShelter)) people"
        let them = e.unpriced > 0 ? "\(num(e.inShelter - e.unpriced)) of them" : "them"
        return
            "warning: \(people) still in shelter after \(scenario.label(scenario.months)); returning \(them) at the cheapest "
            + "route and partner would cost \(money(e.returnCost)) \(scenario.currency), more than the budget left "
            + "(\(money(max(0, left))) \(scenario.currency)); raise budget.total or plan their return"
    }

    /// 12, 12.5 (at most 2 decimals; LP plans are fractional).
    public static func num(_ v: Double) -> String {
        if abs(v - v.rounded()) < 1e-6 { return grouped(Int64(v.rounded())) }
        return String(format: "%.2f", v)
    }

    /// 18,250.50
    public static func money(_ v: Double) -> String {
        let cents = Int64((abs(v) * 100).rounded())
        let sign = v < 0 && cents > 0 ? "-" : ""
        return sign + grouped(cents / 100) + "." + String(format: "%02d", Int(cents % 100))
    }

    /// A gap as a percentage: one decimal below 10% (a gap of 0.2% is not "0%").
    static func gapPercent(_ v: Double) -> String {
        v * 100 < 9.95 ? String(format: "%.1f%%", v * 100) : "\(Int((v * 100).rounded()))%"
    }

    /// The share of a budget used, to one decimal rounded down, so that a budget is
    /// "100%" only when all of it is used: 99.7%, 100%. Every report shows it this way.
    static func budgetPercent(_ v: Double?) -> String {
        guard let v else { return "-" }
        let tenths = Int((v * 1000 + 1e-6).rounded(.down))
        if tenths % 10 == 0 { return "\(tenths / 10)%" }
        return "\(tenths / 10).\(abs(tenths % 10))%"
    }

    static func percent(_ v: Double?) -> String {
        guard let v else { return "-" }
        return "\(Int((v * 100).rounded()))%"
    }

    /// `n` with its thousands grouped by commas: 45,017.
    public static func grouped(_ n: Int64) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}

/// A plain-text table with aligned columns.
public struct TextTable: Sendable {
    public struct Column: Sendable {
        public var title: String
        public var right: Bool
        public init(_ title: String, right: Bool = false) {
            self.title = title
            self.right = right
        }
    }

    public var columns: [Column]
    private var rows: [[String]?] = []  // nil = separator

    public init(columns: [Column]) {
        self.columns = columns
    }

    public mutating func add(_ row: [String]) { rows.append(row) }
    public mutating func separator() { rows.append(nil) }

    public func render() -> String {
        var widths = columns.map { $0.title.count }
        for case let row? in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var s = ""
            for (i, col) in columns.enumerated() {
                let cell = i < cells.count ? cells[i] : ""
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                if i > 0 { s += "  " }
                s += col.right ? pad + cell : cell + pad
            }
            while s.hasSuffix(" ") { s.removeLast() }
            return s + "\n"
        }
        var out = line(columns.map(\.title))
        let rule = widths.map { String(repeating: "-", count: $0) }
        out += line(rule)
        for row in rows { out += row.map(line) ?? line(rule) }
        return out
    }
}
