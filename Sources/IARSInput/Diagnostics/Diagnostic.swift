/// One problem found in an input file: where it is and how to fix it.
///
/// Printed as `FILE:LINE: KEY.PATH: message`, e.g.
/// `albania.yaml:14: shelters[0].beds: expected 12 values (months: 12), got 11`.
/// The line is omitted when unknown (a missing file), the key path when the
/// problem is about the whole document.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// The key path inside the document, e.g. `shelters[0].beds`; empty for the whole file.
    public var path: String
    public var message: String

    public init(file: String, line: Int?, path: String, message: String) {
        self.file = file
        self.line = line
        self.path = path
        self.message = message
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if !path.isEmpty { s += "\(path): " }
        return s + message
    }
}

/// Bad input: every problem found, in file order. Ends a command with exit status 2.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public init(file: String, line: Int? = nil, path: String = "", message: String) {
        self.diagnostics = [Diagnostic(file: file, line: line, path: path, message: message)]
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
