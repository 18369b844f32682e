import Foundation
import Yams

/// A YAML or JSON document read into `DocumentNode`s that remember their lines.
///
/// This is the reading layer under every iars input file (scenarios now,
/// schedules later): it turns bytes into a tree and refuses, with one clear
/// diagnostic, whatever cannot be read safely — a missing or oversized file,
/// text that is not UTF-8, a YAML syntax error, duplicate keys, nesting deeper
/// than `ReaderLimits.maxDepth` or more than `ReaderLimits.maxNodes` nodes once
/// aliases are expanded. What the tree should contain is the `Checker`'s job.
///
/// JSON needs no special path: it is valid YAML, and Yams reads it with the
/// same positions.
public struct Document: Sendable, Equatable {
    /// The file as the user named it.
    public var file: String
    /// The top-level node.
    public var root: DocumentNode

    public init(file: String, root: DocumentNode) {
        self.file = file
        self.root = root
    }

    /// Reads and parses the file at `path`.
    ///
    /// - Parameters:
    ///   - path: The file, as the user named it; diagnostics repeat it verbatim.
    ///   - limits: Guard rails; `maxFileBytes` is checked before the file is read.
    /// - Returns: The document.
    /// - Throws: `InputError` with one diagnostic: the file cannot be read, is too
    ///   large, is empty, is not UTF-8, or `parse(text:file:limits:)` refuses it.
    public static func load(path: String, limits: ReaderLimits = .init()) throws(InputError) -> Document {
        let bytes = try readFile(path, limits: limits)
        guard !bytes.isEmpty else {
            throw InputError(file: path, message: "the file is empty")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputError(
                file: path, line: firstInvalidUTF8Line(bytes),
                message: "not UTF-8 text (save the file as UTF-8)")
        }
        return try parse(text: text, file: path, limits: limits)
    }

    /// Parses YAML or JSON text.
    ///
    /// Plain scalars follow the YAML 1.2 core schema (`CoreScalar`); quoted
    /// scalars are strings.
    ///
    /// - Parameters:
    ///   - text: The document.
    ///   - file: The name diagnostics give the document.
    ///   - limits: Guard rails.
    /// - Returns: The document.
    /// - Throws: `InputError` with one diagnostic, `FILE:LINE: invalid YAML: ...`
    ///   for a syntax error or a duplicate key, or a message naming the limit
    ///   that was exceeded.
    /// - Complexity: O(n) in the length of the text plus the number of nodes
    ///   after alias expansion, which is capped at `limits.maxNodes`.
    public static func parse(text: String, file: String, limits: ReaderLimits = .init()) throws(InputError) -> Document
    {
        let size = text.utf8.count
        guard size <= limits.maxFileBytes else {
            throw InputError(file: file, message: tooLarge(size, limits))
        }
        guard size > 0 else {
            throw InputError(file: file, message: "the file is empty")
        }
        if let finding = AliasKeyScanner.scan(text) {
            throw InputError(file: file, line: finding.line, message: "invalid YAML: " + finding.message)
        }
        let composed: Node?
        do {
            // `.basic` resolves nothing (scalars are interpreted by `CoreScalar`) and keeps
            // Yams's duplicate-key check cheap; `.utf8` skips Yams's environment lookup.
            composed = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch {
            throw yamlError(error, text: text, file: file, limits: limits)
        }
        guard let composed else {
            throw InputError(
                file: file, message: "the file has no YAML or JSON document (only blank lines or comments)")
        }
        var converter = Converter(file: file, limits: limits)
        return Document(file: file, root: try converter.convert(composed, depth: 1, parentLine: 1).node)
    }

    // MARK: - Reading the file

    private static func tooLarge(_ size: Int?, _ limits: ReaderLimits) -> String {
        let limit = limits.maxFileBytes
        let limitText = limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit) bytes"
        let sizeText = size.map { "\($0) bytes" } ?? "more than \(limit) bytes"
        return "file too large: \(sizeText) (the limit is \(limitText))"
    }

