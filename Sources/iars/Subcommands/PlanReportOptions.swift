import ArgumentParser
import Foundation
import IARSCore
import IARSReport

/// `iars plan --explain` and `--html FILE` (docs/explain.md, docs/html-report.md).
struct PlanReportOptions: ParsableArguments {
    @Flag(
        name: .long,
        help:
            "Explain why the plan falls short: the capacities that are full, and what one more unit of each is worth (from the LP duals), most valuable first."
    )
    var explain = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --explain on an integer plan: how many of the most valuable items are planned again with one more whole unit (default 5; 0: none)."
        ))
    var explainChecks: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write a self-contained HTML report with charts to this file (atomically).", valueName: "file"))
    var html: String?

    /// `--explain` writes sentences (table) or an `explain` section (json); CSV has no place for it.
    func checkFormat(_ format: OutputFormat) throws {
        if explain && format == .csv {
            DiagnosticPrinter.fail(
                "--explain needs --format table or json (CSV has no place for sentences); "
                    + "run it again with --format json, or without --explain.")
            throw ExitCode(2)
        }
    }

    /// The explanation when `--explain` is given and a plan exists.
    /// `timeLimit` (from `--time-limit`) also bounds the whole-unit plans: together, what the
    /// plan left of it. Their effort is a multiple of the plan's (``PlanExplainer``).
    func explanation(
        _ scenario: Scenario, _ result: PlanResult, search: SearchSettings,
        timeLimit: Double?
    ) throws -> PlanExplanation? {
        guard explain, result.hasPlan else { return nil }
        var explainer = PlanExplainer()
        explainer.search = search
        // (what the plan left of the limit, shared by the checks)
        if let timeLimit { explainer.wholeUnitTimeLimit = max(0, timeLimit - result.timing.total) }
        if let explainChecks { explainer.wholeUnitChecks = explainChecks }
        return try explainer.explain(scenario, result: result)
    }

    /// Writes the HTML report when `--html` is given.
    func writeHTML(_ result: PlanResult, scenario: Scenario, explanation: PlanExplanation?) throws {
        guard let html else { return }
        let text = PlanHTML.render(result, scenario: scenario, explanation: explanation)
        try AtomicFile.write(Data(text.utf8), to: html)
    }

    func validate() throws {
        if let html, html.isEmpty { throw ValidationError("--html needs a file name.") }
        if let n = explainChecks, n < 0 { throw ValidationError("--explain-checks must be 0 or more, got \(n).") }
    }
}
