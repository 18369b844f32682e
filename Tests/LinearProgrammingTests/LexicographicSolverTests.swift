import Foundation
import LinearProgramming
import Testing

/// The lexicographic solver on models small enough to solve by hand.
@Suite struct LexicographicSolverTests {
    /// Four cases, each admitted (x = 1) or not, costing 3, 4, 5 and 6 out of a budget of 10.
    /// Levels: unmet = 4 - sum x; waiting = 4x1 + 3x2 + 2x3 + x4 (later cases wait less);
    /// cost = 3x1 + 4x2 + 5x3 + 6x4.
    ///
    /// By hand: three cases cost at least 3 + 4 + 5 = 12 > 10, so unmet is 2 (its LP
    /// relaxation: x1 = x2 = 1, x3 = 3/5, unmet 1.4, rounded up to the unit 1: 2). The pairs
    /// within the budget and their waiting: {1,2} 7, {1,3} 6, {1,4} 5, {2,3} 5, {2,4} 4
    /// ({3,4} costs 11): waiting 4, cost 10, x = (0, 1, 0, 1).
    static func cases() -> (model: LinearModel, levels: [Objective]) {
        var model = LinearModel(name: "cases")
        let cost = [3.0, 4, 5, 6]
        let x = cost.indices.map { model.addColumn(name: "x\($0 + 1)", upper: 1, integer: true) }
        model.addRow(name: "budget", upper: 10, terms: zip(x, cost).map { ($0, $1) })
        let levels = [
            Objective(name: "unmet", coefficients: [-1, -1, -1, -1], constant: 4),
            Objective(name: "waiting", coefficients: [4, 3, 2, 1], constant: 0),
            Objective(name: "cost", coefficients: cost, constant: 0),
        ]
        return (model, levels)
    }

    @Test(arguments: [nil, [1, 1, 2, 2]] as [[Int]?])
    func integerLevelsMeetTheHandWorkedOptimum(priority: [Int]?) throws {
        let (model, levels) = Self.cases()
        let outcome = try LexicographicSolver.solve(
            model, levels: levels, integer: true, budget: .unlimited,
            search: .init(), branchingPriority: priority)
        #expect(outcome.status == .optimal)
        let x = try #require(outcome.values)
        #expect(close(x, [0, 1, 0, 1]))
        #expect(close(levels.map { $0.value(at: x) }, [2, 4, 10]))
        #expect(outcome.seconds.count == 3 && outcome.stoppedLevel == nil)
    }

    /// Every integer level left to its last branch-and-cut: no dive beyond the relaxation, a
    /// one-unit short search, no steps by GLPK's rule first.
    static func lastSearchOnly() -> LexicographicSolver.SearchPolicy {
        var policy = LexicographicSolver.SearchPolicy()
        policy.firstDiveSolves = 1
        policy.laterDiveSolves = 1
        policy.shortSearchUnits = 1
        policy.shortSearchLevelShare = 0
        policy.lastSearchFirstSteps = 0
        return policy
    }

    /// The same optimum when every integer level is left to its last branch-and-cut (no
    /// dive beyond the relaxation, a one-unit short search, no steps by GLPK's rule first),
    /// whichever rule that search branches by: the policy's pseudo-costs, GLPK's default,
    /// or one given.
    @Test(arguments: [.pseudoCost, nil, .mostFractional] as [BranchingRule?])
    func theLastBranchAndCutMeetsTheHandWorkedOptimum(rule: BranchingRule?) throws {
        let (model, levels) = Self.cases()
        var policy = Self.lastSearchOnly()
        policy.lastSearchBranching = rule
        let outcome = try LexicographicSolver.solve(
            model, levels: levels, integer: true, budget: .unlimited, search: .init(policy: policy))
        #expect(outcome.status == .optimal)
        let x = try #require(outcome.values)
        #expect(close(levels.map { $0.value(at: x) }, [2, 4, 10]))
        #expect(close(x, [0, 1, 0, 1]))
    }

    /// The LP relaxation of the same model: most cases admitted within the budget are the
    /// cheapest first, x = (1, 1, 0.6, 0) (cost 3 + 4 + 3 = 10), the only point with unmet
    /// 1.4; so waiting 4 + 3 + 1.2 = 8.2 and cost 10.
    @Test func relaxedLevelsKeepEachOptimum() throws {
        let (model, levels) = Self.cases()
        let outcome = try LexicographicSolver.solve(
            model, levels: levels, integer: false, budget: .unlimited,
            search: .init())
        #expect(outcome.status == .optimal)
        let x = try #require(outcome.values)
        #expect(close(x, [1, 1, 0.6, 0]))
        #expect(close(levels.map { $0.value(at: x) }, [1.4, 8.2, 10]))
    }

