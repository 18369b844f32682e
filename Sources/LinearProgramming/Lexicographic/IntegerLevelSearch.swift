/// One integer level of a lexicographic run (docs/formulation.md, "Solving lexicographically"):
/// 1. a dive for an integral point; when its value meets the LP relaxation's bound
///    (rounded up to the objective's unit), it is optimal and nothing else runs; when it
///    does not, RINS around the best point so far under a cap at the bound;
/// 2. for an objective with a unit, a short branch-and-cut, which proves small models
///    and raises the bound on larger ones;
/// 3. a search for a point at the bound: the level's keep row caps the objective at the
///    bound, and branch-and-cut, branching on the columns by priority (month by month)
///    depth first, looks for any point under it. A point found is optimal (nothing is
///    below the bound); a search that proves there is none raises the bound by one unit
///    and tries again. Each try has a budget; when one runs out, a dive under the cap gets
///    a last chance, then step 4 (on a later level of a model with GLPK's cuts, a try is
///    RINS alone: ``LexicographicSolver/SearchPolicy/laterSearchesWithCuts``);
/// 4. branch-and-cut on the level's objective, from the best point so far: GLPK's rule for
///    ``LexicographicSolver/SearchPolicy/lastSearchFirstSteps``, then, when that has not
///    proven the level, rounds of RINS for a better point (from the caller's later plans
///    too, on the first level: ``offerLaterPlans(_:)``), then again from the best point and
///    bound by ``LexicographicSolver/SearchPolicy/lastSearchBranching`` (by that rule at
///    once when the best point is one unit above the bound, ``onlyProofLeft``, and on the
///    cost level of a model with GLPK's cuts, ``costByLaterRule``).
struct IntegerLevelSearch {
    let index: Int
    let objective: Objective
    let unit: ObjectiveUnit?
    let scale: Double
    /// The previous level's point.
    let previous: [Double]?
    /// A hint for branch-and-cut (a neighbouring plan); never proves anything.
    let hint: [Double]?
    /// `diveOnly`: the dive's point, or the best at hand after it, is the level's point
    /// (reported optimal: for time windows only); steps 2 and 3 are skipped.
    let diveOnly: Bool
    var options: SolveOptions
    let policy: LexicographicSolver.SearchPolicy
    let verbose: Bool
    let branchingPriority: [Int]?
    let budget: WorkBudget
    let tolerance: KeepTolerance
    /// More plans, asked for once when step 4's first part and rounds of RINS have not
    /// proven the level (``offerLaterPlans(_:)``).
    let laterPlans: LexicographicSolver.LaterPlans?
    /// The units used when the level started.
    let startUnits: Int
    /// The least value a point can have, as far as is proven.
    var bound: Double?
    /// The best point so far.
    var incumbent: [Double]?
    /// Seconds inside GLPK.
    var solverSeconds = 0.0

    init(
        index: Int, objective: Objective, unit: ObjectiveUnit?, previous: [Double]?, hint: [Double]?,
        firstPlan: [Double]?, knownBound: Double?, diveOnly: Bool, options: SolveOptions,
        search: LexicographicSolver.Search, branchingPriority: [Int]?, budget: WorkBudget, tolerance: KeepTolerance,
        laterPlans: LexicographicSolver.LaterPlans? = nil
    ) {
        self.index = index
        self.objective = objective
        self.unit = unit
        scale = unit?.scale ?? 1
        self.previous = previous
        self.hint = hint
        self.diveOnly = diveOnly
        self.options = options
        policy = search.policy
        verbose = search.verbose
        self.branchingPriority = branchingPriority
        self.budget = budget
        self.tolerance = tolerance
        self.laterPlans = laterPlans
        startUnits = budget.used
        bound = knownBound.map { b in unit?.attainable(b, objective: objective) ?? b }
        incumbent = previous ?? firstPlan
    }

    /// The units this level has used so far.
    var levelUnits: Int { budget.used - startUnits }
    func value(_ v: [Double]) -> Double { objective.value(at: v) }
    func roundUp(_ b: Double) -> Double { unit?.attainable(b, objective: objective) ?? b }
    func seconds(_ s: Double) -> String { String(format: "%.2f", s) }

