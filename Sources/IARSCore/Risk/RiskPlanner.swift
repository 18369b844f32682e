import Foundation
import IARSInput
import LinearProgramming

/// Plans the futures of a scenario (`iars risk`), each exactly as `iars plan` would plan
/// its written file: the same ``Planner`` with the same effort budget per future, so the
/// number of threads (`--jobs`) or shards never changes a result.
public struct RiskPlanner: Sendable {
    public var planner: Planner
    /// Threads, each planning one future at a time (GLPK's problems are created, solved
    /// and deleted on one thread).
    public var jobs: Int
    /// Integer plans or LP relaxations; nil: as `options.integer` says.
    public var integer: Bool?
    /// Overrides `uncertainty.seed`.
    public var seed: Int?
    /// Blocks bought per buy option (`--buy`).
    public var purchase: [String: Int]
    /// Told each time a future is planned: how many are, of how many.
    public var onPlanned: (@Sendable (_ done: Int, _ of: Int) -> Void)?

    public init(
        planner: Planner = Planner(), jobs: Int = 1, integer: Bool? = nil, seed: Int? = nil,
        purchase: [String: Int] = [:]
    ) {
        self.planner = planner
        self.jobs = jobs
        self.integer = integer
        self.seed = seed
        self.purchase = purchase
    }

    /// The scenarios of `futures` as they are planned (and as `--write-futures` writes
    /// them): the purchase bought, future f's arrivals, `options.integer` as asked.
    ///
    /// - Throws: `InputError` naming `--buy` for a wrong purchase.
    public func scenarios(_ base: Scenario, futures: [Int]) throws(InputError) -> [Scenario] {
        let bought = try base.applying(purchase: purchase)
        return futures.map { f in
            var s = bought.future(f, seed: seed)
            if let integer { s.options.integer = integer }
            return s
        }
    }

    /// Plans `futures` of `base` on ``jobs`` threads.
    ///
    /// - Returns: One record per future, in the order of `futures`.
    /// - Throws: `InputError` for a wrong purchase; ``LinearProgrammingError`` only on an
    ///   internal error.
    public func plan(_ base: Scenario, futures: [Int]) throws -> [FutureOutcome] {
        let scenarios = try scenarios(base, futures: futures)
        let work = Work(count: scenarios.count)
        var planner = self.planner
        // With several threads the cores are taken: no second thread for a plan's bound
        // (the result is the same either way, ``Planner/boundOnSecondThread``).
        if jobs > 1 { planner.boundOnSecondThread = false }
        let worker: @Sendable () -> Void = { [planner, onPlanned] in
            while let i = work.take() {
                do {
                    let result = try planner.plan(scenarios[i])
                    let done = work.finish(i, FutureOutcome(future: futures[i], result: result, scenario: scenarios[i]))
                    onPlanned?(done, scenarios.count)
                } catch {
                    work.fail(error)
                }
            }
        }
        let threads = max(1, min(jobs, scenarios.count))
        if threads == 1 {
            worker()
        } else {
            let group = DispatchGroup()
            for _ in 0..<threads {
                group.enter()
                let t = Thread {
                    defer { GLPKSolver.releaseThreadEnvironment() }
                    worker()
                    group.leave()
                }
                t.stackSize = 16 << 20
                t.start()
            }
            group.wait()
        }
        return try work.outcomes()
    }

    /// The futures shard `index` of `count` plans (1-based): a contiguous block, the
    /// blocks as even as they can be, in order.
    public static func shard(_ index: Int, of count: Int, futures: Int) -> ClosedRange<Int>? {
        let first = (index - 1) * futures / count + 1
        let last = index * futures / count
        return first <= last ? first...last : nil
    }

    /// The futures still to plan and the records of those planned, under one lock.
    private final class Work: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var done = 0
        private var records: [FutureOutcome?]
        private var error: (any Error)?

        init(count: Int) { records = Array(repeating: nil, count: count) }

        func take() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard error == nil, next < records.count else { return nil }
            next += 1
            return next - 1
        }

        func finish(_ i: Int, _ record: FutureOutcome) -> Int {
            lock.lock()
            defer { lock.unlock() }
            records[i] = record
            done += 1
            return done
        }

        func fail(_ e: any Error) {
            lock.lock()
            defer { lock.unlock() }
            if error == nil { error = e }
        }

        func outcomes() throws -> [FutureOutcome] {
            lock.lock()
            defer { lock.unlock() }
            if let error { throw error }
            return records.compactMap { $0 }
        }
    }
}
