import IARSInput
import LinearProgramming

/// Builds ``PlanModel``: the scenario's indexes first, then one method per family of
/// columns and of rows, then the objectives. The order of columns and rows is part of
/// the model (GLPK's pivoting, and so the plan among equal optima, depends on it): keep it.
struct PlanModelBuilder {
    let sc: Scenario
    let elastic: Bool
    let T: Int
    let integer: Bool

    // MARK: Indexes

    var shelterIndex: [String: Int] = [:]
    var groupIndex: [String: Int] = [:]
    var pairs: [(g: Int, s: Int)] = []
    /// g * |S| + s -> pair
    var pairIndex: [Int: Int] = [:]
    var pairsOfGroup: [[Int]] = []
    var pairsAtShelter: [[Int]] = []
    var classes: [PlanModel.ReturnClass] = []
    var classOfPair: [Int] = []
    /// Each class's name in its columns and rows: `shelter,country`, and the ids of the
    /// services that cover it when there are some (names are unique: the time windows
    /// match columns by name).
    var classNames: [String] = []
    var routesOf: [String: [Int]] = [:]
    var partnersOf: [String: [Int]] = [:]
    var providersOf: [[Int]] = []
    var initialCount: [Int] = []
    var initialReady: [[Int]] = []

    // MARK: The model

    var m = LinearModel(name: "iars-plan")
    var admit: [[Int]] = []
    var ret: [[Int]] = []
    var wait: [[Int]] = []
    var occ: [[Int]] = []
    var dep: [[Int]] = []
    var flow: [[Int]] = []
    var screen: [PlanModel.ScreenKey: [Int]] = [:]
    var reint: [[Int]] = []
    var bedSlack: [[Int]] = []
    /// serviceSlack[v][t-1]: the elastic model's stretching of service v (empty otherwise).
    var serviceSlack: [[Int]] = []
    /// People of some return classes of a shelter, where a service covers only some of its
    /// groups (``PlanModel/Cover``).
    var covers: [PlanModel.Cover] = []
    /// What each service's load sums: per served shelter, occ[s] (cover -1) or a cover.
    var serviceSources: [[(s: Int, cover: Int)]] = []
    var monthlySlack: [Int] = []
    var totalSlack = -1
    var priorityTotals: [Int] = []
    var levels: [PlanModel.Level] = []
    /// Cost of each month as terms plus a constant (initial occupancy in month 1).
    var costTerms: [[(Int, Double)]] = []
    var costConstant: [Double] = []
    /// People in each shelter at the start.
    var initialAt: [Int] = []

    init(scenario: Scenario, elastic: Bool) {
        sc = scenario
        self.elastic = elastic
        T = scenario.months
        integer = scenario.options.integer
        costTerms = Array(repeating: [], count: T)
        costConstant = Array(repeating: 0, count: T)
    }

    mutating func build() {
        indexGroupsAndShelters()
        indexReturnClasses()
        indexRoutesPartnersAndProviders()
        indexInitialCases()

        addAdmissionColumns()
        addReturnAndWaitingColumns()
        addOccupancyColumns()
        addDepartureAndFlowColumns()
        addScreeningColumns()
        addReintegrationColumns()
        if !sc.services.isEmpty { addCoverColumns() }
        if elastic { addSlackColumns() }

        addArrivalRows()
        addBalanceRows()
        addReadinessRows()
        addBedRows()
        if !sc.services.isEmpty {
            addCoverRows()
            addServiceRows()
        }
        addScreeningRows()
        addSlotRows()
        for c in sc.countries where canReturn(c) { addReturnRows(country: c) }
        addBudgetRows()
        if integer && !elastic { addPriorityTotals() }

        levels = elastic ? [slackLevel()] : objectives()
    }

    /// Which countries can receive returns at all: a route and a partner.
    func canReturn(_ country: String) -> Bool {
        !(routesOf[country] ?? []).isEmpty && !(partnersOf[country] ?? []).isEmpty
    }

    // MARK: - Indexes

