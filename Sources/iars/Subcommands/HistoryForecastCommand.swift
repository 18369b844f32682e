import ArgumentParser
import Foundation
import IARSHistory
import IARSReport

/// `iars history forecast`: the weekly loop's plans against what happened, per office
/// and month (``HistoryForecast``; docs/batch.md, "Forecasts against actuals").
struct HistoryForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Plans against actuals: per office of the weekly loop and month, the caseload's counts beside "
            + "what earlier runs' plans forecast, and how far off they were.",
        discussion: """
            An office is a scenario with caseload: run by iars batch (docs/batch.md, "The weekly loop"). A \
            month's actual is the caseload of the office's last run in that month; every earlier run whose \
            plan covers the month made a forecast of it: in shelter (against the plan's in_shelter) and ready \
            (against the plan's waiting: ready but still in shelter). Error = forecast - actual.
            """
    )

    @OptionGroup var options: HistoryOptions

    @Option(name: .long, help: "Only this office (its input's name, or its scenario's name).")
    var scenario: String?

    @Option(name: .long, help: "Write an HTML page with a chart of plan against actual per office to this file.")
    var html: String?

    func run() throws {
        let store = try options.open()
        let report = HistoryForecast.report(try store.runs(scenario: scenario))
        if let html {
            try HTMLReportOption.writePage(ForecastHTML.render(report, database: store.path), to: html)
            print("\(html): \(report.offices.count) office\(report.offices.count == 1 ? "" : "s")")
            return
        }
        switch options.format {
        case .table: print(ForecastText.table(report), terminator: "")
        case .json: print(ForecastText.json(report).serialized(), terminator: "")
        }
    }
}
