/// Minimises a list of objectives lexicographically over one model: each level in turn,
/// the earlier ones kept at their optimum by a row each (docs/formulation.md, "Solving
/// lexicographically"). One GLPK problem holds the model, the objectives and the keep
/// rows, so that each level starts from the previous level's basis.
///
/// Two ways to use it:
/// - level by level: ``solveLevel(_:options:)`` then ``keep(_:at:)`` (the return schedule,
///   whose parts move through the levels together; the explanation's re-solves with
///   ``release(from:)``);
/// - the whole run with the search for integer levels, ``solve(_:levels:integer:budget:search:tolerance:start:firstPlans:knownBounds:export:branchingPriority:diveOnly:onLevel:)``
///   (plans): known bounds, first plans as incumbents, a dive, a short branch-and-cut, a
///   search for a plan at the proven bound, branch-and-cut on the objective.
public final class LexicographicSolver {
    /// The model with the keep rows added so far. Column and row bounds may be changed
    /// between levels (a capacity raised by one, a column fixed); the keep rows are this
    /// solver's.
    public var problem: GLPKProblem
    public let levels: [Objective]
    public let tolerance: KeepTolerance
    /// The row that keeps each level, once it has one.
    public private(set) var keepRows: [Int?]
    let isInteger: [Bool]

    /// - Throws: ``LinearProgrammingError`` if GLPK refuses the model.
    public init(_ model: LinearModel, levels: [Objective], tolerance: KeepTolerance = .init()) throws {
        problem = try GLPKProblem(model)
        self.levels = levels
        self.tolerance = tolerance
        keepRows = Array(repeating: nil, count: levels.count)
        isInteger = model.columns.map(\.isInteger)
    }

    /// The values of every level at `x`.
    public func values(at x: [Double]) -> [Double] { levels.map { $0.value(at: x) } }

    /// Makes level `index` the objective, multiplied by `scale`.
    public func setObjective(_ index: Int, scale: Double = 1) throws {
        let level = levels[index]
        try problem.setObjective(
            scale == 1 ? level.coefficients : level.coefficients.map { $0 * scale },
            constant: level.constant * scale)
    }

    /// Solves level `index` as it is (an LP, or branch-and-cut unless `options` relaxes
    /// integrality), with the earlier levels' keep rows in place.
    public func solveLevel(_ index: Int, options: SolveOptions) throws -> Solution {
        try setObjective(index)
        return try problem.solve(options: options)
    }

    /// Keeps level `index` at most at its value `z` from now on (a row added the first
    /// time, its bound moved after that).
    public func keep(_ index: Int, at z: Double) throws {
        let upper = tolerance.keepUpper(levels[index], at: z)
        if let row = keepRows[index] {
            try problem.setRowBounds(row, lower: -.infinity, upper: upper)
        } else {
            keepRows[index] = try problem.addRow(
                name: "keep.\(levels[index].name)", lower: -.infinity,
                upper: upper, terms: levels[index].terms)
        }
    }

    /// Frees the keep rows of level `index` and every later level (to solve them again
    /// after a change of the model).
    public func release(from index: Int) throws {
        for case let row? in keepRows[index...] {
            try problem.setRowBounds(row, lower: -.infinity, upper: .infinity)
        }
    }

    /// A keep row for level `index` with no bound yet (the search at a level's bound caps
    /// the objective with it; ``keep(_:at:)`` later turns it into the level's keep row).
    func freeKeepRow(_ index: Int) throws -> Int {
        if let row = keepRows[index] { return row }
        let row = try problem.addRow(
            name: "keep.\(levels[index].name)", lower: -.infinity, upper: .infinity,
            terms: levels[index].terms)
        keepRows[index] = row
        return row
    }

    /// Removes level `index`'s keep row when it is the model's last row (a cap that was
    /// only wanted for a moment); otherwise nothing.
    func removeKeepRow(_ index: Int) throws {
        guard let row = keepRows[index], row == problem.rowCount - 1 else { return }
        try problem.removeLastRow()
        keepRows[index] = nil
    }
}

// MARK: - The whole run

