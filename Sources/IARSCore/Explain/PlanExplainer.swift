import Foundation
import IARSInput
import LinearProgramming

/// Why a plan falls short: which capacities are full, and what one more unit of
/// each is worth, from the duals of the LP relaxation solved lexicographically.
///
/// Each level (unmet, waiting, cost) is solved as an LP with the earlier levels
/// kept at their optimum by a keep row. The dual `y_l(b)` of capacity `b` at level
/// `l` is the change of level `l`'s objective per unit of `b` *with the earlier
/// levels held at their old values*. When `b` grows, the earlier optima move too,
/// and the keep rows move with them, so the lexicographic change is the chain
///
///     dz1 = y1(b)
///     dz2 = y2(b) + y2(keep1) * dz1
///     dz3 = y3(b) + y3(keep1) * dz1 + y3(keep2) * dz2
///
/// which is what re-solving with one more unit gives, as long as the optimal
/// bases stay optimal (no degeneracy at the current point; see docs/explain.md).
public struct PlanExplainer: Sendable {
    /// Search settings (the LP relaxation uses only the simplex ones).
    public var searchOptions = SolveOptions()
    /// Whether ``searchOptions``' branching rule was given (``SearchSettings``).
    var branchingGiven = false
    /// How closely each level of the LP relaxation is kept.
    public var tolerance = KeepTolerance()
    /// Integer plans: fix each route's departures at the plan's before solving the LP relaxation
    /// (see docs/explain.md). An LP plan (`options.integer: false`) is its own relaxation.
    public var fixDepartures = true
    /// For integer plans: how many of the most valuable items are planned again as a MIP with
    /// one more whole unit, and the time limit of each such plan.
    public var wholeUnitChecks = 5
    /// The wall-clock safety net of all the whole-unit plans together (each gets an even
    /// share of what is left); `nil` for none. Their effort comes from the plan's own: each
    /// check may do ``wholeUnitEffortFactor`` times the work the plan did (at least
    /// ``SolvePolicy/search`` `shortSearchUnits`), so the same plan gets the same checks everywhere.
    public var wholeUnitTimeLimit: Double? = nil
    /// A whole-unit check's effort, as a multiple of the plan's.
    public var wholeUnitEffortFactor = 2
    /// Values of unmet cases or person-months smaller than this are the solver's
    /// tolerances (levels are kept to 1e-9 relative plus 1e-7), not a change: shown as 0.
    public static let countTolerance = 1e-4

    /// `scenario` with `units` more of a capacity (one month of it, or the total budget).
    public static func bumped(_ sc: Scenario, _ kind: PlanExplanation.Kind, _ id: String?, _ t: Int?, units: Double = 1)
        -> Scenario
    {
        var s = sc
        let n = Int(units.rounded())
        switch kind {
        case .beds: if let i = s.shelters.firstIndex(where: { $0.id == id }), let t { s.shelters[i].beds[t - 1] += n }
        case .screening:
            if let i = s.medical.firstIndex(where: { $0.id == id }), let t { s.medical[i].slots[t - 1] += n }
        case .departures:
            if let i = s.routes.firstIndex(where: { $0.id == id }), let t { s.routes[i].departures[t - 1] += n }
        case .partner:
            if let i = s.partners.firstIndex(where: { $0.id == id }), let t { s.partners[i].slots[t - 1] += n }
        case .service:
            if let i = s.services.firstIndex(where: { $0.id == id }), let t { s.services[i].capacity[t - 1] += n }
        case .monthlyBudget: if let t, s.budget.monthly != nil { s.budget.monthly![t - 1] += units }
        case .totalBudget: if s.budget.total != nil { s.budget.total! += units }
        }
        return s
    }

    public init() {}

