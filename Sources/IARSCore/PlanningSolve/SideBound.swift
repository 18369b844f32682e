import Foundation
import IARSInput
import LinearProgramming

extension Planner {
    /// The first level's LP relaxation, on a thread of its own while the time windows run
    /// on the caller's: a bound for the gap of the windows' plan when the exact steps do
    /// not finish the relaxation in the time the windows leave them (at 40 x 20 x 36 the
    /// relaxation takes about as long as the windows: docs/performance.md).
    final class SideBound: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Double?
        private let done = DispatchGroup()

        /// Starts the relaxation of `level` on `model` within `budget` (a detached one: its
        /// own meter), on a new thread when `thread` is true and else at once on the caller's;
        /// the bound is the same either way.
        init(
            model: LinearModel, level: PlanModel.Level, budget: WorkBudget, thread: Bool = true,
            configure: @escaping @Sendable (inout SolveOptions) -> Void = { _ in }
        ) {
            done.enter()
            guard thread else {
                value = Planner.relaxationOptimum(model, level: level, budget: budget, configure: configure)
                done.leave()
                return
            }
            let thread = Thread { [self] in
                defer { GLPKSolver.releaseThreadEnvironment() }
                let bound = Planner.relaxationOptimum(model, level: level, budget: budget, configure: configure)
                lock.lock()
                value = bound
                lock.unlock()
                done.leave()
            }
            thread.stackSize = 16 << 20
            thread.start()
        }

        /// Waits for the thread; the relaxation's optimum, or `nil` if it was not solved in time.
        func wait() -> Double? {
            done.wait()
            lock.lock(); defer { lock.unlock() }
            return value
        }

        /// The planner's own settings for a first level's LP (primal simplex, no presolve).
        static let firstLevelSettings: @Sendable (inout SolveOptions) -> Void = {
            $0.presolve = false
            $0.method = .primal
        }
    }

    /// The optimum of `level` over `model` with integrality relaxed, solved on the calling
    /// thread within `budget` with GLPK's settings changed by `configure`; `nil` when it is
    /// not solved within it.
    static func relaxationOptimum(
        _ model: LinearModel, level: PlanModel.Level, budget: WorkBudget,
        configure: (inout SolveOptions) -> Void = { _ in }
    ) -> Double? {
        relaxation(model, level: level, budget: budget, configure: configure)?.objective
    }

    /// ``relaxationOptimum(_:level:budget:configure:)`` with the optimal point.
    static func relaxation(
        _ model: LinearModel, level: PlanModel.Level, budget: WorkBudget,
        configure: (inout SolveOptions) -> Void = { _ in }
    ) -> (objective: Double, values: [Double], seconds: Double)? {
        do {
            var problem = try GLPKProblem(model)
            try problem.setObjective(level.coefficients, constant: level.constant)
            var options = SolveOptions()
            options.relaxIntegrality = true
            configure(&options)
            guard budget.exhausted == nil else { return nil }
            options.budget = budget
            let s = try problem.solve(options: options)
            guard s.status == .optimal, let z = s.objective else { return nil }
            return (z, s.values, s.seconds)
        } catch {
            return nil
        }
    }
}
