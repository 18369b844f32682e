/// The simplex variant used for linear programmes and for the root relaxation of a MIP.
public enum LPMethod: String, Sendable, Equatable, CaseIterable {
    /// Primal simplex (`GLP_PRIMAL`).
    case primal
    /// Dual simplex (`GLP_DUAL`): usually the fastest, and the one warm re-solves profit from most.
    case dual
    /// Dual simplex, falling back to the primal one if the dual fails (`GLP_DUALP`).
    case dualPrimal = "dual-primal"
}

/// Which of GLPK's cut generators branch-and-cut uses.
public struct CutOptions: Sendable, Equatable {
    /// Gomory's mixed integer cuts (`gmi_cuts`).
    public var gomory: Bool
    /// Mixed integer rounding cuts (`mir_cuts`).
    public var mir: Bool
    /// Mixed cover cuts (`cov_cuts`).
    public var cover: Bool
    /// Clique cuts (`clq_cuts`).
    public var clique: Bool

    public init(gomory: Bool, mir: Bool, cover: Bool, clique: Bool) {
        self.gomory = gomory
        self.mir = mir
        self.cover = cover
        self.clique = clique
    }

    /// Every generator on.
    public static let all = CutOptions(gomory: true, mir: true, cover: true, clique: true)
    /// Every generator but MIR: iars's default. On the tightened programme
    /// (``SolveOptions/strengthen``) GLPK's MIR separation runs at every node and costs
    /// more than it saves: on the benchmark family it took 9.5 s of gen-5022's 9.5 s
    /// against 1.2 s without it, and MIR at the root only was slower than none on 30 of
    /// 43 plans (docs/performance.md).
    public static let standard = CutOptions(gomory: true, mir: false, cover: true, clique: true)
    /// Every generator off (GLPK's own default).
    public static let none = CutOptions(gomory: false, mir: false, cover: false, clique: false)

    /// Whether any generator is on.
    public var any: Bool { gomory || mir || cover || clique }
}

/// GLPK's primal heuristics in branch-and-cut.
public struct HeuristicOptions: Sendable, Equatable {
    /// The feasibility pump at the root (`fp_heur`).
    public var feasibilityPump: Bool
    /// Proximity search at the root (`ps_heur`).
    public var proximitySearch: Bool
    /// Time limit of proximity search in seconds (`ps_tm_lim`, in milliseconds); finite and positive.
    public var proximityTimeLimit: Double
    /// Simple rounding at every node (`sr_heur`); on in GLPK by default.
    public var simpleRounding: Bool

    public init(
        feasibilityPump: Bool = false, proximitySearch: Bool = false,
        proximityTimeLimit: Double = 60, simpleRounding: Bool = true
    ) {
        self.feasibilityPump = feasibilityPump
        self.proximitySearch = proximitySearch
        self.proximityTimeLimit = proximityTimeLimit
        self.simpleRounding = simpleRounding
    }
}

/// How branch-and-cut chooses the variable to branch on (`br_tech`).
public enum BranchingRule: String, Sendable, Equatable, CaseIterable {
    /// First fractional variable (`GLP_BR_FFV`).
    case firstFractional = "first-fractional"
    /// Last fractional variable (`GLP_BR_LFV`).
    case lastFractional = "last-fractional"
    /// Most fractional variable (`GLP_BR_MFV`).
    case mostFractional = "most-fractional"
    /// Driebeck and Tomlin's heuristic (`GLP_BR_DTH`), GLPK's default.
    case driebeckTomlin = "driebeck-tomlin"
    /// Hybrid pseudo-cost heuristic (`GLP_BR_PCH`).
    case pseudoCost = "pseudo-cost"
}

