import Foundation
import IARSInput
import LinearProgramming

extension Scenario {
    /// The scenario with its shelters merged into one (beds summed month by month, the
    /// cheapest bed-night cost, every group any shelter accepts, every provider that serves
    /// any shelter, every service over the merged shelter, see ``Service/merged(into:shelters:)``): a relaxation, since every plan of the scenario is a plan of the merged
    /// one with the same unmet cases and no higher cost. Its LP is tiny (no shelter index).
    func mergedShelters() -> Scenario {
        var s = self
        let ids = Set(shelters.map(\.id))
        let id = "all-shelters"
        var beds = [Int](repeating: 0, count: months)
        for sh in shelters { for t in 0..<months { beds[t] += sh.beds[t] } }
        var accepts: [String] = []
        var seen = Set<String>()
        for sh in shelters { for g in sh.accepts where seen.insert(g).inserted { accepts.append(g) } }
        s.shelters = [
            Shelter(id: id, beds: beds, bedNightCost: shelters.map(\.bedNightCost).min() ?? 0, accepts: accepts)
        ]
        for i in s.medical.indices {
            s.medical[i].serves = s.medical[i].serves.contains(where: ids.contains) ? [id] : []
        }
        for i in s.groups.indices { for j in s.groups[i].initial.indices { s.groups[i].initial[j].shelter = id } }
        s.services = services.map { $0.merged(into: id, shelters: shelters) }
        s.options.integer = false
        return s
    }
}

extension Planner {
    /// The merged-shelter relaxation's LP optimum (``Scenario/mergedShelters()``) of the
    /// unmet level (or of the waiting level, with unmet kept at its optimum), and the
    /// admissions per group and month at that optimum.
    struct MergedRelaxation {
        /// A lower bound of the level (unmet, or waiting).
        var bound: Double
        /// admitted[g][t-1]: the group's admissions in month t (fractions).
        var admitted: [[Double]]
        /// Time inside GLPK.
        var solverSeconds = 0.0
    }

    /// The merged-shelter relaxation, solved on the calling thread within `budget`: at 40 x
    /// 20 x 36 its bound equals the whole model's LP bound (278) at a small fraction of the
    /// whole LP's work; `nil` when it is not solved in time.
    ///
    /// With `unmet`, the proven optimum of the unmet level, it is the waiting level's: the
    /// least merged waiting with at most `unmet` unmet. Every plan optimal in unmet is a
    /// merged plan with the same unmet and waiting (the merged waiting of a country is the
    /// sum over its shelters), so none waits less. At 40 x 20 x 36: about 909
    /// person-months in a fraction of a second, the whole LP's bound. (Used where the merged
    /// integer plan is not: an LP relaxation, or no time for it.)
    func mergedRelaxation(_ scenario: Scenario, unmet: Double? = nil, budget: WorkBudget) -> MergedRelaxation? {
        let pm = PlanModel(scenario: scenario.mergedShelters())
        var admitted = scenario.groups.map { _ in [Double](repeating: 0, count: scenario.months) }
        guard !pm.model.columns.isEmpty else {
            return unmet == nil ? pm.levels.first.map { MergedRelaxation(bound: $0.constant, admitted: admitted) } : nil
        }
        var model = pm.model
        var level = pm.levels[0]
        if let unmet {
            model.addRow(name: "keep.unmet", upper: tolerance.keepUpper(level, at: unmet), terms: level.terms)
            level = pm.levels[1]
        }
        guard let r = Self.relaxation(model, level: level, budget: budget) else { return nil }
        for (p, pair) in pm.pairs.enumerated() {
            for (t, j) in pm.admit[p].enumerated() where j >= 0 { admitted[pair.g][t] += r.values[j] }
        }
        return MergedRelaxation(bound: r.objective, admitted: admitted, solverSeconds: r.seconds)
    }
}

extension Planner {
    /// The merged-shelter scenario solved as an integer plan, unmet then waiting (the
    /// lexicographic steps, on a model with no shelter index), and a bound of its cost.
    struct MergedIntegerPlan {
        /// The merged plan's least unmet: a lower bound of the unmet level, and often its
        /// optimum (47 at 15 x 8 x 24, where the merged LP's bound is 46.5).
        var unmet: Double
        /// The least waiting with unmet at `unmet`, when proven: a lower bound of the
        /// waiting level once the unmet level's optimum is proven equal to `unmet`.
        var waiting: Double?
        /// With `waiting`: a model whose LP optimum is a lower bound of the least merged cost
        /// with unmet and waiting at theirs, so of the cost level once the earlier levels'
        /// optima are proven the same. Its LP takes longer than the rest, so the caller decides
        /// where to solve it.
        var cost: (model: LinearModel, level: PlanModel.Level)?
        /// admitted[g][t-1]: the merged plan's admissions of the group in month t (whole
        /// cases), for the rules to follow.
        var admitted: [[Double]]
        /// Time inside GLPK.
        var solverSeconds = 0.0
    }

