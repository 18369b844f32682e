import ArgumentParser
import Foundation
import IARSCore
import IARSHistory
import IARSReport

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract:
            "Plan every scenario and schedule every schedule file under the given paths, several at a time, with a run history.",
        discussion: """
            Folders are searched recursively for .yaml, .yml and .json files (hidden names and the output \
            folder are skipped); a file with a top-level `scenario:` key is a return schedule, any other a \
            scenario. Each job's result is written atomically to --out as NAME.plan.json or NAME.schedule.json, \
            recorded in the run history, and listed in a summary table (standard output) and OUT/summary.json. \
            Jobs whose input files and options are unchanged since their last recorded run are skipped \
            (--force runs them again). See docs/batch.md.

            Exit status: 0 every job has a plan or schedule, 1 some infeasible or stopped at a time limit \
            without a result, 2 some inputs invalid (or a job could not be run or recorded), \
            130 stopped by SIGINT or SIGTERM (the running solves stopped early, wrote their best result \
            and were recorded as interrupted).
            """
    )

    @Argument(help: "Scenario or schedule files, or folders to search.")
    var paths: [String]

    @Option(name: .long, help: "The folder for the results and summary.json (created when missing).")
    var out: String

    @Option(name: .long, help: "How many solves run at once, by default one per core.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "The history database (default: history.sqlite in the --out folder).")
    var db: String?

    @Flag(name: .long, help: "Run every job, even when unchanged since its last recorded run.")
    var force = false

    @Option(
        name: .long,
        help: "Take only share I of N (0 <= I < N) of the inputs sorted by name, e.g. --shard $JOB_COMPLETION_INDEX/4.")
    var shard: String?

    @Option(
        name: .long, help: "A label stored with every run of this batch (e.g. 2026-W48), usable in `iars history diff`."
    )
    var label: String?

    @Option(
        name: .long,
        help:
            "Progress on standard error: bar (default on a terminal), text (default otherwise) or json (one object per line)."
    )
    var logFormat: LogFormat?

    @Option(name: .long, parsing: .unconditional, help: effortHelp)
    var effort: Int?

    @Option(
        name: .long,
        help:
            "A wall-clock safety net: stop each solve after this many seconds and keep the best result found, marked stopped_by: clock (overrides options.time_limit_seconds; by default only the effort budget ends a search)."
    )
    var timeLimit: Double?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The date of the weekly loop: offices whose scenario has caseload: are planned from the caseload on it, their schedules from it on (overrides as_of:; default: today, UTC).",
            valueName: "yyyy-mm-dd"))
    var asOf: String?

    @OptionGroup var search: SearchFlags

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Name at least one scenario or schedule file, or a folder.") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs).") }
        if let shard, Shard(shard) == nil {
            throw ValidationError("--shard: expected I/N with 0 <= I < N (e.g. 0/3), got \(shard).")
        }
        if let asOf, CalendarDate(asOf) == nil {
            throw ValidationError("--as-of: expected a date YYYY-MM-DD, got '\(asOf)'.")
        }
        try validateEffort(effort)
        try validateTimeLimit(timeLimit)
    }

    /// The run history without `--db`: `OUT/history.sqlite`, beside the results; or, when
    /// that does not exist yet but an earlier version's default does
    /// (``legacyDatabase(for:)``), that one, so no history is lost (with a note saying so).
    static func defaultDatabase(out: String, paths: [String]) -> (path: String, note: String?) {
        let current = (out as NSString).appendingPathComponent("history.sqlite")
        let legacy = legacyDatabase(for: paths)
        let fm = FileManager.default
        if !fm.fileExists(atPath: current), fm.fileExists(atPath: legacy) {
            return (
                legacy,
                "recording in \(legacy), the history of an earlier version of iars "
                    + "(the default is now \(current): move the file there to keep it with the results, or pass --db)"
            )
        }
        return (current, nil)
    }

    /// The default of earlier versions: `.iars/history.sqlite` in the first path's folder
    /// (the path itself when it is a folder).
    static func legacyDatabase(for paths: [String]) -> String {
        let first = paths[0]
        var isDir: ObjCBool = false
        let folder: String
        if FileManager.default.fileExists(atPath: first, isDirectory: &isDir), isDir.boolValue {
            folder = first
        } else {
            let parent = (first as NSString).deletingLastPathComponent
            folder = parent.isEmpty ? "." : parent
        }
        return (folder as NSString).appendingPathComponent(".iars/history.sqlite")
    }

    /// `path` as a shell word: quoted only when it needs to be.
    static func shellQuoted(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { c in
            CharacterSet.alphanumerics.contains(c) && c.isASCII || "/._-+,:=@%".unicodeScalars.contains(c)
        }
        return plain && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func newBatchID() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd-HHmmss"
        return f.string(from: Date()) + "-" + String(format: "%04x", UInt16.random(in: 0...UInt16.max))
    }

    /// Removes temporaries an earlier batch left when it was killed mid-write (`.NAME.tmp-XXXXXX`).
    static func removeStaleTemporaries(in dir: String) {
        guard let walker = FileManager.default.enumerator(atPath: dir) else { return }
        while let rel = walker.nextObject() as? String {
            let name = (rel as NSString).lastPathComponent
            if name.hasPrefix("."), name.range(of: #"\.tmp-[A-Za-z0-9]{6}$"#, options: .regularExpression) != nil {
                unlink(dir + "/" + rel)
            }
        }
    }

    func run() throws {
        let clock = ContinuousClock()
        let t0 = clock.now
        let shard = self.shard.flatMap(Shard.init)
        let settings = BatchSolveSettings(
            timeLimit: timeLimit, effort: effort, search: try search.apply(to: Planner().search),
            windowsAbove: search.windowsAbove, windowColumns: search.windowColumns,
            searchFlags: search.given)
        let inputs = try discoverInputs(shard: shard)
        try prepareOutputFolder()
        let (history, dbPath, dbNote) = try openHistory()

        let batchID = Self.newBatchID()
        // Each input expands into its jobs (the input, later its variants).
        let dates = WeeklyDates(flag: asOf.flatMap { CalendarDate($0) }, today: WeeklyDates.today())
        let allJobs = inputs.flatMap { BatchJob.expand($0, dates: dates) }
        try checkOutputNames(allJobs)
        let (skipped, changed) = unchangedJobs(allJobs, history: history, settings: settings)
        let (toRun, guarded) = crashGuard(changed, history: history, settings: settings, batchID: batchID)

        let format = logFormat ?? (isatty(STDERR_FILENO) != 0 ? .bar : .text)
        let progress = BatchProgress(format: format)
        let runner = BatchRunner(
            outDir: out, settings: settings, history: history, batchID: batchID,
            label: label, progress: progress)
        progress.start(total: allJobs.count, toRun: toRun.count + guarded.count, batchID: batchID)
        for s in skipped { progress.finished(s.record, skipped: true) }
        for g in guarded {
            do { try history.record(g.record) } catch {
                progress.note("cannot record \(g.record.displayName): \(error)")
            }
            progress.finished(g.record, skipped: false)
        }

        // SIGINT / SIGTERM: the running solves stop early and their best results are written and
        // recorded (interrupted), no new ones start; a second signal ends the batch at once.
        let signals = StopSignals.install { runner.stop() }
        let ran = runner.run(toRun, threads: jobs)
        signals.uninstall()

        let finishedNames = Set(ran.map(\.record.displayName))
        let notRun = toRun.map(\.displayName).filter { !finishedNames.contains($0) }
        let outcomes = skipped + guarded + ran
        let interrupted = runner.wasStopped
        var status = BatchSummary.exitStatus(outcomes)
        if !runner.historyErrors.isEmpty { status = 2 }
        if interrupted { status = 130 }
        progress.end()

        let summary = BatchSummary.json(
            outcomes, notRun: notRun, batchID: batchID, label: label, exitStatus: status,
            interrupted: interrupted, shard: shard, seconds: (clock.now - t0).inSeconds)
        if !writeSummary(summary, outcomes: outcomes, notRun: notRun, dbPath: dbPath, dbNote: dbNote) { status = 2 }
        do { try history.close() } catch {
            DiagnosticPrinter.fail("\(history.path): \(error)")
            status = 2
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// The inputs under `paths`, this shard's share of them.
    func discoverInputs(shard: Shard?) throws -> [BatchInput] {
        var inputs: [BatchInput]
        do {
            inputs = try BatchInputs.discover(paths, exclude: out)
        } catch {
            DiagnosticPrinter.fail("\(error)")
            throw ExitCode(2)
        }
        if let shard { inputs = BatchInputs.shard(inputs, index: shard.index, count: shard.count) }
        return inputs
    }

    /// Creates `--out` when missing and removes the temporaries a killed batch left in it.
    func prepareOutputFolder() throws {
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            DiagnosticPrinter.fail("cannot create \(out): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        Self.removeStaleTemporaries(in: out)
    }

    /// The run history (`--db`, or ``defaultDatabase(out:paths:)`` with its note), opened.
    func openHistory() throws -> (store: HistoryStore, path: String, note: String?) {
        let (dbPath, dbNote) = db.map { ($0, nil) } ?? Self.defaultDatabase(out: out, paths: paths)
        if let dbNote { FileHandle.standardError.write(Data("iars: \(dbNote)\n".utf8)) }
        do {
            return (try HistoryStore(path: dbPath), dbPath, dbNote)
        } catch {
            let why = "\(error)".trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            DiagnosticPrinter.fail(
                "cannot open the run history \(dbPath): \(why); "
                    + (db == nil ? "it is kept in the --out folder; " : "")
                    + "choose a writable place with --db FILE (docs/batch.md, \"Run history\")")
            throw ExitCode(2)
        }
    }

    /// Fails when two jobs would write the same output file.
    func checkOutputNames(_ jobs: [BatchJob]) throws {
        var byOutput: [String: String] = [:]
        for job in jobs {
            if let other = byOutput[job.outputName] {
                DiagnosticPrinter.fail(
                    "\(other) and \(job.displayName) would both write \(job.outputName); "
                        + "rename one of them")
                throw ExitCode(2)
            }
            byOutput[job.outputName] = job.displayName
        }
    }

    /// Splits `jobs` into those unchanged since their last recorded run (same input and options,
    /// not an error nor interrupted, output still there), which are skipped unless `--force`,
    /// and those to run.
    func unchangedJobs(
        _ jobs: [BatchJob], history: HistoryStore,
        settings: BatchSolveSettings
    ) -> (skipped: [JobOutcome], changed: [BatchJob]) {
        var skipped: [JobOutcome] = []
        var toRun: [BatchJob] = []
        for job in jobs {
            if !force, let prev = try? history.latest(input: job.input.name, job: job.job),
                prev.status != "error", prev.status != BatchRunner.interrupted, prev.inputHash == job.inputHash,
                prev.optionsHash == SHA256.hex(Array(settings.canonicalJSON(kind: job.kind).utf8)),
                prev.output.map({ FileManager.default.fileExists(atPath: out + "/" + $0) }) ?? true
            {
                skipped.append(JobOutcome(record: prev, skipped: true))
            } else {
                toRun.append(job)
            }
        }
        return (skipped, toRun)
    }

    /// Crash guard: a job whose solve was begun twice (same input and options) by processes that
    /// ended without recording it (a crash, e.g. a GLPK abort, or kills) is left out until its
    /// input changes, or `--force`; it gets an error record saying so.
    func crashGuard(
        _ toRun: [BatchJob], history: HistoryStore, settings: BatchSolveSettings,
        batchID: String
    ) -> (toRun: [BatchJob], guarded: [JobOutcome]) {
        guard !force else { return (toRun, []) }
        var guarded: [JobOutcome] = []
        let host = ProcessInfo.processInfo.hostName
        let kept = toRun.filter { job in
            let optionsHash = SHA256.hex(Array(settings.canonicalJSON(kind: job.kind).utf8))
            let open =
                ((try? history.openAttempts(
                    input: job.input.name, job: job.job,
                    inputHash: job.inputHash, optionsHash: optionsHash)) ?? [])
                .filter { $0.host != host || kill($0.pid, 0) != 0 }
            guard open.count >= 2 else { return true }
            let now = Date()
            guarded.append(
                JobOutcome(
                    record: RunRecord(
                        runID: "\(batchID)/\(job.displayName)", batchID: batchID, label: label, input: job.input.name,
                        job: job.job, kind: job.kind.rawValue, scenario: job.scenario, inputHash: job.inputHash,
                        optionsHash: optionsHash, options: settings.canonicalJSON(kind: job.kind), status: "error",
                        seconds: 0, toolVersion: IARSVersion.string, startedAt: now, finishedAt: now,
                        message:
                            "left out: \(open.count) earlier batches (\(open.map(\.batchID).joined(separator: ", "))) "
                            + "ended while solving this input without recording it (a crash or a kill); "
                            + "try `iars plan` on it, or run the batch with --force"), skipped: false))
            return false
        }
        return (kept, guarded)
    }

    /// Writes OUT/summary.json, then the summary table and where the history is on standard
    /// output. Returns false when the summary could not be written (reported).
    func writeSummary(
        _ summary: String, outcomes: [JobOutcome], notRun: [String], dbPath: String,
        dbNote: String?
    ) -> Bool {
        var written = true
        do {
            try AtomicFile.write(Data(summary.utf8), to: out + "/summary.json")
        } catch {
            DiagnosticPrinter.fail("\(error)")
            written = false
        }
        FileHandle.standardOutput.write(Data(BatchSummary.table(outcomes, notRun: notRun).utf8))
        FileHandle.standardOutput.write(
            Data(
                ("Run history: \(dbPath) (see it with: iars history --db \(Self.shellQuoted(dbPath))"
                    + (db == nil && dbNote == nil ? ", or iars history in \(out)" : "") + ")\n").utf8))
        return written
    }
}
