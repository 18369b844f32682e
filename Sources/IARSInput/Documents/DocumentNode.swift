/// One node of a YAML or JSON document, with the position it was read from.
///
/// Scalars are already interpreted by the YAML 1.2 core schema (see
/// `CoreScalar`): a plain `12` is an integer, a plain `NO` or a quoted `"12"`
/// is a string. Positions are 1-based; a node reached through a YAML alias
/// carries the position of the anchored node it copies.
public struct DocumentNode: Sendable, Equatable {
    /// What the node holds.
    public enum Value: Sendable, Equatable {
        /// `~`, `null`, `Null`, `NULL` or nothing at all.
        case null
        case bool(Bool)
        /// A plain `[-+]?[0-9]+` that fits in `Int`.
        case integer(Int)
        /// Any other number, `.inf` and `.nan` included (and integers too large for `Int`).
        case float(Double)
        case string(String)
        case sequence([DocumentNode])
        case mapping([DocumentEntry])
    }

    public var value: Value
    /// 1-based line of the node's first character.
    public var line: Int
    /// 1-based column (in Unicode scalars) of the node's first character.
    public var column: Int

    public init(_ value: Value, line: Int, column: Int = 1) {
        self.value = value
        self.line = line
        self.column = column
    }

    /// The number this node holds (integer or float, finite or not), if any.
    public var number: Double? {
        switch value {
        case .integer(let i): Double(i)
        case .float(let d): d
        default: nil
        }
    }

    /// The string this node holds, if it is a string.
    public var string: String? {
        if case .string(let s) = value { s } else { nil }
    }

    /// The elements, if the node is a list.
    public var elements: [DocumentNode]? {
        if case .sequence(let e) = value { e } else { nil }
    }

    /// The entries in document order, if the node is a mapping.
    public var entries: [DocumentEntry]? {
        if case .mapping(let e) = value { e } else { nil }
    }

    /// The value at `key`, if the node is a mapping that has it.
    public subscript(key: String) -> DocumentNode? {
        entries?.first { $0.key == key }?.value
    }

    /// What the node is, for messages: `a list`, `the string 'abc'`, `the number 12.5`,
    /// `a boolean (true)`, `nothing (null)`.
    public var kindDescription: String {
        switch value {
        case .null: "nothing (null)"
        case .bool(let b): "a boolean (\(b))"
        case .integer(let i): "the number \(i)"
        case .float(let d): "the number \(formatNumber(d))"
        case .string(let s): "the string \(quoted(s, limit: 40))"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

/// One `key: value` pair of a mapping.
public struct DocumentEntry: Sendable, Equatable {
    /// The key as written (keys are always read as text).
    public var key: String
    /// 1-based line of the key.
    public var keyLine: Int
    public var value: DocumentNode

    public init(key: String, keyLine: Int, value: DocumentNode) {
        self.key = key
        self.keyLine = keyLine
        self.value = value
    }
}

/// A number as messages print it: integral values without a fraction
/// (`12`, `-3`, `1000000000`), others in Swift's shortest form (`12.5`, `1e+20`, `inf`).
package func formatNumber(_ d: Double) -> String {
    if d.isFinite, d == d.rounded(), abs(d) < 1e15 {
        return String(Int64(d))
    }
    return "\(d)"
}

/// `'text'`, cut after `limit` characters.
package func quoted(_ s: String, limit: Int) -> String {
    let head = s.prefix(limit)
    return head.endIndex == s.endIndex ? "'\(s)'" : "'\(head)...'"
}
