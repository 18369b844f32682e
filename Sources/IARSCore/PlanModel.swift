import LinearProgramming

/// The capacity plan of `spec/capacity-plan.md` as a linear model, in a compact
/// formulation that reaches the spec's optimal objective values with fewer
/// variables and integers than the natural one.
///
/// Differences from the natural model, each exact (see docs/formulation.md):
/// - `unmet[g,t]` is eliminated: `sum_s admit[g,s,t] <= arrivals[g,t]`, and the
///   unmet objective is `sum priority * arrivals - sum priority * admit`.
/// - Returns are decided per shelter, country of return and month (`ret[s,c,t]`),
///   not per group or route: ready cases of one country at one shelter are
///   interchangeable (same routes, same partners), and a first-ready-first-home
///   split gives each group its share (``pairReturns(_:)``). Which route of the
///   country carries them is a continuous flow `flow[k,t]` (greedy by seat cost,
///   integral whenever returns and departures are).
/// - Only shelter totals are kept (`occ[s,t]` = people in shelter s at the end of
///   month t): per-group stays are non-negative whenever readiness holds.
/// - `wait[s,c,t]` is kept recursively per return class; `wait >= 0` is the
///   readiness rule summed over the class's groups, which the split keeps per group.
/// - Screening and reintegration are continuous transportation flows (integral
///   data, so an integral optimum of the same cost exists), eliminated where a
///   shelter has one provider or a country one partner.
/// - Admissions are possible only at shelters with a screening provider; returns
///   only for countries with a route and a partner.
/// - Costs enter the objective and the budget rows directly; month cost rows exist
///   only when there is a monthly budget.
public struct PlanModel: Sendable {
    public let scenario: Scenario
    public private(set) var model = LinearModel(name: "iars-plan")

    /// (group, shelter) pairs where the shelter accepts the group, in group then shelter order.
    public let pairs: [(g: Int, s: Int)]
    /// admit[pair][t-1]: column or -1 when fixed at 0.
    public private(set) var admit: [[Int]] = []
    /// Return classes: a shelter and a country of return, with the pairs at the
    /// shelter whose group returns there (shelter then country order).
    public let classes: [ReturnClass]
    /// The return class of each pair.
    public let classOfPair: [Int]
    /// ret[class][t-1]: column or -1 when returns are impossible.
    public private(set) var ret: [[Int]] = []
    /// wait[class][t-1]: column (readiness slack: ready but still in shelter).
    public private(set) var wait: [[Int]] = []
    /// occ[s][t-1]: people in shelter s at the end of month t.
    public private(set) var occ: [[Int]] = []
    /// dep[k][t-1]: departures of route k in month t, or -1 when none are possible or they
    /// cost nothing (then as many run as the returns need).
    public private(set) var dep: [[Int]] = []
    /// flow[k][t-1]: returns carried by route k in month t (-1 when none possible).
    /// When a country has one route, it equals the country's returns and is not a column: see ``routeFlowIsImplicit``.
    public private(set) var flow: [[Int]] = []
    /// screen[(s, m)][t-1]: screenings of shelter s's admissions by provider m (-1 when implicit).
    public private(set) var screen: [ScreenKey: [Int]] = [:]
    /// reint[p][t-1]: cases received by partner p in month t (-1 when implicit or impossible).
    public private(set) var reint: [[Int]] = []
    /// Elastic slack columns for infeasibility diagnosis: beds[s][t-1], monthly[t-1], total.
    public private(set) var bedSlack: [[Int]] = []
    public private(set) var monthlySlack: [Int] = []
    public private(set) var totalSlack: Int = -1

    /// Objectives as dense coefficient vectors with constants: unmet, waiting, cost.
    public private(set) var levels: [Level] = []

    /// Index of the shelter for each id, and so on.
    public let shelterIndex: [String: Int]
    public let groupIndex: [String: Int]
    /// Initial cases of pair p: total, and the number newly ready in month t (index t-1; beyond T dropped).
    public let initialCount: [Int]
    public let initialReady: [[Int]]
    /// Routes and partners by country.
    public let routesOf: [String: [Int]]
    public let partnersOf: [String: [Int]]
    /// Providers serving each shelter.
    public let providersOf: [[Int]]
    /// Pairs of each group, and pairs at each shelter.
    public let pairsOfGroup: [[Int]]
    public let pairsAtShelter: [[Int]]
    /// The month (1...T) each column belongs to; 0 for columns of no month (the
    /// priority totals, the total budget's slack). Branch-and-cut settles month 1 first.
    public let columnMonth: [Int]
    /// The columns of unmet cases per priority (integer models with several priorities).
    public let priorityTotals: [Int]