    /// Explains the plan `result` of `scenario`.
    ///
    /// - Throws: ``LinearProgrammingError`` only on an internal error.
    public func explain(_ scenario: Scenario, result: PlanResult) throws -> PlanExplanation {
        var explanation = Self.outline(scenario, result)
        let pm = PlanModel(scenario: scenario)
        guard !pm.model.columns.isEmpty else {
            explanation.note = "nothing to decide: no admissions or returns are possible"
            return explanation
        }
        let relaxation: PlanRelaxation
        switch try PlanRelaxation.solve(
            pm, fixingDeparturesOf: fixDepartures && scenario.options.integer ? result : nil,
            searchOptions: searchOptions, tolerance: tolerance)
        {
        case .unsolved(let note):
            explanation.note = note
            return explanation
        case .solved(let solved):
            relaxation = solved
        }
        let z = relaxation.z
        explanation.lpObjective = .init(unmet: z[0], waiting: z[1], cost: z[2])
        let handles = CapacityHandle.all(in: scenario, plan: result, model: pm)

        let debug = ProcessInfo.processInfo.environment["IARS_EXPLAIN_DEBUG"] != nil
        let clock = ContinuousClock()
        var resolves = 0
        let t0 = clock.now
        defer {
            if debug {
                FileHandle.standardError.write(
                    Data("explain: \(handles.count) capacities, \(resolves) re-solves, \(clock.now - t0)\n".utf8))
            }
        }
        for h in handles {
            if let item = try marginalItem(h, relaxation, scenario, resolves: &resolves) {
                explanation.items.append(item)
            }
        }
        explanation.items.sort(by: PlanExplanation.Item.moreValuable)
        try checkWholeUnits(&explanation, scenario, result)
        return explanation
    }

    /// An explanation with no marginal values yet: the scenario's months and currency, and
    /// the capacities full in the plan.
    static func outline(_ scenario: Scenario, _ result: PlanResult) -> PlanExplanation {
        var explanation = PlanExplanation(currency: scenario.currency)
        explanation.monthLabels = (1...scenario.months).map { scenario.label($0) }
        explanation.budgetTotal = scenario.budget.total
        explanation.weighted = scenario.groups.contains { $0.priority != 1 }
        explanation.binding = Self.bindingCapacities(scenario, result)
        return explanation
    }

    /// What one more unit of `h` is worth in the LP relaxation: the duals' rate, checked by
    /// solving again (counted in `resolves`).
    ///
    /// - Returns: nil when the unit changes nothing, or only for the worse (numerical noise).
    func marginalItem(
        _ h: CapacityHandle, _ relaxation: PlanRelaxation, _ sc: Scenario,
        resolves: inout Int
    ) throws -> PlanExplanation.Item? {
        let (d1, d2, d3) = relaxation.chainedRates(h)
        let rate = [Self.clean(-d1, 1e-7), Self.clean(-d2, 1e-7), Self.clean(d3, 1e-6)]
        if rate == [0, 0, 0] { return nil }
        // A dual overstates the gain at a degenerate vertex (it is one end of the range of
        // optimal duals): the value of one unit is checked by solving again.
        resolves += 1
        guard let dz = try relaxation.oneMoreUnit(h) else { return nil }
        let served = Self.clean(-dz[0], Self.countTolerance), saved = Self.clean(-dz[1], Self.countTolerance)
        let cost = Self.clean(dz[2], 0.005)
        if served == 0 && saved == 0 && cost == 0 { return nil }
        // More capacity never makes the lexicographic optimum worse (numerical noise aside).
        if served < 0 || (served == 0 && (saved < 0 || (saved == 0 && cost > 0))) { return nil }
        var item = PlanExplanation.Item(
            kind: h.kind, id: h.id, month: h.t.map { sc.label($0) }, monthIndex: h.t,
            capacity: h.capacity, used: h.used,
            served: served, waitingSaved: saved, costChange: cost)
        item.dualRate = .init(served: rate[0], waitingSaved: rate[1], costChange: rate[2])
        item.full =
            h.used.map { $0 >= h.capacity - max(1e-6, 1e-9 * abs(h.capacity)) - (h.kind.isMoney ? 0.005 : 0) } ?? false
        return item
    }

