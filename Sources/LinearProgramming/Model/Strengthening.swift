/// A mixed-integer programme made tighter before branch-and-cut, with the same integer
/// plans: the part of GLPK's MIP presolver that iars needs, done in Swift because GLPK
/// 5.0's own can abort the process (see ``GLPKSolver``).
///
/// Two steps, in GLPK's order (`npp_integer`):
/// 1. **Bounds from the rows.** Each row's least and greatest activity over the other
///    columns' bounds bounds each of its columns; integer columns' bounds are rounded
///    inward. Repeated over all rows until nothing changes (at most
///    ``maximumPasses`` passes). On a budget-bound plan the budget row bounds every
///    admission, seat and departure, and the bounds feed the rows that link them.
/// 2. **Smaller coefficients at binary columns** (GLPK's `npp_reduce_ineq_coef`): in an
///    inequality `sum a[j] x[j] >= b` whose other terms can make up at least `b - a[k]`
///    by themselves, a binary `x[k]`'s coefficient shrinks to what the row needs of it.
///    This turns "seats used <= capacity x departure" into "<= what can be used", which
///    is what lifts the LP bound. A two-sided row becomes two one-sided rows.
///
/// Every integer plan of the original is a plan of the result and the other way round,
/// so the optimum is the same; the LP relaxation's bound is as good or better. Bounds
/// derived with a slack (``slack(rowSize:coefficient:)``) a hundred times the rounding
/// error of the sums, so that no plan is lost to rounding.
///
/// On gen-5022 of the benchmark family, the unmet level's LP bound rises from 240.55 to
/// 246.67, the bound HiGHS's presolve reaches, and the level is proven at once
/// (docs/performance.md, "Bounds and coefficients before branch-and-cut").
struct Strengthening {
    /// Rows in compressed form: row `i`'s terms are `column[start[i]..<start[i + 1]]`.
    private(set) var start: [Int]
    private(set) var column: [Int]
    private(set) var value: [Double]
    private(set) var rowLower: [Double]
    private(set) var rowUpper: [Double]
    /// Column bounds, tightened.
    private(set) var lower: [Double]
    private(set) var upper: [Double]
    let isInteger: [Bool]
    /// Rows replaced by an equivalent row with smaller coefficients, and rows added (the
    /// other side of a two-sided row so replaced), each as `(terms, lower, upper)`.
    private(set) var replacedRows: [Int: Row] = [:]
    private(set) var addedRows: [Row] = []
    /// Columns whose bounds changed, and how many bounds and coefficients changed.
    private(set) var changedColumns: [Int] = []
    private(set) var tightenedBounds = 0
    private(set) var reducedCoefficients = 0
    /// The bounds prove that no plan exists (nothing is changed then).
    private(set) var infeasible = false

    struct Row: Equatable {
        var columns: [Int]
        var coefficients: [Double]
        var lower: Double
        var upper: Double
    }

    /// Passes over all rows in step 1.
    static let maximumPasses = 20
    /// A continuous bound must move by this share of its size (at least 1e-3) to count as
    /// a change; smaller moves would let the passes creep on.
    static let continuousStep = 1e-3

    init(
        start: [Int], column: [Int], value: [Double], rowLower: [Double], rowUpper: [Double],
        lower: [Double], upper: [Double], isInteger: [Bool]
    ) {
        self.start = start
        self.column = column
        self.value = value
        self.rowLower = rowLower
        self.rowUpper = rowUpper
        self.lower = lower
        self.upper = upper
        self.isInteger = isInteger
    }

    var rowCount: Int { rowLower.count }

    /// The slack that a bound derived from a row keeps: 1e-9 of the row's size (the sum of
    /// its terms' and its bound's magnitudes), divided by the column's coefficient. So
    /// `0.1 x <= 0.3` gives `x <= 3`, not 2.
    static func slack(rowSize: Double, coefficient a: Double) -> Double {
        1e-9 * (1 + rowSize) / abs(a)
    }

