import Testing

@testable import LinearProgramming

/// Bounds and coefficients made tighter before branch-and-cut (`Strengthening`), by hand
/// on small rows, and the same optimum with and without it on random programmes.
@Suite("Strengthening before branch-and-cut")
struct StrengtheningTests {
    /// A strengthening of `rows` (terms, lower, upper) over columns with these bounds, run.
    static func strengthened(
        _ rows: [([(Int, Double)], Double, Double)], lower: [Double], upper: [Double], integer: [Bool]
    ) -> Strengthening {
        var start = [0], column: [Int] = [], value: [Double] = []
        for (terms, _, _) in rows {
            for (j, a) in terms {
                column.append(j)
                value.append(a)
            }
            start.append(column.count)
        }
        var s = Strengthening(
            start: start, column: column, value: value, rowLower: rows.map(\.1), rowUpper: rows.map(\.2),
            lower: lower, upper: upper, isInteger: integer)
        s.run()
        return s
    }

    /// x + 2y <= 7 over integers x, y >= 0: x <= 7 (y at 0), y <= floor(7 / 2) = 3.
    @Test func aRowBoundsItsIntegerColumns() {
        let s = Self.strengthened(
            [([(0, 1), (1, 2)], -.infinity, 7)], lower: [0, 0], upper: [.infinity, .infinity], integer: [true, true])
        #expect(s.upper == [7, 3])
        #expect(s.lower == [0, 0])
        #expect(s.tightenedBounds == 2)
        #expect(s.replacedRows.isEmpty && s.addedRows.isEmpty)
    }

    /// 0.1 x <= 0.3 in floating point gives (0.3 - 0) / 0.1 = 2.9999999999999996: the slack
    /// keeps x = 3, a plan of the row.
    @Test func roundingKeepsTheIntegerOnTheBound() {
        let s = Self.strengthened([([(0, 0.1)], -.infinity, 0.3)], lower: [0], upper: [100], integer: [true])
        #expect(s.upper == [3])
    }

    /// Bounds travel: x - y <= 0 and y <= 4 (a row) give x <= 4; x + z >= 6 then z >= 2.
    @Test func boundsTravelAlongRows() {
        let s = Self.strengthened(
            [([(0, 1), (1, -1)], -.infinity, 0), ([(1, 1)], -.infinity, 4), ([(0, 1), (2, 1)], 6, .infinity)],
            lower: [0, 0, 0], upper: [.infinity, .infinity, .infinity], integer: [true, true, false])
        #expect(s.upper[0] == 4 && s.upper[1] == 4)
        #expect(abs(s.lower[2] - 2) < 1e-6)
    }

    /// Seats x in [0, 10] (continuous) used only on a departure y (binary): x - 100y <= 0.
    /// As GLPK's npp_reduce_ineq_coef writes it: -x + 100y >= 0; the least activity is
    /// h = -10, so y's coefficient shrinks to 0 - (-10) = 10: -x + 10y >= 0, i.e.
    /// x <= 10y. Both rows have the same plans (y = 0: x = 0; y = 1: x <= 10).
    @Test func aBigCoefficientShrinksToWhatTheRowNeeds() {
        let s = Self.strengthened(
            [([(0, 1), (1, -100)], -.infinity, 0)], lower: [0, 0], upper: [10, 1], integer: [false, true])
        #expect(s.reducedCoefficients == 1)
        #expect(s.replacedRows[0] == .init(columns: [0, 1], coefficients: [-1, 10], lower: 0, upper: .infinity))
        #expect(s.addedRows.isEmpty)
    }

    /// -200 <= x - 100y <= 0 with x in [0, 10]: the lower side cannot be tightened (its
    /// least activity -100 is above -200), the upper side can (as above). The row becomes
    /// its lower side as it was, and the tightened upper side is added as a row of its own.
    @Test func aTwoSidedRowIsSplit() {
        let s = Self.strengthened(
            [([(0, 1), (1, -100)], -200, 0)], lower: [0, 0], upper: [10, 1], integer: [false, true])
        #expect(s.replacedRows[0] == .init(columns: [0, 1], coefficients: [1, -100], lower: -200, upper: .infinity))
        #expect(s.addedRows == [.init(columns: [0, 1], coefficients: [-1, 10], lower: 0, upper: .infinity)])
        #expect(s.reducedCoefficients == 1)
    }

