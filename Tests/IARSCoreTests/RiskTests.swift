import Foundation
import Testing

@testable import IARSCore
@testable import IARSInput
@testable import IARSReport

/// The risk report's arithmetic, the future files, shards' records, and `--jobs`.
@Suite struct RiskTests {
    static func small() throws -> Scenario {
        try ScenarioLoader.load(path: TestFiles.fixtures.appendingPathComponent("futures/small.yaml").path)
    }

    @Test("quantiles by nearest rank: the value at rank ceil(q N)")
    func quantiles() {
        let v: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        #expect(RiskResult.quantile(v, percent: 10) == 1)
        #expect(RiskResult.quantile(v, percent: 50) == 5)
        #expect(RiskResult.quantile(v, percent: 90) == 9)
        #expect(RiskResult.quantile(v, percent: 95) == 10)  // rank ceil(9.5) = 10
        #expect(RiskResult.quantile([7], percent: 10) == 7)
        #expect(RiskResult.quantile([], percent: 50) == 0)
        // 20 values: p95 is rank 19, p90 rank 18, p50 rank 10.
        let twenty = (1...20).map(Double.init)
        #expect(RiskResult.quantile(twenty, percent: 95) == 19)
        #expect(RiskResult.quantile(twenty, percent: 90) == 18)
        #expect(RiskResult.quantile(twenty, percent: 50) == 10)
        let s = RiskResult.summary([4, 0, 2, 2])
        #expect(s == RiskResult.Summary(mean: 2, p10: 0, p50: 2, p90: 4, p95: 4, max: 4))
    }

    @Test(
        "the 95% Wilson interval",
        arguments: [
            (4, 20, 0.08065766257979806, 0.41601743225189364),
            (0, 10, 0, 0.2775327998628892),
            (175, 200, 0.8219857499741765, 0.9138802552428735),
        ])
    func wilson(_ k: Int, _ n: Int, _ low: Double, _ high: Double) {
        let (l, h) = RiskResult.wilson(k, n)
        #expect(abs(l - low) < 1e-15)
        #expect(abs(h - high) < 1e-15)
    }

    static func outcome(_ f: Int, unmet: Double, cases: Double, cost: Double, full: [Bool]) -> FutureOutcome {
        FutureOutcome(
            future: f, status: .optimal, objective: FutureOutcome.objective(unmet: unmet, waiting: 1, cost: cost),
            unmetCases: cases, groupUnmet: [cases, 0], inShelter: [Double(f), 2 * Double(f)], budgetBinding: f == 2,
            full: full, effort: 10)
    }

