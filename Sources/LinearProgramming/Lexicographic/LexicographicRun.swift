/// One run of ``LexicographicSolver/solve(_:levels:integer:budget:search:tolerance:start:firstPlans:knownBounds:export:branchingPriority:diveOnly:onLevel:)``:
/// the level loop and what it carries from one level to the next.
struct LexicographicRun {
    let integer: Bool
    let budget: WorkBudget
    let search: LexicographicSolver.Search
    let start: [Double]?
    let knownBounds: KnownBounds
    let export: LexicographicSolver.Export?
    let branchingPriority: [Int]?
    let diveOnly: Bool
    let onLevel: ((LexicographicSolver.LevelStart) -> Void)?
    let laterPlans: LexicographicSolver.LaterPlans?

    let clock = ContinuousClock()
    var options = SolveOptions()
    var outcome = LexicographicSolver.Outcome(status: .optimal)
    /// The point of the last level solved.
    var x: [Double]? = nil
    /// The best of the first plans.
    var firstIncumbent: [Double]? = nil
    /// Whether a level has been solved (not just met its known bound).
    var solved = false
    /// The level that stopped first, and its proven bound (for the gap at the run's last point).
    var stopped: (index: Int, bound: Double?)? = nil

    init(
        integer: Bool, budget: WorkBudget, search: LexicographicSolver.Search, start: [Double]?,
        knownBounds: KnownBounds, export: LexicographicSolver.Export?, branchingPriority: [Int]?, diveOnly: Bool,
        onLevel: ((LexicographicSolver.LevelStart) -> Void)?, laterPlans: LexicographicSolver.LaterPlans? = nil
    ) {
        self.integer = integer
        self.budget = budget
        self.search = search
        self.start = start
        self.knownBounds = knownBounds
        self.export = export
        self.branchingPriority = branchingPriority
        self.diveOnly = diveOnly
        self.onLevel = onLevel
        self.laterPlans = laterPlans
    }

    mutating func solve(_ lex: LexicographicSolver, firstPlans: [[Double]]) throws -> LexicographicSolver.Outcome {
        options = search.options
        options.verbose = search.verbose
        options.relaxIntegrality = !integer
        // Each level's LP starts from the previous level's basis (presolve would discard
        // it), and after a change of objective the basis stays primal feasible.
        options.presolve = false
        options.method = .primal
        options.budget = budget
        try pickFirstIncumbent(lex, firstPlans)
        // GLPK's cut generators pay on small models and cost more than they save on large ones.
        if lex.isInteger.reduce(0, { $0 + ($1 ? 1 : 0) }) > search.policy.cutsUpToIntegerColumns {
            options.cuts = .none
        }
        for index in lex.levels.indices {
            if let export, export.level == index {
                try lex.setObjective(index)
                try lex.problem.write(format: export.format, to: export.path, constantColumn: "obj_constant")
                outcome.exported = true
                break
            }
            guard try solveLevel(lex, index) else { break }
        }
        outcome.values = x
        // The later levels' point may be better in the stopped level than the point it stopped at.
        if let stopped, let b = stopped.bound, let x {
            outcome.gap = Solution.relativeGap(objective: lex.levels[stopped.index].value(at: x), bound: b)
        }
        return outcome
    }

    /// The best of the first plans that fit the model, lexicographically.
    mutating func pickFirstIncumbent(_ lex: LexicographicSolver, _ firstPlans: [[Double]]) throws {
        var firstValues: [Double] = []
        for plan in firstPlans {
            guard let point = try lex.problem.feasiblePoint(plan) else {
                if search.verbose { print("a first plan breaks a row or a bound of the model: not used") }
                continue
            }
            let values = lex.values(at: point)
            if firstIncumbent == nil || lex.tolerance.precedes(values, firstValues, integer: integer) {
                firstIncumbent = point
                firstValues = values
            }
        }
        if search.verbose, firstIncumbent != nil {
            print(
                "the first plan is the incumbent: \(zip(lex.levels, firstValues).map { "\($0.name) \($1)" }.joined(separator: ", "))"
            )
        }
    }