extension LexicographicSolver {
    /// The thresholds of the search for integer levels, in work units and LP solves (IARSCore's
    /// `SolvePolicy.search`; the measurements behind the defaults are in docs/performance.md).
    public struct SearchPolicy: Sendable, Equatable {
        /// Models with more integer columns than this are searched without GLPK's cuts.
        public var cutsUpToIntegerColumns = 2_000
        /// The share of a limited effort that an integer level with levels after it leaves
        /// them: the level searches within the rest of what is left, and when that runs out the
        /// later levels are searched in what it left, with the level kept at its best value
        /// (the run is `feasible`, stopped at that level with its gap). Without it a level
        /// the effort stopped ended the run, its later levels never searched:
        /// hand-fier-grant stopped in its unmet level at 62.5 (the optimum, not proven) with
        /// waiting 2 and cost USD 37,150.50, where 0 and 35,950.50 go with it (0: none left).
        public var laterLevelsShare = 0.1
        /// The first level's dive: LP solves at most.
        public var firstDiveSolves = 2_000
        /// A later level's dive (with the previous level's plan in hand).
        public var laterDiveSolves = 25
        /// The short branch-and-cut of a level with an objective unit: at least this, or
        /// ``shortSearchLevelShare`` of what the level has used so far.
        public var shortSearchUnits = 12_500
        /// See ``shortSearchUnits``. A quarter: on 15 x 8 x 24 the whole of the level so far (its
        /// dive, about 140,000 units) bought nothing a quarter does not (the unmet bound 47 after
        /// 19 nodes, where the short search ran 63), and cost about 3 s; the family's small
        /// models are at the 12,500 floor either way.
        public var shortSearchLevelShare = 0.25
        /// One try of the search for a plan at the proven bound: at least this, or
        /// ``searchTryLevelFactor`` times what the level has used so far; its first, short part
        /// at most ``firstSearchTryUnits``.
        public var searchTryUnits = 50_000
        /// See ``searchTryUnits``.
        public var searchTryLevelFactor = 2.0
        /// The first, short part of a try of the search at the bound. The family's searches
        /// that find a plan under the cap find it within 1,700 steps (about 3,500 units:
        /// gen-5023's unmet, 483 nodes and 1,172 LP iterations; gen-5031's waiting, 2,645
        /// steps); the ones that find none run to their budget, 0.2-0.9 s each at 12,500. Half
        /// of that: the family's units fall by up to 16% (gen-5016, gen-5024), none rise, the
        /// same plans; M's 483,016 to 470,744 (docs/performance.md, "Shorter searches at the
        /// bound, pseudo-costs for the cost").
        public var firstSearchTryUnits = 6_250
        /// On models searched with GLPK's cuts (at most ``cutsUpToIntegerColumns`` integer
        /// columns), a try of the search at the bound is its first, short part only: the level's
        /// branch-and-cut, with cuts, then proves what the longer cut-less search does not find.
        /// (On the family of budget-bound plans no long try ever found a plan, and the
        /// branch-and-cut after it proved the level in 25-895 nodes; 15 x 8 x 24, without cuts,
        /// finds its waiting plan in its long try.)
        public var shortTriesWithCuts = true
        /// On models searched with GLPK's cuts, a later level's try of the search at the bound
        /// is its RINS alone, without the cut-less branch-and-cut and the dive under the cap
        /// (true: with them). On the family that search found one later level's plan
        /// (gen-5031's waiting, which branch-and-cut then finds too: 38,021 to 33,803 units)
        /// and spent 0.2-0.9 s on six that it did not (gen-5020's waiting 0.45 s, where the
        /// level's branch-and-cut proves it in 0.21 s); the dives found none on the four levels
        /// that got one (0.02-0.16 s each).
        public var laterSearchesWithCuts = false
        /// A dive under the cap at a level's bound (each of its two roundings): LP solves at most.
        public var cappedDiveSolves = 2_000
        /// A dive under the cap at a level's bound rounds every integer column first, then (when
        /// that finds no plan) with the model's structure; or the other way round (false). Plain
        /// first: 15 x 8 x 24's unmet plan in 23 LP solves of 40-90 ms, where the structured
        /// dive first spent 52 finding nothing; the family's structured finds cost them little.
        public var cappedDivePlainFirst = true
        /// RINS under the cap at a level's bound, after a try's first, short search finds no
        /// plan (``GLPKProblem/neighbourhoodSearch(incumbent:options:minimumFixedShare:)``): the
        /// columns where the incumbent and the capped LP agree are fixed, the rest searched month
        /// by month. Its budget (0: none). It found hand-carry-over's unmet plan at the bound
        /// (72.5, where the dives stopped at 77.5: the level had stayed open for 60 s), M's
        /// waiting plan at 598 (the long search's 31,600 units), and gen-5029's unmet; where it
        /// finds nothing the neighbourhood is mostly infeasible at once (tens of units).
        public var rinsUnits = 25_000
        /// RINS under the cap at a level's bound right after its dive, around the best point
        /// so far, every agreeing integer column fixed: its budget (0: none). Where a plan at
        /// the bound is a few columns away from the dive's it proves the level at once
        /// (gen-5017 5,677 to 1,792 units; the family's plans together 1,132,731 to
        /// 1,109,313, the same values); where there is none the neighbourhood is mostly
        /// infeasible at once (M: 469,354 to 483,016 units; docs/performance.md). 2,000
        /// units found fewer; 12,500 the same as 5,000.
        public var diveRinsUnits = 5_000
        /// The least share of the decisions (integer columns, not implied) that must agree for
        /// RINS to search (fewer: the neighbourhood is nearly the whole model). 60-80% agreed on
        /// the family and on M.
        public var rinsMinimumFixedShare = 0.3
        /// RINS searches with GLPK's own branching and backtracking (true) rather than month by
        /// month, depth first (false: on hand-carry-over only month by month found the plan).
        public var rinsPlainSearch = false
        /// Step 4's search for a better point (not one at the bound), when its first part has
        /// not proven the level: at most this many rounds of RINS under a cap one unit below
        /// the incumbent, each within ``rinsUnits`` (0: none). Every integer column where the
        /// incumbent and the LP agree is fixed, implied ones too: with only the decisions
        /// fixed, gen-5013's neighbourhood held no point GLPK found in 25,000 units; with
        /// all of them, 116 against 123 (the RINS at the bound keeps to the decisions: with
        /// every column, gen-5024 took 117,701 units, not 78,461). Before step 4's first part
        /// the rounds also improved the incumbents, but the searches from them were slower as
        /// often as faster (hand-carry-over 6.3 s to 7.3 s; docs/performance.md).
        public var improvingRinsRounds = 8
        /// The branching rule of a level's last branch-and-cut (step 4), in place of
        /// ``SolveOptions/branching`` (nil: that one). GLPK's hybrid pseudo-cost rule learns
        /// which columns move the objective, starting from 30-iteration strong-branching
        /// probes: on the few hard budget-bound plans that reach step 4 it proves in hundreds
        /// of nodes what Driebeck-Tomlin needs thousands for (an albania-2001 future's unmet:
        /// 1.9 s against 32.5 s). In the earlier, short searches its probes cost more than
        /// they save (docs/performance.md, "Branching in the last search").
        public var lastSearchBranching: BranchingRule? = .pseudoCost
        /// Before ``lastSearchBranching`` takes over, step 4 searches by
        /// ``SolveOptions/branching`` for this many steps (nodes, node-LP iterations and
        /// candidates weighed; a step is ``WorkMeter/unitsPerStep(rows:columns:)`` units).
        /// The family's levels that Driebeck-Tomlin proves, it proves within 26,500 steps
        /// (gen-5026's waiting), where pseudo-costs took up to 3.6 times as long (gen-5020);
        /// the levels it leaves open, pseudo-costs then prove.
        public var lastSearchFirstSteps = 30_000
        /// On models searched with GLPK's cuts, a level without a unit (the cost) is searched by
        /// ``lastSearchBranching`` from the start (false: by ``SolveOptions/branching`` first).
        /// There the probes are cheap: hand-carry-over's cost level 1.86 to about 0.5 s (glpsol
        /// on the exported level: 3.2 s by Driebeck-Tomlin, 0.6 s by pseudo-costs), gen-5029's
        /// plan 25,910 to 8,472 units, the family's others within 2%. On 15 x 8 x 24 (no cuts,
        /// 3,000 integer columns) the probes took the cost level from 1.8 to 6.9 s.
        public var costByLaterRuleWithCuts = true
        /// When the best point is one unit above a level's bound, step 4 searches by
        /// ``lastSearchBranching`` at once (false: its first part and the rounds of RINS first).
        /// hand-carry-over's waiting level (10 against 9): 4.2 to 1.6 s, the plan 229,319 to
        /// 169,173 units; no other level of the family or of M reaches step 4 that way.
        public var proofByLaterRule = true
        /// The units the first level's later plans may use (``LexicographicSolver/LaterPlans``;
        /// 0: none asked for). They are asked for once, when step 4's first part and its rounds
        /// of RINS have not proven the level, so a level proven earlier never pays for them.
        public var laterPlansUnits = 100_000
        /// The later plans better than the incumbent that the rounds of RINS start again from,
        /// best first. hand-vlore-grant: 129.5 from the best alone, 128 from the best three
        /// or all six; hand-korce-grant 288 either way.
        public var laterPlanStarts = 3