    mutating func indexGroupsAndShelters() {
        let G = sc.groups, S = sc.shelters
        for (i, s) in S.enumerated() { shelterIndex[s.id] = i }
        for (i, g) in G.enumerated() { groupIndex[g.id] = i }
        for g in G.indices {
            for s in S.indices where S[s].accepts.contains(G[g].id) {
                pairIndex[g * S.count + s] = pairs.count
                pairs.append((g, s))
            }
        }
        pairsOfGroup = Array(repeating: [Int](), count: G.count)
        pairsAtShelter = Array(repeating: [Int](), count: S.count)
        for (p, pr) in pairs.enumerated() {
            pairsOfGroup[pr.g].append(p)
            pairsAtShelter[pr.s].append(p)
        }
    }

    /// A class per shelter and country of return, split further where the services that
    /// cover its groups differ (so that a service's load is a sum of whole classes).
    mutating func indexReturnClasses() {
        classOfPair = Array(repeating: -1, count: pairs.count)
        for s in sc.shelters.indices {
            var byCountry: [String: Int] = [:]
            for p in pairsAtShelter[s] {
                let c = sc.groups[pairs[p].g].country
                let key = sc.services.isEmpty ? c : c + "|" + serviceSignature(p)
                if let k = byCountry[key] {
                    classes[k].pairs.append(p)
                } else {
                    byCountry[key] = classes.count
                    classes.append(PlanModel.ReturnClass(shelter: s, country: c, pairs: [p]))
                    classNames.append(className(shelter: s, country: c, pair: p))
                }
                classOfPair[p] = byCountry[key]!
            }
        }
    }

    mutating func indexRoutesPartnersAndProviders() {
        for (k, r) in sc.routes.enumerated() { routesOf[r.country, default: []].append(k) }
        for (p, q) in sc.partners.enumerated() { partnersOf[q.country, default: []].append(p) }
        providersOf = Array(repeating: [Int](), count: sc.shelters.count)
        for (m, pr) in sc.medical.enumerated() {
            for sid in pr.serves { if let s = shelterIndex[sid] { providersOf[s].append(m) } }
        }
        for s in providersOf.indices { providersOf[s].sort() }
    }

    mutating func indexInitialCases() {
        let S = sc.shelters
        initialCount = Array(repeating: 0, count: pairs.count)
        initialReady = Array(repeating: Array(repeating: 0, count: T), count: pairs.count)
        for (g, grp) in sc.groups.enumerated() {
            for e in grp.initial {
                guard let s = shelterIndex[e.shelter], let p = pairIndex[g * S.count + s] else { continue }
                initialCount[p] += e.count
                if e.readyMonth <= T { initialReady[p][e.readyMonth - 1] += e.count }
            }
        }
        initialAt = Array(repeating: 0, count: S.count)
        for (p, pr) in pairs.enumerated() { initialAt[pr.s] += initialCount[p] }
    }

    // MARK: - Columns

    /// admit[g,s,t], where the shelter is screened, the group arrives and there are beds.
    mutating func addAdmissionColumns() {
        let S = sc.shelters
        admit = Array(repeating: Array(repeating: -1, count: T), count: pairs.count)
        for (p, pr) in pairs.enumerated() {
            let grp = sc.groups[pr.g]
            let screened = !providersOf[pr.s].isEmpty
            for t in 1...T {
                let a = grp.arrivals[t - 1]
                if screened && a > 0 && S[pr.s].beds.max()! > 0 {
                    admit[p][t - 1] = m.addColumn(
                        name: "admit[\(grp.id),\(S[pr.s].id),\(t)]",
                        lower: 0, upper: Double(a), integer: integer)
                }
            }
        }
    }

    /// ret[class,t] where the class's country can receive returns; wait[class,t] always.
    mutating func addReturnAndWaitingColumns() {
        ret = Array(repeating: Array(repeating: -1, count: T), count: classes.count)
        wait = ret
        for (k, cl) in classes.enumerated() {
            let returns = canReturn(cl.country)
            let name = classNames[k]
            for t in 1...T {
                if returns {
                    ret[k][t - 1] = m.addColumn(
                        name: "ret[\(name),\(t)]", lower: 0, upper: .infinity,
                        integer: integer)
                }
                // implied integer (admissions and returns are); marked so that GLPK sees an
                // integral waiting objective and rounds its bound
                wait[k][t - 1] = m.addColumn(
                    name: "wait[\(name),\(t)]", lower: 0, upper: .infinity,
                    integer: integer, impliedInteger: true)
            }
        }
    }

