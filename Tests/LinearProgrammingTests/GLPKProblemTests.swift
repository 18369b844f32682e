import Foundation
import LinearProgramming
import Testing

@Suite("GLPKProblem: warm re-solves")
struct GLPKProblemTests {
    static let warm = SolveOptions(presolve: false)

    /// Changing the objective, then adding a row, then bounds, each re-solved warm, gives what a
    /// cold solve of the changed model gives.
    @Test func reSolvesMatchColdSolves() throws {
        var model = Models.wyndor
        var problem = try GLPKProblem(model)
        #expect(problem.columnCount == 2 && problem.rowCount == 3)
        let first = try problem.solve(options: Self.warm)
        #expect(close(first.objective, 36))

        // max 5x + 2y + 1: c1 and c3 tight: x = 4, y = 3 -> 20 + 6 + 1 = 27 (c2: 6 <= 12).
        try problem.setObjective([5, 2], constant: 1)
        model.setObjective([5, 2], constant: 1)
        let second = try problem.solve(options: Self.warm)
        #expect(close(second.objective, 27))
        #expect(close(second.values, [4, 3]))
        #expect(second == (try GLPKSolver.solve(model, options: Self.warm)).withCost(of: second))

        // x + y <= 5 cuts (4, 3) off: with x = 4 (c1), y = 1 -> 23; with c3 and the new row tight,
        // 3x + 2y = 18, x + y = 5 -> x = 8 (> 4, not allowed). So x = 4, y = 1, z = 20 + 2 + 1 = 23.
        let added = try problem.addRow(name: "cut", lower: -.infinity, upper: 5, terms: [(0, 1), (1, 1)])
        #expect(added == 3 && problem.rowCount == 4)
        model.addRow(name: "cut", upper: 5, terms: [(0, 1), (1, 1)])
        let third = try problem.solve(options: Self.warm)
        #expect(close(third.objective, 23))
        #expect(close(third.values, [4, 1]))
        #expect(close(third.rowActivities, [4, 2, 14, 5]))
        let cold = try GLPKSolver.solve(model)
        #expect(close(third.objective, cold.objective!) && close(third.rowDuals, cold.rowDuals))

        // x <= 2 (column bound) and c2 relaxed to 2y <= 4: x = 2, y = 2 -> 10 + 4 + 1 = 15.
        try problem.setColumnBounds(0, lower: 0, upper: 2)
        try problem.setRowBounds(1, lower: -.infinity, upper: 4)
        let fourth = try problem.solve(options: Self.warm)
        #expect(close(fourth.objective, 15))
        #expect(close(fourth.values, [2, 2]))
    }

    /// A row added and removed again (a cap wanted for a moment): the row count, and with
    /// the basis saved before, the warm solve of the model as it was (max 3x + 5y: 36 at
    /// x = 2, y = 6; with the row x + y <= 5: 25 at x = 0, y = 5).
    @Test func aRemovedRowLeavesTheModelAsItWas() throws {
        var problem = try GLPKProblem(Models.wyndor)
        let first = try problem.solve(options: Self.warm)
        let basis = problem.currentBasis()
        try problem.addRow(name: "cap", lower: -.infinity, upper: 5, terms: [(0, 1), (1, 1)])
        let capped = try problem.solve(options: Self.warm)
        #expect(close(capped.objective, 25) && close(capped.values, [0, 5]))
        try problem.removeLastRow()
        #expect(problem.rowCount == 3)
        try problem.restoreBasis(basis)
        let again = try problem.solve(options: Self.warm)
        #expect(close(again.objective, 36))
        #expect(close(again.values, [2, 6]))
        #expect(again.work < first.work)  // from the saved optimal basis: no pivots
        #expect(again.values == first.values)
    }

    /// Lexicographic optimisation: maximise profit, fix it as a row, then minimise x.
    /// Level 1: max x + y s.t. x + y <= 4, x <= 3 -> 4 (many optima). Level 2: min x with x + y >= 4 -> x = 0, y = 4.
    @Test func lexicographic() throws {
        var model = LinearModel()
        model.sense = .maximize
        model.addColumn(name: "x", upper: 3, objective: 1)
        model.addColumn(name: "y", objective: 1)
        model.addRow(name: "cap", upper: 4, terms: [(0, 1), (1, 1)])
        var problem = try GLPKProblem(model)
        let level1 = try problem.solve(options: Self.warm)
        #expect(close(level1.objective, 4))
        try problem.addRow(
            name: "keep level 1", lower: level1.objective! - 1e-9, upper: .infinity, terms: [(0, 1), (1, 1)])
        try problem.setObjective([-1, 0], constant: 0)  // maximise -x
        let level2 = try problem.solve(options: Self.warm)
        #expect(close(level2.values, [0, 4]))
    }