    /// Integer plans move in whole steps: plans the most valuable few items again with one
    /// more unit (1,000 of money), as a MIP, and reports that next to the LP value; then
    /// drops what changes nothing in either view and ranks again.
    ///
    /// Only a proven plan can be compared with a proven re-plan: a plan stopped early
    /// (feasible, with a gap) would make its own shortfall look like the unit's value, so
    /// for one the checks are skipped, with a note.
    func checkWholeUnits(_ explanation: inout PlanExplanation, _ scenario: Scenario, _ result: PlanResult) throws {
        guard scenario.options.integer, let base = result.objective, wholeUnitChecks > 0 else { return }
        guard result.status == .optimal else {
            let gap = result.gap.map { " (gap \(Self.percent($0)))" } ?? ""
            explanation.wholeUnitNote =
                "the whole-unit checks were skipped: the plan is not proven optimal\(gap), "
                + "so a plan with one more unit would not compare like with like; give the plan more effort (--effort) to check them"
            return
        }
        var planner = Planner()
        planner.search = search
        planner.effort = max(SolvePolicy.default.search.shortSearchUnits, result.effort * wholeUnitEffortFactor)
        let started = ContinuousClock.now
        addTotalBudgetItem(&explanation, scenario, result)
        let checked = Array(explanation.items.indices.prefix(wholeUnitChecks))
        let skipped = try planWithOneMoreUnit(
            checked, &explanation, scenario, base: base, planner: planner,
            started: started)
        if !skipped.isEmpty {
            explanation.wholeUnitNote =
                "\(skipped.count) of \(checked.count) whole-unit checks were skipped "
                + "(\(skipped.joined(separator: ", "))): the plan with one more unit was not proven optimal within its "
                + "effort or time; their values are the LP duals' only"
        }
        // drop what changes nothing in either view; rank by the whole-unit value where known
        explanation.items.removeAll { i in
            i.served == 0 && i.waitingSaved == 0 && i.costChange == 0
                && (i.wholeUnit.map { $0.served == 0 && $0.waitingSaved == 0 && $0.costChange == 0 } ?? true)
        }
        explanation.items.sort(by: PlanExplanation.Item.moreValuable)
    }

    /// The total budget binds in whole steps even where the LP at the plan's departures sees
    /// no value in it (the money left buys no whole departure): adds it, with no LP value,
    /// among the items checked when it is not an item already.
    func addTotalBudgetItem(_ explanation: inout PlanExplanation, _ scenario: Scenario, _ result: PlanResult) {
        guard let total = scenario.budget.total, !explanation.items.contains(where: { $0.kind == .totalBudget }) else {
            return
        }
        var item = PlanExplanation.Item(
            kind: .totalBudget, id: nil, month: nil, monthIndex: nil, capacity: total,
            used: result.months.reduce(0) { $0 + $1.cost },
            served: 0, waitingSaved: 0, costChange: 0)
        item.full = (item.used ?? 0) >= total - 0.005
        explanation.items.insert(item, at: min(explanation.items.count, wholeUnitChecks - 1))
    }

    /// Plans the scenario again with one more unit of each item at `checked`, as a MIP, and
    /// records the change from `base` as the item's whole-unit value.
    ///
    /// - Returns: The items whose plan was not proven optimal within its effort, or not
    ///   made for want of time (``wholeUnitTimeLimit`` counts from `started`).
    func planWithOneMoreUnit(
        _ checked: [Int], _ explanation: inout PlanExplanation, _ scenario: Scenario,
        base: PlanResult.Objective, planner: Planner,
        started: ContinuousClock.Instant
    ) throws -> [String] {
        var planner = planner
        var skipped: [String] = []
        for (k, n) in checked.enumerated() {
            let item = explanation.items[n]
            if let limit = wholeUnitTimeLimit {
                // an even share of the time left over the checks left
                let left = limit - (ContinuousClock.now - started).inSeconds
                guard left > 0.05 else {
                    skipped.append(contentsOf: checked[k...].map { Self.label(explanation.items[$0]) })
                    break
                }
                planner.timeLimit = left / Double(checked.count - k)
            }
            let units = item.kind.unit
            let bumped = Self.bumped(scenario, item.kind, item.id, item.monthIndex, units: units)
            let r2 = try planner.plan(bumped)
            guard r2.status == .optimal, let o = r2.objective else {
                skipped.append(Self.label(item))
                continue
            }
            explanation.items[n].wholeUnit = .init(
                served: Self.clean(base.unmet - o.unmet, Self.countTolerance),
                waitingSaved: Self.clean(base.waiting - o.waiting, Self.countTolerance),
                costChange: Self.clean(o.cost - base.cost, 0.005))
        }
        return skipped
    }