    /// x + y >= 5 with x, y in [0, 2]: no plan. Nothing changes; GLPK says so itself.
    @Test func boundsThatProveNoPlanChangeNothing() {
        let s = Self.strengthened(
            [([(0, 1), (1, 1)], 5, .infinity)], lower: [0, 0], upper: [2, 2], integer: [true, true])
        #expect(s.infeasible)
        #expect(s.lower == [0, 0] && s.upper == [2, 2])
        #expect(s.replacedRows.isEmpty && s.addedRows.isEmpty)
    }

    /// max 3x - 20y, x - 100y <= 0, x integer in [0, 10], y binary. By hand: y = 1, x = 10,
    /// z = 10 (y = 0 forces x = 0, z = 0). The LP bound is 28 as built (y = 0.1) and 10
    /// once the row reads x <= 10y. The row activity reported is the row as built:
    /// 10 - 100 = -90.
    @Test(arguments: [true, false])
    func theSameOptimumAndTheRowsAsBuilt(strengthen: Bool) throws {
        var m = LinearModel(name: "fixed-charge")
        m.sense = .maximize
        let x = m.addColumn(name: "x", upper: 10, integer: true, objective: 3)
        let y = m.addColumn(name: "y", upper: 1, integer: true, objective: -20)
        m.addRow(name: "seats", upper: 0, terms: [(x, 1), (y, -100)])
        var options = SolveOptions(cuts: .none)
        options.strengthen = strengthen
        let s = try GLPKSolver.solve(m, options: options)
        #expect(s.status == .optimal)
        #expect(close(s.objective, 10))
        #expect(s.values == [10, 1])
        #expect(close(s.rowActivities, [-90]))
    }

    /// 300 random programmes with big coefficients at binaries, two-sided rows, general
    /// integers and continuous columns: the same status and optimum with and without.
    @Test func randomProgrammesKeepTheirOptimum() throws {
        var random = TestRandom(seed: 0x5EED_1234)
        func next(_ n: Int) -> Int { random.next(n) }
        var strengthened = 0
        for trial in 0..<300 {
            var m = LinearModel(name: "random-\(trial)")
            m.sense = next(2) == 0 ? .minimize : .maximize
            let n = 3 + next(5)
            for j in 0..<n {
                let kind = next(3)  // 0 binary, 1 integer, 2 continuous
                let upper = kind == 0 ? 1.0 : Double(2 + next(12))
                m.addColumn(name: "x\(j)", upper: upper, integer: kind < 2, objective: Double(next(21) - 10))
            }
            for _ in 0..<(2 + next(5)) {
                var terms: [(Int, Double)] = []
                for j in 0..<n where next(2) == 0 {
                    let big = m.columns[j].upper == 1 && next(2) == 0
                    terms.append((j, Double(next(9) - 4) * (big ? 25 : 1) + (next(4) == 0 ? 0.5 : 0)))
                }
                if terms.isEmpty { continue }
                let rhs = Double(next(31) - 10)
                switch next(3) {
                case 0: m.addRow(upper: rhs, terms: terms)
                case 1: m.addRow(lower: rhs - 20, terms: terms)
                default: m.addRow(lower: rhs - Double(5 + next(30)), upper: rhs, terms: terms)
                }
            }
            // Every column is bounded (at most 13), so each search ends: no clock, no flakes.
            let on = SolveOptions(cuts: .none)
            var off = on
            off.strengthen = false
            let a = try GLPKSolver.solve(m, options: on)
            let b = try GLPKSolver.solve(m, options: off)
            #expect(a.status == b.status, "trial \(trial)")
            if a.status == .optimal && b.status == .optimal {
                #expect(close(a.objective, b.objective!), "trial \(trial)")
                #expect(close(a.rowActivities, m.activities(a.values)), "trial \(trial)")
            }
            let s = Self.strengthened(
                m.rows.map { (Array(zip($0.columns, $0.coefficients)), $0.lower, $0.upper) },
                lower: m.columns.map(\.lower), upper: m.columns.map(\.upper), integer: m.columns.map(\.isInteger))
            if !s.infeasible && (s.reducedCoefficients > 0 || s.tightenedBounds > 0) { strengthened += 1 }
        }
        // The trials exercise the tightening, not only GLPK twice.
        #expect(strengthened > 100)
    }
}

extension LinearModel {
    /// Each row's activity at `x`.
    fileprivate func activities(_ x: [Double]) -> [Double] {
        rows.map { r in zip(r.columns, r.coefficients).reduce(0) { $0 + $1.1 * x[$1.0] } }
    }
}