    /// Solves level `index` and keeps it; false when the run ends here.
    mutating func solveLevel(_ lex: LexicographicSolver, _ index: Int) throws -> Bool {
        let levelStart = clock.now
        let level = lex.levels[index]
        // An objective whose values over integral points are multiples of a unit is given
        // to GLPK scaled to integral coefficients: branch-and-cut then rounds its bounds up
        // to the next attainable value.
        let unit = integer ? ObjectiveUnit(level, isInteger: lex.isInteger) : nil
        let scale = unit?.scale ?? 1
        try lex.setObjective(index, scale: scale)
        let tolerance = lex.tolerance, integer = integer
        let earlier = x.map { x in lex.levels.prefix(index).map { $0.value(at: x) } } ?? []
        let knownBound = knownBounds.bound(
            index, earlier: earlier,
            meets: { tolerance.meetsBound($0, $1, integer: integer) })
        let inHand = x ?? firstIncumbent
        let meetsKnownBound =
            knownBound.flatMap { b in
                inHand.map {
                    tolerance.meetsBound(
                        level.value(at: $0), unit?.attainable(b, objective: level) ?? b, integer: integer)
                }
            } ?? false
        // The budget is spent: the run stops at this level, unless the point in hand meets
        // its proven bound (nothing to solve; the first-plan phase may use the whole budget
        // and still prove the first levels).
        if let cause = budget.exhausted, !meetsKnownBound {
            stop(index, level, by: cause, gap: nil, bound: nil)
            if x == nil { x = firstIncumbent }
            return false
        }
        onLevel?(.init(name: level.name, best: inHand.map { level.value(at: $0) }, bound: knownBound, scale: scale))
        if outcome.stoppedLevel != nil { outcome.searchedAfterStop.append(level.name) }
        if !meetsKnownBound && !solved && index > 0, let plan = inHand {
            try crossover(lex, index, at: plan, scale: scale)
        }
        var solution: Solution
        if meetsKnownBound, let plan = inHand {
            solution = Solution(status: .optimal, message: "the point in hand meets the proven bound")
            solution.values = plan
            solution.objective = level.value(at: plan) * scale
        } else {
            solution = try solveUnproven(lex, index, unit: unit, knownBound: knownBound)
            solved = true
        }
        if scale != 1 {
            solution.objective = solution.objective.map { $0 / scale }
            solution.bound = solution.bound.map { $0 / scale }
        }
        outcome.seconds.append((clock.now - levelStart).inSeconds)
        return try accept(lex, index, solution)
    }

    /// A first solve after levels proven by their bounds starts at the point in hand (which
    /// keeps their rows), not from the all-slack basis: a crossover finds a vertex at the
    /// point's values of those levels (the last proven level's LP, started at the point,
    /// which is optimal in it), and the level's LP goes on from there, skipping the
    /// simplex's search for a feasible point. (The first level keeps the all-slack start:
    /// from a crossover at the rules' plan, branch-and-cut dived from another vertex and
    /// took much longer.)
    mutating func crossover(_ lex: LexicographicSolver, _ index: Int, at plan: [Double], scale: Double) throws {
        try lex.setObjective(index - 1)
        let crossover = try lex.problem.solveRelaxation(options: options, from: plan)
        outcome.solverSeconds += crossover.solution.seconds
        outcome.crossovers += 1
        try lex.setObjective(index, scale: scale)
        if search.verbose, let crash = crossover.crash {
            print(
                "crossover at the point in hand: \(crash.interior - crash.leftOut) of \(crash.interior) values between bounds basic, \(crash.leftOut) pinned at first; a vertex in \(String(format: "%.2f", crossover.solution.seconds)) s (\(crossover.solution.status))"
            )
        }
    }

    /// The level solved: the integer search, or the LP.
    mutating func solveUnproven(
        _ lex: LexicographicSolver, _ index: Int, unit: ObjectiveUnit?,
        knownBound: Double?
    ) throws -> Solution {
        if integer {
            var levelOptions = options
            let levelBudget = self.levelBudget(index, levels: lex.levels.count)
            levelOptions.budget = levelBudget
            var level = IntegerLevelSearch(
                index: index, objective: lex.levels[index], unit: unit,
                previous: x, hint: x == nil ? start : nil,
                firstPlan: x == nil ? firstIncumbent : nil,
                knownBound: knownBound, diveOnly: diveOnly, options: levelOptions,
                search: search, branchingPriority: branchingPriority,
                budget: levelBudget, tolerance: lex.tolerance,
                laterPlans: index == 0 && x == nil ? laterPlans : nil)
            let solution = try level.run(lex)
            outcome.solverSeconds += level.solverSeconds
            return solution
        }
        options.incumbent = nil
        var solution = try lex.problem.solve(options: options)
        outcome.solverSeconds += solution.seconds
        // Stopped in the first level: the first plan, if it is better than the simplex's
        // point so far (often the phase-1 point, nothing admitted).
        let level = lex.levels[index]
        if index == 0, solution.status == .feasible || solution.status == .timeLimit, let first = firstIncumbent,
            !solution.hasPoint || level.value(at: first) < level.value(at: solution.values)
        {
            solution.status = .feasible
            solution.values = first
            solution.objective = level.value(at: first)
            solution.gap = nil
        }
        return solution
    }

