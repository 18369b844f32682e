// The only file that imports GLPK. Everything GLPK could abort on is checked in
// Swift before the call (see ModelValidation.swift and SolveOptions.validate).

import CGLPK

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Solves ``LinearModel``s with GLPK 5.0, and writes and reads them as files.
///
/// Each call creates a GLPK problem, solves it and frees it on the calling thread, so
/// calls on different threads may run in parallel (GLPK keeps its state per thread).
///
/// ## Linear programmes
/// `glp_simplex` with ``SolveOptions/method`` and, if ``SolveOptions/presolve``, GLPK's
/// LP presolver. Duals, reduced costs and row activities come back with an optimum.
///
/// ## Mixed-integer programmes: why GLPK's MIP presolver is never used
/// Branch-and-cut (`glp_intopt`) always runs with its presolver off, on a root LP
/// that `glp_simplex` has just solved (with the LP presolver if ``SolveOptions/presolve``;
/// measured safe on 30,000 random MIPs). GLPK 5.0's MIP presolver is unsafe:
/// - with cover cuts on, it aborts the process (`glp_add_cols: ncs = 0`) when presolve
///   leaves rows but no column: the cover generator is set up for an empty problem;
/// - on 61 of 57,511 random small MIPs (all infeasible) it failed an assertion
///   (`q->lb < q->ub`, npp/npp3.c:554) and aborted, whatever the cut settings;
/// - on 14 of them it looped forever, ignoring `tm_lim`.
///
/// The part of it that pays on iars's plans, bounds from the rows and smaller
/// coefficients at binary columns, is done in Swift instead (``Strengthening``, on a copy
/// of the problem, ``SolveOptions/strengthen``).
///
/// Without the MIP presolver, 60,000 random MIPs with random cuts, heuristics and
/// branching ran with no abort and no overrun. The columns handed to branch-and-cut
/// are then the model's own, so the incumbent hand-off (`glp_ios_heur_sol`, which
/// expects values for the problem branch-and-cut sees) is correct too.
///
/// Also: proximity search runs a nested `glp_intopt` with its own limit (`ps_tm_lim`,
/// 60 s by default) that ignores `tm_lim`; it is capped at the time left. A MIP
/// without a time limit may run forever (e.g. infeasible with unbounded integer columns).
public enum GLPKSolver {
    /// Frees the calling thread's GLPK environment (about 6 KB, which GLPK frees only here).
    /// Call it last on a thread of one's own that used GLPK, after its problems are gone:
    /// GLPK's environment is per thread.
    /// The corresponding GLPK routine is `glp_free_env`.
    public static func releaseThreadEnvironment() {
        _ = glp_free_env()
    }

    /// Checks the model in Swift: every column index of every row, duplicate columns in
    /// a row, row term counts, NaN or infinite coefficients (objective and constant
    /// included), bounds (`lower <= upper`, no NaN, `-inf` only below, `+inf` only above)
    /// and sizes GLPK can index. Names are not checked: they never reach GLPK when solving,
    /// and ``write(_:format:to:)`` sanitises them.
    ///
    /// - Throws: ``LinearProgrammingError``.
    /// - Complexity: O(rows + columns + nonzeros).
    public static func validate(_ model: LinearModel) throws {
        _ = try ModelValidation.validate(model)
    }

    /// Validates the model and options, builds a GLPK problem, solves it, extracts the
    /// solution and frees the problem.
    ///
    /// Bounds map to GLPK's types (`-inf`/`+inf` to `GLP_FR`/`GLP_LO`/`GLP_UP`, equal bounds
    /// to `GLP_FX`, others to `GLP_DB`). For a MIP, bounds of integer columns are rounded
    /// inward; if no integer lies between them the result is ``SolverStatus/infeasible``
    /// without calling GLPK. The problem is a MIP if some column is integer and
    /// ``SolveOptions/relaxIntegrality`` is off (see the type's notes on presolve).
    ///
    /// - Returns: the status, and the point with its objective and row activities when one
    ///   is known; duals and reduced costs for an optimal LP; bound and gap for a MIP.
    /// - Throws: ``LinearProgrammingError`` for an invalid model or option.
    /// The corresponding GLPK routines are `glp_simplex` and `glp_intopt`.
    public static func solve(_ model: LinearModel, options: SolveOptions = .init()) throws -> Solution {
        let nonzeros = try ModelValidation.validate(model)
        try options.validate(columns: model.columns.count)
        let mip = !options.relaxIntegrality && model.columns.contains(where: \.isInteger)
        if mip, let message = integerBoundsConflict(model) {
            return Solution(status: .infeasible, message: message)
        }
        let p = GLPKBuilder.makeProblem(model, nonzeros: nonzeros, mode: mip ? .mip : .relaxed)
        defer { glp_delete_prob(p) }
        let shape = ProblemShape(
            columns: model.columns.count, rows: model.rows.count,
            integerColumns: GLPKBuilder.integerColumns(model))
        return GLPKRun.solve(p, shape: shape, mip: mip, options: options)
    }

    /// Writes the model in CPLEX LP format or free MPS format, integer columns marked.
    ///
    /// Names are sanitised and made unique (see ``ModelFileFormat``'s notes). GLPK's
    /// formats drop free rows (rows without bounds). The LP format keeps the objective
    /// constant only as a comment, which ``read(_:from:)`` understands. GLPK's MPS has no
    /// objective sense: a maximisation is written as the minimisation of the negated
    /// objective (correct for any reader) with a comment that ``read(_:from:)`` uses to
    /// restore the maximisation.
    ///
    /// - Throws: ``LinearProgrammingError`` for an invalid model, or
    ///   ``LinearProgrammingError/io(_:)`` if the file cannot be written.
    /// The corresponding GLPK routines are `glp_write_lp` and `glp_write_mps`.
    public static func write(_ model: LinearModel, format: ModelFileFormat, to path: String) throws {
        let nonzeros = try ModelValidation.validate(model)
        let p = GLPKBuilder.makeProblem(model, nonzeros: nonzeros, mode: .export)
        defer { glp_delete_prob(p) }
        GLPKFiles.setNames(p, model: model.name, columns: model.columns.map(\.name), rows: model.rows.map(\.name))
        try GLPKFiles.write(p, format: format, to: path)
    }

    /// Reads an LP or free MPS file into a model (for round trips and tests).
    ///
    /// Range rows that GLPK's LP writer expresses through an auxiliary `~r_i` column come
    /// back as range rows. In LP format, columns come back in the order the file first
    /// mentions them (objective, then rows), which differs from the model's order when a
    /// column has a zero objective coefficient; MPS keeps the order.
    ///
    /// - Throws: ``LinearProgrammingError/io(_:)`` if the file is missing or malformed.
    /// The corresponding GLPK routines are `glp_read_lp` and `glp_read_mps`.
    public static func read(_ format: ModelFileFormat, from path: String) throws -> LinearModel {
        try GLPKFiles.read(format, from: path)
    }

    /// A message if some integer column has no integer value between its bounds.
    static func integerBoundsConflict(_ model: LinearModel) -> String? {
        for (j, c) in model.columns.enumerated() where c.isInteger {
            let b = ModelValidation.integerBounds(c.lower, c.upper)
            if b.lower > b.upper {
                return
                    "no integer value lies between the bounds of \(ModelValidation.label("column", j, c.name)) (\(c.lower), \(c.upper))"
            }
        }
        return nil
    }
}

// MARK: - Index conversion and bounds

/// This layer's 0-based index as GLPK's 1-based one (GLPK keeps a dummy element 0).
@inline(__always)
func glpkIndex(_ i: Int) -> Int32 { Int32(truncatingIfNeeded: i + 1) }

enum GLPKBounds {
    /// GLPK's bound type for validated bounds: equal finite bounds are `GLP_FX`
    /// (`GLP_DB` with `lb == ub` fails with `GLP_EBOUND`).
    @inline(__always)
    static func type(_ lower: Double, _ upper: Double) -> Int32 {
        if lower == -.infinity { return upper == .infinity ? GLP_FR : GLP_UP }
        if upper == .infinity { return GLP_LO }
        return lower == upper ? GLP_FX : GLP_DB
    }

    @inline(__always)
    static func setColumn(_ p: OpaquePointer, _ j: Int32, _ lower: Double, _ upper: Double) {
        let t = type(lower, upper)
        glp_set_col_bnds(p, j, t, lower.isFinite ? lower : 0, upper.isFinite ? upper : 0)
    }

    @inline(__always)
    static func setRow(_ p: OpaquePointer, _ i: Int32, _ lower: Double, _ upper: Double) {
        let t = type(lower, upper)
        glp_set_row_bnds(p, i, t, lower.isFinite ? lower : 0, upper.isFinite ? upper : 0)
    }

    /// Bounds GLPK holds for a column or row, back as `-inf`/`+inf` for missing ones.
    static func decode(type t: Int32, lower: Double, upper: Double) -> (Double, Double) {
        switch t {
        case GLP_FR: return (-.infinity, .infinity)
        case GLP_LO: return (lower, .infinity)
        case GLP_UP: return (-.infinity, upper)
        case GLP_FX: return (lower, lower)
        default: return (lower, upper)
        }
    }
}

// MARK: - Building

enum GLPKBuilder {
    enum Mode {
        /// Integer columns marked, their bounds rounded inward (when that leaves an integer).
        case mip
        /// Every column continuous, original bounds.
        case relaxed
        /// Integer columns marked, original bounds (what the user wrote).
        case export
    }

    /// 1-based GLPK indices of the integer columns.
    static func integerColumns(_ model: LinearModel) -> [Int32] {
        var result: [Int32] = []
        for (j, c) in model.columns.enumerated() where c.isInteger { result.append(glpkIndex(j)) }
        return result
    }

