import ArgumentParser
import Foundation
import IARSCore

extension ExportFormat: ExpressibleByArgument {}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the model of one lexicographic level in CPLEX LP or free MPS format.",
        discussion: """
            The earlier levels are solved first and kept at their optimum by a row each \
            (keep.unmet, keep.waiting), so the file is exactly the problem iars solves at that level. \
            The objective's constant is a column obj_constant fixed at 1, so another solver \
            (glpsol --lp FILE, glpsol --freemps FILE) reports the objective values iars reports.
            Exit status: 0 written, 1 an earlier level is infeasible or ran out of time, 2 bad input.
            """
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var file: String

    @Option(name: .long, help: "File format: lp (CPLEX LP) or mps (free MPS).")
    var format: ExportFormat = .lp

    @Option(name: .long, help: "The level: 1 unmet, 2 waiting, 3 cost.")
    var level: Int = 1

    @Option(name: [.short, .long], help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    @Option(name: .long, parsing: .unconditional, help: effortHelp)
    var effort: Int?

    @OptionGroup var caseloadOptions: CaseloadOptions

    @Option(name: .long, help: "A wall-clock safety net: stop solving the earlier levels after this many seconds.")
    var timeLimit: Double?

    func validate() throws {
        guard (1...3).contains(level) else {
            throw ValidationError("--level must be 1 (unmet), 2 (waiting) or 3 (cost), got \(level).")
        }
        try validateEffort(effort)
        try validateTimeLimit(timeLimit)
    }

    func run() throws {
        let loaded: Scenario
        do {
            loaded = try ScenarioLoader.load(path: file)
        } catch {
            DiagnosticPrinter.print(error, reading: file, as: .plan)
            throw ExitCode(2)
        }
        let scenario = try caseloadOptions.apply(to: loaded, file: file, limits: ReaderLimits())
        // GLPK writes to a path: a private temporary file (removed on every exit, signals
        // included, like AtomicFile's), whose bytes then go where asked.
        var template = Array((NSTemporaryDirectory() + "/iars-export-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            DiagnosticPrinter.fail("cannot create a temporary file: \(String(cString: strerror(errno)))")
            throw ExitCode(2)
        }
        close(fd)
        let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        TemporaryFiles.pending(template)
        func removeTemporary() {
            TemporaryFiles.pending(nil)
            unlink(tmp)
        }
        var planner = Planner(timeLimit: timeLimit)
        planner.effort = effort
        let result: Planner.ExportResult
        do {
            result = try planner.export(scenario, level: level, format: format, to: tmp)
        } catch {
            removeTemporary()
            throw error
        }
        let data = FileManager.default.contents(atPath: tmp)
        removeTemporary()
        switch result.status {
        case .optimal: break
        case .feasible:
            StandardError.write(
                "iars: warning: a budget (effort or time) stopped an earlier level; its keep row holds the best value found, not a proven optimum\n"
            )
        case .infeasible:
            DiagnosticPrinter.fail("the scenario is infeasible (run iars plan for the reasons); no model was written")
            throw ExitCode(1)
        default:
            DiagnosticPrinter.fail("the time limit ran out before level \(level) was reached; no model was written")
            throw ExitCode(1)
        }
        guard let data else {
            DiagnosticPrinter.fail("cannot read the model GLPK wrote")
            throw ExitCode(2)
        }
        do {
            if let output {
                try AtomicFile.write(data, to: output)
            } else {
                FileHandle.standardOutput.write(data)
            }
        } catch {
            DiagnosticPrinter.fail("\(error)")
            throw ExitCode(2)
        }
    }
}