    @Test("a report worked by hand: four futures, one without a plan")
    func handWorked() throws {
        let frame = RiskFrame(
            scenario: try Self.small(), futures: 4, seed: 7, integer: true, purchase: ["annex": 1])
        var none = Self.outcome(4, unmet: 0, cases: 0, cost: 0, full: [])
        none.status = .infeasible
        none.objective = nil
        let outcomes = [
            Self.outcome(3, unmet: 2e-7, cases: 0, cost: 300, full: [true, false, false, false, false, false]),
            Self.outcome(1, unmet: 4, cases: 2, cost: 100, full: [true, false, true, false, false, false]),
            none,
            Self.outcome(2, unmet: 0, cases: 0, cost: 200, full: [false, false, true, false, false, false]),
        ]
        let r = RiskResult(frame: frame, outcomes: outcomes)
        #expect(r.outcomes.map(\.future) == [1, 2, 3, 4])
        #expect(r.planned == 3)
        // Futures 2 and 3 serve everyone (2e-7 is the solver's noise); 4 has no plan.
        #expect(r.servedAll.count == 2 && r.servedAll.of == 4)
        let mean: Double = (4 + 0 + 2e-7) / 3
        let unmet = RiskResult.Summary(mean: mean, p10: 0, p50: 2e-7, p90: 4, p95: 4, max: 4)
        #expect(r.unmet == unmet)
        #expect(r.cost.mean == 200)
        #expect(r.cost.p50 == 200)
        #expect(r.cost.p90 == 300)
        #expect(r.budgetBinding == 1.0 / 3)
        let third: Double = 1.0 / 3
        let twoThirds: Double = 2.0 / 3
        #expect(r.groups.map(\.shareAny) == [third, 0])
        let shares: [Double] = [twoThirds, 0, twoThirds, 0, 0, 0]
        #expect(r.capacities.map(\.shareFull) == shares)
        #expect(
            r.capacities.map(\.capacity.id) == ["tirana", "clinic", "md-bus", "ro-bus", "md-partner", "ro-partner"])
        #expect(r.inShelter.map(\.p50) == [2, 4, 0, 0, 0, 0])  // six months, two in the records
        #expect(r.frame.buy == [RiskFrame.Bought(id: "annex", blocks: 1, cost: 3000)])
        #expect(r.frame.purchaseCost == 3000)
    }

    @Test("a written future reads back as the future planned: purchase, --lp and all")
    func futureFileRoundTrip() throws {
        let s = try Self.small()
        let document = try Document.load(path: TestFiles.fixtures.appendingPathComponent("futures/small.yaml").path)
        let risk = RiskPlanner(integer: false, purchase: ["annex": 1, "charter": 2])
        for future in try risk.scenarios(s, futures: [1, 2, 7]) {
            let text = FutureFile.text(document: document, future: future, header: ["a future"])
            let back = try ScenarioLoader.parse(text: text, file: "future.yaml")
            #expect(back == future)
            #expect(text.hasPrefix("# a future\nname: \"small.future-0000"))
        }
    }

    @Test("albania-2001's futures (comments, folded text, variants) read back as planned")
    func albaniaFutureFiles() throws {
        let path = TestFiles.path("scenarios/albania-2001.yaml")
        let s = try ScenarioLoader.load(path: path)
        let document = try Document.load(path: path)
        let risk = RiskPlanner(purchase: ["tirana-annex": 2, "md-partner-place": 1])
        for future in try risk.scenarios(s, futures: Array(1...5)) {
            let text = FutureFile.text(document: document, future: future, header: [])
            #expect(try ScenarioLoader.parse(text: text, file: "future.yaml") == future)
            #expect(!text.contains("variants:") && !text.contains("uncertainty:") && !text.contains("buy:"))
        }
    }

    @Test("YAML written from a document reads back to the same values")
    func documentYAML() throws {
        let text = """
            a: "NO"
            b: [1, -2.5, 1e-05, "2001-01", true, null]
            "key with: colon": "line\\nbreak \\"quoted\\" \\u0001 é"
            c:
              - { x: 1, y: [] }
              - plain
              - []
            d: {}
            yes: 3
            """
        let doc = try Document.parse(text: text, file: "t.yaml")
        let written = DocumentYAML.text(doc.root)
        let again = try Document.parse(text: written, file: "t.yaml")
        func strip(_ n: DocumentNode) -> String { DocumentYAML.flow(n) }
        #expect(strip(again.root) == strip(doc.root))
        #expect(written.contains("a: \"NO\"\n"))
        #expect(written.contains("\"yes\": 3\n"))
    }

    @Test("a shard's records read back to the same bits")
    func partRoundTrip() throws {
        let frame = RiskFrame(scenario: try Self.small(), futures: 2, seed: 1, integer: false, purchase: [:])
        let outcomes = [
            Self.outcome(1, unmet: 0.1 + 0.2, cases: 1.0 / 3, cost: 20446.000000000004, full: [true]),
            Self.outcome(2, unmet: 5e-324, cases: 0, cost: 1e15 + 0.5, full: [false]),
        ]
        let part = RiskPart(shard: 1, shards: 1, frame: frame, outcomes: outcomes)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("risk-part-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try part.text().write(to: url, atomically: true, encoding: .utf8)
        let back = try RiskPart.read(path: url.path)
        #expect(back.outcomes == outcomes)
        #expect(back.frame == frame)
        let merged = try RiskPart.merge([(url.path, back)])
        #expect(merged == RiskResult(frame: frame, outcomes: outcomes))
    }

    @Test("one thread or three: the same records", .tags(.slow))
    func jobs() throws {
        let s = try Self.small()
        let one = try RiskPlanner(jobs: 1).plan(s, futures: Array(1...6))
        let three = try RiskPlanner(jobs: 3).plan(s, futures: Array(1...6))
        #expect(one == three)
        #expect(one.map(\.future) == Array(1...6))
        #expect(one.allSatisfy { $0.status == .optimal })
    }

    @Test("shards: contiguous blocks covering every future once")
    func shards() {
        #expect(RiskPlanner.shard(1, of: 3, futures: 10) == 1...3)
        #expect(RiskPlanner.shard(2, of: 3, futures: 10) == 4...6)
        #expect(RiskPlanner.shard(3, of: 3, futures: 10) == 7...10)
        #expect(RiskPlanner.shard(2, of: 4, futures: 2) == 1...1)
        #expect(RiskPlanner.shard(1, of: 4, futures: 2) == nil)
    }
}