    /// A new GLPK problem holding a validated model; the caller deletes it.
    ///
    /// - Complexity: O(rows + columns + nonzeros); the matrix goes in with one
    ///   `glp_load_matrix` call from three preallocated arrays.
    static func makeProblem(_ model: LinearModel, nonzeros: Int, mode: Mode) -> OpaquePointer {
        let p = glp_create_prob()!
        let n = model.columns.count
        let m = model.rows.count
        glp_set_obj_dir(p, model.sense == .minimize ? GLP_MIN : GLP_MAX)
        glp_set_obj_coef(p, 0, model.objectiveConstant)
        // glp_add_cols(p, 0) and glp_add_rows(p, 0) abort the process.
        if n > 0 { glp_add_cols(p, Int32(n)) }
        if m > 0 { glp_add_rows(p, Int32(m)) }
        model.columns.withUnsafeBufferPointer { columns in
            for j in 0..<n {
                let c = columns[j]
                let gj = glpkIndex(j)
                var lower = c.lower, upper = c.upper
                if c.isInteger && mode != .relaxed {
                    glp_set_col_kind(p, gj, GLP_IV)
                    if mode == .mip {
                        let b = ModelValidation.integerBounds(lower, upper)
                        if b.lower <= b.upper { (lower, upper) = b }
                    }
                }
                GLPKBounds.setColumn(p, gj, lower, upper)
                if c.objective != 0 { glp_set_obj_coef(p, gj, c.objective) }
            }
        }
        guard m > 0 else { return p }
        var ia = [Int32](repeating: 0, count: nonzeros + 1)
        var ja = [Int32](repeating: 0, count: nonzeros + 1)
        var ar = [Double](repeating: 0, count: nonzeros + 1)
        model.rows.withUnsafeBufferPointer { rows in
            ia.withUnsafeMutableBufferPointer { ia in
                ja.withUnsafeMutableBufferPointer { ja in
                    ar.withUnsafeMutableBufferPointer { ar in
                        var k = 1
                        for i in 0..<m {
                            let r = rows[i]
                            let gi = glpkIndex(i)
                            GLPKBounds.setRow(p, gi, r.lower, r.upper)
                            r.columns.withUnsafeBufferPointer { cols in
                                r.coefficients.withUnsafeBufferPointer { coefs in
                                    for t in 0..<cols.count where coefs[t] != 0 {
                                        ia[k] = gi
                                        ja[k] = glpkIndex(cols[t])
                                        ar[k] = coefs[t]
                                        k += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if nonzeros > 0 { glp_load_matrix(p, Int32(nonzeros), ia, ja, ar) }
        return p
    }
}

// MARK: - Solving

/// What the solve code needs to know of a problem besides the GLPK object.
struct ProblemShape {
    var columns: Int
    var rows: Int
    /// 1-based indices of integer columns.
    var integerColumns: [Int32]
}

/// Per-solve data the branch-and-cut callback reads and writes, passed through `cb_info`.
final class BranchAndCutContext {
    /// The checked incumbent, 1-based (element 0 unused); `nil` once handed off or if none.
    var incumbent: [Double]?
    var incumbentAccepted = false
    /// Best bound seen, in the objective's units.
    var bound: Double?
    let minimize: Bool
    /// When the search must stop: GLPK checks `tm_lim` only between nodes, so the
    /// callback, called several times per node, stops it on time.
    let deadline: ContinuousClock.Instant?
    var stoppedByDeadline = false
    /// ``SolveOptions/branchingPriority``, 1-based (element 0 unused).
    let branchingPriority: [Int]?
    /// ``SolveOptions/stopAtFirstPoint``.
    var stopAtFirstPoint = false
    /// The solve's budget: its units left when branch-and-cut started, and the units of one
    /// iteration or node; the iteration count of the problem at the start.
    var effortLeft = Int.max
    var units = 1
    /// Whether GLPK's branching rule weighs every candidate column (Driebeck-Tomlin,
    /// pseudo-costs), and the candidates it weighed so far.
    var weighsCandidates = false
    var candidates = 0
    var startIterations: Int32 = 0
    /// Work done in branch-and-cut so far (iterations and nodes, in units).
    var work = 0
    /// Nodes and node-LP iterations at the last callback.
    var nodes = 0
    var iterations = 0
    /// Rows GLPK's cut generators added to the problem below the root so far, and the
    /// problem's rows at the last callback (cuts GLPK drops again make it shrink; it grows by
    /// the cuts added).
    var cutRows = 0
    var lastRows: Int32 = 0
    /// ``SolveOptions/countsSearchOverheads``, and whether the backtracking rule walks the open
    /// nodes at a node selection (best local bound, best projection; depth and breadth first
    /// take the list's end).
    var countsSearchOverheads = false
    var selectionWalksOpenNodes = false
    /// Open nodes at each node selection, summed, when the selection walks them.
    var openNodesWalked = 0
    /// What stopped the search, if the callback did.
    var stopCause: StopCause?
    /// The budget's meter, told of the progress at each node selection.
    var meter: WorkMeter?
    /// The stop request the search heeds (the budget's; the process's without one).
    var interruption = Interruption.shared
    /// ``SolveOptions/improvementStep``, and the bounds tightened by reduced costs.
    var improvementStep: Double?
    var tightenedBounds = 0

    init(
        minimize: Bool, incumbent: [Double]?, rootBound: Double?, deadline: ContinuousClock.Instant? = nil,
        branchingPriority: [Int]? = nil
    ) {
        self.branchingPriority = branchingPriority.map { [Int.max] + $0 }
        self.minimize = minimize
        self.incumbent = incumbent
        self.bound = rootBound
        self.deadline = deadline
    }

    /// Node selections so far; the best bound is read at every ``boundEvery``-th.
    var selections = 0
    static let boundEvery = 64
    var boundAtEverySelection = false

    /// Work so far, in units: the simplex iterations of the node LPs, the nodes made and the
    /// branching candidates weighed; in a level's last search also the cut rows added below
    /// the root and the open nodes walked at each node selection (``countsSearchOverheads``).
    func countWork(_ tree: OpaquePointer) {
        var active: Int32 = 0, current: Int32 = 0, total: Int32 = 0
        glp_ios_tree_size(tree, &active, &current, &total)
        let p = glp_ios_get_prob(tree)
        nodes = Int(total)
        iterations = Int(max(0, p.map { glp_get_it_cnt($0) - startIterations } ?? 0))
        if let p {
            // Only below the root: the root's rounds are counted by the iterations they take.
            let rows = glp_get_num_rows(p)
            let node = glp_ios_curr_node(tree)
            if rows > lastRows && node != 0 && glp_ios_node_level(tree, node) > 0 { cutRows += Int(rows - lastRows) }
            lastRows = rows
        }
        // Best-local (and best-projection) backtracking walks every open node to choose the next.
        if countsSearchOverheads && selectionWalksOpenNodes && glp_ios_reason(tree) == GLP_ISELECT {
            openNodesWalked += Int(active)
        }
        let searchWork =
            countsSearchOverheads
            ? cutRows * WorkMeter.unitsPerCutRow + openNodesWalked / WorkMeter.openNodesPerUnit : 0
        work = (iterations + nodes + candidates + searchWork) * units
    }

    /// Records the best bound of the open nodes (`glp_ios_best_node`).
    func readBound(_ tree: OpaquePointer) {
        let node = glp_ios_best_node(tree)
        if node != 0 { improveBound(glp_ios_node_bound(tree, node)) }
    }

    func improveBound(_ b: Double) {
        guard b.isFinite, abs(b) < Double.greatestFiniteMagnitude else { return }
        if let old = bound {
            bound = minimize ? max(old, b) : min(old, b)
        } else {
            bound = b
        }
    }
}

/// GLPK's branch-and-cut callback: records the best bound (`GLP_ISELECT`, `GLP_IBINGO`),
/// hands the incumbent over at the first `GLP_IHEUR`, and picks the branching column
/// by ``SolveOptions/branchingPriority`` (`GLP_IBRANCH`).
private func branchAndCutCallback(_ tree: OpaquePointer?, _ info: UnsafeMutableRawPointer?) {
    guard let tree, let info else { return }
    let context = Unmanaged<BranchAndCutContext>.fromOpaque(info).takeUnretainedValue()
    context.countWork(tree)
    if context.stopCause == nil {
        if context.interruption.isRequested {
            context.stopCause = .interrupt
        } else if context.work >= context.effortLeft {
            context.stopCause = .effort
        } else if let deadline = context.deadline, ContinuousClock.now >= deadline {
            context.stoppedByDeadline = true
            context.stopCause = .clock
        }
        if context.stopCause != nil {
            context.readBound(tree)
            glp_ios_terminate(tree)
        }
    }
    switch glp_ios_reason(tree) {
    case GLP_ISELECT, GLP_IBINGO:
        // The best bound takes a walk over every open node (tens of thousands late in a long
        // search, as long as a node's LP there): read at every 64th selection, at a new
        // incumbent and when the callback stops the search (at every selection when GLPK may
        // stop on its own at a relative gap). Reading it changes nothing in the search.
        context.selections += 1
        if context.selections % BranchAndCutContext.boundEvery == 1 || glp_ios_reason(tree) == GLP_IBINGO
            || context.boundAtEverySelection
        {
            context.readBound(tree)
        }
        if let report = context.meter?.onProgress, let p = glp_ios_get_prob(tree) {
            let best: Double? = glp_mip_status(p) == GLP_FEAS || glp_mip_status(p) == GLP_OPT ? glp_mip_obj_val(p) : nil
            report(context.work, best, context.bound)
        }
        if context.stopAtFirstPoint && glp_ios_reason(tree) == GLP_IBINGO { glp_ios_terminate(tree) }
    case GLP_IHEUR:
        if let x = context.incumbent {
            context.incumbent = nil
            context.incumbentAccepted = x.withUnsafeBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) } == 0
        }
    case GLP_IBRANCH:
        if let step = context.improvementStep, let p = glp_ios_get_prob(tree), glp_mip_status(p) == GLP_FEAS {
            context.tightenedBounds += GLPKRun.tightenByReducedCosts(p, minimize: context.minimize, step: step)
        }
        // GLPK's own rule weighs each candidate column (Driebeck and Tomlin's penalties
        // take a dual ratio test each, about an iteration's work): counted as such.
        if context.branchingPriority == nil && context.weighsCandidates, let p = glp_ios_get_prob(tree) {
            var candidates = 0
            for j in 1...max(1, glp_get_num_cols(p)) where glp_ios_can_branch(tree, Int32(j)) != 0 { candidates += 1 }
            context.candidates += candidates
        }
        guard let priority = context.branchingPriority, let p = glp_ios_get_prob(tree) else { break }
        var chosen: Int32 = 0
        var best = Int.max
        for j in 1..<Int32(priority.count) where priority[Int(j)] < best && glp_ios_can_branch(tree, j) != 0 {
            chosen = j
            best = priority[Int(j)]
        }
        // GLPK's own rule when no column qualifies (it will then pick one itself).
        if chosen != 0 {
            let v = glp_get_col_prim(p, chosen)
            glp_ios_branch_upon(tree, chosen, v - v.rounded(.down) < v.rounded(.up) - v ? GLP_DN_BRNCH : GLP_UP_BRNCH)
        }
    default:
        break
    }
}

enum GLPKRun {
    /// Tightens the bounds of the current node's nonbasic integer columns by their reduced
    /// costs: a plan better than the incumbent is better by at least `step`, and moving a
    /// column nonbasic at a bound by k worsens the node's LP value by at least k times its
    /// reduced cost. The LP solution and basis are unchanged (a column stays at the bound it
    /// sits on); GLPK keeps the bounds with the node and its subtree, as for its own fixing
    /// (`glp_set_col_bnds` is allowed in the callback). Returns how many bounds it tightened.
    static func tightenByReducedCosts(_ p: OpaquePointer, minimize: Bool, step: Double) -> Int {
        let z = glp_get_obj_val(p), best = glp_mip_obj_val(p)
        // How far the node's LP value may worsen before no better plan is left in it.
        let room = minimize ? (best - step) - z : z - (best + step)
        guard room > -1e-9 else { return 0 }
        var tightened = 0
        for j in 1...max(1, glp_get_num_cols(p)) where glp_get_col_kind(p, j) != GLP_CV {
            let type = glp_get_col_type(p, j)
            guard type == GLP_LO || type == GLP_UP || type == GLP_DB else { continue }
            let stat = glp_get_col_stat(p, j)
            // The objective's worsening per unit the column moves up from its bound.
            let rate = minimize ? glp_get_col_dual(p, j) : -glp_get_col_dual(p, j)
            if stat == GLP_NL && rate > 1e-9 {
                let lb = glp_get_col_lb(p, j)
                let ub = type == GLP_DB ? glp_get_col_ub(p, j) : Double.infinity
                let newUB = lb + (max(0, room) / rate + 1e-6).rounded(.down)
                if newUB < ub - 0.5 {
                    glp_set_col_bnds(p, j, newUB == lb ? GLP_FX : GLP_DB, lb, newUB)
                    tightened += 1
                }
            } else if stat == GLP_NU && rate < -1e-9 {
                let ub = glp_get_col_ub(p, j)
                let lb = type == GLP_DB ? glp_get_col_lb(p, j) : -Double.infinity
                let newLB = ub - (max(0, room) / -rate + 1e-6).rounded(.down)
                if newLB > lb + 0.5 {
                    glp_set_col_bnds(p, j, newLB == ub ? GLP_FX : GLP_DB, newLB, ub)
                    tightened += 1
                }
            }
        }
        return tightened
    }

    /// The manual's words for a return code of `glp_simplex` or `glp_intopt`.
    static func returnCodeMessage(_ code: Int32) -> String {
        switch code {
        case 0: return "solution process completed"
        case GLP_EBADB: return "invalid basis"
        case GLP_ESING: return "singular matrix"
        case GLP_ECOND: return "ill-conditioned matrix"
        case GLP_EBOUND: return "incorrect bounds"
        case GLP_EFAIL: return "solver failed"
        case GLP_EOBJLL: return "objective lower limit reached"
        case GLP_EOBJUL: return "objective upper limit reached"
        case GLP_EITLIM: return "iteration limit exceeded"
        case GLP_ETMLIM: return "time limit exceeded"
        case GLP_ENOPFS: return "no primal feasible solution"
        case GLP_ENODFS: return "no dual feasible solution"
        case GLP_EROOT: return "root LP optimum not provided"
        case GLP_ESTOP: return "search terminated by application"
        case GLP_EMIPGAP: return "relative mip gap tolerance reached"
        case GLP_ENOFEAS: return "no primal/dual feasible solution"
        case GLP_ENOCVG: return "no convergence"
        case GLP_EINSTAB: return "numerical instability"
        case GLP_EDATA: return "invalid data"
        case GLP_ERANGE: return "result out of range"
        default: return "unknown return code \(code)"
        }
    }

    /// The manual's words for a solution status (`glp_get_status`, `glp_mip_status`).
    static func statusMessage(_ status: Int32) -> String {
        switch status {
        case GLP_OPT: return "solution is optimal"
        case GLP_FEAS: return "solution is feasible"
        case GLP_INFEAS: return "solution is infeasible"
        case GLP_NOFEAS: return "no feasible solution exists"
        case GLP_UNBND: return "solution is unbounded"
        case GLP_UNDEF: return "solution is undefined"
        default: return "unknown status \(status)"
        }
    }

    /// A time in milliseconds for `tm_lim`, at least 1 and at most `Int32.max`.
    static func milliseconds(_ seconds: Double) -> Int32 {
        let ms = (seconds * 1000).rounded(.up)
        if !(ms >= 1) { return 1 }
        return ms >= Double(Int32.max) ? Int32.max : Int32(ms)
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        start.duration(to: .now).inSeconds
    }

    /// Turns GLPK's terminal output off (or on, if verbose) for the body, then restores it.
    /// `glp_term_out` is per thread.
    static func withTerminalOutput<T>(verbose: Bool, _ body: () throws -> T) rethrows -> T {
        let previous = glp_term_out(verbose ? GLP_ON : GLP_OFF)
        defer { glp_term_out(previous) }
        return try body()
    }

    static func simplexParameters(_ options: SolveOptions, presolve: Bool, timeLimit: Double?) -> glp_smcp {
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
        switch options.method {
        case .primal: parm.meth = GLP_PRIMAL
        case .dual: parm.meth = GLP_DUAL
        case .dualPrimal: parm.meth = GLP_DUALP
        }
        parm.presolve = presolve ? GLP_ON : GLP_OFF
        if let t = timeLimit { parm.tm_lim = milliseconds(t) }
        return parm
    }

    /// Simplex iterations in one call of `glp_simplex` at most, in work units, when the
    /// presolver is off: between calls the simplex goes on from its basis, and an
    /// interruption is seen (a call cannot be stopped from outside).
    static let simplexChunkUnits = 200_000

    /// The wall-clock seconds a solve that started at `start` has left: the least of
    /// ``SolveOptions/timeLimit`` and the budget's deadline; `nil` for no limit.
    static func wallSecondsLeft(_ options: SolveOptions, start: ContinuousClock.Instant) -> Double? {
        var left = options.timeLimit.map { $0 - seconds(since: start) }
        if let s = options.budget?.secondsLeft { left = min(left ?? s, s) }
        return left
    }

    /// Runs the simplex within the solve's budget: iterations limited to the units left
    /// (`it_lim`), the wall clock to the time left (`tm_lim`), in calls of at most
    /// ``simplexChunkUnits`` when the presolver is off, with the interruption flag checked
    /// between calls. Charges the iterations to the budget's meter.
    ///
    /// - Returns: GLPK's return code of the last call (`GLP_EITLIM` when the effort ran
    ///   out, `GLP_ETMLIM` for the clock, and for an interruption before any call), what
    ///   stopped it, whether any call ran, and the units used.
    static func budgetedSimplex(
        _ p: OpaquePointer, options: SolveOptions, presolve: Bool, units: Int,
        start: ContinuousClock.Instant
    ) -> (ret: Int32, stop: StopCause?, ran: Bool, work: Int) {
        var parm = simplexParameters(options, presolve: presolve, timeLimit: nil)
        var ran = false
        var work = 0
        while true {
            if (options.budget?.interruption ?? .shared).isRequested { return (GLP_ETMLIM, .interrupt, ran, work) }
            if let wall = wallSecondsLeft(options, start: start) {
                if wall <= 0.001 { return (GLP_ETMLIM, .clock, ran, work) }
                parm.tm_lim = milliseconds(wall)
            }
            var limit = Int.max
            var byEffort = false
            if let b = options.budget, b.isLimited {
                limit = b.left / units
                byEffort = true
                if limit <= 0 { return (GLP_EITLIM, .effort, ran, work) }
            }
            var chunked = false
            if !presolve {
                let chunk = max(100, simplexChunkUnits / units)
                if chunk < limit { limit = chunk; chunked = true; byEffort = false }
            }
            parm.it_lim = limit >= Int(Int32.max) ? Int32.max : Int32(limit)
            let before = glp_get_it_cnt(p)
            let ret = simplex(p, &parm)
            ran = true
            let done = Int(max(0, glp_get_it_cnt(p) - before)) * units
            work += done
            options.budget?.meter.charge(done)
            if let report = options.budget?.meter.onProgress { report(0, nil, nil) }
            if ret == GLP_EITLIM && chunked { continue }
            if ret == GLP_EITLIM && byEffort { return (ret, .effort, ran, work) }
            if ret == GLP_ETMLIM { return (ret, .clock, ran, work) }
            return (ret, nil, ran, work)
        }
    }

    /// Runs `glp_simplex`; a warm start whose basis GLPK refuses is retried from an advanced basis.
    static func simplex(_ p: OpaquePointer, _ parm: inout glp_smcp) -> Int32 {
        var ret = glp_simplex(p, &parm)
        if ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND {
            glp_adv_basis(p, 0)
            ret = glp_simplex(p, &parm)
        }
        return ret
    }

    /// Solves a built problem. `mip` means: integer columns are marked and their bounds integral.
    static func solve(_ p: OpaquePointer, shape: ProblemShape, mip: Bool, options: SolveOptions) -> Solution {
        withTerminalOutput(verbose: options.verbose) {
            let start = ContinuousClock.now
            var result =
                mip
                ? solveMIP(p, shape: shape, options: options, start: start)
                : solveLP(p, shape: shape, options: options, start: start)
            result.seconds = seconds(since: start)
            return result
        }
    }

    static func solveLP(
        _ p: OpaquePointer, shape: ProblemShape, options: SolveOptions,
        start: ContinuousClock.Instant
    ) -> Solution {
        let units = WorkMeter.unitsPerStep(rows: shape.rows, columns: shape.columns)
        let run = budgetedSimplex(p, options: options, presolve: options.presolve, units: units, start: start)
        let ret = run.ret
        let status = glp_get_status(p)
        var solution = Solution(status: .failed)
        solution.work = run.work
        solution.stopCause = run.stop
        if !run.ran {
            // Stopped before the simplex started: no point of this problem is known.
            solution.status = .timeLimit
            solution.message = run.stop == .effort ? returnCodeMessage(GLP_EITLIM) : returnCodeMessage(GLP_ETMLIM)
            return solution
        }
        switch ret {
        case 0:
            solution.message = statusMessage(status)
            switch status {
            case GLP_OPT: solution.status = .optimal
            case GLP_NOFEAS: solution.status = .infeasible
            case GLP_UNBND: solution.status = .unbounded
            default:
                if glp_get_prim_stat(p) == GLP_NOFEAS {
                    solution.status = .infeasible
                } else if glp_get_dual_stat(p) == GLP_NOFEAS {
                    solution.status = .unbounded
                }
            }
        case GLP_ENOPFS:
            solution.status = .infeasible
            solution.message = returnCodeMessage(ret)
        case GLP_ENODFS:
            solution.status = .unbounded
            solution.message = returnCodeMessage(ret)
        case GLP_ETMLIM, GLP_EITLIM:
            solution.status = glp_get_prim_stat(p) == GLP_FEAS ? .feasible : .timeLimit
            solution.message = returnCodeMessage(ret)
        default:
            solution.message = returnCodeMessage(ret)
        }
        if solution.status == .optimal || solution.status == .feasible {
            let n = shape.columns, m = shape.rows
            solution.objective = glp_get_obj_val(p)
            solution.values = read(n) { glp_get_col_prim(p, $0) }
            solution.rowActivities = read(m) { glp_get_row_prim(p, $0) }
            if solution.status == .optimal {
                solution.reducedCosts = read(n) { glp_get_col_dual(p, $0) }
                solution.rowDuals = read(m) { glp_get_row_dual(p, $0) }
            }
        }
        return solution
    }

    static func solveMIP(
        _ p: OpaquePointer, shape: ProblemShape, options: SolveOptions,
        start: ContinuousClock.Instant
    ) -> Solution {
        // 0. Bounds and coefficients made tighter, on a copy (the caller's problem keeps its
        //    rows, so a later level or the reported row activities see the model as built).
        let tighter =
            options.strengthen && shape.integerColumns.count <= options.strengthenUpToIntegerColumns
            ? strengthenedCopy(p, shape: shape) : nil
        let p = tighter?.problem ?? p
        defer { if let tighter { glp_delete_prob(tighter.problem) } }
        // 1. Root LP relaxation: glp_intopt without presolve needs its optimal basis.
        let units = WorkMeter.unitsPerStep(rows: shape.rows, columns: shape.columns)
        let root = budgetedSimplex(p, options: options, presolve: options.presolve, units: units, start: start)
        let lpStatus = glp_get_status(p)
        if !root.ran || root.ret != 0 || lpStatus != GLP_OPT {
            return rootFailure(p, root: root, status: lpStatus)
        }
        let minimize = glp_get_obj_dir(p) == GLP_MIN
        let context = BranchAndCutContext(
            minimize: minimize,
            incumbent: options.incumbent.flatMap { checkedIncumbent(p, $0, shape: shape) },
            rootBound: glp_get_obj_val(p),
            deadline: wallSecondsLeft(options, start: start).map {
                ContinuousClock.now + .milliseconds(Int64(($0 * 1000).rounded(.down)))
            },
            branchingPriority: options.branchingPriority)
        context.stopAtFirstPoint = options.stopAtFirstPoint
        context.units = units
        context.meter = options.budget?.meter
        context.interruption = options.budget?.interruption ?? .shared
        context.weighsCandidates = options.branching == .driebeckTomlin || options.branching == .pseudoCost
        context.startIterations = glp_get_it_cnt(p)
        context.lastRows = glp_get_num_rows(p)
        context.countsSearchOverheads = options.countsSearchOverheads
        context.selectionWalksOpenNodes = options.backtracking == .bestLocal || options.backtracking == .bestProjection
        context.boundAtEverySelection = options.relativeGap > 0
        context.improvementStep = options.improvementStep
        if let b = options.budget, b.isLimited { context.effortLeft = b.left }

        // 2. Branch-and-cut, presolver off (see GLPKSolver's notes), with the time left.
        var iocp = intoptParameters(options, secondsLeft: wallSecondsLeft(options, start: start))
        iocp.cb_func = branchAndCutCallback
        iocp.cb_info = Unmanaged.passUnretained(context).toOpaque()
        let ret = withExtendedLifetime(context) { glp_intopt(p, &iocp) }
        // (The last callback's count; the work after it, the final node's end, is not counted.)
        options.budget?.meter.charge(context.work)
        var solution = mipSolution(p, shape: shape, ret: ret, context: context, options: options)
        solution.work = root.work + context.work
        if let s = tighter?.strengthening, !solution.values.isEmpty {
            solution.rowActivities = s.originalActivities(solution.values)
        }
        if options.verbose {
            solution.message +=
                "; \(context.nodes) nodes, \(context.iterations) node-LP iterations, \(context.candidates) branching candidates weighed, \(context.cutRows) cut rows added below the root, \(root.work / units) root iterations"
            if context.tightenedBounds > 0 {
                solution.message += "; \(context.tightenedBounds) bounds tightened by reduced costs"
            }
            if let s = tighter?.strengthening {
                solution.message +=
                    "; \(s.tightenedBounds) bounds tightened, \(s.reducedCoefficients) coefficients reduced"
            }
        }
        return solution
    }

    /// A copy of `p` made tighter by ``Strengthening`` for branch-and-cut, or `nil` when
    /// nothing could be tightened or the bounds prove there is no plan (GLPK then finds
    /// that on `p` itself). The caller deletes the copy; its basis is `p`'s, added rows basic.
    /// The corresponding GLPK routine is `glp_copy_prob`.
    static func strengthenedCopy(
        _ p: OpaquePointer, shape: ProblemShape
    ) -> (problem: OpaquePointer, strengthening: Strengthening)? {
        let n = shape.columns, m = shape.rows
        guard n > 0, m > 0, !shape.integerColumns.isEmpty else { return nil }
        var start = [0], column: [Int] = [], value: [Double] = []
        var rowLower = [Double](), rowUpper = [Double]()
        var ind = [Int32](repeating: 0, count: n + 1)
        var val = [Double](repeating: 0, count: n + 1)
        for i in 0..<m {
            let gi = glpkIndex(i)
            let len = Int(glp_get_mat_row(p, gi, &ind, &val))
            for k in stride(from: 1, through: len, by: 1) {
                column.append(Int(ind[k]) - 1)
                value.append(val[k])
            }
            start.append(column.count)
            let (lb, ub) = GLPKBounds.decode(
                type: glp_get_row_type(p, gi), lower: glp_get_row_lb(p, gi), upper: glp_get_row_ub(p, gi))
            rowLower.append(lb)
            rowUpper.append(ub)
        }
        var lower = [Double](), upper = [Double](), isInteger = [Bool]()
        for j in 0..<n {
            let gj = glpkIndex(j)
            let (lb, ub) = GLPKBounds.decode(
                type: glp_get_col_type(p, gj), lower: glp_get_col_lb(p, gj), upper: glp_get_col_ub(p, gj))
            lower.append(lb)
            upper.append(ub)
            isInteger.append(glp_get_col_kind(p, gj) != GLP_CV)
        }
        var s = Strengthening(
            start: start, column: column, value: value, rowLower: rowLower, rowUpper: rowUpper,
            lower: lower, upper: upper, isInteger: isInteger)
        s.run()
        if s.infeasible || (s.changedColumns.isEmpty && s.replacedRows.isEmpty) { return nil }
        let q = glp_create_prob()!
        glp_copy_prob(q, p, GLP_OFF)
        for j in s.changedColumns { GLPKBounds.setColumn(q, glpkIndex(j), s.lower[j], s.upper[j]) }
        func setRow(_ gi: Int32, _ row: Strengthening.Row) {
            GLPKBounds.setRow(q, gi, row.lower, row.upper)
            var ind: [Int32] = [0] + row.columns.map { glpkIndex($0) }
            var val: [Double] = [0] + row.coefficients
            glp_set_mat_row(q, gi, Int32(row.columns.count), &ind, &val)
        }
        for i in s.replacedRows.keys.sorted() { setRow(glpkIndex(i), s.replacedRows[i]!) }
        if !s.addedRows.isEmpty {
            let first = glp_add_rows(q, Int32(s.addedRows.count))
            for (k, row) in s.addedRows.enumerated() { setRow(first + Int32(k), row) }
        }
        return (q, s)
    }

    /// The root relaxation did not end optimal: why, as a solution without a point.
    static func rootFailure(
        _ p: OpaquePointer, root: (ret: Int32, stop: StopCause?, ran: Bool, work: Int),
        status lpStatus: Int32
    ) -> Solution {
        let lpRet = root.ret
        var s = Solution(status: .failed, message: lpRet == 0 ? statusMessage(lpStatus) : returnCodeMessage(lpRet))
        s.work = root.work
        s.stopCause = root.stop
        switch (lpRet, lpStatus) {
        case _ where root.stop != nil: s.status = .timeLimit
        case (GLP_ENOPFS, _), (0, GLP_NOFEAS): s.status = .infeasible
        case (GLP_ENODFS, _), (0, GLP_UNBND): s.status = .unbounded
        case (GLP_ETMLIM, _): s.status = .timeLimit
        case (0, _):
            if glp_get_prim_stat(p) == GLP_NOFEAS {
                s.status = .infeasible
            } else if glp_get_dual_stat(p) == GLP_NOFEAS {
                s.status = .unbounded
            }
        default: break
        }
        if s.status == .unbounded { s.message += " (the LP relaxation is unbounded)" }
        if s.status == .infeasible { s.message += " (the LP relaxation is infeasible)" }
        return s
    }

    /// `glp_intopt`'s parameters from the options, with `secondsLeft` of the wall clock.
    static func intoptParameters(_ options: SolveOptions, secondsLeft remaining: Double?) -> glp_iocp {
        var iocp = glp_iocp()
        glp_init_iocp(&iocp)
        iocp.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
        iocp.presolve = GLP_OFF
        iocp.br_tech = branchingTechnique(options.branching)
        iocp.bt_tech = backtrackingTechnique(options.backtracking)
        iocp.mip_gap = options.relativeGap
        iocp.gmi_cuts = options.cuts.gomory ? GLP_ON : GLP_OFF
        iocp.mir_cuts = options.cuts.mir ? GLP_ON : GLP_OFF
        iocp.cov_cuts = options.cuts.cover ? GLP_ON : GLP_OFF
        iocp.clq_cuts = options.cuts.clique ? GLP_ON : GLP_OFF
        iocp.fp_heur = options.heuristics.feasibilityPump ? GLP_ON : GLP_OFF
        iocp.ps_heur = options.heuristics.proximitySearch ? GLP_ON : GLP_OFF
        iocp.sr_heur = options.heuristics.simpleRounding ? GLP_ON : GLP_OFF
        var proximity = options.heuristics.proximityTimeLimit
        if let r = remaining {
            iocp.tm_lim = milliseconds(r)
            proximity = min(proximity, r)
        }
        iocp.ps_tm_lim = milliseconds(proximity)
        return iocp
    }

    /// Branch-and-cut's result: status, message, the point (integer columns within 1e-6
    /// rounded), its bound and gap.
    static func mipSolution(
        _ p: OpaquePointer, shape: ProblemShape, ret: Int32, context: BranchAndCutContext,
        options: SolveOptions
    ) -> Solution {
        let status = glp_mip_status(p)
        var solution = Solution(status: .failed, message: ret == 0 ? statusMessage(status) : returnCodeMessage(ret))
        solution.stopCause = context.stopCause ?? (ret == GLP_ETMLIM ? .clock : nil)
        switch (ret, status) {
        case (0, GLP_OPT): solution.status = .optimal
        case (0, GLP_NOFEAS): solution.status = .infeasible
        case (GLP_EMIPGAP, GLP_FEAS): solution.status = .optimal  // within the requested gap
        case (GLP_ETMLIM, GLP_FEAS), (GLP_ESTOP, GLP_FEAS), (GLP_EFAIL, GLP_FEAS): solution.status = .feasible
        case (GLP_ETMLIM, _): solution.status = .timeLimit
        case (GLP_ESTOP, _) where context.stopCause != nil: solution.status = .timeLimit
        default: break
        }
        if context.stoppedByDeadline && ret == GLP_ESTOP { solution.message = returnCodeMessage(GLP_ETMLIM) }
        if context.stopCause == .effort && ret == GLP_ESTOP { solution.message = "the effort budget ran out" }
        if context.stopCause == .interrupt && ret == GLP_ESTOP { solution.message = "interrupted" }
        if context.incumbentAccepted { solution.message += "; the incumbent given was accepted" }
        if solution.status == .optimal || solution.status == .feasible {
            var x = read(shape.columns) { glp_mip_col_val(p, $0) }
            for gj in shape.integerColumns {
                let j = Int(gj) - 1
                let r = x[j].rounded()
                if abs(x[j] - r) <= 1e-6 { x[j] = r }
            }
            let objective = glp_mip_obj_val(p)
            solution.values = x
            solution.objective = objective
            solution.rowActivities = read(shape.rows) { glp_mip_row_val(p, $0) }
            if ret == 0 {
                solution.bound = objective
                solution.gap = 0
            } else if let b = context.bound {
                // The bound recorded at the last node selection; never better than the incumbent.
                let bound = context.minimize ? min(b, objective) : max(b, objective)
                solution.bound = bound
                solution.gap = Solution.relativeGap(objective: objective, bound: bound)
            }
        } else if solution.status == .timeLimit {
            solution.bound = context.bound
        }
        return solution
    }

    static func branchingTechnique(_ rule: BranchingRule) -> Int32 {
        switch rule {
        case .firstFractional: return GLP_BR_FFV
        case .lastFractional: return GLP_BR_LFV
        case .mostFractional: return GLP_BR_MFV
        case .driebeckTomlin: return GLP_BR_DTH
        case .pseudoCost: return GLP_BR_PCH
        }
    }

    static func backtrackingTechnique(_ rule: BacktrackingRule) -> Int32 {
        switch rule {
        case .depthFirst: return GLP_BT_DFS
        case .breadthFirst: return GLP_BT_BFS
        case .bestLocal: return GLP_BT_BLB
        case .bestProjection: return GLP_BT_BPH
        }
    }

    /// `count` values read with a 1-based GLPK getter, into a 0-based array.
    @inline(__always)
    static func read(_ count: Int, _ get: (Int32) -> Double) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            for k in 0..<count { buffer[k] = get(glpkIndex(k)) }
            initialized = count
        }
    }

    /// The incumbent as GLPK wants it (1-based, integer values exact), or `nil` if it
    /// violates integrality, a bound or a row by more than `1e-6` (for bounds relative to
    /// big values; for rows relative to the bigger of the bound and the sum of the row's
    /// terms' sizes, since a solver's continuous values meet rows only to its tolerance):
    /// `glp_ios_heur_sol` does not check feasibility and would take it as the best solution.
    static func checkedIncumbent(_ p: OpaquePointer, _ x: [Double], shape: ProblemShape) -> [Double]? {
        let n = shape.columns
        guard x.count == n else { return nil }
        @inline(__always) func tolerance(_ b: Double) -> Double { 1e-6 * max(1, abs(b)) }
        var point = [Double](repeating: 0, count: n + 1)
        for j in 0..<n { point[j + 1] = x[j] }
        for gj in shape.integerColumns {
            let v = point[Int(gj)]
            let r = v.rounded()
            if abs(v - r) > 1e-6 { return nil }
            point[Int(gj)] = r
        }
        for j in stride(from: 1, through: n, by: 1) {
            let gj = Int32(j)
            let (lb, ub) = GLPKBounds.decode(
                type: glp_get_col_type(p, gj),
                lower: glp_get_col_lb(p, gj), upper: glp_get_col_ub(p, gj))
            let v = point[j]
            if v < lb - tolerance(lb) || v > ub + tolerance(ub) { return nil }
            point[j] = min(max(v, lb), ub)
        }
        var ind = [Int32](repeating: 0, count: n + 1)
        var val = [Double](repeating: 0, count: n + 1)
        for i in 0..<shape.rows {
            let gi = glpkIndex(i)
            let len = Int(glp_get_mat_row(p, gi, &ind, &val))
            var activity = 0.0
            var size = 0.0
            for k in stride(from: 1, through: len, by: 1) {
                let term = val[k] * point[Int(ind[k])]
                activity += term
                size += abs(term)
            }
            let (lb, ub) = GLPKBounds.decode(
                type: glp_get_row_type(p, gi),
                lower: glp_get_row_lb(p, gi), upper: glp_get_row_ub(p, gi))
            if activity < lb - tolerance(max(abs(lb), size)) || activity > ub + tolerance(max(abs(ub), size)) {
                return nil
            }
        }
        return point
    }
}

// MARK: - Files

enum GLPKFiles {
    static let maximiseMarker = "* iars: maximize (objective negated for MPS readers without OBJSENSE)"
    static let constantPrefix = "\\* constant term = "

    /// Sets sanitised, unique names on a problem (rows and the objective share a namespace).
    static func setNames(_ p: OpaquePointer, model: String, columns: [String], rows: [String]) {
        let modelName = ExportNames.sanitise(model)
        glp_set_prob_name(p, modelName.isEmpty ? "model" : modelName)
        glp_set_obj_name(p, "obj")
        for (j, name) in ExportNames.make(columns, fallbackPrefix: "c").enumerated() {
            glp_set_col_name(p, glpkIndex(j), name)
        }
        for (i, name) in ExportNames.make(rows, fallbackPrefix: "r", reserved: ["obj"]).enumerated() {
            glp_set_row_name(p, glpkIndex(i), name)
        }
    }

    static func checkPath(_ path: String) throws {
        if path.isEmpty || path.utf8.contains(0) {
            throw LinearProgrammingError.io(
                "The file path \"\(path)\" is empty or contains a NUL character; give a plain path.")
        }
    }

    /// Writes a named problem. A maximisation goes to MPS negated, with a marker comment.
    static func write(_ p: OpaquePointer, format: ModelFileFormat, to path: String) throws {
        try checkPath(path)
        let ret: Int32 = GLPKRun.withTerminalOutput(verbose: false) {
            switch format {
            case .lp:
                return glp_write_lp(p, nil, path)
            case .mps:
                guard glp_get_obj_dir(p) == GLP_MAX else { return glp_write_mps(p, GLP_MPS_FILE, nil, path) }
                let n = Int(glp_get_num_cols(p))
                for j in 0...n { glp_set_obj_coef(p, Int32(j), -glp_get_obj_coef(p, Int32(j))) }
                glp_set_obj_dir(p, GLP_MIN)
                defer {
                    for j in 0...n { glp_set_obj_coef(p, Int32(j), -glp_get_obj_coef(p, Int32(j))) }
                    glp_set_obj_dir(p, GLP_MAX)
                }
                let r = glp_write_mps(p, GLP_MPS_FILE, nil, path)
                if r == 0 && !prependLine(maximiseMarker, to: path) { return 1 }
                return r
            }
        }
        if ret != 0 {
            throw LinearProgrammingError.io(
                "GLPK could not write the model to \"\(path)\" in \(format.rawValue.uppercased()) format; check that the directory exists and is writable."
            )
        }
    }

    static func read(_ format: ModelFileFormat, from path: String) throws -> LinearModel {
        try checkPath(path)
        guard let p = glp_create_prob() else { throw LinearProgrammingError.io("GLPK could not create a problem.") }
        defer { glp_delete_prob(p) }
        let ret: Int32 = GLPKRun.withTerminalOutput(verbose: false) {
            switch format {
            case .lp: return glp_read_lp(p, nil, path)
            case .mps: return glp_read_mps(p, GLP_MPS_FILE, nil, path)
            }
        }
        if ret != 0 {
            throw LinearProgrammingError.io(
                "GLPK could not read a model in \(format.rawValue.uppercased()) format from \"\(path)\"; check that the file exists and is well formed."
            )
        }
        var model = LinearModel(name: glp_get_prob_name(p).map { String(cString: $0) } ?? "model")
        model.sense = glp_get_obj_dir(p) == GLP_MAX ? .maximize : .minimize
        var sign = 1.0
        var constant = glp_get_obj_coef(p, 0)
        let header = leadingLines(of: path, until: format == .lp ? "Subject To" : "ROWS")
        if format == .mps && header.contains(maximiseMarker) {
            model.sense = .maximize
            sign = -1
        }
        if format == .lp, let line = header.first(where: { $0.hasPrefix(constantPrefix) }) {
            let number = line.dropFirst(constantPrefix.count).prefix { $0 != " " && $0 != "*" }
            if let c = Double(number) { constant = c }
        }
        model.objectiveConstant = sign * constant
        let n = Int(glp_get_num_cols(p)), m = Int(glp_get_num_rows(p))
        var rowLower = [Double](repeating: 0, count: m + 1)
        var rowUpper = [Double](repeating: 0, count: m + 1)
        for gi in stride(from: 1, through: m, by: 1) {
            (rowLower[gi], rowUpper[gi]) = GLPKBounds.decode(
                type: glp_get_row_type(p, Int32(gi)),
                lower: glp_get_row_lb(p, Int32(gi)), upper: glp_get_row_ub(p, Int32(gi)))
        }
        // GLPK's LP writer expresses a range row L <= a x <= U as  a x - ~r_i = L  with
        // 0 <= ~r_i <= U - L. Fold such columns back into the row's bounds.
        var newIndex = [Int](repeating: -1, count: n + 1)
        var ind = [Int32](repeating: 0, count: max(n, m) + 1)
        var val = [Double](repeating: 0, count: max(n, m) + 1)
        var kept = 0
        for gj in stride(from: 1, through: n, by: 1) {
            let name = glp_get_col_name(p, Int32(gj)).map { String(cString: $0) } ?? ""
            if name.hasPrefix("~"), glp_get_col_type(p, Int32(gj)) == GLP_DB, glp_get_col_lb(p, Int32(gj)) == 0,
                glp_get_col_kind(p, Int32(gj)) == GLP_CV, glp_get_obj_coef(p, Int32(gj)) == 0,
                glp_get_mat_col(p, Int32(gj), &ind, &val) == 1, val[1] == -1,
                glp_get_row_type(p, ind[1]) == GLP_FX
            {
                let gi = Int(ind[1])
                rowUpper[gi] = rowLower[gi] + glp_get_col_ub(p, Int32(gj))
                continue
            }
            newIndex[gj] = kept
            kept += 1
            let (lb, ub) = GLPKBounds.decode(
                type: glp_get_col_type(p, Int32(gj)),
                lower: glp_get_col_lb(p, Int32(gj)), upper: glp_get_col_ub(p, Int32(gj)))
            model.addColumn(
                name: name, lower: lb, upper: ub, integer: glp_get_col_kind(p, Int32(gj)) != GLP_CV,
                objective: sign * glp_get_obj_coef(p, Int32(gj)))
        }
        for gi in stride(from: 1, through: m, by: 1) {
            let len = Int(glp_get_mat_row(p, Int32(gi), &ind, &val))
            var terms: [(Int, Double)] = []
            terms.reserveCapacity(len)
            for k in stride(from: 1, through: len, by: 1) where newIndex[Int(ind[k])] >= 0 {
                terms.append((newIndex[Int(ind[k])], val[k]))
            }
            model.addRow(
                name: glp_get_row_name(p, Int32(gi)).map { String(cString: $0) } ?? "",
                lower: rowLower[gi], upper: rowUpper[gi], terms: terms)
        }
        return model
    }

    /// The file's lines up to (not including) the first one that starts with `stop`.
    static func leadingLines(of path: String, until stop: String) -> [String] {
        guard let file = fopen(path, "r") else { return [] }
        defer { fclose(file) }
        var lines: [String] = []
        var buffer = [CChar](repeating: 0, count: 4096)
        while fgets(&buffer, Int32(buffer.count), file) != nil {
            let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if line.hasPrefix(stop) { break }
            // Only short lines matter (markers); long objective lines are skipped whole.
            lines.append(line.hasSuffix("\n") ? String(line.dropLast()) : line)
        }
        return lines
    }

    /// Rewrites the file with `line` first. Returns false on any I/O failure.
    static func prependLine(_ line: String, to path: String) -> Bool {
        guard let input = fopen(path, "rb") else { return false }
        var contents: [UInt8] = Array(line.utf8) + [UInt8(ascii: "\n")]
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = fread(&chunk, 1, chunk.count, input)
            if got > 0 { contents.append(contentsOf: chunk[0..<got]) }
            if got < chunk.count { break }
        }
        let readFailed = ferror(input) != 0
        fclose(input)
        if readFailed { return false }
        guard let output = fopen(path, "wb") else { return false }
        let wrote = contents.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, output) }
        let closed = fclose(output) == 0
        return wrote == contents.count && closed
    }
}

// MARK: - A problem kept across solves

/// A GLPK problem kept alive across several solves, for lexicographic optimisation and
/// sweeps: load once, then change the objective, bounds or add rows and solve again. With
/// ``SolveOptions/presolve`` off, `glp_simplex` starts from the previous basis (a warm
/// start: milliseconds instead of seconds on large LPs); GLPK's presolver discards the basis.
///
/// GLPK keeps its memory per thread, and deleting or using a problem from another thread
/// aborts the process or corrupts memory. So a `GLPKProblem` is noncopyable and not
/// `Sendable`: create it, use it and let it go in one synchronous function, and never keep
/// it across an `await`. Every method checks the thread and throws
/// ``LinearProgrammingError/wrongThread`` on a foreign one; if it is dropped on a foreign
/// thread, the GLPK problem is leaked rather than freed unsafely.
public struct GLPKProblem: ~Copyable {
    private let pointer: OpaquePointer
    private let owner: pthread_t
    private var n: Int
    private var m: Int
    /// Column bounds as given (integer columns unrounded).
    private var lower: [Double]
    private var upper: [Double]
    private var isInteger: [Bool]
    private var isImpliedInteger: [Bool]
    private var isSetup: [Bool]
    /// 1-based indices of the integer columns.
    private var integerColumns: [Int32]
    /// Whether GLPK currently holds the inward-rounded bounds of integer columns (MIP mode).
    private var integerBoundsRounded: Bool
    private var modelName: String
    private var columnNames: [String]
    private var rowNames: [String]
    /// Scratch for the duplicate check of ``addRow(name:lower:upper:terms:)``.
    private var stamp: [Int32]
    private var stampValue: Int32 = 0

