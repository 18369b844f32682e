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
            let variants = set.variants.isEmpty ? ""
                : "; \(set.variants.count) variant\(set.variants.count == 1 ? "" : "s"): \(set.variantNames.joined(separator: ", "))"
            print("\(file): valid: scenario \(scenario.name), \(scenario.months) months from \(scenario.start), "
                  + "\(scenario.groups.count) groups, \(scenario.shelters.count) shelters, "
                  + "\(scenario.medical.count) screening providers, \(scenario.routes.count) routes, "
                  + "\(scenario.partners.count) partners" + variants)
        } catch {
            DiagnosticPrinter.print(error)
            throw ExitCode(2)
        }
    }
}
