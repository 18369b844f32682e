import Foundation
import IARSInput
import LinearProgramming

extension Planner {
    /// A plan made month by month by rules, without a solver: the fallback first plan of
    /// an integer run under a time limit (docs/formulation.md, "Large plans under a time
    /// limit"). It takes milliseconds where the time windows take minutes, and completes
    /// the windows' plan when the time runs out before their last month.
    ///
    /// Each month, first the ready cases go home (shelters over their beds first, then the
    /// dearest; the cheapest route with a seat left, the cheapest partner with a place),
    /// then the arrivals are admitted, the highest priority first (or the most priority per
    /// month of bed a case is likely to hold), each to the cheapest shelter (or the least
    /// contested one) with a bed and a screening slot. A step is
    /// taken only when the next months (the lookahead) could keep the people then in
    /// shelter with nobody leaving: beds never fewer than them, and budgets that would
    /// still pay for them. Such a plan may leave many cases unmet that a solver would
    /// admit (on the generated fixtures, from the optimum to a few times it), but it is a plan.
    ///
    /// - Parameters:
    ///   - prefix: a plan whose months `1...months` are kept as they are (one value per
    ///     column of `pm`'s model); the rules continue from the state it leaves.
    ///   - targets: admissions to follow in some tries (the merged-shelter relaxation's).
    ///   - onlyGuided: only the tries that follow `targets`.
    ///   - bound: a proven lower bound of unmet (attainable): no try starts once a plan meets it.
    ///   - budget: each try is charged to it (``SolvePolicy/rulesTryUnits`` per 1,000
    ///     columns); no try starts once it is spent and one has a plan.
    /// - Returns: one value per column of `pm`'s model, or `nil` when the rules find no
    ///   plan (the people in shelter outgrow the beds or budgets of a later month even with
    ///   every ready case returned). The caller checks the plan against the model.
    static func rulesPlan(
        _ pm: PlanModel, prefix: (months: Int, values: [Double])? = nil,
        targets: [[Double]]? = nil, onlyGuided: Bool = false, bound: Double? = nil,
        budget: WorkBudget? = nil, policy: SolvePolicy = .default, verbose: Bool = false
    ) -> [Double]? {
        // The rules with several lookaheads: keeping everyone to the end of the horizon is
        // safe and timid; a few months ahead admits more and may run out of beds or money
        // later. Likewise the cheapest shelter first saves money where budgets bind, and the
        // least contested one saves room for groups that have no other shelter; the highest
        // priority first is plain, and the most priority per month of bed (turnover) keeps
        // beds from filling with cases that cannot go home. Each try takes milliseconds (times in
        // docs/performance.md); the best plan is kept.
        // Once the budget is spent no further try starts.
        var best: [Double]? = nil
        var bestValues: [Double] = []
        // The tries that did best at 40 x 20 x 36 and 80 x 40 x 60 go first, since the
        // budget may cut the list short (the first try always runs).
        var tries: [(lookahead: Int, contested: Bool, turnover: Bool, guided: Bool)] = []
        var lookaheads: [Int] = []
        for l in [2, 4, pm.scenario.months, 1] where !lookaheads.contains(min(l, pm.scenario.months)) {
            lookaheads.append(min(l, pm.scenario.months))
        }
        var orders: [(contested: Bool, turnover: Bool, guided: Bool)] = [
            (true, true, false), (false, true, false), (true, false, false), (false, false, false),
        ]
        if targets != nil { orders = [(true, false, true), (false, false, true)] + (onlyGuided ? [] : orders) }
        for o in orders {
            for lookahead in lookaheads { tries.append((lookahead, o.contested, o.turnover, o.guided)) }
        }
        for (i, t) in tries.enumerated() {
            if i > 0, best != nil, let budget, budget.exhausted != nil { break }
            budget?.meter.charge(
                policy.rulesTryUnits
                    * WorkMeter.unitsPerStep(rows: pm.model.rows.count, columns: pm.model.columns.count))
            // a plan whose unmet meets a proven bound cannot be beaten where it matters most
            if let bound, best != nil, bestValues[0] <= bound + 1e-6 { break }
            var builder = RulesPlanBuilder(
                pm, lookahead: t.lookahead, leastContestedFirst: t.contested, turnover: t.turnover,
                targets: t.guided ? targets : nil)
            let x = builder.run(prefix: prefix)
            if verbose {
                let name =
                    "\(t.lookahead) month\(t.lookahead == 1 ? "" : "s") ahead\(t.contested ? ", least contested first" : "")\(t.turnover ? ", by turnover" : "")\(t.guided ? ", guided" : "")"
                print(
                    "rules (\(name)): \(x.map { "unmet \(pm.levels[0].value(at: $0))" } ?? "no plan, \(builder.failure ?? "-")")"
                )
            }
            guard let x else { continue }
            let values = pm.levels.map { $0.value(at: x) }
            if best == nil || values.lexicographicallyPrecedes(bestValues) {
                best = x
                bestValues = values
            }
        }
        return best
    }
}

