import Foundation

/// Variants of a scenario: named what-ifs written in the scenario file under
/// `variants:` (an iars extension of the format) or given on the command line
/// (`--set PATH=VALUE`, `--scale PATH=FACTOR`). docs/variants.md describes them.
///
/// A variant changes the document tree of the base scenario and the result is
/// validated by the same rules as the base, so every problem names the line
/// of the variant that caused it:
///
/// ```yaml
/// variants:
///   - name: second-shelter
///     set:    { shelters.vlora.beds: 15, budget.total: 30000 }
///   - name: ukraine-surge
///     scale:  { groups.ua-women.arrivals: 1.5 }   # counts round half up
///   - name: charter
///     add:    { routes: [{ id: charter, country: MD, seats_per_departure: 20, departures: 1, cost_per_seat: 25 }] }
///     remove: { routes: [tirana-chisinau-bus] }
/// ```
///
/// A variant applies `remove`, then `add`, then `set`, then `scale`.

/// What the scenario format allows where, as far as paths need it.
public enum ScenarioSchema {
    /// A list of entries with ids (`groups`, `shelters`, ...).
    public struct ListSection: Sendable {
        public var key: String
        /// `group`, `shelter`, `medical provider`, ...
        public var what: String
        /// Every field but `id`.
        public var fields: [String]
    }

    public static let lists: [ListSection] = [
        .init(
            key: "groups", what: "group",
            fields: ["country", "arrivals", "processing_months", "priority", "initial"]),
        .init(key: "shelters", what: "shelter", fields: ["beds", "bed_night_cost", "accepts"]),
        .init(key: "medical", what: "medical provider", fields: ["slots", "cost_per_screening", "serves"]),
        .init(
            key: "routes", what: "route",
            fields: ["country", "seats_per_departure", "departures", "cost_per_seat", "cost_per_departure"]),
        .init(key: "partners", what: "partner", fields: ["country", "slots", "cost_per_case"]),
        .init(key: "services", what: "service", fields: ["capacity", "cost_per_case_month", "serves", "needed_by"]),
    ]

    /// Mappings without ids and their fields.
    public static let mappings: [(key: String, fields: [String])] = [
        ("budget", ["total", "monthly"]),
        ("options", ["integer", "time_limit_seconds", "effort"]),
    ]

    /// Top-level values a variant may change (not `name`: a variant keeps it).
    public static let topLevel = ["description", "currency", "start", "months"]

    /// Every first part of a path, in the order messages list them.
    public static var sections: [String] {
        lists.map(\.key) + mappings.map(\.key) + topLevel
    }

    /// Fields that hold whole numbers (counts): scaling rounds them half up.
    public static let integerFields: Set<String> = [
        "arrivals", "processing_months", "beds", "slots", "seats_per_departure", "departures", "months", "effort",
        "capacity",
    ]

    /// Fields that hold numbers (counts, costs, budgets, priorities): the ones `scale` may change.
    public static let numberFields: Set<String> = integerFields.union([
        "priority", "bed_night_cost", "cost_per_screening", "cost_per_seat", "cost_per_departure",
        "cost_per_case", "total", "monthly", "time_limit_seconds", "cost_per_case_month",
    ])

    static func list(_ key: String) -> ListSection? { lists.first { $0.key == key } }
}