    /// Steps 1 and 3 search under a cap at the bound (levels with a unit and a branching
    /// order; not time windows).
    var searchesAtBound: Bool { !diveOnly && unit != nil && branchingPriority != nil }

    mutating func run(_ lex: LexicographicSolver) throws -> Solution {
        if let s = try dive(lex) { return s }
        if let s = try rinsAtBound(lex) { return s }
        if let s = try shortSearch(lex) { return s }
        if let s = try searchAtBound(lex) { return s }
        return try branchAndCut(lex)
    }

    func optimal(_ point: [Double], _ message: String) -> Solution {
        var s = Solution(status: .optimal, message: message)
        s.values = point
        s.objective = value(point) * scale
        s.bound = s.objective
        s.gap = 0
        return s
    }

    /// The best point so far when the budget is spent, with its gap to the proven bound, if any.
    func stopped() -> Solution {
        var s = Solution(status: incumbent == nil ? .timeLimit : .feasible, message: "the budget ran out")
        s.stopCause = budget.exhausted ?? .effort
        s.values = incumbent ?? []
        if let inc = incumbent, let b = bound {
            s.objective = value(inc) * scale
            s.bound = b * scale
            s.gap = Solution.relativeGap(objective: value(inc), bound: b)
        }
        return s
    }

    /// 1. The dive. With the previous level's point in hand a long dive rarely pays; on an
    /// objective without a unit (cost) only its first solve, the relaxation, is wanted. A
    /// time window (dive only) has months relaxed to fractions, so no unit: its later levels dive too.
    mutating func dive(_ lex: LexicographicSolver) throws -> Solution? {
        let solves = previous == nil ? policy.firstDiveSolves : (unit == nil && !diveOnly ? 1 : policy.laterDiveSolves)
        let dive = try lex.problem.dive(options: options, limits: .init(maximumSolves: solves))
        solverSeconds += dive.solverSeconds
        if verbose {
            print(
                "dive: bound \(dive.relaxationBound.map { String($0 / scale) } ?? "-"), point \(dive.values.map { String(value($0)) } ?? "none") after \(dive.solves) LP solves, \(seconds(dive.solverSeconds)) s"
            )
        }
        if let v = dive.values, incumbent == nil || value(v) < value(incumbent!) { incumbent = v }
        if let b = dive.relaxationBound { bound = max(bound ?? -.infinity, roundUp(b / scale)) }
        if let b = bound, let inc = incumbent, value(inc) <= b + tolerance.allowance(value(inc)) {
            return optimal(inc, "the dive's point meets the LP bound")
        }
        if diveOnly, let inc = incumbent { return optimal(inc, "the best point at hand (dive only)") }
        return nil
    }

    /// 1, after the dive. RINS under the cap at the bound around the best point so far
    /// (``LexicographicSolver/SearchPolicy/diveRinsUnits``), every agreeing integer column
    /// fixed: where the dive's point is a few units above the bound, a plan at the bound
    /// often differs from it in a handful of columns (gen-5017: 17 unmet at once, where
    /// the short search took 305 nodes). A point found is optimal.
    mutating func rinsAtBound(_ lex: LexicographicSolver) throws -> Solution? {
        guard searchesAtBound, policy.diveRinsUnits > 0, let b = bound, let inc = incumbent,
            budget.exhausted == nil
        else { return nil }
        // Where nothing is found the model and basis are left as they were: the row is removed
        // again if it was added here (an extra row, even an empty one, moves GLPK's simplex to
        // another optimal vertex and its search down another path; docs/performance.md).
        let basis = lex.problem.currentBasis()
        let added = lex.keepRows[index] == nil
        let row = try lex.freeKeepRow(index)
        defer {
            try? lex.problem.setRowBounds(row, lower: -.infinity, upper: .infinity)
            if added { try? lex.removeKeepRow(index) }
            try? lex.problem.restoreBasis(basis)
        }
        guard let v = try rins(lex, row: row, cap: b, around: inc, units: policy.diveRinsUnits) else { return nil }
        incumbent = v
        return optimal(v, "a neighbourhood of the dive's point held one at the bound")
    }

