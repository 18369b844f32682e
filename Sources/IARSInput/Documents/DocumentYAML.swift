/// Writes a document tree as YAML that ``Document/parse(text:file:limits:)`` reads back
/// to the same values (`iars risk --write-futures`).
///
/// Block style for mappings and lists of mappings, flow style (`[3, 4, 5]`) for lists of
/// scalars; every string double-quoted with JSON's escapes (so `NO`, `2001-01` or `1e3`
/// stay strings), numbers in Swift's shortest form that reads back to the same double.
/// Comments and anchors of the original are not kept.
public enum DocumentYAML {
    /// The YAML text of `root`, after `header` (each line written as a `# ` comment).
    public static func text(_ root: DocumentNode, header: [String] = []) -> String {
        var lines = header.map { $0.isEmpty ? "#" : "# " + $0 }
        switch root.value {
        case .mapping(let entries) where !entries.isEmpty: lines += mappingLines(entries, indent: 0)
        default: lines.append(flow(root))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func mappingLines(_ entries: [DocumentEntry], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for entry in entries {
            let key = pad + self.key(entry.key) + ":"
            switch entry.value.value {
            case .mapping(let inner) where !inner.isEmpty:
                lines.append(key)
                lines += mappingLines(inner, indent: indent + 2)
            case .sequence(let items) where items.contains(where: { $0.entries.map { !$0.isEmpty } ?? false }):
                lines.append(key)
                lines += sequenceLines(items, indent: indent + 2)
            default:
                lines.append(key + " " + flow(entry.value))
            }
        }
        return lines
    }

    /// A list with mappings in it: `- key: value` items, their other keys below the first.
    static func sequenceLines(_ items: [DocumentNode], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for item in items {
            guard let entries = item.entries, !entries.isEmpty else {
                lines.append(pad + "- " + flow(item))
                continue
            }
            var inner = mappingLines(entries, indent: indent + 2)
            inner[0] = pad + "- " + inner[0].dropFirst(indent + 2)
            lines += inner
        }
        return lines
    }

    /// A node in flow style: `[1, 2]`, `{a: 1}`, or a scalar.
    static func flow(_ node: DocumentNode) -> String {
        switch node.value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .float(let d): return number(d)
        case .string(let s): return quoted(s)
        case .sequence(let items): return "[" + items.map(flow).joined(separator: ", ") + "]"
        case .mapping(let entries):
            return "{" + entries.map { key($0.key) + ": " + flow($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// Integral values below 1e15 without a fraction; others in Swift's shortest form that
    /// reads back to the same double (`12.5`, `1e-05`); `.inf`, `-.inf`, `.nan`.
    static func number(_ d: Double) -> String {
        if d.isNaN { return ".nan" }
        if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    /// A key as written when it is a plain word (`bed_night_cost`, `md-women`), else quoted.
    static func key(_ k: String) -> String {
        let plain =
            !k.isEmpty && k.first != "-"
            && k.utf8.allSatisfy { c in
                (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                    || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
                    || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
            }
        return plain && !["true", "false", "null", "yes", "no", "on", "off", "y", "n"].contains(k.lowercased())
            ? k : quoted(k)
    }

    /// A double-quoted YAML string (JSON's escapes are YAML's).
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value):
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