    /// ``MergedIntegerPlan`` within `budget`, or `nil` when its unmet level is not proven
    /// within it (at 40 x 20 x 36: 278 unmet, 909 person-months; its times in
    /// docs/performance.md).
    ///
    /// The cost's model is the merged model with its shelter cost split back over the
    /// shelters (``splitShelterCost(merged:full:)``), the merged unmet and waiting kept.
    func mergedIntegerPlan(_ full: PlanModel, budget: WorkBudget) -> MergedIntegerPlan? {
        let scenario = full.scenario
        var merged = scenario.mergedShelters()
        merged.options.integer = true
        let pm = PlanModel(scenario: merged)
        guard !pm.model.columns.isEmpty, pm.levels.count == 3 else { return nil }
        var quiet = self
        quiet.verbose = false
        quiet.searchOptions.relativeGap = 0  // its optima are bounds: proven, not near
        // Unmet first, within its share and a cap in steps of the merged model; then waiting
        // from that plan, within a budget tied to what unmet took (the waiting bound pays only
        // where the merged unmet turns out to be the optimum; it used to take the whole share).
        let stepUnits = WorkMeter.unitsPerStep(rows: pm.model.rows.count, columns: pm.model.columns.count)
        let started = budget.used
        let (cap, overflow) = policy.mergedUnmetUnitsPerStep.multipliedReportingOverflow(by: stepUnits)
        guard
            let first = try? quiet.solveLexicographic(
                pm.model, levels: [pm.levels[0]], integer: true,
                budget: overflow ? budget : budget.capped(cap),
                branchingPriority: pm.columnMonth),
            let x1 = first.values, !x1.isEmpty, first.status == .optimal
        else {
            if verbose {
                print(
                    "merged-shelter integer plan: unmet not proven in \(budget.used - started) units (\(stepUnits) a step)"
                )
            }
            return nil
        }
        let unmetUnits = budget.used - started
        let (outcome, x) = mergedWaiting(
            pm, quiet: quiet, unmet: first, plan: x1, unmetUnits: unmetUnits, budget: budget)
        if verbose {
            print(
                "merged-shelter integer plan (\(stepUnits) units a step): unmet in \(unmetUnits) units, waiting \(outcome.status == .optimal ? "proven" : "not proven") in \(budget.used - started - unmetUnits) units"
            )
        }
        var admitted = scenario.groups.map { _ in [Double](repeating: 0, count: scenario.months) }
        for (p, pair) in pm.pairs.enumerated() {
            for (t, j) in pm.admit[p].enumerated() where j >= 0 { admitted[pair.g][t] += x[j].rounded() }
        }
        let unmet = pm.levels[0].value(at: x)
        let waiting = outcome.status == .optimal ? pm.levels[1].value(at: x) : nil
        var cost: (model: LinearModel, level: PlanModel.Level)? = nil
        if let waiting {
            // the cost level, with the shelters' bed costs split back, unmet and waiting kept
            var split = Self.splitShelterCost(merged: pm, full: full)
            for (i, z) in [unmet, waiting].enumerated() {
                let level = split.levels[i]
                split.model.addRow(
                    name: "keep.\(level.name)", upper: tolerance.keepUpper(level, at: z), terms: level.terms)
            }
            cost = (split.model, split.levels[2])
        }
        return MergedIntegerPlan(
            unmet: unmet, waiting: waiting, cost: cost, admitted: admitted,
            solverSeconds: outcome.solverSeconds)
    }

    /// The merged integer plan's waiting level, from its unmet plan `plan`, within a budget
    /// tied to what unmet took (``SolvePolicy/mergedWaitingUnits``); the unmet outcome, marked
    /// feasible, when waiting is not proven.
    func mergedWaiting(
        _ pm: PlanModel, quiet: Planner, unmet first: LexicographicSolver.Outcome, plan x1: [Double],
        unmetUnits: Int, budget: WorkBudget
    ) -> (LexicographicSolver.Outcome, [Double]) {
        let waitingCap = max(Double(policy.mergedWaitingUnits), policy.mergedWaitingFactor * Double(unmetUnits))
        let waitingBudget = budget.capped(waitingCap >= Double(Int.max / 2) ? Int.max / 2 : Int(waitingCap))
        var bounds = KnownBounds()
        bounds.bounds = [pm.levels[0].value(at: x1)]
        let second = try? quiet.solveLexicographic(
            pm.model, levels: Array(pm.levels.prefix(2)), integer: true,
            budget: waitingBudget, firstPlans: [x1], knownBounds: bounds,
            branchingPriority: pm.columnMonth)
        if let second, let x2 = second.values, !x2.isEmpty,
            second.status == .optimal || (second.status == .feasible && second.stoppedLevel == pm.levels[1].name)
        {
            return (second, x2)
        }
        var outcome = first
        outcome.status = .feasible
        return (outcome, x1)
    }

