import Foundation
import Testing

/// `iars` with social services (`services:`): every output names them, a full service
/// is a bottleneck in words, an infeasible one exits 1 naming the service, and `--set`
/// reaches them.
@Suite struct ServicesCLITests {
    static let twoServices = "Tests/IARSCoreTests/Fixtures/services/hand/two-services.yaml"
    static let infeasible = "Tests/IARSCoreTests/Fixtures/services/hand/infeasible-guardians.yaml"

    @Test func everyFormatHasTheServices() throws {
        let table = try CLIRunner.run(["plan", Self.twoServices])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(
            table.stdout.contains("Objective: unmet 3 (priority-weighted), waiting 0 person-months, cost 19,524.50 USD")
        )
        #expect(table.stdout.contains(", services "), "cost by kind")
        #expect(table.stdout.range(of: #"\nservice +guardians +"#, options: .regularExpression) != nil, "how full")

        let csv = try CLIRunner.run(["plan", Self.twoServices, "--format", "csv"])
        #expect(csv.stdout.contains("svc-two-services,service,guardians,2001-03,capacity,2\n"))
        #expect(csv.stdout.contains("svc-two-services,month,,2001-01,cost_services,"))

        let json = try CLIRunner.run(["plan", Self.twoServices, "--format", "json"])
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let services = try #require(plan["services"] as? [[String: Any]])
        #expect(services.compactMap { $0["id"] as? String } == ["social-workers", "guardians"])
        let totals = try #require(plan["totals"] as? [String: Any])
        let months = try #require(plan["months"] as? [[String: Any]])
        let monthly = months.compactMap { $0["cost_services"] as? Double }.reduce(0, +)
        #expect(abs((totals["cost_services"] as? Double ?? -1) - monthly) < 1e-6)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iars-svc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("plan.html").path
        let html = try CLIRunner.run(["plan", Self.twoServices, "--explain", "--html", page])
        #expect(html.status == 0, "\(html.stderr)")
        let text = try String(contentsOfFile: page, encoding: .utf8)
        #expect(text.contains("<td>service</td><td>guardians</td>"))
        #expect(text.contains("Service guardians is fully booked in"))
    }

    @Test func explainSaysWhichServiceIsFullyBooked() throws {
        let r = try CLIRunner.run(["plan", "scenarios/albania-2001.yaml", "--explain"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("  - Service guardians is fully booked in 2001-06 to 2001-09.\n"), "\(r.stdout)")
    }

    @Test func anInfeasibleServiceIsNamed() throws {
        let r = try CLIRunner.run(["plan", Self.infeasible])
        #expect(r.status == 1)
        #expect(r.stdout.contains("the people already in shelter cannot be housed, served or paid for."))
        #expect(
            r.stdout.contains(
                "  - 2001-01: service guardians cannot serve the people already in shelter: 2 case-months, 3 more needed "
                    + "(raise services[0].capacity for 2001-01 or lower the initial cases)\n"), "\(r.stdout)")
        // with the capacity raised on the command line, a plan
        let raised = try CLIRunner.run(["plan", Self.infeasible, "--set", "services.guardians.capacity=6"])
        #expect(raised.status == 0, "\(raised.stderr)")
        let typo = try CLIRunner.run(["plan", Self.infeasible, "--set", "services.guardianz.capacity=6"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("unknown service 'guardianz'; did you mean 'guardians'?"))
    }

    @Test func validateCountsTheServices() throws {
        let r = try CLIRunner.run(["validate", Self.twoServices])
        #expect(r.status == 0)
        #expect(r.stdout.contains(", 1 partner, 2 services"), "\(r.stdout)")
    }

    @Test func sweepVariesAServiceCapacity() throws {
        let r = try CLIRunner.run([
            "sweep", "scenarios/albania-2001.yaml", "--vary", "services.guardians.capacity=1:2:1", "--format", "csv",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("services.guardians.capacity"))
    }
}
