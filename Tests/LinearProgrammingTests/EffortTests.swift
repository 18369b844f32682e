import Foundation
import LinearProgramming
import Testing

/// Budgets in work units: solves stop at the same point every time, on any machine.
@Suite("Effort budgets")
struct EffortTests {
    /// A hard little knapsack family (Chvátal's style: even weights, an odd capacity, so
    /// branch-and-bound must enumerate): maximise sum x_i (as minimise -sum x_i) with
    /// sum 2 x_i <= 2k+1, x binary; the optimum is k, and without cuts GLPK needs many nodes
    /// to prove it.
    static func knapsack(items: Int) -> LinearModel {
        var m = LinearModel(name: "knapsack")
        var terms: [(Int, Double)] = []
        for i in 0..<items {
            let j = m.addColumn(name: "x\(i)", upper: 1, integer: true, objective: -1 - Double(i % 7) * 1e-3)
            terms.append((j, 2 + Double(i % 3) * 2))
        }
        m.addRow(name: "capacity", upper: Double(2 * items + 1), terms: terms)
        return m
    }

    static var noCuts: SolveOptions {
        var o = SolveOptions(cuts: .none)
        o.heuristics.simpleRounding = false
        return o
    }

    /// Counting the same solve twice gives the same work, and it is more than the root
    /// LP's: branch-and-cut's node LPs and nodes are counted.
    @Test func workIsCountedAndRepeatable() throws {
        let model = Self.knapsack(items: 24)
        var options = Self.noCuts
        let meter = WorkMeter()
        options.budget = WorkBudget(meter: meter, units: nil)
        let a = try GLPKSolver.solve(model, options: options)
        let b = try GLPKSolver.solve(model, options: options)
        #expect(a.status == .optimal)
        #expect(a.work > 10)
        #expect(a.work == b.work)
        #expect(meter.used == a.work + b.work)
        #expect(a.stopCause == nil)
    }

    /// A budget below what the proof needs stops branch-and-cut with the best point so far,
    /// the same one every time, and says the effort stopped it.
    @Test func aSpentBudgetStopsTheSearchTheSameWayTwice() throws {
        let model = Self.knapsack(items: 24)
        var full = Self.noCuts
        full.budget = WorkBudget(units: nil)
        let proven = try GLPKSolver.solve(model, options: full)
        var runs: [Solution] = []
        for _ in 0..<3 {
            var options = Self.noCuts
            options.budget = WorkBudget(units: proven.work / 3)
            runs.append(try GLPKSolver.solve(model, options: options))
        }
        for s in runs {
            #expect(s.stopCause == .effort)
            #expect(s.status == .feasible || s.status == .timeLimit)
            #expect(s.values == runs[0].values)
            #expect(s.objective == runs[0].objective)
            #expect(s.work == runs[0].work)
            // The callback stops within one step of the budget.
            #expect(s.work <= proven.work / 3 + proven.work / 10)
        }
    }

    /// An LP stopped by its budget: `it_lim` from the units left.
    @Test func anLPStopsAtItsIterationBudget() throws {
        var m = LinearModel(name: "lp")
        var cols: [Int] = []
        for i in 0..<40 { cols.append(m.addColumn(upper: 10, objective: -Double(i + 1))) }
        for r in 0..<30 {
            m.addRow(
                upper: Double(20 + r),
                terms: cols.enumerated().filter { ($0.offset + r) % 3 != 0 }.map {
                    ($0.element, 1 + Double(($0.offset * r) % 5))
                })
        }
        var options = SolveOptions(presolve: false, method: .primal)
        options.budget = WorkBudget(units: nil)
        let full = try GLPKSolver.solve(m, options: options)
        #expect(full.status == .optimal)
        #expect(full.work >= 3)
        options.budget = WorkBudget(units: 2)
        let cut = try GLPKSolver.solve(m, options: options)
        #expect(cut.stopCause == .effort)
        #expect(cut.work == 2)
        #expect(cut.status == .feasible)
    }

    /// An interruption stops a solve before it starts; a lowered flag lets it run. The flag
    /// is the budget's own: raising the process's would stop any other test's solve running
    /// beside this one (a time-limit test once ended "interrupted" that way).
    @Test func anInterruptionStopsTheSolve() throws {
        let model = Self.knapsack(items: 12)
        let flag = Interruption()
        flag.request()
        var options = Self.noCuts
        options.budget = WorkBudget(units: nil, interruption: flag)
        let s = try GLPKSolver.solve(model, options: options)
        #expect(s.stopCause == .interrupt)
        #expect(s.status == .timeLimit)
        #expect(!Interruption.shared.isRequested)
        flag.reset()
        let t = try GLPKSolver.solve(model, options: options)
        #expect(t.status == .optimal)
    }

    /// Shares of a budget are shares of what is left; a detached budget counts apart.
    @Test func budgetShares() {
        let meter = WorkMeter()
        let b = WorkBudget(meter: meter, units: 1000)
        meter.charge(200)
        #expect(b.left == 800)
        #expect(b.share(0.25).left == 200)
        #expect(b.capped(50).left == 50)
        let d = b.detached()
        #expect(d.left == 800 && d.meter !== meter)
        meter.charge(900)
        #expect(b.left == 0 && b.exhausted == .effort)
        #expect(WorkBudget.unlimited.left == Int.max && WorkBudget.unlimited.exhausted == nil)
        #expect(WorkMeter.unitsPerStep(rows: 300, columns: 380) == 1)
        #expect(WorkMeter.unitsPerStep(rows: 3000, columns: 4909) == 8)
    }
}