    /// Validates the model and loads it into GLPK (the matrix with one `glp_load_matrix` call).
    ///
    /// - Throws: ``LinearProgrammingError`` for an invalid model.
    /// The corresponding GLPK routine is `glp_load_matrix`.
    public init(_ model: LinearModel) throws {
        let nonzeros = try ModelValidation.validate(model)
        pointer = GLPKBuilder.makeProblem(model, nonzeros: nonzeros, mode: .mip)
        owner = pthread_self()
        n = model.columns.count
        m = model.rows.count
        lower = model.columns.map(\.lower)
        upper = model.columns.map(\.upper)
        isInteger = model.columns.map(\.isInteger)
        isImpliedInteger = model.columns.map(\.isImpliedInteger)
        isSetup = model.columns.map(\.isSetup)
        integerColumns = GLPKBuilder.integerColumns(model)
        integerBoundsRounded = true
        modelName = model.name
        columnNames = model.columns.map(\.name)
        rowNames = model.rows.map(\.name)
        stamp = [Int32](repeating: 0, count: model.columns.count)
    }

    deinit {
        // Deleting on another thread would abort or corrupt GLPK's per-thread memory: leak instead.
        if pthread_equal(owner, pthread_self()) != 0 { glp_delete_prob(pointer) }
    }