    /// The budget of integer level `index`'s search: with levels after it, all but
    /// ``LexicographicSolver/SearchPolicy/laterLevelsShare`` of the units left and of the time
    /// left before the deadline, if there is one (a level that ends within that searches
    /// exactly as with all of it).
    func levelBudget(_ index: Int, levels: Int) -> WorkBudget {
        let share = search.policy.laterLevelsShare
        guard index + 1 < levels, share > 0 else { return budget }
        var level = budget.share(1 - share)
        if let deadline = budget.deadline {
            let now = ContinuousClock.now
            if deadline > now { level.deadline = now + (deadline - now) * (1 - share) }
        }
        return level
    }

    /// Takes a level's solution: its point carried on and the level kept (true), or the
    /// run ends with what it has (false). A level stopped by its share of the effort (or of
    /// the time) is kept at its best value while some is left for the levels after it
    /// (``LexicographicSolver/SearchPolicy/laterLevelsShare``); the run stays `feasible`,
    /// stopped at the first such level, with its gap.
    mutating func accept(_ lex: LexicographicSolver, _ index: Int, _ solution: Solution) throws -> Bool {
        let level = lex.levels[index]
        let stopCause = solution.stopCause ?? budget.exhausted ?? .effort
        switch solution.status {
        case .optimal:
            x = solution.values
        case .feasible:
            x = solution.values
            stop(index, level, by: stopCause, gap: solution.gap, bound: solution.bound)
            guard searchesOn(index, lex, stopCause) else { return false }
        case .infeasible where x == nil:
            outcome.status = .infeasible
            return false
        case .timeLimit where x == nil:
            outcome.status = .timeLimit
            outcome.stoppedBy = stopCause
            return false
        default:
            // A later level stopped without a better point: the earlier point stands.
            guard let earlier = x else {
                // (No level has stopped before this one: a stopped level leaves a point.)
                outcome.status = solution.status
                outcome.stoppedLevel = level.name
                outcome.stoppedBy = stopCause
                return false
            }
            stop(index, level, by: stopCause, gap: nil, bound: nil)
            guard searchesOn(index, lex, stopCause), solution.status == .timeLimit else { return false }
            try keep(lex, index, at: earlier, objective: nil)
            return true
        }
        try keep(lex, index, at: solution.values, objective: solution.objective)
        return true
    }

    /// The run is `feasible`, stopped at `level` unless an earlier level stopped first.
    mutating func stop(_ index: Int, _ level: Objective, by cause: StopCause, gap: Double?, bound: Double?) {
        outcome.status = .feasible
        guard outcome.stoppedLevel == nil else { return }
        stopped = (index, bound)
        outcome.gap = gap
        outcome.stoppedLevel = level.name
        outcome.stoppedBy = cause
    }

    /// Whether the levels after `index` are searched after it stopped: its share of the
    /// effort or of the time ran out (not an interruption) and the run's has not.
    func searchesOn(_ index: Int, _ lex: LexicographicSolver, _ cause: StopCause) -> Bool {
        integer && cause != .interrupt && index + 1 < lex.levels.count && budget.exhausted == nil
            && search.policy.laterLevelsShare > 0
    }

    /// Keeps level `index` at its value at `point`, the point carried on (or at the solver's
    /// `objective`, if higher).
    func keep(_ lex: LexicographicSolver, _ index: Int, at point: [Double], objective: Double?) throws {
        // The level's value at the point carried on (integer columns rounded): the next
        // level's incumbent must satisfy the keep row exactly.
        var z = lex.levels[index].value(at: point)
        if let objective { z = max(z, objective) }
        try lex.keep(index, at: z)
    }
}