    /// A first plan that meets the proven bounds of the first two levels makes them optimal
    /// without any work; with no work left the run stops at the first level it cannot prove.
    @Test func knownBoundsProveLevelsWithoutWork() throws {
        let (model, levels) = Self.cases()
        let plan = [0.0, 1, 0, 1]
        let known = KnownBounds(bounds: [2, 4], optima: [2])
        let late = try LexicographicSolver.solve(
            model, levels: levels, integer: true, budget: WorkBudget(units: 0),
            search: .init(), firstPlans: [plan], knownBounds: known)
        #expect(late.status == .feasible)
        #expect(late.stoppedLevel == "cost" && late.stoppedBy == .effort)
        #expect(late.values == plan)
        // without the bounds it stops at the first level, the first plan in hand
        let blind = try LexicographicSolver.solve(
            model, levels: levels, integer: true, budget: WorkBudget(units: 0),
            search: .init(), firstPlans: [plan])
        #expect(blind.stoppedLevel == "unmet" && blind.values == plan)
        // and with nothing in hand, no point at all
        let none = try LexicographicSolver.solve(
            model, levels: levels, integer: true, budget: WorkBudget(units: 0),
            search: .init())
        #expect(none.values == nil && none.stoppedBy == .effort)
    }

    /// The first level's later plans are asked for once, when the searches up to step 4's
    /// first part leave the level open (here: a one-solve dive, a one-unit short search, no
    /// steps by GLPK's rule): a plan that breaks the budget row is refused, the best of the
    /// others is the level's point, and at the LP's bound (1.4, rounded up to 2) it is
    /// optimal. The plans here use up the run's units, so the run stops in the next level
    /// with that point. A level the dive proves never asks for them.
    @Test func laterPlansComeOnlyWhenTheSearchesLeaveTheFirstLevelOpen() throws {
        let (model, levels) = Self.cases()
        let policy = Self.lastSearchOnly()
        final class Calls: @unchecked Sendable {
            var budgets: [Int] = []
        }
        let calls = Calls()
        let meter = WorkMeter()
        let later: LexicographicSolver.LaterPlans = { budget in
            calls.budgets.append(budget.left)
            meter.charge(10_000_000)
            // over the budget (costs 18, unmet 0), unmet 3, unmet 2
            return [[1, 1, 1, 1], [1, 0, 0, 0], [1, 1, 0, 0]]
        }
        let run = try LexicographicSolver.solve(
            model, levels: levels, integer: true, budget: WorkBudget(meter: meter, units: 1_000_000),
            search: .init(policy: policy), laterPlans: later)
        #expect(calls.budgets == [policy.laterPlansUnits])
        #expect(run.status == .feasible)
        #expect(run.stoppedLevel == "waiting" && run.stoppedBy == .effort)
        #expect(run.values == [1, 1, 0, 0])

        // The whole run with units to spare: the same optimum as without later plans.
        calls.budgets = []
        let whole = try LexicographicSolver.solve(
            model, levels: levels, integer: true, budget: .unlimited,
            search: .init(policy: policy),
            laterPlans: { _ in
                calls.budgets.append(0)
                return [[1, 0, 0, 0]]
            })
        #expect(calls.budgets.count == 1)
        #expect(whole.status == .optimal && whole.values.map { close($0, [0, 1, 0, 1]) } == true)

        // The default dive proves the level: no later plans.
        calls.budgets = []
        let dived = try LexicographicSolver.solve(
            model, levels: levels, integer: true, budget: .unlimited, search: .init(),
            laterPlans: { _ in
                calls.budgets.append(0)
                return []
            })
        #expect(calls.budgets.isEmpty)
        #expect(dived.status == .optimal && dived.values.map { close($0, [0, 1, 0, 1]) } == true)
    }

