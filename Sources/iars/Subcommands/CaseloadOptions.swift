import ArgumentParser
import Foundation
import IARSCore

/// `--caseload FILE --as-of DATE [--spent AMOUNT]`: plan from the cases in shelter
/// on a date instead of the scenario's `initial` (docs/caseload-plan.md).
struct CaseloadOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Plan from the cases in shelter in this caseload CSV (docs/schedule-format.md) instead of the scenario's initial (overrides the file's caseload:); needs --as-of or as_of:.",
            valueName: "file"))
    var caseload: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The date of the caseload (overrides as_of:): the plan starts in its month and runs to the scenario's end.",
            valueName: "yyyy-mm-dd"))
    var asOf: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Already spent: taken off budget.total (with a caseload; overrides spent:).", valueName: "amount"))
    var spent: Double?

    func validate() throws {
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

    /// The base and every variant of each set started from the caseload (`compare`), which
    /// is read once per set, against its base; prints every problem (each once) and exits 2
    /// on bad input.
    func apply(to sets: [ScenarioSet], limits: ReaderLimits) throws -> [ScenarioSet] {
        var out = sets
        var problems: [Diagnostic] = []
        for i in out.indices {
            do {
                guard let start = try start(for: out[i].base, file: out[i].file, limits: limits) else { continue }
                out[i].base = try out[i].base.starting(from: start, file: out[i].file)
                for v in out[i].variants.indices {
                    do {
                        out[i].variants[v].scenario = try out[i].variants[v].scenario.starting(
                            from: start, file: out[i].file)
                    } catch {
                        for d in error.diagnostics where !problems.contains(d) { problems.append(d) }
                    }
                }
            } catch {
                for d in error.diagnostics where !problems.contains(d) { problems.append(d) }
            }
        }
        if !problems.isEmpty {
            DiagnosticPrinter.print(InputError(problems))
            throw ExitCode(2)
        }
        return out
    }

    /// The caseload read and checked against `scenario` (`nil` without `--caseload` or the
    /// file's `caseload:`). The flags override the file's keys one by one.
    func start(for scenario: Scenario, file: String, limits: ReaderLimits) throws(InputError) -> CaseloadStart? {
        try CaseloadStart.resolve(
            scenario: scenario, file: file, caseload: caseload, asOf: asOf.flatMap { CalendarDate($0) }, spent: spent,
            limits: limits)
    }

    /// `scenario` started from the caseload (unchanged without `--caseload`).
    func started(_ scenario: Scenario, file: String, limits: ReaderLimits) throws(InputError) -> Scenario {
        guard let start = try start(for: scenario, file: file, limits: limits) else { return scenario }
        return try scenario.starting(from: start, file: file)
    }

    /// The start from the caseload for every point of a sweep (`nil` without `--caseload`):
    /// the caseload is read once, against `scenario` (the sweep's scenario without its axes).
    func prepare(for scenario: Scenario, file: String, limits: ReaderLimits) throws(InputError) -> Sweeper.Prepare? {
        guard let start = try start(for: scenario, file: file, limits: limits) else { return nil }
        return { scenario throws(InputError) in try scenario.starting(from: start, file: file) }
    }
}