    static func clean(_ v: Double, _ eps: Double = 1e-9) -> Double {
        abs(v) < eps ? 0 : v
    }

    /// A gap as a person reads it: one decimal under 10%.
    static func percent(_ g: Double) -> String {
        let p = g * 100
        return p < 10 ? String(format: "%.1f%%", p) : String(format: "%.0f%%", p)
    }

    /// What an item is, in a few words (for the note on skipped checks).
    static func label(_ i: PlanExplanation.Item) -> String {
        [i.kind.rawValue, i.id, i.month].compactMap { $0 }.joined(separator: " ")
    }

    /// Capacities that are full in the plan, with the months they are full in.
    static func bindingCapacities(_ sc: Scenario, _ r: PlanResult) -> [PlanExplanation.Binding] {
        guard r.hasPlan else { return [] }
        var out: [PlanExplanation.Binding] = []
        func full(_ used: Double, _ cap: Double) -> Bool { cap > 0 && used >= cap - 1e-6 }
        for s in r.shelters {
            let ts = s.months.indices.filter { full(s.months[$0].occupancy, Double(s.months[$0].beds)) }
            if !ts.isEmpty { out.append(.init(kind: .beds, id: s.id, months: ts.map { $0 + 1 })) }
        }
        for p in r.medical {
            let ts = p.months.indices.filter { full(p.months[$0].used, p.months[$0].capacity) }
            if !ts.isEmpty { out.append(.init(kind: .screening, id: p.id, months: ts.map { $0 + 1 })) }
        }
        for k in r.routes {
            let seats = Double(sc.routes.first { $0.id == k.id }?.seatsPerDeparture ?? 1)
            let seatsFull = k.months.indices.filter {
                full(k.months[$0].returned, Double(k.months[$0].departuresAvailable) * seats)
            }
            if !seatsFull.isEmpty {
                out.append(.init(kind: .departures, id: k.id, months: seatsFull.map { $0 + 1 }, everySeat: true))
            }
            let depsFull = k.months.indices.filter {
                !seatsFull.contains($0) && full(k.months[$0].departures, Double(k.months[$0].departuresAvailable))
            }
            if !depsFull.isEmpty { out.append(.init(kind: .departures, id: k.id, months: depsFull.map { $0 + 1 })) }
        }
        for p in r.partners {
            let ts = p.months.indices.filter { full(p.months[$0].used, p.months[$0].capacity) }
            if !ts.isEmpty { out.append(.init(kind: .partner, id: p.id, months: ts.map { $0 + 1 })) }
        }
        for v in r.services {
            let ts = v.months.indices.filter { full(v.months[$0].used, v.months[$0].capacity) }
            if !ts.isEmpty { out.append(.init(kind: .service, id: v.id, months: ts.map { $0 + 1 })) }
        }
        if let monthly = sc.budget.monthly {
            let ts = r.months.indices.filter { r.months[$0].cost >= monthly[$0] - 0.005 }
            if !ts.isEmpty { out.append(.init(kind: .monthlyBudget, id: nil, months: ts.map { $0 + 1 })) }
        }
        if let total = sc.budget.total, r.months.reduce(0, { $0 + $1.cost }) >= total - 0.005 {
            out.append(.init(kind: .totalBudget, id: nil, months: []))
        }
        return out
    }
}

