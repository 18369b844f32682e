/// Recomputes the spec's quantities from a solution of ``PlanModel``: stays by
/// the spec's recursion, readiness by its cumulative definition, costs by its
/// formulas. The objective values reported come from here, not from the
/// solver's own sums, so they are exact for integer plans.
struct PlanEvaluator {
    let pm: PlanModel
    let x: [Double]
    let integer: Bool

    init(model: PlanModel, values: [Double]) {
        pm = model
        x = values
        integer = model.scenario.options.integer
    }

    /// The value of column `j` (0 for -1), snapped to an integer for integer plans.
    func value(_ j: Int) -> Double {
        guard j >= 0 else { return 0 }
        let v = x[j]
        if integer { return v.rounded() }
        return abs(v) < 1e-9 ? 0 : v
    }

    /// A flow value: integral in an integer plan up to solver noise.
    func flowValue(_ j: Int) -> Double {
        guard j >= 0 else { return 0 }
        let v = x[j]
        if integer, abs(v - v.rounded()) < 1e-6 { return v.rounded() }
        return abs(v) < 1e-9 ? 0 : v
    }

    /// Fills `r` with the plan's months, groups, shelters, screening, routes and partners
    /// and the three objective values, all recomputed from the solution.
    func fill(_ r: inout PlanResult) {
        let flows = pairFlows()
        let groups = groupPlans(flows)
        let shelters = shelterPlans(flows)
        let screening = providerPlans(admittedAt: shelters.admittedAt)
        let returnsTo = returnsByCountry(flows.returned)
        let routes = routePlans(returnsTo: returnsTo)
        let partners = partnerPlans(returnsTo: returnsTo)
        let services = servicePlans(flows)
        let costs = MonthlyCosts(
            shelter: shelters.cost, medical: screening.cost, transport: routes.cost,
            reintegration: partners.cost, services: services.cost)
        let totals = monthTotals(groups: groups.plans, shelters: shelters.plans, costs: costs)
        let totalCost = totals.months.reduce(0.0) { $0 + $1.cost }
        r.objective = .init(unmet: groups.unmetObjective, waiting: totals.waitingObjective, cost: totalCost)
        r.months = totals.months
        r.shelters = shelters.plans
        r.medical = screening.plans
        r.routes = routes.plans
        r.partners = partners.plans
        r.services = services.plans
        r.groups = groups.plans
    }

    /// Per pair of group and shelter and per month (0-based): admissions, returns, cases
    /// ready and waiting for a return, and cases in the shelter at the month's end.
    struct PairFlows {
        var admitted: [[Double]]
        /// Returns split over the pairs of each class, first ready first home.
        var returned: [[Double]]
        var waiting: [[Double]]
        var stayEnd: [[Double]]
    }

    /// The costs of each month (0-based), by kind.
    struct MonthlyCosts {
        var shelter: [Double]
        var medical: [Double]
        var transport: [Double]
        var reintegration: [Double]
        /// Zero without services.
        var services: [Double]
    }

    /// Admissions and returns per pair, stays by the spec's recursion and readiness by
    /// its cumulative definition.
    func pairFlows() -> PairFlows {
        let T = pm.scenario.months
        let G = pm.scenario.groups
        let admitted = pm.pairs.indices.map { p in (0..<T).map { value(pm.admit[p][$0]) } }
        let classReturns = pm.classes.indices.map { k in (0..<T).map { value(pm.ret[k][$0]) } }
        let returned = pm.pairReturns(admitted: admitted, returned: classReturns)
        var waiting = admitted
        var stayEnd = admitted
        for p in pm.pairs.indices {
            var stay = Double(pm.initialCount[p])
            var cumRet = 0.0, cumAdmit = Array(repeating: 0.0, count: T + 1)
            var readyInitial = 0.0
            let L = G[pm.pairs[p].g].processingMonths
            for t in 1...T {
                let a = admitted[p][t - 1], q = returned[p][t - 1]
                cumAdmit[t] = cumAdmit[t - 1] + a
                stay += a - q
                stayEnd[p][t - 1] = stay
                cumRet += q
                readyInitial += Double(pm.initialReady[p][t - 1])
                let ready = readyInitial + (t - L >= 1 ? cumAdmit[t - L] : 0)
                waiting[p][t - 1] = ready - cumRet
            }
        }
        return PairFlows(admitted: admitted, returned: returned, waiting: waiting, stayEnd: stayEnd)
    }

