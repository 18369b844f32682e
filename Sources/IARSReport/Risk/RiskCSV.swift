import IARSCore

/// `iars risk --format csv`: one tidy long table, `scenario,section,id,metric,value`
/// (sections `run`, `served_all`, `unmet`, `unmet_cases`, `waiting`, `cost`, `group`,
/// `capacity`, `in_shelter` (id = month), `future` (id = its number)); numbers as in the JSON.
public enum RiskCSV {
    public static let header = "scenario,section,id,metric,value"

    public static func render(_ r: RiskResult) -> String {
        let f = r.frame
        let name = PlanCSV.field(f.scenario)
        var text = header + "\n"
        func add(_ section: String, _ id: String, _ metric: String, _ value: String) {
            text += "\(name),\(section),\(PlanCSV.field(id)),\(metric),\(value)\n"
        }
        func num(_ v: Double?) -> String { v.map { JSONValue.format($0) } ?? "" }
        add("run", "", "n_futures", String(f.futures))
        add("run", "", "seed", String(f.seed))
        add("run", "", "integer", f.integer ? "true" : "false")
        for b in f.buy { add("buy", b.id, "blocks", String(b.blocks)) }
        add("run", "", "purchase_cost", num(f.purchaseCost))
        add("run", "", "planned", String(r.planned))
        add("served_all", "", "share", num(r.servedAll.value))
        add("served_all", "", "low", num(r.servedAll.low))
        add("served_all", "", "high", num(r.servedAll.high))
        add("run", "", "budget_binding", num(r.budgetBinding))
        for (section, s, full) in [
            ("unmet", r.unmet, true), ("unmet_cases", r.unmetCases, true), ("waiting", r.waiting, false),
            ("cost", r.cost, false),
        ] {
            add(section, "", "mean", num(s.mean))
            add(section, "", "p50", num(s.p50))
            add(section, "", "p90", num(s.p90))
            if full {
                add(section, "", "p95", num(s.p95))
                add(section, "", "max", num(s.max))
            }
        }
        for g in r.groups {
            add("group", g.id, "mean_unmet", num(g.meanUnmet))
            add("group", g.id, "share_any", num(g.shareAny))
        }
        for c in r.capacities { add("capacity", c.capacity.kind + ":" + c.capacity.id, "share_full", num(c.shareFull)) }
        for b in r.inShelter {
            add("in_shelter", b.month, "p10", num(b.p10))
            add("in_shelter", b.month, "p50", num(b.p50))
            add("in_shelter", b.month, "p90", num(b.p90))
        }
        for o in r.outcomes {
            let id = String(o.future)
            add("future", id, "status", o.status.rawValue)
            add("future", id, "unmet", num(o.objective?.unmet))
            add("future", id, "waiting", num(o.objective?.waiting))
            add("future", id, "cost", num(o.objective?.cost))
        }
        return text
    }
}