/// How branch-and-cut chooses the next node (`bt_tech`).
public enum BacktrackingRule: String, Sendable, Equatable, CaseIterable {
    /// Depth first search (`GLP_BT_DFS`).
    case depthFirst = "depth-first"
    /// Breadth first search (`GLP_BT_BFS`).
    case breadthFirst = "breadth-first"
    /// Best local bound (`GLP_BT_BLB`), GLPK's default.
    case bestLocal = "best-local"
    /// Best projection heuristic (`GLP_BT_BPH`).
    case bestProjection = "best-projection"
}

/// Settings of one solve. Every field is validated before GLPK sees it
/// (GLPK aborts the process on an invalid control parameter).
public struct SolveOptions: Sendable, Equatable {
    /// Wall-clock limit in seconds for the whole solve (root LP and branch-and-cut
    /// together), `nil` for none. Finite and positive; passed to GLPK in milliseconds
    /// (`tm_lim`), capped at `Int32.max`.
    public var timeLimit: Double?
    /// Use GLPK's LP presolver (`glp_smcp.presolve`): for a linear programme, and for the
    /// root LP relaxation of a MIP. GLPK's MIP presolver (`glp_iocp.presolve`) is never run:
    /// in GLPK 5.0 it can abort the process or loop forever (see ``GLPKSolver``). Presolve
    /// discards the previous basis, so warm re-solves of a ``GLPKProblem`` want it off.
    public var presolve: Bool
    /// The simplex variant.
    public var method: LPMethod
    /// Solve the LP relaxation even if some columns are integer.
    public var relaxIntegrality: Bool
    /// Cut generators for branch-and-cut.
    public var cuts: CutOptions
    /// Primal heuristics for branch-and-cut.
    public var heuristics: HeuristicOptions
    /// Branching rule.
    public var branching: BranchingRule
    /// Backtracking rule.
    public var backtracking: BacktrackingRule
    /// Relative MIP gap at which the search stops (`mip_gap`); finite, `>= 0`.
    public var relativeGap: Double
    /// Print GLPK's log on standard output (`msg_lev = GLP_MSG_ON`); quiet otherwise.
    public var verbose: Bool
    /// A feasible point (one value per column) handed to branch-and-cut as its first
    /// incumbent. Values must be finite. A point that violates a bound, a row or
    /// integrality (beyond `1e-6`) is ignored, because GLPK itself would accept it unchecked.
    public var incumbent: [Double]?
    /// Branching order (one value per column), overriding ``branching`` when set: at each
    /// node, branch on the fractional integer column with the lowest value (ties: the
    /// lowest index), towards the nearer integer first. For time-staged models, the month
    /// of each column makes the search settle the early months first, as a planner would.
    public var branchingPriority: [Int]?
    /// Make the programme tighter before branch-and-cut (bounds from the rows, smaller
    /// coefficients at binary columns: ``Strengthening``), on a copy; the same integer
    /// plans, a better LP bound. MIP only, and only on problems with at most
    /// ``strengthenUpToIntegerColumns`` integer columns.
    public var strengthen = true
    /// Whether each level's last branch-and-cut tightens bounds by reduced costs against the
    /// incumbent less the objective's step (``improvementStep``, which
    /// ``IntegerLevelSearch`` sets there from the level's ``ObjectiveUnit``). (docs/performance.md,
    /// "Reduced costs against the incumbent less one".)
    public var reducedCostTightening = true
    /// The least amount by which a plan better than the incumbent is better, in GLPK's
    /// (scaled) objective: with it, at each node that branches with an incumbent, the bounds
    /// of the nonbasic integer columns are tightened by their reduced costs against the
    /// incumbent less this step. GLPK's own fixing compares with the incumbent itself and only
    /// fixes a column at its bound. Set by ``IntegerLevelSearch`` on a level's last
    /// branch-and-cut only: the searches before it (the short ones, the tries, RINS) find the
    /// plans most levels end with, and their paths stay as they were.
    var improvementStep: Double? = nil
    /// Whether two costs of branch-and-cut beyond its iterations and nodes count as work: the
    /// cut rows GLPK's generators add below the root (``WorkMeter/unitsPerCutRow`` each) and,
    /// with a backtracking rule that walks the open nodes to choose the next (best local
    /// bound, best projection), the open nodes at each node selection
    /// (``WorkMeter/openNodesPerUnit``). Set by ``IntegerLevelSearch`` on a level's last
    /// branch-and-cut, which takes what is left of the level's effort: there the Gomory rounds
    /// at the nodes and the walks took most of the time on the plans slowest per unit. The
    /// searches before it have budgets of their own, calibrated without them, and their paths
    /// stay as they were.
    var countsSearchOverheads = false
    /// The largest problem (in integer columns) that ``strengthen`` copies: the copy and its
    /// passes cost a few reads of the matrix per search. At 80 x 40 x 60 (242,140 integer
    /// columns, every search and cost-polish step on a model of that size) they cost 10 s
    /// of a 40 s run and changed no result; 40 x 20 x 36 (38,288) gains from them.
    public var strengthenUpToIntegerColumns = 100_000
    /// Stop branch-and-cut at its first integral point (status ``SolverStatus/feasible``):
    /// a search for any point, e.g. under a row that caps the objective at a proven bound.
    public var stopAtFirstPoint = false
    /// The work this solve may do, counted on the budget's meter (simplex iterations and
    /// branch-and-cut nodes, ``WorkMeter``), and its wall-clock deadline; `nil` for none.
    /// A solve that runs out stops as at a time limit, with ``Solution/stopCause`` saying why.
    /// (``timeLimit`` still applies as well.)
    public var budget: WorkBudget?

