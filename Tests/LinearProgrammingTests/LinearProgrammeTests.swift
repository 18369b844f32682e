import LinearProgramming
import Testing

@Suite("Linear programmes")
struct LinearProgrammeTests {
    /// Every simplex variant, with and without presolve, reaches the hand-computed optimum.
    @Test(arguments: LPMethod.allCases, [true, false])
    func wyndorOptimum(method: LPMethod, presolve: Bool) throws {
        let s = try GLPKSolver.solve(Models.wyndor, options: SolveOptions(presolve: presolve, method: method))
        #expect(s.status == .optimal)
        #expect(close(s.objective, 36))
        #expect(close(s.values, [2, 6]))
        #expect(close(s.rowActivities, [2, 12, 18]))
        #expect(s.message == "solution is optimal")
        #expect(s.gap == nil && s.bound == nil)
    }

    /// Duals and reduced costs of a maximisation (see `Models.wyndor` for the hand calculation).
    @Test(arguments: [true, false])
    func wyndorDuals(presolve: Bool) throws {
        let s = try GLPKSolver.solve(Models.wyndor, options: SolveOptions(presolve: presolve))
        #expect(close(s.rowDuals, [0, 1.5, 1]))
        #expect(close(s.reducedCosts, [0, 0]))
    }

    /// Duals, reduced costs and the objective constant of a minimisation (see `Models.diet`).
    @Test(arguments: LPMethod.allCases)
    func dietDualsAndReducedCosts(method: LPMethod) throws {
        let s = try GLPKSolver.solve(Models.diet, options: SolveOptions(method: method))
        #expect(s.status == .optimal)
        #expect(close(s.objective, 29))
        #expect(close(s.values, [6, 4, 0]))
        #expect(close(s.rowDuals, [3]))
        #expect(close(s.reducedCosts, [-1, 0, 1]))
        #expect(close(s.rowActivities, [10]))
    }

    /// x + y <= 1 and x + y >= 2 cannot both hold.
    @Test(arguments: LPMethod.allCases, [true, false])
    func infeasible(method: LPMethod, presolve: Bool) throws {
        var m = LinearModel()
        let x = m.addColumn(objective: 1)
        let y = m.addColumn(objective: 1)
        m.addRow(upper: 1, terms: [(x, 1), (y, 1)])
        m.addRow(lower: 2, terms: [(x, 1), (y, 1)])
        let s = try GLPKSolver.solve(m, options: SolveOptions(presolve: presolve, method: method))
        #expect(s.status == .infeasible)
        #expect(!s.hasPoint && s.values.isEmpty && s.objective == nil)
        #expect(!s.message.isEmpty)
    }

    /// max x + y with only x - y <= 1: y (and x with it) grows without limit.
    @Test(arguments: LPMethod.allCases, [true, false])
    func unbounded(method: LPMethod, presolve: Bool) throws {
        var m = LinearModel()
        m.sense = .maximize
        let x = m.addColumn(objective: 1)
        let y = m.addColumn(objective: 1)
        m.addRow(upper: 1, terms: [(x, 1), (y, -1)])
        let s = try GLPKSolver.solve(m, options: SolveOptions(presolve: presolve, method: method))
        #expect(s.status == .unbounded)
        #expect(!s.hasPoint)
    }

    /// Free, upper-only, fixed and double-bounded columns and rows map to GLPK's bound types.
    ///
    /// min x - y + 2w  with  x free, y <= 3, w = 1.5 fixed, and rows
    /// x + y >= -2 (lower only), -4 <= x <= 10 (range), y - w = 0.5 (equality).
    /// By hand: y = w + 0.5 = 2 (<= 3 ok); x as small as allowed: x >= -2 - y = -4 and x >= -4 -> x = -4;
    /// z = -4 - 2 + 3 = -3.
    @Test func boundTypes() throws {
        var m = LinearModel()
        let x = m.addColumn(name: "x", lower: -.infinity, upper: .infinity, objective: 1)
        let y = m.addColumn(name: "y", lower: -.infinity, upper: 3, objective: -1)
        let w = m.addColumn(name: "w", lower: 1.5, upper: 1.5, objective: 2)
        m.addRow(lower: -2, terms: [(x, 1), (y, 1)])
        m.addRow(lower: -4, upper: 10, terms: [(x, 1)])
        m.addRow(lower: 0.5, upper: 0.5, terms: [(y, 1), (w, -1)])
        let s = try GLPKSolver.solve(m)
        #expect(s.status == .optimal)
        #expect(close(s.objective, -3))
        #expect(close(s.values, [-4, 2, 1.5]))
    }

    /// No rows and no columns: the objective is the constant. An empty row is a constraint
    /// on 0: fine if its bounds contain 0, infeasible otherwise.
    @Test(arguments: [(0.0, 5.0, SolverStatus.optimal), (1.0, 5.0, .infeasible)])
    func emptyModelAndEmptyRow(lower: Double, upper: Double, expected: SolverStatus) throws {
        var empty = LinearModel()
        empty.objectiveConstant = 7
        let s0 = try GLPKSolver.solve(empty)
        #expect(s0.status == .optimal)
        #expect(close(s0.objective, 7))
        #expect(s0.values.isEmpty)

        var m = LinearModel()
        m.addRow(lower: lower, upper: upper, terms: [])
        for presolve in [true, false] {
            #expect(try GLPKSolver.solve(m, options: SolveOptions(presolve: presolve)).status == expected)
        }
    }

    /// `relaxIntegrality` solves the LP relaxation of a MIP (see `Models.smallMIP`).
    @Test func relaxation() throws {
        let s = try GLPKSolver.solve(Models.smallMIP, options: SolveOptions(relaxIntegrality: true))
        #expect(s.status == .optimal)
        #expect(close(s.objective, 41.25))
        #expect(close(s.values, [3.75, 2.25]))
        #expect(s.rowDuals.count == 2)
    }

    /// Solves on many threads at once give the same answers (GLPK keeps its state per thread).
    @Test func parallelSolves() async throws {
        let objectives = try await withThrowingTaskGroup(of: Double?.self) { group in
            for _ in 0..<16 {
                group.addTask { try GLPKSolver.solve(Models.wyndor).objective }
            }
            var all: [Double?] = []
            for try await z in group { all.append(z) }
            return all
        }
        #expect(objectives.count == 16)
        #expect(objectives.allSatisfy { close($0, 36) })
    }
}
