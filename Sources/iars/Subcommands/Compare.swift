import ArgumentParser
import Foundation
import IARSCore
import IARSReport

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Plan the base scenario and every variant (or several files) and show them side by side.",
        discussion: """
            With one file: its base scenario and each of its variants. With several: each file's base \
            and variants; differences are to the first file's base. Each option is planned exactly as \
            `iars plan FILE [--variant NAME]` plans it.

            Exit status: 0 every option has a plan, 1 some option has none (infeasible or a time limit), \
            2 bad input.
            """
    )

    @Argument(help: "One or more scenario files (YAML or JSON).")
    var files: [String]

    @OptionGroup var caseloadOptions: CaseloadOptions
    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var solverOptions: SolverOptions
    @OptionGroup var htmlOption: HTMLReportOption

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Show per-group and per-country counts above 0 and below K as <K, and withhold their differences, for reports shared outside the programme (totals stay true; docs/suppression.md).",
            valueName: "K"))
    var suppressBelow: Int?

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one scenario file.") }
        try validateSuppressBelow(suppressBelow)
        if suppressBelow != nil && htmlOption.html != nil {
            throw ValidationError(
                "--suppress-below does not apply to --html yet; write the shared report as a table, JSON or CSV.")
        }
    }

    func run() throws {
        var sets: [ScenarioSet] = []
        var problems: [Diagnostic] = []
        var wrongKind = false
        for file in files {
            do { sets.append(try ScenarioLoader.loadSet(path: file)) } catch {
                // A schedule file among the scenarios: one line saying so, not its unknown keys.
                if FileKind.mismatch(file, expected: .plan) != nil {
                    DiagnosticPrinter.print(error, reading: file, as: .plan)
                    wrongKind = true
                } else {
                    problems += error.diagnostics
                }
            }
        }
        if !problems.isEmpty { DiagnosticPrinter.print(InputError(problems)) }
        if wrongKind || !problems.isEmpty { throw ExitCode(2) }
        sets = try caseloadOptions.apply(to: sets, limits: ReaderLimits())
        var planner = Planner(timeLimit: solverOptions.timeLimit, verbose: solverOptions.verbose)
        try solverOptions.configure(&planner)
        let progress = solverOptions.progressLine("compare")
        planner.trace = progress.trace
        let comparison = try progress.solving(status: { (c: Comparison) in
            progress.setPrefix("compare")
            return "\(c.options.filter(\.result.hasPlan).count) of \(c.options.count) options planned"
        }) {
            try Comparison.run(sets, planner: planner) { number, count, label in
                progress.setPrefix("option \(number)/\(count) \(label)")
            }
        }
        let out = Output(path: outputOptions.output)
        let timings = outputOptions.timings ?? (outputOptions.format == .table && out.isTerminal)
        let text: String
        let suppression = suppressBelow.map { Suppression(threshold: $0) }
        switch outputOptions.format {
        case .table: text = CompareTable.render(comparison, timings: timings, suppression: suppression)
        case .json: text = CompareJSON.render(comparison, timings: timings, suppression: suppression)
        case .csv: text = CompareCSV.render(comparison, suppression: suppression)
        }
        do {
            try htmlOption.write { CompareHTML.render(comparison) }
            try out.write(text)
        } catch {
            DiagnosticPrinter.fail("\(error)")
            throw ExitCode(2)
        }
        if !comparison.allPlanned {
            for o in comparison.options where !o.result.hasPlan {
                StandardError.write("iars: \(o.label): no plan (\(o.result.status.rawValue))\n")
            }
            throw ExitCode(1)
        }
    }
}
