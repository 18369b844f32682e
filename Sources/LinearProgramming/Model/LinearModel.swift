/// A linear or mixed-integer programme as plain Swift values.
///
/// Columns (variables) have bounds and an integrality flag; rows are sparse
/// linear forms with bounds; the objective is minimised (or maximised) plus a
/// constant. Nothing here touches GLPK: ``GLPKSolver`` turns a model into a
/// GLPK problem, solves it, extracts the values and frees it.
///
/// Indices are 0-based everywhere in this layer; the backend alone converts
/// them to GLPK's 1-based ones.
public struct LinearModel: Sendable {
    public struct Column: Sendable, Equatable {
        public var name: String
        public var lower: Double
        public var upper: Double
        public var isInteger: Bool
        public var objective: Double
        /// An integer column whose value is integral whenever the other integer columns
        /// are (a sum of them, say): heuristics that round need not round it.
        public var isImpliedInteger = false
        /// An integer column that only opens capacity for others at a cost (a departure
        /// whose seats the returns use): rounding it up keeps every other column's room,
        /// so heuristics that round may round it up, and first.
        public var isSetup = false

        public init(name: String, lower: Double, upper: Double, isInteger: Bool, objective: Double) {
            self.name = name
            self.lower = lower
            self.upper = upper
            self.isInteger = isInteger
            self.objective = objective
        }
    }

    public struct Row: Sendable, Equatable {
        public var name: String
        public var lower: Double
        public var upper: Double
        /// Column indices, distinct.
        public var columns: [Int]
        public var coefficients: [Double]

        public init(name: String, lower: Double, upper: Double, columns: [Int], coefficients: [Double]) {
            self.name = name
            self.lower = lower
            self.upper = upper
            self.columns = columns
            self.coefficients = coefficients
        }
    }

    public enum Sense: Sendable, Equatable { case minimize, maximize }

    public var name: String
    public var sense: Sense = .minimize
    public var objectiveConstant: Double = 0
    public private(set) var columns: [Column] = []
    public private(set) var rows: [Row] = []

    public init(name: String = "model") {
        self.name = name
    }

    /// Adds a column and returns its index.
    ///
    /// - Parameters:
    ///   - lower: lower bound, `-.infinity` for none.
    ///   - upper: upper bound, `.infinity` for none.
    ///   - integer: whether the column must take an integer value in a MIP.
    ///   - objective: its coefficient in the objective.
    ///   - impliedInteger: an integer column that is integral whenever the others are
    ///     (``Column/isImpliedInteger``).
    @discardableResult
    public mutating func addColumn(
        name: String = "", lower: Double = 0, upper: Double = .infinity,
        integer: Bool = false, objective: Double = 0, impliedInteger: Bool = false, setup: Bool = false
    ) -> Int {
        var column = Column(name: name, lower: lower, upper: upper, isInteger: integer, objective: objective)
        column.isImpliedInteger = integer && impliedInteger
        column.isSetup = integer && setup
        columns.append(column)
        return columns.count - 1
    }

    /// Adds the row `lower <= sum(coef * x[col]) <= upper` and returns its index.
    /// Terms on the same column are summed; zero coefficients are dropped.
    @discardableResult
    public mutating func addRow(
        name: String = "", lower: Double = -.infinity, upper: Double = .infinity,
        terms: [(Int, Double)]
    ) -> Int {
        var cols: [Int] = []
        var coefs: [Double] = []
        cols.reserveCapacity(terms.count)
        coefs.reserveCapacity(terms.count)
        var seen: [Int: Int] = [:]
        for (j, a) in terms {
            if let at = seen[j] {
                coefs[at] += a
            } else {
                seen[j] = cols.count
                cols.append(j)
                coefs.append(a)
            }
        }
        var keptCols: [Int] = []
        var keptCoefs: [Double] = []
        keptCols.reserveCapacity(cols.count)
        keptCoefs.reserveCapacity(cols.count)
        for (j, a) in zip(cols, coefs) where a != 0 {
            keptCols.append(j)
            keptCoefs.append(a)
        }
        rows.append(Row(name: name, lower: lower, upper: upper, columns: keptCols, coefficients: keptCoefs))
        return rows.count - 1
    }

    /// Sets the objective coefficient of column `j`.
    public mutating func setObjective(_ j: Int, _ coefficient: Double) {
        columns[j].objective = coefficient
    }

    /// Replaces the whole objective: `coefficients` has one value per column.
    public mutating func setObjective(_ coefficients: [Double], constant: Double = 0) {
        precondition(coefficients.count == columns.count, "one objective coefficient per column")
        for j in columns.indices { columns[j].objective = coefficients[j] }
        objectiveConstant = constant
    }

    public mutating func setBounds(column j: Int, lower: Double, upper: Double) {
        columns[j].lower = lower
        columns[j].upper = upper
    }

    /// Marks column `j` integer or continuous.
    public mutating func setInteger(column j: Int, _ integer: Bool) {
        columns[j].isInteger = integer
    }

    public mutating func setBounds(row i: Int, lower: Double, upper: Double) {
        rows[i].lower = lower
        rows[i].upper = upper
    }

    public var numberOfNonzeros: Int { rows.reduce(0) { $0 + $1.columns.count } }

    /// The value of the objective (with its constant) at `x`.
    public func objectiveValue(_ x: [Double]) -> Double {
        var z = objectiveConstant
        for j in columns.indices where columns[j].objective != 0 { z += columns[j].objective * x[j] }
        return z
    }

    /// The value of row `i`'s linear form at `x`.
    public func rowActivity(_ i: Int, _ x: [Double]) -> Double {
        var s = 0.0
        for (j, a) in zip(rows[i].columns, rows[i].coefficients) { s += a * x[j] }
        return s
    }
}