/// The state and rules of ``Planner/rulesPlan(_:prefix:targets:onlyGuided:bound:budget:verbose:)``.
struct RulesPlanBuilder {
    let pm: PlanModel
    let sc: Scenario
    let T: Int
    var x: [Double]
    /// People in each shelter at the end of the month just planned.
    var occ: [Int]
    /// Ready cases still in shelter, per return class, at the end of the month just planned.
    var wait: [Int]
    /// newReady[class][t-1]: cases of the class that become ready in month t.
    var newReady: [[Int]]
    /// Cost of the months planned so far.
    var spent = 0.0
    /// Why the rules found no plan.
    var failure: String?
    /// Per shelter: the cost of one bed for one night.
    let bnc: [Double]
    let days: [Double]
    /// daysAfter[t-1]: the days of the months after month t (within the lookahead).
    let daysAfter: [Double]
    /// wCap[t-1]: the most the shelters may cost per night in every month after t (the
    /// monthly budget over the days, at its tightest), or infinity.
    let wCap: [Double]
    /// bedsAfter[s][t-1]: the fewest beds of shelter s in the months after t.
    let bedsAfter: [[Int]]
    let classesOfCountry: [String: [Int]]
    let leastContestedFirst: Bool
    /// Admit by priority per month of bed likely held, rather than by priority.
    let turnover: Bool
    let targets: [[Double]]?
    /// Per group: the share of its country's arrivals that routes and partners can take
    /// home (a month's seats and places against a month's arrivals, on average; 0 for a
    /// country with no route or no partner).
    let returnShare: [Double]
    /// How many shelters each screening provider serves.
    let served: [Int]
    /// The social services of the plan (``RulesServices``), empty without `services:`.
    var care: RulesServices

