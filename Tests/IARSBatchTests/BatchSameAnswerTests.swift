import Foundation
import Testing

/// The weekly job gives the same answer twice: a history diff reports only what changed in
/// the input, never the machine's load (batch uses effort budgets, not the clock).
@Suite("Batch: the same answer twice")
struct BatchSameAnswerTests {
    @Test(.tags(.slow)) func theShippedScenariosTwiceGiveIdenticalOutputs() throws {
        let dir = try BatchCLI.scratch("same")
        defer { try? FileManager.default.removeItem(at: dir) }
        let shipped = BatchCLI.repository("scenarios")
        try FileManager.default.copyItem(at: shipped, to: dir.appendingPathComponent("in"))
        for out in ["one", "two"] {
            let r = try BatchCLI.run(["batch", "in", "--out", out, "--log-format", "text"], cwd: dir, tag: out)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("one").path)
            .filter { $0.hasSuffix(".plan.json") || $0.hasSuffix(".schedule.json") }.sorted()
        // the three scenarios (with albania-2001's five variants) and the schedule
        #expect(names.count == 9, "\(names)")
        for name in names {
            let a = try Data(contentsOf: dir.appendingPathComponent("one/\(name)"))
            let b = try Data(contentsOf: dir.appendingPathComponent("two/\(name)"))
            #expect(a == b, "\(name) differs between two runs")
        }
    }
}
