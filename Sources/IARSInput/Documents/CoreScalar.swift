/// Plain scalars read by the YAML 1.2 core schema, the way JSON reads them.
///
/// YAML 1.1 readers turn `NO` (Norway) into `false`, `2001-03-06` into a date
/// and `012` into ten; the core schema reads a string, a string and twelve.
/// Only plain (unquoted) scalars are interpreted; quoted and block scalars are
/// always strings.
///
/// | Plain scalar                                   | Value               |
/// |------------------------------------------------|---------------------|
/// | empty, `~`, `null`, `Null`, `NULL`             | null                |
/// | `true`, `True`, `TRUE`, `false`, `False`, `FALSE` | bool             |
/// | `[-+]?[0-9]+`                                  | integer (float when it does not fit in `Int`) |
/// | `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` | float        |
/// | `[-+]?.inf` (`.Inf`, `.INF`), `.nan` (`.NaN`, `.NAN`) | float        |
/// | anything else                                  | string              |
enum CoreScalar {
    /// Interprets the text of a plain scalar.
    ///
    /// - Complexity: O(n) in the length of `text`.
    static func resolve(_ text: String) -> DocumentNode.Value {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        switch numberShape(text.utf8) {
        case .integer:
            if let i = Int(text) { return .integer(i) }
            return Double(text).map { .float($0) } ?? .string(text)
        case .float:
            return Double(text).map { .float($0) } ?? .string(text)
        case .none:
            return .string(text)
        }
    }

    private enum Shape { case integer, float }

    /// Matches the core schema's int and float patterns (not `.inf`/`.nan`).
    private static func numberShape(_ bytes: String.UTF8View) -> Shape? {
        var it = bytes.makeIterator()
        var c = it.next()
        if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { c = it.next() }
        var before = 0, after = 0, dot = false
        while let d = c, isDigit(d) { before += 1; c = it.next() }
        if c == UInt8(ascii: ".") {
            dot = true
            c = it.next()
            while let d = c, isDigit(d) { after += 1; c = it.next() }
        }
        guard before > 0 || after > 0 else { return nil }
        var exponent = false
        if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            exponent = true
            c = it.next()
            if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { c = it.next() }
            var digits = 0
            while let d = c, isDigit(d) { digits += 1; c = it.next() }
            guard digits > 0 else { return nil }
        }
        guard c == nil else { return nil }
        return dot || exponent ? .float : .integer
    }

    private static func isDigit(_ c: UInt8) -> Bool {
        c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
    }
}