    /// Each group's months, and the unmet level's value (priority-weighted unmet arrivals).
    func groupPlans(_ flows: PairFlows) -> (plans: [PlanResult.GroupPlan], unmetObjective: Double) {
        let T = pm.scenario.months
        var groupPlans: [PlanResult.GroupPlan] = []
        var unmetObjective = 0.0
        for (g, grp) in pm.scenario.groups.enumerated() {
            var months: [PlanResult.GroupMonth] = []
            for t in 1...T {
                var a = 0.0, q = 0.0, w = 0.0
                for p in pm.pairsOfGroup[g] {
                    a += flows.admitted[p][t - 1]
                    q += flows.returned[p][t - 1]
                    w += flows.waiting[p][t - 1]
                }
                let u = Double(grp.arrivals[t - 1]) - a
                unmetObjective += grp.priority * u
                months.append(.init(arrivals: grp.arrivals[t - 1], admitted: a, unmet: u, returned: q, waiting: w))
            }
            groupPlans.append(.init(id: grp.id, country: grp.country, priority: grp.priority, months: months))
        }
        return (groupPlans, unmetObjective)
    }

    /// Each shelter's months (occupancy the mean of the month's start and end), the shelters'
    /// cost per month, and the admissions per shelter and month.
    func shelterPlans(_ flows: PairFlows)
        -> (plans: [PlanResult.ShelterPlan], cost: [Double], admittedAt: [[Double]])
    {
        let sc = pm.scenario
        let T = sc.months
        var shelterPlans: [PlanResult.ShelterPlan] = []
        var costShelter = Array(repeating: 0.0, count: T)
        var admittedAt = Array(repeating: Array(repeating: 0.0, count: T), count: sc.shelters.count)
        for (s, sh) in sc.shelters.enumerated() {
            var months: [PlanResult.ShelterMonth] = []
            var prev = 0.0
            for p in pm.pairsAtShelter[s] { prev += Double(pm.initialCount[p]) }
            for t in 1...T {
                var end = 0.0, a = 0.0, q = 0.0
                for p in pm.pairsAtShelter[s] {
                    end += flows.stayEnd[p][t - 1]
                    a += flows.admitted[p][t - 1]
                    q += flows.returned[p][t - 1]
                }
                admittedAt[s][t - 1] = a
                let occ = (prev + end) / 2
                let cost = sh.bedNightCost * Double(sc.days(t)) * occ
                costShelter[t - 1] += cost
                months.append(
                    .init(
                        beds: sh.beds[t - 1], occupancy: occ, inShelter: end, admitted: a,
                        returned: q, cost: cost))
                prev = end
            }
            shelterPlans.append(.init(id: sh.id, months: months))
        }
        return (shelterPlans, costShelter, admittedAt)
    }

    /// Each screening provider's months (a shelter with one provider sends it every admission),
    /// and the screening cost per month.
    func providerPlans(admittedAt: [[Double]]) -> (plans: [PlanResult.ProviderPlan], cost: [Double]) {
        let T = pm.scenario.months
        var costMedical = Array(repeating: 0.0, count: T)
        var providerPlans: [PlanResult.ProviderPlan] = []
        for (m, pr) in pm.scenario.medical.enumerated() {
            var months: [PlanResult.CapacityMonth] = []
            for t in 1...T {
                var used = 0.0
                for sid in pr.serves {
                    guard let s = pm.shelterIndex[sid] else { continue }
                    if pm.providersOf[s].count == 1 {
                        used += admittedAt[s][t - 1]
                    } else if let cols = pm.screen[.init(shelter: s, provider: m)] {
                        used += flowValue(cols[t - 1])
                    }
                }
                let cost = pr.costPerScreening * used
                costMedical[t - 1] += cost
                months.append(.init(capacity: Double(pr.slots[t - 1]), used: used, cost: cost))
            }
            providerPlans.append(.init(id: pr.id, months: months))
        }
        return (providerPlans, costMedical)
    }

    /// Returns per country and month (0-based), summed over the pairs in pair order.
    func returnsByCountry(_ returned: [[Double]]) -> [String: [Double]] {
        let T = pm.scenario.months
        var returnsTo: [String: [Double]] = [:]
        for (p, pr) in pm.pairs.enumerated() {
            let c = pm.scenario.groups[pr.g].country
            if returnsTo[c] == nil { returnsTo[c] = Array(repeating: 0, count: T) }
            for t in 0..<T { returnsTo[c]![t] += returned[p][t] }
        }
        return returnsTo
    }