    /// A first level its share of the effort stops leaves the rest to the later levels,
    /// which are searched with it kept at its best value. Here the later plans use up the
    /// unmet level's share (900,000 of the run's 1,000,000 units) and give only {1} (unmet 3,
    /// against the bound 2: gap 1/3). Kept at unmet 3, one case is admitted: the least
    /// waiting is case 4's, 1 (cost 6). With no share left for them the run ends in the unmet
    /// level with {1} as it is (waiting 4), when the later plans use up the whole run.
    @Test func aStoppedLevelLeavesTheLaterLevelsTheirShare() throws {
        let (model, levels) = Self.cases()
        var policy = Self.lastSearchOnly()
        func run(share: Double, charge: Int) throws -> LexicographicSolver.Outcome {
            policy.laterLevelsShare = share
            let meter = WorkMeter()
            return try LexicographicSolver.solve(
                model, levels: levels, integer: true, budget: WorkBudget(meter: meter, units: 1_000_000),
                search: .init(policy: policy),
                laterPlans: { _ in
                    meter.charge(charge)
                    return [[1, 0, 0, 0]]
                })
        }
        let shared = try run(share: 0.1, charge: 950_000)
        #expect(shared.status == .feasible)
        #expect(shared.stoppedLevel == "unmet" && shared.stoppedBy == .effort)
        #expect(shared.searchedAfterStop == ["waiting", "cost"])
        #expect(shared.values.map { close($0, [0, 0, 0, 1]) } == true)
        #expect(abs((shared.gap ?? 0) - 1 / 3.0) < 1e-9)

        let alone = try run(share: 0, charge: 1_000_000)
        #expect(alone.status == .feasible)
        #expect(alone.stoppedLevel == "unmet" && alone.stoppedBy == .effort)
        #expect(alone.searchedAfterStop.isEmpty)
        #expect(alone.values == [1, 0, 0, 0])
        #expect(abs((alone.gap ?? 0) - 1 / 3.0) < 1e-9)
    }

    /// Under a deadline the share is of the time too: the later plans here outlast the unmet
    /// level's half of 2 s, and the later levels are searched in the rest, `stopped_by: clock`.
    @Test func aLevelTheClockStopsLeavesTheLaterLevelsTheirShareOfTheTime() throws {
        let (model, levels) = Self.cases()
        var policy = Self.lastSearchOnly()
        policy.laterLevelsShare = 0.5
        let run = try LexicographicSolver.solve(
            model, levels: levels, integer: true,
            budget: WorkBudget(units: nil, deadline: ContinuousClock.now + .seconds(2)),
            search: .init(policy: policy),
            laterPlans: { _ in
                Thread.sleep(forTimeInterval: 1.2)
                return [[1, 0, 0, 0]]
            })
        #expect(run.status == .feasible)
        #expect(run.stoppedLevel == "unmet" && run.stoppedBy == .clock)
        #expect(run.values.map { close($0, [0, 0, 0, 1]) } == true)
        #expect(run.searchedAfterStop == ["waiting", "cost"])
    }

    /// First plans that break a row are refused; the best of the others (lexicographically)
    /// is the incumbent.
    @Test func theBestCheckedFirstPlanIsTheIncumbent() throws {
        let (model, levels) = Self.cases()
        let overBudget = [1.0, 1, 1, 0]  // costs 12
        let worse = [1.0, 1, 0, 0]  // unmet 2, waiting 7
        let better = [0.0, 1, 1, 0]  // unmet 2, waiting 5
        let run = try LexicographicSolver.solve(
            model, levels: levels, integer: true, budget: WorkBudget(units: 0),
            search: .init(), firstPlans: [overBudget, worse, better])
        #expect(run.values == better)
    }

    @Test func anInfeasibleFirstLevelEndsTheRun() throws {
        var model = LinearModel()
        let x = model.addColumn(upper: 1, integer: true)
        model.addRow(lower: 2, terms: [(x, 1)])
        let outcome = try LexicographicSolver.solve(
            model, levels: [Objective(name: "a", coefficients: [1], constant: 0)],
            integer: true, budget: .unlimited, search: .init())
        #expect(outcome.status == .infeasible && outcome.values == nil)
    }

    @Test func aModelWithoutColumnsChecksItsConstants() throws {
        var empty = LinearModel()
        let fine = try LexicographicSolver.solve(empty, levels: [], integer: true, budget: .unlimited, search: .init())
        #expect(fine.status == .optimal && fine.values == [])
        empty.addRow(lower: 1, terms: [])
        let broken = try LexicographicSolver.solve(
            empty, levels: [], integer: true, budget: .unlimited, search: .init())
        #expect(broken.status == .infeasible && broken.values == nil)
    }

    /// The second level's model written with the first kept: its keep row holds unmet at 2.
    @Test func anExportedLevelCarriesTheEarlierKeepRows() throws {
        let (model, levels) = Self.cases()
        let path = temporaryPath("lex-waiting.lp")
        let outcome = try LexicographicSolver.solve(
            model, levels: levels, integer: true, budget: .unlimited,
            search: .init(), export: .init(level: 1, format: .lp, path: path))
        #expect(outcome.exported)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("keep.unmet"))
        #expect(!text.contains("keep.waiting"))
    }

