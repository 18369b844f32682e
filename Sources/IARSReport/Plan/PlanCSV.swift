import Foundation
import IARSCore

/// `iars plan --format csv`: one tidy long table,
/// `scenario,section,id,month,metric,value`, one row per figure.
///
/// Sections: `objective` (no id, no month), `month` (no id), `shelter`,
/// `medical`, `route`, `partner`, `service` (only with `services:`), `group` (id = the
/// entry's id). Values use the
/// same number formatting as the JSON output.
public enum PlanCSV {
    public static let header = "scenario,section,id,month,metric,value"

    /// - Parameter suppression: Write small per-group and per-country counts as `<K`
    ///   (``Suppression``); a row `suppression,,,suppressed_below,K` follows the status.
    public static func render(_ r: PlanResult, suppression: Suppression? = nil) -> String {
        var rows = Rows(scenario: r.scenario, hidden: suppression.map { PlanSuppression(r, rule: $0) })
        rows.status(r)
        if let o = r.objective {
            rows.add(
                "objective", "", "", "unmet", o.unmet, hide: rows.hidden?.weightedHidden == true,
                text: Suppression.withheld)
            rows.add("objective", "", "", "waiting", o.waiting)
            rows.add("objective", "", "", "cost", o.cost)
        }
        if let e = r.endOfHorizon { rows.endOfHorizon(e) }
        rows.months(r)
        rows.shelters(r)
        rows.medical(r)
        rows.routes(r)
        rows.partners(r)
        rows.services(r)
        rows.groups(r)
        return header + "\n" + rows.text
    }

    /// The rows of one plan, section by section, after the header.
    private struct Rows {
        /// The scenario's name as a CSV field, the first of every row.
        let name: String
        let hidden: PlanSuppression?
        private(set) var text = ""

        init(scenario: String, hidden: PlanSuppression?) {
            name = PlanCSV.field(scenario)
            self.hidden = hidden
        }

        mutating func add(_ section: String, _ id: String, _ month: String, _ metric: String, _ v: Double?) {
            text +=
                "\(name),\(section),\(PlanCSV.field(id)),\(month),\(metric),\(v.map { JSONValue.format($0) } ?? "")\n"
        }

        /// A count, `<K` (or `text`) when `hide`.
        mutating func add(
            _ section: String, _ id: String, _ month: String, _ metric: String, _ v: Double, hide: Bool,
            text shown: String? = nil
        ) {
            guard hide, let hidden else { return add(section, id, month, metric, v) }
            text += "\(name),\(section),\(PlanCSV.field(id)),\(month),\(metric),\(shown ?? hidden.rule.shown(v))\n"
        }

        /// A row whose value is text (no id, no month).
        mutating func add(_ section: String, _ metric: String, text value: String) {
            text += "\(name),\(section),,,\(metric),\(value)\n"
        }

        /// `status`; for a stopped plan its gap (empty when unknown), the level that stopped and
        /// what stopped it; `suppressed_below` with `--suppress-below`.
        mutating func status(_ r: PlanResult) {
            add("status", "", "", r.status.rawValue, nil)
            if r.status == .feasible || r.status == .timeLimit {
                add("stopped", "", "", "gap", r.gap)
                if let l = r.stoppedLevel { add("stopped", "stopped_level", text: PlanCSV.field(l)) }
                if let b = r.stoppedBy { add("stopped", "stopped_by", text: b.rawValue) }
            }
            if let hidden { add("suppression", "", "", "suppressed_below", Double(hidden.rule.threshold)) }
        }

        mutating func endOfHorizon(_ e: EndOfHorizon) {
            add("end_of_horizon", "", "", "in_shelter", e.inShelter)
            add("end_of_horizon", "", "", "return_cost", (e.returnCost * 100).rounded() / 100)
            add("end_of_horizon", "", "", "unpriced", e.unpriced)
            if let left = e.budgetLeft { add("end_of_horizon", "", "", "budget_left", (left * 100).rounded() / 100) }
            if let covered = e.covered { add("end_of_horizon", "", "", "covered", covered ? 1 : 0) }
        }

