import ArgumentParser
import Foundation
import IARSCore
import IARSReport

struct Schedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract:
            "Assign the cases in shelter to dated departures, optimal lexicographically (unassigned, waiting days, cost).",
        discussion: """
            FILE is a schedule (YAML or JSON): the scenario it uses, the departures and the escort rule; \
            the caseload is a CSV of pseudonymous cases (see docs/schedule-format.md). Output files hold \
            case ids and are created readable by their owner only.

            Exit status: 0 a schedule was found, 1 a time limit without a schedule, 2 bad input.
            """
    )

    @Argument(help: "The schedule file (YAML or JSON).")
    var file: String

    @Option(name: .long, help: "The caseload CSV (replaces `cases:` of the schedule file).")
    var cases: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Schedule from this date on: departures before it have left and are dropped (as iars batch does for an office).",
            valueName: "yyyy-mm-dd"))
    var asOf: String?

    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var solverOptions: SolverOptions
    @OptionGroup var limitOptions: LimitOptions

    func validate() throws {
        if let asOf, CalendarDate(asOf) == nil {
            throw ValidationError("--as-of: expected a date YYYY-MM-DD, got '\(asOf)'.")
        }
    }

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let schedule: IARSCore.Schedule
        do {
            let loaded = try ScheduleLoader.load(path: file, cases: cases, limits: limitOptions.limits)
            schedule = asOf.flatMap { CalendarDate($0) }.map { loaded.from($0) } ?? loaded
        } catch {
            DiagnosticPrinter.print(error, reading: file, as: .schedule)
            throw ExitCode(2)
        }
        let load = clock.now - started
        var scheduler = Scheduler(timeLimit: solverOptions.timeLimit, verbose: solverOptions.verbose)
        scheduler.effort = solverOptions.effort
        let progress = solverOptions.progressLine("schedule \(schedule.scenario.name)")
        scheduler.trace = progress.trace
        var result = try progress.solving(
            signals: { StopSignals.install { StandardError.write("iars: \(StopSignals.scheduleMessage)\n") } },
            status: ProgressText.status
        ) { try scheduler.schedule(schedule) }
        result.timing.load = load.inSeconds

        let out = Output(path: outputOptions.output)
        let timings = outputOptions.timings ?? (outputOptions.format == .table && out.isTerminal)
        let text: String
        switch outputOptions.format {
        case .table: text = ScheduleTable.render(result, schedule: schedule, timings: timings)
        case .json: text = ScheduleJSON.render(result, timings: timings)
        case .csv: text = ScheduleCSV.render(result, schedule: schedule)
        }
        do {
            // Case ids are sensitive: readable by the owner only.
            try out.write(text, permissions: 0o600)
        } catch {
            DiagnosticPrinter.fail("\(error)")
            throw ExitCode(2)
        }
        if !result.hasSchedule {
            if outputOptions.format != .table || outputOptions.output != nil {
                StandardError.write("iars: \(noPlanText(result.stoppedBy, what: "schedule"))\n")
            }
            throw ExitCode(1)
        }
    }
}
