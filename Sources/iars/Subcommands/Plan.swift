import ArgumentParser
import Foundation
import IARSCore
import IARSReport

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// Where and how a command writes its result: `--format` and `--output`.
struct ResultOutput: ParsableArguments {
    @Option(name: .long, help: "Output format: table (for a person), json or csv.")
    var format: OutputFormat = .table

    @Option(name: [.short, .long], help: "Write to this file (atomically) instead of standard output.")
    var output: String?
}

/// Options shared by commands that write a result with solve times.
struct OutputOptions: ParsableArguments {
    @OptionGroup var result: ResultOutput
    var format: OutputFormat { result.format }
    var output: String? { result.output }

    @Flag(
        inversion: .prefixedNo,
        help: "Include solve times (default: only in a table on a terminal, so files are byte-identical across runs).")
    var timings: Bool?
}

/// GLPK's search settings for the integer levels (hidden: for experiments and benchmarks).
struct SearchFlags: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "GLPK cut generators for the integer levels: all, none, or a comma list of gomory, mir, cover, clique.",
            visibility: .hidden))
    var cuts: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "GLPK branching rule of every search: first-fractional, last-fractional, most-fractional, driebeck-tomlin, pseudo-cost (default: driebeck-tomlin, and pseudo-cost in each level's last branch-and-cut).",
            visibility: .hidden))
    var branching: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "GLPK backtracking rule: depth-first, breadth-first, best-local, best-projection.", visibility: .hidden))
    var backtracking: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "GLPK heuristics: none or a comma list of fp (feasibility pump), ps (proximity search), sr (simple rounding).",
            visibility: .hidden))
    var heuristics: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Tighten bounds and coefficients before each branch-and-cut: on (default) or off.",
            visibility: .hidden))
    var strengthening: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Tighten the integer columns' bounds by reduced costs at each node of a level's last branch-and-cut, against the incumbent less one unit: on (default) or off.",
            visibility: .hidden))
    var reducedCosts: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Integer plans under a time limit with more model columns than this start from a plan made by time windows (default \(PlanTable.grouped(Int64(SolvePolicy.default.windowsAboveColumns)))).",
            visibility: .hidden))
    var windowsAbove: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "About how many model columns one time window plans (default \(PlanTable.grouped(Int64(SolvePolicy.default.windowColumns)))).",
            visibility: .hidden))
    var windowColumns: Int?

    /// The flags given, by name (recorded with a batch run).
    var given: [String: String] {
        var flags: [String: String] = [:]
        for (k, v) in [
            ("cuts", cuts), ("branching", branching), ("backtracking", backtracking), ("heuristics", heuristics),
            ("strengthening", strengthening), ("reduced-costs", reducedCosts),
            ("windows-above", windowsAbove.map(String.init)), ("window-columns", windowColumns.map(String.init)),
        ] {
            if let v { flags[k] = v }
        }
        return flags
    }

    func validate() throws {
        if let windowsAbove, windowsAbove < 0 {
            throw ValidationError("--windows-above: expected a count of columns, 0 or more; got \(windowsAbove).")
        }
        if let windowColumns, windowColumns < 1 {
            throw ValidationError("--window-columns: expected a count of columns, 1 or more; got \(windowColumns).")
        }
    }

    /// Sets the planner's search settings and time windows from these flags.
    func configure(_ planner: inout Planner) throws {
        planner.search = try apply(to: planner.search)
        if let windowsAbove { planner.policy.windowsAboveColumns = windowsAbove }
        if let windowColumns { planner.policy.windowColumns = windowColumns }
    }

    /// The search settings, from `base` and these flags.
    func apply(to base: SearchSettings) throws -> SearchSettings {
        var settings = base
        do {
            if let cuts { try settings.setCuts(cuts) }
            if let branching { try settings.setBranching(branching) }
            if let backtracking { try settings.setBacktracking(backtracking) }
            if let heuristics { try settings.setHeuristics(heuristics) }
            if let strengthening { try settings.setStrengthening(strengthening) }
            if let reducedCosts { try settings.setReducedCosts(reducedCosts) }
        } catch let invalid as SearchSettings.Invalid {
            throw ValidationError(invalid.description)
        }
        return settings
    }
}

/// The one check of `--suppress-below K`, shared by `plan` and `compare`.
func validateSuppressBelow(_ k: Int?) throws {
    if let k, k < 1 { throw ValidationError("--suppress-below must be a whole number of at least 1, got \(k).") }
}

