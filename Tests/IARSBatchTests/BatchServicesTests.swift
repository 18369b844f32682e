import Foundation
import IARSHistory
import Testing

/// A batch of scenarios with social services: each plan's JSON has its services, and the
/// history keeps each service's capacity, load and cost per month (table
/// `service_months`, migration `v4-services`), shown by `iars history --format json`.
@Suite struct BatchServicesTests {
    @Test func theHistoryKeepsEachServicesMonths() throws {
        let dir = try BatchCLI.scratch("services")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try BatchCLI.copyRepository("Tests/IARSCoreTests/Fixtures/services/hand/two-services.yaml", to: input)
        try BatchCLI.copyRepository("scenarios/albania-2001-tight-budget.yaml", to: input, as: "tight.yaml")
        let r = try BatchCLI.run(
            ["batch", "in", "--out", "out", "--log-format", "text", "--time-limit", "30"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")

        let plan = try BatchCLI.json(dir.appendingPathComponent("out/two-services.plan.json"))
        let services = try #require(plan["services"] as? [[String: Any]])
        #expect(services.map { $0["id"] as? String } == ["social-workers", "guardians"])
        let totals = try #require(plan["totals"] as? [String: Any])
        #expect(totals["cost_services"] as? Double != nil)
        // no services: no services key
        #expect(try BatchCLI.json(dir.appendingPathComponent("out/tight.plan.json"))["services"] == nil)

        let store = try HistoryStore(path: dir.appendingPathComponent("out/history.sqlite").path, readOnly: true)
        defer { try? store.close() }
        let runs = try store.runs()
        let withServices = try #require(runs.first { $0.input == "two-services.yaml" })
        let kept = try #require(withServices.services)
        #expect(kept.count == 2 * 6)
        #expect(
            kept.map(\.service) == Array(repeating: "social-workers", count: 6)
                + Array(repeating: "guardians", count: 6))
        #expect(kept.filter { $0.service == "guardians" }.map(\.capacity) == [3, 3, 2, 3, 4, 4])
        // the history's figures are the plan's
        let planned = try #require(services.last?["months"] as? [[String: Any]])
        #expect(kept.filter { $0.service == "guardians" }.map(\.load) == planned.map { $0["case_months"] as? Double })
        #expect(runs.first { $0.input == "tight.yaml" }?.services == nil)

        let json = try BatchCLI.run(
            ["history", "--db", "out/history.sqlite", "--scenario", "svc-two-services", "--format", "json"], cwd: dir,
            tag: "history")
        #expect(json.status == 0, "\(json.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let rows = try #require(list.first?["services"] as? [[String: Any]])
        #expect(rows.count == 12 && rows.first?["service"] as? String == "social-workers")
        #expect(rows.first?.keys.sorted() == ["capacity", "case_months", "cost", "month", "service"])
    }
}