/// One change to a scenario: set a value, or scale a number (or every number of a series).
public struct ScenarioOverride: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
        /// Replace the value (a scalar for a per-month field means every month).
        case set(DocumentNode)
        /// Multiply; counts are rounded half up.
        case scale(Double)
    }

    /// `shelters.vlora.beds`, `groups.*.arrivals`, `budget.total`.
    public var path: String
    public var change: Change
    /// Where it was written, for diagnostics: the key path (`variants[0].set.shelters.vlora.beds`
    /// in a file, the path itself on the command line) and its line (nil on the command line).
    public var origin: DocumentPath
    public var line: Int?

    public init(path: String, change: Change, origin: DocumentPath? = nil, line: Int? = nil) {
        self.path = path
        self.change = change
        self.origin = origin ?? DocumentPath(path)
        self.line = line
    }

    /// The name diagnostics give the command line.
    public static let commandLine = "command line"

    /// Parses `PATH=VALUE` (`--set`; the value is YAML: `30`, `[1, 2, 3]`, `true`) or
    /// `PATH=FACTOR` (`--scale`).
    ///
    /// - Throws: `InputError` naming the option when the text has no `=`, no path,
    ///   a value that is not YAML, or a factor that is not a number >= 0.
    public static func parse(_ text: String, scale: Bool) throws(InputError) -> ScenarioOverride {
        let option = scale ? "--scale" : "--set"
        let what = scale ? "PATH=FACTOR" : "PATH=VALUE"
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw InputError(
                file: option,
                message:
                    "expected \(what), e.g. \(scale ? "groups.*.arrivals=1.5" : "shelters.tirana.beds=30"), got \(quoted(text, limit: 80))"
            )
        }
        let path = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
        let valueText = String(text[text.index(after: eq)...])
        guard !valueText.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw InputError(file: option, path: path, message: "a value is missing after '='")
        }
        let document: Document
        do {
            document = try Document.parse(text: valueText, file: option)
        } catch {
            throw InputError(
                error.diagnostics.map { d in
                    Diagnostic(file: option, line: nil, path: path, message: d.message)
                })
        }
        let node = document.root.relined(0)
        if scale {
            guard let f = node.number, f.isFinite, f >= 0 else {
                throw InputError(
                    file: option, path: path,
                    message: "expected a factor (a number >= 0), got \(node.kindDescription)")
            }
            return ScenarioOverride(path: path, change: .scale(f))
        }
        return ScenarioOverride(path: path, change: .set(node))
    }
}

/// A named variant as written in the file, not yet applied.
public struct VariantSpec: Sendable, Equatable {
    public var name: String
    public var description: String?
    /// Ids to remove, per list section, in file order.
    public var remove: [(section: String, ids: [(id: String, path: DocumentPath, line: Int)])]
    /// Entries to append, per list section.
    public var add: [(section: String, entries: [DocumentNode])]
    /// `set`, then `scale` overrides, in file order.
    public var overrides: [ScenarioOverride]
    /// Where the variant starts.
    public var line: Int
    public var path: DocumentPath

    public static func == (a: VariantSpec, b: VariantSpec) -> Bool {
        a.name == b.name && a.description == b.description && a.overrides == b.overrides && a.line == b.line
            && a.add.map(\.section) == b.add.map(\.section) && a.add.map(\.entries) == b.add.map(\.entries)
            && a.remove.map(\.section) == b.remove.map(\.section)
            && a.remove.map { $0.ids.map(\.id) } == b.remove.map { $0.ids.map(\.id) }
    }
}

/// A variant, applied and validated.
public struct Variant: Sendable, Equatable {
    public var name: String
    public var description: String?
    /// The scenario with the variant's changes; its `name` is `BASE/VARIANT`.
    public var scenario: Scenario
}

/// A scenario file read with its variants.
public struct ScenarioSet: Sendable {
    /// The file as the user named it.
    public var file: String
    public var base: Scenario
    public var variants: [Variant]
    /// The base document (with its `variants:`), for applying further overrides (`--set`, sweeps).
    public var document: Document
    public var specs: [VariantSpec]
    public var limits: ReaderLimits

    /// The names of the variants, in file order.
    public var variantNames: [String] { variants.map(\.name) }

    /// The base or the variant `name` with `overrides` applied on top and validated.
    ///
    /// - Throws: `InputError`: an unknown variant (with a did-you-mean) or a problem
    ///   with an override (naming `--set`, or the variant's line).
    public func scenario(variant name: String? = nil, overrides: [ScenarioOverride] = []) throws(InputError) -> Scenario
    {
        var spec: VariantSpec? = nil
        if let name {
            guard let found = specs.first(where: { $0.name == name }) else {
                let names = specs.map(\.name)
                guard !names.isEmpty else {
                    throw InputError(
                        file: "--variant",
                        message: "\(file) defines no variants (add a 'variants:' list; see docs/variants.md)")
                }
                let hint = Suggestion.closest(to: name, among: names).map { "; did you mean '\($0)'?" } ?? ""
                throw InputError(
                    file: "--variant",
                    message:
                        "unknown variant \(quoted(name, limit: 80))\(hint) (variants: \(names.joined(separator: ", ")))"
                )
            }
            spec = found
        }
        if spec == nil && overrides.isEmpty { return base }
        return try VariantApplier.scenario(document: document, base: base, spec: spec, extra: overrides, limits: limits)
    }
}