    /// The number of columns.
    public var columnCount: Int { n }
    /// The number of rows, including added ones.
    public var rowCount: Int { m }

    /// The bounds of column `j` (0-based) as last set (integer columns unrounded).
    public func columnBounds(_ j: Int) -> (lower: Double, upper: Double) { (lower[j], upper[j]) }

    /// Whether column `j` (0-based) is an integer column.
    public func isIntegerColumn(_ j: Int) -> Bool { isInteger[j] }

    /// Whether column `j` (0-based) is an implied integer column (``LinearModel/Column/isImpliedInteger``).
    public func isImpliedIntegerColumn(_ j: Int) -> Bool { isImpliedInteger[j] }
    /// Whether column `j` (0-based) is a setup column (``LinearModel/Column/isSetup``).
    public func isSetupColumn(_ j: Int) -> Bool { isSetup[j] }

    private func checkThread() throws {
        if pthread_equal(owner, pthread_self()) == 0 { throw LinearProgrammingError.wrongThread }
    }

    /// The bounds GLPK should hold for column `j` (0-based) in the current mode.
    private func effectiveBounds(_ j: Int) -> (Double, Double) {
        if isInteger[j] && integerBoundsRounded {
            let b = ModelValidation.integerBounds(lower[j], upper[j])
            if b.lower <= b.upper { return b }
        }
        return (lower[j], upper[j])
    }

