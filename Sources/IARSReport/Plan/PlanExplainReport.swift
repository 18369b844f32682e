import Foundation
import IARSCore

/// `iars plan --explain`: the binding capacities and what one more unit of each
/// is worth, as sentences (table) and as the `explain` section of the JSON.
/// See docs/explain.md.
public enum PlanExplainReport {
    /// How many ranked sentences the table shows (all are in the JSON).
    public static let tableLimit = 12

    // MARK: - sentences

    /// "Beds at shelter tirana are full in 2001-06 to 2001-09."
    public static func bindingSentence(_ b: PlanExplanation.Binding, _ e: PlanExplanation, totalUsed: Double? = nil)
        -> String
    {
        let when = monthRanges(b.months, e.monthLabels)
        switch b.kind {
        case .beds: return "Beds at shelter \(b.id ?? "?") are full in \(when)."
        case .screening: return "Screening slots of \(b.id ?? "?") are all used in \(when)."
        case .departures:
            return b.everySeat
                ? "Route \(b.id ?? "?") has every seat of every departure taken in \(when)."
                : "Route \(b.id ?? "?") runs every departure it has (with seats to spare) in \(when)."
        case .partner: return "Partner \(b.id ?? "?") receives as many cases as it can in \(when)."
        case .service: return "Service \(b.id ?? "?") is fully booked in \(when)."
        case .monthlyBudget: return "The monthly budget is spent in full in \(when)."
        case .totalBudget:
            let cap = e.budgetTotal.map { " of \(PlanTable.money($0)) \(e.currency)" } ?? ""
            return "The total budget\(cap) is spent (to the last dollar that could buy anything)."
        }
    }

    /// "One more bed at shelter tirana in 2001-07 would serve 1 more case, ..."
    ///
    /// - Parameter months: the months in words, for items that read the same in several
    ///   months (``lines(_:)``); the item's own month when nil.
    public static func sentence(_ i: PlanExplanation.Item, _ e: PlanExplanation, months: String? = nil) -> String {
        let cur = e.currency
        let what: String
        let month = months ?? i.month ?? ""
        switch i.kind {
        case .beds: what = "One more bed at shelter \(i.id ?? "?") in \(month)"
        case .screening: what = "One more screening slot at \(i.id ?? "?") in \(month)"
        case .departures: what = "One more departure of route \(i.id ?? "?") in \(month)"
        case .partner: what = "One more place at partner \(i.id ?? "?") in \(month)"
        case .service: what = "One more case-month of service \(i.id ?? "?") in \(month)"
        case .monthlyBudget: what = "1,000 \(cur) more in the budget of \(month)"
        case .totalBudget: what = "1,000 \(cur) more in the total budget"
        }
        var s = what + " would " + effects(i.served, i.waitingSaved, i.costChange, e)
        if let w = i.wholeUnit {
            // integer plans: the LP's value is a rate; the whole-unit plan is what happens
            let same =
                abs(w.served - i.served) < 1e-6 && abs(w.waitingSaved - i.waitingSaved) < 1e-6
                && abs(w.costChange - i.costChange) < 0.005
            s +=
                same
                ? ", as planning again with it confirms"
                : " in the LP relaxation; planned again with it, the integer plan would "
                    + effects(w.served, w.waitingSaved, w.costChange, e)
        }
        // A capacity of none that month is not "full": the scenario has none to fill.
        if i.capacity <= 0 {
            s += " (the scenario has none that month)"
        } else if i.full {
            s += " (full in the plan)"
        }
        return s + "."
    }

    /// "serve 1 more case, cut waiting by 2 person-months and cost 30.00 USD more"
    static func effects(_ served: Double, _ saved: Double, _ cost: Double, _ e: PlanExplanation) -> String {
        let cur = e.currency
        var effects: [String] = []
        let cases = (e.weighted ? "priority-weighted case" : "case") + (abs(abs(served) - 1) < 1e-6 ? "" : "s")
        if served > 0 { effects.append("serve \(amount(served)) more \(cases)") }
        if served < 0 { effects.append("serve \(amount(-served)) fewer \(cases)") }
        if saved > 0 {
            effects.append("cut waiting by \(amount(saved)) person-month\(abs(saved - 1) < 1e-6 ? "" : "s")")
        }
        if saved < 0 {
            effects.append("add \(amount(-saved)) person-month\(abs(saved + 1) < 1e-6 ? "" : "s") of waiting")
        }
        if cost > 0 { effects.append("cost \(money(cost)) \(cur) more") }
        if cost < 0 { effects.append("save \(money(-cost)) \(cur)") }
        return list(effects)
    }

    /// The ranked items as the table's lines: neighbours in the ranking that differ only in
    /// the month (one more departure of a route in each of several months, with the same
    /// effect) share one line, "in 2005-02, 2005-05 to 2005-07". `items`: how many it stands for.
    public static func lines(_ e: PlanExplanation) -> [(text: String, items: Int)] {
        var out: [(text: String, items: Int)] = []
        var group: [PlanExplanation.Item] = []
        func flush() {
            guard let first = group.first else { return }
            let months = group.count > 1 ? monthRanges(group.compactMap(\.monthIndex), e.monthLabels) : nil
            out.append((sentence(first, e, months: months), group.count))
            group = []
        }
        for item in e.items {
            if let first = group.first, first.kind == item.kind, first.id == item.id, item.monthIndex != nil,
                first.monthIndex != nil, sentence(first, e, months: "") == sentence(item, e, months: "")
            {
                group.append(item)
            } else {
                flush()
                group = [item]
            }
        }
        flush()
        return out
    }

