import Foundation
import GRDB

/// The run history of `iars batch`: an SQLite database in WAL mode, safe for
/// several processes at once (a writer waits up to `busyTimeout` for another's
/// transaction). Each job's record (run and months) is one transaction, so a
/// process killed at any moment leaves every finished job recorded and no
/// half record.
public final class HistoryStore: Sendable {
    public struct StoreError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The schema version this code writes (`PRAGMA user_version`).
    public static let schemaVersion = 4

    public let path: String
    private let pool: DatabasePool

    /// Opens (and creates, with its folder, when missing) the history at `path`.
    ///
    /// - Parameters:
    ///   - readOnly: Open an existing database without writing (for `history import` sources).
    ///   - busyTimeout: Seconds a writer waits for another process's transaction.
    public init(path: String, readOnly: Bool = false, busyTimeout: Double = 60) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.readonly = readOnly
        config.label = "iars-history"
        if readOnly {
            guard FileManager.default.fileExists(atPath: path) else {
                throw StoreError(description: "\(path): no such history database")
            }
        } else {
            let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw StoreError(description: "cannot create \(dir): \(error.localizedDescription)")
            }
        }
        do {
            pool = try Self.open(path, config, busyTimeout: busyTimeout)
            if !readOnly { try Self.migrate(pool) }
            let version = try pool.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
            if version > Self.schemaVersion {
                throw StoreError(
                    description: "\(path): written by a newer iars (history schema \(version)); upgrade iars")
            }
            if readOnly, version == 0 {
                throw StoreError(description: "\(path): not an iars history database")
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError(description: "\(path): \(error)")
        }
    }

    /// Opens the pool. Switching a new database to WAL needs an exclusive lock, and
    /// SQLite answers "database is locked" at once, without its busy handler, when
    /// another process is creating the same file: retry until `busyTimeout`.
    private static func open(_ path: String, _ config: Configuration, busyTimeout: Double) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                return try DatabasePool(path: path, configuration: config)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// The schema's migrations (GRDB's DatabaseMigrator, recorded in `grdb_migrations`):
    ///
    /// - `v1-runs`: the runs, months and attempts tables. Databases written before the
    ///   migrator (`PRAGMA user_version` 1, no `grdb_migrations`) already have them; the
    ///   statements are `IF NOT EXISTS`, so they are left as they are.
    /// - `v2-gap`: `runs.gap`, `runs.stopped_level`, `runs.stopped_by` for stopped plans
    ///   (NULL in older runs: the gap was not kept).
    /// - `v3-forecast`: `runs.as_of` and `runs.left_behind_days`, and the `actuals` table
    ///   (``HistoryForecastSchema``).
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-runs") { db in
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            guard version < 1 else { return }
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS runs (
                        run_id TEXT PRIMARY KEY NOT NULL,
                        batch_id TEXT NOT NULL,
                        label TEXT,
                        input TEXT NOT NULL,
                        job TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        scenario TEXT NOT NULL,
                        input_hash TEXT NOT NULL,
                        options_hash TEXT NOT NULL,
                        options TEXT NOT NULL,
                        status TEXT NOT NULL,
                        unmet REAL,
                        waiting REAL,
                        cost REAL,
                        seconds REAL NOT NULL,
                        tool_version TEXT NOT NULL,
                        started_at REAL NOT NULL,
                        finished_at REAL NOT NULL,
                        output TEXT,
                        message TEXT
                    );
                    CREATE INDEX IF NOT EXISTS runs_by_input ON runs(input, job, finished_at);
                    CREATE INDEX IF NOT EXISTS runs_by_scenario ON runs(scenario, finished_at);
                    CREATE INDEX IF NOT EXISTS runs_by_batch ON runs(batch_id);
                    CREATE TABLE IF NOT EXISTS months (
                        run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
                        month TEXT NOT NULL,
                        arrivals INTEGER NOT NULL,
                        admitted REAL NOT NULL,
                        unmet REAL NOT NULL,
                        returned REAL NOT NULL,
                        in_shelter REAL NOT NULL,
                        waiting REAL NOT NULL,
                        occupancy REAL NOT NULL,
                        beds INTEGER NOT NULL,
                        cost REAL NOT NULL,
                        budget REAL,
                        PRIMARY KEY (run_id, month)
                    );
                    CREATE TABLE IF NOT EXISTS attempts (
                        attempt_id TEXT PRIMARY KEY NOT NULL,
                        batch_id TEXT NOT NULL,
                        input TEXT NOT NULL,
                        job TEXT NOT NULL,
                        input_hash TEXT NOT NULL,
                        options_hash TEXT NOT NULL,
                        host TEXT NOT NULL,
                        pid INTEGER NOT NULL,
                        started_at REAL NOT NULL
                    );
                    PRAGMA user_version = 1;
                    """)
        }
        m.registerMigration("v2-gap") { db in
            let columns = Set(try db.columns(in: "runs").map(\.name))
            for (name, type) in [("gap", "REAL"), ("stopped_level", "TEXT"), ("stopped_by", "TEXT")]
            where !columns.contains(name) {
                try db.execute(sql: "ALTER TABLE runs ADD COLUMN \(name) \(type)")
            }
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        m.registerMigration("v3-forecast", migrate: HistoryForecastSchema.migrate)
        registerServicesMigration(&m)
        return m
    }

    /// Runs the migrations. Each runs in an immediate transaction; when another process
    /// migrates the same new database at the same moment, ours fails on its record of
    /// the migration (rolled back whole) and the next try finds it done.
    private static func migrate(_ pool: DatabasePool) throws {
        var attempt = 0
        while true {
            do {
                try migrator.migrate(pool)
                return
            } catch let error as DatabaseError where attempt < 3 {
                _ = error
                attempt += 1
            }
        }
    }

    /// Closes the database: the write-ahead log is checkpointed into the main
    /// file and removed, so the `.sqlite` file alone holds everything (e.g. to
    /// copy a shard's history). Call once, at the end; the store is unusable after.
    public func close() throws {
        // Everything into the main file (GRDB's pool may keep the -wal file). Another
        // process using the database at this moment may keep the checkpoint from
        // finishing; then it finishes the job, and nothing is lost either way.
        _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        try pool.close()
    }

    // MARK: Writing

    /// Records one job (run and months) in one transaction.
    /// - Returns: false when a run with the same id was already there (nothing changed).
    @discardableResult
    public func record(_ run: RunRecord) throws -> Bool {
        try record([run]) == 1
    }

    /// Records runs in one transaction, skipping ids already present.
    /// - Returns: How many were new.
    @discardableResult
    public func record(_ runs: [RunRecord]) throws -> Int {
        try pool.write { db in
            var added = 0
            for run in runs where try Self.insert(run, db) { added += 1 }
            return added
        }
    }

    /// Inserts one run and its months unless its id is there. - Returns: whether it was new.
    @discardableResult
    private static func insert(_ run: RunRecord, _ db: Database) throws -> Bool {
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO runs (run_id, batch_id, label, input, job, kind, scenario, input_hash,
                    options_hash, options, status, unmet, waiting, cost, gap, stopped_level, stopped_by, seconds, tool_version,
                    started_at, finished_at, output, message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                run.runID, run.batchID, run.label, run.input, run.job, run.kind, run.scenario,
                run.inputHash, run.optionsHash, run.options, run.status, run.unmet, run.waiting,
                run.cost, run.gap, run.stoppedLevel, run.stoppedBy, run.seconds, run.toolVersion,
                run.startedAt.timeIntervalSince1970,
                run.finishedAt.timeIntervalSince1970, run.output, run.message,
            ])
        guard db.changesCount == 1 else { return false }
        try HistoryForecastSchema.insert(run, db)
        for m in run.months {
            try db.execute(
                sql: """
                    INSERT INTO months (run_id, month, arrivals, admitted, unmet, returned, in_shelter,
                        waiting, occupancy, beds, cost, budget)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.runID, m.month, m.arrivals, m.admitted, m.unmet, m.returned, m.inShelter,
                    m.waiting, m.occupancy, m.beds, m.cost, m.budget,
                ])
        }
        try insertServices(run, db)
        return true
    }

    // MARK: Attempts (crash guard)

    /// A solve under way: recorded before it starts and removed with its run's
    /// record, so an attempt that outlives its process marks a crash or a kill.
    public struct Attempt: Sendable, Equatable {
        public var attemptID: String
        public var batchID: String
        public var input: String
        public var job: String
        public var inputHash: String
        public var optionsHash: String
        public var host: String
        public var pid: Int32
        public var startedAt: Date

        public init(
            attemptID: String, batchID: String, input: String, job: String, inputHash: String,
            optionsHash: String, host: String, pid: Int32, startedAt: Date
        ) {
            self.attemptID = attemptID
            self.batchID = batchID
            self.input = input
            self.job = job
            self.inputHash = inputHash
            self.optionsHash = optionsHash
            self.host = host
            self.pid = pid
            self.startedAt = startedAt
        }
    }

    public func begin(_ a: Attempt) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO attempts (attempt_id, batch_id, input, job, input_hash, options_hash, host, pid,
                        started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    a.attemptID, a.batchID, a.input, a.job, a.inputHash, a.optionsHash, a.host,
                    Int(a.pid), a.startedAt.timeIntervalSince1970,
                ])
        }
    }

    /// Attempts of one job with these hashes that were begun and never ended.
    public func openAttempts(input: String, job: String, inputHash: String, optionsHash: String) throws -> [Attempt] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM attempts WHERE input = ? AND job = ? AND input_hash = ? AND options_hash = ?
                    ORDER BY started_at
                    """, arguments: [input, job, inputHash, optionsHash]
            ).map { r in
                Attempt(
                    attemptID: r["attempt_id"], batchID: r["batch_id"], input: r["input"], job: r["job"],
                    inputHash: r["input_hash"], optionsHash: r["options_hash"], host: r["host"],
                    pid: Int32(r["pid"] as Int), startedAt: Date(timeIntervalSince1970: r["started_at"]))
            }
        }
    }

    /// Records a finished job and, in the same transaction, ends its attempt
    /// and (when it did not fail) every earlier open attempt of the job.
    public func record(_ run: RunRecord, ending attemptID: String) throws {
        try pool.write { db in
            try Self.insert(run, db)
            try db.execute(sql: "DELETE FROM attempts WHERE attempt_id = ?", arguments: [attemptID])
            if run.status != "error" {
                try db.execute(
                    sql: "DELETE FROM attempts WHERE input = ? AND job = ?", arguments: [run.input, run.job])
            }
        }
    }

    /// Copies every run of the history at `source` that this one lacks.
    /// - Returns: (new runs, runs already present).
    public func importRuns(from source: String) throws -> (added: Int, skipped: Int) {
        let other = try HistoryStore(path: source, readOnly: true)
        let runs = try other.runs()
        let added = try record(runs)
        return (added, runs.count - added)
    }

    // MARK: Reading

    /// Runs, oldest first (by finish time, then id), optionally filtered.
    ///
    /// - Parameters:
    ///   - scenario: Only runs of this scenario name or input path.
    ///   - batch: Only runs of batches whose id or label equals this, or whose id starts with it.
    ///   - until: Only runs finished at or before this time.
    ///   - withMonths: Also read the months (slower).
    public func runs(
        scenario: String? = nil, batch: String? = nil, until: Date? = nil,
        withMonths: Bool = true
    ) throws -> [RunRecord] {
        try pool.read { db in
            var clauses: [String] = []
            var args: [(any DatabaseValueConvertible)?] = []
            if let scenario {
                clauses.append("(scenario = ? OR input = ?)")
                args += [scenario, scenario]
            }
            if let batch {
                clauses.append("(batch_id = ? OR label = ? OR batch_id LIKE ? ESCAPE '\\')")
                let escaped = batch.replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
                args += [batch, batch, escaped + "%"]
            }
            if let until {
                clauses.append("finished_at <= ?")
                args.append(until.timeIntervalSince1970)
            }
            let whereSQL = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM runs\(whereSQL) ORDER BY finished_at, run_id",
                arguments: StatementArguments(args))
            var result = rows.map(Self.run(from:))
            if withMonths {
                let arguments = StatementArguments(args)
                let months = try Self.rowsByRun(db, "months", order: "month", where: whereSQL, arguments) { r in
                    MonthMetrics(
                        month: r["month"], arrivals: r["arrivals"], admitted: r["admitted"], unmet: r["unmet"],
                        returned: r["returned"], inShelter: r["in_shelter"], waiting: r["waiting"],
                        occupancy: r["occupancy"], beds: r["beds"], cost: r["cost"], budget: r["budget"])
                }
                let actuals = try Self.rowsByRun(db, "actuals", order: "group_id", where: whereSQL, arguments) { r in
                    GroupActual(
                        group: r["group_id"], inShelter: r["in_shelter"], ready: r["ready"], waiting: r["waiting"])
                }
                // in service then month order, as planned
                let services = try Self.rowsByRun(db, "service_months", order: "rowid", where: whereSQL, arguments) {
                    r in
                    ServiceMonthMetrics(
                        service: r["service"], month: r["month"], capacity: r["capacity"], load: r["load"],
                        cost: r["cost"])
                }
                for i in result.indices {
                    result[i].months = months[result[i].runID] ?? []
                    result[i].actuals = actuals[result[i].runID] ?? []
                    result[i].services = services[result[i].runID]
                }
            }
            return result
        }
    }

    /// The rows of a table kept per run (`months`, `actuals`, `service_months`) for the runs
    /// `whereSQL` selects, by run id, each run's in `order`; none from a history written
    /// before the table's migration (read as it is).
    static func rowsByRun<T>(
        _ db: Database, _ table: String, order: String, where whereSQL: String, _ arguments: StatementArguments,
        _ make: (Row) -> T
    ) throws -> [String: [T]] {
        guard try db.tableExists(table) else { return [:] }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT \(table).* FROM \(table) JOIN runs USING (run_id)\(whereSQL)
                ORDER BY \(table).run_id, \(table).\(order)
                """, arguments: arguments)
        var byRun: [String: [T]] = [:]
        for r in rows { byRun[r["run_id"], default: []].append(make(r)) }
        return byRun
    }

    /// The latest run of each job (input and variant), as of `until` (default now).
    public func latestPerJob(until: Date? = nil, batch: String? = nil) throws -> [RunRecord] {
        var latest: [String: RunRecord] = [:]
        for run in try runs(batch: batch, until: until) { latest[run.displayName] = run }
        return latest.values.sorted { $0.displayName < $1.displayName }
    }

    /// The latest run of one job, without months (for the skip check).
    public func latest(input: String, job: String) throws -> RunRecord? {
        try pool.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM runs WHERE input = ? AND job = ? ORDER BY finished_at DESC, run_id DESC LIMIT 1
                    """, arguments: [input, job]
            ).map(Self.run(from:))
        }
    }

    private static func run(from r: Row) -> RunRecord {
        RunRecord(
            runID: r["run_id"], batchID: r["batch_id"], label: r["label"], input: r["input"], job: r["job"],
            kind: r["kind"], scenario: r["scenario"], inputHash: r["input_hash"],
            optionsHash: r["options_hash"], options: r["options"], status: r["status"], unmet: r["unmet"],
            waiting: r["waiting"], cost: r["cost"],
            // absent in a database of schema 1 opened read-only: nil
            gap: r.hasColumn("gap") ? r["gap"] : nil,
            stoppedLevel: r.hasColumn("stopped_level") ? r["stopped_level"] : nil,
            stoppedBy: r.hasColumn("stopped_by") ? r["stopped_by"] : nil, seconds: r["seconds"],
            toolVersion: r["tool_version"],
            startedAt: Date(timeIntervalSince1970: r["started_at"]),
            finishedAt: Date(timeIntervalSince1970: r["finished_at"]), output: r["output"],
            message: r["message"], months: []
        ).withForecastColumns(r)
    }
}