    /// Level by level: each solve keeps the level; a capacity raised afterwards and the levels
    /// released and solved again give the new optimum (the explanation's re-solves).
    @Test func levelByLevelWithRelease() throws {
        let (model, levels) = Self.cases()
        let lex = try LexicographicSolver(model, levels: levels)
        var options = SolveOptions()
        options.relaxIntegrality = false
        var z: [Double] = []
        for l in levels.indices {
            let s = try lex.solveLevel(l, options: options)
            #expect(s.status == .optimal)
            z.append(levels[l].value(at: s.values))
            try lex.keep(l, at: z[l])
        }
        #expect(close(z, [2, 4, 10]))
        #expect(lex.keepRows.allSatisfy { $0 != nil })
        // a budget of 12 admits three cases, (1, 1, 1, 0), waiting 9, cost 12
        try lex.problem.setRowBounds(0, lower: -.infinity, upper: 12)
        try lex.release(from: 0)
        var again: [Double] = []
        for l in levels.indices {
            let s = try lex.solveLevel(l, options: options)
            again.append(levels[l].value(at: s.values))
            try lex.keep(l, at: again[l])
        }
        #expect(close(again, [1, 9, 12]))
    }

    // MARK: Tolerance, units and bounds

    /// Points are compared level by level with the levels' tolerance: unmet and waiting that
    /// differ in the last bits (sums of the same cases in another order) count as equal, so
    /// the cost decides (a polished plan at 80 x 40 x 60 was lost behind 1897.999999999999).
    @Test func pointsEqualInTheirFirstLevelsAreComparedByTheNext() {
        let tolerance = KeepTolerance()
        #expect(
            tolerance.precedes([1897.999999999999, 9938.999999999996, 39_267_740.31], [1898, 9939, 39_437_830.39]))
        #expect(
            !tolerance.precedes([1898, 9939, 39_437_830.39], [1897.999999999999, 9938.999999999996, 39_267_740.31]))
        #expect(tolerance.precedes([1897, 9999, 1e9], [1898, 9939, 1]))
        #expect(!tolerance.precedes([1898.001, 9939, 1], [1898, 9939, 2]))
        #expect(!tolerance.precedes([1, 2, 3], [1, 2, 3]))
        // An LP relaxation's points to the simplex's accuracy (1e-7 relative): the polished
        // plan at 80 x 40 x 60 whose waiting came back 1.02e-5 above the rules' 9939 (the
        // levels' tolerance there is 1.004e-5).
        let polished = [1898.0000019941738, 9939.000010156564, 38_270_497.36]
        #expect(tolerance.precedes(polished, [1898, 9939, 39_437_830.39], integer: false))
        #expect(!tolerance.precedes(polished, [1898, 9939, 39_437_830.39]))
        #expect(!tolerance.precedes([1898, 9939.01, 1], [1898, 9939, 2], integer: false))
    }

    @Test func aKeepRowAllowsTheToleranceAboveTheOptimum() {
        let tolerance = KeepTolerance()
        let level = Objective(name: "cost", coefficients: [1], constant: 100)
        // z = 1000: the row's bound is 1000 - 100 + 1e-9 * 1000 + 1e-7
        #expect(tolerance.keepUpper(level, at: 1000) == 900 + 1e-6 + 1e-7)
        #expect(tolerance.meets(1000.000001, 1000))
        #expect(!tolerance.meets(1000.00001, 1000))
    }

    /// Priorities 1.5 and 1 on whole people: values step by 0.5, GLPK gets them doubled.
    @Test func anObjectiveUnitRoundsBoundsUpToAttainableValues() throws {
        let weighted = Objective(name: "unmet", coefficients: [1.5, 1, 0], constant: 0.25)
        let unit = try #require(ObjectiveUnit(weighted, isInteger: [true, true, false]))
        #expect(unit.scale == 2 && unit.unit == 0.5)
        #expect(unit.attainable(46.3, objective: weighted) == 46.75)
        #expect(unit.attainable(46.75, objective: weighted) == 46.75)
        // a coefficient on a continuous column, or an irregular one: no unit
        #expect(ObjectiveUnit(weighted, isInteger: [true, false, false]) == nil)
        #expect(ObjectiveUnit(Objective(name: "cost", coefficients: [0.3333], constant: 0), isInteger: [true]) == nil)
    }

    @Test func knownBoundsHoldOnlyAtTheRelaxationsOptima() {
        let known = KnownBounds(bounds: [10, 20, 30], optima: [10, 20])
        let meets = KeepTolerance().meets
        #expect(known.bound(0, earlier: [], meets: meets) == 10)
        #expect(known.bound(1, earlier: [10], meets: meets) == 20)
        #expect(known.bound(1, earlier: [11], meets: meets) == nil)
        #expect(known.bound(2, earlier: [10, 20], meets: meets) == 30)
        #expect(known.bound(2, earlier: [10, 21], meets: meets) == nil)
        #expect(known.bound(3, earlier: [10, 20, 30], meets: meets) == nil)
        #expect(KnownBounds(bounds: [nil, 5], optima: [nil]).bound(1, earlier: [0], meets: meets) == nil)
    }
}
