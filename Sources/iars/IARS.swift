import ArgumentParser
import Foundation
import IARSCore

/// The `iars` command: only wires the subcommands.
@main
struct IARS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iars",
        abstract:
            "Plan shelter, screening, return transport and reintegration capacity for anti-trafficking programmes.",
        discussion: """
            Exit status: 0 a plan was found, 1 no plan (infeasible, or a time limit without a plan),
            2 bad input (every problem is listed with file, line and key).
            """,
        version: IARSVersion.string,
        subcommands: [
            Plan.self, Validate.self, Schedule.self, Compare.self, Sweep.self, Export.self,
            Batch.self, History.self, Risk.self, Size.self,
        ]
    )

    /// Like ParsableCommand.main(), but command-line mistakes exit with status 2,
    /// as bad input files do.
    static func main() {
        let arguments = CommandLineFixes.joiningNegativeValues(Array(CommandLine.arguments.dropFirst()))
        if let message = CommandLineFixes.unknownCommand(arguments) {
            FileHandle.standardError.write(Data("iars: error: \(message)\n".utf8))
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot(arguments)
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

/// Mistakes on the command line that the argument parser reports poorly.
enum CommandLineFixes {
    /// `--time-limit -5` as `--time-limit=-5`: the parser would take `-5` for an option and
    /// say "Missing value"; joined, the option's own check says what it must be.
    static func joiningNegativeValues(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { out += arguments[i...]; break }
            if a.hasPrefix("--"), a.count > 2, !a.contains("="), i + 1 < arguments.count,
                isNegativeNumber(arguments[i + 1])
            {
                out.append(a + "=" + arguments[i + 1])
                i += 2
                continue
            }
            out.append(a)
            i += 1
        }
        return out
    }

    static func isNegativeNumber(_ s: String) -> Bool {
        s.hasPrefix("-") && s.count > 1 && Double(s) != nil
    }

    /// `iars plann FILE`: "unknown command 'plann'; did you mean 'plan'?", instead of the
    /// parser's "2 unexpected arguments"; nil when the first argument is a command or an option.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = IARS.configuration.subcommands.compactMap { $0.configuration.commandName }
        guard !names.contains(first), first != "help" else { return nil }
        let hint = Suggestion.closest(to: first, among: names).map { "did you mean '\($0)'? " } ?? ""
        return "unknown command '\(first.prefix(40))'; \(hint)(commands: \(names.joined(separator: ", ")); "
            + "iars --help says what each does)"
    }
}
