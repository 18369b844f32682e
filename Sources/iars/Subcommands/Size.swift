import ArgumentParser
import Foundation
import IARSCore
import IARSReport

/// `iars size FILE`: which of the scenario's `buy:` options to buy, chosen over its futures
/// at once, then that purchase's risk report on fresh futures (docs/size.md).
struct Size: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "size",
        abstract: "Choose what to buy of the file's 'buy:' options, over many possible futures at once.",
        discussion: """
            One model plans every future of the file's 'uncertainty:' (each its LP relaxation unless --integer) \
            with the same purchase: least mean unmet first, then mean waiting, then purchase + mean cost; \
            --service-level Q allows only purchases that serve everyone in at least a share Q of the futures. \
            The chosen purchase is then planned on as many fresh futures (seed + 1), as 'iars risk --buy' \
            does: the out-of-sample report. --write-scenario FILE writes the file with the purchase bought, for \
            'iars compare FILE SIZED' beside hand-made variants. \
            Exit status: 0 a purchase chosen, 1 none (infeasible or stopped without one), 2 bad input.
            """)

    @Argument(help: "The scenario file (YAML or JSON) with 'uncertainty:' and 'buy:' sections.")
    var file: String

    @OptionGroup var futuresOptions: FuturesOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Allow only purchases that serve everyone (priority-weighted unmet 0) in at least this share of the futures, 0 < Q <= 1.",
            valueName: "Q"))
    var serviceLevel: Double?

    @Flag(name: .long, help: "Plan each future in whole numbers (slower) rather than its LP relaxation.")
    var integer = false

    @Flag(name: .long, help: "Skip the out-of-sample risk report (the purchase only).")
    var inSampleOnly = false

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Solve the two-stage model as one GLPK problem (the blocks integer, every future's copy beside them) "
                + "instead of future by future under every purchase: the same optimum; slower for a few options, "
                + "but it does not visit every purchase."))
    var joint = false

    @Option(name: .long, help: "Threads for the out-of-sample report (the results are the same).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write the scenario with the chosen purchase bought (capacities raised, budget.total lowered by its cost) to this file, for 'iars compare'.",
            valueName: "file"))
    var writeScenario: String?

    @OptionGroup var result: ResultOutput
    var format: OutputFormat { result.format }
    var output: String? { result.output }

    @OptionGroup var html: HTMLReportOption
    @OptionGroup var solverOptions: SolverOptions
    @OptionGroup var limitOptions: LimitOptions

    func validate() throws {
        if let q = serviceLevel, !(q > 0 && q <= 1) {
            throw ValidationError("--service-level must be a share of the futures, 0 < Q <= 1 (0.9 for 90%), got \(q).")
        }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs).") }
        if let writeScenario, writeScenario.isEmpty { throw ValidationError("--write-scenario needs a file name.") }
    }

    func run() throws {
        let (scenario, document) = try load()
        var planner = Planner(timeLimit: solverOptions.timeLimit, verbose: solverOptions.verbose)
        try solverOptions.configure(&planner)
        let request = SizeRequest(
            futures: futuresOptions.futures, seed: futuresOptions.seed, integer: integer, serviceLevel: serviceLevel,
            joint: joint)
        let progress = solverOptions.progressLine("size \(scenario.name)")
        planner.trace = progress.trace
        var result = try progress.solving(status: { $0.status.rawValue }) { try planner.size(scenario, request) }
        planner.trace = nil
        if !inSampleOnly {
            try result.evaluate(
                scenario, planner: planner, jobs: jobs, onPlanned: RiskProgress.line(solverOptions.progress))
            if result.outOfSample != nil { RiskProgress.done(solverOptions.progress) }
        }
        let text =
            switch format {
            case .json: SizeJSON.render(result)
            case .csv: SizeCSV.render(result)
            case .table: SizeTable.render(result, scenario: scenario)
            }
        do {
            if let writeScenario, result.objective != nil {
                try AtomicFile.write(Data(sizedText(scenario, document, result).utf8), to: writeScenario)
            }
            try html.write { SizeHTML.render(result, scenario: scenario) }
            try Output(path: output).write(text)
        } catch {
            DiagnosticPrinter.fail("\(error)")
            throw ExitCode(2)
        }
        if result.objective == nil || result.status == .infeasible { throw ExitCode(1) }
    }

    /// The scenario (with `uncertainty:` and at least one `buy:` option) and its document;
    /// exits 2 on bad input.
    func load() throws -> (Scenario, Document) {
        do throws(InputError) {
            let set = try ScenarioLoader.loadSet(path: file, limits: limitOptions.limits)
            var problems: [Diagnostic] = []
            if set.base.uncertainty == nil {
                problems.append(
                    Diagnostic(
                        file: file, line: nil, path: "uncertainty",
                        message:
                            "no 'uncertainty:' section: every future would be the arrivals as written (add one; see docs/risk.md)"
                    ))
            }
            if set.base.buy.isEmpty {
                problems.append(
                    Diagnostic(
                        file: file, line: nil, path: "buy",
                        message: "no 'buy:' options: nothing to size (add one; see docs/size.md)"))
            }
            if !problems.isEmpty { throw InputError(problems) }
            return (set.base, set.document)
        } catch {
            DiagnosticPrinter.print(error, reading: file, as: .plan)
            throw ExitCode(2)
        }
    }

    /// The file of `--write-scenario`: the scenario with the purchase bought, named NAME-sized.
    func sizedText(_ scenario: Scenario, _ document: Document, _ result: SizeResult) throws -> String {
        var sized = try scenario.applying(purchase: result.blocks)
        sized.name = scenario.name + "-sized"
        let bought = result.purchase.filter { $0.blocks > 0 }.map { "\($0.id) x\($0.blocks)" }
        let header = [
            "\(file) with the purchase iars size chose bought: \(bought.isEmpty ? "nothing" : bought.joined(separator: ", "))",
            "(purchase cost \(PlanTable.money(result.purchaseCost)) \(scenario.currency), taken off budget.total where there is one).",
            "'uncertainty', 'buy' and 'variants' left out. Compare it with the file: iars compare \(file) THIS-FILE",
        ]
        return FutureFile.text(document: document, future: sized, header: header)
    }
}
