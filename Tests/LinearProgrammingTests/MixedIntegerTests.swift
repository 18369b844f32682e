import LinearProgramming
import Testing

@Suite("Mixed-integer programmes")
struct MixedIntegerTests {
    static let settings: [(String, SolveOptions)] = {
        var list: [(String, SolveOptions)] = [
            ("defaults", SolveOptions()),
            ("no cuts", SolveOptions(cuts: .none)),
            ("no presolve", SolveOptions(presolve: false)),
            (
                "heuristics",
                SolveOptions(
                    heuristics: HeuristicOptions(
                        feasibilityPump: true, proximitySearch: true,
                        proximityTimeLimit: 1, simpleRounding: false))
            ),
            ("primal root", SolveOptions(method: .primal)),
        ]
        for rule in BranchingRule.allCases { list.append(("branch \(rule)", SolveOptions(branching: rule))) }
        for rule in BacktrackingRule.allCases { list.append(("backtrack \(rule)", SolveOptions(backtracking: rule))) }
        return list
    }()

    /// The hand-enumerated optimum of `Models.smallMIP` (x = 5, y = 0, z = 40) under every setting.
    @Test(arguments: settings)
    func smallMIP(label: String, options: SolveOptions) throws {
        let s = try GLPKSolver.solve(Models.smallMIP, options: options)
        #expect(s.status == .optimal, "\(label)")
        #expect(close(s.objective, 40), "\(label)")
        #expect(s.values == [5, 0], "\(label): integer values come back exact")
        #expect(close(s.rowActivities, [5, 45]))
        #expect(s.gap == 0 && close(s.bound, 40))
        #expect(s.rowDuals.isEmpty && s.reducedCosts.isEmpty)
    }

    /// min 3x + 2y, x continuous in [0, 10], y integer in [0, 10], x + y >= 3.5.
    /// By hand: y is cheaper per unit; y = 4 -> 8; y = 3, x = 0.5 -> 6 + 1.5 = 7.5; y = 2, x = 1.5 -> 8.5.
    /// Optimum y = 3, x = 0.5, z = 7.5.
    @Test func mixedContinuousAndInteger() throws {
        var m = LinearModel()
        let x = m.addColumn(upper: 10, objective: 3)
        let y = m.addColumn(upper: 10, integer: true, objective: 2)
        m.addRow(lower: 3.5, terms: [(x, 1), (y, 1)])
        let s = try GLPKSolver.solve(m)
        #expect(s.status == .optimal)
        #expect(close(s.objective, 7.5))
        #expect(close(s.values, [0.5, 3]))
    }

    /// Fractional bounds of an integer column are rounded inward: y in [0.5, 2.7] -> [1, 2].
    /// With none left ([0.2, 0.8]) the answer is infeasible, without an abort or a GLPK call.
    @Test func fractionalIntegerBounds() throws {
        var m = LinearModel()
        let y = m.addColumn(name: "y", lower: 0.5, upper: 2.7, integer: true, objective: -1)
        m.addRow(upper: 100, terms: [(y, 1)])
        let s = try GLPKSolver.solve(m)
        #expect(s.status == .optimal)
        #expect(s.values == [2])

        m.setBounds(column: y, lower: 0.2, upper: 0.8)
        let t = try GLPKSolver.solve(m)
        #expect(t.status == .infeasible)
        #expect(t.message == "no integer value lies between the bounds of column 0 \"y\" (0.2, 0.8)")
        // The relaxation keeps the given bounds.
        let r = try GLPKSolver.solve(m, options: SolveOptions(relaxIntegrality: true))
        #expect(r.status == .optimal && r.values == [0.8])
    }

    /// 2x + 2y = 3 has real solutions (x = 1.5) but no integer one: the sum of two even numbers is even.
    @Test(arguments: [true, false])
    func infeasibleMIP(presolve: Bool) throws {
        var m = LinearModel()
        let x = m.addColumn(upper: 5, integer: true, objective: 1)
        let y = m.addColumn(upper: 5, integer: true, objective: 1)
        m.addRow(lower: 3, upper: 3, terms: [(x, 2), (y, 2)])
        let s = try GLPKSolver.solve(m, options: SolveOptions(presolve: presolve))
        #expect(s.status == .infeasible)
        #expect(s.message == "no feasible solution exists")
        #expect(!s.hasPoint)
    }

    /// A MIP whose LP relaxation is infeasible, and one whose relaxation is unbounded.
    @Test(arguments: [true, false])
    func relaxationInfeasibleOrUnbounded(presolve: Bool) throws {
        var a = LinearModel()
        let x = a.addColumn(upper: 1, integer: true)
        a.addRow(lower: 2, terms: [(x, 1)])
        #expect(try GLPKSolver.solve(a, options: SolveOptions(presolve: presolve)).status == .infeasible)

        var b = LinearModel()
        b.sense = .maximize
        b.addColumn(integer: true, objective: 1)
        #expect(try GLPKSolver.solve(b, options: SolveOptions(presolve: presolve)).status == .unbounded)
    }