    private mutating func setIntegerBoundsRounded(_ rounded: Bool) {
        guard rounded != integerBoundsRounded else { return }
        integerBoundsRounded = rounded
        for gj in integerColumns {
            let j = Int(gj) - 1
            let (lb, ub) = effectiveBounds(j)
            if lb != lower[j] || ub != upper[j] || !rounded { GLPKBounds.setColumn(pointer, gj, lb, ub) }
        }
    }

    /// Replaces the whole objective: one coefficient per column, and the constant.
    ///
    /// - Throws: ``LinearProgrammingError/objectiveSizeMismatch(expected:got:)``,
    ///   ``LinearProgrammingError/nonFiniteCoefficient(where:)``.
    /// The corresponding GLPK routine is `glp_set_obj_coef`.
    public mutating func setObjective(_ coefficients: [Double], constant: Double) throws {
        try checkThread()
        if coefficients.count != n {
            throw LinearProgrammingError.objectiveSizeMismatch(expected: n, got: coefficients.count)
        }
        try ModelValidation.checkFinite(constant, "objective constant")
        for j in 0..<n {
            try ModelValidation.checkFinite(
                coefficients[j], "objective coefficient of \(ModelValidation.label("column", j, columnNames[j]))")
        }
        glp_set_obj_coef(pointer, 0, constant)
        for j in 0..<n { glp_set_obj_coef(pointer, glpkIndex(j), coefficients[j]) }
    }