    mutating func addOccupancyColumns() {
        let S = sc.shelters
        occ = Array(repeating: Array(repeating: -1, count: T), count: S.count)
        for s in S.indices {
            for t in 1...T {
                // implied integer (a sum of integers), marked: GLPK then rounds and cuts with it,
                // which proves plans it could not before (docs/formulation.md)
                occ[s][t - 1] = m.addColumn(
                    name: "occ[\(S[s].id),\(t)]", lower: 0, upper: .infinity,
                    integer: integer, impliedInteger: true)
            }
        }
    }

    /// dep[k,t] for departures with a cost; flow[k,t] where a country has several routes.
    mutating func addDepartureAndFlowColumns() {
        dep = Array(repeating: Array(repeating: -1, count: T), count: sc.routes.count)
        flow = dep
        for (k, r) in sc.routes.enumerated() where canReturn(r.country) {
            let single = routesOf[r.country]!.count == 1
            for t in 1...T where r.departures[t - 1] > 0 {
                // A departure that costs nothing may as well run: then only the seats count,
                // and there is nothing to decide (no integer column).
                if r.costPerDeparture > 0 {
                    dep[k][t - 1] = m.addColumn(
                        name: "dep[\(r.id),\(t)]", lower: 0,
                        upper: Double(r.departures[t - 1]), integer: integer,
                        setup: true)
                }
                if !single {
                    flow[k][t - 1] = m.addColumn(
                        name: "flow[\(r.id),\(t)]", lower: 0,
                        upper: Double(r.departures[t - 1] * r.seatsPerDeparture))
                }
            }
        }
    }

    /// screen[s,m,t] where a shelter has several providers.
    mutating func addScreeningColumns() {
        let S = sc.shelters, M = sc.medical
        for s in S.indices where providersOf[s].count > 1 {
            for pm in providersOf[s] {
                var cols = Array(repeating: -1, count: T)
                for t in 1...T where M[pm].slots[t - 1] > 0 {
                    cols[t - 1] = m.addColumn(
                        name: "screen[\(S[s].id),\(M[pm].id),\(t)]", lower: 0,
                        upper: Double(M[pm].slots[t - 1]))
                }
                screen[PlanModel.ScreenKey(shelter: s, provider: pm)] = cols
            }
        }
    }

    /// reint[p,t] where a country has several partners.
    mutating func addReintegrationColumns() {
        reint = Array(repeating: Array(repeating: -1, count: T), count: sc.partners.count)
        for (pi, q) in sc.partners.enumerated() where canReturn(q.country) && partnersOf[q.country]!.count > 1 {
            for t in 1...T where q.slots[t - 1] > 0 {
                reint[pi][t - 1] = m.addColumn(
                    name: "reint[\(q.id),\(t)]", lower: 0,
                    upper: Double(q.slots[t - 1]))
            }
        }
    }

    /// The elastic model's stretching of beds and budgets.
    mutating func addSlackColumns() {
        let S = sc.shelters
        bedSlack = S.indices.map { s in (1...T).map { t in m.addColumn(name: "slack.beds[\(S[s].id),\(t)]") } }
        if sc.budget.monthly != nil {
            monthlySlack = (1...T).map { t in m.addColumn(name: "slack.monthly[\(t)]") }
        }
        if sc.budget.total != nil { totalSlack = m.addColumn(name: "slack.total") }
        serviceSlack = sc.services.map { v in (1...T).map { t in m.addColumn(name: "slack.service[\(v.id),\(t)]") } }
    }

    // MARK: - Rows

    /// Arrivals: sum_s admit[g,s,t] <= arrivals[g,t] (unmet is the rest).
    mutating func addArrivalRows() {
        for (g, grp) in sc.groups.enumerated() {
            for t in 1...T {
                let terms = pairsOfGroup[g].compactMap { p in admit[p][t - 1] >= 0 ? (admit[p][t - 1], 1.0) : nil }
                if terms.count > 1 {
                    m.addRow(name: "arrivals[\(grp.id),\(t)]", upper: Double(grp.arrivals[t - 1]), terms: terms)
                }
                // a single admit column already has the bound arrivals[g,t]
            }
        }
    }