    /// Reads at most `limits.maxFileBytes` bytes; the size is checked with
    /// `fstat` first and again while reading (the file may grow, or be a pipe).
    private static func readFile(_ path: String, limits: ReaderLimits) throws(InputError) -> [UInt8] {
        func failure(_ what: String) -> InputError { InputError(file: path, message: what) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("cannot read: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("cannot read: \(String(cString: strerror(errno)))") }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw failure("cannot read: it is a directory") }
        if Int(info.st_size) > limits.maxFileBytes { throw failure(tooLarge(Int(info.st_size), limits)) }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("cannot read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > limits.maxFileBytes { throw failure(tooLarge(nil, limits)) }
        }
    }

    /// The 1-based line of the first byte that is not valid UTF-8.
    private static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int? {
        var line = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): if s == "\n" { line += 1 }
            case .emptyInput: return nil
            case .error: return line
            }
        }
    }

    // MARK: - Yams errors

    private static func yamlError(_ error: any Error, text: String, file: String, limits: ReaderLimits) -> InputError {
        func invalid(_ line: Int?, _ message: String) -> InputError {
            InputError(file: file, line: line, message: "invalid YAML: " + message)
        }
        guard let error = error as? YamlError else { return invalid(nil, "\(error)") }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            if problem.contains("Maximum nesting level") {
                return InputError(
                    file: file, line: mark.line,
                    message: "nested too deeply: more than \(limits.maxDepth) levels of lists and mappings")
            }
            if problem == "but found another document" {
                return invalid(mark.line, "more than one document in the file (a second '---' starts here)")
            }
            guard let context else { return invalid(mark.line, problem) }
            return invalid(mark.line, "\(problem) (\(context.text) at line \(context.mark.line))")
        case .reader(let problem, let offset, _, let yaml):
            let line = offset.map { offset in
                1 + yaml.prefix(offset).reduce(0) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 }
            }
            return invalid(line, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.sorted().first ?? ""
            let first = context.mark.line
            if let second = secondOccurrence(of: key, after: context.mark, in: text) {
                return invalid(second, "duplicate key '\(key)' (first at line \(first))")
            }
            return invalid(first, "duplicate key '\(key)'")
        case .memory:
            return invalid(nil, "out of memory")
        default:
            return invalid(nil, "\(error)")
        }
    }

    /// The line of the second `key` of a block mapping whose first `key` is at
    /// `mark`: the next line indented to the same column that starts with the key,
    /// before the mapping ends. Nil for flow mappings and anything unusual.
    private static func secondOccurrence(of key: String, after mark: Mark, in text: String) -> Int? {
        let indent = mark.column - 1
        let candidates = [key, "\"\(key)\"", "'\(key)'"]
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            guard number > mark.line else { continue }
            let body = line.drop { $0 == " " }
            if body.isEmpty || body.first == "#" || body.allSatisfy(\.isWhitespace) { continue }
            let column = line.count - body.count
            if column < indent { return nil }
            guard column == indent else { continue }
            for candidate in candidates where body.hasPrefix(candidate) {
                if body.dropFirst(candidate.count).drop(while: { $0 == " " }).first == ":" { return number }
            }
        }
        return nil
    }
}

// MARK: - Yams nodes to document nodes

/// Converts Yams's tree, in which an alias shares the node it names, into
/// `DocumentNode`s, counting every alias as a full copy and stopping at the
/// limits. Collections already converted are looked up by position, so
/// converting a billion-laughs document costs O(its text), not O(its expansion).
private struct Converter {
    let file: String
    let limits: ReaderLimits
    /// Nodes so far, aliases expanded.
    var total = 0
    var memo: [Key: Converted] = [:]

    struct Key: Hashable {
        var kind: UInt8
        var line: Int
        var column: Int
        var count: Int
    }

    struct Converted {
        var node: DocumentNode
        /// Nodes in the subtree, aliases expanded.
        var nodes: Int
        /// Levels of collections in the subtree (0 for a scalar).
        var height: Int
    }

    init(file: String, limits: ReaderLimits) {
        self.file = file
        self.limits = limits
    }