    /// Sets the bounds of column `j` (0-based); `-inf`/`+inf` for none.
    ///
    /// - Throws: ``LinearProgrammingError/columnOutOfRange(_:columns:)``,
    ///   ``LinearProgrammingError/invalidBounds(_:lower:upper:)``.
    /// The corresponding GLPK routine is `glp_set_col_bnds`.
    public mutating func setColumnBounds(_ j: Int, lower: Double, upper: Double) throws {
        try checkThread()
        guard j >= 0 && j < n else { throw LinearProgrammingError.columnOutOfRange(j, columns: n) }
        try ModelValidation.checkBounds(lower, upper, ModelValidation.label("column", j, columnNames[j]))
        self.lower[j] = lower
        self.upper[j] = upper
        let (lb, ub) = effectiveBounds(j)
        GLPKBounds.setColumn(pointer, glpkIndex(j), lb, ub)
    }

    /// A simplex basis of this problem, to return to with ``restoreBasis(_:)``.
    public struct Basis: Sendable {
        fileprivate var rows: [Int32]
        fileprivate var columns: [Int32]
    }

    /// The current basis: GLPK's status of every row and column.
    /// The corresponding GLPK routines are `glp_get_row_stat` and `glp_get_col_stat`.
    public func currentBasis() -> Basis {
        Basis(
            rows: (0..<m).map { glp_get_row_stat(pointer, glpkIndex($0)) },
            columns: (0..<n).map { glp_get_col_stat(pointer, glpkIndex($0)) })
    }

