import Foundation
import Testing

@testable import IARSCore
@testable import IARSReport

/// Issue 19 part 6 (status and gap wherever results are shown) and issue 20 item 7
/// (readable reports), on the text of the outputs: these run everywhere, without a browser.
@Suite struct GapAndReadabilityTests {
    /// `result` as a plan the time limit stopped at the cost level with `gap`.
    static func stopped(_ r: PlanResult, gap: Double?) -> PlanResult {
        var r = r
        r.status = .feasible
        r.gap = gap
        r.stoppedLevel = "cost"
        r.stoppedBy = .clock
        return r
    }

    /// The HTML test comparison with its second option (more-beds) stopped with a 3.2% gap.
    static func comparison() throws -> Comparison {
        var c = try CompareSweepHTMLTests.comparison()
        c.options[1].result = Self.stopped(c.options[1].result, gap: 0.032)
        c.options[1].metrics = PlanMetrics(c.options[1].result)
        return c
    }

    static func svg(_ id: String, in html: String) throws -> String {
        let start = try #require(
            html.range(of: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"\(id)\""))
        let end = try #require(html.range(of: "</svg>", range: start.upperBound..<html.endIndex))
        return String(html[start.lowerBound..<end.upperBound])
    }

    // MARK: A. gaps

    @Test func compareShowsStatusGapAndWhatStoppedIt() throws {
        let c = try Self.comparison()
        let table = CompareTable.render(c)
        let status = try #require(table.split(separator: "\n").first { $0.hasPrefix("Status") })
        #expect(status.contains("optimal") && status.contains("feasible, gap 3.2%"))
        let stoppedRow = try #require(table.split(separator: "\n").first { $0.hasPrefix("Stopped at") })
        #expect(stoppedRow.contains("cost level, clock"))
        #expect(stoppedRow.split(separator: " ").contains("-"))  // the base was not stopped

        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(CompareJSON.render(c).utf8)) as? [String: Any])
        let options = try #require(json["options"] as? [[String: Any]])
        #expect(options[1]["status"] as? String == "feasible")
        #expect(options[1]["gap"] as? Double == 0.032)
        #expect(options[1]["stopped_level"] as? String == "cost")
        #expect(options[1]["stopped_by"] as? String == "clock")
        #expect(options[0]["gap"] == nil && options[0]["stopped_by"] == nil)

        let csv = CompareCSV.render(c)
        #expect(
            csv.contains(
                "more-beds,html-case/more-beds,status,feasible,,\nmore-beds,html-case/more-beds,gap,,0.032,\n"
                    + "more-beds,html-case/more-beds,stopped_level,cost,,\nmore-beds,html-case/more-beds,stopped_by,clock,,\n"
            ))
        #expect(!csv.contains("base,html-case,gap"))

        let html = CompareHTML.render(c)
        #expect(html.contains("<td>feasible, gap 3.2% (stopped at cost level, clock)</td>"))
        // every chart marks the option hollow and says why in its legend
        let served = try Self.svg("chart-served", in: html)
        #expect(served.contains("not proven optimal (gap up to 3.2%)"))
        // the legend's swatch and more-beds' served bar (its unmet is 0: no bar)
        #expect(c.options[1].metrics.unmet == 0)
        #expect(Self.count("<rect class=\"unproven\"", in: served) == 1 + 1)
        #expect(served.contains("served, more-beds: "))
        #expect(served.contains("(not proven optimal)</title>"))
        // nothing hollow when every option is proven
        let proven = CompareHTML.render(try CompareSweepHTMLTests.comparison())
        #expect(!proven.contains("unproven") && !proven.contains("not proven optimal"))
    }

    static func count(_ needle: String, in s: String) -> Int { s.components(separatedBy: needle).count - 1 }

    @Test func sweepShowsStatusGapAndHollowPoints() throws {
        var s = try CompareSweepHTMLTests.sweep(["budget.total=1000:3000:1000"])
        #expect(s.points.count == 3)
        var m = s.points[2].metrics
        m.status = .feasible
        m.gap = nil  // no bound proven in time
        m.stoppedLevel = "waiting"
        m.stoppedBy = .effort
        s.points[2].metrics = m
        let table = SweepTable.render(s)
        #expect(table.contains("feasible, gap unknown"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(SweepJSON.render(s).utf8)) as? [String: Any])
        let points = try #require(json["points"] as? [[String: Any]])
        #expect(points[2]["gap"] is NSNull && points[2]["stopped_by"] as? String == "effort")
        #expect(points[0]["gap"] == nil)
        let csv = SweepCSV.render(s)
        #expect(
            csv.contains(
                "3,3000,status,feasible,\n3,3000,gap,,\n3,3000,stopped_level,waiting,\n3,3000,stopped_by,effort,\n"))
        let html = SweepHTML.render(s)
        let cost = try Self.svg("chart-cost", in: html)
        #expect(Self.count("<circle class=\"unproven\"", in: cost) == 1 + 1)  // the point and the legend's swatch
        #expect(cost.contains("not proven optimal (gap unknown)"))
    }

    @Test func planCSVOfAStoppedPlanCarriesItsGap() throws {
        let c = try CompareSweepHTMLTests.comparison()
        let r = Self.stopped(c.options[0].result, gap: 0.0125)
        let csv = PlanCSV.render(r)
        #expect(
            csv.hasPrefix(
                PlanCSV.header + "\nhtml-case,status,,,feasible,\nhtml-case,stopped,,,gap,0.0125\n"
                    + "html-case,stopped,,,stopped_level,cost\nhtml-case,stopped,,,stopped_by,clock\nhtml-case,objective,"
            ))
        #expect(!PlanCSV.render(c.options[0].result).contains(",stopped,"))
    }

    // MARK: C. readable reports

    @Test func compareBudgetsAreMarksNotADashedLine() throws {
        let c = try CompareSweepHTMLTests.comparison()
        let cost = try Self.svg("chart-cost", in: CompareHTML.render(c))
        // before: one dashed polyline through every option's budget, read as a trend
        #expect(!cost.contains("stroke-dasharray"))
        #expect(!cost.contains("<polyline"))
        #expect(Self.count("<line class=\"mark\"", in: cost) == c.options.count)
        #expect(cost.contains("total budget, more-beds: 2,600</title>"))
    }

    @Test func bedUseChartsTellOptionsApart() throws {
        let c = try CompareSweepHTMLTests.comparison()
        let html = CompareHTML.render(c)
        #expect(!html.contains("chart-peak-beds"))
        let mean = try Self.svg("chart-bed-use", in: html)
        for o in c.options {
            let v = (o.metrics.meanBedUse * 1000).rounded() / 10
            #expect(mean.contains("mean bed use, \(o.label): \(Chart.valueLabel(v))</title>"), "\(o.label)")
        }
        #expect(
            try Self.svg("chart-months-full", in: html).contains(
                "shelter-months full, base: \(c.options[0].metrics.monthsFull)</title>"))
        // hand-worked: mean of occupancy / beds over shelter-months with beds
        let r = c.options[0].result
        var sum = 0.0, n = 0, full = 0
        for s in r.shelters {
            for m in s.months where m.beds > 0 {
                sum += m.occupancy / Double(m.beds); n += 1; if m.occupancy >= Double(m.beds) - 1e-9 { full += 1 }
            }
        }
        #expect(
            abs(c.options[0].metrics.meanBedUse - sum / Double(n)) < 1e-12 && c.options[0].metrics.monthsFull == full)
    }

    @Test func sweepSharesDoNotHideEachOther() throws {
        let s = try CompareSweepHTMLTests.sweep(["budget.total=1000:3000:1000"])
        let shares = try Self.svg("chart-shares", in: SweepHTML.render(s))
        // budget used solid, mean bed use dashed: where they meet at 100% both stay visible
        let mean = try #require(shares.components(separatedBy: "data-series=\"mean bed use\"").last)
        #expect(mean.contains("stroke-dasharray=\"6 4\""))
        let budget = try #require(
            shares.components(separatedBy: "data-series=\"budget used\"").last?.components(separatedBy: "</g>").first)
        #expect(!budget.contains("stroke-dasharray"))
    }

    @Test func legendLabelsFitBeforeTheNextEntry() throws {
        // DejaVu Sans advances (1/2048 em) by hand: b 1300, e 1260, d 1300, s 1067
        #expect(abs(Chart.textWidth("beds", size: 12) - 4927.0 / 2048 * 12) < 1e-9)
        #expect(Chart.advance.count == 95)  // printable ASCII
        // the plan page's longest legend: each label ends before the next swatch starts
        let legend: [(String, String, Chart.Swatch)] = [
            ("occupancy (average)", "#000", .line), ("beds", "#000", .dashed),
            ("not proven optimal (gap up to 12%)", "#000", .hollowPoint),
        ]
        let (at, rows) = Chart.legendLayout(legend, width: 720)
        #expect(rows == 1)
        for i in 0..<(legend.count - 1) {
            let labelEnd = at[i].0 + 24 + Chart.textWidth(legend[i].0, size: 12)
            #expect(at[i + 1].0 >= labelEnd + 8, "\(legend[i].0)")
        }
        // the old estimate (6.6 px a character) was shorter than the font for wide letters
        #expect(Chart.textWidth("MMMMMMMMMM", size: 12) > 10 * 6.6)
    }

    @Test func budgetUsedReadsTheSameInTableAndHTML() throws {
        #expect(PlanTable.budgetPercent(0.9974) == "99.7%")
        #expect(PlanTable.budgetPercent(0.99999) == "99.9%")  // not 100% until it is all used
        #expect(PlanTable.budgetPercent(1) == "100%")
        #expect(PlanTable.budgetPercent(0.5) == "50%")
        let c = try CompareSweepHTMLTests.comparison()
        let o = c.options[0]
        let share = try #require(o.metrics.budgetUsed)
        let text = PlanTable.budgetPercent(share)
        #expect(PlanTable.render(o.result, scenario: o.scenario).contains("used (\(text))"))
        #expect(PlanHTML.render(o.result, scenario: o.scenario).contains("<dd>\(text) of "))
        #expect(
            CompareTable.render(c).split(separator: "\n").first { $0.hasPrefix("Budget used") }?.contains(text) == true)
    }

    /// A monthly budget's line: the total spent of the caps, the months at the cap, and those
    /// within 5% of it (whole departures leave a binding month a little under its cap).
    @Test func theMonthlyBudgetLineCountsMonthsNearTheCap() throws {
        let o = try CompareSweepHTMLTests.comparison().options[0]
        var scenario = o.scenario
        let costs = o.result.months.map(\.cost)
        try #require(costs.count >= 3 && costs.allSatisfy { $0 > 0 })
        // month 1 at its cap, month 2 at 97% of it, the rest at half
        var caps = costs.map { $0 * 2 }
        caps[0] = costs[0]
        caps[1] = costs[1] / 0.97
        scenario.budget.monthly = caps
        let spent = costs.reduce(0, +), total = caps.reduce(0, +)
        let line = try #require(
            PlanTable.render(o.result, scenario: scenario).split(separator: "\n").first {
                $0.hasPrefix("Monthly budget")
            })
        #expect(
            line
                == "Monthly budget: \(PlanTable.money(spent)) of \(PlanTable.money(total)) \(scenario.currency) used "
                + "(\(PlanTable.budgetPercent(spent / total))); 1 of \(costs.count) months at the cap, 1 more within 5% of it"
        )
    }

    /// The strip's marks and the legend that explains them: a month with no capacity is
    /// blank, one with capacity and no use a dot, the smallest use the lowest block. Peak 4/3;
    /// mean over the months with capacity (0 + 1/15 + 1 + 4/3) / 4 = 60%; full in 2 months.
    @Test func theCapacityStripsLegendSaysWhatEachMarkMeans() throws {
        let row = PlanTable.usageRow("route seats", "escort", [(0, 0), (0, 3), (0.2, 3), (3, 3), (4, 3)])
        #expect(row == ["route seats", "escort", " \u{00B7}\u{2581}\u{2588}!", "133%", "60%", "2"])
        var r = PlanResult(
            scenario: "x", status: .optimal, integer: true, objective: nil, budgetTotal: nil, currency: "USD")
        r.months = []
        let text = PlanTable.capacityUse(r, scenario: try Self.legendScenario(), hidden: nil)
        #expect(
            text.hasPrefix(
                "How full, month by month (\u{00B7} unused, \u{2581} up to 1/8 ... \u{2588} full; ! over 100%; blank: none that month)\n"
            ))
    }

    static func legendScenario() throws -> Scenario {
        try ScenarioLoader.parse(
            text: """
                name: legend
                start: 2001-01
                months: 1
                groups: [{ id: g, country: MD, arrivals: 1, processing_months: 1, priority: 1 }]
                shelters: [{ id: s, beds: 1, bed_night_cost: 1 }]
                medical: [{ id: m, slots: 1, cost_per_screening: 1 }]
                routes: [{ id: r, country: MD, seats_per_departure: 1, departures: 1, cost_per_seat: 1 }]
                partners: [{ id: p, country: MD, slots: 1, cost_per_case: 1 }]
                """, file: "legend.yaml")
    }

    /// A monthly grant in compare: the sum of the months' caps and the months that reached
    /// theirs. Worked by hand: January's cap is 0, so nothing is spent and January is at
    /// the cap; February's 1,000 buys the one arrival's screening (10) and half a month in
    /// a bed (14 nights at 1; she is ready after the horizon): 24, below the cap.
    @Test func aMonthlyGrantShowsItsSumAndTheMonthsAtTheCap() throws {
        let scenarioText = """
            name: grant
            start: 2001-01
            months: 2
            groups: [{ id: g, country: MD, arrivals: [0, 1], processing_months: 1, priority: 1 }]
            shelters: [{ id: s, beds: 1, bed_night_cost: 1 }]
            medical: [{ id: m, slots: 1, cost_per_screening: 10 }]
            routes: [{ id: r, country: MD, seats_per_departure: 1, departures: 1, cost_per_seat: 5 }]
            partners: [{ id: p, country: MD, slots: 1, cost_per_case: 5 }]
            budget: { monthly: [0, 1000] }

            """
        let scenario = try ScenarioLoader.parse(text: scenarioText, file: "grant.yaml")
        let metrics = PlanMetrics(try Planner().plan(scenario))
        #expect(metrics.budgetMonthly == 1000)
        #expect(metrics.monthsAtBudgetCap == 1)
        let rows = metrics.rows.map { ($0.row.metric, $0.value) }
        let i = try #require(rows.firstIndex { $0.0 == "budget_monthly" })
        #expect(rows[i].1 == 1000 && rows[i + 1].0 == "months_at_budget_cap" && rows[i + 1].1 == 1)
        #expect(MetricFormat.label(.init("months_at_budget_cap"), currency: "USD") == "Months at the monthly cap")
        // Without a total budget in any option, the table and the HTML leave out the total's
        // rows (they would read "-"); JSON keeps `budget_total: null`.
        let set = try ScenarioLoader.parseSet(
            text: scenarioText + "variants: [{ name: more, set: { budget.monthly: [500, 1000] } }]\n",
            file: "grant.yaml")
        let c = try Comparison.run([set], planner: Planner())
        #expect(c.rows.contains(.init("budget_total")) && !c.shownRows.contains(.init("budget_total")))
        #expect(!c.shownRows.contains(.init("budget_used")) && c.shownRows.contains(.init("budget_monthly")))
        let table = CompareTable.render(c)
        #expect(!table.contains("Budget (USD)") && !table.contains("Budget used"))
        #expect(table.contains("Monthly budgets, sum (USD)"))
        let html = CompareHTML.render(c)
        #expect(!html.contains("Budget used"))
        // nobody waits in either option: a sentence, not an empty chart
        #expect(c.options.allSatisfy { $0.metrics.waiting == 0 })
        #expect(
            html.contains(
                "<p>Nobody waits in any option: everyone ready to go home leaves in the month they are ready.</p>"))
        #expect(!html.contains("chart-waiting"))
        #expect(CompareJSON.render(c).contains("\"budget_total\": null"))
    }

    /// --explain: neighbours in the ranking that differ only in the month share one line (the
    /// table and the HTML; JSON keeps an item per month), and one weighted case is singular.
    @Test func explainItemsThatDifferOnlyInTheMonthShareALine() {
        var e = PlanExplanation(currency: "EUR")
        e.monthLabels = (1...6).map { "2005-0\($0)" }
        e.weighted = true
        func item(_ kind: PlanExplanation.Kind, _ id: String, _ t: Int, served: Double, cost: Double)
            -> PlanExplanation.Item
        {
            .init(
                kind: kind, id: id, month: e.monthLabels[t - 1], monthIndex: t, capacity: 1, used: 1, full: true,
                served: served, waitingSaved: 0, costChange: cost)
        }
        e.items = [
            item(.service, "psychologist", 4, served: 1, cost: 250),
            item(.departures, "escort-kyiv", 1, served: 0.5, cost: 40),
            item(.departures, "escort-kyiv", 2, served: 0.5, cost: 40),
            item(.departures, "escort-kyiv", 3, served: 0.5, cost: 40),
            item(.departures, "escort-kyiv", 5, served: 0.5, cost: 40),
            item(.departures, "escort-kyiv", 6, served: 0.5, cost: 41),
            item(.beds, "koplik", 6, served: 0.5, cost: 41),
        ]
        let lines = PlanExplainReport.lines(e)
        #expect(
            lines.map(\.text) == [
                "One more case-month of service psychologist in 2005-04 would serve 1 more priority-weighted case and cost 250.00 EUR more (full in the plan).",
                "One more departure of route escort-kyiv in 2005-01 to 2005-03, 2005-05 would serve 0.5 more priority-weighted cases and cost 40.00 EUR more (full in the plan).",
                "One more departure of route escort-kyiv in 2005-06 would serve 0.5 more priority-weighted cases and cost 41.00 EUR more (full in the plan).",
                "One more bed at shelter koplik in 2005-06 would serve 0.5 more priority-weighted cases and cost 41.00 EUR more (full in the plan).",
            ])
        #expect(lines.map(\.items) == [1, 4, 1, 1])
        let text = PlanExplainReport.renderText(e, limit: 2)
        #expect(text.contains("  2. One more departure of route escort-kyiv in 2005-01 to 2005-03, 2005-05 would"))
        #expect(text.contains("  (2 more in --format json, key explain.marginal)\n"))
        #expect(!text.contains("  3. "))
    }

    /// One person-month is singular in the objective line.
    @Test func onePersonMonthIsSingular() {
        #expect(PlanTable.personMonths(1) == "1 person-month")
        #expect(PlanTable.personMonths(0) == "0 person-months")
        #expect(PlanTable.personMonths(2.5) == "2.50 person-months")
    }
}