    /// Shelter balance: occ[s,t] = occ[s,t-1] + sum_g admit - sum_g ret; occ[s,0] = initial at s.
    mutating func addBalanceRows() {
        let S = sc.shelters
        var classesAtShelter = Array(repeating: [Int](), count: S.count)
        for (k, cl) in classes.enumerated() { classesAtShelter[cl.shelter].append(k) }
        for s in S.indices {
            for t in 1...T {
                var terms: [(Int, Double)] = [(occ[s][t - 1], 1.0)]
                if t > 1 { terms.append((occ[s][t - 2], -1.0)) }
                for p in pairsAtShelter[s] where admit[p][t - 1] >= 0 { terms.append((admit[p][t - 1], -1.0)) }
                for k in classesAtShelter[s] where ret[k][t - 1] >= 0 { terms.append((ret[k][t - 1], 1.0)) }
                let rhs = t == 1 ? Double(initialAt[s]) : 0
                m.addRow(name: "balance[\(S[s].id),\(t)]", lower: rhs, upper: rhs, terms: terms)
            }
        }
    }

    /// Readiness per class: wait[t] = wait[t-1] + newly ready (initial, and admissions of
    /// month t-L of each group) - ret[t], wait >= 0.
    mutating func addReadinessRows() {
        for (k, cl) in classes.enumerated() {
            for t in 1...T {
                var terms: [(Int, Double)] = [(wait[k][t - 1], 1.0)]
                if t > 1 { terms.append((wait[k][t - 2], -1.0)) }
                var rhs = 0.0
                for p in cl.pairs {
                    let L = sc.groups[pairs[p].g].processingMonths
                    if t - L >= 1, admit[p][t - L - 1] >= 0 { terms.append((admit[p][t - L - 1], -1.0)) }
                    rhs += Double(initialReady[p][t - 1])
                }
                if ret[k][t - 1] >= 0 { terms.append((ret[k][t - 1], 1.0)) }
                m.addRow(
                    name: "ready[\(classNames[k]),\(t)]", lower: rhs, upper: rhs,
                    terms: terms)
            }
        }
    }

    /// Beds (average occupancy): (occ[t-1] + occ[t]) / 2 <= beds[s,t]; cost bnc * days * the same.
    mutating func addBedRows() {
        for (s, sh) in sc.shelters.enumerated() {
            for t in 1...T {
                var terms: [(Int, Double)] = [(occ[s][t - 1], 0.5)]
                var constant = 0.0
                if t > 1 { terms.append((occ[s][t - 2], 0.5)) } else { constant = 0.5 * Double(initialAt[s]) }
                if elastic { terms.append((bedSlack[s][t - 1], -1.0)) }
                m.addRow(name: "beds[\(sh.id),\(t)]", upper: Double(sh.beds[t - 1]) - constant, terms: terms)
                let f = sh.bedNightCost * Double(sc.days(t))
                if f != 0 {
                    for (j, a) in terms where !elastic || j != bedSlack[s][t - 1] {
                        costTerms[t - 1].append((j, a * f))
                    }
                    costConstant[t - 1] += constant * f
                }
            }
        }
    }

    /// Screening: every admitted case is screened by a provider that serves its shelter.
    mutating func addScreeningRows() {
        let M = sc.medical
        for (s, sh) in sc.shelters.enumerated() where !providersOf[s].isEmpty {
            for t in 1...T {
                let admits = pairsAtShelter[s].compactMap { p in admit[p][t - 1] >= 0 ? admit[p][t - 1] : nil }
                if admits.isEmpty { continue }
                if providersOf[s].count == 1 {
                    // screen[s,m,t] = admissions at s: its cost goes on the admissions
                    let pm = providersOf[s][0]
                    let c = M[pm].costPerScreening
                    if c != 0 { for j in admits { costTerms[t - 1].append((j, c)) } }
                } else {
                    var terms: [(Int, Double)] = admits.map { ($0, -1.0) }
                    for pm in providersOf[s] {
                        let j = screen[PlanModel.ScreenKey(shelter: s, provider: pm)]![t - 1]
                        if j >= 0 {
                            terms.append((j, 1.0))
                            if M[pm].costPerScreening != 0 { costTerms[t - 1].append((j, M[pm].costPerScreening)) }
                        }
                    }
                    m.addRow(name: "screened[\(sh.id),\(t)]", lower: 0, upper: 0, terms: terms)
                }
            }
        }
    }