    /// Runs both steps. Afterwards ``lower``, ``upper``, ``replacedRows`` and
    /// ``addedRows`` describe the tighter programme; if ``infeasible``, nothing changed.
    ///
    /// - Complexity: O(``maximumPasses`` x nonzeros).
    mutating func run() {
        let (originalLower, originalUpper) = (lower, upper)
        for _ in 0..<Self.maximumPasses {
            let changes = propagate()
            if infeasible {
                (lower, upper) = (originalLower, originalUpper)
                return
            }
            if changes == 0 { break }
        }
        for j in lower.indices where lower[j] != originalLower[j] || upper[j] != originalUpper[j] {
            changedColumns.append(j)
            if lower[j] != originalLower[j] { tightenedBounds += 1 }
            if upper[j] != originalUpper[j] { tightenedBounds += 1 }
        }
        for i in 0..<rowCount where rowLower[i] < rowUpper[i] { reduceCoefficients(row: i) }
    }

    /// The activity of each row of the original programme at `x`.
    func originalActivities(_ x: [Double]) -> [Double] {
        (0..<rowCount).map { i in
            var sum = 0.0
            for k in start[i]..<start[i + 1] { sum += value[k] * x[column[k]] }
            return sum
        }
    }

    // MARK: Step 1

    /// One pass of bounds from the rows; returns how many bounds moved.
    private mutating func propagate() -> Int {
        var changes = 0
        for i in 0..<rowCount {
            let range = start[i]..<start[i + 1]
            if range.isEmpty || (rowLower[i] == -.infinity && rowUpper[i] == .infinity) { continue }
            // Least and greatest activity: the finite part and the count of infinite terms.
            var least = 0.0, leastInfinite = 0, most = 0.0, mostInfinite = 0, size = 0.0
            for k in range {
                let (lo, hi) = termRange(k)
                if lo == -.infinity { leastInfinite += 1 } else { least += lo }
                if hi == .infinity { mostInfinite += 1 } else { most += hi }
                size += max(abs(lo.isFinite ? lo : 0), abs(hi.isFinite ? hi : 0))
            }
            let sideSize = max(rowLower[i].isFinite ? abs(rowLower[i]) : 0, rowUpper[i].isFinite ? abs(rowUpper[i]) : 0)
            for k in range {
                let (lo, hi) = termRange(k)
                let a = value[k]
                let slack = Self.slack(rowSize: size + sideSize, coefficient: a)
                if rowUpper[i] < .infinity, let rest = residual(least, leastInfinite, lo, lo == -.infinity) {
                    // a x <= upper - rest
                    let bound = (rowUpper[i] - rest) / a
                    changes +=
                        a > 0 ? tighten(k, to: bound + slack, up: false) : tighten(k, to: bound - slack, up: true)
                }
                if rowLower[i] > -.infinity, let rest = residual(most, mostInfinite, hi, hi == .infinity) {
                    // a x >= lower - rest
                    let bound = (rowLower[i] - rest) / a
                    changes +=
                        a > 0 ? tighten(k, to: bound - slack, up: true) : tighten(k, to: bound + slack, up: false)
                }
                if infeasible { return changes }
            }
        }
        return changes
    }

    /// The least and greatest value of term `k` over its column's bounds.
    private func termRange(_ k: Int) -> (Double, Double) {
        let a = value[k], j = column[k]
        return a > 0 ? (a * lower[j], a * upper[j]) : (a * upper[j], a * lower[j])
    }

    /// The row's activity bound without one term: `nil` if another term is unbounded.
    private func residual(_ total: Double, _ infinite: Int, _ term: Double, _ termInfinite: Bool) -> Double? {
        if termInfinite { return infinite == 1 ? total : nil }
        return infinite == 0 ? total - term : nil
    }