    public struct ReturnClass: Sendable {
        public var shelter: Int
        public var country: String
        public var pairs: [Int]
    }

    public struct ScreenKey: Hashable, Sendable {
        public var shelter: Int
        public var provider: Int
    }

    /// A level of the plan's lexicographic objective (unmet, waiting, cost).
    public typealias Level = Objective

    /// Builds the model.
    ///
    /// - Parameter elastic: add slack to bed and budget rows (for explaining infeasibility);
    ///   then the only level minimises the stretching.
    /// - Complexity: O(groups x shelters x months + routes x months) columns and rows.
    public init(scenario sc: Scenario, elastic: Bool = false) {
        scenario = sc
        let T = sc.months
        let G = sc.groups, S = sc.shelters, K = sc.routes, M = sc.medical, P = sc.partners
        let integer = sc.options.integer
        var shelterIndex: [String: Int] = [:]
        for (i, s) in S.enumerated() { shelterIndex[s.id] = i }
        var groupIndex: [String: Int] = [:]
        for (i, g) in G.enumerated() { groupIndex[g.id] = i }
        self.shelterIndex = shelterIndex
        self.groupIndex = groupIndex

        var pairs: [(g: Int, s: Int)] = []
        var pairIndex: [Int: Int] = [:]  // g * |S| + s -> pair
        for g in G.indices {
            for s in S.indices where S[s].accepts.contains(G[g].id) {
                pairIndex[g * S.count + s] = pairs.count
                pairs.append((g, s))
            }
        }
        self.pairs = pairs
        var pairsOfGroup = Array(repeating: [Int](), count: G.count)
        var pairsAtShelter = Array(repeating: [Int](), count: S.count)
        for (p, pr) in pairs.enumerated() {
            pairsOfGroup[pr.g].append(p)
            pairsAtShelter[pr.s].append(p)
        }
        self.pairsOfGroup = pairsOfGroup
        self.pairsAtShelter = pairsAtShelter
        var classes: [ReturnClass] = []
        var classOfPair = Array(repeating: -1, count: pairs.count)
        for s in S.indices {
            var byCountry: [String: Int] = [:]
            for p in pairsAtShelter[s] {
                let c = G[pairs[p].g].country
                if let k = byCountry[c] {
                    classes[k].pairs.append(p)
                } else {
                    byCountry[c] = classes.count
                    classes.append(ReturnClass(shelter: s, country: c, pairs: [p]))
                }
                classOfPair[p] = byCountry[c]!
            }
        }
        self.classes = classes
        self.classOfPair = classOfPair
        var routesOf: [String: [Int]] = [:]
        for (k, r) in K.enumerated() { routesOf[r.country, default: []].append(k) }
        var partnersOf: [String: [Int]] = [:]
        for (p, q) in P.enumerated() { partnersOf[q.country, default: []].append(p) }
        self.routesOf = routesOf
        self.partnersOf = partnersOf
        var providersOf = Array(repeating: [Int](), count: S.count)
        for (m, pr) in M.enumerated() {
            for sid in pr.serves { if let s = shelterIndex[sid] { providersOf[s].append(m) } }
        }
        for s in providersOf.indices { providersOf[s].sort() }
        self.providersOf = providersOf

        var initialCount = Array(repeating: 0, count: pairs.count)
        var initialReady = Array(repeating: Array(repeating: 0, count: T), count: pairs.count)
        for (g, grp) in G.enumerated() {
            for e in grp.initial {
                guard let s = shelterIndex[e.shelter], let p = pairIndex[g * S.count + s] else { continue }
                initialCount[p] += e.count
                if e.readyMonth <= T { initialReady[p][e.readyMonth - 1] += e.count }
            }
        }
        self.initialCount = initialCount
        self.initialReady = initialReady

        var m = LinearModel(name: "iars-plan")
        let inf = Double.infinity

        // Which countries can receive returns at all: a route and a partner.
        func canReturn(_ country: String) -> Bool {
            !(routesOf[country] ?? []).isEmpty && !(partnersOf[country] ?? []).isEmpty
        }

        // --- columns ---------------------------------------------------------
        var admit = Array(repeating: Array(repeating: -1, count: T), count: pairs.count)
        for (p, pr) in pairs.enumerated() {
            let grp = G[pr.g]
            let screened = !providersOf[pr.s].isEmpty
            for t in 1...T {
                let a = grp.arrivals[t - 1]
                if screened && a > 0 && S[pr.s].beds.max()! > 0 {
                    admit[p][t - 1] = m.addColumn(name: "admit[\(grp.id),\(S[pr.s].id),\(t)]",
                                                  lower: 0, upper: Double(a), integer: integer)
                }
            }
        }
        var ret = Array(repeating: Array(repeating: -1, count: T), count: classes.count)
        var wait = ret
        for (k, cl) in classes.enumerated() {
            let returns = canReturn(cl.country)
            let name = "\(S[cl.shelter].id),\(cl.country)"
            for t in 1...T {
                if returns {
                    ret[k][t - 1] = m.addColumn(name: "ret[\(name),\(t)]", lower: 0, upper: inf, integer: integer)
                }
                // implied integer (admissions and returns are); marked so that GLPK sees an
                // integral waiting objective and rounds its bound
                wait[k][t - 1] = m.addColumn(name: "wait[\(name),\(t)]", lower: 0, upper: inf, integer: integer,
                                            impliedInteger: true)
            }
        }
        var occ = Array(repeating: Array(repeating: -1, count: T), count: S.count)
        for s in S.indices {
            for t in 1...T {
                // implied integer (a sum of integers), marked: GLPK then rounds and cuts with it,
                // which proves plans it could not before (docs/formulation.md)
                occ[s][t - 1] = m.addColumn(name: "occ[\(S[s].id),\(t)]", lower: 0, upper: inf, integer: integer,
                                            impliedInteger: true)
            }
        }
        var dep = Array(repeating: Array(repeating: -1, count: T), count: K.count)
        var flow = dep
        for (k, r) in K.enumerated() where canReturn(r.country) {
            let single = routesOf[r.country]!.count == 1
            for t in 1...T where r.departures[t - 1] > 0 {
                // A departure that costs nothing may as well run: then only the seats count,
                // and there is nothing to decide (no integer column).
                if r.costPerDeparture > 0 {
                    dep[k][t - 1] = m.addColumn(name: "dep[\(r.id),\(t)]", lower: 0,
                                                upper: Double(r.departures[t - 1]), integer: integer,
                                                setup: true)
                }
                if !single {
                    flow[k][t - 1] = m.addColumn(name: "flow[\(r.id),\(t)]", lower: 0,
                                                 upper: Double(r.departures[t - 1] * r.seatsPerDeparture))
                }
            }
        }
        var screen: [ScreenKey: [Int]] = [:]
        for s in S.indices where providersOf[s].count > 1 {
            for pm in providersOf[s] {
                var cols = Array(repeating: -1, count: T)
                for t in 1...T where M[pm].slots[t - 1] > 0 {
                    cols[t - 1] = m.addColumn(name: "screen[\(S[s].id),\(M[pm].id),\(t)]", lower: 0,
                                              upper: Double(M[pm].slots[t - 1]))
                }
                screen[ScreenKey(shelter: s, provider: pm)] = cols
            }
        }
        var reint = Array(repeating: Array(repeating: -1, count: T), count: P.count)
        for (pi, q) in P.enumerated() where canReturn(q.country) && partnersOf[q.country]!.count > 1 {
            for t in 1...T where q.slots[t - 1] > 0 {
                reint[pi][t - 1] = m.addColumn(name: "reint[\(q.id),\(t)]", lower: 0,
                                               upper: Double(q.slots[t - 1]))
            }
        }
        var bedSlack: [[Int]] = []
        var monthlySlack: [Int] = []
        var totalSlack = -1
        if elastic {
            bedSlack = S.indices.map { s in (1...T).map { t in m.addColumn(name: "slack.beds[\(S[s].id),\(t)]") } }
            if sc.budget.monthly != nil {
                monthlySlack = (1...T).map { t in m.addColumn(name: "slack.monthly[\(t)]") }
            }
            if sc.budget.total != nil { totalSlack = m.addColumn(name: "slack.total") }
        }

        // Cost of each month as terms plus a constant (initial occupancy in month 1).
        var costTerms = Array(repeating: [(Int, Double)](), count: T)
        var costConstant = Array(repeating: 0.0, count: T)

        // --- rows ------------------------------------------------------------
        // Arrivals: sum_s admit[g,s,t] <= arrivals[g,t] (unmet is the rest).
        for (g, grp) in G.enumerated() {
            for t in 1...T {
                let terms = pairsOfGroup[g].compactMap { p in admit[p][t - 1] >= 0 ? (admit[p][t - 1], 1.0) : nil }
                if terms.count > 1 {
                    m.addRow(name: "arrivals[\(grp.id),\(t)]", upper: Double(grp.arrivals[t - 1]), terms: terms)
                }
                // a single admit column already has the bound arrivals[g,t]
            }
        }
        // Shelter balance: occ[s,t] = occ[s,t-1] + sum_g admit - sum_g ret; occ[s,0] = initial at s.
        var classesAtShelter = Array(repeating: [Int](), count: S.count)
        for (k, cl) in classes.enumerated() { classesAtShelter[cl.shelter].append(k) }
        var initialAt = Array(repeating: 0, count: S.count)
        for (p, pr) in pairs.enumerated() { initialAt[pr.s] += initialCount[p] }
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
        // Readiness per class: wait[t] = wait[t-1] + newly ready (initial, and admissions
        // of month t-L of each group) - ret[t], wait >= 0.
        for (k, cl) in classes.enumerated() {
            for t in 1...T {
                var terms: [(Int, Double)] = [(wait[k][t - 1], 1.0)]
                if t > 1 { terms.append((wait[k][t - 2], -1.0)) }
                var rhs = 0.0
                for p in cl.pairs {
                    let L = G[pairs[p].g].processingMonths
                    if t - L >= 1, admit[p][t - L - 1] >= 0 { terms.append((admit[p][t - L - 1], -1.0)) }
                    rhs += Double(initialReady[p][t - 1])
                }
                if ret[k][t - 1] >= 0 { terms.append((ret[k][t - 1], 1.0)) }
                m.addRow(name: "ready[\(S[cl.shelter].id),\(cl.country),\(t)]", lower: rhs, upper: rhs, terms: terms)
            }
        }
        // Beds (average occupancy): (occ[t-1] + occ[t]) / 2 <= beds[s,t]; cost bnc * days * the same.
        for (s, sh) in S.enumerated() {
            for t in 1...T {
                var terms: [(Int, Double)] = [(occ[s][t - 1], 0.5)]
                var constant = 0.0
                if t > 1 { terms.append((occ[s][t - 2], 0.5)) } else { constant = 0.5 * Double(initialAt[s]) }
                if elastic { terms.append((bedSlack[s][t - 1], -1.0)) }
                m.addRow(name: "beds[\(sh.id),\(t)]", upper: Double(sh.beds[t - 1]) - constant, terms: terms)
                let f = sh.bedNightCost * Double(sc.days(t))
                if f != 0 {
                    for (j, a) in terms where !elastic || j != bedSlack[s][t - 1] { costTerms[t - 1].append((j, a * f)) }
                    costConstant[t - 1] += constant * f
                }
            }
        }
        // Screening: every admitted case is screened by a provider that serves its shelter.
        for (s, sh) in S.enumerated() where !providersOf[s].isEmpty {
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
                        let j = screen[ScreenKey(shelter: s, provider: pm)]![t - 1]
                        if j >= 0 {
                            terms.append((j, 1.0))
                            if M[pm].costPerScreening != 0 { costTerms[t - 1].append((j, M[pm].costPerScreening)) }
                        }
                    }
                    m.addRow(name: "screened[\(sh.id),\(t)]", lower: 0, upper: 0, terms: terms)
                }
            }
        }
        for (pm, pr) in M.enumerated() {
            let served = pr.serves.compactMap { shelterIndex[$0] }.sorted()
            for t in 1...T {
                var terms: [(Int, Double)] = []
                for s in served {
                    if providersOf[s].count == 1 {
                        for p in pairsAtShelter[s] where admit[p][t - 1] >= 0 { terms.append((admit[p][t - 1], 1.0)) }
                    } else if let j = screen[ScreenKey(shelter: s, provider: pm)]?[t - 1], j >= 0 {
                        terms.append((j, 1.0))
                    }
                }
                if !terms.isEmpty {
                    m.addRow(name: "slots[\(pr.id),\(t)]", upper: Double(pr.slots[t - 1]), terms: terms)
                }
            }
        }
        // Transport and reintegration per country and month.
        var classesOfCountry: [String: [Int]] = [:]
        for (k, cl) in classes.enumerated() { classesOfCountry[cl.country, default: []].append(k) }
        for c in sc.countries where canReturn(c) {
            let ks = routesOf[c]!
            let ps = partnersOf[c]!
            let cclasses = classesOfCountry[c] ?? []
            for t in 1...T {
                let returns: [Int] = cclasses.compactMap { k in ret[k][t - 1] >= 0 ? ret[k][t - 1] : nil }
                if returns.isEmpty { continue }
                let R: [(Int, Double)] = returns.map { ($0, 1.0) }
                // transport
                if ks.count == 1 {
                    let k = ks[0], r = K[k]
                    if dep[k][t - 1] >= 0 {
                        m.addRow(name: "seats[\(r.id),\(t)]", upper: 0,
                                 terms: R + [(dep[k][t - 1], -Double(r.seatsPerDeparture))])
                    } else {
                        m.addRow(name: "seats[\(r.id),\(t)]",
                                 upper: Double(r.departures[t - 1] * r.seatsPerDeparture), terms: R)
                    }
                    if r.costPerSeat != 0 { for j in returns { costTerms[t - 1].append((j, r.costPerSeat)) } }
                } else {
                    var split = R.map { ($0.0, -1.0) }
                    for k in ks where flow[k][t - 1] >= 0 {
                        let r = K[k]
                        split.append((flow[k][t - 1], 1.0))
                        if dep[k][t - 1] >= 0 {
                            m.addRow(name: "seats[\(r.id),\(t)]", upper: 0,
                                     terms: [(flow[k][t - 1], 1.0), (dep[k][t - 1], -Double(r.seatsPerDeparture))])
                        }  // else the column's upper bound is the seats of every departure
                        if r.costPerSeat != 0 { costTerms[t - 1].append((flow[k][t - 1], r.costPerSeat)) }
                    }
                    m.addRow(name: "routes[\(c),\(t)]", lower: 0, upper: 0, terms: split)
                }
                for k in ks where dep[k][t - 1] >= 0 && K[k].costPerDeparture != 0 {
                    costTerms[t - 1].append((dep[k][t - 1], K[k].costPerDeparture))
                }
                // reintegration
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
        }
        // Budgets.
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

        // Unmet cases per priority: an integer column for each priority the groups have,
        // N[v] = unmet cases of the groups of priority v. Redundant for the model, but
        // branching on them is the disjunction that lifts the unmet level's LP bound where
        // the objective's unit cannot (an LP optimum of 46.5 unmet cases, all of
        // priority 1, when priority 1.5 makes 46.5 an attainable value; docs/formulation.md).
        var priorityTotals: [Int] = []
        let priorities = Array(Set(G.map(\.priority))).sorted()
        if integer && priorities.count > 1 && !elastic {
            for v in priorities {
                var terms: [(Int, Double)] = []
                var arrivals = 0
                for (g, grp) in G.enumerated() where grp.priority == v {
                    arrivals += grp.arrivals.reduce(0, +)
                    for p in pairsOfGroup[g] { for j in admit[p] where j >= 0 { terms.append((j, 1)) } }
                }
                let j = m.addColumn(name: "unmet.by_priority[\(formatAmount(v))]", lower: 0,
                                    upper: Double(arrivals), integer: true, impliedInteger: true)
                priorityTotals.append(j)
                m.addRow(name: "unmet.by_priority[\(formatAmount(v))]", lower: Double(arrivals),
                         upper: Double(arrivals), terms: [(j, 1)] + terms)
            }
        }

        // --- objectives --------------------------------------------------------
        let n = m.columns.count
        var cUnmet = Array(repeating: 0.0, count: n)
        var unmetConstant = 0.0
        for (g, grp) in G.enumerated() {
            unmetConstant += grp.priority * Double(grp.arrivals.reduce(0, +))
            for p in pairsOfGroup[g] { for j in admit[p] where j >= 0 { cUnmet[j] -= grp.priority } }
        }
        var cWait = Array(repeating: 0.0, count: n)
        for k in classes.indices { for j in wait[k] { cWait[j] = 1 } }
        var cCost = Array(repeating: 0.0, count: n)
        for t in 0..<T { for (j, a) in costTerms[t] { cCost[j] += a } }
        var levels = [
            Level(name: "unmet", coefficients: cUnmet, constant: unmetConstant),
            Level(name: "waiting", coefficients: cWait, constant: 0),
            Level(name: "cost", coefficients: cCost, constant: costConstant.reduce(0, +)),
        ]
        if elastic {
            var cSlack = Array(repeating: 0.0, count: n)
            for row in bedSlack { for j in row { cSlack[j] = 1 } }       // persons
            for j in monthlySlack { cSlack[j] = 1e-3 }                   // money
            if totalSlack >= 0 { cSlack[totalSlack] = 1e-3 }
            levels = [Level(name: "slack", coefficients: cSlack, constant: 0)]
        }

        self.model = m
        self.admit = admit
        self.ret = ret
        self.wait = wait
        self.occ = occ
        self.dep = dep
        self.flow = flow
        self.screen = screen
        self.reint = reint
        self.bedSlack = bedSlack
        self.monthlySlack = monthlySlack
        self.totalSlack = totalSlack
        self.levels = levels

        // The month of each column (0 for the priority totals), for branching month by month.
        var month = Array(repeating: 0, count: n)
        for table in [admit, ret, wait, occ, dep, flow, reint, bedSlack] {
            for row in table { for (t, j) in row.enumerated() where j >= 0 { month[j] = t + 1 } }
        }
        for cols in screen.values { for (t, j) in cols.enumerated() where j >= 0 { month[j] = t + 1 } }
        for (t, j) in monthlySlack.enumerated() { month[j] = t + 1 }
        self.columnMonth = month
        self.priorityTotals = priorityTotals
    }
}

