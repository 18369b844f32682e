import ArgumentParser
import Foundation
import IARSCore
import IARSReport

struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Plan a scenario over a grid of one or two parameters and chart the objective values.",
        discussion: """
            --vary PATH=FROM:TO:STEP sets the value at PATH (a count, cost or budget; for a per-month \
            field, every month) to FROM, FROM+STEP, ... TO. PATH*=FROM:TO:STEP multiplies it by those \
            factors instead (counts round half up). Paths are those of --set (docs/variants.md). \
            Each point starts from the plan of the point before it (--no-warm to solve each afresh; \
            the objective values are the same).

            Exit status: 0 every point has a plan, 1 some point has none, 2 bad input.
            """
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var file: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A parameter and its values: PATH=FROM:TO:STEP or PATH*=FROM:TO:STEP (once or twice).",
            valueName: "path=from:to:step"))
    var vary: [String] = []

    @Flag(inversion: .prefixedNo, help: "Start each point from its neighbour's plan.")
    var warm = true

    @OptionGroup var scenarioChoice: ScenarioChoice
    @OptionGroup var caseloadOptions: CaseloadOptions
    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var solverOptions: SolverOptions
    @OptionGroup var htmlOption: HTMLReportOption

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Show per-group and per-country counts above 0 and below K as <K, and withhold every figure that would give one away, for reports shared outside the programme (docs/suppression.md).",
            valueName: "K"))
    var suppressBelow: Int?

    func validate() throws {
        try validateSuppressBelow(suppressBelow)
        if suppressBelow != nil && htmlOption.html != nil {
            throw ValidationError(
                "--suppress-below does not apply to --html (its charts draw every figure); write the shared report as a table, JSON or CSV."
            )
        }
        if vary.isEmpty || vary.count > 2 {
            throw ValidationError(
                "Give --vary once or twice (one or two parameters), e.g. --vary budget.total=15000:30000:2500.")
        }
    }

    func run() throws {
        let set: ScenarioSet
        let axes: [SweepAxis]
        let overrides: [ScenarioOverride]
        let scenarios: [[Double]: Scenario]
        let prepare: Sweeper.Prepare?
        do throws(InputError) {
            set = try ScenarioLoader.loadSet(path: file)
            var parsed: [SweepAxis] = []
            var problems: [Diagnostic] = []
            for v in vary {
                do { parsed.append(try SweepAxis.parse(v)) } catch { problems += error.diagnostics }
            }
            if !problems.isEmpty { throw InputError(problems) }
            axes = parsed
            if axes.count == 2, axes[0].path == axes[1].path {
                throw InputError(file: "--vary", path: axes[1].path, message: "the two parameters are the same path")
            }
            let grid = axes.reduce(1) { $0 * $1.values.count }
            if grid > SweepAxis.maxPoints {
                throw InputError(
                    file: "--vary", message: "\(grid) points; at most \(SweepAxis.maxPoints) (raise a STEP)")
            }
            overrides = try scenarioChoice.overrides()
            prepare = try caseloadOptions.prepare(
                for: try set.scenario(variant: scenarioChoice.variant, overrides: overrides), file: file,
                limits: ReaderLimits())
            scenarios = try Sweeper.scenarios(
                set, variant: scenarioChoice.variant, axes: axes, overrides: overrides, prepare: prepare)
        } catch {
            DiagnosticPrinter.print(error, reading: file, as: .plan)
            throw ExitCode(2)
        }
        var planner = Planner(timeLimit: solverOptions.timeLimit, verbose: solverOptions.verbose)
        try solverOptions.configure(&planner)
        let progress = solverOptions.progressLine("sweep")
        planner.trace = progress.trace
        let result = try progress.solving(status: { (r: SweepResult) in
            progress.setPrefix("sweep")
            return "\(r.points.filter { $0.metrics.objective != nil }.count) of \(r.points.count) points planned"
        }) {
            try Sweeper(planner: planner, warm: warm, prepare: prepare)
                .run(set, variant: scenarioChoice.variant, axes: axes, overrides: overrides) { number, count, point in
                    progress.setPrefix("point \(number)/\(count) \(point)")
                }
        }
        let out = Output(path: outputOptions.output)
        let timings = outputOptions.timings ?? (outputOptions.format == .table && out.isTerminal)
        let suppression = suppressBelow.map {
            SweepSuppression(result, scenarios: result.points.map { scenarios[$0.values]! }, Suppression(threshold: $0))
        }
        let text: String
        switch outputOptions.format {
        case .table: text = SweepTable.render(result, timings: timings, suppression: suppression)
        case .json: text = SweepJSON.render(result, timings: timings, suppression: suppression)
        case .csv: text = SweepCSV.render(result, suppression: suppression)
        }
        do {
            try htmlOption.write { SweepHTML.render(result) }
            try out.write(text)
        } catch {
            DiagnosticPrinter.fail("\(error)")
            throw ExitCode(2)
        }
        if !result.allPlanned { throw ExitCode(1) }
    }
}
