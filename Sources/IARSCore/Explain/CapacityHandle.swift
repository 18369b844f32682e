/// One unit of a capacity in a plan's model, for ``PlanExplainer``: the rows and columns
/// whose upper bounds grow with it (and by how much), the capacity itself, and its use in
/// the plan.
struct CapacityHandle {
    var kind: PlanExplanation.Kind
    var id: String?
    /// The month (1-based); nil for the total budget.
    var t: Int?
    /// Row index and how much its upper bound grows per unit.
    var rows: [(Int, Double)] = []
    /// Column index and how much its upper bound grows per unit.
    var columns: [(Int, Double)] = []
    var capacity: Double
    var used: Double?

    /// Every capacity the model has a row or column for, in the order beds, screening,
    /// departures, partners, services, monthly budget, total budget (each by scenario order, then month).
    static func all(in sc: Scenario, plan result: PlanResult, model pm: PlanModel) -> [CapacityHandle] {
        var rowIndex: [String: Int] = [:]
        for (i, r) in pm.model.rows.enumerated() { rowIndex[r.name] = i }
        var handles: [CapacityHandle] = []
        handles += beds(sc, result, rowIndex)
        handles += screening(sc, result, pm, rowIndex)
        handles += departures(sc, result, pm, rowIndex)
        handles += partners(sc, result, pm, rowIndex)
        handles += services(sc, result, rowIndex)
        handles += budgets(sc, result, rowIndex)
        return handles
    }

    /// A shelter's beds in a month: its bed row.
    static func beds(_ sc: Scenario, _ result: PlanResult, _ rowIndex: [String: Int]) -> [CapacityHandle] {
        var handles: [CapacityHandle] = []
        for sh in sc.shelters {
            for t in 1...sc.months {
                guard let i = rowIndex["beds[\(sh.id),\(t)]"] else { continue }
                let used = result.shelters.first { $0.id == sh.id }?.months[t - 1].occupancy
                handles.append(
                    CapacityHandle(
                        kind: .beds, id: sh.id, t: t, rows: [(i, 1)],
                        capacity: Double(sh.beds[t - 1]), used: used))
            }
        }
        return handles
    }

    /// A provider's screening slots in a month: its slot row and its screening columns.
    static func screening(
        _ sc: Scenario, _ result: PlanResult, _ pm: PlanModel,
        _ rowIndex: [String: Int]
    ) -> [CapacityHandle] {
        var handles: [CapacityHandle] = []
        for (m, pr) in sc.medical.enumerated() {
            for t in 1...sc.months {
                guard let i = rowIndex["slots[\(pr.id),\(t)]"] else { continue }
                var h = CapacityHandle(
                    kind: .screening, id: pr.id, t: t, rows: [(i, 1)], capacity: Double(pr.slots[t - 1]),
                    used: result.medical.first { $0.id == pr.id }?.months[t - 1].used)
                for (key, cols) in pm.screen where key.provider == m && cols[t - 1] >= 0 {
                    h.columns.append((cols[t - 1], 1))
                }
                h.columns.sort { $0.0 < $1.0 }
                handles.append(h)
            }
        }
        return handles
    }

    /// A route's departures in a month: its departure and flow columns (a seat per seat of a
    /// departure), or the country's seat row when the route is the only one and its
    /// departures are free.
    static func departures(
        _ sc: Scenario, _ result: PlanResult, _ pm: PlanModel,
        _ rowIndex: [String: Int]
    ) -> [CapacityHandle] {
        var handles: [CapacityHandle] = []
        for (k, r) in sc.routes.enumerated() {
            let single = (pm.routesOf[r.country] ?? []).count == 1
            for t in 1...sc.months {
                var h = CapacityHandle(
                    kind: .departures, id: r.id, t: t, capacity: Double(r.departures[t - 1]),
                    used: result.routes.first { $0.id == r.id }?.months[t - 1].departures)
                let seats = Double(r.seatsPerDeparture)
                if pm.dep[k][t - 1] >= 0 { h.columns.append((pm.dep[k][t - 1], 1)) }
                if pm.flow[k][t - 1] >= 0 { h.columns.append((pm.flow[k][t - 1], seats)) }
                if single && pm.dep[k][t - 1] < 0, let i = rowIndex["seats[\(r.id),\(t)]"] { h.rows.append((i, seats)) }
                if h.rows.isEmpty && h.columns.isEmpty { continue }
                handles.append(h)
            }
        }
        return handles
    }

    /// A partner's places in a month: the country's received row when it is the country's
    /// only partner, else its reintegration column.
    static func partners(
        _ sc: Scenario, _ result: PlanResult, _ pm: PlanModel,
        _ rowIndex: [String: Int]
    ) -> [CapacityHandle] {
        var handles: [CapacityHandle] = []
        for (p, q) in sc.partners.enumerated() {
            let single = (pm.partnersOf[q.country] ?? []).count == 1
            for t in 1...sc.months {
                var h = CapacityHandle(
                    kind: .partner, id: q.id, t: t, capacity: Double(q.slots[t - 1]),
                    used: result.partners.first { $0.id == q.id }?.months[t - 1].used)
                if single, let i = rowIndex["received[\(q.country),\(t)]"] { h.rows.append((i, 1)) }
                if !single && pm.reint[p][t - 1] >= 0 { h.columns.append((pm.reint[p][t - 1], 1)) }
                if h.rows.isEmpty && h.columns.isEmpty { continue }
                handles.append(h)
            }
        }
        return handles
    }

    /// A social service's case-months in a month: its service row.
    static func services(_ sc: Scenario, _ result: PlanResult, _ rowIndex: [String: Int]) -> [CapacityHandle] {
        var handles: [CapacityHandle] = []
        for v in sc.services {
            for t in 1...sc.months {
                guard let i = rowIndex["service[\(v.id),\(t)]"] else { continue }
                handles.append(
                    CapacityHandle(
                        kind: .service, id: v.id, t: t, rows: [(i, 1)], capacity: Double(v.capacity[t - 1]),
                        used: result.services.first { $0.id == v.id }?.months[t - 1].used))
            }
        }
        return handles
    }

    /// The monthly budgets and the total budget: their rows, 1,000 of money a unit.
    static func budgets(_ sc: Scenario, _ result: PlanResult, _ rowIndex: [String: Int]) -> [CapacityHandle] {
        var handles: [CapacityHandle] = []
        if let monthly = sc.budget.monthly {
            for t in 1...sc.months {
                guard let i = rowIndex["budget.monthly[\(t)]"] else { continue }
                handles.append(
                    CapacityHandle(
                        kind: .monthlyBudget, id: nil, t: t,
                        rows: [(i, PlanExplanation.Kind.monthlyBudget.unit)], capacity: monthly[t - 1],
                        used: result.months.count >= t ? result.months[t - 1].cost : nil))
            }
        }
        if let total = sc.budget.total, let i = rowIndex["budget.total"] {
            handles.append(
                CapacityHandle(
                    kind: .totalBudget, id: nil, t: nil,
                    rows: [(i, PlanExplanation.Kind.totalBudget.unit)], capacity: total,
                    used: result.hasPlan ? result.months.reduce(0) { $0 + $1.cost } : nil))
        }
        return handles
    }
}
