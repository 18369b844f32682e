import Foundation
import GRDB

/// One social service in one planned month, as the history keeps it (table
/// `service_months`, migration `v4-services`): its capacity and load in case-months,
/// and its cost. Only plans of scenarios with `services:` have them.
public struct ServiceMonthMetrics: Sendable, Equatable, Codable {
    public var service: String
    public var month: String
    public var capacity: Double
    /// The load: average cases covered (case-months).
    public var load: Double
    public var cost: Double

    public init(service: String, month: String, capacity: Double, load: Double, cost: Double) {
        self.service = service
        self.month = month
        self.capacity = capacity
        self.load = load
        self.cost = cost
    }
}

extension HistoryStore {
    /// `v4-services`: the table of the services' months (after `v3-forecast`).
    static func registerServicesMigration(_ m: inout DatabaseMigrator) {
        m.registerMigration("v4-services") { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS service_months (
                        run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
                        service TEXT NOT NULL,
                        month TEXT NOT NULL,
                        capacity REAL NOT NULL,
                        load REAL NOT NULL,
                        cost REAL NOT NULL,
                        PRIMARY KEY (run_id, service, month)
                    )
                    """)
            try db.execute(sql: "PRAGMA user_version = 4")
        }
    }

    /// Inserts the services' months of a run just inserted.
    static func insertServices(_ run: RunRecord, _ db: Database) throws {
        for v in run.services ?? [] {
            try db.execute(
                sql:
                    "INSERT INTO service_months (run_id, service, month, capacity, load, cost) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [run.runID, v.service, v.month, v.capacity, v.load, v.cost])
        }
    }
}
