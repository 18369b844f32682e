/// Checks a `Document` against a schema written as code, collecting every
/// problem instead of stopping at the first.
///
/// Each helper checks one node, records a `Diagnostic` (file, line of the
/// offending node, key path, message) when it is wrong and returns the value
/// or nil. A caller builds its result only from non-nil values and calls
/// `finish()` at the end:
///
/// ```swift
/// let ck = Checker(file: doc.file, limits: limits)
/// if let f = ck.mapping(doc.root, at: .root, required: ["name"]) {
///     let name = ck.field(f, "name") { ck.string($0, at: $1) }
/// }
/// try ck.finish()
/// ```
///
/// Messages (the key path precedes them in a diagnostic):
/// - `unknown key; did you mean 'beds'? (allowed: id, beds, bed_night_cost, accepts)`
/// - `required key is missing` (on the line of the mapping that lacks it)
/// - `expected an integer, got the string 'ten'`, `expected a finite number, got the number inf`
/// - `must be >= 0, got -3`, `must be > 0, got 0`,
///   `must be <= 1000000 (the cap on counts), got 5000000`
/// - `expected 12 values (months: 12), got 11`
/// - `unknown group 'md-wemen'; did you mean 'md-women'?`
public final class Checker {
    /// The file as the user named it.
    public let file: String
    public let limits: ReaderLimits
    private var found: [Diagnostic] = []
    private var dropped = 0

    public init(file: String, limits: ReaderLimits = .init()) {
        self.file = file
        self.limits = limits
    }

    // MARK: - Diagnostics

    /// Records a problem at `path`, on `line`.
    ///
    /// The message is only built while fewer than `limits.maxDiagnostics` were recorded.
    public func error(_ message: @autoclosure () -> String, at path: DocumentPath, line: Int?) {
        guard found.count < limits.maxDiagnostics else {
            dropped += 1
            return
        }
        found.append(Diagnostic(file: file, line: line, path: path.description, message: message()))
    }

    /// Records a problem with `node`, at its line.
    public func error(_ message: @autoclosure () -> String, at path: DocumentPath, node: DocumentNode) {
        error(message(), at: path, line: node.line)
    }

    /// Whether any problem was recorded.
    public var hasErrors: Bool { !found.isEmpty }