/// The risk page and table on a report worked by hand.
@Suite struct RiskReportTests {
    static func report() throws -> RiskResult {
        let s = try ScenarioLoader.load(path: TestFiles.fixtures.appendingPathComponent("futures/small.yaml").path)
        let frame = RiskFrame(scenario: s, futures: 3, seed: 7, integer: true, purchase: [:])
        let outcomes = (1...3).map { f in
            RiskTests.outcome(
                f, unmet: Double(f - 1), cases: Double(f - 1), cost: 100 * Double(f),
                full: [f == 3, false, false, false, false, false])
        }
        return RiskResult(frame: frame, outcomes: outcomes)
    }

    @Test("the HTML page: three charts (fan, unmet, capacities), self-contained")
    func page() throws {
        let html = RiskHTML.render(try Self.report())
        #expect(html.components(separatedBy: "<svg ").count - 1 == 3)
        for id in ["chart-in-shelter", "chart-unmet", "chart-full"] { #expect(html.contains("id=\"\(id)\"")) }
        #expect(html.components(separatedBy: "<polygon class=\"band\"").count - 1 == 1)
        #expect(!html.contains("<script"))
        #expect(html.contains("<dt>Everyone served</dt><dd>33.3% of futures</dd>"))
    }

    @Test("the table's first lines")
    func table() throws {
        let text = RiskTable.render(try Self.report())
        let head = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(6).joined(separator: "\n")
        #expect(
            head == """
                iars risk: small, 3 futures (seed 7), integer plans
                Each future is planned with hindsight of its own arrivals: the figures bound what month-by-month
                operations could achieve.

                Everyone served (weighted unmet 0) in 33.3% of the futures (1 of 3; 95% interval 6.1% to 79.2%)
                Budget used up in 33.3% of the futures with a plan; median cost 1.0% of the total budget (20,000.00 USD), p90 1.5%
                """)
    }
}

/// Social services are capacities of the risk report too: their case-months can be full.
@Suite struct RiskServicesTests {
    @Test("a service is counted full where its load reaches its capacity")
    func servicesAreCapacities() throws {
        let s = try ScenarioLoader.load(
            path: TestFiles.fixtures.appendingPathComponent("services/hand/two-services.yaml").path)
        let capacities = RiskCapacity.all(s)
        #expect(
            capacities.suffix(2) == [
                .init(kind: .service, id: "social-workers"), .init(kind: .service, id: "guardians"),
            ])
        #expect(capacities.last?.what == "case-months")
        let result = try Planner().plan(s)
        #expect(result.objective?.unmet == 3)
        let outcome = FutureOutcome(future: 1, result: result, scenario: s)
        #expect(outcome.full.count == capacities.count)
        // the guardians (capacity 3, 3, 2, 3, 4, 4) are full in some month of the optimal plan
        let guardians = try #require(result.services.last)
        let fullMonths = guardians.months.filter { $0.used >= $0.capacity - 1e-6 }.count
        #expect(fullMonths > 0)
        #expect(outcome.full.last == true)
    }
}