    /// Half-second limits on a hard instance; one with proximity search on, whose own limit
    /// (60 s by default, ignoring GLPK's tm_lim) must be capped by ours.
    static let timeLimits = [
        SolveOptions(timeLimit: 0.5),
        SolveOptions(timeLimit: 0.5, presolve: false, cuts: .none),
        SolveOptions(timeLimit: 0.5, heuristics: HeuristicOptions(feasibilityPump: true, proximitySearch: true)),
    ]

    /// A hard instance stops at the time limit with a point (.feasible) or without (.timeLimit),
    /// and reports a bound.
    @Test(.tags(.slow), arguments: timeLimits)
    func timeLimit(options: SolveOptions) throws {
        let model = Models.marketSplit(rows: 4)
        let s = try GLPKSolver.solve(model, options: options)
        #expect(s.status == .feasible || s.status == .timeLimit)
        #expect(s.message.hasPrefix("time limit exceeded"))
        #expect(s.bound != nil)
        if s.status == .feasible {
            #expect(s.gap != nil)
            #expect(close(s.objective, model.objectiveValue(s.values)))
            for j in 0..<30 { #expect(s.values[j] == 0 || s.values[j] == 1) }
        }
    }

    /// ... on time: within a second of the limit, by the wall clock and by GLPK's own.
    @Test(.tags(.timing, .slow), arguments: timeLimits)
    func timeLimitIsKeptOnTime(options: SolveOptions) throws {
        let clock = ContinuousClock()
        let start = clock.now
        let s = try GLPKSolver.solve(Models.marketSplit(rows: 4), options: options)
        let elapsed = start.duration(to: clock.now)
        #expect(elapsed < .seconds(1.5))
        #expect(s.seconds < 1.5)
    }

    /// An incumbent (x = 0, slacks making every row hold) is handed to branch-and-cut, which
    /// accepts it; with a short time limit the answer is at least as good as it.
    @Test func incumbentHandOff() throws {
        let model = Models.marketSplit(rows: 4)
        var x = [Double](repeating: 0, count: model.columns.count)
        for (i, row) in model.rows.enumerated() { x[30 + 2 * i] = row.lower }  // s+ = rhs
        let start = model.objectiveValue(x)
        let s = try GLPKSolver.solve(
            model,
            options: SolveOptions(
                timeLimit: 0.3, cuts: .none,
                heuristics: HeuristicOptions(simpleRounding: false),
                incumbent: x))
        #expect(s.message.hasSuffix("the incumbent given was accepted"))
        #expect(s.status == .feasible || s.status == .optimal)
        #expect((s.objective ?? .infinity) <= start + 1e-9)
    }

    /// GLPK's `glp_ios_heur_sol` does not check feasibility: a point that violates a row, or is
    /// fractional, would be taken as the best solution (here 8 * 6 + 5 * 6 = 78 > 40).
    /// It is checked in Swift and ignored.
    @Test(arguments: [[6.0, 6.0], [4.5, 0.0], [-1.0, 0.0]])
    func infeasibleIncumbentIgnored(point: [Double]) throws {
        let s = try GLPKSolver.solve(Models.smallMIP, options: SolveOptions(incumbent: point))
        #expect(s.status == .optimal)
        #expect(close(s.objective, 40))
        #expect(!s.message.contains("incumbent"))
    }

    /// A feasible, not optimal incumbent (x = 3, y = 3: 39) does not change the optimum.
    @Test func feasibleIncumbentOnSmallMIP() throws {
        let s = try GLPKSolver.solve(Models.smallMIP, options: SolveOptions(incumbent: [3, 3]))
        #expect(s.status == .optimal && close(s.objective, 40))
    }

    /// A relative gap of 50% stops the search once within it; the result counts as optimal.
    @Test func relativeGap() throws {
        let s = try GLPKSolver.solve(
            Models.marketSplit(rows: 3),
            options: SolveOptions(timeLimit: 5, relativeGap: 0.5))
        #expect(s.status == .optimal || s.status == .feasible)
        if let gap = s.gap { #expect(gap <= 0.5 || s.status == .feasible) }
    }
}

/// Small models on which GLPK 5.0's own MIP presolver aborts the process or never returns
/// (found by random search: each was confirmed on the same model built in C with
/// `glp_intopt(presolve = GLP_ON)`). Here presolve and every cut are requested; they must
/// come back with the right status.
@Suite("GLPK presolver traps")
struct PresolverTrapTests {
    static let everything = SolveOptions(
        timeLimit: 5, presolve: true, cuts: .all,
        heuristics: HeuristicOptions(feasibilityPump: true, proximitySearch: true))

    /// Presolve leaves one row and no column; the cover cut generator is then set up for zero
    /// columns and `glp_add_cols(ncs = 0)` aborts (`glpsol --cuts` dies on it too).
    /// By hand: y1 in [1, 3], y2 in [0, 2] integer, s3 = 1 fixed; min -s3 subject to
    /// 2 s3 - 3 y2 - 2 y1 >= -1, i.e. 3 y2 + 2 y1 <= 3: y1 = 1, y2 = 0 (2 <= 3). z = -1.
    @Test func coverCutsWhenPresolveLeavesNoColumn() throws {
        var model = LinearModel(name: "seedA3915")
        model.addColumn(lower: 1, upper: 3, integer: true, objective: 0)
        model.addColumn(lower: 0, upper: 2, integer: true, objective: 0)
        model.addColumn(lower: 1, upper: 1, integer: true, objective: -1)
        model.addRow(lower: -1, upper: .infinity, terms: [(0, -2), (1, -3), (2, 2)])
        let s = try GLPKSolver.solve(model, options: Self.everything)
        #expect(s.status == .optimal)
        #expect(close(s.objective, -1))
        #expect(s.values == [1, 0, 1])
    }

    /// Every column fixed by its bounds, rows present: presolve would remove everything.
    /// z = 1 * 2 + 2 * 3 + 3 * 1 = 11; rows hold: 2 + 3 + 1 = 6 <= 6, 2 - 3 >= -5.
    @Test func allColumnsFixed() throws {
        var model = LinearModel()
        model.addColumn(lower: 2, upper: 2, integer: true, objective: 1)
        model.addColumn(lower: 3, upper: 3, integer: true, objective: 2)
        model.addColumn(lower: 1, upper: 1, integer: true, objective: 3)
        model.addRow(upper: 6, terms: [(0, 1), (1, 1), (2, 1)])
        model.addRow(lower: -5, terms: [(0, 1), (1, -1)])
        let s = try GLPKSolver.solve(model, options: Self.everything)
        #expect(s.status == .optimal)
        #expect(close(s.objective, 11))
        #expect(s.values == [2, 3, 1])
    }

    /// GLPK's MIP presolver fails `q->lb < q->ub` (npp/npp3.c:554) and aborts.
    /// Infeasible by hand: the last row reads -2 s3 >= 1 with s3 = 1.
    @Test func presolverAssertion() throws {
        var model = LinearModel(name: "seedB1316")
        model.sense = .maximize
        model.addColumn(lower: 1, upper: .infinity, integer: true, objective: 1)
        model.addColumn(lower: -1, upper: .infinity, integer: true, objective: 0)
        model.addColumn(lower: 1, upper: 1, integer: true, objective: -2)
        model.addRow(lower: -1, upper: .infinity, terms: [(2, 3)])
        model.addRow(lower: 4, upper: 4, terms: [(0, 1), (1, -3)])
        model.addRow(lower: 5, upper: .infinity, terms: [(0, -2), (1, 1)])
        model.addRow(lower: -.infinity, upper: .infinity, terms: [(2, -2)])
        model.addRow(lower: 1, upper: .infinity, terms: [(2, -2)])
        let s = try GLPKSolver.solve(model, options: Self.everything)
        #expect(s.status == .infeasible)
    }

    /// GLPK's MIP presolver loops forever on this one, ignoring its time limit.
    /// Infeasible by hand: row 0 gives x1 = x3 =: t <= 3; eliminating x4 with row 3, its bound
    /// x4 >= -1 gives x0 <= x5 + 3t - 6, row 2 gives x0 >= x5 + 4, so 3t >= 10: t >= 10/3 > 3.
    static var seedB5354: LinearModel {
        var model = LinearModel(name: "seedB5354")
        model.addColumn(lower: -1, upper: .infinity, integer: true, objective: 1)
        model.addColumn(lower: 0, upper: .infinity, integer: true, objective: -1)
        model.addColumn(lower: 1, upper: 1, integer: true, objective: 0)
        model.addColumn(lower: 0, upper: 3, integer: false, objective: 2)
        model.addColumn(lower: -1, upper: .infinity, integer: true, objective: -1)
        model.addColumn(lower: 1, upper: .infinity, integer: true, objective: -2)
        model.addRow(lower: 0, upper: 0, terms: [(1, 2), (3, -2)])
        model.addRow(lower: 3, upper: .infinity, terms: [(0, 1), (1, 1), (2, -2), (3, 1), (5, -2)])
        model.addRow(lower: 4, upper: .infinity, terms: [(0, 1), (5, -1)])
        model.addRow(lower: 5, upper: 5, terms: [(0, -1), (1, 3), (2, -2), (4, -1), (5, 1)])
        model.addRow(lower: -.infinity, upper: 0, terms: [(0, -2), (2, 1), (3, 3), (4, 1)])
        model.addRow(lower: -2, upper: .infinity, terms: [(2, -2), (3, 3)])
        return model
    }

    /// The solve of that model ends, and says it is infeasible.
    @Test func presolverEndlessLoop() throws {
        let s = try GLPKSolver.solve(Self.seedB5354, options: Self.everything)
        #expect(s.status == .infeasible)
    }

    /// ... and the solve that does not loop takes under a second.
    @Test(.tags(.timing)) func presolverEndlessLoopEndsQuickly() throws {
        let s = try GLPKSolver.solve(Self.seedB5354, options: Self.everything)
        #expect(s.seconds < 1)
    }
}
