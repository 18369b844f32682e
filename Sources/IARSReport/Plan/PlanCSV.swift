import Foundation
import IARSCore

/// `iars plan --format csv`: one tidy long table,
/// `scenario,section,id,month,metric,value`, one row per figure.
///
/// Sections: `objective` (no id, no month), `month` (no id), `shelter`,
/// `medical`, `route`, `partner`, `group` (id = the entry's id). Values use the
/// same number formatting as the JSON output.
public enum PlanCSV {
    public static let header = "scenario,section,id,month,metric,value"

    /// - Parameter suppression: Write small per-group and per-country counts as `<K`
    ///   (``Suppression``); a row `suppression,,,suppressed_below,K` follows the status.
    public static func render(_ r: PlanResult, suppression: Suppression? = nil) -> String {
        var out = header + "\n"
        let name = field(r.scenario)
        let hidden = suppression.map { PlanSuppression(r, rule: $0) }
        func row(_ section: String, _ id: String, _ month: String, _ metric: String, _ v: Double?) {
            out += "\(name),\(section),\(field(id)),\(month),\(metric),\(v.map { JSONValue.format($0) } ?? "")\n"
        }
        /// A count, `<K` when `hide`.
        func row(_ section: String, _ id: String, _ month: String, _ metric: String, _ v: Double, hide: Bool,
                 text: String? = nil) {
            guard hide, let hidden else { return row(section, id, month, metric, v) }
            out += "\(name),\(section),\(field(id)),\(month),\(metric),\(text ?? hidden.rule.shown(v))\n"
        }
        row("status", "", "", r.status.rawValue, nil)
        if r.status == .feasible || r.status == .timeLimit {
            // A stopped plan: its gap (empty when unknown), the level that stopped and what stopped it.
            row("stopped", "", "", "gap", r.gap)
            if let l = r.stoppedLevel { out += "\(name),stopped,,,stopped_level,\(field(l))\n" }
            if let b = r.stoppedBy { out += "\(name),stopped,,,stopped_by,\(b.rawValue)\n" }
        }
        if let suppression { row("suppression", "", "", "suppressed_below", Double(suppression.threshold)) }
        if let o = r.objective {
            row("objective", "", "", "unmet", o.unmet, hide: hidden?.weightedHidden == true, text: Suppression.withheld)
            row("objective", "", "", "waiting", o.waiting)
            row("objective", "", "", "cost", o.cost)
        }
        if let e = r.endOfHorizon {
            row("end_of_horizon", "", "", "in_shelter", e.inShelter)
            row("end_of_horizon", "", "", "return_cost", (e.returnCost * 100).rounded() / 100)
            row("end_of_horizon", "", "", "unpriced", e.unpriced)
            if let left = e.budgetLeft { row("end_of_horizon", "", "", "budget_left", (left * 100).rounded() / 100) }
            if let covered = e.covered { row("end_of_horizon", "", "", "covered", covered ? 1 : 0) }
        }
        for m in r.months {
            row("month", "", m.month, "arrivals", Double(m.arrivals))
            row("month", "", m.month, "admitted", m.admitted)
            row("month", "", m.month, "unmet", m.unmet)
            row("month", "", m.month, "returned", m.returned)
            row("month", "", m.month, "in_shelter", m.inShelter)
            row("month", "", m.month, "waiting", m.waiting)
            row("month", "", m.month, "occupancy", m.occupancy)
            row("month", "", m.month, "beds", Double(m.beds))
            row("month", "", m.month, "cost", m.cost)
            row("month", "", m.month, "cost_shelter", m.costShelter)
            row("month", "", m.month, "cost_medical", m.costMedical)
            row("month", "", m.month, "cost_transport", m.costTransport)
            row("month", "", m.month, "cost_reintegration", m.costReintegration)
            if let b = m.budget { row("month", "", m.month, "budget", b) }
        }
        for s in r.shelters {
            for (mm, m) in zip(r.months, s.months) {
                row("shelter", s.id, mm.month, "beds", Double(m.beds))
                row("shelter", s.id, mm.month, "occupancy", m.occupancy)
                row("shelter", s.id, mm.month, "in_shelter", m.inShelter)
                row("shelter", s.id, mm.month, "admitted", m.admitted)
                row("shelter", s.id, mm.month, "returned", m.returned)
                row("shelter", s.id, mm.month, "cost", m.cost)
            }
        }
        for p in r.medical {
            for (mm, m) in zip(r.months, p.months) {
                row("medical", p.id, mm.month, "slots", m.capacity)
                row("medical", p.id, mm.month, "screenings", m.used)
                row("medical", p.id, mm.month, "cost", m.cost)
            }
        }
        let withheld = Suppression.withheld
        for (ki, k) in r.routes.enumerated() {
            for (t, (mm, m)) in zip(r.months, k.months).enumerated() {
                let hide = hidden?.route[ki][t] ?? false
                row("route", k.id, mm.month, "departures_available", Double(m.departuresAvailable))
                row("route", k.id, mm.month, "departures", m.departures)
                row("route", k.id, mm.month, "seats", m.seats)
                row("route", k.id, mm.month, "returned", m.returned, hide: hide)
                row("route", k.id, mm.month, "cost", m.cost, hide: hide, text: withheld)
            }
        }
        for (pi, p) in r.partners.enumerated() {
            for (t, (mm, m)) in zip(r.months, p.months).enumerated() {
                let hide = hidden?.partner[pi][t] ?? false
                row("partner", p.id, mm.month, "slots", m.capacity)
                row("partner", p.id, mm.month, "received", m.used, hide: hide)
                row("partner", p.id, mm.month, "cost", m.cost, hide: hide, text: withheld)
            }
        }
        for (gi, g) in r.groups.enumerated() {
            for (t, (mm, m)) in zip(r.months, g.months).enumerated() {
                func h(_ metric: PlanSuppression.GroupMetric) -> Bool {
                    hidden?.hides(group: gi, month: t, metric) ?? false
                }
                row("group", g.id, mm.month, "arrivals", Double(m.arrivals), hide: h(.arrivals))
                row("group", g.id, mm.month, "admitted", m.admitted, hide: h(.admitted))
                row("group", g.id, mm.month, "unmet", m.unmet, hide: h(.unmet))
                row("group", g.id, mm.month, "returned", m.returned, hide: h(.returned))
                row("group", g.id, mm.month, "waiting", m.waiting, hide: h(.waiting))
            }
        }
        return out
    }

    /// Quotes a CSV field when it holds a comma, quote or line break (RFC 4180).
    public static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
