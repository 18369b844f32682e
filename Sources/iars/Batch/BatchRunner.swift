import Foundation
import IARSCore
import IARSHistory
import IARSReport

/// What a batch did with one job: the record it wrote (or, for a skipped job,
/// the record of the run it kept).
struct JobOutcome: Sendable {
    var record: RunRecord
    var skipped: Bool
}

/// The options that shape a job's result; their canonical JSON is stored with
/// each run and its hash decides, with the input hash, whether a job is skipped.
struct BatchSolveSettings: Sendable {
    var timeLimit: Double?
    /// `--effort`; nil for the default budget (``SolvePolicy/effort``), which is recorded.
    var effort: Int? = nil
    var search: SearchSettings
    /// Time windows for large integer plans (``SolvePolicy/windowsAboveColumns``, ``SolvePolicy/windowColumns``).
    var windowsAbove: Int? = nil
    var windowColumns: Int? = nil
    /// The raw search flags as given (cuts, branching, backtracking, heuristics, windows).
    var searchFlags: [String: String]

    func canonicalJSON(kind: BatchInputs.Kind) -> String {
        var pairs: [(String, JSONValue)] = [("kind", .string(kind.rawValue))]
        pairs.append(("effort", .int(effort ?? SolvePolicy.default.effort)))
        for key in searchFlags.keys.sorted() { pairs.append((key, .string(searchFlags[key]!))) }
        pairs.append(("time_limit", .num(timeLimit)))
        pairs.append(("version", .string(IARSVersion.string)))
        // one line: `{"kind":"plan",...}`
        return JSONValue.object(pairs).serialized().split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined()
            .replacingOccurrences(of: "\": ", with: "\":")
    }
}

/// Runs a batch's jobs on `jobs` threads. Each solve is created, solved and
/// deleted on its own thread (GLPK keeps its state per thread); each finished
/// job is written atomically and then recorded in the history in one
/// transaction, so a process killed at any moment leaves every recorded job's
/// output complete and no half file. `stop()` (SIGINT, SIGTERM) starts no new
/// solves; the running ones stop early (``IARSCore/StopRequest``), write their best result so
/// far and are recorded as `interrupted`.
final class BatchRunner: @unchecked Sendable {
    let outDir: String
    let settings: BatchSolveSettings
    let history: HistoryStore
    let batchID: String
    let label: String?
    let progress: BatchProgress

    private let lock = NSLock()
    private var queue: [BatchJob] = []
    private var next = 0
    private var stopping = false
    /// Worker threads of the running batch: with more than one, a plan's time windows get no
    /// second thread for their bound (``Planner/boundOnSecondThread``), the cores are taken.
    private var workers = 1
    private var outcomes: [JobOutcome] = []
    /// The status of a job whose solve SIGINT or SIGTERM stopped early (its best result so
    /// far is written; the next batch runs it again).
    static let interrupted = "interrupted"
    /// Recording failures (the history could not be written): reported, and the batch exits 2.
    private(set) var historyErrors: [String] = []

    init(
        outDir: String, settings: BatchSolveSettings, history: HistoryStore, batchID: String, label: String?,
        progress: BatchProgress
    ) {
        self.outDir = outDir
        self.settings = settings
        self.history = history
        self.batchID = batchID
        self.label = label
        self.progress = progress
    }

    /// Asks the batch to stop: the running solves end early with their best result so far
    /// (recorded as `interrupted`), no new ones start.
    func stop() {
        lock.lock()
        let first = !stopping
        stopping = true
        lock.unlock()
        StopRequest.request()
        if first {
            progress.note(
                "stopping: writing and recording the best results of the running solves so far; "
                    + "no new ones start (press Ctrl-C again to quit at once)")
        }
    }

    var wasStopped: Bool {
        lock.lock(); defer { lock.unlock() }
        return stopping
    }

