import Foundation
import IARSHistory
import Testing

/// Schema 3 (`v3-forecast`): a database of schema 1 migrates and keeps the weekly loop's
/// as-of date, actuals and left_behind_days; ``HistoryForecast`` on runs worked by hand.
@Suite struct HistoryForecastTests {
    /// A plan run of office `o.yaml` on `asOf` with `inShelter`/`waiting` forecasts for
    /// 2001-03.. and the caseload's counts (one group).
    static func run(_ asOf: String, finished: Double, forecast: [(Double, Double)], actual: (Int, Int))
        -> RunRecord
    {
        var r = HistoryMigrationTests.stoppedRun("o.yaml", gap: nil)
        r.runID = "b\(asOf)/o.yaml"
        r.batchID = "b\(asOf)"
        r.status = "optimal"
        r.finishedAt = Date(timeIntervalSince1970: finished)
        r.asOf = asOf
        let first = Int(asOf.dropFirst(5).prefix(2))!
        r.months = forecast.enumerated().map { i, f in
            MonthMetrics(
                month: String(format: "2001-%02d", first + i), arrivals: 0, admitted: 0, unmet: 0, returned: 0,
                inShelter: f.0, waiting: f.1, occupancy: 0, beds: 0, cost: 0, budget: nil)
        }
        r.actuals = [
            GroupActual(group: "g", inShelter: actual.0, ready: actual.1, waiting: actual.0 - actual.1)
        ]
        return r
    }

    @Test func aSchemaOneDatabaseMigratesAndKeepsTheWeeklyFields() throws {
        let path = try HistoryMigrationTests.copyOfV1()
        let store = try HistoryStore(path: path)
        var schedule = HistoryMigrationTests.stoppedRun("s.yaml", gap: nil)
        schedule.kind = "schedule"
        schedule.asOf = "2001-03-05"
        schedule.leftBehindDays = 12
        try store.record(schedule)
        try store.record(Self.run("2001-03-05", finished: 2e6, forecast: [(10, 2)], actual: (9, 4)))
        let runs = try store.runs()
        #expect(runs.count == 8)
        #expect(runs.filter { $0.asOf == nil }.count == 6)  // the old runs
        #expect(runs.first { $0.input == "s.yaml" }?.leftBehindDays == 12)
        #expect(
            runs.first { $0.input == "o.yaml" }?.actuals == [
                GroupActual(group: "g", inShelter: 9, ready: 4, waiting: 5)
            ])
        try store.close()
    }

    /// Three Mondays: 03-05 and 03-26 in March (the 26th's caseload is March's actual), 04-02
    /// in April. 03-05 forecast March 10 in shelter, 2 ready (actual 12, 5: errors -2, -3) and
    /// April 11, 1 (actual 8, 2: errors +3, -1); 03-26 forecast April 9, 3 (+1, +1). Of two
    /// runs on 03-05, the one finished last counts.
    @Test func forecastsAgainstActualsByHand() throws {
        let runs = [
            Self.run("2001-03-05", finished: 100, forecast: [(99, 99), (99, 99)], actual: (11, 4)),
            Self.run("2001-03-05", finished: 200, forecast: [(10, 2), (11, 1), (7, 0)], actual: (11, 4)),
            Self.run("2001-03-26", finished: 300, forecast: [(12, 0), (9, 3), (8, 0)], actual: (12, 5)),
            Self.run("2001-04-02", finished: 400, forecast: [(6, 1), (5, 0)], actual: (8, 2)),
        ].map {
            var r = $0
            r.runID += "\($0.finishedAt.timeIntervalSince1970)"
            return r
        }
        let report = HistoryForecast.report(runs)
        let o = try #require(report.offices.first)
        #expect(o.months.map(\.month) == ["2001-03", "2001-04", "2001-05"])
        #expect(o.months[0].actual?.asOf == "2001-03-26" && o.months[0].actual?.inShelter == 12)
        // March is over (a run in April): final; April's actual may still be replaced
        #expect(o.months[0].actual?.final == true && o.months[1].actual?.final == false)
        #expect(o.months[0].forecasts.map(\.errorInShelter) == [-2])
        #expect(o.months[0].forecasts.map(\.errorReady) == [-3])
        #expect(o.months[0].forecasts.map(\.weeksAhead) == [3])
        #expect(o.months[1].forecasts.map(\.asOf) == ["2001-03-05", "2001-03-26"])
        #expect(o.months[1].forecasts.map(\.errorInShelter) == [3, 1])
        #expect(o.months[1].forecasts.map(\.errorReady) == [-1, 1])
        #expect(o.months[1].forecasts.map(\.weeksAhead) == [4, 1])
        #expect(o.months[1].forecasts.map(\.monthsAhead) == [1, 1])
        // May: no actual yet; three plans forecast it, without errors
        #expect(o.months[2].actual == nil && o.months[2].forecasts.map(\.inShelter) == [7, 8, 5])
        #expect(o.months[2].forecasts.allSatisfy { $0.errorInShelter == nil && $0.weeksAhead == nil })
        let s = o.summary
        #expect(s.forecasts == 3)
        #expect(s.meanAbsErrorInShelter == 2 && s.biasInShelter == 2.0 / 3 && s.maxAbsErrorInShelter == 3)
        #expect(s.meanAbsErrorReady == 5.0 / 3 && s.biasReady == -1)
        #expect(s.byMonthsAhead.map(\.monthsAhead) == [0, 1] && s.byMonthsAhead.map(\.forecasts) == [1, 2])
        #expect(s.byMonthsAhead.map(\.meanAbsErrorInShelter) == [2, 2])
        #expect(s.byMonthsAhead.map(\.meanAbsErrorReady) == [3, 1])
    }
}