    /// The merged-shelter model `merged` (of ``Scenario/mergedShelters()``) with the people
    /// in shelter split again over the shelters of `full`'s scenario, each within its own
    /// beds, and each shelter's bed nights at its own cost. The merged model puts everyone
    /// in the cheapest bed, a weak bound of the cost level (7.2 M against a plan of 12.9 M
    /// at 40 x 20 x 36); the split fills the cheap beds first and pays the rest at their
    /// price. Still a relaxation: a plan of the scenario, with its own people per shelter
    /// as the split, keeps every row and costs the same. (Admissions and returns stay
    /// merged: the split is not tied to them; budget rows keep the cheapest bed.)
    static func splitShelterCost(merged pm: PlanModel, full: PlanModel)
        -> (model: LinearModel, levels: [PlanModel.Level], columnMonth: [Int])
    {
        var model = pm.model
        var levels = pm.levels
        var columnMonth = pm.columnMonth
        let sc = full.scenario
        let T = sc.months
        guard pm.scenario.shelters.count == 1, sc.shelters.count > 1, levels.count == 3, T >= 1 else {
            return (model, levels, columnMonth)
        }
        let days = (1...T).map { Double(sc.days($0)) }
        // bed nights of the people at the end of month t: half in month t, half in t + 1
        let nights = (1...T).map { t in 0.5 * (days[t - 1] + (t < T ? days[t] : 0)) }
        var initialAt = [Int](repeating: 0, count: sc.shelters.count)
        for (p, pr) in full.pairs.enumerated() { initialAt[pr.s] += full.initialCount[p] }
        let mergedInitial = pm.initialCount.reduce(0, +)
        var cost = levels[2]
        let cheapest = pm.scenario.shelters[0].bedNightCost
        for t in 1...T { cost.coefficients[pm.occ[0][t - 1]] -= cheapest * nights[t - 1] }
        cost.constant -= 0.5 * cheapest * days[0] * Double(mergedInitial)
        var y: [[Int]] = []
        for (s, sh) in sc.shelters.enumerated() {
            y.append((1...T).map { t in model.addColumn(name: "occ.split[\(sh.id),\(t)]") })
            columnMonth += Array(1...T)
            cost.constant += 0.5 * sh.bedNightCost * days[0] * Double(initialAt[s])
        }
        let added = model.columns.count - pm.model.columns.count
        for i in levels.indices { levels[i].coefficients += [Double](repeating: 0, count: added) }
        cost.coefficients += [Double](repeating: 0, count: added)
        for (s, sh) in sc.shelters.enumerated() {
            for t in 1...T {
                cost.coefficients[y[s][t - 1]] = sh.bedNightCost * nights[t - 1]
                var terms: [(Int, Double)] = [(y[s][t - 1], 0.5)]
                if t > 1 { terms.append((y[s][t - 2], 0.5)) }
                model.addRow(
                    name: "beds.split[\(sh.id),\(t)]",
                    upper: Double(sh.beds[t - 1]) - (t == 1 ? 0.5 * Double(initialAt[s]) : 0), terms: terms)
            }
        }
        for t in 1...T {
            model.addRow(
                name: "occ.split[\(t)]", lower: 0, upper: 0,
                terms: [(pm.occ[0][t - 1], -1.0)] + sc.shelters.indices.map { (y[$0][t - 1], 1.0) })
        }
        levels[2] = cost
        return (model, levels, columnMonth)
    }
}

extension Service {
    /// The service over one merged shelter `id`. One that serves every shelter counts the
    /// same people merged. One that serves some only cannot tell its people from the others
    /// there, so it counts them all, with the beds of the shelters it does not serve (that
    /// take a group that needs it) added to its capacity: the people it covers at its own
    /// shelters fit its capacity, those elsewhere those shelters' beds, so every plan of the
    /// scenario keeps the merged row (a relaxation; its cost then counts them all, so the
    /// merged cost level drops its cost: still a bound).
    func merged(into id: String, shelters: [Shelter]) -> Service {
        var v = self
        v.serves = [id]
        let others = shelters.filter { sh in !serves.contains(sh.id) && sh.accepts.contains(where: neededBy.contains) }
        guard !others.isEmpty else { return v }
        for t in v.capacity.indices { v.capacity[t] += others.reduce(0) { $0 + $1.beds[t] } }
        v.costPerCaseMonth = 0
        return v
    }
}