extension ScenarioLoader {
    /// Reads the scenario file at `path` with its `variants:` and validates the base
    /// and every variant.
    ///
    /// - Throws: `InputError` with every problem of the base; when the base is valid,
    ///   every problem of the variants.
    public static func loadSet(path: String, limits: ReaderLimits = .init()) throws(InputError) -> ScenarioSet {
        try scenarioSet(from: Document.load(path: path, limits: limits), limits: limits)
    }

    /// `loadSet` for text.
    public static func parseSet(text: String, file: String, limits: ReaderLimits = .init()) throws(InputError)
        -> ScenarioSet
    {
        try scenarioSet(from: Document.parse(text: text, file: file, limits: limits), limits: limits)
    }

    /// Validates a parsed document with its variants.
    public static func scenarioSet(from document: Document, limits: ReaderLimits = .init()) throws(InputError)
        -> ScenarioSet
    {
        let base = try scenario(from: document, limits: limits)
        let ck = Checker(file: document.file, limits: limits)
        let specs = VariantReader(ck: ck).read(document.root)
        try ck.finish()
        var variants: [Variant] = []
        var problems: [Diagnostic] = []
        for spec in specs {
            do {
                let sc = try VariantApplier.scenario(
                    document: document, base: base, spec: spec, extra: [], limits: limits)
                variants.append(Variant(name: spec.name, description: spec.description, scenario: sc))
            } catch {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw InputError(problems) }
        return ScenarioSet(
            file: document.file, base: base, variants: variants, document: document, specs: specs,
            limits: limits)
    }
}

// MARK: - Reading `variants:`

/// Checks the `variants:` list (its shape, names and paths' syntax; whether the
/// paths resolve is checked when a variant is applied).
struct VariantReader {
    let ck: Checker

    func read(_ root: DocumentNode) -> [VariantSpec] {
        guard let node = root["variants"] else { return [] }
        let path: DocumentPath = "variants"
        guard let list = ck.list(node, at: path) else { return [] }
        var specs: [VariantSpec] = []
        var firstLine: [String: Int] = [:]
        for (i, entry) in list.enumerated() {
            let at = path + i
            guard
                let f = ck.mapping(
                    entry, at: at, required: ["name"],
                    optional: ["description", "remove", "add", "set", "scale"])
            else { continue }
            var name = ck.field(f, "name") { ck.string($0, at: $1, rule: .id) }
            if let n = name, let nameNode = f["name"] {
                if n == "base" {
                    ck.error("'base' names the scenario itself; choose another name", at: at + "name", node: nameNode)
                    name = nil
                } else if let line = firstLine[n] {
                    ck.error("duplicate variant name '\(n)' (first at line \(line))", at: at + "name", node: nameNode)
                    name = nil
                } else {
                    firstLine[n] = nameNode.line
                }
            }
            let description = ck.optionalField(f, "description") { ck.string($0, at: $1) }
            let remove = ck.field(f, "remove", default: []) { self.remove($0, at: $1) }
            let add = ck.field(f, "add", default: []) { self.add($0, at: $1) }
            let set = ck.field(f, "set", default: []) { self.overrides($0, at: $1, scale: false) }
            let scale = ck.field(f, "scale", default: []) { self.overrides($0, at: $1, scale: true) }
            if let set, let scale {
                let setPaths = Set(set.map(\.path))
                for o in scale where setPaths.contains(o.path) {
                    ck.error("set and scale both change this value; keep one", at: o.origin, line: o.line)
                }
            }
            if f.entries.count == 1 || (f.entries.count == 2 && f.has("description")) {
                ck.error("the variant changes nothing (give set, scale, add or remove)", at: at, node: entry)
            }
            guard let name, let description, let remove, let add, let set, let scale else { continue }
            specs.append(
                VariantSpec(
                    name: name, description: description, remove: remove, add: add,
                    overrides: set + scale, line: entry.line, path: at))
        }
        return specs
    }

    /// `{SECTION: [id, ...]}`
    func remove(_ node: DocumentNode, at path: DocumentPath) -> [(
        section: String, ids: [(id: String, path: DocumentPath, line: Int)]
    )]? {
        guard let f = ck.mapping(node, at: path, required: [], optional: ScenarioSchema.lists.map(\.key)) else {
            return nil
        }
        var out: [(section: String, ids: [(id: String, path: DocumentPath, line: Int)])] = []
        var ok = true
        for entry in f.entries where ScenarioSchema.list(entry.key) != nil {
            let at = path + entry.key
            guard let list = ck.list(entry.value, at: at, nonEmpty: true) else { ok = false; continue }
            var ids: [(id: String, path: DocumentPath, line: Int)] = []
            for (j, idNode) in list.enumerated() {
                if let id = ck.string(idNode, at: at + j, rule: .id) {
                    ids.append((id, at + j, idNode.line))
                } else {
                    ok = false
                }
            }
            out.append((entry.key, ids))
        }
        return ok ? out : nil
    }