    /// Converts `node`, a collection of which would sit at nesting `depth`, inside
    /// a collection that starts on `parentLine`.
    mutating func convert(_ node: Node, depth: Int, parentLine: Int) throws(InputError) -> Converted {
        let line = node.mark?.line ?? 1
        let column = node.mark?.column ?? 1
        switch node {
        case .scalar(let scalar):
            try count(1, line: line)
            return Converted(
                node: DocumentNode(try value(of: scalar, line: line), line: line, column: column),
                nodes: 1, height: 0)
        case .sequence(let sequence):
            try checkCollectionTag(sequence.tag, allowed: .seq, line: line)
            let key = Key(kind: 1, line: line, column: column, count: sequence.count)
            if let done = try reuse(key, depth: depth, line: parentLine) { return done }
            try checkDepth(depth, line: line)
            try count(1, line: line)
            var elements: [DocumentNode] = []
            elements.reserveCapacity(sequence.count)
            var nodes = 1, height = 0
            for element in sequence {
                let c = try convert(element, depth: depth + 1, parentLine: line)
                elements.append(c.node)
                nodes += c.nodes
                height = max(height, c.height)
            }
            let done = Converted(
                node: DocumentNode(.sequence(elements), line: line, column: column),
                nodes: nodes, height: height + 1)
            memo[key] = done
            return done
        case .mapping(let mapping):
            try checkCollectionTag(mapping.tag, allowed: .map, line: line)
            let key = Key(kind: 2, line: line, column: column, count: mapping.count)
            if let done = try reuse(key, depth: depth, line: parentLine) { return done }
            try checkDepth(depth, line: line)
            try count(1, line: line)
            var entries: [DocumentEntry] = []
            entries.reserveCapacity(mapping.count)
            var nodes = 1, height = 0
            for (k, v) in mapping {
                guard case .scalar(let keyScalar) = k else {
                    throw InputError(
                        file: file, line: k.mark?.line ?? line,
                        message: "invalid YAML: a mapping key must be a string, not "
                            + (k.mapping != nil ? "a mapping" : "a list"))
                }
                try count(1, line: line)
                let c = try convert(v, depth: depth + 1, parentLine: keyScalar.mark?.line ?? line)
                entries.append(
                    DocumentEntry(
                        key: keyScalar.string, keyLine: keyScalar.mark?.line ?? line,
                        value: c.node))
                nodes += 1 + c.nodes
                height = max(height, c.height)
            }
            let done = Converted(
                node: DocumentNode(.mapping(entries), line: line, column: column),
                nodes: nodes, height: height + 1)
            memo[key] = done
            return done
        case .alias:
            // Yams's parser resolves aliases to the node they name; kept for completeness.
            throw InputError(file: file, line: line, message: "invalid YAML: unresolved alias")
        }
    }

    /// A collection converted before (an alias to it), if its expansion fits.
    /// Yams keeps no position for the alias itself: problems are reported on
    /// `line`, where the collection or key that holds the alias starts.
    mutating func reuse(_ key: Key, depth: Int, line: Int) throws(InputError) -> Converted? {
        guard let done = memo[key] else { return nil }
        try checkDepth(depth + done.height - 1, line: line)
        try count(done.nodes, line: line)
        return done
    }

    mutating func count(_ n: Int, line: Int) throws(InputError) {
        total += n
        if total > limits.maxNodes {
            throw InputError(
                file: file, line: line,
                message: "document too large: more than \(limits.maxNodes) nodes once aliases are expanded")
        }
    }

    func checkDepth(_ depth: Int, line: Int) throws(InputError) {
        if depth > limits.maxDepth {
            throw InputError(
                file: file, line: line,
                message: "nested too deeply: more than \(limits.maxDepth) levels of lists and mappings")
        }
    }

    func checkCollectionTag(_ tag: Tag, allowed: Tag.Name, line: Int) throws(InputError) {
        let name = tag.rawValue
        if name.isEmpty || name == Tag.Name.nonSpecific.rawValue || name == allowed.rawValue { return }
        throw InputError(file: file, line: line, message: "invalid YAML: unsupported tag '\(shortTag(name))'")
    }

    /// A scalar's value: plain scalars by the core schema, quoted ones as strings,
    /// explicit core tags (`!!str`, `!!int`, ...) honoured, other tags refused.
    func value(of scalar: Node.Scalar, line: Int) throws(InputError) -> DocumentNode.Value {
        let text = scalar.string
        let tag = scalar.tag.rawValue
        if tag.isEmpty || tag == Tag.Name.nonSpecific.rawValue {
            return scalar.style == .plain && tag.isEmpty ? CoreScalar.resolve(text) : .string(text)
        }
        let resolved = CoreScalar.resolve(text)
        switch (tag, resolved) {
        case (Tag.Name.str.rawValue, _): return .string(text)
        case (Tag.Name.int.rawValue, .integer),
            (Tag.Name.float.rawValue, .float),
            (Tag.Name.bool.rawValue, .bool),
            (Tag.Name.null.rawValue, .null):
            return resolved
        case (Tag.Name.float.rawValue, .integer(let i)): return .float(Double(i))
        case (Tag.Name.int.rawValue, _), (Tag.Name.float.rawValue, _),
            (Tag.Name.bool.rawValue, _), (Tag.Name.null.rawValue, _):
            throw InputError(
                file: file, line: line,
                message: "invalid YAML: \(quoted(text, limit: 40)) is not a valid \(shortTag(tag))")
        default:
            throw InputError(file: file, line: line, message: "invalid YAML: unsupported tag '\(shortTag(tag))'")
        }
    }

    func shortTag(_ tag: String) -> String {
        let prefix = "tag:yaml.org,2002:"
        return tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }
}
