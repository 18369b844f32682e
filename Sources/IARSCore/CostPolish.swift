import Foundation
import LinearProgramming

extension Planner {
    /// Lowers the cost of `plan` by fix and optimize, keeping its unmet and waiting: a few
    /// shelters at a time, every integer column of the other shelters is fixed at the
    /// plan's value, and branch-and-cut solves the cost level over the rest (the routes'
    /// departures stay free), from the plan as its incumbent. Each step can only keep or
    /// lower the cost. Neighbourhoods pair cheap shelters with dear ones, so that people
    /// can move to the cheaper beds.
    ///
    /// For a large integer plan whose unmet and waiting levels the first plan proves: its
    /// cost level's LP alone takes GLPK minutes (267 s at 40 x 20 x 36), so the exact
    /// steps improve nothing under a shorter limit, where a step here takes seconds.
    ///
    /// - Returns: the best plan found (one value per column of `pm`'s model), or `nil`
    ///   when no step lowered the cost; and the time spent inside GLPK.
    func polishCost(_ pm: PlanModel, plan: [Double], deadline: ContinuousClock.Instant) throws
        -> (plan: [Double]?, solverSeconds: Double) {
        let sc = pm.scenario
        guard pm.levels.count == 3, sc.shelters.count > 2 else { return (nil, 0) }
        var problem = try GLPKProblem(pm.model)
        let cost = pm.levels[2]
        try problem.setObjective(cost.coefficients, constant: cost.constant)
        for level in pm.levels.prefix(2) {
            _ = try problem.addRow(name: "keep.\(level.name)", lower: -.infinity,
                                   upper: keepUpper(level, at: level.value(at: plan)), terms: level.terms)
        }
        // The shelter of each column, -1 for none (routes, partners, priority totals).
        var shelterOf = [Int](repeating: -1, count: pm.model.columns.count)
        for (p, pair) in pm.pairs.enumerated() { for j in pm.admit[p] where j >= 0 { shelterOf[j] = pair.s } }
        for (k, cl) in pm.classes.enumerated() {
            for j in pm.ret[k] where j >= 0 { shelterOf[j] = cl.shelter }
            for j in pm.wait[k] where j >= 0 { shelterOf[j] = cl.shelter }
        }
        for (s, cols) in pm.occ.enumerated() { for j in cols where j >= 0 { shelterOf[j] = s } }
        for (key, cols) in pm.screen { for j in cols where j >= 0 { shelterOf[j] = key.shelter } }
        let integers = pm.model.columns.indices.filter { pm.model.columns[$0].isInteger && shelterOf[$0] >= 0 }

        // Cheap and dear shelters, interleaved; neighbourhoods of two, sliding by one.
        let byCost = sc.shelters.indices.sorted { a, b in
            let ca = sc.shelters[a].bedNightCost, cb = sc.shelters[b].bedNightCost
            return ca != cb ? ca < cb : a < b
        }
        var order: [Int] = []
        var lo = 0, hi = byCost.count - 1
        while lo <= hi {
            order.append(byCost[lo])
            if hi != lo { order.append(byCost[hi]) }
            lo += 1
            hi -= 1
        }
        let size = min(2, order.count)
        var neighbourhoods: [Set<Int>] = []
        var i = 0
        while i < order.count {
            neighbourhoods.append(Set((0..<size).map { order[(i + $0) % order.count] }))
            i += 1
        }

        var x = plan
        var z = cost.value(at: plan)
        var improved = false
        var options = searchOptions
        options.verbose = false
        // GLPK's presolver drops the fixed columns: each step's root LP is a small one.
        options.presolve = true
        options.cuts = .none
        options.relaxIntegrality = false
        var quiet = 0
        var round = 0
        var solverSeconds = 0.0
        // Rounds over the neighbourhoods until the time is up or a whole round lowers nothing.
        while quiet < neighbourhoods.count {
            let n = neighbourhoods[round % neighbourhoods.count]
            round += 1
            let left = (deadline - ContinuousClock.now).inSeconds
            if left < 0.5 { break }
            for j in integers {
                let c = pm.model.columns[j]
                if n.contains(shelterOf[j]) {
                    try problem.setColumnBounds(j, lower: c.lower, upper: c.upper)
                } else {
                    let v = x[j].rounded()
                    try problem.setColumnBounds(j, lower: v, upper: v)
                }
            }
            // an even share of the time left over the rest of the round, at least 4 s
            options.timeLimit = min(left, max(4, left / Double(max(1, neighbourhoods.count - (round - 1) % neighbourhoods.count))))
            options.incumbent = x
            let s = try problem.solve(options: options)
            solverSeconds += s.seconds
            let names = n.sorted().map { sc.shelters[$0].id }.joined(separator: ", ")
            if (s.status == .optimal || s.status == .feasible), s.hasPoint, cost.value(at: s.values) < z - 1e-6 * max(1, abs(z)) {
                x = s.values
                z = cost.value(at: x)
                improved = true
                quiet = 0
                if verbose { print("cost polish, shelters \(names): \(z) in \(String(format: "%.2f", s.seconds)) s") }
            } else {
                quiet += 1
                if verbose { print("cost polish, shelters \(names): no lower cost (\(s.message)) in \(String(format: "%.2f", s.seconds)) s") }
            }
        }
        return (improved ? x : nil, solverSeconds)
    }
}