    /// Returns to a basis taken from this problem with ``currentBasis()``; rows added
    /// since stay basic, so the basis stays valid. The next simplex starts from it.
    ///
    /// - Throws: ``LinearProgrammingError/invalidOption(_:)`` for a basis of another shape.
    /// The corresponding GLPK routines are `glp_set_row_stat` and `glp_set_col_stat`.
    public mutating func restoreBasis(_ basis: Basis) throws {
        try checkThread()
        guard basis.columns.count == n, basis.rows.count <= m else {
            throw LinearProgrammingError.invalidOption(
                "The basis has \(basis.rows.count) rows and \(basis.columns.count) columns; the problem has \(m) and \(n)."
            )
        }
        let valid: Set<Int32> = [GLP_BS, GLP_NL, GLP_NU, GLP_NF, GLP_NS]
        guard basis.rows.allSatisfy(valid.contains), basis.columns.allSatisfy(valid.contains) else {
            throw LinearProgrammingError.invalidOption("The basis holds a status GLPK does not know.")
        }
        // GLPK adjusts a non-basic status to the bounds a row or column has now.
        for (i, st) in basis.rows.enumerated() { glp_set_row_stat(pointer, glpkIndex(i), st) }
        for i in basis.rows.count..<m { glp_set_row_stat(pointer, glpkIndex(i), GLP_BS) }
        for (j, st) in basis.columns.enumerated() { glp_set_col_stat(pointer, glpkIndex(j), st) }
    }

    /// What ``crashBasis(at:)`` made of a point.
    public struct Crash: Sendable, Equatable {
        /// Columns and rows strictly between their bounds at the point.
        public var interior: Int
        /// The interior columns (0-based) the basis could not hold: they start at their
        /// nearest bound, so the basic solution leaves the point there. (Interior rows are
        /// always basic: the triangular part only takes tight rows.)
        public var leftOutColumns: [Int]
        /// How many interior columns the basis could not hold.
        public var leftOut: Int { leftOutColumns.count }
    }

    /// Makes a simplex basis whose basic solution is `x` (one value per column), or close
    /// to it: a crossover for a plan found elsewhere, so that an LP started cold from a
    /// feasible plan skips the simplex's first phase (finding a feasible point), which on
    /// large plans is most of its time.
    ///
    /// Every column and row at a bound at `x` is non-basic at that bound; those strictly
    /// between their bounds must be basic. GLPK's advanced basis (the largest triangular
    /// part of the matrix) is built with the bounds pinned: a column or row at a bound
    /// fixed there, so that the triangular part takes the interior columns and the rows
    /// that are tight, which makes the basis matrix non-singular. Interior columns it leaves
    /// out start at their nearest bound. The bounds are then restored exactly.
    ///
    /// - Throws: ``LinearProgrammingError/wrongThread``,
    ///   ``LinearProgrammingError/invalidOption(_:)`` when `x` has the wrong length or is not finite.
    /// The corresponding GLPK routines are `glp_adv_basis`, `glp_set_col_stat` and `glp_set_row_stat`.
    @discardableResult
    public mutating func crashBasis(at x: [Double]) throws -> Crash {
        try checkThread()
        guard x.count == n, x.allSatisfy(\.isFinite) else {
            throw LinearProgrammingError.invalidOption(
                "A point for a basis needs \(n) finite values; it has \(x.count).")
        }
        let p = pointer
        @inline(__always) func near(_ v: Double, _ b: Double) -> Bool { abs(v - b) <= 1e-9 * max(1, abs(b)) }
        enum Place { case lower, upper, fixed, interior }
        func place(_ v: Double, _ t: Int32, _ lb: Double, _ ub: Double) -> Place {
            switch t {
            case GLP_FX: return .fixed
            case GLP_FR: return .interior
            case GLP_LO: return near(v, lb) ? .lower : .interior
            case GLP_UP: return near(v, ub) ? .upper : .interior
            default: return near(v, lb) ? .lower : near(v, ub) ? .upper : .interior
            }
        }
        // The bounds as GLPK holds them now, to restore exactly.
        let colType = (0..<n).map { glp_get_col_type(p, glpkIndex($0)) }
        let colLb = GLPKRun.read(n) { glp_get_col_lb(p, $0) }
        let colUb = GLPKRun.read(n) { glp_get_col_ub(p, $0) }
        let rowType = (0..<m).map { glp_get_row_type(p, glpkIndex($0)) }
        let rowLb = GLPKRun.read(m) { glp_get_row_lb(p, $0) }
        let rowUb = GLPKRun.read(m) { glp_get_row_ub(p, $0) }
        var point = [Double](repeating: 0, count: n + 1)
        for j in 0..<n { point[j + 1] = x[j] }
        var activity = [Double](repeating: 0, count: m)
        var ind = [Int32](repeating: 0, count: n + 1)
        var val = [Double](repeating: 0, count: n + 1)
        for i in 0..<m {
            let len = Int(glp_get_mat_row(p, glpkIndex(i), &ind, &val))
            var a = 0.0
            for k in stride(from: 1, through: len, by: 1) { a += val[k] * point[Int(ind[k])] }
            activity[i] = a
        }
        let colPlace = (0..<n).map { place(x[$0], colType[$0], colLb[$0], colUb[$0]) }
        let rowPlace = (0..<m).map { place(activity[$0], rowType[$0], rowLb[$0], rowUb[$0]) }
        // Pin what sits at a bound, so that the triangular part holds the interior columns.
        for j in 0..<n where colPlace[j] != .interior { glp_set_col_bnds(p, glpkIndex(j), GLP_FX, x[j], x[j]) }
        for i in 0..<m where rowPlace[i] != .interior {
            glp_set_row_bnds(p, glpkIndex(i), GLP_FX, activity[i], activity[i])
        }
        GLPKRun.withTerminalOutput(verbose: false) { glp_adv_basis(p, 0) }
        for j in 0..<n { glp_set_col_bnds(p, glpkIndex(j), colType[j], colLb[j], colUb[j]) }
        for i in 0..<m { glp_set_row_bnds(p, glpkIndex(i), rowType[i], rowLb[i], rowUb[i]) }
        // Non-basic: at the bound the point is at (interior ones left out: the nearest).
        func status(_ pl: Place, _ v: Double, _ t: Int32, _ lb: Double, _ ub: Double) -> Int32 {
            switch pl {
            case .lower: return GLP_NL
            case .upper: return GLP_NU
            case .fixed: return GLP_NS
            case .interior:
                switch t {
                case GLP_FR: return GLP_NF
                case GLP_LO: return GLP_NL
                case GLP_UP: return GLP_NU
                default: return abs(v - lb) <= abs(ub - v) ? GLP_NL : GLP_NU
                }
            }
        }
        var leftOutColumns: [Int] = []
        for j in 0..<n {
            let gj = glpkIndex(j)
            guard glp_get_col_stat(p, gj) != GLP_BS else { continue }
            if colPlace[j] == .interior { leftOutColumns.append(j) }
            glp_set_col_stat(p, gj, status(colPlace[j], x[j], colType[j], colLb[j], colUb[j]))
        }
        for i in 0..<m {
            let gi = glpkIndex(i)
            guard glp_get_row_stat(p, gi) != GLP_BS else { continue }
            glp_set_row_stat(p, gi, status(rowPlace[i], activity[i], rowType[i], rowLb[i], rowUb[i]))
        }
        let interior =
            colPlace.reduce(0) { $0 + ($1 == .interior ? 1 : 0) }
            + rowPlace.reduce(0) { $0 + ($1 == .interior ? 1 : 0) }
        return Crash(interior: interior, leftOutColumns: leftOutColumns)
    }