    /// - Parameter lookahead: how many months after each month must be able to keep the
    ///   people in shelter (beds, monthly budget, and the total budget over those months).
    /// - Parameter leastContestedFirst: admit to the shelter that the fewest groups with
    ///   arrivals that month can use, rather than to the cheapest.
    /// - Parameter turnover: admit by priority per month of bed a case is likely to hold.
    /// - Parameter targets: targets[g][t-1], admissions to follow (the merged-shelter
    ///   relaxation's): groups go by the share of their arrivals the targets admit, and
    ///   no group is admitted beyond its target rounded up.
    init(_ pm: PlanModel, lookahead: Int, leastContestedFirst: Bool, turnover: Bool = false, targets: [[Double]]? = nil)
    {
        self.targets = targets
        self.leastContestedFirst = leastContestedFirst
        self.turnover = turnover
        var demand: [String: Double] = [:]
        for grp in pm.scenario.groups { demand[grp.country, default: 0] += Double(grp.arrivals.reduce(0, +)) }
        var share: [String: Double] = [:]
        for (c, d) in demand {
            var capacity = 0.0
            if let ks = pm.routesOf[c], let ps = pm.partnersOf[c] {
                for t in 0..<pm.scenario.months {
                    let seats = ks.reduce(0) {
                        $0 + pm.scenario.routes[$1].departures[t] * pm.scenario.routes[$1].seatsPerDeparture
                    }
                    let places = ps.reduce(0) { $0 + pm.scenario.partners[$1].slots[t] }
                    capacity += Double(min(seats, places))
                }
            }
            share[c] = d > 0 ? min(1, capacity / d) : 1
        }
        returnShare = pm.scenario.groups.map { share[$0.country] ?? 0 }
        var served = [Int](repeating: 0, count: pm.scenario.medical.count)
        for providers in pm.providersOf { for m in providers { served[m] += 1 } }
        self.served = served
        care = RulesServices(pm, lookahead: lookahead)
        let sc = pm.scenario
        self.pm = pm
        self.sc = sc
        T = sc.months
        x = [Double](repeating: 0, count: pm.model.columns.count)
        var initialAt = [Int](repeating: 0, count: sc.shelters.count)
        for (p, pr) in pm.pairs.enumerated() { initialAt[pr.s] += pm.initialCount[p] }
        occ = initialAt
        wait = [Int](repeating: 0, count: pm.classes.count)
        newReady = pm.classes.map { cl in
            (0..<sc.months).map { t in cl.pairs.reduce(0) { $0 + pm.initialReady[$1][t] } }
        }
        bnc = sc.shelters.map(\.bedNightCost)
        let days = (1...sc.months).map { Double(sc.days($0)) }
        self.days = days
        // Sums and minima over the `lookahead` months after each month.
        let months = sc.months
        func window(_ t: Int) -> ClosedRange<Int>? { t < months ? (t + 1)...min(months, t + lookahead) : nil }
        daysAfter = (1...months).map { t in window(t).map { $0.reduce(0.0) { $0 + days[$1 - 1] } } ?? 0 }
        wCap = (1...months).map { t in
            guard let monthly = sc.budget.monthly, let w = window(t) else { return .infinity }
            return w.map { monthly[$0 - 1] / days[$0 - 1] }.min()!
        }
        bedsAfter = sc.shelters.map { sh in
            (1...months).map { t in window(t).map { w in w.map { sh.beds[$0 - 1] }.min()! } ?? Int.max }
        }
        var byCountry: [String: [Int]] = [:]
        for (k, cl) in pm.classes.enumerated() { byCountry[cl.country, default: []].append(k) }
        classesOfCountry = byCountry
    }

    /// Room left under a cap, in whole units of `per` (everything when `per` is 0).
    private static func units(_ room: Double, _ per: Double, cap: Double) -> Int {
        guard per > 0 else { return Int.max }
        let n = ((room + 1e-9 * max(1, abs(cap))) / per).rounded(.down)
        return n <= 0 ? 0 : (n >= Double(Int.max / 2) ? Int.max / 2 : Int(n))
    }

    mutating func run(prefix: (months: Int, values: [Double])?) -> [Double]? {
        let first = (prefix?.months ?? 0) + 1
        if let prefix, prefix.months > 0 {
            guard prefix.months <= T, prefix.values.count == x.count else { return nil }
            keep(prefix.months, prefix.values)
            care.keep(prefix.months, x)
        }
        if first <= T {
            for t in first...T {
                guard month(t) else { return nil }
            }
        }
        if let total = sc.budget.total, spent > total + 1e-9 * max(1, total) {
            failure = "over the total budget"
            return nil
        }
        pm.fillCovers(&x)
        // Unmet cases per priority (integer models with several priorities).
        if !pm.priorityTotals.isEmpty {
            let priorities = Array(Set(sc.groups.map(\.priority))).sorted()
            for (i, v) in priorities.enumerated() {
                var unmet = 0.0
                for (g, grp) in sc.groups.enumerated() where grp.priority == v {
                    unmet += Double(grp.arrivals.reduce(0, +))
                    for p in pm.pairsOfGroup[g] { for j in pm.admit[p] where j >= 0 { unmet -= x[j] } }
                }
                x[pm.priorityTotals[i]] = unmet
            }
        }
        return x
    }

    /// Takes months `1...k` from `values` and the state they leave.
    private mutating func keep(_ k: Int, _ values: [Double]) {
        for (j, column) in pm.model.columns.enumerated() where (1...k).contains(pm.columnMonth[j]) {
            x[j] = column.isInteger ? values[j].rounded() : values[j]
        }
        for s in sc.shelters.indices { occ[s] = Int(x[pm.occ[s][k - 1]]) }
        for c in pm.classes.indices { wait[c] = Int(x[pm.wait[c][k - 1]]) }
        for (c, cl) in pm.classes.enumerated() {
            for p in cl.pairs {
                let L = sc.groups[pm.pairs[p].g].processingMonths
                for t in 1...k where pm.admit[p][t - 1] >= 0 && t + L <= T {
                    newReady[c][t + L - 1] += Int(x[pm.admit[p][t - 1]])
                }
            }
        }
        // The cost level over the kept months' columns, less the half of month k + 1's
        // shelter cost that the occupancy at the end of month k carries.
        let cost = pm.levels[2]
        var z = cost.constant
        for (j, a) in cost.coefficients.enumerated() where a != 0 && (1...k).contains(pm.columnMonth[j]) {
            z += a * x[j]
        }
        if k < T {
            for s in sc.shelters.indices { z -= 0.5 * bnc[s] * days[k] * Double(occ[s]) }
        }
        spent = z
    }

