import Foundation
import Testing

/// An attacker's view of `--suppress-below K` (issue 20, item 2): for every hidden cell of
/// `plan`, `compare` and `sweep` (JSON, CSV, table), try each derivation a reader could make
/// from what is printed (a total minus the other visible cells, arrivals minus unmet, base
/// plus difference, the priority-weighted unmet with the groups' priorities, a country's
/// returns by group = by route = by partner, the table's per-group rows) and expect none to
/// recover it. The true values come from the same run without `--suppress-below`.
@Suite struct SuppressionAttackTests {
    static let file = "scenarios/albania-2001.yaml"
    static let k = 5
    /// The groups' priorities, as the scenario (an input, not a shared report) gives them;
    /// the attacker is assumed to know them (the plan table prints them).
    static let priority: [String: Double] = [
        "md-women": 1, "md-minors": 3, "ro-women": 1, "bg-women": 1,
        "ua-women": 1, "al-women": 1.5,
    ]

    static func json(_ args: [String]) throws -> [String: Any] {
        let r = try CLIRunner.run(args + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    /// A printed number, or nil for `<K` / `suppressed` (what the attacker cannot read).
    static func number(_ v: Any?) -> Double? { v as? Double ?? (v as? Int).map(Double.init) }

    /// The derivations from one relation: `known` (a published figure: a total, or 0 for an
    /// equality) = the sum of `cells` (value or nil when hidden), each with its coefficient.
    /// Returns the hidden cell it recovers, if exactly one is hidden.
    static func recovered(_ cells: [(name: String, coefficient: Double, value: Double?)], known: Double?) -> String? {
        guard known != nil else { return nil }
        let hidden = cells.filter { $0.value == nil }
        return hidden.count == 1 ? hidden[0].name : nil
    }

    // MARK: compare

    @Test(.tags(.slow)) func compareGivesNoHiddenCellAway() throws {
        let args = ["compare", Self.file]
        let plain = try #require(try Self.json(args)["options"] as? [[String: Any]])
        let shared = try #require(
            try Self.json(args + ["--suppress-below", String(Self.k)])["options"] as? [[String: Any]])
        var hiddenCells = 0
        for (i, o) in shared.enumerated() {
            let label = o["label"] as? String ?? "?"
            let m = try #require(o["metrics"] as? [String: Any])
            let d = try #require(o["difference"] as? [String: Any])
            let truth = try #require(plain[i]["metrics"] as? [String: Any])
            let base = try #require(shared[0]["metrics"] as? [String: Any])
            for (total, by) in [
                ("served", "served_by_group"), ("unmet", "unmet_by_group"), ("returned", "returned_by_country"),
            ] {
                let cells = try #require(m[by] as? [String: Any])
                let diffs = try #require(d[by] as? [String: Any])
                let baseCells = try #require(base[by] as? [String: Any])
                for (key, v) in cells where Self.number(v) == nil {
                    hiddenCells += 1
                    // the cell as shown must be true of it: <K only when below K
                    let t = try #require(Self.number((truth[by] as? [String: Any])?[key]))
                    #expect(
                        (v as? String == "<\(Self.k)") == (t < Double(Self.k)),
                        "\(label) \(by).\(key): \(String(describing: v)) for \(t)")
                    // base + difference
                    #expect(
                        Self.number(diffs[key]) == nil || Self.number(baseCells[key]) == nil,
                        "\(label) \(by).\(key) = base + difference")
                    // served + unmet = arrivals (the arrivals are inputs, and the base's served + unmet)
                    if by != "returned_by_country" {
                        let other = by == "served_by_group" ? "unmet_by_group" : "served_by_group"
                        #expect(
                            Self.number((m[other] as? [String: Any])?[key]) == nil,
                            "\(label) \(by).\(key) = arrivals - \(other).\(key)")
                    }
                }
                // the total minus the other visible cells
                let r = Self.recovered(cells.map { ($0.key, 1, Self.number($0.value)) }, known: Self.number(m[total]))
                #expect(r == nil, "\(label) \(by).\(r ?? "") = \(total) - the others")
                // the total's difference minus the other differences, then base + difference
                let rd = Self.recovered(diffs.map { ($0.key, 1, Self.number($0.value)) }, known: Self.number(d[total]))
                #expect(
                    rd == nil || Self.number(baseCells[rd!]) == nil, "\(label) \(by).\(rd ?? "") from the differences")
                // a hidden base cell: base = option - difference, for every option
                for (key, v) in baseCells where Self.number(v) == nil {
                    #expect(
                        Self.number(diffs[key]) == nil || Self.number(cells[key]) == nil,
                        "base \(by).\(key) from \(label)")
                }
            }
            // the priority-weighted unmet with the unmet total: two sums of the hidden unmet
            let unmet = try #require(m["unmet_by_group"] as? [String: Any])
            let hiddenPriorities = unmet.filter { Self.number($0.value) == nil }.map { Self.priority[$0.key]! }
            if Self.pinned(hiddenPriorities) {
                #expect(Self.number(m["unmet_weighted"]) == nil, "\(label): unmet_weighted pins a hidden group down")
                #expect(Self.number((o["objective"] as? [String: Any])?["unmet"]) == nil, "\(label): objective.unmet")
            }
        }
        // the case of the issue: charter-chisinau's 4 unmet ua-women
        let charter = try #require(shared.first { $0["label"] as? String == "charter-chisinau" })
        let served = try #require((charter["metrics"] as? [String: Any])?["served_by_group"] as? [String: Any])
        #expect(Self.number(served["ua-women"]) == nil)  // 10: was shown, with its -4
        #expect(hiddenCells >= 4)
    }

    /// Whether the hidden cells' sum and their sum weighted by these priorities pin one down
    /// (worked by hand: two unknowns with different weights, or all but one sharing a weight).
    static func pinned(_ p: [Double]) -> Bool {
        if p.count == 1 { return true }
        for i in p.indices {
            var others = p
            others.remove(at: i)
            if let q = others.first, others.allSatisfy({ $0 == q }), q != p[i] { return true }
        }
        return false
    }

    @Test(.tags(.slow)) func compareTableAndCSVShowNoHiddenDifference() throws {
        let r = try CLIRunner.run(["compare", Self.file, "--suppress-below", String(Self.k)])
        #expect(r.status == 0)
        // the issue's lines: "Cases served ua-women 10 (-4)" must not be printed
        let ua = r.stdout.split(separator: "\n").filter { $0.hasPrefix("  ua-women") }
        #expect(ua.count == 4)  // served and unmet, two blocks
        for line in ua { #expect(!line.contains("10 (-4)") && !line.contains("4 (+4)"), "\(line)") }
        let csv = try CLIRunner.run(["compare", Self.file, "--suppress-below", String(Self.k), "--format", "csv"])
        let rows = csv.stdout.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        for row in rows where row.count == 6 && (row[4] == "<5" || row[4] == "suppressed") {
            #expect(row[5] == "suppressed" || row[5] == "", "\(row)")  // its difference withheld
        }
        let charter = rows.filter { $0.first == "charter-chisinau" }
        #expect(
            charter.contains([
                "charter-chisinau", "albania-2001/charter-chisinau", "served", "ua-women", "suppressed", "suppressed",
            ]))
    }

    // MARK: plan

    @Test(.tags(.slow)) func planGivesNoHiddenCellAway() throws {
        let args = ["plan", Self.file, "--variant", "charter-chisinau"]
        let plain = try Self.json(args)
        let shared = try Self.json(args + ["--suppress-below", String(Self.k)])
        let months = try #require(shared["months"] as? [[String: Any]])
        let groups = try #require(shared["groups"] as? [[String: Any]])
        let truthGroups = try #require(plain["groups"] as? [[String: Any]])
        let routes = try #require(shared["routes"] as? [[String: Any]])
        let partners = try #require(shared["partners"] as? [[String: Any]])
        var hiddenCells = 0
        func cell(_ g: [String: Any], _ t: Int, _ key: String) -> Double? {
            Self.number(((g["months"] as? [[String: Any]])?[t])?[key])
        }
        for t in months.indices {
            for metric in ["arrivals", "admitted", "unmet", "returned", "waiting"] {
                let r = Self.recovered(
                    groups.map { ($0["id"] as! String, 1, cell($0, t, metric)) }, known: Self.number(months[t][metric]))
                #expect(r == nil, "month \(t + 1) \(metric) of \(r ?? "") = the month's total - the others")
            }
            for (gi, g) in groups.enumerated() {
                let id = g["id"] as! String
                for metric in ["arrivals", "admitted", "unmet", "returned", "waiting"] where cell(g, t, metric) == nil {
                    hiddenCells += 1
                    let truth = try #require(cell(truthGroups[gi], t, metric))
                    let shown = ((g["months"] as? [[String: Any]])?[t])?[metric] as? String
                    #expect(
                        (shown == "<5") == (truth < 5), "\(id) month \(t + 1) \(metric): \(shown ?? "") for \(truth)")
                }
                // arrivals = admitted + unmet
                let r = Self.recovered(
                    [
                        ("arrivals", 1, cell(g, t, "arrivals")), ("admitted", -1, cell(g, t, "admitted")),
                        ("unmet", -1, cell(g, t, "unmet")),
                    ], known: 0)
                #expect(r == nil, "\(id) month \(t + 1): \(r ?? "") from arrivals = admitted + unmet")
            }
            // a country's returns: by group = by route = by partner
            let countries = Set(groups.map { $0["country"] as! String })
            for c in countries {
                func sum(_ list: [[String: Any]], _ key: String) -> [(String, Double, Double?)] {
                    list.filter { $0["country"] as? String == c }.map { ($0["id"] as! String, 1, cell($0, t, key)) }
                }
                let byGroup = sum(groups, "returned"), byRoute = sum(routes, "returned"),
                    byPartner = sum(partners, "received")
                if !byRoute.isEmpty {
                    let r1 = Self.recovered(byGroup + byRoute.map { ($0.0, -1, $0.2) }, known: 0)
                    #expect(r1 == nil, "month \(t + 1) \(c): \(r1 ?? "") from returns by group = by route")
                }
                if !byRoute.isEmpty && !byPartner.isEmpty {
                    let r2 = Self.recovered(byRoute + byPartner.map { ($0.0, -1, $0.2) }, known: 0)
                    #expect(r2 == nil, "month \(t + 1) \(c): \(r2 ?? "") from returns by route = cases by partner")
                }
            }
            for (list, key) in [(routes, "returned"), (partners, "received")] {
                let r = Self.recovered(
                    list.map { ($0["id"] as! String, 1, cell($0, t, key)) }, known: Self.number(months[t]["returned"]))
                #expect(r == nil, "month \(t + 1): \(r ?? "") = the month's returns - the others")
            }
        }
        #expect(hiddenCells > 0)

        // the table's "Unmet arrivals by group": rows add up to the total unmet, and each row is
        // the sum of the group's months in the JSON
        let table = try CLIRunner.run(args + ["--suppress-below", String(Self.k)]).stdout
        let lines = table.components(separatedBy: "Unmet arrivals by group\n").last!.split(separator: "\n").dropFirst(2)
            .prefix { !$0.isEmpty && !$0.hasPrefix("Model") }
        var tableUnmet: [String: Double?] = [:]
        for line in lines {
            let f = line.split(separator: " ").map(String.init)
            tableUnmet[f[0]] = Double(f[4])
        }
        #expect(tableUnmet["ua-women"] != nil)
        for g in groups where tableUnmet[g["id"] as! String] == nil {  // not listed: a published 0
            tableUnmet[g["id"] as! String] = 0
        }
        let totalUnmet = Self.number((shared["totals"] as? [String: Any])?["unmet"])
        let r = Self.recovered(tableUnmet.map { ($0.key, 1, $0.value) }, known: totalUnmet)
        #expect(r == nil, "table: \(r ?? "")'s unmet = the total unmet - the other rows")
        for g in groups {
            let id = g["id"] as! String
            let rowCells = (0..<months.count).map { ("month \($0 + 1)", 1.0, cell(g, $0, "unmet")) }
            let rr = Self.recovered(rowCells + [("table row", -1, tableUnmet[id] ?? nil)], known: 0)
            #expect(rr == nil, "\(id): \(rr ?? "") from the table's row = the sum of its months")
        }
        // the priority-weighted unmet pins a hidden row down unless the hidden rows share priorities
        let hidden = tableUnmet.filter { $0.value == nil }.map { Self.priority[$0.key]! }
        if Self.pinned(hidden) {
            #expect(Self.number((shared["objective"] as? [String: Any])?["unmet"]) == nil)
            #expect(table.contains("Objective: unmet suppressed"))
        }
    }

    // MARK: sweep

    @Test(.tags(.slow)) func sweepWithholdsTheWeightedUnmetThatPinsAGroup() throws {
        let args = [
            "sweep", Self.file, "--vary", "groups.ua-women.arrivals*=1:1.5:0.25", "--suppress-below", String(Self.k),
        ]
        let s = try Self.json(args)
        let points = try #require(s["points"] as? [[String: Any]])
        #expect(s["suppressed_below"] as? Int == Self.k)
        #expect(points.count == 3)
        var withheld = 0
        for p in points {
            let m = try #require(p["metrics"] as? [String: Any])
            for (total, by) in [
                ("served", "served_by_group"), ("unmet", "unmet_by_group"), ("returned", "returned_by_country"),
            ] {
                let cells = try #require(m[by] as? [String: Any])
                let r = Self.recovered(cells.map { ($0.key, 1, Self.number($0.value)) }, known: Self.number(m[total]))
                #expect(r == nil, "\(by).\(r ?? "") = \(total) - the others")
                if by != "returned_by_country" {
                    let other = by == "served_by_group" ? "unmet_by_group" : "served_by_group"
                    for (key, v) in cells where Self.number(v) == nil {
                        #expect(
                            Self.number((m[other] as? [String: Any])?[key]) == nil, "\(by).\(key) = arrivals - \(other)"
                        )
                    }
                }
            }
            let unmet = try #require(m["unmet_by_group"] as? [String: Any])
            if Self.pinned(unmet.filter { Self.number($0.value) == nil }.map { Self.priority[$0.key]! }) {
                #expect(Self.number((p["objective"] as? [String: Any])?["unmet"]) == nil)
                #expect(Self.number(m["unmet_weighted"]) == nil)
                withheld += 1
            }
        }
        #expect(withheld == 1)  // x1.25: the one unmet case hidden beside a group of another priority
        let table = try CLIRunner.run(args)
        #expect(table.stdout.contains("  suppressed at 1 of 3 points (--suppress-below)"))
        let html = try CLIRunner.run(args + ["--html", "x.html"])
        #expect(html.status == 2 && html.stderr.contains("--suppress-below does not apply to --html"))
    }
}
