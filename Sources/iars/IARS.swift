import ArgumentParser
import Foundation

/// The `iars` command: only wires the subcommands.
@main
struct IARS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iars",
        abstract: "Plan shelter, screening, return transport and reintegration capacity for anti-trafficking programmes.",
        discussion: """
            Exit status: 0 a plan was found, 1 no plan (infeasible, or a time limit without a plan),
            2 bad input (every problem is listed with file, line and key).
            """,
        version: IARSVersion.string,
        subcommands: [Plan.self, Validate.self, Schedule.self, Compare.self, Sweep.self, Export.self,
                      Batch.self, History.self]
    )

    /// Like ParsableCommand.main(), but command-line mistakes exit with status 2,
    /// as bad input files do.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            self.exit(withError: error)
        }
    }
}

enum IARSVersion {
    static let string = "0.1.0"
}