/// The result of ``PlanExplainer``: capacities full in the plan, and the marginal
/// value of one more unit of each capacity, most valuable first.
public struct PlanExplanation: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case beds, screening, departures, partner
        /// A social service's case-months (``Service``).
        case service
        case monthlyBudget = "budget.monthly"
        case totalBudget = "budget.total"

        public var isMoney: Bool { self == .monthlyBudget || self == .totalBudget }
        /// One unit of the capacity: a bed, slot, departure or place; 1,000 of the currency for money.
        public var unit: Double { isMoney ? 1000 : 1 }
        /// Sort rank for ties.
        var rank: Int { Kind.allCases.firstIndex(of: self)! }
    }

    /// A capacity that is full in the plan (some months, or the whole horizon for budget.total).
    public struct Binding: Sendable, Equatable {
        public var kind: Kind
        public var id: String?
        /// Months (1-based) it is full in; empty for budget.total.
        public var months: [Int]
        /// Routes: every seat of every departure is taken (else: every departure runs, seats to spare).
        public var everySeat = false

        public init(kind: Kind, id: String?, months: [Int], everySeat: Bool = false) {
            self.kind = kind
            self.id = id
            self.months = months
            self.everySeat = everySeat
        }
    }

    /// What one more unit of a capacity in a month is worth.
    public struct Item: Sendable, Equatable {
        public var kind: Kind
        public var id: String?
        public var month: String?
        public var monthIndex: Int?
        /// The capacity in the scenario, and its use in the plan (nil when unknown).
        public var capacity: Double
        public var used: Double?
        /// Whether the capacity is full in the (integer) plan.
        public var full = false
        /// Per one more unit (bed, screening slot, departure, partner slot, 1,000 of money):
        /// priority-weighted cases more served (unmet down), person-months of waiting
        /// less, and change of cost (positive: costs more).
        public var served: Double
        public var waitingSaved: Double
        public var costChange: Double
        /// The same three from the duals alone (a rate; at a degenerate vertex it may overstate).
        public var dualRate: Rate?
        /// Integer plans: the change when the MIP is planned again with one more whole unit
        /// (1,000 of money), for the most valuable few; nil when not checked.
        public var wholeUnit: Rate?

        public struct Rate: Sendable, Equatable {
            public var served: Double
            public var waitingSaved: Double
            public var costChange: Double
        }

        /// More cases served first, then more waiting saved, then more money saved, all per
        /// unit (1,000 for money), the whole-unit values where known; ties by kind, id, month.
        static func moreValuable(_ a: Item, _ b: Item) -> Bool {
            func key(_ i: Item) -> [Double] {
                let v = i.wholeUnit ?? Rate(served: i.served, waitingSaved: i.waitingSaved, costChange: i.costChange)
                return [v.served, v.waitingSaved, -v.costChange].map { ($0 * 1e6).rounded() / 1e6 }
            }
            let ka = key(a), kb = key(b)
            if ka != kb { return ka.lexicographicallyPrecedes(kb, by: >) }
            if a.kind != b.kind { return a.kind.rank < b.kind.rank }
            if a.id != b.id { return (a.id ?? "") < (b.id ?? "") }
            return (a.monthIndex ?? 0) < (b.monthIndex ?? 0)
        }
    }

    public struct Objective: Sendable, Equatable {
        public var unmet: Double
        public var waiting: Double
        public var cost: Double
    }

    public var currency: String
    /// `YYYY-MM` of months 1...T.
    public var monthLabels: [String] = []
    public var budgetTotal: Double?
    /// Whether some group's priority is not 1 (then "cases served" are priority-weighted).
    public var weighted = false
    public var binding: [Binding] = []
    public var items: [Item] = []
    /// The LP relaxation's lexicographic optimum (the point the duals belong to).
    public var lpObjective: Objective?
    /// Why there are no marginal values, when there are none.
    public var note: String?
    /// Why some or all whole-unit checks of an integer plan were not made, when so.
    public var wholeUnitNote: String?

    public init(currency: String) {
        self.currency = currency
    }
}