    /// A provider's screening slots per month.
    mutating func addSlotRows() {
        for (pm, pr) in sc.medical.enumerated() {
            let served = pr.serves.compactMap { shelterIndex[$0] }.sorted()
            for t in 1...T {
                var terms: [(Int, Double)] = []
                for s in served {
                    if providersOf[s].count == 1 {
                        for p in pairsAtShelter[s] where admit[p][t - 1] >= 0 { terms.append((admit[p][t - 1], 1.0)) }
                    } else if let j = screen[PlanModel.ScreenKey(shelter: s, provider: pm)]?[t - 1], j >= 0 {
                        terms.append((j, 1.0))
                    }
                }
                if !terms.isEmpty {
                    m.addRow(name: "slots[\(pr.id),\(t)]", upper: Double(pr.slots[t - 1]), terms: terms)
                }
            }
        }
    }

    /// Transport and reintegration of one country's returns, per month.
    mutating func addReturnRows(country c: String) {
        let cclasses = classes.indices.filter { classes[$0].country == c }
        for t in 1...T {
            let returns: [Int] = cclasses.compactMap { k in ret[k][t - 1] >= 0 ? ret[k][t - 1] : nil }
            if returns.isEmpty { continue }
            addTransportRows(country: c, month: t, returns: returns)
            addReintegrationRows(country: c, month: t, returns: returns)
        }
    }

    /// Seats: the country's returns fit the departures of its route, or split over its routes.
    mutating func addTransportRows(country c: String, month t: Int, returns: [Int]) {
        let K = sc.routes, ks = routesOf[c]!
        let R: [(Int, Double)] = returns.map { ($0, 1.0) }
        if ks.count == 1 {
            let k = ks[0], r = K[k]
            if dep[k][t - 1] >= 0 {
                m.addRow(
                    name: "seats[\(r.id),\(t)]", upper: 0,
                    terms: R + [(dep[k][t - 1], -Double(r.seatsPerDeparture))])
            } else {
                m.addRow(
                    name: "seats[\(r.id),\(t)]",
                    upper: Double(r.departures[t - 1] * r.seatsPerDeparture), terms: R)
            }
            if r.costPerSeat != 0 { for j in returns { costTerms[t - 1].append((j, r.costPerSeat)) } }
        } else {
            var split = R.map { ($0.0, -1.0) }
            for k in ks where flow[k][t - 1] >= 0 {
                let r = K[k]
                split.append((flow[k][t - 1], 1.0))
                if dep[k][t - 1] >= 0 {
                    m.addRow(
                        name: "seats[\(r.id),\(t)]", upper: 0,
                        terms: [(flow[k][t - 1], 1.0), (dep[k][t - 1], -Double(r.seatsPerDeparture))])
                }  // else the column's upper bound is the seats of every departure
                if r.costPerSeat != 0 { costTerms[t - 1].append((flow[k][t - 1], r.costPerSeat)) }
            }
            m.addRow(name: "routes[\(c),\(t)]", lower: 0, upper: 0, terms: split)
        }
        for k in ks where dep[k][t - 1] >= 0 && K[k].costPerDeparture != 0 {
            costTerms[t - 1].append((dep[k][t - 1], K[k].costPerDeparture))
        }
    }

    /// Partner places: the country's returns fit its partner's, or split over its partners.
    mutating func addReintegrationRows(country c: String, month t: Int, returns: [Int]) {
        let P = sc.partners, ps = partnersOf[c]!
        let R: [(Int, Double)] = returns.map { ($0, 1.0) }
        if ps.count == 1 {
            let q = P[ps[0]]
            m.addRow(name: "received[\(c),\(t)]", upper: Double(q.slots[t - 1]), terms: R)
            if q.costPerCase != 0 { for j in returns { costTerms[t - 1].append((j, q.costPerCase)) } }
        } else {
            var split = R.map { ($0.0, -1.0) }
            for pi in ps where reint[pi][t - 1] >= 0 {
                split.append((reint[pi][t - 1], 1.0))
                if P[pi].costPerCase != 0 { costTerms[t - 1].append((reint[pi][t - 1], P[pi].costPerCase)) }
            }
            m.addRow(name: "received[\(c),\(t)]", lower: 0, upper: 0, terms: split)
        }
    }

