import Foundation

/// A JSON value with ordered object keys and deterministic number formatting,
/// so the same plan always serialises to the same bytes.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// Written as an integer when integral (|v| < 2^53), else with up to `digits` decimals.
    case number(Double, digits: Int = 6)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x, _), .number(y, _)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public static func int(_ v: Int) -> JSONValue { .number(Double(v)) }
    public static func num(_ v: Double?, digits: Int = 6) -> JSONValue {
        v.map { .number($0, digits: digits) } ?? .null
    }

    /// Pretty-printed with two-space indentation; short arrays of scalars on one line.
    public func serialized() -> String {
        var out = ""
        write(into: &out, indent: 0)
        out += "\n"
        return out
    }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let v, let digits): out += JSONValue.format(v, digits: digits)
        case .string(let s): JSONValue.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            let scalars = items.allSatisfy {
                if case .array = $0 { return false }; if case .object = $0 { return false }; return true
            }
            if scalars {
                out += "["
                for (i, v) in items.enumerated() {
                    if i > 0 { out += ", " }
                    v.write(into: &out, indent: indent)
                }
                out += "]"
                return
            }
            out += "[\n"
            let pad = String(repeating: "  ", count: indent + 1)
            for (i, v) in items.enumerated() {
                out += pad
                v.write(into: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            // small flat objects (a month row) on one line keep long outputs readable
            let flat =
                pairs.count <= 16
                && pairs.allSatisfy {
                    if case .array = $0.1 { return false }; if case .object = $0.1 { return false }; return true
                }
            if flat {
                out += "{"
                for (i, (k, v)) in pairs.enumerated() {
                    if i > 0 { out += ", " }
                    JSONValue.quote(k, into: &out)
                    out += ": "
                    v.write(into: &out, indent: indent)
                }
                out += "}"
                return
            }
            out += "{\n"
            let pad = String(repeating: "  ", count: indent + 1)
            for (i, (k, v)) in pairs.enumerated() {
                out += pad
                JSONValue.quote(k, into: &out)
                out += ": "
                v.write(into: &out, indent: indent + 1)
                out += i + 1 < pairs.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        }
    }

    /// Formats a number deterministically: integral values without a decimal point,
    /// others rounded to `digits` decimals with trailing zeros removed; never `-0`;
    /// non-finite values as `null` (JSON has no NaN).
    public static func format(_ v: Double, digits: Int = 6) -> String {
        guard v.isFinite else { return "null" }
        let scale = pow(10.0, Double(digits))
        // `n`: the value in units of the last decimal. Below 2^52 the nearest double to
        // n / 10^digits is closer to it than half a unit, so "%.*f" would print n's digits.
        let n = (v * scale).rounded()
        var r = n / scale
        if r == 0 { r = 0 }  // no -0
        if abs(r) < 9.007199254740992e15, r == r.rounded() { return String(Int64(r)) }
        if digits > 0, digits <= 15, abs(n) < 4.503599627370496e15 {
            let units = String(Int64(abs(n)))
            let whole = units.count > digits ? String(units.dropLast(digits)) : "0"
            var fraction = String(repeating: "0", count: max(0, digits - units.count)) + units.suffix(digits)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return (n < 0 ? "-" : "") + whole + "." + fraction
        }
        var s = String(format: "%.\(digits)f", r)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        // Most keys and names need no escape: appended whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20:
                out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        out += "\""
    }
}
