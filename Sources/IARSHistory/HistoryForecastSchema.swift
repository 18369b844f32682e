import GRDB

/// The history's schema 3 (`v3-forecast`): what the weekly loop needs to hold plans
/// against what happened (docs/batch.md, "The weekly loop").
///
/// - `runs.as_of`: the caseload's date of a run planned (or scheduled) from it.
/// - `runs.left_behind_days`: a schedule's second level (spec/return-schedule.md).
/// - `actuals`: per run and group, the caseload's counts on `as_of`: `in_shelter`,
///   `ready` (ready on `as_of`) and `waiting` (not ready yet). The forecasts are the
///   plan runs' `months` (`in_shelter`, `waiting` at the end of each month).
enum HistoryForecastSchema {
    static func migrate(_ db: Database) throws {
        let columns = Set(try db.columns(in: "runs").map(\.name))
        for (name, type) in [("as_of", "TEXT"), ("left_behind_days", "REAL")] where !columns.contains(name) {
            try db.execute(sql: "ALTER TABLE runs ADD COLUMN \(name) \(type)")
        }
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS actuals (
                    run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
                    group_id TEXT NOT NULL,
                    in_shelter INTEGER NOT NULL,
                    ready INTEGER NOT NULL,
                    waiting INTEGER NOT NULL,
                    PRIMARY KEY (run_id, group_id)
                );
                CREATE INDEX IF NOT EXISTS runs_by_as_of ON runs(input, job, as_of);
                PRAGMA user_version = 3;
                """)
    }

    /// The run's schema-3 fields, after its row of `runs` was inserted.
    static func insert(_ run: RunRecord, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE runs SET as_of = ?, left_behind_days = ? WHERE run_id = ?",
            arguments: [run.asOf, run.leftBehindDays, run.runID])
        for a in run.actuals {
            try db.execute(
                sql: "INSERT INTO actuals (run_id, group_id, in_shelter, ready, waiting) VALUES (?, ?, ?, ?, ?)",
                arguments: [run.runID, a.group, a.inShelter, a.ready, a.waiting])
        }
    }
}

extension RunRecord {
    /// This record with the schema-3 columns of `row` (nil where the database is older).
    func withForecastColumns(_ row: Row) -> RunRecord {
        var r = self
        r.asOf = row.hasColumn("as_of") ? row["as_of"] : nil
        r.leftBehindDays = row.hasColumn("left_behind_days") ? row["left_behind_days"] : nil
        return r
    }
}
