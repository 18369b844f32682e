import ArgumentParser
import Foundation
import IARSCore

/// `--variant NAME`, `--set PATH=VALUE`, `--scale PATH=FACTOR`: which scenario of
/// a file to plan, with changes on top (docs/variants.md).
struct ScenarioChoice: ParsableArguments {
    @Option(name: .long, help: "Plan this variant of the file (see the file's 'variants:' list).")
    var variant: String?

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Change a value: PATH=VALUE, e.g. shelters.tirana.beds=30, budget.total=25000, groups.*.priority=1 (repeatable).",
            valueName: "path=value"))
    var sets: [String] = []

    @Option(
        name: .customLong("scale"),
        help: ArgumentHelp(
            "Multiply a number (or every month of a series): PATH=FACTOR, e.g. groups.ua-women.arrivals=1.5; counts round half up (repeatable).",
            valueName: "path=factor"))
    var scales: [String] = []

    /// The overrides, in the order given (`--set` first, then `--scale`).
    func overrides() throws(InputError) -> [ScenarioOverride] {
        var out: [ScenarioOverride] = []
        var problems: [Diagnostic] = []
        for (texts, scale) in [(sets, false), (scales, true)] {
            for text in texts {
                do { out.append(try ScenarioOverride.parse(text, scale: scale)) } catch {
                    problems += error.diagnostics
                }
            }
        }
        if !problems.isEmpty { throw InputError(problems) }
        return out
    }

    /// Reads `file` and picks the scenario; prints every problem and exits 2 on bad input.
    func load(_ file: String, limits: ReaderLimits = .init()) throws -> Scenario {
        try loadChecked(file, limits: limits).scenario
    }

    /// ``load(_:limits:)`` with the scenario's set-up warnings (``SetupCheck``), not printed.
    func loadChecked(_ file: String, limits: ReaderLimits = .init()) throws -> (
        scenario: Scenario, warnings: [SetupWarning]
    ) {
        do {
            let set = try ScenarioLoader.loadSet(path: file, limits: limits)
            let scenario = try set.scenario(variant: variant, overrides: try overrides())
            return (scenario, SetupCheck.warnings(scenario, document: set.document))
        } catch {
            DiagnosticPrinter.print(error, reading: file, as: .plan)
            throw ExitCode(2)
        }
    }
}