    public init(
        timeLimit: Double? = nil, presolve: Bool = true, method: LPMethod = .dual,
        relaxIntegrality: Bool = false, cuts: CutOptions = .standard,
        heuristics: HeuristicOptions = HeuristicOptions(),
        branching: BranchingRule = .driebeckTomlin, backtracking: BacktrackingRule = .bestLocal,
        relativeGap: Double = 0, verbose: Bool = false, incumbent: [Double]? = nil
    ) {
        self.timeLimit = timeLimit
        self.presolve = presolve
        self.method = method
        self.relaxIntegrality = relaxIntegrality
        self.cuts = cuts
        self.heuristics = heuristics
        self.branching = branching
        self.backtracking = backtracking
        self.relativeGap = relativeGap
        self.verbose = verbose
        self.incumbent = incumbent
    }

    /// Checks every field that GLPK would abort on or misread.
    ///
    /// - Parameter columns: the number of columns of the model, for ``incumbent``.
    /// - Throws: ``LinearProgrammingError/invalidOption(_:)``,
    ///   ``LinearProgrammingError/incumbentSizeMismatch(expected:got:)``.
    public func validate(columns: Int) throws {
        if let t = timeLimit, !(t.isFinite && t > 0) {
            throw LinearProgrammingError.invalidOption(
                "The time limit must be a finite number of seconds greater than 0, not \(t).")
        }
        let ps = heuristics.proximityTimeLimit
        if !(ps.isFinite && ps > 0) {
            throw LinearProgrammingError.invalidOption(
                "The proximity search time limit must be a finite number of seconds greater than 0, not \(ps).")
        }
        if !(relativeGap.isFinite && relativeGap >= 0) {
            throw LinearProgrammingError.invalidOption(
                "The relative MIP gap must be a finite number greater than or equal to 0, not \(relativeGap).")
        }
        if let x = incumbent {
            if x.count != columns {
                throw LinearProgrammingError.incumbentSizeMismatch(expected: columns, got: x.count)
            }
            if let j = x.firstIndex(where: { !$0.isFinite }) {
                throw LinearProgrammingError.invalidOption(
                    "The incumbent's value for column \(j) is \(x[j]); every value must be finite.")
            }
        }
        if let p = branchingPriority, p.count != columns {
            throw LinearProgrammingError.invalidOption(
                "The branching priority has \(p.count) values for \(columns) columns; give one per column.")
        }
    }
}
