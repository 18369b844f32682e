import Foundation
import LinearProgramming

/// Plans a scenario: builds ``PlanModel``, solves it lexicographically (unmet,
/// then waiting, then cost) on one GLPK problem, and turns the solution into a
/// ``PlanResult``.
public struct Planner: Sendable {
    /// A kept level may exceed its optimum by `relativeTolerance * |z| + absoluteTolerance`.
    public var relativeTolerance = 1e-9
    public var absoluteTolerance = 1e-7
    /// Overrides `options.time_limit_seconds` of the scenario when set.
    public var timeLimit: Double?
    /// Shows GLPK's own log on standard output.
    public var verbose = false
    /// Search settings for the integer levels.
    public var searchOptions = SolveOptions()

    public init(timeLimit: Double? = nil, verbose: Bool = false) {
        self.timeLimit = timeLimit
        self.verbose = verbose
    }

    /// Plans `scenario`.
    ///
    /// - Returns: the plan (status optimal or feasible), or a result with status
    ///   infeasible (with ``PlanResult/reasons``) or time-limit.
    /// - Throws: ``LinearProgrammingError`` only on an internal error (a model the
    ///   solver layer refuses); bad input is refused earlier by ``ScenarioLoader``.
    public func plan(_ scenario: Scenario) throws -> PlanResult {
        try plan(scenario, warmStart: nil).result
    }

    /// Plans `scenario`, trying `warmStart` (a plan of a similar scenario, e.g. the
    /// previous point of a sweep) as the first incumbent; also returns this plan as
    /// a warm start for the next scenario. See ``PlanWarmStart``.
    public func plan(_ scenario: Scenario, warmStart: PlanWarmStart?) throws -> (result: PlanResult, warmStart: PlanWarmStart?) {
        let clock = ContinuousClock()
        let started = clock.now
        let limit = timeLimit ?? scenario.options.timeLimitSeconds
        let deadline = limit.map { started + .milliseconds(Int64(($0 * 1000).rounded(.up))) }

        let pm = PlanModel(scenario: scenario)
        var result = PlanResult(scenario: scenario.name, status: .optimal, integer: scenario.options.integer,
                                objective: nil, budgetTotal: scenario.budget.total, currency: scenario.currency)
        result.size = .init(columns: pm.model.columns.count, rows: pm.model.rows.count,
                            nonzeros: pm.model.numberOfNonzeros,
                            integers: pm.model.columns.reduce(0) { $0 + ($1.isInteger ? 1 : 0) })
        result.timing.build = seconds(clock.now - started)

        let outcome = try solveLexicographic(pm.model, levels: pm.levels, integer: scenario.options.integer,
                                             deadline: deadline, clock: clock,
                                             start: warmStart.map { $0.point(for: pm.model) })
        result.timing.levels = outcome.seconds
        let extractStart = clock.now
        guard let x = outcome.values else {
            if outcome.status == .infeasible {
                result.status = .infeasible
                result.reasons = try explainInfeasibility(scenario)
            } else {
                result.status = .timeLimit
            }
            result.timing.extract = seconds(clock.now - extractStart)
            return (result, nil)
        }
        result.status = outcome.status == .optimal ? .optimal : .feasible
        result.gap = outcome.gap
        result.stoppedLevel = outcome.stoppedLevel
        PlanEvaluator(model: pm, values: x).fill(&result)
        result.timing.extract = seconds(clock.now - extractStart)
        return (result, PlanWarmStart(model: pm.model, values: x))
    }

    struct LexOutcome {
        var status: SolverStatus
        var values: [Double]?
        var seconds: [Double] = []
        var gap: Double?
        var stoppedLevel: String?
    }