    /// RINS under the keep row `row` set to `cap` (``GLPKProblem/neighbourhoodSearch(incumbent:options:minimumFixedShare:fixImpliedColumns:)``):
    /// every integer column (implied ones too) where `point` and the capped LP agree is
    /// fixed, and the rest is searched by GLPK's branch-and-cut with the level's settings
    /// within `units`. The row is left as set.
    mutating func rins(
        _ lex: LexicographicSolver, row: Int, cap: Double, around point: [Double], units: Int
    ) throws -> [Double]? {
        var sub = options
        sub.incumbent = nil
        sub.method = .dual
        sub.budget = budget.capped(units)
        try lex.problem.setRowBounds(
            row, lower: -.infinity, upper: cap - objective.constant + tolerance.allowance(cap))
        let r = try lex.problem.neighbourhoodSearch(
            incumbent: point, options: sub, minimumFixedShare: policy.rinsMinimumFixedShare,
            fixImpliedColumns: true)
        solverSeconds += r.solverSeconds
        if verbose {
            print(
                "RINS under \(cap): \(r.fixed) of \(r.decisions) integer columns fixed, \(r.status.map { "\($0)" } ?? "not searched"), point \(r.values.map { String(value($0)) } ?? "none") in \(seconds(r.solverSeconds)) s"
            )
        }
        return r.values
    }

    /// 2. A short branch-and-cut: small models are proven here, and on larger ones it raises
    /// the bound the search of step 3 starts from.
    mutating func shortSearch(_ lex: LexicographicSolver) throws -> Solution? {
        guard unit != nil && !diveOnly && budget.exhausted == nil else { return nil }
        var short = options
        short.incumbent = incumbent ?? hint
        short.method = .dual
        short.budget = budget.capped(policy.shortSearchBudget(levelUnits: levelUnits))
        let s = try lex.problem.solve(options: short)
        solverSeconds += s.seconds
        if verbose {
            print(
                "branch-and-cut (short): \(s.status) (\(s.message)) in \(seconds(s.seconds)) s, bound \(s.bound.map { String($0 / scale) } ?? "-")"
            )
        }
        if s.status == .optimal || s.status == .infeasible { return s }
        if s.status == .feasible, incumbent.map({ value(s.values) < value($0) }) ?? true { incumbent = s.values }
        if let b = s.bound { bound = max(bound ?? -.infinity, roundUp(b / scale)) }
        return nil
    }

    /// 3. A point at the bound: the level's keep row caps the objective, and each try looks
    /// for any point under the cap (the row is left free for the caller to keep the level).
    mutating func searchAtBound(_ lex: LexicographicSolver) throws -> Solution? {
        guard !diveOnly, let u = unit, var target = bound, let branchingPriority else { return nil }
        let row = try lex.freeKeepRow(index)
        defer { try? lex.problem.setRowBounds(row, lower: -.infinity, upper: .infinity) }
        var search = options
        search.branchingPriority = branchingPriority
        search.backtracking = .depthFirst
        search.incumbent = nil
        search.method = .dual
        search.stopAtFirstPoint = true  // any point under the cap will do
        search.cuts = .none  // cuts cost more than they save when any point will do
        var tries = 0
        while incumbent.map({ value($0) > target + tolerance.allowance(target) }) ?? true {
            // each try may use a multiple of what the level has used so far, and at least a try's worth
            let tryUnits = min(policy.searchTryBudget(levelUnits: levelUnits, withCuts: options.cuts.any), budget.left)
            if budget.exhausted != nil { break }
            try lex.problem.setRowBounds(
                row, lower: -.infinity,
                upper: target - objective.constant + tolerance.allowance(target))
            tries += 1
            let s = try searchTry(lex, search, target: target, units: tryUnits)
            if let v = s.point { return optimal(v, "a point at the proven bound (\(s.how ?? "\(tries) searches"))") }
            guard s.infeasible else { break }
            target += u.unit
            bound = target
        }
        if let inc = incumbent, value(inc) <= target + tolerance.allowance(target) {
            return optimal(inc, "the best point meets the proven bound")
        }
        return nil
    }

