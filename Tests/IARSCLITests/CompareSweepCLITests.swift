import Foundation
import Testing

/// `iars compare`, `iars sweep`, and `iars plan --variant/--set/--scale`, end to end.
@Suite(.serialized) struct CompareSweepCLITests {
    static let albania = "scenarios/albania-2001.yaml"
    static let variants = ["second-shelter", "charter-chisinau", "bigger-budget", "ukraine-surge", "no-vlora"]
    static let infeasible = "Tests/IARSCoreTests/Fixtures/generated/g03-s02-m06-seed1-r1-initial-infeasible-beds.yaml"

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Every number of `a` equals `b`'s (JSON numbers may come back as Int or Double).
    func same(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case let (x as [String: Any], y as [String: Any]):
            return Set(x.keys) == Set(y.keys) && x.keys.allSatisfy { same(x[$0], y[$0]) }
        case let (x as NSNumber, y as NSNumber): return x.doubleValue == y.doubleValue
        case (is NSNull, is NSNull): return true
        default: return false
        }
    }

    @Test(.tags(.slow)) func compareShowsTheShippedVariantsWithTheNumbersOfSeparatePlans() throws {
        let r = try CLIRunner.run(["compare", Self.albania, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let c = try json(r.stdout)
        #expect(c["schema"] as? String == "iars.compare/1")
        let options = try #require(c["options"] as? [[String: Any]])
        #expect(options.map { $0["label"] as? String } == ["base"] + Self.variants)
        for o in options {
            let label = try #require(o["label"] as? String)
            let args =
                label == "base"
                ? ["plan", Self.albania, "--format", "json"]
                : ["plan", Self.albania, "--variant", label, "--format", "json"]
            let p = try json(try CLIRunner.run(args).stdout)
            #expect(o["scenario"] as? String == p["scenario"] as? String)
            #expect(o["status"] as? String == p["status"] as? String)
            #expect(same(o["objective"], p["objective"]), "\(label): objective")
            let m = try #require(o["metrics"] as? [String: Any])
            let t = try #require(p["totals"] as? [String: Any])
            for (mk, tk) in [
                ("served", "admitted"), ("unmet", "unmet"), ("returned", "returned"), ("waiting", "waiting"),
                ("cost", "cost"), ("budget_total", "budget_total"), ("peak_bed_use", "peak_bed_use"),
            ] {
                #expect(same(m[mk], t[tk]), "\(label): \(mk)")
            }
            #expect(same(m["budget_used"], t["budget_used"]), "\(label): budget_used")
            // By group and country, from the plan's groups.
            let groups = try #require(p["groups"] as? [[String: Any]])
            let served = try #require(m["served_by_group"] as? [String: Any])
            var byCountry: [String: Double] = [:]
            for g in groups {
                let id = try #require(g["id"] as? String)
                let months = try #require(g["months"] as? [[String: Any]])
                let admitted = months.reduce(0.0) { $0 + (($1["admitted"] as? NSNumber)?.doubleValue ?? .nan) }
                #expect((served[id] as? NSNumber)?.doubleValue == admitted, "\(label): served \(id)")
                byCountry[g["country"] as! String, default: 0] += months.reduce(0.0) {
                    $0 + (($1["returned"] as? NSNumber)?.doubleValue ?? .nan)
                }
            }
            let returned = try #require(m["returned_by_country"] as? [String: Any])
            for (country, v) in byCountry {
                #expect((returned[country] as? NSNumber)?.doubleValue == v, "\(label): \(country)")
            }
        }
        // The base is the reference's plan (Fixtures/shipped-expected.json): variants do not change it.
        #expect(same(options[0]["objective"], ["unmet": 0, "waiting": 4, "cost": 20446] as [String: Any]))
    }

    @Test(.tags(.slow)) func compareTableAndCSV() throws {
        let t = try CLIRunner.run(["compare", Self.albania])
        #expect(t.status == 0)
        #expect(t.stdout.contains("iars compare: albania-2001 (scenarios/albania-2001.yaml): the base and 5 variants"))
        for v in Self.variants { #expect(t.stdout.contains(v)) }
        #expect(t.stdout.contains("Cases served"))
        #expect(t.stdout.contains("20,446"))
        let a = try CLIRunner.run(["compare", Self.albania, "--format", "csv"])
        let lines = a.stdout.split(separator: "\n")
        #expect(lines.first == "option,scenario,metric,key,value,difference")
        #expect(lines.contains("base,albania-2001,status,optimal,,"))
        #expect(lines.contains("base,albania-2001,cost,,20446,0"))
        #expect(lines.contains("bigger-budget,albania-2001/bigger-budget,budget_total,,25000,4500"))
    }

    @Test func compareSeveralFilesAndExitCodes() throws {
        let r = try CLIRunner.run([
            "compare", "scenarios/albania-2001-tight-budget.yaml", Self.infeasible, "--format", "json",
        ])
        #expect(r.status == 1, "\(r.stderr)")
        let options = try #require(try json(r.stdout)["options"] as? [[String: Any]])
        #expect(options.map { $0["status"] as? String } == ["optimal", "infeasible"])
        #expect(r.stderr.contains("no plan (infeasible)"))
        // Byte-identical across runs.
        let again = try CLIRunner.run([
            "compare", "scenarios/albania-2001-tight-budget.yaml", Self.infeasible, "--format", "json",
        ])
        #expect(again.stdout == r.stdout)
        let csv1 = try CLIRunner.run(["compare", "scenarios/albania-2001-tight-budget.yaml", "--format", "csv"])
        let csv2 = try CLIRunner.run(["compare", "scenarios/albania-2001-tight-budget.yaml", "--format", "csv"])
        #expect(csv1.status == 0 && csv1.stdout == csv2.stdout)
        let missing = try CLIRunner.run(["compare", Self.albania, "nowhere.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nowhere.yaml: cannot read"))
        #expect(missing.stdout.isEmpty)
    }

    @Test func planVariantAndOverrides() throws {
        let v = try CLIRunner.run(["plan", Self.albania, "--variant", "bigger-budget", "--format", "json"])
        #expect(v.status == 0)
        let p = try json(v.stdout)
        #expect(p["scenario"] as? String == "albania-2001/bigger-budget")
        // --set equals the variant that sets the same value.
        let s = try CLIRunner.run(["plan", Self.albania, "--set", "budget.total=25000", "--format", "json"])
        #expect(same(try json(s.stdout)["objective"], p["objective"]))

        let bad = try CLIRunner.run([
            "plan", Self.albania, "--set", "shelters.tirna.beds=30", "--scale", "budget.totl=2",
        ])
        #expect(bad.status == 2)
        #expect(bad.stdout.isEmpty)
        #expect(
            bad.stderr == """
                command line: budget.totl: unknown field 'totl' of budget; did you mean 'total'? (fields: total, monthly)
                command line: shelters.tirna.beds: unknown shelter 'tirna'; did you mean 'tirana'?
                iars: 2 problems found; nothing was planned. Fix the input and run again.

                """)
        let unknown = try CLIRunner.run(["plan", Self.albania, "--variant", "bigger-budgets"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("--variant: unknown variant 'bigger-budgets'; did you mean 'bigger-budget'?"))
    }

    @Test func validateListsTheVariants() throws {
        let r = try CLIRunner.run(["validate", Self.albania])
        #expect(r.status == 0)
        #expect(
            r.stdout.hasSuffix(
                "; 5 variants: second-shelter, charter-chisinau, bigger-budget, ukraine-surge, no-vlora\n"))
    }

    @Test(.tags(.slow)) func sweepOneParameter() throws {
        let r = try CLIRunner.run([
            "sweep", Self.albania, "--vary", "budget.total=20000:21000:1000", "--format", "json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let s = try json(r.stdout)
        #expect(s["schema"] as? String == "iars.sweep/1")
        let points = try #require(s["points"] as? [[String: Any]])
        #expect(points.count == 2)
        // 21000 serves everyone at once (the file's own notes: USD 20,792).
        let costs = points.map { (($0["objective"] as? [String: Any])?["cost"] as? NSNumber)?.doubleValue }
        #expect(costs.last == 20792)
        for (p, total) in zip(points, [20000.0, 21000]) {
            let alone = try CLIRunner.run([
                "plan", Self.albania, "--set", "budget.total=\(Int(total))", "--format", "json",
            ])
            #expect(same(p["objective"], try json(alone.stdout)["objective"]), "\(total)")
        }
        let table = try CLIRunner.run(["sweep", Self.albania, "--vary", "budget.total=20000:21000:1000"])
        #expect(table.stdout.contains("Cost, USD"))
        #expect(table.stdout.contains("  21000 | ████████████████████████████████████████ 20,792.00"))
    }

    @Test func sweepWithoutAPlanExitsOne() throws {
        let r = try CLIRunner.run([
            "sweep", Self.infeasible, "--vary", "shelters.tirana.beds=40:46:6", "--format", "csv",
        ])
        #expect(r.status == 1, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "point,shelters.tirana.beds,metric,key,value")
        #expect(lines.contains("1,40,status,infeasible,"))
        #expect(lines.contains("2,46,status,infeasible,"))
    }

    @Test func sweepErrorsExitTwo() throws {
        let none = try CLIRunner.run(["sweep", Self.albania])
        #expect(none.status == 2)
        let three = try CLIRunner.run([
            "sweep", Self.albania, "--vary", "budget.total=1:2:1", "--vary", "shelters.vlora.beds=1:2:1",
            "--vary", "shelters.tirana.beds=1:2:1",
        ])
        #expect(three.status == 2)
        let path = try CLIRunner.run(["sweep", Self.albania, "--vary", "shelters.vlra.beds=1:3:1"])
        #expect(path.status == 2)
        #expect(
            path.stderr.hasPrefix(
                "command line: shelters.vlra.beds: unknown shelter 'vlra'; did you mean 'vlora'? (sweep point shelters.vlra.beds=1)"
            ))
        let step = try CLIRunner.run(["sweep", Self.albania, "--vary", "budget.total=1:3:0"])
        #expect(step.status == 2)
        #expect(step.stderr.hasPrefix("--vary: budget.total: STEP must be > 0, got 0"))
    }
}