    /// The running totals of the month being planned.
    struct MonthTotals {
        let t: Int
        /// Days of the month.
        let d: Double
        /// People in each shelter at the start of the month.
        let prevOcc: [Int]
        /// The month's cost so far: the shelters as they are, half of it for the occupancy at
        /// the start of the month, half for the end (returns and admissions change that half).
        var cost = 0.0
        /// What the shelters cost per night at the end of the month.
        var W = 0.0
        let monthly: Double?
        let total: Double?
    }

    /// Plans month `t`; false when the month cannot hold the people in shelter.
    private mutating func month(_ t: Int) -> Bool {
        var m = MonthTotals(
            t: t, d: days[t - 1], prevOcc: occ, monthly: sc.budget.monthly?[t - 1],
            total: sc.budget.total)
        for s in sc.shelters.indices {
            m.cost += m.d * bnc[s] * Double(m.prevOcc[s])
            m.W += bnc[s] * Double(occ[s])
        }
        m.cost += care.startMonth()
        var ready = [Int](repeating: 0, count: pm.classes.count)
        for c in pm.classes.indices { ready[c] = wait[c] + newReady[c][t - 1] }
        var returned = [Int](repeating: 0, count: pm.classes.count)
        let pressure = sc.shelters.indices.map { s in
            max(
                0, m.prevOcc[s] + occ[s] - 2 * sc.shelters[s].beds[t - 1],
                bedsAfter[s][t - 1] == Int.max ? 0 : occ[s] - bedsAfter[s][t - 1])
        }
        for country in sc.countries {
            returnHome(country, &m, ready: ready, returned: &returned, pressure: pressure)
        }
        admit(&m)
        return close(m, ready: ready, returned: returned)
    }

    /// Whether a change of `dc` now and `dW` per night after stays within the monthly and
    /// total budgets, or improves a state that already breaks them (a kept prefix).
    func affordable(_ m: MonthTotals, _ dc: Double, _ dW: Double) -> Bool {
        if let monthly = m.monthly, m.cost + dc > monthly + 1e-9 * max(1, abs(monthly)) && dc > 0 { return false }
        if let total = m.total {
            let change = dc + dW * daysAfter[m.t - 1]
            if spent + m.cost + m.W * daysAfter[m.t - 1] + change > total + 1e-9 * max(1, abs(total)) && change > 0 {
                return false
            }
        }
        return true
    }

