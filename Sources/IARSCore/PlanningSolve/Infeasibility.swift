import Foundation
import IARSInput
import LinearProgramming

extension Planner {
    /// The least stretching of beds and budgets that lets the people already in
    /// shelter be housed and paid for, as sentences.
    func explainInfeasibility(_ scenario: Scenario) throws -> [PlanResult.InfeasibilityReason] {
        let pm = PlanModel(scenario: scenario, elastic: true)
        var problem = try GLPKProblem(pm.model)
        var options = searchOptions
        options.relaxIntegrality = !scenario.options.integer
        // (A budget of its own, so that the reasons are the same on every machine.)
        options.budget = WorkBudget(units: policy.effort)
        try problem.setObjective(pm.levels[0].coefficients, constant: 0)
        let solution = try problem.solve(options: options)
        guard solution.hasPoint else {
            return [
                .init(
                    kind: .other, month: nil, shelter: nil, shortBy: 0,
                    message: "no plan exists, and stretching beds and budgets does not find one")
            ]
        }
        let x = solution.values
        var reasons: [PlanResult.InfeasibilityReason] = []
        let cur = scenario.currency
        for t in 1...scenario.months {
            for (s, sh) in scenario.shelters.enumerated() {
                let v = x[pm.bedSlack[s][t - 1]]
                if v > 1e-6 {
                    reasons.append(
                        .init(
                            kind: .beds, month: scenario.label(t), shelter: sh.id, shortBy: v,
                            message:
                                "\(scenario.label(t)): shelter \(sh.id) cannot hold the people already in shelter: "
                                + "\(sh.beds[t - 1]) beds, \(formatAmount(v)) more needed on average "
                                + bedsHint(scenario, shelter: s, month: t)))
                }
            }
            reasons += serviceReasons(pm, x, month: t)
            if !pm.monthlySlack.isEmpty {
                let v = x[pm.monthlySlack[t - 1]]
                if v > 1e-6 {
                    reasons.append(
                        .init(
                            kind: .monthlyBudget, month: scenario.label(t), shelter: nil, shortBy: v,
                            message:
                                "\(scenario.label(t)): budget.monthly cannot pay for the people already in shelter: "
                                + "short by \(String(format: "%.2f", v)) \(cur) "
                                + "(the cap is \(String(format: "%.2f", scenario.budget.monthly![t - 1])) \(cur))"))
                }
            }
        }
        if pm.totalSlack >= 0, x[pm.totalSlack] > 1e-6 {
            let v = x[pm.totalSlack]
            reasons.append(
                .init(
                    kind: .totalBudget, month: nil, shelter: nil, shortBy: v,
                    message: "budget.total cannot pay for the people already in shelter: short by "
                        + "\(String(format: "%.2f", v)) \(cur) (the cap is \(String(format: "%.2f", scenario.budget.total!)) \(cur))"
                ))
        }
        if reasons.isEmpty {
            reasons.append(
                .init(
                    kind: .other, month: nil, shelter: nil, shortBy: 0,
                    message: "no plan exists (numerical trouble: the diagnosis needed no stretching)"))
        }
        return reasons
    }

    /// What to do about a shelter too small for the people already in it: with `initial`
    /// written by hand, lower it; when the plan started from the caseload (which a
    /// coordinator cannot lower), which cases are there, by group, against the beds.
    func bedsHint(_ scenario: Scenario, shelter s: Int, month t: Int) -> String {
        let sh = scenario.shelters[s]
        let raise = "raise shelters[\(s)].beds for \(scenario.label(t))"
        guard let start = scenario.startedFrom else { return "(\(raise) or lower the initial cases)" }
        var byGroup: [String: Int] = [:]
        for c in start.cases where c.shelter == sh.id { byGroup[c.group, default: 0] += 1 }
        let total = byGroup.values.reduce(0, +)
        let groups = scenario.groups.compactMap { g in byGroup[g.id].map { "\($0) \(g.id)" } }
        let cases = total == 1 ? "1 case" : "\(total) cases"
        return "(the caseload \(start.casesFile) of \(start.asOf) holds \(cases) at \(sh.id)"
            + (groups.isEmpty ? "" : ": \(groups.joined(separator: ", "))")
            + ", more than its \(sh.beds[t - 1]) beds can hold; \(raise) or move cases to a shelter with room)"
    }

    /// The services that cannot serve the people already in shelter in month `t`: the
    /// elastic model's stretching of their case-months.
    func serviceReasons(_ pm: PlanModel, _ x: [Double], month t: Int) -> [PlanResult.InfeasibilityReason] {
        let scenario = pm.scenario
        var reasons: [PlanResult.InfeasibilityReason] = []
        for (v, service) in scenario.services.enumerated() {
            let short = x[pm.serviceSlack[v][t - 1]]
            guard short > 1e-6 else { continue }
            let month = scenario.label(t)
            reasons.append(
                .init(
                    kind: .service, month: month, shelter: nil, service: service.id, shortBy: short,
                    message:
                        "\(month): service \(service.id) cannot serve the people already in shelter: "
                        + "\(service.capacity[t - 1]) case-month\(service.capacity[t - 1] == 1 ? "" : "s"), "
                        + "\(formatAmount(short)) more needed "
                        + "(raise services[\(v)].capacity for \(month)"
                        + (scenario.startedFrom == nil
                            ? " or lower the initial cases)" : "; the caseload's cases need more than it has)")))
        }
        return reasons
    }
}
