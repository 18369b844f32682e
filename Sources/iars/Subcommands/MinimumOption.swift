import ArgumentParser
import Foundation
import IARSCore
import IARSReport

/// `iars plan --minimum budget | beds:SHELTER | departures:ROUTE | slots:PARTNER`
/// (docs/minimum.md).
struct MinimumOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Find the least amount of one capacity (the same in every month; the total for the budget) with which "
                + "the plan reaches the unmet it reaches with that capacity unlimited, and plan at that amount.",
            valueName: "budget|beds:SHELTER|departures:ROUTE|slots:PARTNER"))
    var minimum: String?

    /// `--minimum` writes a table or JSON (CSV has one row per month, no place for the amount).
    func checkFormat(_ format: OutputFormat) throws {
        if minimum != nil && format == .csv {
            DiagnosticPrinter.fail(
                "--minimum needs --format table or json (the amount has no place in the plan's CSV); "
                    + "run it again with --format json, or without --minimum.")
            throw ExitCode(2)
        }
    }

    /// The capacity to size in `scenario`, or nil without `--minimum`; a bad one is printed
    /// (with a did-you-mean for an id) and ends the run with status 2.
    func target(in scenario: Scenario) throws -> CapacityTarget? {
        guard let minimum else { return nil }
        do throws(InputError) {
            let target = try CapacityTarget.parse(minimum)
            try target.check(in: scenario)
            return target
        } catch {
            DiagnosticPrinter.print(error)
            throw ExitCode(2)
        }
    }
}