        public init() {}

        /// The budget of a level's short branch-and-cut, given the units the level has used.
        public func shortSearchBudget(levelUnits: Int) -> Int {
            max(shortSearchUnits, Int(Double(levelUnits) * shortSearchLevelShare))
        }

        /// The budget of one try of the search at the bound, given the units the level has
        /// used and whether the model is searched with GLPK's cuts (small models).
        public func searchTryBudget(levelUnits: Int, withCuts: Bool) -> Int {
            if withCuts && shortTriesWithCuts { return firstSearchTryUnits }
            return max(searchTryUnits, Int(Double(levelUnits) * searchTryLevelFactor))
        }
    }

    /// How the run searches: GLPK's settings for the integer levels, the thresholds, and
    /// whether to print what it does.
    public struct Search: Sendable {
        public var options: SolveOptions
        public var policy: SearchPolicy
        public var verbose: Bool

        public init(options: SolveOptions = SolveOptions(), policy: SearchPolicy = .init(), verbose: Bool = false) {
            self.options = options
            self.policy = policy
            self.verbose = verbose
        }
    }

    /// Plans of the model made on request, for a first level that step 4's first part and
    /// rounds of RINS have not proven (IARSCore: plans made a few months at a time). Given
    /// the budget they may use, they return points of the model; each is checked against
    /// the model's rows and bounds before it is used, and the rounds of RINS start again
    /// from the best of those that beat the incumbent. Nothing they return proves anything.
    public typealias LaterPlans = (WorkBudget) throws -> [[Double]]