    /// Every problem recorded, by line, then key path, then message. When more
    /// than `limits.maxDiagnostics` were found, a last diagnostic says how many
    /// more there were.
    public var diagnostics: [Diagnostic] {
        var sorted = found.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.line != y.line { return (x.line ?? 0) < (y.line ?? 0) }
            if x.path != y.path { return x.path < y.path }
            if x.message != y.message { return x.message < y.message }
            return a.offset < b.offset
        }.map(\.element)
        if dropped > 0 {
            sorted.append(
                Diagnostic(
                    file: file, line: nil, path: "",
                    message: "\(dropped) more problems not listed (limit: \(limits.maxDiagnostics))"))
        }
        return sorted
    }

    /// Throws every problem recorded, if any.
    public func finish() throws(InputError) {
        if hasErrors { throw InputError(diagnostics) }
    }

    // MARK: - Structure

    /// A mapping whose keys have been checked.
    public struct Fields {
        /// The mapping node.
        public let node: DocumentNode
        /// Where it is.
        public let path: DocumentPath
        let entries: [DocumentEntry]

        /// The value at `key`, if present.
        public subscript(key: String) -> DocumentNode? {
            entries.first { $0.key == key }?.value
        }

        /// Whether `key` is present.
        public func has(_ key: String) -> Bool { self[key] != nil }
    }

    /// Checks that `node` is a mapping with every `required` key and no key
    /// outside `required + optional`.
    ///
    /// - Returns: The mapping, or nil when `node` is not a mapping (unknown or
    ///   missing keys are reported but do not make it nil).
    public func mapping(
        _ node: DocumentNode, at path: DocumentPath,
        required: [String], optional: [String] = []
    ) -> Fields? {
        guard let entries = node.entries else {
            error("expected a mapping, got \(node.kindDescription)", at: path, node: node)
            return nil
        }
        let allowed = required + optional
        for entry in entries where !allowed.contains(entry.key) {
            let list = "(allowed: \(allowed.joined(separator: ", ")))"
            let message =
                Suggestion.closest(to: entry.key, among: allowed)
                .map { "unknown key; did you mean '\($0)'? \(list)" } ?? "unknown key \(list)"
            error(message, at: path + entry.key, line: entry.keyLine)
        }
        for key in required where !entries.contains(where: { $0.key == key }) {
            error("required key is missing", at: path + key, node: node)
        }
        return Fields(node: node, path: path, entries: entries)
    }

    /// Checks `key` of `fields` with `check` when present.
    ///
    /// - Returns: The checked value; nil when the key is absent (a required key
    ///   was already reported by `mapping`) or its value is wrong.
    public func field<T>(
        _ fields: Fields, _ key: String,
        _ check: (DocumentNode, DocumentPath) -> T?
    ) -> T? {
        fields[key].flatMap { check($0, fields.path + key) }
    }

    /// Checks optional `key` of `fields` with `check`.
    ///
    /// - Returns: `default` when the key is absent, the checked value when it is
    ///   right, nil when it is wrong.
    public func field<T>(
        _ fields: Fields, _ key: String, default value: T,
        _ check: (DocumentNode, DocumentPath) -> T?
    ) -> T? {
        guard let node = fields[key] else { return value }
        return check(node, fields.path + key)
    }

    /// Checks optional `key` of `fields` with `check`, for a value with no default.
    ///
    /// - Returns: `.some(nil)` when the key is absent, `.some(value)` when it is
    ///   right, nil when it is wrong.
    public func optionalField<T>(
        _ fields: Fields, _ key: String,
        _ check: (DocumentNode, DocumentPath) -> T?
    ) -> T?? {
        guard let node = fields[key] else { return .some(nil) }
        return check(node, fields.path + key).map { .some($0) }
    }

    /// Checks that `node` is a list (with at least one element when `nonEmpty`).
    public func list(_ node: DocumentNode, at path: DocumentPath, nonEmpty: Bool = false) -> [DocumentNode]? {
        guard let elements = node.elements else {
            error("expected a list, got \(node.kindDescription)", at: path, node: node)
            return nil
        }
        if nonEmpty && elements.isEmpty {
            error("at least one entry is required", at: path, node: node)
        }
        return elements
    }

    // MARK: - Scalars

    /// An inclusive upper bound, with the reason when it is a guard rail
    /// rather than the spec: `must be <= 1000000 (the cap on counts)`.
    public struct Bound: Sendable {
        public var value: Double
        public var reason: String?

        public init(_ value: Double, _ reason: String? = nil) {
            self.value = value
            self.reason = reason
        }

        var text: String { formatNumber(value) + (reason.map { " (\($0))" } ?? "") }
    }

    /// Checks for an integer in `min...max`. A float with no fraction (`12.0`)
    /// counts as an integer, as in JSON.
    public func integer(
        _ node: DocumentNode, at path: DocumentPath,
        min: Int? = nil, max: Bound? = nil
    ) -> Int? {
        let value: Double
        switch node.value {
        case .integer(let i):
            if let max, Double(i) > max.value { return tooLarge(formatNumber(Double(i)), max, path, node) }
            if let min, i < min { return tooSmall("\(i)", ">= \(min)", path, node) }
            return i
        case .float(let d) where d.isFinite:
            value = d
        default:
            error("expected an integer, got \(node.kindDescription)", at: path, node: node)
            return nil
        }
        if let max, value > max.value { return tooLarge(formatNumber(value), max, path, node) }
        if let min, value < Double(min) { return tooSmall(formatNumber(value), ">= \(min)", path, node) }
        guard value == value.rounded(), abs(value) < 9_007_199_254_740_992 else {
            error("expected an integer, got \(node.kindDescription)", at: path, node: node)
            return nil
        }
        return Int(value)
    }

    /// Checks for a finite number in `min...max` (`> 0` when `positive`).
    public func number(
        _ node: DocumentNode, at path: DocumentPath,
        min: Double? = nil, positive: Bool = false, max: Bound? = nil
    ) -> Double? {
        guard let value = node.number, value.isFinite else {
            error("expected a finite number, got \(node.kindDescription)", at: path, node: node)
            return nil
        }
        if positive && value <= 0 { return tooSmall(formatNumber(value), "> 0", path, node) }
        if let min, value < min { return tooSmall(formatNumber(value), ">= \(formatNumber(min))", path, node) }
        if let max, value > max.value { return tooLarge(formatNumber(value), max, path, node) }
        return value
    }

    private func tooSmall<T>(_ got: String, _ rule: String, _ path: DocumentPath, _ node: DocumentNode) -> T? {
        error("must be \(rule), got \(got)", at: path, node: node)
        return nil
    }

    private func tooLarge<T>(_ got: String, _ max: Bound, _ path: DocumentPath, _ node: DocumentNode) -> T? {
        error("must be <= \(max.text), got \(got)", at: path, node: node)
        return nil
    }

    /// What a string must look like: a description for messages and a test.
    public struct StringRule: Sendable {
        /// `an id of a-z, 0-9, '_' or '-'`: completes "expected ..." and "'x' is not ...".
        public var what: String
        public var matches: @Sendable (String) -> Bool
        /// The value the user most likely meant when only its case is wrong (`kh-men` for
        /// `KH-men`, `MM` for `mm`), offered as "did you mean".
        public var caseFix: @Sendable (String) -> String

        public init(
            _ what: String, caseFix: @escaping @Sendable (String) -> String = { $0 },
            matches: @escaping @Sendable (String) -> Bool
        ) {
            self.what = what
            self.caseFix = caseFix
            self.matches = matches
        }

        /// The case-corrected value, when it differs and the rule accepts it.
        public func suggestion(for s: String) -> String? {
            let fixed = caseFix(s)
            return fixed != s && matches(fixed) ? fixed : nil
        }
    }

    /// Checks for a string (that `rule` accepts).
    public func string(_ node: DocumentNode, at path: DocumentPath, rule: StringRule? = nil) -> String? {
        guard let s = node.string else {
            error("expected \(rule?.what ?? "a string"), got \(node.kindDescription)", at: path, node: node)
            return nil
        }
        if let rule, !rule.matches(s) {
            let hint = rule.suggestion(for: s).map { "; did you mean '\($0)'?" } ?? ""
            error("\(quoted(s, limit: 80)) is not \(rule.what)\(hint)", at: path, node: node)
            return nil
        }
        return s
    }

    /// Checks for `true` or `false`.
    public func boolean(_ node: DocumentNode, at path: DocumentPath) -> Bool? {
        guard case .bool(let b) = node.value else {
            error("expected true or false, got \(node.kindDescription)", at: path, node: node)
            return nil
        }
        return b
    }

    // MARK: - Series

    /// Checks "an integer, or `months` integers": one value for every month, or
    /// a list of exactly `months` values. Elements are checked even when the
    /// length is wrong or `months` is unknown (nil), but then nil is returned.
    public func integerSeries(
        _ node: DocumentNode, at path: DocumentPath, months: Int?,
        min: Int? = 0, max: Bound? = nil
    ) -> [Int]? {
        series(node, at: path, months: months) { integer($0, at: $1, min: min, max: max) }
    }

    /// Checks "a number, or `months` numbers", as `integerSeries` does.
    public func numberSeries(
        _ node: DocumentNode, at path: DocumentPath, months: Int?,
        min: Double? = 0, max: Bound? = nil
    ) -> [Double]? {
        series(node, at: path, months: months) { number($0, at: $1, min: min, max: max) }
    }

    private func series<T>(
        _ node: DocumentNode, at path: DocumentPath, months: Int?,
        _ check: (DocumentNode, DocumentPath) -> T?
    ) -> [T]? {
        guard let elements = node.elements else {
            guard let one = check(node, path), let months else { return nil }
            return Array(repeating: one, count: months)
        }
        var lengthOK = true
        if let months, elements.count != months {
            error(
                "expected \(counted(months, "value")) (months: \(months)), got \(elements.count)", at: path, node: node)
            lengthOK = false
        }
        var values: [T] = []
        values.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            if let v = check(element, path + i) { values.append(v) }
        }
        return lengthOK && months != nil && values.count == elements.count ? values : nil
    }

    // MARK: - Ids

    /// The ids of a list's entries, in document order, for checking references.
    public struct KnownIDs: Sendable {
        public let ordered: [String]
        private let members: Set<String>

        public init(_ ids: [String]) {
            ordered = ids
            members = Set(ids)
        }

        public func contains(_ id: String) -> Bool { members.contains(id) }
    }

    /// Checks a string that names an entry of a list: `unknown shelter 'x'; did you mean 'y'?`.
    ///
    /// - Parameters:
    ///   - known: The valid ids (suggestions prefer earlier ones).
    ///   - what: What the id names (`group`, `shelter`).
    public func reference(_ node: DocumentNode, at path: DocumentPath, known: KnownIDs, what: String) -> String? {
        guard let id = node.string else {
            error("expected a \(what) id, got \(node.kindDescription)", at: path, node: node)
            return nil
        }
        guard known.contains(id) else {
            let hint = { Suggestion.closest(to: id, among: known.ordered).map { "; did you mean '\($0)'?" } ?? "" }
            error("unknown \(what) \(quoted(id, limit: 80))\(hint())", at: path, node: node)
            return nil
        }
        return id
    }

    /// Checks a list of ids, each naming an entry of `known`.
    ///
    /// - Returns: The ids in document order without repeats, or nil if any is wrong.
    public func idList(_ node: DocumentNode, at path: DocumentPath, known: KnownIDs, what: String) -> [String]? {
        guard let elements = node.elements else {
            error("expected a list of \(what) ids, got \(node.kindDescription)", at: path, node: node)
            return nil
        }
        var ids: [String] = []
        var seen: Set<String> = []
        var ok = true
        for (i, element) in elements.enumerated() {
            if let id = reference(element, at: path + i, known: known, what: what) {
                if seen.insert(id).inserted { ids.append(id) }
            } else {
                ok = false
            }
        }
        return ok ? ids : nil
    }
}
