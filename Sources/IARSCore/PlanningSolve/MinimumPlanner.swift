import Foundation
import IARSInput
import LinearProgramming

/// What `iars plan --minimum` found: the least amount of one capacity with which the plan
/// reaches the unmet it reaches with that capacity unlimited, and the plan at that amount.
public struct MinimumResult: Sendable {
    public var target: CapacityTarget
    /// `optimal`: the amount is proven least; `feasible`: the effort ran out first (the
    /// amount is enough, perhaps not least); `infeasible` or `timeLimit`: no amount (then
    /// ``plan`` says why).
    public var status: PlanResult.Status
    /// The least amount (a whole number for a count), when there is one.
    public var amount: Double?
    /// The priority-weighted unmet with the capacity unlimited (and so at ``amount``).
    public var unmet: Double?
    /// The amount's relative gap to its proven bound, when the effort stopped it.
    public var gap: Double?
    /// Work units of the minimum's solve (the plan at the amount counts its own).
    public var effort = 0
    /// The plan with the capacity at ``amount``; without an amount, the plan with the
    /// capacity unlimited (which says why there is none).
    public var plan: PlanResult
    /// The scenario ``plan`` plans (the capacity set to ``amount``).
    public var scenario: Scenario
}

extension Planner {
    /// The least amount of `target` with which `scenario`'s plan reaches the unmet it
    /// reaches with that capacity unlimited, and the plan at that amount.
    ///
    /// Two solves: ``MinimumModel``'s levels (unmet, then the amount), then an ordinary
    /// plan of the scenario with the capacity at the amount, whose waiting and cost are
    /// those of the spec's order (unmet, amount, waiting, cost): at the amount, every plan
    /// that uses no more is a plan of that scenario.
    ///
    /// - Precondition: `target.check(in: scenario)` passed.
    /// - Throws: ``LinearProgrammingError`` only on an internal error.
    public func minimum(_ scenario: Scenario, target: CapacityTarget) throws -> MinimumResult {
        let mm = MinimumModel(scenario: scenario, target: target)
        let budget = runBudget(scenario, started: ContinuousClock.now)
        let outcome = try solveLexicographic(
            mm.model, levels: mm.levels, integer: scenario.options.integer, budget: budget,
            branchingPriority: mm.plan.columnMonth + [0])
        guard let x = outcome.values, outcome.stoppedLevel != mm.levels[0].name else {
            // No plan even with the capacity unlimited (or none found): the ordinary plan of
            // that scenario says why.
            let unlimited = mm.plan.scenario
            var result = MinimumResult(
                target: target, status: outcome.status == .infeasible ? .infeasible : .timeLimit,
                plan: try plan(unlimited), scenario: unlimited)
            result.effort = budget.used
            if result.plan.status == .infeasible { result.status = .infeasible }
            return result
        }
        let amount = mm.amount(at: x)
        let atAmount = target.setting(amount, in: scenario)
        var result = MinimumResult(
            target: target, status: outcome.status == .optimal ? .optimal : .feasible, amount: amount,
            unmet: mm.levels[0].value(at: x), plan: try plan(atAmount), scenario: atAmount)
        result.gap = outcome.gap
        result.effort = budget.used
        return result
    }
}