    /// A request to write one level's model (earlier levels solved and kept) instead of solving it.
    public struct Export: Sendable {
        public var level: Int
        public var format: ModelFileFormat
        public var path: String

        public init(level: Int, format: ModelFileFormat, path: String) {
            self.level = level
            self.format = format
            self.path = path
        }
    }

    /// A level about to be solved, for a progress display.
    public struct LevelStart: Sendable {
        public var name: String
        /// The level's value at the best point in hand.
        public var best: Double?
        /// The level's proven bound, if one is known.
        public var bound: Double?
        /// The factor GLPK's objective values carry (``ObjectiveUnit/scale``).
        public var scale: Double
    }

    /// What a run found.
    public struct Outcome: Sendable {
        public var status: SolverStatus
        /// The point of the last level solved (every level kept), or `nil` without one.
        public var values: [Double]?
        /// Seconds per level solved.
        public var seconds: [Double] = []
        /// Seconds inside GLPK.
        public var solverSeconds: Double = 0
        /// The relative gap of the level that stopped early.
        public var gap: Double?
        /// The level that stopped early (the budget, the clock or an interruption).
        public var stoppedLevel: String?
        /// What stopped ``stoppedLevel``.
        public var stoppedBy: StopCause?
        /// The levels searched after ``stoppedLevel`` stopped, with it kept at its best value
        /// (``SearchPolicy/laterLevelsShare``); empty when the run ended there.
        public var searchedAfterStop: [String] = []
        /// The requested level's model was written.
        public var exported = false
        /// Levels whose first solve started with a crossover at the point in hand.
        public var crossovers = 0

        public init(status: SolverStatus) { self.status = status }
    }

    /// Solves `levels` over `model` lexicographically.
    ///
    /// - Parameters:
    ///   - integer: integer columns stay integer (false: the LP relaxation).
    ///   - budget: the work the levels may do, with the wall-clock safety net.
    ///   - start: a hint for branch-and-cut's first incumbent (a neighbouring plan of a sweep).
    ///   - firstPlans: points of this model (rows and bounds checked here); the best becomes
    ///     the first level's incumbent.
    ///   - knownBounds: proven bounds of the levels; a point in hand that meets one makes
    ///     the level optimal without a solve.
    ///   - export: write one level's model instead of solving it.
    ///   - branchingPriority: a column's priority (its month) for the search at the bound.
    ///   - diveOnly: each integer level keeps the dive's point, proven or not (a time window);
    ///     branch-and-cut runs only when the dive finds none.
    ///   - onLevel: told each level as it starts.
    ///   - laterPlans: more plans for the first level, asked for only when its searches
    ///     have not proven it by step 4's first part (``LaterPlans``).
    public static func solve(
        _ model: LinearModel, levels: [Objective], integer: Bool, budget: WorkBudget,
        search: Search, tolerance: KeepTolerance = .init(),
        start: [Double]? = nil, firstPlans: [[Double]] = [], knownBounds: KnownBounds = .init(),
        export: Export? = nil, branchingPriority: [Int]? = nil, diveOnly: Bool = false,
        onLevel: ((LevelStart) -> Void)? = nil, laterPlans: LaterPlans? = nil
    ) throws -> Outcome {
        if model.columns.isEmpty {
            // Nothing to decide: check the rows' constants.
            let feasible = model.rows.allSatisfy { $0.lower <= 1e-9 && $0.upper >= -1e-9 }
            var outcome = Outcome(status: feasible ? .optimal : .infeasible)
            outcome.values = feasible ? [] : nil
            return outcome
        }
        let solver = try LexicographicSolver(model, levels: levels, tolerance: tolerance)
        var run = LexicographicRun(
            integer: integer, budget: budget, search: search, start: start, knownBounds: knownBounds,
            export: export, branchingPriority: branchingPriority, diveOnly: diveOnly, onLevel: onLevel,
            laterPlans: laterPlans)
        return try run.solve(solver, firstPlans: firstPlans)
    }
}
