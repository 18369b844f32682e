import ArgumentParser
import Foundation
import IARSCore

/// `--caseload FILE --as-of DATE [--spent AMOUNT]`: plan from the cases in shelter
/// on a date instead of the scenario's `initial` (docs/caseload-plan.md).
struct CaseloadOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Plan from the cases in shelter in this caseload CSV (docs/schedule-format.md) instead of the scenario's initial; needs --as-of.",
            valueName: "file"))
    var caseload: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The date of the caseload: the plan starts in its month and runs to the scenario's end.",
            valueName: "yyyy-mm-dd"))
    var asOf: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Already spent: taken off budget.total (with --caseload).", valueName: "amount"))
    var spent: Double?

    func validate() throws {
        if caseload != nil && asOf == nil {
            throw ValidationError("--caseload needs --as-of YYYY-MM-DD (the date of the caseload).")
        }
        if caseload == nil && (asOf != nil || spent != nil) {
            throw ValidationError("--as-of and --spent apply only with --caseload FILE.")
        }
        if let asOf, CalendarDate(asOf) == nil {
            throw ValidationError("--as-of: expected a date YYYY-MM-DD, got '\(asOf)'.")
        }
    }

    /// `scenario` (read from `file`) started from the caseload, or unchanged without
    /// `--caseload`; prints every problem and exits 2 on bad input.
    func apply(to scenario: Scenario, file: String, limits: ReaderLimits) throws -> Scenario {
        do {
            return try started(scenario, file: file, limits: limits)
        } catch {
            DiagnosticPrinter.print(error)
            throw ExitCode(2)
        }
    }

    /// The base and every variant of each set started from the caseload (`compare`);
    /// prints every problem (each once) and exits 2 on bad input.
    func apply(to sets: [ScenarioSet], limits: ReaderLimits) throws -> [ScenarioSet] {
        guard caseload != nil else { return sets }
        var out = sets
        var problems: [Diagnostic] = []
        func start(_ scenario: inout Scenario, file: String) {
            do { scenario = try started(scenario, file: file, limits: limits) } catch {
                for d in error.diagnostics where !problems.contains(d) { problems.append(d) }
            }
        }
        for i in out.indices {
            start(&out[i].base, file: out[i].file)
            for v in out[i].variants.indices { start(&out[i].variants[v].scenario, file: out[i].file) }
        }
        if !problems.isEmpty {
            DiagnosticPrinter.print(InputError(problems))
            throw ExitCode(2)
        }
        return out
    }

    /// `scenario` started from the caseload (unchanged without `--caseload`).
    func started(_ scenario: Scenario, file: String, limits: ReaderLimits) throws(InputError) -> Scenario {
        guard let caseload, let asOf = asOf.flatMap({ CalendarDate($0) }) else { return scenario }
        let read = CaseloadReader.read(path: caseload, scenario: scenario, limits: limits)
        if !read.diagnostics.isEmpty { throw InputError(read.diagnostics) }
        let start = CaseloadStart(asOf: asOf, cases: read.cases, casesFile: caseload, spent: spent)
        return try scenario.starting(from: start, file: file)
    }

    /// The start from the caseload for every point of a sweep (`nil` without `--caseload`):
    /// the caseload is read once, against `scenario` (the sweep's scenario without its axes).
    func prepare(for scenario: Scenario, file: String, limits: ReaderLimits) throws(InputError) -> Sweeper.Prepare? {
        guard let caseload, let asOf = asOf.flatMap({ CalendarDate($0) }) else { return nil }
        let read = CaseloadReader.read(path: caseload, scenario: scenario, limits: limits)
        if !read.diagnostics.isEmpty { throw InputError(read.diagnostics) }
        let start = CaseloadStart(asOf: asOf, cases: read.cases, casesFile: caseload, spent: spent)
        return { scenario throws(InputError) in try scenario.starting(from: start, file: file) }
    }
}