    /// One try of step 3 under the cap at `target`: a short search first (it proves most
    /// targets out of reach in a few nodes), a dive under the cap, the rest of the try's
    /// units. Without an earlier level's point the LP guides a dive well: it goes before
    /// the long search. On a later level of a model with GLPK's cuts there is neither search
    /// nor dive, only RINS (``LexicographicSolver/SearchPolicy/laterSearchesWithCuts``).
    mutating func searchTry(
        _ lex: LexicographicSolver, _ search: SolveOptions, target: Double,
        units: Int
    ) throws -> (point: [Double]?, how: String?, infeasible: Bool) {
        if previous != nil && options.cuts.any && !policy.laterSearchesWithCuts {
            return (try neighbourhood(lex, search), "RINS", false)
        }
        let tryStart = budget.used
        var s = try run(lex, search, target: target, units: min(units, policy.firstSearchTryUnits))
        let diveFirst = previous == nil
        if s.status == .timeLimit && diveFirst, let v = try cappedDive(lex, target: target) {
            return (v, "a dive", false)
        }
        if s.status == .timeLimit, let v = try neighbourhood(lex, search) {
            return (v, "RINS", false)
        }
        let left = units - (budget.used - tryStart)
        if s.status == .timeLimit && s.stopCause == .effort && left > 0 && budget.exhausted == nil {
            s = try run(lex, search, target: target, units: left)
        }
        if s.status == .timeLimit && !diveFirst, let v = try cappedDive(lex, target: target) {
            return (v, "a dive", false)
        }
        if s.status == .optimal || s.status == .feasible { return (s.values, nil, false) }
        return (nil, nil, s.status == .infeasible)
    }

    mutating func run(
        _ lex: LexicographicSolver, _ search: SolveOptions, target: Double,
        units: Int
    ) throws -> Solution {
        var search = search
        search.budget = budget.capped(units)
        let s = try lex.problem.solve(options: search)
        solverSeconds += s.seconds
        if verbose { print("search at \(target): \(s.status) (\(s.message)) in \(seconds(s.seconds)) s") }
        return s
    }

    /// A dive under the cap, with both roundings, plain first (``LexicographicSolver/SearchPolicy/cappedDivePlainFirst``):
    /// each finds points the other misses (15 x 8 x 24 at its unmet bound: the plain one, in
    /// 23 LP solves, where the structured dive found none in 52; docs/performance.md).
    mutating func cappedDive(_ lex: LexicographicSolver, target: Double) throws -> [Double]? {
        var limits = DiveLimits(maximumSolves: policy.cappedDiveSolves)
        limits.structured = !policy.cappedDivePlainFirst
        var capped = try lex.problem.dive(options: options, limits: limits)
        solverSeconds += capped.solverSeconds
        if capped.values == nil {
            var other = DiveLimits(maximumSolves: policy.cappedDiveSolves)
            other.structured = policy.cappedDivePlainFirst
            let second = try lex.problem.dive(options: options, limits: other)
            solverSeconds += second.solverSeconds
            capped.values = second.values
            capped.solves += second.solves
        }
        if verbose {
            print(
                "dive at \(target): point \(capped.values.map { String(value($0)) } ?? "none") after \(capped.solves) LP solves, \(seconds(capped.solverSeconds)) s"
            )
        }
        return capped.values
    }

    /// RINS under the cap at the level's bound (``GLPKProblem/neighbourhoodSearch(incumbent:options:minimumFixedShare:)``):
    /// the columns where the incumbent and the capped LP agree fixed, the rest searched as
    /// `search` does, with the level's cuts, in ``LexicographicSolver/SearchPolicy/rinsUnits``.
    /// A point found is at the bound.
    mutating func neighbourhood(_ lex: LexicographicSolver, _ search: SolveOptions) throws -> [Double]? {
        guard policy.rinsUnits > 0, let incumbent, budget.exhausted == nil else { return nil }
        var sub = search
        sub.cuts = options.cuts
        if policy.rinsPlainSearch {
            sub.branchingPriority = nil
            sub.backtracking = options.backtracking
        }
        sub.budget = budget.capped(policy.rinsUnits)
        let r = try lex.problem.neighbourhoodSearch(
            incumbent: incumbent, options: sub,
            minimumFixedShare: policy.rinsMinimumFixedShare)
        solverSeconds += r.solverSeconds
        if verbose {
            print(
                "RINS: \(r.fixed) of \(r.decisions) decisions fixed, \(r.status.map { "\($0)" } ?? "not searched"), point \(r.values == nil ? "none" : "found") in \(seconds(r.solverSeconds)) s"
            )
        }
        return r.values
    }

