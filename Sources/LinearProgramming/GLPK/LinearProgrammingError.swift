/// Why a model, an option or a file was refused before GLPK saw it.
///
/// GLPK aborts the whole process (exit 134) on an invalid call, so every check
/// happens in Swift first. Each message is a full sentence that says what to fix.
/// Places are described as `row 3 "capacity"` or `column 0` (0-based, with the name when there is one).
public enum LinearProgrammingError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A row refers to a column index outside `0..<columns`.
    case columnIndexOutOfRange(row: String, column: Int, columns: Int)
    /// A row lists the same column twice.
    case duplicateColumnInRow(row: String, column: Int)
    /// A row's `columns` and `coefficients` differ in length.
    case termCountMismatch(row: String, columns: Int, coefficients: Int)
    /// A coefficient, an objective coefficient or the objective constant is NaN or infinite.
    case nonFiniteCoefficient(where: String)
    /// Bounds with NaN, `lower > upper`, `lower == +inf` or `upper == -inf`.
    case invalidBounds(String, lower: Double, upper: Double)
    /// A column index passed to ``GLPKProblem`` is outside `0..<columns`.
    case columnOutOfRange(Int, columns: Int)
    /// A row index passed to ``GLPKProblem`` is outside `0..<rows`.
    case rowOutOfRange(Int, rows: Int)
    /// A dense objective does not have one coefficient per column.
    case objectiveSizeMismatch(expected: Int, got: Int)
    /// More rows, columns or nonzeros than GLPK can index.
    case modelTooLarge(String)
    /// An invalid ``SolveOptions`` field; the message says which and why.
    case invalidOption(String)
    /// ``SolveOptions/incumbent`` does not have one value per column.
    case incumbentSizeMismatch(expected: Int, got: Int)
    /// Writing or reading a model file failed.
    case io(String)
    /// A ``GLPKProblem`` was used on a thread other than the one that created it.
    case wrongThread

    public var description: String {
        switch self {
        case let .columnIndexOutOfRange(row, column, columns):
            return
                "The model's \(row) refers to column \(column), but the model has \(columns) column\(columns == 1 ? "" : "s") (valid indices are 0..<\(columns)); add the column first or fix the index."
        case let .duplicateColumnInRow(row, column):
            return "The model's \(row) lists column \(column) more than once; merge the terms into one coefficient."
        case let .termCountMismatch(row, columns, coefficients):
            return
                "The model's \(row) has \(columns) column indices but \(coefficients) coefficients; give one coefficient per index."
        case let .nonFiniteCoefficient(place):
            return "The \(place) is not a finite number; use finite coefficients only."
        case let .invalidBounds(place, lower, upper):
            return
                "The bounds of \(place) are invalid (lower \(lower), upper \(upper)); the lower bound must be at most the upper bound, neither may be NaN, and only the lower bound may be -infinity and only the upper bound +infinity."
        case let .columnOutOfRange(j, columns):
            return
                "Column index \(j) is out of range; the problem has \(columns) column\(columns == 1 ? "" : "s") (valid indices are 0..<\(columns))."
        case let .rowOutOfRange(i, rows):
            return
                "Row index \(i) is out of range; the problem has \(rows) row\(rows == 1 ? "" : "s") (valid indices are 0..<\(rows))."
        case let .objectiveSizeMismatch(expected, got):
            return
                "The objective has \(got) coefficient\(got == 1 ? "" : "s") but the problem has \(expected) column\(expected == 1 ? "" : "s"); give one coefficient per column."
        case let .modelTooLarge(what):
            return "The model is too large for GLPK: \(what)."
        case let .invalidOption(message):
            return message
        case let .incumbentSizeMismatch(expected, got):
            return
                "The incumbent has \(got) value\(got == 1 ? "" : "s") but the model has \(expected) column\(expected == 1 ? "" : "s"); give one value per column."
        case let .io(message):
            return message
        case .wrongThread:
            return
                "A GLPKProblem was used on a thread other than the one that created it; GLPK keeps its memory per thread, so create, use and drop the problem in one synchronous function, never across an await."
        }
    }
}