    /// `{SECTION: [entry, ...]}`: the entries are checked when the variant is applied.
    func add(_ node: DocumentNode, at path: DocumentPath) -> [(section: String, entries: [DocumentNode])]? {
        guard let f = ck.mapping(node, at: path, required: [], optional: ScenarioSchema.lists.map(\.key)) else {
            return nil
        }
        var out: [(section: String, entries: [DocumentNode])] = []
        var ok = true
        for entry in f.entries where ScenarioSchema.list(entry.key) != nil {
            guard let list = ck.list(entry.value, at: path + entry.key, nonEmpty: true) else { ok = false; continue }
            out.append((entry.key, list))
        }
        return ok ? out : nil
    }

    /// `{PATH: value}` (set) or `{PATH: factor}` (scale).
    func overrides(_ node: DocumentNode, at path: DocumentPath, scale: Bool) -> [ScenarioOverride]? {
        guard let entries = node.entries else {
            ck.error(
                "expected a mapping of PATH: \(scale ? "factor" : "value"), got \(node.kindDescription)", at: path,
                node: node)
            return nil
        }
        var out: [ScenarioOverride] = []
        var ok = true
        for entry in entries {
            let at = path + entry.key
            if scale {
                guard let f = ck.number(entry.value, at: at, min: 0) else { ok = false; continue }
                out.append(ScenarioOverride(path: entry.key, change: .scale(f), origin: at, line: entry.keyLine))
            } else {
                out.append(
                    ScenarioOverride(path: entry.key, change: .set(entry.value), origin: at, line: entry.keyLine))
            }
        }
        return ok ? out : nil
    }
}

// MARK: - Applying a variant

enum VariantApplier {
    /// The base document with `spec` (if any) and then `extra` applied, validated.
    static func scenario(
        document: Document, base: Scenario, spec: VariantSpec?, extra: [ScenarioOverride],
        limits: ReaderLimits
    ) throws(InputError) -> Scenario {
        var root = document.root
        if var entries = root.entries {
            entries.removeAll { $0.key == "variants" }
            root.value = .mapping(entries)
        }
        let ck = Checker(file: document.file, limits: limits)
        var editor = DocumentEditor(root: root, ck: ck)
        if let spec { editor.apply(spec) }
        if !extra.isEmpty {
            let cli = Checker(file: ScenarioOverride.commandLine, limits: limits)
            editor.ck = cli
            for o in extra { editor.apply(o) }
            try cli.finish()
        }
        try ck.finish()
        let label = spec.map { " (variant '\($0.name)')" } ?? ""
        var scenario: Scenario
        do {
            scenario = try ScenarioLoader.scenario(
                from: Document(file: document.file, root: editor.root), limits: limits)
        } catch {
            throw InputError(
                error.diagnostics.map { d in
                    // Values from the command line carry line 0.
                    if d.line == 0 {
                        return Diagnostic(
                            file: ScenarioOverride.commandLine, line: nil, path: d.path, message: d.message + label)
                    }
                    return Diagnostic(file: d.file, line: d.line, path: d.path, message: d.message + label)
                })
        }
        if let spec { scenario.name = base.name + "/" + spec.name }
        return scenario
    }
}

/// Edits a document tree by paths, reporting every path that does not resolve.
struct DocumentEditor {
    var root: DocumentNode
    var ck: Checker

    mutating func apply(_ spec: VariantSpec) {
        for (section, ids) in spec.remove {
            for (id, path, line) in ids { remove(section, id: id, at: path, line: line) }
        }
        for (section, entries) in spec.add {
            let existing = root[section]?.elements ?? []
            setTop(section, DocumentNode(.sequence(existing + entries), line: entries.first?.line ?? spec.line))
        }
        for o in spec.overrides { apply(o) }
    }

    // MARK: Paths

    /// Where a path leads: a top-level key, a field of a mapping section, or a
    /// field of some entries of a list section.
    enum Target {
        case top(String)
        case mapping(String, field: String)
        case entries(String, indices: [Int], field: String)
    }

