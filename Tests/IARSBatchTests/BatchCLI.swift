import Foundation

/// Runs the built `iars` executable (as IARSCLITests' CLIRunner does) and
/// gives each test a scratch folder with a copy of the fixtures.
enum BatchCLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var executable: URL {
        let env = ProcessInfo.processInfo.environment
        let dir = env["IARS_PRODUCTS_DIR"].map { URL(fileURLWithPath: $0) } ?? Bundle.main.bundleURL
        return dir.appendingPathComponent("iars")
    }

    /// `Tests/IARSBatchTests/Fixtures`, found from this file's location (`#filePath`), so the
    /// tests pass from any working folder.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The repository root (for `scenarios/`, `Benchmarks/scenarios/` and `docs/examples/`).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A file or folder of the repository, e.g. `repository("scenarios/albania-2001.yaml")`.
    static func repository(_ relative: String) -> URL {
        root.appendingPathComponent(relative)
    }

    /// A new empty folder under the system's temporary folder.
    static func scratch(_ tag: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("iars-batch-\(tag)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Copies a file or folder of the repository to `dir/as` (its own name without `as`).
    @discardableResult
    static func copyRepository(_ relative: String, to dir: URL, as target: String? = nil) throws -> URL {
        let source = repository(relative)
        let dest = dir.appendingPathComponent(target ?? source.lastPathComponent)
        try FileManager.default.copyItem(at: source, to: dest)
        return dest
    }

    /// Copies `Fixtures/NAME` to `dir/as`.
    @discardableResult
    static func copyFixture(_ name: String, to dir: URL, as target: String? = nil) throws -> URL {
        let dest = dir.appendingPathComponent(target ?? name)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: dest)
        return dest
    }

    /// Starts `iars ARGS` without waiting; output goes to files in `cwd`.
    static func start(_ arguments: [String], cwd: URL, tag: String = "run") throws -> Process {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        p.currentDirectoryURL = cwd
        FileManager.default.createFile(atPath: cwd.appendingPathComponent("\(tag).stdout").path, contents: nil)
        FileManager.default.createFile(atPath: cwd.appendingPathComponent("\(tag).stderr").path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: cwd.appendingPathComponent("\(tag).stdout"))
        p.standardError = try FileHandle(forWritingTo: cwd.appendingPathComponent("\(tag).stderr"))
        try p.run()
        return p
    }

    static func run(_ arguments: [String], cwd: URL, tag: String = "run") throws -> Result {
        let p = try start(arguments, cwd: cwd, tag: tag)
        p.waitUntilExit()
        return try collect(p, cwd: cwd, tag: tag)
    }

    static func collect(_ p: Process, cwd: URL, tag: String = "run") throws -> Result {
        Result(
            status: p.terminationStatus,
            stdout: try String(contentsOf: cwd.appendingPathComponent("\(tag).stdout"), encoding: .utf8),
            stderr: try String(contentsOf: cwd.appendingPathComponent("\(tag).stderr"), encoding: .utf8))
    }

    static func json(_ url: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: url)
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// Every file under `dir`, relative, hidden ones included, but for the run history
    /// (`history.sqlite` and its `-wal`/`-shm` files), which a batch keeps in its --out folder.
    static func files(_ dir: URL) -> [String] {
        (FileManager.default.enumerator(atPath: dir.path)?.allObjects as? [String] ?? []).filter {
            guard !$0.hasPrefix("history.sqlite") else { return false }
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: dir.appendingPathComponent($0).path, isDirectory: &isDir)
            return !isDir.boolValue
        }.sorted()
    }
}