    /// The monthly and total budgets, on the costs gathered by the rows before.
    mutating func addBudgetRows() {
        if let monthly = sc.budget.monthly {
            for t in 1...T {
                var terms = costTerms[t - 1]
                if elastic { terms.append((monthlySlack[t - 1], -1.0)) }
                m.addRow(name: "budget.monthly[\(t)]", upper: monthly[t - 1] - costConstant[t - 1], terms: terms)
            }
        }
        if let total = sc.budget.total {
            var terms = costTerms.flatMap { $0 }
            if elastic { terms.append((totalSlack, -1.0)) }
            m.addRow(name: "budget.total", upper: total - costConstant.reduce(0, +), terms: terms)
        }
    }

    /// Unmet cases per priority: an integer column for each priority the groups have,
    /// N[v] = unmet cases of the groups of priority v. Redundant for the model, but
    /// branching on them is the disjunction that lifts the unmet level's LP bound where
    /// the objective's unit cannot (an LP optimum of 46.5 unmet cases, all of priority 1,
    /// when priority 1.5 makes 46.5 an attainable value; docs/formulation.md).
    mutating func addPriorityTotals() {
        let G = sc.groups
        let priorities = Array(Set(G.map(\.priority))).sorted()
        guard priorities.count > 1 else { return }
        for v in priorities {
            var terms: [(Int, Double)] = []
            var arrivals = 0
            for (g, grp) in G.enumerated() where grp.priority == v {
                arrivals += grp.arrivals.reduce(0, +)
                for p in pairsOfGroup[g] { for j in admit[p] where j >= 0 { terms.append((j, 1)) } }
            }
            let j = m.addColumn(
                name: "unmet.by_priority[\(formatAmount(v))]", lower: 0,
                upper: Double(arrivals), integer: true, impliedInteger: true)
            priorityTotals.append(j)
            m.addRow(
                name: "unmet.by_priority[\(formatAmount(v))]", lower: Double(arrivals),
                upper: Double(arrivals), terms: [(j, 1)] + terms)
        }
    }

    // MARK: - Objectives

    /// Unmet (weighted by priority), waiting, cost.
    func objectives() -> [PlanModel.Level] {
        let n = m.columns.count
        var cUnmet = Array(repeating: 0.0, count: n)
        var unmetConstant = 0.0
        for (g, grp) in sc.groups.enumerated() {
            unmetConstant += grp.priority * Double(grp.arrivals.reduce(0, +))
            for p in pairsOfGroup[g] { for j in admit[p] where j >= 0 { cUnmet[j] -= grp.priority } }
        }
        var cWait = Array(repeating: 0.0, count: n)
        for k in classes.indices { for j in wait[k] { cWait[j] = 1 } }
        var cCost = Array(repeating: 0.0, count: n)
        for t in 0..<T { for (j, a) in costTerms[t] { cCost[j] += a } }
        return [
            PlanModel.Level(name: "unmet", coefficients: cUnmet, constant: unmetConstant),
            PlanModel.Level(name: "waiting", coefficients: cWait, constant: 0),
            PlanModel.Level(name: "cost", coefficients: cCost, constant: costConstant.reduce(0, +)),
        ]
    }

    /// The elastic model's only level: the least stretching, persons before money.
    func slackLevel() -> PlanModel.Level {
        var cSlack = Array(repeating: 0.0, count: m.columns.count)
        for row in bedSlack + serviceSlack { for j in row { cSlack[j] = 1 } }  // persons
        for j in monthlySlack { cSlack[j] = 1e-3 }  // money
        if totalSlack >= 0 { cSlack[totalSlack] = 1e-3 }
        return PlanModel.Level(name: "slack", coefficients: cSlack, constant: 0)
    }

    /// The month (1...T) of each column, 0 for the priority totals and the total budget's
    /// slack: branch-and-cut settles month 1 first.
    func columnMonths() -> [Int] {
        var month = Array(repeating: 0, count: m.columns.count)
        for table in [admit, ret, wait, occ, dep, flow, reint, bedSlack, serviceSlack] + covers.map({ [$0.columns] }) {
            for row in table { for (t, j) in row.enumerated() where j >= 0 { month[j] = t + 1 } }
        }
        for cols in screen.values { for (t, j) in cols.enumerated() where j >= 0 { month[j] = t + 1 } }
        for (t, j) in monthlySlack.enumerated() { month[j] = t + 1 }
        return month
    }
}

/// A count or amount as a person reads it: integers without decimals, others with up to 2.
func formatAmount(_ v: Double) -> String {
    if abs(v - v.rounded()) < 1e-9 { return String(Int(v.rounded())) }
    return String(format: "%.2f", v)
}
