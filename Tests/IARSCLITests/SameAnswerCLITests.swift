import Foundation
import Testing

/// Same input, same answer: a plan stopped by its effort budget is the same bytes alone and
/// beside CPU hogs (docs/formulation.md, "Effort: the same answer on every machine").
@Suite("Same answer twice", .serialized)
struct SameAnswerCLITests {
    /// Busy loops on every core, until stopped.
    final class Hogs {
        private var processes: [Process] = []
        init(count: Int) throws {
            for _ in 0..<count {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/bin/sh")
                p.arguments = ["-c", "while :; do :; done"]
                try p.run()
                processes.append(p)
            }
        }
        /// SIGKILL: the loops inherit the test thread's blocked signals, SIGTERM among them.
        func stop() {
            for p in processes where p.isRunning { kill(p.processIdentifier, SIGKILL) }
            for p in processes { p.waitUntilExit() }
        }
        deinit { stop() }
    }

    /// 15 x 8 x 24 stopped by a small budget in the middle of its search (a few seconds of
    /// branch-and-cut and dives): `feasible`, `stopped_by: effort`, and byte-identical with
    /// two busy loops per core beside it, where a time limit gave 61, 69 and 61 unmet cases.
    @Test(.tags(.slow)) func anEffortLimitedPlanIsTheSameBesideACPUHog() throws {
        let arguments = ["plan", "Benchmarks/scenarios/M.yaml", "--effort", "60000", "--format", "json"]
        let alone = try CLIRunner.run(arguments)
        #expect(alone.status == 0, "\(alone.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(alone.stdout.utf8)) as? [String: Any])
        #expect(json["status"] as? String == "feasible")
        #expect(json["stopped_by"] as? String == "effort")
        #expect(json["stopped_level"] as? String == "unmet")
        #expect(json["searched_after_stop"] as? [String] == ["waiting", "cost"])
        let effort = try #require(json["effort"] as? Int)
        #expect(effort <= 60_000 + 2_000 && effort >= 50_000, "\(effort)")
        let hogs = try Hogs(count: 2 * ProcessInfo.processInfo.activeProcessorCount)
        let loaded = try CLIRunner.run(arguments)
        let again = try CLIRunner.run(arguments)
        hogs.stop()
        #expect(loaded.status == 0)
        #expect(loaded.stdout == alone.stdout, "the same bytes under load")
        #expect(again.stdout == alone.stdout)
    }

    /// A time limit too short for the search stops it by the clock, and says so.
    @Test(.tags(.slow)) func aClockStopSaysSo() throws {
        let r = try CLIRunner.run([
            "plan", "Benchmarks/scenarios/L.yaml", "--time-limit", "1", "--effort", "100000000",
            "--format", "json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["status"] as? String == "feasible")
        #expect(json["stopped_by"] as? String == "clock")
    }
}
