import IARSCore

/// `iars size --format csv`: the tidy long table of ``RiskCSV``, `scenario,section,id,metric,value`.
/// Section `size` holds the run and its objective, `buy` each option's blocks and cost, and
/// the out-of-sample risk report follows with its sections prefixed `out_of_sample.`
/// (`out_of_sample.unmet`, ...); numbers as in the JSON.
public enum SizeCSV {
    public static func render(_ r: SizeResult) -> String {
        let name = PlanCSV.field(r.scenario)
        var text = RiskCSV.header + "\n"
        func add(_ section: String, _ id: String, _ metric: String, _ value: String) {
            text += "\(name),\(section),\(PlanCSV.field(id)),\(metric),\(value)\n"
        }
        func num(_ v: Double?, digits: Int = 6) -> String { v.map { JSONValue.format($0, digits: digits) } ?? "" }
        add("size", "", "status", r.status.rawValue)
        add("size", "", "n_futures", String(r.futures))
        add("size", "", "seed", String(r.seed))
        add("size", "", "integer", r.integer ? "true" : "false")
        add("size", "", "service_level", num(r.serviceLevel))
        add("size", "", "unmet", num(r.objective?.unmet, digits: 9))
        add("size", "", "waiting", num(r.objective?.waiting, digits: 9))
        add("size", "", "cost", num(r.objective?.cost))
        add("size", "", "purchase_cost", r.objective == nil ? "" : num(r.purchaseCost))
        add("size", "", "served_share", num(r.servedShare))
        if r.status == .feasible || r.status == .timeLimit {
            add("size", "", "gap", num(r.gap))
            add("size", "", "stopped_by", r.stoppedBy?.rawValue ?? "")
        }
        add("size", "", "effort", String(r.effort))
        for b in r.purchase {
            add("buy", b.id, "blocks", String(b.blocks))
            add("buy", b.id, "cost", num(b.cost))
        }
        if let oos = r.outOfSample {
            let riskName = PlanCSV.field(oos.frame.scenario)
            for line in RiskCSV.render(oos).split(separator: "\n").dropFirst() {
                text += "\(name),out_of_sample.\(line.dropFirst(riskName.count + 1))\n"
            }
        }
        return text
    }
}