    /// Moves column `k`'s upper bound down to `bound` (`up`: its lower bound up), rounded
    /// inward for an integer column; returns 1 if it moved. A bound past the other one
    /// marks the programme ``infeasible``, unless it is a continuous column's within 1e-6
    /// (then the column is fixed at the other bound).
    private mutating func tighten(_ k: Int, to bound: Double, up: Bool) -> Int {
        let j = column[k]
        guard bound.isFinite, abs(bound) < 1e12 else { return 0 }
        // In the direction of `up`: a new lower bound must be above the old, an upper below.
        let sign = up ? 1.0 : -1.0
        let (old, other) = up ? (lower[j], upper[j]) : (upper[j], lower[j])
        var b = isInteger[j] ? bound.rounded(up ? .up : .down) : bound
        let step = isInteger[j] ? 0 : Self.continuousStep * max(1, abs(b))
        guard sign * (b - old) > step else { return 0 }
        if sign * (b - other) > 0 {
            if isInteger[j] || sign * (b - other) > 1e-6 * max(1, abs(other)) {
                infeasible = true
                return 0
            }
            b = other
        }
        if up { lower[j] = b } else { upper[j] = b }
        return 1
    }

    // MARK: Step 2

    /// GLPK's `npp_reduce_ineq_coef` on row `i` (an inequality), each side on its own as
    /// `sum a[j] x[j] >= b` (the upper side negated). If either side is reduced, the row
    /// becomes its lower side and a row is added for its upper side, each as reduced or as
    /// it was.
    private mutating func reduceCoefficients(row i: Int) {
        let columns = Array(column[start[i]..<start[i + 1]])
        let original = Array(value[start[i]..<start[i + 1]])
        let (lo, hi) = (rowLower[i], rowUpper[i])
        let lowerSide = lo > -.infinity ? reduced(columns, original, atLeast: lo) : nil
        let upperSide = hi < .infinity ? reduced(columns, original.map { -$0 }, atLeast: -hi) : nil
        guard lowerSide != nil || upperSide != nil else { return }
        reducedCoefficients += (lowerSide?.2 ?? 0) + (upperSide?.2 ?? 0)
        var sides: [Row] = []
        if lo > -.infinity {
            sides.append(
                lowerSide.map { Row(columns: columns, coefficients: $0.0, lower: $0.1, upper: .infinity) }
                    ?? Row(columns: columns, coefficients: original, lower: lo, upper: .infinity))
        }
        if hi < .infinity {
            sides.append(
                upperSide.map { Row(columns: columns, coefficients: $0.0, lower: $0.1, upper: .infinity) }
                    ?? Row(columns: columns, coefficients: original, lower: -.infinity, upper: hi))
        }
        replacedRows[i] = sides[0]
        addedRows += sides.dropFirst()
    }

    /// `sum a[j] x[j] >= b` with the coefficients of binary columns reduced, and how many
    /// were; `nil` if none was (or a column is unbounded the wrong way).
    private func reduced(_ columns: [Int], _ a: [Double], atLeast b: Double) -> ([Double], Double, Int)? {
        // h: the row's least activity (GLPK's (15)).
        var h = 0.0
        for (j, aj) in zip(columns, a) {
            let bound = aj > 0 ? lower[j] : upper[j]
            if !bound.isFinite { return nil }
            h += aj * bound
        }
        var result = a, b = b, count = 0
        for (t, j) in columns.enumerated() where isInteger[j] && lower[j] == 0 && upper[j] == 1 {
            let aj = result[t]
            if aj > 0 {
                let infT = h
                guard b - aj < infT && infT < b else { continue }
                let newA = b - infT
                if newA >= 1e-3 && aj - newA >= 0.01 * (1 + aj) {
                    result[t] = newA
                    count += 1
                }
            } else if aj < 0 {
                let infT = h - aj
                guard b < infT && infT < b - aj else { continue }
                let newA = aj + (infT - b)
                if newA <= -1e-3 && newA - aj >= 0.01 * (1 - aj) {
                    result[t] = newA
                    h += infT - b
                    b = infT
                    count += 1
                }
            }
        }
        return count > 0 ? (result, b, count) : nil
    }
}