    /// Runs `jobs` with `threads` workers and returns the outcomes in finishing order.
    func run(_ jobs: [BatchJob], threads: Int) -> [JobOutcome] {
        lock.lock()
        queue = jobs
        next = 0
        workers = max(1, min(threads, jobs.count))
        lock.unlock()
        let group = DispatchGroup()
        for _ in 0..<max(1, min(threads, jobs.count)) {
            group.enter()
            let t = Thread { [self] in
                while let job = take() {
                    let attempt = self.attempt(for: job)
                    var beginError: String?
                    do { try history.begin(attempt) } catch { beginError = "\(history.path): \(error)" }
                    if let beginError { progress.note("cannot record the start of \(job.displayName): \(beginError)") }
                    progress.began(job.displayName)
                    let record = solve(job)
                    finish(record, attempt: attempt.attemptID)
                }
                group.leave()
            }
            t.stackSize = 16 << 20
            t.start()
        }
        group.wait()
        lock.lock(); defer { lock.unlock() }
        return outcomes
    }

    private func take() -> BatchJob? {
        lock.lock(); defer { lock.unlock() }
        guard !stopping, next < queue.count else { return nil }
        next += 1
        return queue[next - 1]
    }

    /// The attempt a job's solve is recorded under while it runs (id = its run's id).
    func attempt(for job: BatchJob) -> HistoryStore.Attempt {
        HistoryStore.Attempt(
            attemptID: "\(batchID)/\(job.displayName)", batchID: batchID, input: job.input.name, job: job.job,
            inputHash: job.inputHash, optionsHash: SHA256.hex(Array(settings.canonicalJSON(kind: job.kind).utf8)),
            host: ProcessInfo.processInfo.hostName, pid: getpid(), startedAt: Date())
    }

    private func finish(_ record: RunRecord, attempt: String) {
        var historyError: String?
        do { try history.record(record, ending: attempt) } catch { historyError = "\(history.path): \(error)" }
        lock.lock()
        outcomes.append(JobOutcome(record: record, skipped: false))
        if let historyError { historyErrors.append(historyError) }
        lock.unlock()
        if let historyError { progress.note("cannot record \(record.displayName): \(historyError)") }
        progress.finished(record, skipped: false)
    }

    /// The record of one job, solved wholly on the calling thread, its output written.
    func solve(_ job: BatchJob) -> RunRecord {
        let started = Date()
        let clock = ContinuousClock()
        let t0 = clock.now
        let options = settings.canonicalJSON(kind: job.kind)
        var record = RunRecord(
            runID: "\(batchID)/\(job.displayName)", batchID: batchID, label: label, input: job.input.name,
            job: job.job, kind: job.kind.rawValue, scenario: job.scenario, inputHash: job.inputHash,
            optionsHash: SHA256.hex(Array(options.utf8)), options: options, status: "error", seconds: 0,
            toolVersion: IARSVersion.string, startedAt: started, finishedAt: started)
        record.asOf = job.asOf?.description
        record.actuals = job.actuals
        switch job.work {
        case .invalid(let error):
            record.status = "invalid"
            record.message = error.diagnostics.map(\.description).joined(separator: "\n")
        case .plan(let scenario):
            do {
                let result = try plan(scenario)
                recordPlan(result, in: &record)
                if !write(PlanJSON.render(result), of: job, permissions: 0o644, in: &record) {
                    record.months = []
                    record.services = nil
                }
            } catch {
                record.status = "error"
                record.message = "\(error)"
            }
        case .schedule(let schedule):
            var scheduler = Scheduler(timeLimit: settings.timeLimit)
            scheduler.effort = settings.effort
            scheduler.search = settings.search
            do {
                let result = try scheduler.schedule(schedule)
                recordSchedule(result, in: &record)
                // Case ids are sensitive: readable by the owner only.
                _ = write(ScheduleJSON.render(result), of: job, permissions: 0o600, in: &record)
            } catch {
                record.status = "error"
                record.message = "\(error)"
            }
        }
        record.seconds = (clock.now - t0).inSeconds
        record.finishedAt = Date()
        return record
    }