extension PlanModel {
    /// Splits each return class's returns over its groups, first ready first home:
    /// the returns of month t go to the cases that became ready earliest (ties in
    /// group order). Each group's returns so far then never exceed its ready cases
    /// so far, as the spec's readiness rule asks per group and shelter.
    ///
    /// - Parameters:
    ///   - admitted: admitted[pair][t-1], as planned.
    ///   - returned: returned[class][t-1], as planned.
    /// - Returns: returns[pair][t-1].
    public func pairReturns(admitted: [[Double]], returned: [[Double]]) -> [[Double]] {
        let T = scenario.months
        var out = Array(repeating: Array(repeating: 0.0, count: T), count: pairs.count)
        for (k, cl) in classes.enumerated() {
            // ready[i][tau]: cases of the class's i-th pair ready from month tau+1 and not yet home
            var ready = cl.pairs.map { _ in Array(repeating: 0.0, count: T) }
            for (i, p) in cl.pairs.enumerated() {
                let L = scenario.groups[pairs[p].g].processingMonths
                for t in 1...T {
                    ready[i][t - 1] = Double(initialReady[p][t - 1]) + (t - L >= 1 ? admitted[p][t - L - 1] : 0)
                }
            }
            for t in 1...T {
                var q = returned[k][t - 1]
                guard q > 0 else { continue }
                var last = 0
                for tau in 0..<t where q > 0 {
                    for i in cl.pairs.indices where q > 0 && ready[i][tau] > 0 {
                        let take = min(q, ready[i][tau])
                        ready[i][tau] -= take
                        out[cl.pairs[i]][t - 1] += take
                        q -= take
                        last = i
                    }
                }
                // solver noise beyond the ready cases: keep the class total
                if q > 0 { out[cl.pairs[last]][t - 1] += q }
            }
        }
        return out
    }
}