    /// Minimises each level in turn, keeping the earlier ones at their optimum, on
    /// one GLPK problem: each level starts from the previous level's basis and
    /// plan (a feasible incumbent for the next level).
    func solveLexicographic(_ model: LinearModel, levels: [PlanModel.Level], integer: Bool,
                            deadline: ContinuousClock.Instant?, clock: ContinuousClock,
                            start: [Double]? = nil) throws -> LexOutcome {
        var outcome = LexOutcome(status: .optimal)
        if model.columns.isEmpty {
            // Nothing to decide (no admissions or returns possible): check the rows' constants.
            let feasible = model.rows.allSatisfy { $0.lower <= 1e-9 && $0.upper >= -1e-9 }
            outcome.status = feasible ? .optimal : .infeasible
            outcome.values = feasible ? [] : nil
            return outcome
        }
        var problem = try GLPKProblem(model)
        var options = searchOptions
        options.verbose = verbose
        options.relaxIntegrality = !integer
        var x: [Double]? = nil
        for level in levels {
            let levelStart = clock.now
            if let deadline {
                let left = seconds(deadline - levelStart)
                if left <= 0.001 {
                    outcome.status = .feasible
                    outcome.stoppedLevel = level.name
                    break
                }
                options.timeLimit = left
            }
            try problem.setObjective(level.coefficients, constant: level.constant)
            if let dir = ProcessInfo.processInfo.environment["IARS_DUMP_LEVELS"] {
                try problem.write(format: .lp, to: "\(dir)/level-\(level.name).lp")
            }
            options.incumbent = integer ? (x ?? start) : nil
            let solution = try problem.solve(options: options)
            outcome.seconds.append(seconds(clock.now - levelStart))
            switch solution.status {
            case .optimal, .feasible:
                x = solution.values
                if solution.status == .feasible {
                    outcome.status = .feasible
                    outcome.gap = solution.gap
                    outcome.stoppedLevel = level.name
                }
            case .infeasible where x == nil:
                outcome.status = .infeasible
                return outcome
            case .timeLimit where x == nil:
                outcome.status = .timeLimit
                return outcome
            default:
                // A later level stopped without a better point: the earlier plan stands.
                outcome.status = x == nil ? solution.status : .feasible
                outcome.stoppedLevel = level.name
                outcome.values = x
                return outcome
            }
            if solution.status == .feasible { break }
            // keep this level at its optimum: c.x <= z - constant + tol(z)
            // The level's value at the point carried on (integer columns rounded): the
            // next level's incumbent must satisfy the keep row exactly.
            var z = level.constant
            for (j, a) in level.coefficients.enumerated() where a != 0 { z += a * solution.values[j] }
            if let zs = solution.objective { z = max(z, zs) }
            var terms: [(Int, Double)] = []
            for (j, a) in level.coefficients.enumerated() where a != 0 { terms.append((j, a)) }
            let bound = z - level.constant + relativeTolerance * abs(z) + absoluteTolerance
            _ = try problem.addRow(name: "keep.\(level.name)", lower: -.infinity, upper: bound, terms: terms)
        }
        outcome.values = x
        return outcome
    }

    /// The least stretching of beds and budgets that lets the people already in
    /// shelter be housed and paid for, as sentences.
    func explainInfeasibility(_ scenario: Scenario) throws -> [PlanResult.InfeasibilityReason] {
        let pm = PlanModel(scenario: scenario, elastic: true)
        var problem = try GLPKProblem(pm.model)
        var options = searchOptions
        options.relaxIntegrality = !scenario.options.integer
        options.timeLimit = 30
        try problem.setObjective(pm.levels[0].coefficients, constant: 0)
        let solution = try problem.solve(options: options)
        guard solution.hasPoint else {
            return [.init(kind: .other, month: nil, shelter: nil, shortBy: 0,
                          message: "no plan exists, and stretching beds and budgets does not find one")]
        }
        let x = solution.values
        var reasons: [PlanResult.InfeasibilityReason] = []
        let cur = scenario.currency
        for t in 1...scenario.months {
            for (s, sh) in scenario.shelters.enumerated() {
                let v = x[pm.bedSlack[s][t - 1]]
                if v > 1e-6 {
                    reasons.append(.init(
                        kind: .beds, month: scenario.label(t), shelter: sh.id, shortBy: v,
                        message: "\(scenario.label(t)): shelter \(sh.id) cannot hold the people already in shelter: "
                            + "\(sh.beds[t - 1]) beds, \(formatAmount(v)) more needed on average "
                            + "(raise shelters[\(s)].beds for \(scenario.label(t)) or lower the initial cases)"))
                }
            }
            if !pm.monthlySlack.isEmpty {
                let v = x[pm.monthlySlack[t - 1]]
                if v > 1e-6 {
                    reasons.append(.init(
                        kind: .monthlyBudget, month: scenario.label(t), shelter: nil, shortBy: v,
                        message: "\(scenario.label(t)): budget.monthly cannot pay for the people already in shelter: "
                            + "short by \(String(format: "%.2f", v)) \(cur) "
                            + "(the cap is \(String(format: "%.2f", scenario.budget.monthly![t - 1])) \(cur))"))
                }
            }
        }
        if pm.totalSlack >= 0, x[pm.totalSlack] > 1e-6 {
            let v = x[pm.totalSlack]
            reasons.append(.init(
                kind: .totalBudget, month: nil, shelter: nil, shortBy: v,
                message: "budget.total cannot pay for the people already in shelter: short by "
                    + "\(String(format: "%.2f", v)) \(cur) (the cap is \(String(format: "%.2f", scenario.budget.total!)) \(cur))"))
        }
        if reasons.isEmpty {
            reasons.append(.init(kind: .other, month: nil, shelter: nil, shortBy: 0,
                                 message: "no plan exists (numerical trouble: the diagnosis needed no stretching)"))
        }
        return reasons
    }
}

func seconds(_ d: Duration) -> Double {
    let c = d.components
    return Double(c.seconds) + Double(c.attoseconds) * 1e-18
}

/// A count or amount as a person reads it: integers without decimals, others with up to 2.
func formatAmount(_ v: Double) -> String {
    if abs(v - v.rounded()) < 1e-9 { return String(Int(v.rounded())) }
    return String(format: "%.2f", v)
}