    /// Resolves `o.path`, reporting what is wrong with it.
    func resolve(_ o: ScenarioOverride) -> Target? {
        let parts = o.path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        func fail(_ message: String) -> Target? {
            ck.error(message, at: o.origin, line: o.line)
            return nil
        }
        let head = parts[0]
        if head == "name" { return fail("a variant keeps the scenario's name; it cannot be changed") }
        if let list = ScenarioSchema.list(head) {
            guard parts.count == 3, !parts[1].isEmpty, !parts[2].isEmpty else {
                return fail(
                    "expected \(head).ID.FIELD (ID a \(list.what) id, or * for every \(list.what)), got \(quoted(o.path, limit: 80))"
                )
            }
            let field = parts[2]
            if field == "id" { return fail("an id cannot be changed; remove the entry and add a new one") }
            guard list.fields.contains(field) else {
                return fail(unknownField(field, of: list.what, allowed: list.fields))
            }
            let entries = root[head]?.elements ?? []
            let ids = entries.map { $0["id"]?.string }
            if parts[1] == "*" {
                guard !entries.isEmpty else { return fail("there is no \(list.what) to change") }
                return .entries(head, indices: Array(entries.indices), field: field)
            }
            guard let index = ids.firstIndex(of: parts[1]) else {
                let hint =
                    Suggestion.closest(to: parts[1], among: ids.compactMap { $0 }).map { "; did you mean '\($0)'?" }
                    ?? ""
                return fail("unknown \(list.what) \(quoted(parts[1], limit: 80))\(hint)")
            }
            return .entries(head, indices: [index], field: field)
        }
        if let mapping = ScenarioSchema.mappings.first(where: { $0.key == head }) {
            guard parts.count == 2, !parts[1].isEmpty else {
                return fail(
                    "expected \(head).FIELD (\(mapping.fields.joined(separator: ", "))), got \(quoted(o.path, limit: 80))"
                )
            }
            guard mapping.fields.contains(parts[1]) else {
                return fail(unknownField(parts[1], of: head, allowed: mapping.fields))
            }
            return .mapping(head, field: parts[1])
        }
        if ScenarioSchema.topLevel.contains(head) {
            guard parts.count == 1 else {
                return fail("expected \(head) alone (it has no fields), got \(quoted(o.path, limit: 80))")
            }
            return .top(head)
        }
        let sections = ScenarioSchema.sections
        let hint = Suggestion.closest(to: head, among: sections).map { "; did you mean '\($0)'?" } ?? ""
        return fail(
            "unknown path \(quoted(o.path, limit: 80))\(hint) (a path starts with \(sections.joined(separator: ", ")))")
    }

    func unknownField(_ field: String, of what: String, allowed: [String]) -> String {
        let hint = Suggestion.closest(to: field, among: allowed).map { "; did you mean '\($0)'?" } ?? ""
        return
            "unknown field \(quoted(field, limit: 80)) of \(what == "budget" || what == "options" ? what : "a " + what)\(hint) (fields: \(allowed.joined(separator: ", ")))"
    }

    // MARK: Changes

    mutating func apply(_ o: ScenarioOverride) {
        guard let target = resolve(o) else { return }
        let field: String
        switch target {
        case .top(let k): field = k
        case .mapping(_, let f), .entries(_, _, let f): field = f
        }
        if case .scale = o.change, !ScenarioSchema.numberFields.contains(field) {
            ck.error(
                "cannot scale '\(field)': it is not a number (scale changes counts, costs, budgets and priorities)",
                at: o.origin, line: o.line)
            return
        }
        let integer = ScenarioSchema.integerFields.contains(field)
        func changed(_ old: DocumentNode?, name: String) -> DocumentNode? {
            switch o.change {
            case .set(let node):
                return node
            case .scale(let f):
                guard let old else {
                    ck.error("cannot scale \(name): the scenario does not give it", at: o.origin, line: o.line)
                    return nil
                }
                return Self.scaled(old, by: f, integer: integer, line: o.line ?? 0)
            }
        }
        switch target {
        case .top(let key):
            if let v = changed(root[key], name: key) { setTop(key, v) }
        case .mapping(let key, let f):
            let section = root[key]
            guard let v = changed(section?[f], name: "\(key).\(f)") else { return }
            var node = section ?? DocumentNode(.mapping([]), line: v.line)
            node.setField(f, v, line: o.line ?? v.line)
            setTop(key, node)
        case .entries(let key, let indices, let f):
            guard let list = root[key], var elements = list.elements else { return }
            for i in indices {
                let id = elements[i]["id"]?.string ?? "*"
                guard elements[i].entries != nil, let v = changed(elements[i][f], name: "\(key).\(id).\(f)") else {
                    continue
                }
                elements[i].setField(f, v, line: o.line ?? v.line)
            }
            setTop(key, DocumentNode(.sequence(elements), line: list.line, column: list.column))
        }
    }