    /// Step 4's middle part, when its first part has not proven the level: RINS for a better
    /// point, not one at the bound (``LexicographicSolver/SearchPolicy/improvingRinsRounds``).
    /// The keep row caps the objective one unit below the incumbent; every integer column
    /// (implied ones too) where the incumbent and the LP agree is fixed, and the rest is
    /// searched by GLPK's branch-and-cut with the level's settings within
    /// ``LexicographicSolver/SearchPolicy/rinsUnits``. Each point found is the next round's
    /// incumbent. A point at the bound is optimal; otherwise the last part starts from the
    /// best one, and a run its budget stops reports it (gen-5013: unmet 116 where the
    /// searches had stopped at 123).
    mutating func improve(_ lex: LexicographicSolver) throws -> Solution? {
        guard !diveOnly, let u = unit, policy.rinsUnits > 0, let b = bound else { return nil }
        let row = try lex.freeKeepRow(index)
        defer { try? lex.problem.setRowBounds(row, lower: -.infinity, upper: .infinity) }
        for _ in 0..<policy.improvingRinsRounds {
            guard let inc = incumbent, budget.exhausted == nil else { break }
            let cap = value(inc) - u.unit
            if cap < b - tolerance.allowance(b) { break }
            guard let v = try rins(lex, row: row, cap: cap, around: inc, units: policy.rinsUnits),
                value(v) < value(inc) - tolerance.allowance(value(inc))
            else { break }
            incumbent = v
            if value(v) <= b + tolerance.allowance(b) {
                return optimal(v, "a neighbourhood of the best point held one at the proven bound")
            }
        }
        return nil
    }

    /// Step 4's middle part, after the rounds of RINS: the caller's later plans
    /// (``LexicographicSolver/LaterPlans``), within
    /// ``LexicographicSolver/SearchPolicy/laterPlansUnits``. Those that are plans of the model
    /// and better than the incumbent are tried best first, at most
    /// ``LexicographicSolver/SearchPolicy/laterPlanStarts`` of them: the rounds of RINS start
    /// again from each (a later plan at the bound is optimal), and the best point they reach
    /// is the incumbent of the last part. Each start has neighbourhoods of its own:
    /// hand-vlore-grant's best later plan (139) leads to 129.5, its second (140.5) to 128.
    mutating func offerLaterPlans(_ lex: LexicographicSolver) throws -> Solution? {
        guard let laterPlans, policy.laterPlansUnits > 0, budget.exhausted == nil else { return nil }
        let start = incumbent
        let plans = try laterPlans(budget.capped(policy.laterPlansUnits))
        var better: [[Double]] = []
        for plan in plans {
            guard let point = try lex.problem.feasiblePoint(plan) else { continue }
            if start.map({ value(point) < value($0) - tolerance.allowance(value($0)) }) ?? true { better.append(point) }
        }
        better.sort { value($0) < value($1) }
        if verbose {
            print("later plans: \(plans.count), \(better.count) better: \(better.map { String(value($0)) })")
        }
        var best = better.first ?? start
        incumbent = best
        if let b = bound, let first = better.first, value(first) <= b + tolerance.allowance(value(first)) {
            return optimal(first, "a later plan meets the proven bound")
        }
        for point in better.prefix(policy.laterPlanStarts) {
            if budget.exhausted != nil { break }
            incumbent = point
            if let s = try improve(lex) { return s }
            if let inc = incumbent, best.map({ value(inc) < value($0) }) ?? true { best = inc }
        }
        incumbent = best
        return nil
    }

    /// Step 4's first part, by ``SolveOptions/branching`` within
    /// ``LexicographicSolver/SearchPolicy/lastSearchFirstSteps``: the level's result when it
    /// proves it (or the run's budget is spent), else nil with its point and bound kept.
    mutating func firstBranchAndCut(_ lex: LexicographicSolver) throws -> Solution? {
        var first = options
        let steps = WorkMeter.unitsPerStep(rows: lex.problem.rowCount, columns: lex.problem.columnCount)
        first.budget = budget.capped(policy.lastSearchFirstSteps * steps)
        let s = try lex.problem.solve(options: first)
        solverSeconds += s.seconds
        if verbose {
            print(
                "branch-and-cut (\(options.branching.rawValue)): \(s.status) (\(s.message)) in \(seconds(s.seconds)) s")
        }
        if s.status != .feasible && s.status != .timeLimit || budget.exhausted != nil { return s }
        if s.status == .feasible, incumbent.map({ value(s.values) < value($0) }) ?? true { incumbent = s.values }
        if let b = s.bound { bound = max(bound ?? -.infinity, roundUp(b / scale)) }
        if let b = bound, let inc = incumbent, value(inc) <= b + tolerance.allowance(value(inc)) {
            return optimal(inc, "the best point meets the proven bound")
        }
        return nil
    }

