import ArgumentParser
import Foundation
import IARSCore
import IARSReport

/// `iars risk FILE`: plans every future of the scenario's `uncertainty:` and reports how
/// likely the programme is to turn someone away (docs/risk.md).
struct Risk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "risk",
        abstract: "Plan many possible futures of uncertain arrivals: how likely is it that someone is turned away?",
        discussion: """
            Each future draws the arrivals from the file's 'uncertainty:' section with iars's own generator \
            (the same futures on every machine) and is planned as 'iars plan' plans it, with hindsight of its own \
            arrivals. --shard I/N plans a share and writes a partial result; --merge joins them into the report \
            one run gives, byte for byte. Exit status: 0 a report (or the futures) written, 2 bad input.
            """)

    @Argument(help: "The scenario file (YAML or JSON) with an 'uncertainty:' section.")
    var file: String?

    @OptionGroup var futuresOptions: FuturesOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Buy capacity first: ID=K blocks of a 'buy:' option, comma-separated or repeated (e.g. tirana-annex=1).",
            valueName: "id=k"))
    var buy: [String] = []

    @Option(name: .long, help: "Plan this many futures at a time (threads; the results are the same).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Plan each future's LP relaxation (as 'iars size' does by default).")
    var lp = false

    @Flag(name: .long, help: "Plan each future in whole numbers (the default when options.integer is true).")
    var integer = false

    @Option(
        name: .long,
        help: ArgumentHelp("Plan only shard I of N (1-based) and write a partial result for --merge.", valueName: "i/n")
    )
    var shard: String?

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp("Join partial results of --shard into the report (instead of FILE).", valueName: "files"))
    var merge: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write the futures as plain scenario files future-00001.yaml ... in this folder and plan nothing.",
            valueName: "dir"))
    var writeFutures: String?

    @OptionGroup var result: ResultOutput
    var format: OutputFormat { result.format }
    var output: String? { result.output }

    @OptionGroup var html: HTMLReportOption
    @OptionGroup var solverOptions: SolverOptions
    @OptionGroup var limitOptions: LimitOptions
    @OptionGroup var scenarioChoice: ScenarioChoice

    func validate() throws {
        if (file == nil) == merge.isEmpty {
            throw ValidationError("Give a scenario FILE, or --merge with the partial results of --shard (not both).")
        }
        if lp && integer { throw ValidationError("--lp and --integer exclude each other.") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs).") }
        if let shard, Self.parseShard(shard) == nil {
            throw ValidationError("--shard: expected I/N with 1 <= I <= N, e.g. 2/8; got '\(shard.prefix(40))'.")
        }
        let changed = scenarioChoice.variant != nil || !scenarioChoice.sets.isEmpty || !scenarioChoice.scales.isEmpty
        if writeFutures != nil && changed {
            // the futures are written by editing the file's own document, which holds no variant or change
            throw ValidationError(
                "--write-futures writes the file's own futures: put the --variant, --set or --scale into a copy of the file first."
            )
        }
        if !merge.isEmpty,
            shard != nil || writeFutures != nil || !buy.isEmpty || futuresOptions.given || changed
        {
            throw ValidationError("--merge takes only the partial results (and --format, --output, --html).")
        }
        if shard != nil, html.html != nil {
            throw ValidationError("--shard writes a partial result; --html goes with --merge.")
        }
    }

    /// `I/N` with 1 <= I <= N.
    static func parseShard(_ text: String) -> (index: Int, count: Int)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else {
            return nil
        }
        return (i, n)
    }

    /// `--buy` as blocks per option id.
    static func purchase(_ texts: [String]) throws(InputError) -> [String: Int] {
        var out: [String: Int] = [:]
        var problems: [Diagnostic] = []
        for item in texts.flatMap({ $0.split(separator: ",") }) {
            let pair = item.split(separator: "=", omittingEmptySubsequences: false)
            let id = pair.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard pair.count == 2, !id.isEmpty, let k = Int(pair[1].trimmingCharacters(in: .whitespaces)) else {
                problems.append(
                    Diagnostic(
                        file: "--buy", line: nil, path: "",
                        message: "expected ID=K (blocks of a buy option), e.g. tirana-annex=1; got '\(item.prefix(60))'"
                    ))
                continue
            }
            if out[id] != nil {
                problems.append(Diagnostic(file: "--buy", line: nil, path: id, message: "given twice"))
            }
            out[id] = k
        }
        if !problems.isEmpty { throw InputError(problems) }
        return out
    }

    func run() throws {
        if !merge.isEmpty { return try write(mergeParts()) }
        guard let file else { return }
        let (scenario, document) = try load(file)
        let purchase: [String: Int]
        do { purchase = try Self.purchase(buy) } catch {
            DiagnosticPrinter.print(error)
            throw ExitCode(2)
        }
        var planner = Planner(timeLimit: solverOptions.timeLimit, verbose: solverOptions.verbose)
        try solverOptions.configure(&planner)
        let integer = lp ? false : (self.integer ? true : scenario.options.integer)
        var risk = RiskPlanner(
            planner: planner, jobs: jobs, integer: integer, seed: futuresOptions.seed ?? scenario.uncertainty?.seed,
            purchase: purchase)
        risk.onPlanned = RiskProgress.line(solverOptions.progress)
        let n = futuresOptions.futures ?? scenario.uncertainty?.futures ?? Uncertainty.defaultFutures
        let (index, count) = shard.flatMap(Self.parseShard) ?? (1, 1)
        let chosen = RiskPlanner.shard(index, of: count, futures: n).map(Array.init) ?? []
        if let dir = writeFutures {
            return try writeFiles(dir, risk: risk, scenario: scenario, document: document, futures: chosen, n: n)
        }
        let outcomes: [FutureOutcome]
        do { outcomes = try risk.plan(scenario, futures: chosen) } catch let error as InputError {
            DiagnosticPrinter.print(error)
            throw ExitCode(2)
        }
        RiskProgress.done(solverOptions.progress)
        var frame = RiskFrame(
            scenario: scenario, futures: n, seed: risk.seed ?? Uncertainty.defaultSeed, integer: integer,
            purchase: purchase)
        frame.effort = solverOptions.effort ?? scenario.options.effort
        frame.fingerprint = RiskFrame.fingerprint(String(describing: scenario))
        if shard != nil {
            let part = RiskPart(shard: index, shards: count, frame: frame, outcomes: outcomes)
            return try writeText(try part.text())
        }
        try write(RiskResult(frame: frame, outcomes: outcomes))
    }
}

