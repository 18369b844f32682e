import Foundation
import IARSInput
import LinearProgramming

extension Planner {
    /// The bounds and first plans of ``firstPlan(_:budget:stages:forExport:)``.
    struct FirstPlan {
        /// Plans of the model (checked by the caller), for the first level's incumbent.
        var plans: [[Double]] = []
        /// Bounds of the levels from the merged-shelter relaxation.
        var known = KnownBounds()
        /// The first level's LP relaxation, beside the time windows (a budget of its own).
        var sideBound: SideBound? = nil
        /// The split merged relaxation's cost bound (a budget of its own).
        var costSide: SideBound? = nil
        /// Time inside GLPK in the merged relaxations, the time windows and the cost polish.
        var solverSeconds = 0.0
        /// Time of the whole phase.
        var seconds = 0.0
    }

    /// A plan gets bounds and a first plan before the exact steps (docs/formulation.md,
    /// "Large plans"), in the stages ``SolvePolicy/stages(columns:integer:shelters:)`` chose:
    /// the merged-shelter integer plan and relaxation (MergedShelters.swift), the rules' plan
    /// (RulesPlan.swift; an LP relaxation takes it too, as a point of its feasible set), the
    /// later levels' bounds, and for a large model the cost polish (CostPolish.swift) or the
    /// time windows (TimeWindows.swift), each in its share of the budget left.
    ///
    /// - Parameter forExport: only what proves the earlier levels of an exported level: no
    ///   bounds for gaps (nobody would wait for them), no cost polish.
    func firstPlan(
        _ pm: PlanModel, budget: WorkBudget, stages: [SolvePolicy.Stage]? = nil,
        forExport: Bool = false
    ) throws -> FirstPlan {
        let scenario = pm.scenario
        let stages =
            stages
            ?? policy.stages(
                columns: pm.model.columns.count, integer: scenario.options.integer,
                shelters: scenario.shelters.count
            ).filter { $0 != .exactFirst }
        var run = FirstPlanStages(planner: self, pm: pm, budget: budget, stages: stages, forExport: forExport)
        let firstStart = ContinuousClock.now
        run.mergedIntegerPlanStage()
        run.mergedRelaxationStage()
        run.rulesStage()
        // A rules' plan at the bound is optimal in unmet: no windows, no relaxation beside them.
        let proven = run.first.plans.contains(where: run.meetsUnmetBound)
        run.laterBoundsStage(proven: proven)
        try run.costPolishStage()
        if stages.contains(.windows) && !proven { try run.windowsStage() }
        run.first.seconds = (ContinuousClock.now - firstStart).inSeconds
        return run.first
    }
}

/// The state of ``Planner/firstPlan(_:budget:stages:forExport:)`` from one stage to the next.
struct FirstPlanStages {
    let planner: Planner
    let pm: PlanModel
    let budget: WorkBudget
    let stages: [SolvePolicy.Stage]
    let forExport: Bool
    let integer: Bool
    let twoCores: Bool
    var first = Planner.FirstPlan()
    /// The merged-shelter scenario's own integer plan.
    var mergedPlan: Planner.MergedIntegerPlan? = nil
    /// The merged-shelter LP relaxation.
    var merged: Planner.MergedRelaxation? = nil
    /// The proven bound of unmet, rounded up to a value a plan can have.
    var attainable: Double? = nil

    init(planner: Planner, pm: PlanModel, budget: WorkBudget, stages: [SolvePolicy.Stage], forExport: Bool) {
        self.planner = planner
        self.pm = pm
        self.budget = budget
        self.stages = stages
        self.forExport = forExport
        integer = pm.scenario.options.integer
        twoCores = planner.boundOnSecondThread && ProcessInfo.processInfo.activeProcessorCount >= 2
    }

    var policy: SolvePolicy { planner.policy }
    var verbose: Bool { planner.verbose }
    var tolerance: KeepTolerance { planner.tolerance }

    func elapsed(since t: ContinuousClock.Instant) -> String {
        String(format: "%.3f", (ContinuousClock.now - t).inSeconds)
    }

