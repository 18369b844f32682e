/// Finds YAML aliases inside mapping keys before Yams composes the text.
///
/// Yams shares the node an alias names instead of copying it, so an alias
/// bomb in a *value* costs nothing until `Document` expands it (and
/// stops at `ReaderLimits.maxNodes`). A *key*, however, is hashed by Yams's
/// duplicate-key check, and hashing walks the fully expanded tree: one line
/// such as `*bomb : 1` keeps the process busy for minutes. Keys in iars files
/// are plain strings, so this scan refuses, without parsing:
///
/// - an alias used as a key (`*name : value`), and
/// - in a document that uses aliases at all, an explicit key (`? `) or a
///   list or mapping used as a key (`[a, b]: value`).
///
/// It is a tokenizer, not a parser: it tracks comments, quoted scalars, block
/// scalars and flow brackets well enough to find those tokens, and leaves
/// every other judgement to Yams.
///
/// - Complexity: O(n) in the length of the text; documents without a `*`
///   return at once.
enum AliasKeyScanner {
    /// A refused construct: the 1-based line and what is wrong there.
    struct Finding: Equatable {
        var line: Int
        var message: String
    }

    static func scan(_ text: String) -> Finding? {
        guard text.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var text = text
        return text.withUTF8 { bytes in
            var tokenizer = Tokenizer(bytes: bytes)
            return tokenizer.run()
        }
    }

    private struct Tokenizer {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0
        var line = 1
        var lineStart = 0
        /// Column (0-based) of the node that owns a block scalar starting on this line.
        var parentColumn = 0
        var sawTokenOnLine = false
        var flow = 0
        var aliasLine: Int?
        var complexKeyLine: Int?

        init(bytes: UnsafeBufferPointer<UInt8>) { self.b = bytes }

        func at(_ j: Int) -> UInt8? { j < b.count ? b[j] : nil }

        func isBlank(_ c: UInt8?) -> Bool {
            c == nil || c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
        }

        func isFlowIndicator(_ c: UInt8?) -> Bool {
            c == UInt8(ascii: ",") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]")
                || c == UInt8(ascii: "{") || c == UInt8(ascii: "}")
        }

        /// Whether a `:` at `j` is a value indicator.
        func isValueIndicator(_ j: Int) -> Bool {
            guard at(j) == UInt8(ascii: ":") else { return false }
            return isBlank(at(j + 1)) || (flow > 0 && isFlowIndicator(at(j + 1)))
        }

        /// The first index at or after `j` that is not a space or tab.
        func skipSpaces(_ j: Int) -> Int {
            var j = j
            while let c = at(j), c == 0x20 || c == 0x09 { j += 1 }
            return j
        }

        mutating func newline() {
            i += 1
            line += 1
            lineStart = i
            sawTokenOnLine = false
        }

        mutating func run() -> Finding? {
            while i < b.count {
                let c = b[i]
                if c == 0x0A { newline(); continue }
                if c == 0x20 || c == 0x09 || c == 0x0D { i += 1; continue }
                let column = i - lineStart
                if !sawTokenOnLine {
                    sawTokenOnLine = true
                    parentColumn = column
                }
                switch c {
                case UInt8(ascii: "#") where i == lineStart || isBlank(b[i - 1]):
                    while i < b.count, b[i] != 0x0A { i += 1 }
                case UInt8(ascii: "%") where column == 0:
                    while i < b.count, b[i] != 0x0A { i += 1 }
                case UInt8(ascii: "-") where isBlank(at(i + 1)):
                    parentColumn = column
                    i += 1
                case UInt8(ascii: "-") where column == 0 && at(i + 1) == c && at(i + 2) == c:
                    i += 3
                case UInt8(ascii: ".") where column == 0 && at(i + 1) == c && at(i + 2) == c:
                    i += 3
                case UInt8(ascii: "?") where isBlank(at(i + 1)):
                    complexKeyLine = complexKeyLine ?? line
                    i += 1
                case UInt8(ascii: ":") where isValueIndicator(i):
                    i += 1
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flow += 1
                    i += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    flow = max(0, flow - 1)
                    i += 1
                    if isValueIndicator(skipSpaces(i)) || (flow > 0 && at(skipSpaces(i)) == UInt8(ascii: ":")) {
                        complexKeyLine = complexKeyLine ?? line
                    }
                case UInt8(ascii: ",") where flow > 0:
                    i += 1
                case UInt8(ascii: "*"):
                    let start = i
                    i += 1
                    while let d = at(i), isAnchorChar(d) { i += 1 }
                    aliasLine = aliasLine ?? line
                    let next = skipSpaces(i)
                    if isValueIndicator(next) || (flow > 0 && at(next) == UInt8(ascii: ":")) {
                        let name = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
                        return Finding(
                            line: line, message: "an alias cannot be a mapping key ('\(name)'); write the key out")
                    }
                case UInt8(ascii: "&"), UInt8(ascii: "!"):
                    while i < b.count, !isBlank(b[i]), !(flow > 0 && isFlowIndicator(b[i])) { i += 1 }
                case UInt8(ascii: "'"), UInt8(ascii: "\""):
                    skipQuoted(c)
                    if isValueIndicator(skipSpaces(i)) { parentColumn = column }
                case UInt8(ascii: "|") where flow == 0, UInt8(ascii: ">") where flow == 0:
                    skipBlockScalar()
                default:
                    skipPlain()
                    if isValueIndicator(i) { parentColumn = column }
                }
            }
            if let aliasLine, let complexKeyLine {
                return Finding(
                    line: complexKeyLine,
                    message: "a complex mapping key ('? ' or a list or mapping as a key) cannot be used "
                        + "in a document with aliases (first alias at line \(aliasLine))")
            }
            return nil
        }

        /// Anchor and alias names as libyaml scans them.
        func isAnchorChar(_ c: UInt8) -> Bool {
            (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
                || c == UInt8(ascii: "-")
        }

        mutating func skipQuoted(_ quote: UInt8) {
            i += 1
            while i < b.count {
                let c = b[i]
                if c == 0x0A { newline(); continue }
                if quote == UInt8(ascii: "\"") && c == UInt8(ascii: "\\") {
                    i += 1
                    if at(i) == 0x0A { newline() } else { i += 1 }
                    continue
                }
                i += 1
                if c == quote {
                    if quote == UInt8(ascii: "'") && at(i) == quote { i += 1; continue }
                    return
                }
            }
        }

        /// Skips `|` or `>`, the rest of its line and every following line that is
        /// blank or indented deeper than the node that owns the scalar.
        mutating func skipBlockScalar() {
            while i < b.count, b[i] != 0x0A { i += 1 }
            while i < b.count {
                // i is at a newline: look at the next line.
                var j = i + 1
                while let c = at(j), c == 0x20 { j += 1 }
                let indent = j - (i + 1)
                let c = at(j)
                let blankLine = c == nil || c == 0x0A || c == 0x0D || c == 0x09
                guard blankLine || indent > parentColumn else { return }
                newline()
                while i < b.count, b[i] != 0x0A { i += 1 }
            }
        }

        /// Skips a plain scalar up to the end of the line, a value indicator,
        /// a comment or (in flow context) a flow indicator.
        mutating func skipPlain() {
            i += 1
            while let c = at(i), c != 0x0A {
                if isValueIndicator(i) { return }
                if flow > 0 && isFlowIndicator(c) { return }
                if c == UInt8(ascii: "#") && isBlank(b[i - 1]) { return }
                i += 1
            }
        }
    }
}