    /// Solves the problem as an LP (integer columns relaxed) starting from `x`, a
    /// feasible point of it (a plan found elsewhere): a crossover, then the simplex
    /// without its first phase.
    ///
    /// 1. ``crashBasis(at:)``. The interior columns the basis cannot hold (where `x` is
    ///    not a vertex) are pinned at their value, so the basic solution is `x` itself.
    /// 2. The primal simplex from there: the pinned LP's optimum (no first phase: the
    ///    start is feasible).
    /// 3. The pinned columns get their bounds back, each non-basic at the bound its
    ///    reduced cost points to (the basis stays dual feasible), and the dual simplex
    ///    (falling back to the primal) mends the few rows their move upsets.
    ///
    /// When the time limit stops step 2, its point so far comes back as `feasible` (with
    /// the bounds back, it is a point of the whole problem); when it stops step 3, step 2's
    /// optimum does, unless step 3's point is better. A point that breaks a bound or a row
    /// of the problem falls back to ``solve(options:)``.
    ///
    /// - Returns: the solution, and what the crash made of `x`.
    /// - Throws: as ``solve(options:)``.
    public mutating func solveRelaxation(options: SolveOptions, from x: [Double]) throws -> (
        solution: Solution, crash: Crash?
    ) {
        try checkThread()
        var options = options
        options.relaxIntegrality = true
        options.presolve = false
        guard try feasiblePoint(x) != nil else { return (try solve(options: options), nil) }
        setIntegerBoundsRounded(false)
        let crash = try crashBasis(at: x)
        guard !crash.leftOutColumns.isEmpty else { return (try solve(options: options), crash) }
        let pinned = crash.leftOutColumns
        for j in pinned { GLPKBounds.setColumn(pointer, glpkIndex(j), x[j], x[j]) }
        var first = options
        first.method = .primal
        var pinnedSolution = try solve(options: first)
        func unpin() {
            for j in pinned {
                let (lb, ub) = effectiveBounds(j)
                GLPKBounds.setColumn(pointer, glpkIndex(j), lb, ub)
            }
        }
        guard pinnedSolution.status == .optimal else {
            // Stopped by the time limit (its point, if any, is one of the whole problem), or
            // failed: as it is, with the bounds back.
            unpin()
            if pinnedSolution.hasPoint { pinnedSolution.status = .feasible }
            return (pinnedSolution, crash)
        }
        let reducedCost = pinned.map { glp_get_col_dual(pointer, glpkIndex($0)) }
        unpin()
        let minimise = glp_get_obj_dir(pointer) == GLP_MIN
        for (k, j) in pinned.enumerated() {
            let d = minimise ? reducedCost[k] : -reducedCost[k]
            let gj = glpkIndex(j)
            switch glp_get_col_type(pointer, gj) {
            case GLP_DB: glp_set_col_stat(pointer, gj, d >= 0 ? GLP_NL : GLP_NU)
            case GLP_LO: glp_set_col_stat(pointer, gj, GLP_NL)
            case GLP_UP: glp_set_col_stat(pointer, gj, GLP_NU)
            case GLP_FX: glp_set_col_stat(pointer, gj, GLP_NS)
            default: glp_set_col_stat(pointer, gj, GLP_NF)
            }
        }
        var second = options
        second.method = .dualPrimal
        if let limit = options.timeLimit { second.timeLimit = max(0.001, limit - pinnedSolution.seconds) }
        var solution = try solve(options: second)
        solution.seconds += pinnedSolution.seconds
        let better =
            solution.hasPoint
            && (solution.status == .optimal
                || {
                    guard let a = solution.objective, let b = pinnedSolution.objective else { return false }
                    return minimise ? a <= b : a >= b
                }())
        if !better {
            pinnedSolution.status = .feasible
            pinnedSolution.seconds = solution.seconds
            return (pinnedSolution, crash)
        }
        return (solution, crash)
    }

    /// Sets the bounds of row `i` (0-based); `-inf`/`+inf` for none.
    ///
    /// - Throws: ``LinearProgrammingError/rowOutOfRange(_:rows:)``,
    ///   ``LinearProgrammingError/invalidBounds(_:lower:upper:)``.
    /// The corresponding GLPK routine is `glp_set_row_bnds`.
    public mutating func setRowBounds(_ i: Int, lower: Double, upper: Double) throws {
        try checkThread()
        guard i >= 0 && i < m else { throw LinearProgrammingError.rowOutOfRange(i, rows: m) }
        try ModelValidation.checkBounds(lower, upper, ModelValidation.label("row", i, rowNames[i]))
        GLPKBounds.setRow(pointer, glpkIndex(i), lower, upper)
    }

    /// Adds the row `lower <= sum(coefficient * x[column]) <= upper` and returns its index.
    /// Columns must be distinct; zero coefficients are dropped; no terms makes an empty row.
    /// The previous basis stays valid (the new row is basic), so a warm start still works.
    ///
    /// - Throws: ``LinearProgrammingError`` for an index out of range, a duplicate column,
    ///   a non-finite coefficient or invalid bounds; the problem is unchanged then.
    /// The corresponding GLPK routines are `glp_add_rows` and `glp_set_mat_row`.
    @discardableResult
    public mutating func addRow(name: String, lower: Double, upper: Double, terms: [(Int, Double)]) throws -> Int {
        try checkThread()
        let place = ModelValidation.label("row", m, name)
        if m + 1 > ModelValidation.maximumCount {
            throw LinearProgrammingError.modelTooLarge("more than \(ModelValidation.maximumCount) rows")
        }
        try ModelValidation.checkBounds(lower, upper, place)
        if stampValue == Int32.max {
            for j in 0..<n { stamp[j] = 0 }
            stampValue = 0
        }
        stampValue += 1
        // The loop lives in a static function: in a mutating method of this noncopyable
        // struct it sent Swift 6.3's mandatory SIL passes into a loop that never ended.
        let (ind, val, len) = try Self.packRow(terms, columns: n, place: place, stamp: &stamp, mark: stampValue)
        let gi = glp_add_rows(pointer, 1)
        GLPKBounds.setRow(pointer, gi, lower, upper)
        if len > 0 { glp_set_mat_row(pointer, gi, Int32(len), ind, val) }
        m += 1
        rowNames.append(name)
        return m - 1
    }

    /// Removes the last row (one that ``addRow(name:lower:upper:terms:)`` added; `glp_del_rows`).
    /// The basis is GLPK's to repair: restore a saved one before the next warm start.
    public mutating func removeLastRow() throws {
        try checkThread()
        guard m > 0 else { return }
        var num: [Int32] = [0, Int32(m)]
        glp_del_rows(pointer, 1, &num)
        m -= 1
        rowNames.removeLast()
    }

    /// GLPK's 1-based `ind`/`val` arrays for `terms`, and their length, after the checks.
    private static func packRow(
        _ terms: [(Int, Double)], columns n: Int, place: String,
        stamp: inout [Int32], mark: Int32
    ) throws -> ([Int32], [Double], Int) {
        var ind = [Int32](repeating: 0, count: terms.count + 1)
        var val = [Double](repeating: 0, count: terms.count + 1)
        var len = 0
        for (j, a) in terms {
            guard j >= 0 && j < n else {
                throw LinearProgrammingError.columnIndexOutOfRange(row: place, column: j, columns: n)
            }
            if stamp[j] == mark { throw LinearProgrammingError.duplicateColumnInRow(row: place, column: j) }
            stamp[j] = mark
            if !a.isFinite {
                throw LinearProgrammingError.nonFiniteCoefficient(where: "coefficient of column \(j) in \(place)")
            }
            if a != 0 {
                len += 1
                ind[len] = glpkIndex(j)
                val[len] = a
            }
        }
        return (ind, val, len)
    }

    /// Solves the problem as it stands: an LP if no column is integer or
    /// ``SolveOptions/relaxIntegrality`` is on, else a MIP (see ``GLPKSolver`` for how).
    /// With presolve off, the simplex starts from the basis of the previous solve.
    ///
    /// - Throws: ``LinearProgrammingError`` for an invalid option or a foreign thread.
    /// The corresponding GLPK routines are `glp_simplex` and `glp_intopt`.
    public mutating func solve(options: SolveOptions) throws -> Solution {
        try checkThread()
        try options.validate(columns: n)
        let mip = !integerColumns.isEmpty && !options.relaxIntegrality
        if mip {
            for gj in integerColumns {
                let j = Int(gj) - 1
                let b = ModelValidation.integerBounds(lower[j], upper[j])
                if b.lower > b.upper {
                    return Solution(
                        status: .infeasible,
                        message:
                            "no integer value lies between the bounds of \(ModelValidation.label("column", j, columnNames[j])) (\(lower[j]), \(upper[j]))"
                    )
                }
            }
        }
        setIntegerBoundsRounded(mip)
        let shape = ProblemShape(columns: n, rows: m, integerColumns: integerColumns)
        return GLPKRun.solve(pointer, shape: shape, mip: mip, options: options)
    }

    /// `x` (one value per column) with its integer columns rounded, if it is a plan of the
    /// problem as it stands (added rows included): integer columns within 1e-6 of an
    /// integer, bounds and rows within 1e-6 (relative for big values); `nil` otherwise.
    /// A plan made elsewhere (a heuristic, another model) is checked here before it is
    /// trusted as an incumbent.
    ///
    /// - Throws: ``LinearProgrammingError/wrongThread``.
    public func feasiblePoint(_ x: [Double]) throws -> [Double]? {
        try checkThread()
        let shape = ProblemShape(columns: n, rows: m, integerColumns: integerColumns)
        return GLPKRun.checkedIncumbent(pointer, x, shape: shape).map { Array($0.dropFirst()) }
    }

    /// Writes the problem as it stands (added rows included, integer bounds as given),
    /// like ``GLPKSolver/write(_:format:to:)``.
    ///
    /// - Parameter constantColumn: when the objective has a constant term, write it as a
    ///   column of this name fixed at 1 whose objective coefficient is the constant, so
    ///   that any solver reading the file (`glpsol` among them) reports the same
    ///   objective value; otherwise the constant is only a comment in LP files.
    /// - Throws: ``LinearProgrammingError/io(_:)``, ``LinearProgrammingError/wrongThread``.
    /// The corresponding GLPK routines are `glp_write_lp` and `glp_write_mps`.
    public func write(format: ModelFileFormat, to path: String, constantColumn: String? = nil) throws {
        try checkThread()
        guard let copy = glp_create_prob() else { throw LinearProgrammingError.io("GLPK could not create a problem.") }
        defer { glp_delete_prob(copy) }
        glp_copy_prob(copy, pointer, GLP_OFF)
        for gj in integerColumns {
            let j = Int(gj) - 1
            GLPKBounds.setColumn(copy, gj, lower[j], upper[j])
        }
        var names = columnNames
        let constant = glp_get_obj_coef(copy, 0)
        if let constantColumn, constant != 0 {
            let j = glp_add_cols(copy, 1)
            glp_set_col_bnds(copy, j, GLP_FX, 1, 1)
            glp_set_obj_coef(copy, j, constant)
            glp_set_obj_coef(copy, 0, 0)
            names.append(constantColumn)
        }
        GLPKFiles.setNames(copy, model: modelName, columns: names, rows: rowNames)
        try GLPKFiles.write(copy, format: format, to: path)
    }
}

@available(*, unavailable, message: "A GLPK problem must stay on the thread that created it.")
extension GLPKProblem: Sendable {}