    /// Returns of one country's ready cases: shelters over their beds (this month's average,
    /// or the months ahead) first, the fullest first, then the dearest; the cheapest route
    /// with a seat left, the cheapest partner with a place.
    private mutating func returnHome(
        _ country: String, _ m: inout MonthTotals, ready: [Int], returned: inout [Int],
        pressure: [Int]
    ) {
        let t = m.t
        guard let ks = pm.routesOf[country], !ks.isEmpty, let ps = pm.partnersOf[country], !ps.isEmpty,
            let cls = classesOfCountry[country]
        else { return }
        let routes = ks.sorted { a, b in
            let ra = sc.routes[a], rb = sc.routes[b]
            let ca = ra.costPerSeat + ra.costPerDeparture / Double(ra.seatsPerDeparture)
            let cb = rb.costPerSeat + rb.costPerDeparture / Double(rb.seatsPerDeparture)
            return ca != cb ? ca < cb : a < b
        }
        let partners = ps.sorted { a, b in
            let ca = sc.partners[a].costPerCase, cb = sc.partners[b].costPerCase
            return ca != cb ? ca < cb : a < b
        }
        let order = cls.filter { pm.ret[$0][t - 1] >= 0 }.sorted { a, b in
            let sa = pm.classes[a].shelter, sb = pm.classes[b].shelter
            if pressure[sa] != pressure[sb] { return pressure[sa] > pressure[sb] }
            return bnc[sa] != bnc[sb] ? bnc[sa] > bnc[sb] : a < b
        }
        var flow = [Int: Int](), deps = [Int: Int](), received = [Int: Int]()
        var ri = 0, pi = 0
        classes: for c in order {
            let s = pm.classes[c].shelter
            while ready[c] - returned[c] > 0 {
                while ri < routes.count {
                    let r = sc.routes[routes[ri]]
                    if (flow[routes[ri]] ?? 0) < r.departures[t - 1] * r.seatsPerDeparture { break }
                    ri += 1
                }
                while pi < partners.count && (received[partners[pi]] ?? 0) >= sc.partners[partners[pi]].slots[t - 1] {
                    pi += 1
                }
                guard ri < routes.count, pi < partners.count else { break classes }
                let k = routes[ri], q = partners[pi]
                let r = sc.routes[k]
                let f = flow[k] ?? 0
                let newDeparture = r.costPerDeparture > 0 && f % r.seatsPerDeparture == 0
                let dc =
                    r.costPerSeat + (newDeparture ? r.costPerDeparture : 0) + sc.partners[q].costPerCase
                    - 0.5 * m.d * bnc[s]
                guard affordable(m, dc, -bnc[s]) else { continue classes }
                flow[k] = f + 1
                if newDeparture { deps[k, default: 0] += 1 }
                received[q, default: 0] += 1
                returned[c] += 1
                occ[s] -= 1
                m.cost += dc + care.move(pair: pm.classes[c].pairs[0], by: -1)
                m.W -= bnc[s]
            }
        }
        for c in order where returned[c] > 0 { x[pm.ret[c][t - 1]] = Double(returned[c]) }
        for (k, f) in flow where pm.flow[k][t - 1] >= 0 { x[pm.flow[k][t - 1]] = Double(f) }
        for (k, n) in deps where pm.dep[k][t - 1] >= 0 { x[pm.dep[k][t - 1]] = Double(n) }
        for (q, n) in received where pm.reint[q][t - 1] >= 0 { x[pm.reint[q][t - 1]] = Double(n) }
    }

    /// The order groups are admitted in: the highest priority first; or, when beds turn
    /// over, the most priority per month of bed a case is likely to hold; or, guided, the
    /// largest share of the month's arrivals the targets admit.
    func admissionOrder(_ t: Int) -> [Int] {
        let key: [Double] = sc.groups.indices.map { g in
            if let targets {
                let a = sc.groups[g].arrivals[t - 1]
                return a > 0 ? min(1, targets[g][t - 1] / Double(a)) : 0
            }
            guard turnover else { return sc.groups[g].priority }
            let left = Double(T - t + 1)
            let stay = min(left, Double(sc.groups[g].processingMonths) + (1 - returnShare[g]) * left)
            return sc.groups[g].priority / max(1, stay)
        }
        return sc.groups.indices.sorted { a, b in
            if key[a] != key[b] { return key[a] > key[b] }
            let pa = sc.groups[a].priority, pb = sc.groups[b].priority
            return pa != pb ? pa > pb : a < b
        }
    }

    /// Admissions of the month, group by group.
    private mutating func admit(_ m: inout MonthTotals) {
        let t = m.t
        var slotsLeft = sc.medical.map { $0.slots[t - 1] }
        let groups = admissionOrder(t)
        var contention = [Int](repeating: 0, count: sc.shelters.count)
        for g in groups where sc.groups[g].arrivals[t - 1] > 0 {
            for p in pm.pairsOfGroup[g] where pm.admit[p][t - 1] >= 0 { contention[pm.pairs[p].s] += 1 }
        }
        for g in groups {
            var left = sc.groups[g].arrivals[t - 1]
            if let targets { left = min(left, Int((targets[g][t - 1] - 1e-6).rounded(.up))) }
            while left > 0 {
                guard let b = bestPlace(g, left: left, m, slotsLeft: slotsLeft, contention: contention) else { break }
                let s = pm.pairs[b.p].s
                x[pm.admit[b.p][t - 1]] += Double(b.n)
                if let cols = pm.screen[PlanModel.ScreenKey(shelter: s, provider: b.m)] {
                    x[cols[t - 1]] += Double(b.n)
                }
                slotsLeft[b.m] -= b.n
                occ[s] += b.n
                m.cost += Double(b.n) * b.c1  // c1 holds the services' half case-month (care.halfCost)
                care.move(pair: b.p, by: b.n)
                m.W += Double(b.n) * bnc[s]
                left -= b.n
                let L = sc.groups[g].processingMonths
                if t + L <= T { newReady[pm.classOfPair[b.p]][t + L - 1] += b.n }
            }
        }
    }