/// `--time-limit`: a number of seconds greater than 0.
func validateTimeLimit(_ t: Double?) throws {
    if let t, !(t.isFinite && t > 0) {
        let shown = t.isFinite && t == t.rounded() && abs(t) < 1e15 ? String(Int64(t)) : "\(t)"
        throw ValidationError("--time-limit must be a number of seconds greater than 0, got \(shown).")
    }
}

/// `--effort`: a whole number of work units greater than 0.
func validateEffort(_ e: Int?) throws {
    if let e, e < 1 {
        throw ValidationError("--effort must be a whole number of work units greater than 0, got \(e).")
    }
}

/// The help of `--effort` on every command that solves, with the default budget.
let effortHelp = ArgumentHelp(
    "Stop the search after this many work units (simplex iterations and branch-and-cut nodes) and report the best "
        + "plan found: the same answer on every machine (default \(PlanTable.grouped(Int64(SolvePolicy.default.effort))); "
        + "overrides options.effort).",
    valueName: "units")

/// The help of `--time-limit`: a wall-clock safety net, not the budget.
let timeLimitHelp = ArgumentHelp(
    "A wall-clock safety net: stop the search after this many seconds and report the best plan found, "
        + "marked stopped_by: clock (may differ between runs; overrides options.time_limit_seconds). "
        + "--effort is the reproducible budget.",
    valueName: "seconds")

/// Options that steer the solver.
struct SolverOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: effortHelp)
    var effort: Int?

    @Option(name: .long, help: timeLimitHelp)
    var timeLimit: Double?

    @Flag(
        inversion: .prefixedNo,
        help:
            "A live progress line on standard error: stage, best plan so far, bound, gap, effort and time (default: on when standard error is a terminal)."
    )
    var progress: Bool?

    @Flag(name: .long, help: "Show GLPK's own log.")
    var verbose = false

    @OptionGroup var search: SearchFlags

    /// The planner's search settings, time windows and effort, from these options.
    func configure(_ planner: inout Planner) throws {
        planner.effort = effort
        try search.configure(&planner)
        planner.largePlanWithoutLimit = { columns in
            NoticeOnce.print(
                "note: this integer plan is large (\(PlanTable.grouped(Int64(columns))) columns): its search "
                    + "stops at the default effort (\(PlanTable.grouped(Int64(SolvePolicy.default.effort))) work units, a few "
                    + "minutes) with the best plan found and its gap to the proven bound; --effort N gives it more or less "
                    + "(docs/formulation.md, \"Effort: the same answer on every machine\").")
        }
    }

    func validate() throws {
        try validateEffort(effort)
        try validateTimeLimit(timeLimit)
    }

    /// The progress line of this run (off unless standard error is a terminal or `--progress`).
    func progressLine(_ prefix: String) -> ProgressLine {
        ProgressLine(mode: ProgressLine.mode(progress), prefix: prefix)
    }
}

struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract:
            "Plan a scenario: admissions, returns, departures and cost per month, optimal lexicographically (unmet, waiting, cost).",
        discussion: "Exit status: 0 a plan was found, 1 infeasible or a time limit without a plan, 2 bad input."
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var file: String

    @OptionGroup var scenarioChoice: ScenarioChoice
    @OptionGroup var caseloadOptions: CaseloadOptions
    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var solverOptions: SolverOptions
    @OptionGroup var reportOptions: PlanReportOptions
    @OptionGroup var limitOptions: LimitOptions
    @OptionGroup var minimumOption: MinimumOption

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Show per-group and per-country counts above 0 and below K as <K, for reports shared outside the programme (totals stay true; docs/suppression.md).",
            valueName: "K"))
    var suppressBelow: Int?

    func validate() throws {
        try validateSuppressBelow(suppressBelow)
        if suppressBelow != nil && (reportOptions.html != nil || reportOptions.explain) {
            throw ValidationError(
                "--suppress-below does not apply to --html or --explain yet; write the shared report as a table, JSON or CSV."
            )
        }
    }

    func run() throws {
        try reportOptions.checkFormat(outputOptions.format)
        try minimumOption.checkFormat(outputOptions.format)
        let suppression = suppressBelow.map { Suppression(threshold: $0) }
        let clock = ContinuousClock()
        let parseStart = clock.now
        let (loaded, warnings) = try scenarioChoice.loadChecked(file, limits: limitOptions.limits)
        var scenario = try caseloadOptions.apply(to: loaded, file: file, limits: limitOptions.limits)
        let target = try minimumOption.target(in: scenario)
        DiagnosticPrinter.warn(warnings)
        let parseSeconds = (clock.now - parseStart).inSeconds
        var planner = Planner(timeLimit: solverOptions.timeLimit, verbose: solverOptions.verbose)
        try solverOptions.configure(&planner)
        let progress = solverOptions.progressLine("plan \(scenario.name)")
        planner.trace = progress.trace
        var minimum: MinimumResult? = nil
        var result: PlanResult
        if let target {
            // (the plan at the least amount: its scenario is the one every report below shows)
            let found = try progress.solving(status: { ProgressText.status($0.plan) }) {
                try planner.minimum(scenario, target: target)
            }
            (minimum, result, scenario) = (found, found.plan, found.scenario)
        } else {
            result = try progress.solving(status: ProgressText.status) { try planner.plan(scenario) }
        }
        result.timing.parse = parseSeconds
        var explanation: PlanExplanation? = nil
        if reportOptions.explain && StopRequest.isRequested {
            StandardError.write("iars: --explain skipped: the search was interrupted\n")
        } else {
            explanation = try reportOptions.explanation(
                scenario, result, search: planner.search,
                timeLimit: solverOptions.timeLimit)
        }
        let outputStart = clock.now
        let out = Output(path: outputOptions.output)
        let timings = outputOptions.timings ?? (outputOptions.format == .table && out.isTerminal)
        var text: String
        switch outputOptions.format {
        case .table:
            text = PlanTable.render(result, scenario: scenario, timings: timings, suppression: suppression)
            if let minimum { text = MinimumReport.text(minimum, currency: scenario.currency) + text }
            if let explanation { text += Self.withWarnings(PlanExplainReport.renderText(explanation), warnings) }
        case .json:
            var value = PlanJSON.value(result, timings: timings, suppression: suppression)
            if !warnings.isEmpty { value = PlanJSON.attach(warnings, to: value) }
            if let minimum { value = MinimumReport.attach(minimum, to: value) }
            text = (explanation.map { PlanExplainReport.attach($0, to: value) } ?? value).serialized()
        case .csv: text = PlanCSV.render(result, suppression: suppression)
        }
        do {
            try reportOptions.writeHTML(result, scenario: scenario, explanation: explanation)
            try out.write(text)
        } catch {
            DiagnosticPrinter.fail("\(error)")
            throw ExitCode(2)
        }
        // (A table on the terminal says it itself; like the reasons for no plan below.)
        if outputOptions.format != .table || outputOptions.output != nil,
            let e = result.endOfHorizon, let warning = PlanTable.uncoveredReturnWarning(e, scenario: scenario)
        {
            NoticeOnce.print(warning)
        }
        if outputOptions.timings == true {
            result.timing.output = (clock.now - outputStart).inSeconds
            TimingLine.print(result.timing)
        }
        if !result.hasPlan {
            if outputOptions.format != .table || outputOptions.output != nil {
                for reason in result.reasons { StandardError.write("iars: \(reason.message)\n") }
                if result.status == .timeLimit {
                    StandardError.write("iars: \(noPlanText(result.stoppedBy))\n")
                }
            }
            throw ExitCode(1)
        }
    }
}

extension Plan {
    /// The explanation's text with the set-up warnings listed first, under its heading:
    /// a group with no way home explains its unmet cases before any capacity does.
    static func withWarnings(_ explanation: String, _ warnings: [SetupWarning]) -> String {
        guard !warnings.isEmpty, let end = explanation.dropFirst().firstIndex(of: "\n") else { return explanation }
        let head = explanation[...end]
        var list = "Set-up mistakes first (fix these before adding capacity):\n"
        for w in warnings { list += "  - \(w.path) (\(w.id)): \(w.message)\n" }
        return head + list + explanation[explanation.index(after: end)...]
    }
}

/// `--timings`: the split of the run's wall time, on standard error (for benchmarks).
enum TimingLine {
    static func print(_ t: PlanResult.Timing) {
        func f(_ v: Double) -> String { String(format: "%.4f", v) }
        let levels = t.levels.map(f).joined(separator: "/")
        let line =
            "iars: seconds: parse \(f(t.parse)), build \(f(t.build)), levels \(levels.isEmpty ? "-" : levels), "
            + "solver \(f(t.solver)), extract \(f(t.extract)), output \(f(t.output)), total \(f(t.total))"
            + (t.firstPlan > 0 ? ", first plan \(f(t.firstPlan))\n" : "\n")
        StandardError.write(line)
    }
}

/// Notes on standard error, each at most once per run (a sweep or a
/// comparison plans many variants of one scenario).
final class NoticeOnce: @unchecked Sendable {
    private static let shared = NoticeOnce()
    private let lock = NSLock()
    private var printed: Set<String> = []

    @Sendable static func print(_ text: String) {
        shared.lock.lock()
        let first = shared.printed.insert(text).inserted
        shared.lock.unlock()
        if first { StandardError.write("iars: \(text)\n") }
    }
}
