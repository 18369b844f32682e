import Foundation

/// Runs the built `iars` executable and captures what it prints.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The products folder (.build/debug) holding both the test bundle and `iars`.
    static var productsDirectory: URL {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["IARS_PRODUCTS_DIR"] { return URL(fileURLWithPath: dir) }
        return Bundle.main.bundleURL
    }

    static var executable: URL { productsDirectory.appendingPathComponent("iars") }

    /// The repository root, found from this file's location (`#filePath`): `run` starts the
    /// binary there, so the relative paths in its arguments ("scenarios/...",
    /// "Benchmarks/scenarios/...") and in its messages do not depend on the test's working folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A run and how long it took by the wall clock.
    struct Timed: Sendable {
        var result: Result
        var seconds: Double
    }

    /// Runs `iars ARGUMENTS` in the repository root and times it. Kept in a `static let`, one
    /// run serves the tests that check its values and the `.timing` test that checks its time
    /// (whichever comes first makes it).
    static func timed(_ arguments: [String]) -> Swift.Result<Timed, any Error> {
        Swift.Result {
            let clock = ContinuousClock()
            let start = clock.now
            let result = try run(arguments)
            let elapsed = start.duration(to: clock.now)
            return Timed(
                result: result,
                seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
    }

    /// Runs `iars ARGUMENTS` in `cwd` (the repository root by default) and waits for it.
    static func run(_ arguments: [String], cwd: URL? = nil) throws -> Result {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        p.currentDirectoryURL = cwd ?? root
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // read both pipes before waiting, so a large output cannot block the child
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async {
            errBox.data = errHandle.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.data
        p.waitUntilExit()
        return Result(
            status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
