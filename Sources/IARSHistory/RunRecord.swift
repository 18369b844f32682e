import Foundation

/// One job of one batch run, as kept in the history: which input, with which
/// options, what came out, how long it took and which tool wrote it.
///
/// For a plan, `unmet`, `waiting` and `cost` are the plan's objective values
/// (spec/capacity-plan.md) and `months` holds the key figures per month. For a
/// schedule, `unmet` is the number of unassigned cases, `waiting` the waiting
/// days and `cost` the schedule's cost; `months` is empty.
public struct RunRecord: Sendable, Equatable, Codable {
    /// Unique across every history database: `BATCH/INPUT#JOB`. Import skips ids it already holds.
    public var runID: String
    /// The batch run that made this record (`YYYYMMDD-HHMMSS-xxxx`, UTC).
    public var batchID: String
    /// The batch's `--label`, if any (e.g. `2026-W48`; shards of one week share it).
    public var label: String?
    /// The input as the batch names it (relative to the folder it was found in).
    public var input: String
    /// "" for the input itself; a variant's name for a variant.
    public var job: String
    /// "plan" or "schedule".
    public var kind: String
    /// The scenario's `name:` (the file's stem when it could not be read).
    public var scenario: String
    /// SHA-256 of the bytes of every file the job reads.
    public var inputHash: String
    /// SHA-256 of `options`.
    public var optionsHash: String
    /// The options that shape the result, as canonical JSON.
    public var options: String
    /// optimal, feasible, infeasible, time-limit, invalid or error.
    public var status: String
    public var unmet: Double?
    public var waiting: Double?
    public var cost: Double?
    /// For a plan the search stopped (`feasible`, `time-limit`): the relative gap of the level
    /// that stopped (nil: unknown, or a run recorded before iars kept it), the level, and
    /// what stopped it (`effort`, `clock`, `interrupt`).
    public var gap: Double?
    public var stoppedLevel: String?
    public var stoppedBy: String?
    /// Wall-clock seconds spent on the job (loading, solving, writing).
    public var seconds: Double
    public var toolVersion: String
    public var startedAt: Date
    public var finishedAt: Date
    /// The output file, relative to the output folder (nil when none was written).
    public var output: String?
    /// The first diagnostics or the reasons for no plan, one per line.
    public var message: String?
    public var months: [MonthMetrics]
    /// For a run of the weekly loop (a plan started from its caseload, or an office's
    /// schedule): the caseload's date, `YYYY-MM-DD` (schema 3; nil otherwise).
    public var asOf: String? = nil
    /// For a schedule: its `left_behind_days` (schema 3; nil for plans and older runs).
    public var leftBehindDays: Double? = nil
    /// For a plan started from its caseload: the caseload's counts per group on `asOf`,
    /// what the forecasts of earlier runs are held against (schema 3).
    public var actuals: [GroupActual] = []
    /// A plan's social services per month (``ServiceMonthMetrics``); nil without `services:`
    /// (and in records written before iars kept them).
    public var services: [ServiceMonthMetrics]? = nil

    public init(
        runID: String, batchID: String, label: String? = nil, input: String, job: String, kind: String,
        scenario: String, inputHash: String, optionsHash: String, options: String, status: String,
        unmet: Double? = nil, waiting: Double? = nil, cost: Double? = nil,
        gap: Double? = nil, stoppedLevel: String? = nil, stoppedBy: String? = nil, seconds: Double,
        toolVersion: String, startedAt: Date, finishedAt: Date, output: String? = nil,
        message: String? = nil, months: [MonthMetrics] = []
    ) {
        self.runID = runID
        self.batchID = batchID
        self.label = label
        self.input = input
        self.job = job
        self.kind = kind
        self.scenario = scenario
        self.inputHash = inputHash
        self.optionsHash = optionsHash
        self.options = options
        self.status = status
        self.unmet = unmet
        self.waiting = waiting
        self.cost = cost
        self.gap = gap
        self.stoppedLevel = stoppedLevel
        self.stoppedBy = stoppedBy
        self.seconds = seconds
        self.toolVersion = toolVersion
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.output = output
        self.message = message
        self.months = months
    }

    /// `optimal`, `feasible, gap 3.2%` (`gap unknown`), `invalid`, ...: the status for a table.
    /// A schedule has no gap: `feasible, stopped at waiting_days`.
    public var statusText: String {
        guard status == "feasible" else { return status }
        if kind == "schedule" { return stoppedLevel.map { "feasible, stopped at \($0)" } ?? "feasible" }
        guard let gap else { return "feasible, gap unknown" }
        let pct = gap * 100 < 9.95 ? String(format: "%.1f%%", gap * 100) : "\(Int((gap * 100).rounded()))%"
        return "feasible, gap \(pct)"
    }

    /// Whether the run's plan (or schedule) is proven optimal.
    public var proven: Bool { status == "optimal" }

    /// `INPUT` or `INPUT#JOB`: what a job is called in tables.
    public var displayName: String { job.isEmpty ? input : "\(input)#\(job)" }
}

/// The key figures of one planned month.
public struct MonthMetrics: Sendable, Equatable, Codable {
    public var month: String
    public var arrivals: Int
    public var admitted: Double
    public var unmet: Double
    public var returned: Double
    public var inShelter: Double
    public var waiting: Double
    public var occupancy: Double
    public var beds: Int
    public var cost: Double
    public var budget: Double?

    public init(
        month: String, arrivals: Int, admitted: Double, unmet: Double, returned: Double,
        inShelter: Double, waiting: Double, occupancy: Double, beds: Int, cost: Double, budget: Double?
    ) {
        self.month = month
        self.arrivals = arrivals
        self.admitted = admitted
        self.unmet = unmet
        self.returned = returned
        self.inShelter = inShelter
        self.waiting = waiting
        self.occupancy = occupancy
        self.beds = beds
        self.cost = cost
        self.budget = budget
    }
}

/// What the caseload of a run held for one group on its as-of date: the actual
/// counts `iars history forecast` holds earlier runs' plans against.
public struct GroupActual: Sendable, Equatable, Codable {
    public var group: String
    /// Cases in the caseload (all of them are in shelter).
    public var inShelter: Int
    /// Cases ready on the as-of date (`ready_date` on or before it): ready and still in
    /// shelter, what a plan's `waiting` forecasts.
    public var ready: Int
    /// Cases not ready yet: still waiting for documents or medical clearance.
    public var waiting: Int

    public init(group: String, inShelter: Int, ready: Int, waiting: Int) {
        self.group = group
        self.inShelter = inShelter
        self.ready = ready
        self.waiting = waiting
    }
}