    /// Plans `scenario` with the batch's settings.
    private func plan(_ scenario: Scenario) throws -> PlanResult {
        // An unattended run never waits forever: the effort budget (--effort, options.effort
        // or SolvePolicy's default) ends every search, the same way on every machine;
        // --time-limit is a wall-clock safety net on top.
        var planner = Planner(timeLimit: settings.timeLimit)
        planner.effort = settings.effort
        planner.search = settings.search
        if let v = settings.windowsAbove { planner.policy.windowsAboveColumns = v }
        if let v = settings.windowColumns { planner.policy.windowColumns = v }
        lock.lock()
        planner.boundOnSecondThread = workers <= 1
        lock.unlock()
        return try planner.plan(scenario)
    }

    /// A plan's status, objective, months and why it has no plan or stopped, in `record`.
    private func recordPlan(_ result: PlanResult, in record: inout RunRecord) {
        record.status = result.status.rawValue
        record.unmet = result.objective?.unmet
        record.waiting = result.objective?.waiting
        record.cost = result.objective?.cost
        if result.status == .feasible || result.status == .timeLimit {
            record.gap = result.gap
            record.stoppedLevel = result.stoppedLevel
            record.stoppedBy = result.stoppedBy?.rawValue
        }
        record.months = result.months.map {
            MonthMetrics(
                month: $0.month, arrivals: $0.arrivals, admitted: $0.admitted, unmet: $0.unmet,
                returned: $0.returned, inShelter: $0.inShelter, waiting: $0.waiting,
                occupancy: $0.occupancy, beds: $0.beds, cost: $0.cost, budget: $0.budget)
        }
        if !result.services.isEmpty {
            record.services = result.services.flatMap { v in
                zip(result.months, v.months).map { m, vm in
                    ServiceMonthMetrics(
                        service: v.id, month: m.month, capacity: vm.capacity, load: vm.used, cost: vm.cost)
                }
            }
        }
        var reasons = result.reasons.map(\.message)
        if result.status == .timeLimit { reasons.append(noPlanText(result.stoppedBy)) }
        if result.stoppedBy == .interrupt {
            record.status = Self.interrupted
            reasons.append(
                "stopped by SIGINT or SIGTERM: "
                    + (result.hasPlan
                        ? "the best plan so far was written (\(ProgressText.status(result)))" : "no plan was found"))
        }
        record.message = reasons.isEmpty ? nil : reasons.joined(separator: "\n")
    }

    /// A schedule's status, objective and why it has none or stopped, in `record`.
    private func recordSchedule(_ result: ScheduleResult, in record: inout RunRecord) {
        record.status = result.status.rawValue
        record.unmet = result.objective?.unassigned
        record.waiting = result.objective.map { Double($0.waitingDays) }
        record.cost = result.objective?.cost
        record.leftBehindDays = result.objective.map { Double($0.leftBehindDays) }
        record.stoppedLevel = result.stoppedLevel
        record.stoppedBy = result.stoppedBy?.rawValue
        if !result.hasSchedule { record.message = noPlanText(result.stoppedBy, what: "schedule") }
        if result.stoppedBy == .interrupt {
            record.status = Self.interrupted
            record.message =
                "stopped by SIGINT or SIGTERM: "
                + (result.hasSchedule
                    ? "the best schedule so far was written (\(ProgressText.status(result)))" : "no schedule was found")
        }
    }

    /// Writes a job's output atomically to `outDir` and names it in `record`; on failure
    /// `record` is an error saying why, and the result is false.
    private func write(_ text: String, of job: BatchJob, permissions: mode_t, in record: inout RunRecord) -> Bool {
        let path = outDir + "/" + job.outputName
        do {
            let dir = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try AtomicFile.write(Data(text.utf8), to: path, permissions: permissions)
            record.output = job.outputName
            return true
        } catch {
            record.status = "error"
            record.message = "cannot write \(path): \(error)"
            return false
        }
    }
}
