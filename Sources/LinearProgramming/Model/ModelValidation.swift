#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The checks that keep invalid data away from GLPK, in plain Swift.
///
/// GLPK aborts the process on out-of-range or duplicate indices and invalid bounds,
/// and silently returns nonsense for NaN or infinite coefficients, so all of these
/// are refused here with a ``LinearProgrammingError``.
enum ModelValidation {
    /// GLPK indexes rows, columns and nonzeros with `int` and keeps a dummy element 0.
    static let maximumCount = Int(Int32.max) - 1

    /// `column 3 "x"` or `column 3`.
    static func label(_ kind: String, _ index: Int, _ name: String) -> String {
        name.isEmpty ? "\(kind) \(index)" : "\(kind) \(index) \"\(name)\""
    }

    /// Whether `lower...upper` is a valid bound pair: no NaN, `lower < +inf`, `upper > -inf`, `lower <= upper`.
    @inline(__always)
    static func boundsAreValid(_ lower: Double, _ upper: Double) -> Bool {
        !lower.isNaN && !upper.isNaN && lower != .infinity && upper != -.infinity && lower <= upper
    }

    static func checkBounds(_ lower: Double, _ upper: Double, _ place: @autoclosure () -> String) throws {
        if !boundsAreValid(lower, upper) {
            throw LinearProgrammingError.invalidBounds(place(), lower: lower, upper: upper)
        }
    }

    static func checkFinite(_ value: Double, _ place: @autoclosure () -> String) throws {
        if !value.isFinite { throw LinearProgrammingError.nonFiniteCoefficient(where: place()) }
    }

    /// Checks the whole model and returns its number of nonzero coefficients.
    ///
    /// - Complexity: O(rows + columns + nonzeros), with one scratch array of one
    ///   stamp per column for the duplicate check.
    static func validate(_ model: LinearModel) throws -> Int {
        let columns = model.columns
        let rows = model.rows
        let n = columns.count
        if n > maximumCount { throw LinearProgrammingError.modelTooLarge("\(n) columns (at most \(maximumCount))") }
        if rows.count > maximumCount {
            throw LinearProgrammingError.modelTooLarge("\(rows.count) rows (at most \(maximumCount))")
        }
        try checkFinite(model.objectiveConstant, "objective constant")
        for j in 0..<n {
            let c = columns[j]
            try checkBounds(c.lower, c.upper, label("column", j, c.name))
            try checkFinite(c.objective, "objective coefficient of \(label("column", j, c.name))")
        }
        var stamp = [Int32](repeating: -1, count: n)
        var nonzeros = 0
        for i in 0..<rows.count {
            let r = rows[i]
            try checkBounds(r.lower, r.upper, label("row", i, r.name))
            if r.columns.count != r.coefficients.count {
                throw LinearProgrammingError.termCountMismatch(
                    row: label("row", i, r.name), columns: r.columns.count, coefficients: r.coefficients.count)
            }
            let mark = Int32(truncatingIfNeeded: i)
            for k in 0..<r.columns.count {
                let j = r.columns[k]
                guard j >= 0 && j < n else {
                    throw LinearProgrammingError.columnIndexOutOfRange(
                        row: label("row", i, r.name), column: j, columns: n)
                }
                if stamp[j] == mark {
                    throw LinearProgrammingError.duplicateColumnInRow(row: label("row", i, r.name), column: j)
                }
                stamp[j] = mark
                let a = r.coefficients[k]
                if !a.isFinite {
                    throw LinearProgrammingError.nonFiniteCoefficient(
                        where: "coefficient of column \(j) in \(label("row", i, r.name))")
                }
                if a != 0 { nonzeros += 1 }
            }
        }
        if nonzeros > maximumCount {
            throw LinearProgrammingError.modelTooLarge("\(nonzeros) nonzero coefficients (at most \(maximumCount))")
        }
        return nonzeros
    }

    /// Bounds of an integer column rounded inward to integers: `ceil(lower)`, `floor(upper)`,
    /// where a bound within `1e-9` (relative) of an integer counts as that integer, so that
    /// float noise such as `2.0000000000004` does not cost a whole unit.
    /// The result may have `lower > upper`: no integer lies between the bounds.
    @inline(__always)
    static func integerBounds(_ lower: Double, _ upper: Double) -> (lower: Double, upper: Double) {
        (roundInward(lower, up: true), roundInward(upper, up: false))
    }

    @inline(__always)
    static func roundInward(_ b: Double, up: Bool) -> Double {
        guard b.isFinite else { return b }
        let nearest = b.rounded()
        if abs(b - nearest) <= 1e-9 * max(1, abs(b)) { return nearest }
        return up ? b.rounded(.up) : b.rounded(.down)
    }
}