    /// Where the next admissions of group `g` go: the least contested shelter first (the
    /// fewest groups with arrivals this month that it accepts), so that groups with a single
    /// shelter find room there, then the one that costs least; how many fit there (beds now
    /// and ahead, a screening slot, the budgets); `nil` when none fits.
    func bestPlace(_ g: Int, left: Int, _ m: MonthTotals, slotsLeft: [Int], contention: [Int])
        -> (p: Int, m: Int, n: Int, unit: Double, c1: Double, contest: Int)?
    {
        let t = m.t
        var best: (p: Int, m: Int, n: Int, unit: Double, c1: Double, contest: Int)? = nil
        for p in pm.pairsOfGroup[g] where pm.admit[p][t - 1] >= 0 {
            let s = pm.pairs[p].s
            // Likewise the provider that serves the fewest shelters, or the cheapest.
            guard
                let provider = pm.providersOf[s].filter({ slotsLeft[$0] > 0 }).min(by: { a, b in
                    if leastContestedFirst && served[a] != served[b] { return served[a] < served[b] }
                    let ca = sc.medical[a].costPerScreening, cb = sc.medical[b].costPerScreening
                    return ca != cb ? ca < cb : a < b
                })
            else { continue }
            let c1 = sc.medical[provider].costPerScreening + 0.5 * m.d * bnc[s] + care.halfCost(pair: p)
            let perNight = bnc[s]
            var n = min(left, slotsLeft[provider])
            n = min(n, 2 * sc.shelters[s].beds[t - 1] - m.prevOcc[s] - occ[s])
            n = min(n, bedsAfter[s][t - 1] == Int.max ? n : bedsAfter[s][t - 1] - occ[s])
            n = min(n, care.room(pair: p, month: t))
            if let monthly = m.monthly { n = min(n, Self.units(monthly - m.cost, c1, cap: monthly)) }
            if let total = m.total {
                n = min(
                    n,
                    Self.units(
                        total - spent - m.cost - m.W * daysAfter[t - 1],
                        c1 + perNight * daysAfter[t - 1], cap: total))
            }
            if wCap[t - 1] < .infinity { n = min(n, Self.units(wCap[t - 1] - m.W, perNight, cap: wCap[t - 1])) }
            guard n > 0 else { continue }
            let unit = c1 + perNight * daysAfter[t - 1]
            let contest = leastContestedFirst ? contention[s] : 0
            if best == nil || contest < best!.contest || (contest == best!.contest && unit < best!.unit) {
                best = (p, provider, n, unit, c1, contest)
            }
        }
        return best
    }

    /// The month's rows: beds on average, the waiting, the monthly budget; false when the
    /// people in shelter do not fit.
    private mutating func close(_ m: MonthTotals, ready: [Int], returned: [Int]) -> Bool {
        let t = m.t
        for s in sc.shelters.indices {
            if m.prevOcc[s] + occ[s] > 2 * sc.shelters[s].beds[t - 1] {
                failure = "month \(t): shelter \(sc.shelters[s].id) over its beds"
                return false
            }
            x[pm.occ[s][t - 1]] = Double(occ[s])
        }
        if let v = care.over(month: t) {
            failure = "month \(t): service \(sc.services[v].id) over its capacity"
            return false
        }
        for c in pm.classes.indices {
            wait[c] = ready[c] - returned[c]
            x[pm.wait[c][t - 1]] = Double(wait[c])
        }
        if let monthly = m.monthly, m.cost > monthly + 1e-9 * max(1, abs(monthly)) {
            failure = "month \(t): over the monthly budget"
            return false
        }
        spent += m.cost
        return true
    }
}