extension Risk {
    /// The scenario (which must have `uncertainty:`), with the `--variant`, `--set` and
    /// `--scale` asked for, and its document; exits 2 on bad input.
    func load(_ file: String) throws -> (Scenario, Document) {
        do throws(InputError) {
            let set = try ScenarioLoader.loadSet(path: file, limits: limitOptions.limits)
            let scenario = try set.scenario(variant: scenarioChoice.variant, overrides: try scenarioChoice.overrides())
            guard scenario.uncertainty != nil else {
                throw InputError(
                    file: file,
                    message:
                        "no 'uncertainty:' section: every future would be the arrivals as written (add one; see docs/risk.md)"
                )
            }
            return (scenario, set.document)
        } catch {
            DiagnosticPrinter.print(error, reading: file, as: .plan)
            throw ExitCode(2)
        }
    }

    func mergeParts() throws -> RiskResult {
        do {
            var parts: [(path: String, part: RiskPart)] = []
            var problems: [Diagnostic] = []
            for path in merge {
                do throws(InputError) {
                    parts.append((path, try RiskPart.read(path: path)))
                } catch {
                    problems += error.diagnostics
                }
            }
            if !problems.isEmpty { throw InputError(problems) }
            return try RiskPart.merge(parts)
        } catch let error as InputError {
            DiagnosticPrinter.print(error)
            throw ExitCode(2)
        }
    }

    func writeFiles(
        _ dir: String, risk: RiskPlanner, scenario: Scenario, document: Document, futures: [Int], n: Int
    ) throws {
        let scenarios: [Scenario]
        do { scenarios = try risk.scenarios(scenario, futures: futures) } catch {
            DiagnosticPrinter.print(error)
            throw ExitCode(2)
        }
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for (f, s) in zip(futures, scenarios) {
                let header = [
                    "Future \(f) of \(n) of \(file ?? "") (seed \(risk.seed ?? Uncertainty.defaultSeed)), written by",
                    "iars risk --write-futures: the arrivals drawn from 'uncertainty:', the purchase (if any)",
                    "bought; 'uncertainty', 'buy' and 'variants' left out. 'iars plan' replays it.",
                ]
                let text = FutureFile.text(document: document, future: s, header: header)
                try AtomicFile.write(Data(text.utf8), to: (dir as NSString).appendingPathComponent(FutureFile.name(f)))
            }
        } catch {
            DiagnosticPrinter.fail("\(error)")
            throw ExitCode(2)
        }
    }

    func write(_ result: RiskResult) throws {
        let text: String
        switch format {
        case .table: text = RiskTable.render(result)
        case .json: text = RiskJSON.render(result)
        case .csv: text = RiskCSV.render(result)
        }
        do {
            try html.write { RiskHTML.render(result) }
        } catch {
            DiagnosticPrinter.fail("\(error)")
            throw ExitCode(2)
        }
        try writeText(text)
    }

    func writeText(_ text: String) throws {
        do { try Output(path: output).write(text) } catch {
            DiagnosticPrinter.fail("\(error)")
            throw ExitCode(2)
        }
    }
}
