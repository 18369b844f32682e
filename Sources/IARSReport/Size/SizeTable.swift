import IARSCore

/// `iars size` as a table for a person: what to buy first, what it is expected to bring,
/// then the purchase's risk report on fresh futures (docs/size.md).
public enum SizeTable {
    /// - Parameter scenario: the scenario sized (its `buy:` options describe the purchase).
    public static func render(_ r: SizeResult, scenario: Scenario) -> String {
        var out = "iars size: \(r.scenario), \(PlanTable.grouped(Int64(r.futures))) futures (seed \(r.seed)), "
        out += (r.integer ? "integer plans" : "LP relaxations") + " within futures\n"
        out += "Status: \(status(r))\n"
        guard let o = r.objective else { return out }
        out += "\nBuy:\n"
        var t = TextTable(columns: [
            .init("Option"), .init("Capacity"), .init("Blocks", right: true), .init("Adds (every month)"),
            .init("Cost", right: true),
        ])
        for (b, option) in zip(r.purchase, scenario.buy) {
            let adds = b.blocks == 0 ? "-" : "+\(b.blocks * option.amount) \(option.kind.amountKey)"
            t.add([
                b.id, "\(option.kind.rawValue) \(option.target)", "\(b.blocks) of \(option.max)", adds,
                PlanTable.money(b.cost),
            ])
        }
        out += t.render()
        out += "Purchase cost: \(PlanTable.money(r.purchaseCost)) \(r.currency)"
        out += scenario.budget.total != nil ? " (taken off the total budget in every future)\n" : "\n"
        out += "\nOver the \(PlanTable.grouped(Int64(r.futures))) futures it was chosen for (in sample):\n"
        out += "  mean unmet \(PlanTable.num(o.unmet)) (priority-weighted), mean waiting \(PlanTable.num(o.waiting)) "
        out += "person-months, purchase + mean cost \(PlanTable.money(o.cost)) \(r.currency)\n"
        if let share = r.servedShare, let q = r.serviceLevel {
            out += "  everyone served in \(RiskTable.pct(share)) of them (service level asked: \(RiskTable.pct(q)))\n"
        }
        if let risk = r.outOfSample {
            out += "\nOut of sample: the purchase on \(PlanTable.grouped(Int64(risk.frame.futures))) fresh futures "
            out += "(seed \(risk.frame.seed)), as 'iars risk --buy' reports it\n\n"
            out += RiskTable.render(risk)
        }
        return out
    }

    /// The status line: optimal, stopped (with the gap), or why there is no purchase.
    static func status(_ r: SizeResult) -> String {
        switch r.status {
        case .optimal: return "optimal (the purchase and all three levels proven optimal)"
        case .feasible:
            let gap = r.gap.map { ", gap \(PlanTable.gapPercent($0))" } ?? ""
            return "feasible: the effort ran out at the \(r.stoppedLevel ?? "?") level\(gap); --effort N gives it more"
        case .infeasible:
            guard let share = r.servedShare, let q = r.serviceLevel else {
                return "infeasible: some future has no plan whatever is bought (see iars risk)"
            }
            return "infeasible: no purchase serves everyone in \(RiskTable.pct(q)) of the futures; the best reaches "
                + "\(RiskTable.pct(share)), with the purchase below"
        case .timeLimit: return "no purchase found before the effort ran out (--effort N gives it more)"
        }
    }
}
