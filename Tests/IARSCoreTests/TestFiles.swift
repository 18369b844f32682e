import Foundation

/// Files the tests read, found from this source file's location (`#filePath`), so the
/// tests pass from any working folder (`swift test --package-path ...` elsewhere).
enum TestFiles {
    /// The repository root (for `scenarios/` and `Benchmarks/scenarios/`).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `Tests/IARSCoreTests/Fixtures`.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A file of the repository, e.g. `path("scenarios/albania-2001.yaml")`.
    static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }
}
