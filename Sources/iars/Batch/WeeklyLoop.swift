import Foundation
import IARSCore
import IARSHistory

/// The dates of a batch's weekly loop: `--as-of`, and the run's date (today, UTC) for
/// files that give none.
struct WeeklyDates: Sendable {
    var flag: CalendarDate?
    var today: CalendarDate

    /// Today's date in UTC: the as-of date of an office whose scenario has no `as_of:`
    /// when the batch has no `--as-of` (tests always pass `--as-of`).
    static func today() -> CalendarDate {
        CalendarDate(dayNumber: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}

/// The weekly loop of `iars batch` (docs/batch.md, "The weekly loop"): an office's
/// scenario names its caseload (`caseload:`), so the batch plans it from the cases in
/// shelter on the as-of date (`--as-of`, else the file's `as_of:`, else the run's date),
/// and schedules the office's schedule file (whose scenario has `caseload:`) from that
/// date on: departures before it have left.
enum WeeklyLoop {
    /// `jobs` (of one input) with the weekly loop applied: plans started from the caseload
    /// (read once per input), schedules cut to the coming departures, and the as-of date in
    /// the input hash, so that a new week is a new run even when no file changed.
    static func prepare(_ jobs: [BatchJob], dates: WeeklyDates) -> [BatchJob] {
        var started: Result<CaseloadStart?, InputError>?
        return jobs.map { job in
            switch job.work {
            case .plan(let scenario) where scenario.caseloadKeys != nil:
                if started == nil {
                    started = Result { () throws(InputError) in
                        try CaseloadStart.resolve(
                            scenario: scenario, file: job.input.path, caseload: nil, asOf: dates.flag, spent: nil,
                            runDate: dates.today)
                    }
                }
                return plan(job, scenario, started!)
            case .schedule(let schedule) where schedule.scenario.caseloadKeys != nil:
                return self.schedule(job, schedule, dates: dates)
            default:
                return job
            }
        }
    }

    /// A plan job started from the caseload (or invalid, with the caseload's problems).
    private static func plan(_ job: BatchJob, _ scenario: Scenario, _ start: Result<CaseloadStart?, InputError>)
        -> BatchJob
    {
        var out = job
        let casesFile = scenario.caseloadKeys?.caseload ?? ""
        do {
            guard let start = try start.get() else { return job }
            out.work = .plan(try scenario.starting(from: start, file: job.input.path))
            out.asOf = start.asOf
            out.actuals = actuals(start, groups: scenario.groups.map(\.id))
            out.inputHash = BatchJob.hash([job.input.path, casesFile], extra: ["as_of:\(start.asOf)"])
        } catch {
            out.work = .invalid(error)
            out.inputHash = BatchJob.hash([job.input.path, casesFile])
        }
        return out
    }

    /// A schedule job from the as-of date on: the departures before it are dropped.
    private static func schedule(_ job: BatchJob, _ schedule: IARSCore.Schedule, dates: WeeklyDates) -> BatchJob {
        let asOf = dates.flag ?? schedule.scenario.caseloadKeys?.asOf ?? dates.today
        var out = job
        out.work = .schedule(schedule.from(asOf))
        out.asOf = asOf
        out.inputHash = BatchJob.hash(
            [schedule.file, schedule.scenarioFile, schedule.casesFile], extra: ["as_of:\(asOf)"])
        return out
    }

    /// The cases of `start` counted per group (every group of the scenario, in its order):
    /// in shelter, ready on the as-of date, not ready yet.
    static func actuals(_ start: CaseloadStart, groups: [String]) -> [GroupActual] {
        groups.map { g in
            let cases = start.cases.filter { $0.group == g }
            let ready = cases.filter { $0.readyDate <= start.asOf }.count
            return GroupActual(group: g, inShelter: cases.count, ready: ready, waiting: cases.count - ready)
        }
    }
}
