import Foundation
import Testing

/// Eight Mondays of a synthetic office through `iars batch` (docs/batch.md, "The weekly
/// loop"): each week's caseload is the last one less the cases the last schedule sent home
/// before this Monday, plus the week's new arrivals; `iars history forecast` must then
/// report the numbers this test computes itself from its own caseloads and the plans the
/// batch wrote each week.
@Suite(.serialized) struct WeeklyReplayTests {
    struct Case {
        var id: String
        var group: String
        var shelter: String
        var ready: Int  // day number
        var escort: Bool
    }

    /// A plan's forecast of one month (from the week's `.plan.json`).
    struct Forecast {
        var inShelter: Double
        var ready: Double
    }

    static let firstMonday = day("2001-03-05")

    static func day(_ s: String) -> Int {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return Int(f.date(from: s)!.timeIntervalSince1970 / 86_400)
    }

    static func date(_ day: Int) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date(timeIntervalSince1970: Double(day) * 86_400))
    }

    /// The office's first caseload: the worked example's (scenarios/tirana-office/cases.csv).
    static func firstCaseload() throws -> [Case] {
        let text = try String(contentsOf: BatchCLI.repository("scenarios/tirana-office/cases.csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",").map(String.init)
            return Case(id: f[0], group: f[1], shelter: f[2], ready: day(f[3]), escort: f[4] == "yes")
        }
    }

    /// Week k's new cases (deterministic): two Moldovan women and a Romanian woman in
    /// Tirana, every other week an Albanian woman in Vlora or a Moldovan minor.
    static func arrivals(week k: Int, monday: Int) -> [Case] {
        var new = [
            Case(id: "W\(k)-1", group: "md-women", shelter: "tirana", ready: monday + 10, escort: false),
            Case(id: "W\(k)-2", group: "md-women", shelter: "tirana", ready: monday + 24, escort: false),
            Case(id: "W\(k)-3", group: "ro-women", shelter: "tirana", ready: monday + 17, escort: false),
        ]
        new.append(
            k % 2 == 0
                ? Case(id: "W\(k)-4", group: "al-women", shelter: "vlora", ready: monday + 4, escort: false)
                : Case(id: "W\(k)-4", group: "md-minors", shelter: "tirana", ready: monday + 38, escort: true))
        return new
    }

    static func csv(_ cases: [Case]) -> String {
        "case_id,group,shelter,ready_date,escort\n"
            + cases.map { "\($0.id),\($0.group),\($0.shelter),\(date($0.ready)),\($0.escort ? "yes" : "no")\n" }
            .joined()
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test(.tags(.slow)) func eightWeeksThroughBatch() throws {
        let dir = try BatchCLI.scratch("weekly")
        defer { try? FileManager.default.removeItem(at: dir) }
        let office = dir.appendingPathComponent("offices/tirana-office")
        try FileManager.default.createDirectory(at: office, withIntermediateDirectories: true)
        for name in ["scenario.yaml", "schedule.yaml"] {
            try FileManager.default.copyItem(
                at: BatchCLI.repository("scenarios/tirana-office/\(name)"), to: office.appendingPathComponent(name))
        }
        var cases = try Self.firstCaseload()
        var actuals: [(asOf: String, inShelter: Int, ready: Int, waiting: Int)] = []
        var plans: [(asOf: String, months: [String: Forecast])] = []
        for k in 0..<8 {
            let monday = Self.firstMonday + 7 * k
            try Data(Self.csv(cases).utf8).write(to: office.appendingPathComponent("cases.csv"))
            let r = try BatchCLI.run(
                ["batch", "offices", "--out", "out", "--as-of", Self.date(monday), "--jobs", "1"], cwd: dir)
            #expect(r.status == 0, "week \(k): \(r.stderr)")
            let ready = cases.filter { $0.ready <= monday }.count
            actuals.append((Self.date(monday), cases.count, ready, cases.count - ready))

            let plan = try Self.json(dir.appendingPathComponent("out/tirana-office/scenario.plan.json"))
            let months = try #require(plan["months"] as? [[String: Any]])
            #expect(months.first?["month"] as? String == String(Self.date(monday).prefix(7)))
            var forecast: [String: Forecast] = [:]
            for m in months {
                forecast[m["month"] as! String] = Forecast(
                    inShelter: (m["in_shelter"] as! NSNumber).doubleValue,
                    ready: (m["waiting"] as! NSNumber).doubleValue)
            }
            plans.append((Self.date(monday), forecast))

            // The schedule starts on this Monday; who rides before next Monday has left by then.
            let schedule = try Self.json(dir.appendingPathComponent("out/tirana-office/schedule.schedule.json"))
            let rides = try #require(schedule["assignments"] as? [[String: Any]])
            #expect(rides.allSatisfy { Self.day($0["date"] as! String) >= monday })
            let leavers = Set(
                rides.filter { Self.day($0["date"] as! String) < monday + 7 }.map { $0["case_id"] as! String })
            #expect(!leavers.isEmpty, "week \(k): the schedule sends someone home")
            cases = cases.filter { !leavers.contains($0.id) } + Self.arrivals(week: k, monday: monday)
        }
        try expectForecastReport(dir: dir, actuals: actuals, plans: plans)
        try expectScheduleRecords(dir: dir)
    }

    /// `iars history forecast --format json` against the numbers computed here.
    func expectForecastReport(
        dir: URL, actuals: [(asOf: String, inShelter: Int, ready: Int, waiting: Int)],
        plans: [(asOf: String, months: [String: Forecast])]
    ) throws {
        let r = try BatchCLI.run(["history", "forecast", "--db", "out/history.sqlite", "--format", "json"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let offices = try #require(report["offices"] as? [[String: Any]])
        #expect(offices.count == 1 && offices.first?["office"] as? String == "tirana-office/scenario.yaml")
        let months = try #require(offices.first?["months"] as? [[String: Any]])
        // a month's actual: the last Monday in it
        var lastInMonth: [String: Int] = [:]
        for (i, a) in actuals.enumerated() { lastInMonth[String(a.asOf.prefix(7))] = i }
        var errors: [(Double, Double)] = []
        for (month, i) in lastInMonth.sorted(by: { $0.key < $1.key }) {
            let m = try #require(months.first { $0["month"] as? String == month })
            let actual = try #require(m["actual"] as? [String: Any])
            #expect(actual["as_of"] as? String == actuals[i].asOf)
            #expect(actual["final"] as? Bool == (month == "2001-03"))  // no run in May yet
            #expect(actual["in_shelter"] as? Int == actuals[i].inShelter)
            #expect(actual["ready"] as? Int == actuals[i].ready && actual["waiting"] as? Int == actuals[i].waiting)
            let forecasts = try #require(m["forecasts"] as? [[String: Any]])
            // every earlier Monday's plan forecast this month
            #expect(forecasts.count == i, "\(month)")
            for (j, f) in forecasts.enumerated() {
                let made = try #require(plans[j].months[month])
                let e = (made.inShelter - Double(actuals[i].inShelter), made.ready - Double(actuals[i].ready))
                errors.append(e)
                #expect(f["as_of"] as? String == plans[j].asOf)
                #expect(f["weeks_ahead"] as? Int == i - j)
                #expect((f["in_shelter"] as? NSNumber)?.doubleValue == made.inShelter)
                #expect((f["error_in_shelter"] as? NSNumber)?.doubleValue == e.0)
                #expect((f["error_ready"] as? NSNumber)?.doubleValue == e.1)
            }
        }
        // 8 Mondays from 2001-03-05: March's actual is 03-26 (3 forecasts), April's 04-23 (7)
        #expect(lastInMonth == ["2001-03": 3, "2001-04": 7])
        #expect(errors.count == 10)
        let summary = try #require(offices.first?["summary"] as? [String: Any])
        let mae = errors.map { abs($0.0) }.reduce(0, +) / 10
        let bias = errors.map(\.0).reduce(0, +) / 10
        #expect(summary["forecasts"] as? Int == 10)
        #expect(abs(((summary["mean_abs_error_in_shelter"] as? NSNumber)?.doubleValue ?? -1) - mae) < 1e-6)
        #expect(abs(((summary["bias_in_shelter"] as? NSNumber)?.doubleValue ?? -1) - bias) < 1e-6)
        #expect(
            (summary["max_abs_error_in_shelter"] as? NSNumber)?.doubleValue == errors.map { abs($0.0) }.max())
        let table = try BatchCLI.run(["history", "forecast", "--db", "out/history.sqlite"], cwd: dir)
        #expect(table.stdout.contains("10 forecasts held against actuals"))
        // the page: self-contained, a chart of in shelter and one of ready, the months' table
        let html = try BatchCLI.run(
            ["history", "forecast", "--db", "out/history.sqlite", "--html", "forecast.html"], cwd: dir)
        #expect(html.status == 0 && html.stdout == "forecast.html: 1 office\n")
        let page = try String(contentsOf: dir.appendingPathComponent("forecast.html"), encoding: .utf8)
        #expect(page.components(separatedBy: "<svg").count == 3)
        #expect(page.contains("<title id=\"o0-shelter-title\">In shelter: plan against actual</title>"))
        let links = page.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!page.contains("<script") && !links.contains("http://") && !links.contains("https://"))
        #expect(page.contains("<tr><td>2001-03</td><td>2001-03-26</td><td>\(actuals[3].inShelter)</td>"))
    }

    /// The schedule runs are recorded with their as-of date and left_behind_days.
    func expectScheduleRecords(dir: URL) throws {
        let r = try BatchCLI.run(
            ["history", "--db", "out/history.sqlite", "--scenario", "tirana-office/schedule.yaml", "--format", "json"],
            cwd: dir)
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(runs.count == 8)
        #expect(runs.map { $0["as_of"] as? String } == (0..<8).map { Self.date(Self.firstMonday + 7 * $0) })
        #expect(runs.allSatisfy { (($0["objective"] as? [String: Any])?["left_behind_days"] as? NSNumber) != nil })
    }
}