    /// A MIP kept across solves: the optimum, the relaxation, and the optimum again with
    /// fractional integer bounds (y <= 6.5 must act as y <= 6 in the MIP and as 6.5 in the LP).
    @Test func mipAndRelaxationAlternate() throws {
        var problem = try GLPKProblem(Models.smallMIP)
        #expect(try problem.solve(options: SolveOptions()).values == [5, 0])
        // max 8x + 5y with x <= 0.5: LP: x = 0.5, then y = min(5.5, (45 - 4.5) / 5 = 8.1) = 5.5 -> 4 + 27.5 = 31.5.
        // MIP: x <= 0 -> x = 0, y = 6 -> 30.
        try problem.setColumnBounds(0, lower: 0, upper: 0.5)
        let lp = try problem.solve(options: SolveOptions(relaxIntegrality: true))
        #expect(close(lp.objective, 31.5))
        let mip = try problem.solve(options: SolveOptions())
        #expect(mip.values == [0, 6] && close(mip.objective, 30))
        try problem.setColumnBounds(0, lower: 0.2, upper: 0.5)
        let none = try problem.solve(options: SolveOptions())
        #expect(none.status == .infeasible)
        #expect(none.message == "no integer value lies between the bounds of column 0 \"x\" (0.2, 0.5)")
        #expect(try problem.solve(options: SolveOptions(relaxIntegrality: true)).status == .optimal)
    }

    /// Invalid calls throw the exact message, leave the problem as it was, and it still solves.
    @Test func invalidCallsLeaveTheProblemUsable() throws {
        var problem = try GLPKProblem(Models.wyndor)
        let cases: [(String, String?)] = [
            (
                "Column index 5 is out of range; the problem has 2 columns (valid indices are 0..<2).",
                errorMessage { try problem.setColumnBounds(5, lower: 0, upper: 1) }
            ),
            (
                "Row index -1 is out of range; the problem has 3 rows (valid indices are 0..<3).",
                errorMessage { try problem.setRowBounds(-1, lower: 0, upper: 1) }
            ),
            (
                "The objective has 3 coefficients but the problem has 2 columns; give one coefficient per column.",
                errorMessage { try problem.setObjective([1, 2, 3], constant: 0) }
            ),
            (
                "The objective coefficient of column 1 \"y\" is not a finite number; use finite coefficients only.",
                errorMessage { try problem.setObjective([1, .nan], constant: 0) }
            ),
            (
                "The model's row 3 \"dup\" lists column 1 more than once; merge the terms into one coefficient.",
                errorMessage { try problem.addRow(name: "dup", lower: 0, upper: 1, terms: [(1, 1), (0, 2), (1, 3)]) }
            ),
            (
                "The model's row 3 \"far\" refers to column 2, but the model has 2 columns (valid indices are 0..<2); add the column first or fix the index.",
                errorMessage { try problem.addRow(name: "far", lower: 0, upper: 1, terms: [(2, 1)]) }
            ),
            (
                "The coefficient of column 0 in row 3 \"inf\" is not a finite number; use finite coefficients only.",
                errorMessage { try problem.addRow(name: "inf", lower: 0, upper: 1, terms: [(0, .infinity)]) }
            ),
            (
                "The bounds of column 0 \"x\" are invalid (lower 2.0, upper 1.0); the lower bound must be at most the upper bound, neither may be NaN, and only the lower bound may be -infinity and only the upper bound +infinity.",
                errorMessage { try problem.setColumnBounds(0, lower: 2, upper: 1) }
            ),
            (
                "The time limit must be a finite number of seconds greater than 0, not -1.0.",
                errorMessage { _ = try problem.solve(options: SolveOptions(timeLimit: -1)) }
            ),
        ]
        for (expected, got) in cases { #expect(got == expected) }
        #expect(problem.rowCount == 3)
        let s = try problem.solve(options: Self.warm)
        #expect(close(s.objective, 36))
        // After a rejected duplicate, the same column is accepted in a new row.
        try problem.addRow(name: "ok", lower: -.infinity, upper: 100, terms: [(1, 1), (0, 1)])
        #expect(problem.rowCount == 4)
    }

    /// Used on another thread, the problem throws instead of letting GLPK abort or corrupt
    /// memory; dropped there, it is leaked rather than freed unsafely.
    @Test func wrongThread() throws {
        final class Holder: @unchecked Sendable {
            var problem: GLPKProblem?
            var message: String?
            var rows = -1
        }
        let holder = Holder()
        holder.problem = try GLPKProblem(Models.wyndor)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do {
                _ = try holder.problem?.solve(options: Self.warm)
            } catch {
                holder.message = "\(error)"
            }
            holder.rows = holder.problem?.rowCount ?? -1
            holder.problem = nil  // deinit on the foreign thread: leaks, does not abort
            done.signal()
        }
        thread.start()
        done.wait()
        #expect(
            holder.message
                == "A GLPKProblem was used on a thread other than the one that created it; GLPK keeps its memory per thread, so create, use and drop the problem in one synchronous function, never across an await."
        )
        #expect(holder.rows == 3)
    }
}

extension Solution {
    /// This solution with `other`'s time and work: what a warm re-solve saves.
    func withCost(of other: Solution) -> Solution {
        var copy = self
        copy.seconds = other.seconds
        copy.work = other.work
        return copy
    }
}
