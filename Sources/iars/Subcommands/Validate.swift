import ArgumentParser
import Foundation
import IARSCore

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario file and list every problem with its line and key.",
        discussion: "Exit status: 0 valid, 2 problems found."
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var file: String

    @OptionGroup var limitOptions: LimitOptions

    func run() throws {
        do {
            let set = try ScenarioLoader.loadSet(path: file, limits: limitOptions.limits)
            let scenario = set.base
            let variants =
                set.variants.isEmpty
                ? ""
                : "; " + counted(set.variants.count, "variant") + ": \(set.variantNames.joined(separator: ", "))"
            let caseload = try checkCaseload(scenario)
            let warnings = SetupCheck.warnings(scenario, document: set.document)
            DiagnosticPrinter.warn(warnings)
            print(
                "\(file): valid: scenario \(scenario.name), " + counted(scenario.months, "month")
                    + " from \(scenario.start), "
                    + counted(scenario.groups.count, "group") + ", " + counted(scenario.shelters.count, "shelter")
                    + ", "
                    + counted(scenario.medical.count, "screening provider") + ", "
                    + counted(scenario.routes.count, "route") + ", "
                    + counted(scenario.partners.count, "partner")
                    + (scenario.services.isEmpty ? "" : ", " + counted(scenario.services.count, "service")) + variants
                    + caseload
                    + (warnings.isEmpty ? "" : "; " + counted(warnings.count, "warning") + " (on standard error)"))
        } catch {
            DiagnosticPrinter.print(error, reading: file, as: .plan)
            throw ExitCode(2)
        }
    }

    /// An office's scenario (`caseload:`) is checked with its caseload, as the weekly job
    /// reads it (every row against the groups and shelters): `; caseload FILE: N cases`.
    /// Without `as_of:` the cases are placed as of the scenario's first day.
    func checkCaseload(_ scenario: Scenario) throws(InputError) -> String {
        guard let keys = scenario.caseloadKeys else { return "" }
        let first = CalendarDate(year: scenario.start.year, month: scenario.start.month, day: 1)
        guard
            let start = try CaseloadStart.resolve(
                scenario: scenario, file: file, caseload: nil, asOf: nil, spent: nil, runDate: first,
                limits: limitOptions.limits)
        else { return "" }
        _ = try scenario.starting(from: start, file: file)
        return "; caseload \(keys.caseload): " + counted(start.cases.count, "case")
    }
}
