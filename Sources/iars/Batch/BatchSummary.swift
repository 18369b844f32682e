import Foundation
import IARSHistory
import IARSReport

/// The summary of a batch: a table for standard output and `summary.json`.
enum BatchSummary {
    /// Exit status: 2 when an input is invalid (or a job failed), else 1 when a
    /// job is infeasible, stopped at a time limit without a result or interrupted, else 0.
    /// Unchanged (skipped) jobs count with the status of the run they kept.
    static func exitStatus(_ outcomes: [JobOutcome]) -> Int32 {
        let statuses = Set(outcomes.map(\.record.status))
        if statuses.contains("invalid") || statuses.contains("error") { return 2 }
        if statuses.contains("infeasible") || statuses.contains("time-limit")
            || statuses.contains(BatchRunner.interrupted)
        {
            return 1
        }
        return 0
    }

    static func sorted(_ outcomes: [JobOutcome]) -> [JobOutcome] {
        outcomes.sorted { $0.record.displayName < $1.record.displayName }
    }

    static func table(_ outcomes: [JobOutcome], notRun: [String]) -> String {
        var t = TextTable(columns: [
            .init("Input"), .init("Kind"), .init("Status"), .init("Unmet", right: true),
            .init("Waiting", right: true), .init("Cost", right: true), .init("Time", right: true), .init("Note"),
        ])
        func f(_ v: Double?) -> String { v.map(PlanTable.num) ?? "-" }
        func money(_ v: Double?) -> String { v.map(PlanTable.money) ?? "-" }
        for o in sorted(outcomes) {
            let r = o.record
            var note = o.skipped ? "unchanged since \(r.batchID)" : ""
            if r.status == "invalid" || r.status == "error", let m = r.message {
                // A file still broken shows its first problem again, not only that it did not change.
                note =
                    String(m.split(separator: "\n").first ?? "") + (o.skipped ? " (unchanged since \(r.batchID))" : "")
            }
            t.add([
                r.displayName, r.kind, r.statusText, f(r.unmet), f(r.waiting), money(r.cost),
                o.skipped ? "-" : String(format: "%.2fs", r.seconds), note,
            ])
        }
        for name in notRun.sorted() { t.add([name, "", "not run", "-", "-", "-", "-", "stopped before it started"]) }
        return t.render()
    }

    static func json(
        _ outcomes: [JobOutcome], notRun: [String], batchID: String, label: String?,
        exitStatus: Int32, interrupted: Bool, shard: Shard?, seconds: Double
    ) -> String {
        var counts: [String: Int] = [:]
        for o in outcomes { counts[o.record.status, default: 0] += 1 }
        let jobs: [JSONValue] =
            sorted(outcomes).map { o in
                let r = o.record
                return .object([
                    ("input", .string(r.input)), ("job", .string(r.job)), ("kind", .string(r.kind)),
                    ("scenario", .string(r.scenario)), ("status", .string(r.status)), ("skipped", .bool(o.skipped)),
                    ("objective", objectiveJSON(r)),
                    ("as_of", r.asOf.map { .string($0) } ?? .null),
                    ("seconds", .num(r.seconds, digits: 3)), ("output", r.output.map { .string($0) } ?? .null),
                    ("message", r.message.map { .string($0) } ?? .null), ("run", .string(r.runID)),
                    ("input_hash", .string(r.inputHash)),
                ])
            } + notRun.sorted().map { .object([("input", .string($0)), ("status", .string("not-run"))]) }
        return JSONValue.object([
            ("batch", .string(batchID)), ("label", label.map { .string($0) } ?? .null),
            ("version", .string(IARSVersion.string)),
            ("shard", shard.map { .string("\($0.index)/\($0.count)") } ?? .null),
            ("exit_status", .int(Int(exitStatus))), ("interrupted", .bool(interrupted)),
            ("jobs", .int(outcomes.count + notRun.count)),
            ("skipped", .int(outcomes.filter(\.skipped).count)),
            ("status_counts", .object(counts.keys.sorted().map { ($0, .int(counts[$0]!)) })),
            ("seconds", .num(seconds, digits: 3)),
            ("results", .array(jobs)),
        ]).serialized()
    }
}
