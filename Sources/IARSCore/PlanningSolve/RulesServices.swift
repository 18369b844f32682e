import IARSInput

/// The social services in the rules' plan (``RulesPlanBuilder``): the people each service
/// covers at the end of the month being planned, so that the rules admit nobody a full
/// service could not take (now, and over the lookahead, as for beds), and the services'
/// cost of the month.
///
/// The cost counts in the month's budget (an admission's share of it in the monthly
/// check); the total budget's look ahead counts beds only (a plan that overspends is
/// refused when checked against the model, as every rules plan is).
struct RulesServices {
    let pm: PlanModel
    let sc: Scenario
    /// The services covering each pair of the model.
    let servicesOf: [[Int]]
    /// People each service covers at the end of the month just planned, and at its start.
    var load: [Int]
    var previous: [Int]
    /// capacityAfter[v][t-1]: the least capacity of v in the lookahead months after t.
    let capacityAfter: [[Int]]

    init(_ pm: PlanModel, lookahead: Int) {
        self.pm = pm
        sc = pm.scenario
        let sc = pm.scenario
        servicesOf = pm.pairs.map { pr in
            sc.services.indices.filter {
                sc.services[$0].covers(group: sc.groups[pr.g].id, shelter: sc.shelters[pr.s].id)
            }
        }
        var load = [Int](repeating: 0, count: sc.services.count)
        for (p, vs) in servicesOf.enumerated() { for v in vs { load[v] += pm.initialCount[p] } }
        self.load = load
        previous = load
        let T = sc.months
        capacityAfter = sc.services.map { v in
            (1...T).map { t in t < T ? v.capacity[t..<min(T, t + lookahead)].min()! : Int.max }
        }
    }

    /// Starts a month: the people covered now are its start; returns the month's cost if
    /// nobody moves.
    mutating func startMonth() -> Double {
        previous = load
        return sc.services.indices.reduce(0.0) { $0 + sc.services[$1].costPerCaseMonth * Double(load[$1]) }
    }

    /// `n` people of `pair` come (or, negative, go) this month; returns the change of the
    /// month's cost (half a case-month each, by average occupancy).
    @discardableResult
    mutating func move(pair p: Int, by n: Int) -> Double {
        var cost = 0.0
        for v in servicesOf[p] {
            load[v] += n
            cost += 0.5 * sc.services[v].costPerCaseMonth * Double(n)
        }
        return cost
    }

    /// What one more case of `pair` adds to this month's services (half a case-month each).
    func halfCost(pair p: Int) -> Double {
        servicesOf[p].reduce(0.0) { $0 + 0.5 * sc.services[$1].costPerCaseMonth }
    }

    /// How many more people of `pair` the services covering it can take in month `t`.
    func room(pair p: Int, month t: Int) -> Int {
        var n = Int.max
        for v in servicesOf[p] {
            n = min(n, 2 * sc.services[v].capacity[t - 1] - previous[v] - load[v])
            if capacityAfter[v][t - 1] != Int.max { n = min(n, capacityAfter[v][t - 1] - load[v]) }
        }
        return n
    }

    /// The first service over its capacity in month `t`, if any.
    func over(month t: Int) -> Int? {
        sc.services.indices.first { previous[$0] + load[$0] > 2 * sc.services[$0].capacity[t - 1] }
    }

    /// The people covered at the end of month `k` of the plan `x` (a kept prefix).
    mutating func keep(_ k: Int, _ x: [Double]) {
        guard !sc.services.isEmpty else { return }
        let stays = pm.classStays(x, through: k)
        load = [Int](repeating: 0, count: sc.services.count)
        for (c, cl) in pm.classes.enumerated() {
            for v in servicesOf[cl.pairs[0]] { load[v] += Int(stays[c].rounded()) }
        }
        previous = load
    }
}

extension PlanModel {
    /// People of each return class at the end of month `k` of the plan `x`: their initial
    /// cases, plus admissions, less returns.
    func classStays(_ x: [Double], through k: Int) -> [Double] {
        classes.indices.map { c in
            var stay = classes[c].pairs.reduce(0.0) { $0 + Double(initialCount[$1]) }
            for t in 0..<k {
                for p in classes[c].pairs where admit[p][t] >= 0 { stay += x[admit[p][t]] }
                if ret[c][t] >= 0 { stay -= x[ret[c][t]] }
            }
            return stay
        }
    }

    /// Sets the cover columns of the plan `x` from its admissions and returns (a plan made
    /// without them, by the rules); nothing to do without services.
    func fillCovers(_ x: inout [Double]) {
        for cover in covers {
            var stay = cover.classes.flatMap { classes[$0].pairs }.reduce(0.0) { $0 + Double(initialCount[$1]) }
            for t in 0..<scenario.months {
                for c in cover.classes {
                    for p in classes[c].pairs where admit[p][t] >= 0 { stay += x[admit[p][t]] }
                    if ret[c][t] >= 0 { stay -= x[ret[c][t]] }
                }
                x[cover.columns[t]] = stay
            }
        }
    }
}