    /// `node` times `f`: a number or each number of a list; counts rounded half up.
    /// Anything else is left for validation to report.
    static func scaled(_ node: DocumentNode, by f: Double, integer: Bool, line: Int) -> DocumentNode {
        switch node.value {
        case .sequence(let items):
            return DocumentNode(
                .sequence(items.map { scaled($0, by: f, integer: integer, line: line) }),
                line: node.line, column: node.column)
        case .integer, .float:
            let v = node.number! * f
            guard integer, v.isFinite else { return DocumentNode(.float(v), line: line) }
            // Round half up; products like 3 x 1.5 are exact, others are cleaned of float noise first.
            let r = ((v * 1e9).rounded() / 1e9 + 0.5).rounded(.down)
            guard abs(r) < 9e15 else { return DocumentNode(.float(r), line: line) }
            return DocumentNode(.integer(Int(r)), line: line)
        default:
            return node
        }
    }

    mutating func remove(_ section: String, id: String, at path: DocumentPath, line: Int) {
        guard let list = ScenarioSchema.list(section) else { return }
        let elements = root[section]?.elements ?? []
        let ids = elements.map { $0["id"]?.string }
        guard let index = ids.firstIndex(of: id) else {
            let hint = Suggestion.closest(to: id, among: ids.compactMap { $0 }).map { "; did you mean '\($0)'?" } ?? ""
            ck.error("unknown \(list.what) \(quoted(id, limit: 80))\(hint)", at: path, line: line)
            return
        }
        var rest = elements
        rest.remove(at: index)
        setTop(section, DocumentNode(.sequence(rest), line: root[section]!.line, column: root[section]!.column))
        // References to the entry go with it: a removed group from `accepts` and `needed_by`, a
        // removed shelter from `serves`.
        let references =
            section == "groups"
            ? [("shelters", "accepts"), ("services", "needed_by")]
            : section == "shelters" ? [("medical", "serves"), ("services", "serves")] : []
        for (refSection, refField) in references { removeReferences(to: id, in: refSection, field: refField) }
    }

    /// Drops `id` from the `field` lists of the entries of `refSection`.
    mutating func removeReferences(to id: String, in refSection: String, field refField: String) {
        guard let refList = root[refSection], var refs = refList.elements else { return }
        for i in refs.indices {
            guard let ids = refs[i][refField], let items = ids.elements else { continue }
            let kept = items.filter { $0.string != id }
            if kept.count != items.count {
                refs[i].setField(
                    refField, DocumentNode(.sequence(kept), line: ids.line, column: ids.column), line: ids.line)
            }
        }
        setTop(refSection, DocumentNode(.sequence(refs), line: refList.line, column: refList.column))
    }

    mutating func setTop(_ key: String, _ value: DocumentNode) {
        root.setField(key, value, line: value.line)
    }
}

extension DocumentNode {
    /// Replaces the value at `key` of a mapping, or appends it on `line`.
    mutating func setField(_ key: String, _ newValue: DocumentNode, line: Int) {
        guard var entries = entries else { return }
        if let i = entries.firstIndex(where: { $0.key == key }) {
            entries[i].value = newValue
        } else {
            entries.append(DocumentEntry(key: key, keyLine: line, value: newValue))
        }
        value = .mapping(entries)
    }

    /// The node with every line set to `line` (values from the command line).
    func relined(_ line: Int) -> DocumentNode {
        switch value {
        case .sequence(let items):
            return DocumentNode(.sequence(items.map { $0.relined(line) }), line: line)
        case .mapping(let entries):
            return DocumentNode(
                .mapping(
                    entries.map {
                        DocumentEntry(key: $0.key, keyLine: line, value: $0.value.relined(line))
                    }), line: line)
        default:
            return DocumentNode(value, line: line)
        }
    }
}
