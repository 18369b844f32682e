import LinearProgramming
import Testing

/// Each invalid input is refused in Swift with its exact message; GLPK never sees it (it would
/// abort the process or answer nonsense), so reaching the assertions at all shows nothing aborted.
@Suite("Validation")
struct ValidationTests {
    static let boundsRule =
        "the lower bound must be at most the upper bound, neither may be NaN, and only the lower bound may be -infinity and only the upper bound +infinity."

    static let invalidModels: [(String, @Sendable (inout LinearModel) -> Void, String)] = [
        (
            "column index out of range", { m in m.addRow(name: "cap", upper: 1, terms: [(0, 1), (7, 1)]) },
            "The model's row 0 \"cap\" refers to column 7, but the model has 2 columns (valid indices are 0..<2); add the column first or fix the index."
        ),
        (
            "negative column index", { m in m.addRow(upper: 1, terms: [(-1, 1)]) },
            "The model's row 0 refers to column -1, but the model has 2 columns (valid indices are 0..<2); add the column first or fix the index."
        ),
        (
            "NaN coefficient", { m in m.addRow(name: "r", upper: 1, terms: [(1, .nan)]) },
            "The coefficient of column 1 in row 0 \"r\" is not a finite number; use finite coefficients only."
        ),
        (
            "infinite objective coefficient", { m in m.setObjective(0, -.infinity) },
            "The objective coefficient of column 0 \"x\" is not a finite number; use finite coefficients only."
        ),
        (
            "NaN objective constant", { m in m.objectiveConstant = .nan },
            "The objective constant is not a finite number; use finite coefficients only."
        ),
        (
            "column lower > upper", { m in m.setBounds(column: 1, lower: 3, upper: 2) },
            "The bounds of column 1 are invalid (lower 3.0, upper 2.0); " + boundsRule
        ),
        (
            "column NaN bound", { m in m.setBounds(column: 0, lower: .nan, upper: 2) },
            "The bounds of column 0 \"x\" are invalid (lower nan, upper 2.0); " + boundsRule
        ),
        (
            "column lower +inf", { m in m.setBounds(column: 0, lower: .infinity, upper: .infinity) },
            "The bounds of column 0 \"x\" are invalid (lower inf, upper inf); " + boundsRule
        ),
        (
            "row lower > upper", { m in m.addRow(name: "r", lower: 5, upper: 4, terms: [(0, 1)]) },
            "The bounds of row 0 \"r\" are invalid (lower 5.0, upper 4.0); " + boundsRule
        ),
        (
            "row upper -inf", { m in m.addRow(lower: -.infinity, upper: -.infinity, terms: [(0, 1)]) },
            "The bounds of row 0 are invalid (lower -inf, upper -inf); " + boundsRule
        ),
    ]

    static func base() -> LinearModel {
        var m = LinearModel()
        m.addColumn(name: "x", objective: 1)
        m.addColumn(objective: 1)
        return m
    }

    @Test(arguments: invalidModels)
    func invalidModel(label: String, change: @Sendable (inout LinearModel) -> Void, expected: String) {
        var m = Self.base()
        change(&m)
        #expect(errorMessage { try GLPKSolver.validate(m) } == expected, "\(label)")
        #expect(errorMessage { _ = try GLPKSolver.solve(m) } == expected, "\(label)")
        #expect(errorMessage { _ = try GLPKProblem(m) } == expected, "\(label)")
        #expect(errorMessage { try GLPKSolver.write(m, format: .lp, to: temporaryPath("invalid.lp")) } == expected)
    }

    static let invalidOptions: [(SolveOptions, String)] = [
        (SolveOptions(timeLimit: -1), "The time limit must be a finite number of seconds greater than 0, not -1.0."),
        (SolveOptions(timeLimit: 0), "The time limit must be a finite number of seconds greater than 0, not 0.0."),
        (
            SolveOptions(timeLimit: .infinity),
            "The time limit must be a finite number of seconds greater than 0, not inf."
        ),
        (SolveOptions(timeLimit: .nan), "The time limit must be a finite number of seconds greater than 0, not nan."),
        (
            SolveOptions(relativeGap: -0.1),
            "The relative MIP gap must be a finite number greater than or equal to 0, not -0.1."
        ),
        (
            SolveOptions(heuristics: HeuristicOptions(proximityTimeLimit: 0)),
            "The proximity search time limit must be a finite number of seconds greater than 0, not 0.0."
        ),
        (
            SolveOptions(incumbent: [1]),
            "The incumbent has 1 value but the model has 2 columns; give one value per column."
        ),
        (SolveOptions(incumbent: [1, .nan]), "The incumbent's value for column 1 is nan; every value must be finite."),
    ]

    @Test(arguments: invalidOptions)
    func invalidOption(options: SolveOptions, expected: String) {
        #expect(errorMessage { _ = try GLPKSolver.solve(Models.smallMIP, options: options) } == expected)
    }

    /// Huge time limits are capped (tm_lim is an int of milliseconds) rather than overflowing.
    @Test func hugeTimeLimit() throws {
        let s = try GLPKSolver.solve(Models.smallMIP, options: SolveOptions(timeLimit: 1e12))
        #expect(s.status == .optimal)
    }

    /// Names never reach GLPK when solving: 300-character names and control characters are fine.
    @Test func namesAreNotValidatedForSolving() throws {
        var m = Models.wyndor
        m.addColumn(name: String(repeating: "n", count: 300) + "\u{7}\n", objective: 0)
        let s = try GLPKSolver.solve(m)
        #expect(close(s.objective, 36))
    }

    @Test func errorsAreEquatable() {
        #expect(LinearProgrammingError.columnOutOfRange(1, columns: 1) == .columnOutOfRange(1, columns: 1))
        #expect(LinearProgrammingError.io("a") != .io("b"))
    }
}
