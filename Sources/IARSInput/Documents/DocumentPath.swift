/// Where a node sits in a document, as users write it: `groups[2].initial[0].count`.
///
/// The empty path is the document itself.
public struct DocumentPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The path as printed in diagnostics.
    public private(set) var description: String

    /// The document itself.
    public static let root = DocumentPath("")

    public init(_ text: String) {
        self.description = text
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// Whether this is the document itself.
    public var isRoot: Bool { description.isEmpty }

    /// The path of the value at `key` in the mapping at this path.
    public static func + (path: DocumentPath, key: String) -> DocumentPath {
        DocumentPath(path.isRoot ? key : path.description + "." + key)
    }

    /// The path of the element at `index` (0-based) in the list at this path.
    public static func + (path: DocumentPath, index: Int) -> DocumentPath {
        DocumentPath(path.description + "[\(index)]")
    }
}