    /// The best point is one unit above the bound: all that is left is to prove that no
    /// point lies at the bound (``LexicographicSolver/SearchPolicy/proofByLaterRule``).
    /// Step 4 then goes straight to its later rule: the first
    /// part's Driebeck-Tomlin and the rounds of RINS look for better points, and the only
    /// better one would be at the bound, where steps 1 and 3 have looked (hand-carry-over's
    /// waiting level, 10 against a bound of 9: proven in 37 pseudo-cost nodes after 527
    /// Driebeck-Tomlin nodes that did not; no other level of the family or of M gets here).
    var onlyProofLeft: Bool { policy.proofByLaterRule && oneUnitAboveBound }

    /// A level without a unit (the cost) on a model searched with GLPK's cuts: step 4 by its
    /// later rule from the start (``LexicographicSolver/SearchPolicy/costByLaterRuleWithCuts``).
    var costByLaterRule: Bool { policy.costByLaterRuleWithCuts && unit == nil && !diveOnly && options.cuts.any }

    /// The best point is at most one unit above the bound: a better one would be at the bound.
    var oneUnitAboveBound: Bool {
        guard let u = unit, let b = bound, let inc = incumbent else { return false }
        return value(inc) <= b + u.unit + tolerance.allowance(b + u.unit)
    }

    /// 4. Branch-and-cut on the objective. A hint may not fit this model: GLPK gets it only
    /// after the solver layer has checked it, and it never proves anything here.
    mutating func branchAndCut(_ lex: LexicographicSolver) throws -> Solution {
        options.incumbent = incumbent ?? hint
        options.method = .dual  // from the relaxation's optimal basis (the dive restores it)
        if budget.exhausted != nil { return stopped() }
        let laterRule = policy.lastSearchBranching.flatMap { $0 != options.branching ? $0 : nil }
        if !onlyProofLeft && !costByLaterRule {
            if laterRule != nil, let s = try firstBranchAndCut(lex) { return s }
            if let s = try improve(lex) { return s }
            // The rounds again from later plans better than their result: from them they go
            // on where they had stopped (hand-vlore-grant to 128, while from the rules'
            // 146.5 they found nothing); from their own point first, since a later plan can
            // be better and still lead them nowhere (gen-5013: from the windows' 119 they
            // find nothing, from the search's 123 they reach 116).
            // (Not when the best point is one unit above the bound: a better plan would be at
            // the bound, where steps 1 and 3 have looked; gen-5034: 47 against 46.)
            if !oneUnitAboveBound, let s = try offerLaterPlans(lex) { return s }
        }
        if let laterRule { options.branching = laterRule }
        options.incumbent = incumbent ?? hint
        if budget.exhausted != nil { return stopped() }
        var last = options
        // A better plan is better by at least the objective's unit (in GLPK's scaled terms).
        if options.reducedCostTightening, let u = unit { last.improvementStep = (u.unit * u.scale).rounded() }
        last.countsSearchOverheads = true
        var solution = try lex.problem.solve(options: last)
        solverSeconds += solution.seconds
        if verbose {
            print("branch-and-cut: \(solution.status) (\(solution.message)) in \(seconds(solution.seconds)) s")
        }
        // Stopped before its root relaxation was solved: the best point so far stands.
        if !solution.hasPoint && solution.status == .timeLimit && incumbent != nil { return stopped() }
        // A bound proven by steps 1-3 may be better than the one branch-and-cut reports.
        if solution.status == .feasible, let b = bound, let z = solution.objective {
            let proven = max(solution.bound ?? -.infinity, b * scale)
            solution.bound = proven
            solution.gap = Solution.relativeGap(objective: z, bound: proven)
            if z <= proven + tolerance.allowance(z) { solution.status = .optimal; solution.gap = 0 }
        }
        return solution
    }
}