    /// Whether `x` meets the proven bound of unmet.
    func meetsUnmetBound(_ x: [Double]) -> Bool {
        attainable.map { tolerance.meetsBound(pm.levels[0].value(at: x), $0, integer: integer) } ?? false
    }

    /// The merged-shelter scenario (an integer plan): its own integer plan. Its unmet bounds
    /// the unmet level (as high as its LP's or higher: 47 against 46.5 at 15 x 8 x 24), its
    /// waiting and cost bound the later levels when the earlier ones' optima turn out the
    /// same, and its admissions, whole cases, guide the rules first. An LP relaxation takes
    /// its admissions too, to guide the rules (their plan then often meets the merged LP's
    /// bounds of unmet and waiting), but not its values as bounds.
    mutating func mergedIntegerPlanStage() {
        guard stages.contains(.mergedIntegerPlan) || (!integer && pm.scenario.shelters.count > 1) else { return }
        let t = ContinuousClock.now
        mergedPlan = planner.mergedIntegerPlan(pm, budget: budget.share(policy.mergedIntegerPlanShare))
        first.solverSeconds += mergedPlan?.solverSeconds ?? 0
        if verbose {
            let proven = mergedPlan.map { p in
                "unmet \(p.unmet), waiting \(p.waiting.map { String($0) } ?? "not proven")"
            }
            print("merged-shelter integer plan: \(proven ?? "none") in \(elapsed(since: t)) s")
        }
    }

    /// Without a merged integer plan (an LP relaxation, one shelter, or no integer plan within
    /// its share), its LP relaxation: its bound of unmet, and its admissions for some of the
    /// rules' tries.
    mutating func mergedRelaxationStage() {
        if stages.contains(.mergedRelaxation) && (mergedPlan == nil || !integer) {
            let t = ContinuousClock.now
            merged = planner.mergedRelaxation(pm.scenario, budget: budget.share(policy.mergedRelaxationShare))
            first.solverSeconds += merged?.solverSeconds ?? 0
            if verbose {
                print(
                    "merged-shelter bound of unmet: \(merged.map { String($0.bound) } ?? "none") in \(elapsed(since: t)) s"
                )
            }
        }
        let mergedBound = integer ? mergedPlan?.unmet ?? merged?.bound : merged?.bound
        let isInteger = pm.model.columns.map(\.isInteger)
        attainable = mergedBound.map { Planner.attainable($0, level: pm.levels[0], isInteger: isInteger) }
        first.known.bounds = [mergedBound]
    }

    /// The rules' tries: those the merged integer plan guides (all of them, for the best
    /// waiting and cost), then, unless one meets the unmet bound, the others, which stop at a
    /// plan that meets it; all within their share.
    mutating func rulesStage() {
        let rulesStart = ContinuousClock.now
        let rulesBudget = budget.share(policy.rulesShare)
        if let mergedPlan,
            let x = Planner.rulesPlan(
                pm, targets: mergedPlan.admitted, onlyGuided: true,
                budget: rulesBudget, policy: policy, verbose: verbose)
        {
            first.plans.append(x)
        }
        if !first.plans.contains(where: meetsUnmetBound),
            let x = Planner.rulesPlan(
                pm, targets: merged?.admitted, bound: attainable, budget: rulesBudget,
                policy: policy, verbose: verbose)
        {
            first.plans.append(x)
        }
        if verbose {
            let best = first.plans.map { pm.levels[0].value(at: $0) }.min()
            print("the rules' plan: \(best.map { "unmet \($0)" } ?? "none") in \(elapsed(since: rulesStart)) s")
        }
    }

    /// The split cost model's LP, the cost level's bound: a budget of its own (a share of
    /// what is left now, on a meter of its own), on a second thread beside the exact steps
    /// where there is one, else here; the bound is the same either way.
    mutating func boundCost(_ cost: (model: LinearModel, level: PlanModel.Level)) {
        first.costSide = Planner.SideBound(
            model: cost.model, level: cost.level,
            budget: budget.share(policy.costBoundShare).detached(), thread: twoCores)
    }