    /// The section for the table output.
    public static func renderText(_ e: PlanExplanation, limit: Int = tableLimit) -> String {
        var out = "\nWhy the plan falls short (--explain; see docs/explain.md)\n"
        if e.binding.isEmpty {
            out += "No capacity is full in this plan.\n"
        } else {
            out += "Full in the plan:\n"
            for b in e.binding { out += "  - " + bindingSentence(b, e) + "\n" }
        }
        if let note = e.note {
            out += "No marginal values: \(note).\n"
            return out
        }
        if e.items.isEmpty {
            out +=
                "One more unit of any single capacity would change nothing: unmet, waiting and cost stay as they are.\n"
        } else {
            out += "What one more unit is worth, most valuable first (from the LP duals):\n"
            let all = lines(e)
            let shown = all.prefix(limit)
            let width = String(shown.count).count
            for (n, line) in shown.enumerated() {
                let num = String(n + 1)
                out += "  " + String(repeating: " ", count: width - num.count) + num + ". " + line.text + "\n"
            }
            let left = e.items.count - shown.reduce(0) { $0 + $1.items }
            if left > 0 {
                out += "  (\(left) more in --format json, key explain.marginal)\n"
            }
        }
        if let w = e.wholeUnitNote { out += "Note: \(w).\n" }
        if let lp = e.lpObjective {
            out +=
                "Marginal values hold for small changes around the LP relaxation's optimum (unmet \(amount(lp.unmet)), "
                + "waiting \(amount(lp.waiting)), cost \(PlanTable.money(lp.cost)) \(e.currency)); whole-unit steps of an integer plan may differ.\n"
        }
        return out
    }

    // MARK: - JSON

    public static func value(_ e: PlanExplanation) -> JSONValue {
        var o: [(String, JSONValue)] = [
            ("method", .string("lp-duals-lexicographic"))
        ]
        if let lp = e.lpObjective {
            o.append(
                (
                    "lp_objective",
                    .object([
                        ("unmet", .num(lp.unmet, digits: 9)), ("waiting", .num(lp.waiting, digits: 9)),
                        ("cost", .num(lp.cost, digits: 6)),
                    ])
                ))
        } else {
            o.append(("lp_objective", .null))
        }
        o.append(("note", e.note.map { .string($0) } ?? .null))
        o.append(("whole_unit_note", e.wholeUnitNote.map { .string($0) } ?? .null))
        o.append(
            (
                "binding",
                .array(
                    e.binding.map { b in
                        .object([
                            ("kind", .string(b.kind.rawValue)),
                            ("id", b.id.map { .string($0) } ?? .null),
                            ("months", .array(b.months.map { .string(e.monthLabels[$0 - 1]) })),
                            ("sentence", .string(bindingSentence(b, e))),
                        ])
                    })
            ))
        o.append(
            (
                "marginal",
                .array(
                    e.items.enumerated().map { n, i in
                        .object([
                            ("rank", .int(n + 1)),
                            ("kind", .string(i.kind.rawValue)),
                            ("id", i.id.map { .string($0) } ?? .null),
                            ("month", i.month.map { .string($0) } ?? .null),
                            ("unit", .num(i.kind.unit)),
                            ("capacity", .num(i.capacity)),
                            ("used", .num(i.used)),
                            ("full", .bool(i.full)),
                            ("served", .num(i.served, digits: 9)),
                            ("waiting_saved", .num(i.waitingSaved, digits: 9)),
                            ("cost_change", .num(i.costChange, digits: 9)),
                            ("dual_rate", rate(i.dualRate)),
                            ("whole_unit", rate(i.wholeUnit)),
                            ("sentence", .string(sentence(i, e))),
                        ])
                    })
            ))
        return .object(o)
    }

    static func rate(_ r: PlanExplanation.Item.Rate?) -> JSONValue {
        guard let r else { return .null }
        return .object([
            ("served", .num(r.served, digits: 9)), ("waiting_saved", .num(r.waitingSaved, digits: 9)),
            ("cost_change", .num(r.costChange, digits: 9)),
        ])
    }

    /// `plan` JSON with an `explain` section before `model`.
    public static func attach(_ e: PlanExplanation, to plan: JSONValue) -> JSONValue {
        guard case .object(var pairs) = plan else { return plan }
        let at = pairs.firstIndex { $0.0 == "model" } ?? pairs.count
        pairs.insert(("explain", value(e)), at: at)
        return .object(pairs)
    }

    // MARK: - helpers

    /// "2001-03, 2001-06 to 2001-09"
    public static func monthRanges(_ months: [Int], _ labels: [String]) -> String {
        var parts: [String] = []
        var i = 0
        let ms = months.sorted()
        while i < ms.count {
            var j = i
            while j + 1 < ms.count && ms[j + 1] == ms[j] + 1 { j += 1 }
            let a = labels[ms[i] - 1], b = labels[ms[j] - 1]
            parts.append(i == j ? a : (j == i + 1 ? "\(a), \(b)" : "\(a) to \(b)"))
            i = j + 1
        }
        return parts.isEmpty ? "the whole horizon" : parts.joined(separator: ", ")
    }

    /// 1, 0.5, 1.33, 0.0042
    static func amount(_ v: Double) -> String {
        if abs(v - v.rounded()) < 1e-6 { return PlanTable.num(v) }
        if abs(v) >= 0.01 {
            var s = String(format: "%.2f", v)
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
            return s
        }
        return String(format: "%.2g", v)
    }

    static func money(_ v: Double) -> String { PlanTable.money(v) }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return "change nothing"
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}