        mutating func months(_ r: PlanResult) {
            for m in r.months {
                add("month", "", m.month, "arrivals", Double(m.arrivals))
                add("month", "", m.month, "admitted", m.admitted)
                add("month", "", m.month, "unmet", m.unmet)
                add("month", "", m.month, "returned", m.returned)
                add("month", "", m.month, "in_shelter", m.inShelter)
                add("month", "", m.month, "waiting", m.waiting)
                add("month", "", m.month, "occupancy", m.occupancy)
                add("month", "", m.month, "beds", Double(m.beds))
                add("month", "", m.month, "cost", m.cost)
                add("month", "", m.month, "cost_shelter", m.costShelter)
                add("month", "", m.month, "cost_medical", m.costMedical)
                add("month", "", m.month, "cost_transport", m.costTransport)
                add("month", "", m.month, "cost_reintegration", m.costReintegration)
                if !r.services.isEmpty { add("month", "", m.month, "cost_services", m.costServices) }
                if let b = m.budget { add("month", "", m.month, "budget", b) }
            }
        }

        mutating func shelters(_ r: PlanResult) {
            for s in r.shelters {
                for (mm, m) in zip(r.months, s.months) {
                    add("shelter", s.id, mm.month, "beds", Double(m.beds))
                    add("shelter", s.id, mm.month, "occupancy", m.occupancy)
                    add("shelter", s.id, mm.month, "in_shelter", m.inShelter)
                    add("shelter", s.id, mm.month, "admitted", m.admitted)
                    add("shelter", s.id, mm.month, "returned", m.returned)
                    add("shelter", s.id, mm.month, "cost", m.cost)
                }
            }
        }

        mutating func medical(_ r: PlanResult) {
            for p in r.medical {
                for (mm, m) in zip(r.months, p.months) {
                    add("medical", p.id, mm.month, "slots", m.capacity)
                    add("medical", p.id, mm.month, "screenings", m.used)
                    add("medical", p.id, mm.month, "cost", m.cost)
                }
            }
        }

        /// A suppressed month's returns show as `<K`, its cost as `suppressed`.
        mutating func routes(_ r: PlanResult) {
            for (ki, k) in r.routes.enumerated() {
                for (t, (mm, m)) in zip(r.months, k.months).enumerated() {
                    let hide = hidden?.route[ki][t] ?? false
                    add("route", k.id, mm.month, "departures_available", Double(m.departuresAvailable))
                    add("route", k.id, mm.month, "departures", m.departures)
                    add("route", k.id, mm.month, "seats", m.seats)
                    add("route", k.id, mm.month, "returned", m.returned, hide: hide)
                    add("route", k.id, mm.month, "cost", m.cost, hide: hide, text: Suppression.withheld)
                }
            }
        }

        /// A suppressed month's cases received show as `<K`, its cost as `suppressed`.
        mutating func partners(_ r: PlanResult) {
            for (pi, p) in r.partners.enumerated() {
                for (t, (mm, m)) in zip(r.months, p.months).enumerated() {
                    let hide = hidden?.partner[pi][t] ?? false
                    add("partner", p.id, mm.month, "slots", m.capacity)
                    add("partner", p.id, mm.month, "received", m.used, hide: hide)
                    add("partner", p.id, mm.month, "cost", m.cost, hide: hide, text: Suppression.withheld)
                }
            }
        }

        /// Each social service's case-months available and used (its load), and its cost.
        mutating func services(_ r: PlanResult) {
            for v in r.services {
                for (mm, m) in zip(r.months, v.months) {
                    add("service", v.id, mm.month, "capacity", m.capacity)
                    add("service", v.id, mm.month, "case_months", m.used)
                    add("service", v.id, mm.month, "cost", m.cost)
                }
            }
        }

        /// A suppressed count shows as `<K`.
        mutating func groups(_ r: PlanResult) {
            for (gi, g) in r.groups.enumerated() {
                for (t, (mm, m)) in zip(r.months, g.months).enumerated() {
                    func h(_ metric: PlanSuppression.GroupMetric) -> Bool {
                        hidden?.hides(group: gi, month: t, metric) ?? false
                    }
                    add("group", g.id, mm.month, "arrivals", Double(m.arrivals), hide: h(.arrivals))
                    add("group", g.id, mm.month, "admitted", m.admitted, hide: h(.admitted))
                    add("group", g.id, mm.month, "unmet", m.unmet, hide: h(.unmet))
                    add("group", g.id, mm.month, "returned", m.returned, hide: h(.returned))
                    add("group", g.id, mm.month, "waiting", m.waiting, hide: h(.waiting))
                }
            }
        }
    }

    /// Quotes a CSV field when it holds a comma, quote or line break (RFC 4180).
    public static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