    /// Bounds of the waiting and cost levels from the merged models. (An LP relaxation: the
    /// merged integer plan's waiting and cost bound it only where they meet the merged LP's
    /// bounds.)
    mutating func laterBoundsStage(proven: Bool) {
        guard stages.contains(.laterBounds) else { return }
        if integer, let mergedPlan, let u = attainable, tolerance.meets(mergedPlan.unmet, u) {
            // The merged integer plan's waiting (proven) and the bound of its cost, for the
            // plans whose unmet (and waiting) turn out the same (the cost's, for the final gap).
            first.known.bounds.append(mergedPlan.waiting)
            first.known.optima = [mergedPlan.unmet, mergedPlan.waiting]
            if let cost = mergedPlan.cost, !forExport { boundCost(cost) }
        } else if proven, let u = attainable {
            // Unmet proven at the relaxation's bound: the merged relaxation's least waiting
            // at that unmet bounds the waiting level.
            let w = planner.mergedRelaxation(pm.scenario, unmet: u, budget: budget.share(policy.waitingBoundShare))?
                .bound
            first.known.bounds.append(w)
            first.known.optima = [u]
            // An LP relaxation whose merged integer plan meets the merged LP's unmet and
            // waiting: those are the merged LP's optima too, so the split cost model (kept at
            // them) bounds the cost level once the model's optima turn out the same.
            if !integer, let mergedPlan, let w, let mw = mergedPlan.waiting, let cost = mergedPlan.cost,
                tolerance.meetsBound(mergedPlan.unmet, u, integer: false), tolerance.meetsBound(mw, w, integer: false)
            {
                first.known.optima = [u, w]
                if !forExport { boundCost(cost) }
            }
        }
        if verbose && first.known.bounds.count > 1 {
            print(
                "merged-shelter bounds of the later levels: \(first.known.bounds.dropFirst().map { $0.map { String($0) } ?? "none" }.joined(separator: ", "))"
            )
        }
    }

    /// A large plan whose first plan meets the unmet and waiting bounds: its cost is lowered
    /// by fix and optimize (the cost level's exact steps take GLPK far longer there). (An LP
    /// relaxation's bounds are simplex optima: `meetsBound`.)
    mutating func costPolishStage() throws {
        guard stages.contains(.costPolish) && !forExport,
            let best = first.plans.min(by: { a, b in
                tolerance.precedes(
                    pm.levels.map { $0.value(at: a) }, pm.levels.map { $0.value(at: b) }, integer: integer)
            }),
            first.known.optima.count >= 2, let u = first.known.optima[0], let w = first.known.optima[1],
            tolerance.meetsBound(pm.levels[0].value(at: best), u, integer: integer),
            tolerance.meetsBound(pm.levels[1].value(at: best), w, integer: integer)
        else { return }
        let polishStart = ContinuousClock.now
        let polished = try planner.polishCost(pm, plan: best, budget: budget.share(policy.polishShare))
        if let x = polished.plan { first.plans.append(x) }
        first.solverSeconds += polished.solverSeconds
        if verbose {
            let values = polished.plan.map { x in
                zip(pm.levels, pm.levels.map { $0.value(at: x) }).map { "\($0.name) \($1)" }.joined(separator: ", ")
            }
            print("cost polish: \(values ?? "no lower cost") in \(elapsed(since: polishStart)) s")
        }
    }

    /// A plan made a few months at a time, with the first level's LP beside it; the rules
    /// complete it when the windows stop before the last month.
    mutating func windowsStage() throws {
        let scenario = pm.scenario
        if !forExport {
            first.sideBound = Planner.SideBound(
                model: pm.model, level: pm.levels[0], budget: budget.detached(),
                thread: twoCores, configure: Planner.SideBound.firstLevelSettings)
        }
        guard let w = try planner.planByWindows(scenario, model: pm, budget: budget.share(policy.windowsShare)) else {
            return
        }
        first.solverSeconds += w.solverSeconds
        if w.months == scenario.months {
            first.plans.append(w.values)
        } else if let x = Planner.rulesPlan(
            pm, prefix: (w.months, w.values), targets: mergedPlan?.admitted ?? merged?.admitted,
            budget: budget, policy: policy, verbose: verbose)
        {
            if verbose { print("the rules complete the windows' plan from month \(w.months + 1)") }
            first.plans.append(x)
        }
    }
}
