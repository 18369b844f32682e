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

    func fill(_ r: inout PlanResult) {
        let sc = pm.scenario
        let T = sc.months
        let G = sc.groups, S = sc.shelters, K = sc.routes, M = sc.medical, P = sc.partners

        // Per pair: admissions, returns (split first ready first home), stays, readiness.
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

        // Groups.
        var groupPlans: [PlanResult.GroupPlan] = []
        var unmetObjective = 0.0
        for (g, grp) in G.enumerated() {
            var months: [PlanResult.GroupMonth] = []
            for t in 1...T {
                var a = 0.0, q = 0.0, w = 0.0
                for p in pm.pairsOfGroup[g] {
                    a += admitted[p][t - 1]
                    q += returned[p][t - 1]
                    w += waiting[p][t - 1]
                }
                let u = Double(grp.arrivals[t - 1]) - a
                unmetObjective += grp.priority * u
                months.append(.init(arrivals: grp.arrivals[t - 1], admitted: a, unmet: u, returned: q, waiting: w))
            }
            groupPlans.append(.init(id: grp.id, country: grp.country, priority: grp.priority, months: months))
        }

        // Shelters.
        var shelterPlans: [PlanResult.ShelterPlan] = []
        var costShelter = Array(repeating: 0.0, count: T)
        var admittedAt = Array(repeating: Array(repeating: 0.0, count: T), count: S.count)
        for (s, sh) in S.enumerated() {
            var months: [PlanResult.ShelterMonth] = []
            var prev = 0.0
            for p in pm.pairsAtShelter[s] { prev += Double(pm.initialCount[p]) }
            for t in 1...T {
                var end = 0.0, a = 0.0, q = 0.0
                for p in pm.pairsAtShelter[s] {
                    end += stayEnd[p][t - 1]
                    a += admitted[p][t - 1]
                    q += returned[p][t - 1]
                }
                admittedAt[s][t - 1] = a
                let occ = (prev + end) / 2
                let cost = sh.bedNightCost * Double(sc.days(t)) * occ
                costShelter[t - 1] += cost
                months.append(.init(beds: sh.beds[t - 1], occupancy: occ, inShelter: end, admitted: a,
                                    returned: q, cost: cost))
                prev = end
            }
            shelterPlans.append(.init(id: sh.id, months: months))
        }

        // Screening.
        var costMedical = Array(repeating: 0.0, count: T)
        var providerPlans: [PlanResult.ProviderPlan] = []
        for (m, pr) in M.enumerated() {
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

        // Returns per country and month.
        var returnsTo: [String: [Double]] = [:]
        for (p, pr) in pm.pairs.enumerated() {
            let c = G[pr.g].country
            if returnsTo[c] == nil { returnsTo[c] = Array(repeating: 0, count: T) }
            for t in 0..<T { returnsTo[c]![t] += returned[p][t] }
        }

        // Routes.
        var costTransport = Array(repeating: 0.0, count: T)
        var routePlans: [PlanResult.RoutePlan] = []
        for (k, rt) in K.enumerated() {
            let single = (pm.routesOf[rt.country] ?? []).count == 1
            var months: [PlanResult.RouteMonth] = []
            for t in 1...T {
                let carried = single ? (returnsTo[rt.country]?[t - 1] ?? 0) : flowValue(pm.flow[k][t - 1])
                // free departures: as many as the returns need
                let d = pm.dep[k][t - 1] >= 0 ? value(pm.dep[k][t - 1])
                    : (carried / Double(rt.seatsPerDeparture) - 1e-9).rounded(.up)
                let cost = rt.costPerSeat * carried + rt.costPerDeparture * d
                costTransport[t - 1] += cost
                months.append(.init(departuresAvailable: rt.departures[t - 1], departures: d,
                                    seats: d * Double(rt.seatsPerDeparture), returned: carried, cost: cost))
            }
            routePlans.append(.init(id: rt.id, country: rt.country, months: months))
        }

        // Partners.
        var costReint = Array(repeating: 0.0, count: T)
        var partnerPlans: [PlanResult.PartnerPlan] = []
        for (pi, q) in P.enumerated() {
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

        // Months.
        var months: [PlanResult.Month] = []
        var waitingObjective = 0.0
        for t in 1...T {
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
            let beds = S.reduce(0) { $0 + $1.beds[t - 1] }
            months.append(.init(month: sc.label(t), arrivals: arr, admitted: adm, unmet: Double(arr) - adm,
                                returned: ret, inShelter: inShelter, waiting: w, occupancy: occupancy, beds: beds,
                                costShelter: costShelter[t - 1], costMedical: costMedical[t - 1],
                                costTransport: costTransport[t - 1], costReintegration: costReint[t - 1],
                                budget: sc.budget.monthly?[t - 1]))
        }
        let totalCost = months.reduce(0.0) { $0 + $1.cost }
        r.objective = .init(unmet: unmetObjective, waiting: waitingObjective, cost: totalCost)
        r.months = months
        r.shelters = shelterPlans
        r.medical = providerPlans
        r.routes = routePlans
        r.partners = partnerPlans
        r.groups = groupPlans
    }
}