    /// Each route's months (a country's only route carries all its returns), and the
    /// transport cost per month.
    func routePlans(returnsTo: [String: [Double]]) -> (plans: [PlanResult.RoutePlan], cost: [Double]) {
        let T = pm.scenario.months
        var costTransport = Array(repeating: 0.0, count: T)
        var routePlans: [PlanResult.RoutePlan] = []
        for (k, rt) in pm.scenario.routes.enumerated() {
            let single = (pm.routesOf[rt.country] ?? []).count == 1
            var months: [PlanResult.RouteMonth] = []
            for t in 1...T {
                let carried = single ? (returnsTo[rt.country]?[t - 1] ?? 0) : flowValue(pm.flow[k][t - 1])
                // free departures: as many as the returns need
                let d =
                    pm.dep[k][t - 1] >= 0
                    ? value(pm.dep[k][t - 1])
                    : (carried / Double(rt.seatsPerDeparture) - 1e-9).rounded(.up)
                let cost = rt.costPerSeat * carried + rt.costPerDeparture * d
                costTransport[t - 1] += cost
                months.append(
                    .init(
                        departuresAvailable: rt.departures[t - 1], departures: d,
                        seats: d * Double(rt.seatsPerDeparture), returned: carried, cost: cost))
            }
            routePlans.append(.init(id: rt.id, country: rt.country, months: months))
        }
        return (routePlans, costTransport)
    }

    /// Each reintegration partner's months (a country's only partner receives all its
    /// returns), and the reintegration cost per month.
    func partnerPlans(returnsTo: [String: [Double]]) -> (plans: [PlanResult.PartnerPlan], cost: [Double]) {
        let T = pm.scenario.months
        var costReint = Array(repeating: 0.0, count: T)
        var partnerPlans: [PlanResult.PartnerPlan] = []
        for (pi, q) in pm.scenario.partners.enumerated() {
            let single = (pm.partnersOf[q.country] ?? []).count == 1
            var months: [PlanResult.CapacityMonth] = []
            for t in 1...T {
                let got = single ? (returnsTo[q.country]?[t - 1] ?? 0) : flowValue(pm.reint[pi][t - 1])
                let cost = q.costPerCase * got
                costReint[t - 1] += cost
                months.append(.init(capacity: Double(q.slots[t - 1]), used: got, cost: cost))
            }
            partnerPlans.append(.init(id: q.id, country: q.country, months: months))
        }
        return (partnerPlans, costReint)
    }

    /// The plan's months: the groups' and shelters' sums with the month's costs, and the
    /// waiting level's value (person-months waiting, over all months).
    func monthTotals(
        groups groupPlans: [PlanResult.GroupPlan], shelters shelterPlans: [PlanResult.ShelterPlan],
        costs: MonthlyCosts
    ) -> (months: [PlanResult.Month], waitingObjective: Double) {
        let sc = pm.scenario
        var months: [PlanResult.Month] = []
        var waitingObjective = 0.0
        for t in 1...sc.months {
            var arr = 0, adm = 0.0, ret = 0.0, w = 0.0
            for gp in groupPlans {
                arr += gp.months[t - 1].arrivals
                adm += gp.months[t - 1].admitted
                ret += gp.months[t - 1].returned
                w += gp.months[t - 1].waiting
            }
            waitingObjective += w
            let inShelter = shelterPlans.reduce(0.0) { $0 + $1.months[t - 1].inShelter }
            let occupancy = shelterPlans.reduce(0.0) { $0 + $1.months[t - 1].occupancy }
            let beds = sc.shelters.reduce(0) { $0 + $1.beds[t - 1] }
            months.append(
                .init(
                    month: sc.label(t), arrivals: arr, admitted: adm, unmet: Double(arr) - adm,
                    returned: ret, inShelter: inShelter, waiting: w, occupancy: occupancy, beds: beds,
                    costShelter: costs.shelter[t - 1], costMedical: costs.medical[t - 1],
                    costTransport: costs.transport[t - 1], costReintegration: costs.reintegration[t - 1],
                    budget: sc.budget.monthly?[t - 1], costServices: costs.services[t - 1]))
        }
        return (months, waitingObjective)
    }

    /// Each service's months: its load, the average of the covered cases at the start and
    /// end of the month (the spec's case-months), and its cost; the services' cost per month.
    func servicePlans(_ flows: PairFlows) -> (plans: [PlanResult.ServicePlan], cost: [Double]) {
        let sc = pm.scenario
        let T = sc.months
        var costServices = Array(repeating: 0.0, count: T)
        var plans: [PlanResult.ServicePlan] = []
        for service in sc.services {
            let covered = pm.pairs.indices.filter { p in
                service.covers(group: sc.groups[pm.pairs[p].g].id, shelter: sc.shelters[pm.pairs[p].s].id)
            }
            var prev = covered.reduce(0.0) { $0 + Double(pm.initialCount[$1]) }
            var months: [PlanResult.CapacityMonth] = []
            for t in 1...T {
                let end = covered.reduce(0.0) { $0 + flows.stayEnd[$1][t - 1] }
                let load = (prev + end) / 2
                let cost = service.costPerCaseMonth * load
                costServices[t - 1] += cost
                months.append(.init(capacity: Double(service.capacity[t - 1]), used: load, cost: cost))
                prev = end
            }
            plans.append(.init(id: service.id, months: months))
        }
        return (plans, costServices)
    }
}
