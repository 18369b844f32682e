import IARSCore

/// `iars risk` as a table for a person: the chance of serving everyone first, then how
/// much goes unmet, what it costs, and which capacities run full.
public enum RiskTable {
    public static func render(_ r: RiskResult) -> String {
        let f = r.frame
        var out = "iars risk: \(f.scenario), \(PlanTable.grouped(Int64(f.futures))) futures (seed \(f.seed)), "
        out += (f.integer ? "integer plans" : "LP relaxations") + "\n"
        if !f.buy.isEmpty {
            let list = f.buy.map { "\($0.id) x\($0.blocks)" }.joined(separator: ", ")
            out += "Bought: \(list), \(PlanTable.money(f.purchaseCost)) \(f.currency) (taken off the total budget)\n"
        }
        out += "Each future is planned with hindsight of its own arrivals: the figures bound what month-by-month\n"
        out += "operations could achieve.\n\n"
        let s = r.servedAll
        out +=
            "Everyone served (weighted unmet 0) in \(pct(s.value)) of the futures (\(s.count) of \(s.of); "
            + "95% interval \(pct(s.low)) to \(pct(s.high)))\n"
        if r.planned < f.futures {
            out += "No plan in \(f.futures - r.planned) futures (counted as not serving everyone; left out below)\n"
        }
        out += "Budget used up in \(pct(r.budgetBinding)) of the futures with a plan"
        if let total = f.budgetTotal, total > 0, r.planned > 0 {
            // "used up" is the whole budget to the cent; how close the plans come says more
            let amount = "\(PlanTable.money(total)) \(f.currency)"
            out +=
                "; median cost \(pct(r.cost.p50 / total)) of the total budget (\(amount)), p90 \(pct(r.cost.p90 / total))"
        }
        out += "\n\n"
        var t = TextTable(columns: [
            .init("Over the futures"), .init("mean", right: true), .init("median", right: true),
            .init("p90", right: true), .init("p95", right: true), .init("max", right: true),
        ])
        func row(_ name: String, _ v: RiskResult.Summary, _ fmt: (Double) -> String, full: Bool = true) {
            t.add(
                [name, fmt(v.mean), fmt(v.p50), fmt(v.p90), full ? fmt(v.p95) : "-", full ? fmt(v.max) : "-"])
        }
        row("unmet (priority-weighted)", r.unmet, num)
        row("unmet cases", r.unmetCases, num)
        row("waiting (person-months)", r.waiting, num, full: false)
        row("cost (\(f.currency))", r.cost, PlanTable.money, full: false)
        out += t.render() + "\n"
        var g = TextTable(columns: [
            .init("Group"), .init("mean unmet", right: true), .init("futures with any", right: true),
        ])
        for group in r.groups { g.add([group.id, num(group.meanUnmet), pct(group.shareAny)]) }
        out += g.render() + "\n"
        var c = TextTable(columns: [
            .init("Capacity"), .init("counts"), .init("full in a month, futures", right: true),
        ])
        for cap in r.capacities {
            c.add(["\(cap.capacity.kind) \(cap.capacity.id)", cap.capacity.counts, pct(cap.shareFull)])
        }
        out += c.render() + "\n"
        var m = TextTable(columns: [
            .init("Month"), .init("in shelter p10", right: true), .init("median", right: true),
            .init("p90", right: true),
        ])
        for band in r.inShelter { m.add([band.month, num(band.p10), num(band.p50), num(band.p90)]) }
        out += "People in shelter at the end of the month:\n" + m.render()
        return out
    }

    /// 12, 12.5 (two decimals at most).
    static func num(_ v: Double) -> String { PlanTable.num(v) }

    /// A share as a percentage with one decimal: 87.5%.
    static func pct(_ v: Double) -> String {
        let tenths = Int((v * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
