/// A file format GLPK reads and writes.
public enum ModelFileFormat: String, Sendable, Equatable, CaseIterable {
    /// CPLEX LP format (`glp_write_lp`, `glp_read_lp`).
    case lp
    /// Free (modern) MPS format (`glp_write_mps`/`glp_read_mps` with `GLP_MPS_FILE`).
    case mps
}

/// Turns model names into names both file formats accept, distinct within each kind.
///
/// GLPK aborts on names of 256 or more bytes or with control characters, silently
/// replaces names the LP format cannot hold by `x_7`-style ones (which may collide
/// with real names), and a reader merges two columns of the same name. So every
/// exported name is: ASCII letters, digits and `_ . ( ) ,` only (anything else
/// becomes `_`); prefixed with `_` if it starts with a digit or a period or is an LP
/// keyword; at most 240 characters; made unique with a `_2`, `_3`... suffix; and
/// `c7`/`r3` when empty. Names that already satisfy the rules are kept unchanged.
enum ExportNames {
    static let maximumLength = 240

    /// Words the CPLEX LP reader may take for keywords, lowercased.
    static let keywords: Set<String> = [
        "minimize", "minimise", "minimum", "min", "maximize", "maximise", "maximum", "max",
        "subject", "such", "st", "s.t.", "st.", "bounds", "bound", "free", "inf", "infinity",
        "general", "generals", "gen", "integer", "integers", "int", "binary", "binaries", "bin", "end",
    ]

    /// Sanitised, unique names, one per input.
    ///
    /// - Parameters:
    ///   - names: the model's names.
    ///   - fallbackPrefix: the letter used for empty names, followed by the 0-based index.
    ///   - reserved: names already taken in this namespace (e.g. the objective's).
    static func make(_ names: [String], fallbackPrefix: String, reserved: Set<String> = []) -> [String] {
        var used = reserved
        used.reserveCapacity(names.count + reserved.count)
        var result: [String] = []
        result.reserveCapacity(names.count)
        for (index, name) in names.enumerated() {
            var base = sanitise(name)
            if base.isEmpty { base = "\(fallbackPrefix)\(index)" }
            var candidate = base
            var k = 2
            while used.contains(candidate) {
                candidate = "\(base)_\(k)"
                k += 1
            }
            used.insert(candidate)
            result.append(candidate)
        }
        return result
    }

    /// One name made acceptable (possibly empty).
    static func sanitise(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for s in name.unicodeScalars {
            if scalars.count == maximumLength { break }
            switch s {
            case "a"..."z", "A"..."Z", "0"..."9", "_", ".", "(", ")", ",":
                scalars.append(s)
            default:
                scalars.append("_")
            }
        }
        var result = String(scalars)
        if let first = result.unicodeScalars.first, first == "." || ("0"..."9").contains(first) {
            result = "_" + result
        } else if keywords.contains(result.lowercased()) {
            result = "_" + result
        }
        return result
    }
}
