import Foundation
import Testing

@testable import IARSCore
@testable import IARSReport

/// A schedule stopped by its effort (issue 19: a stopped result says so, in every format):
/// the schedule is solved per country and each country stops on its own, so the status
/// line and the JSON name the countries, the level each stopped at, and the others proven.
/// Work units are the same on every machine: these efforts stop where they say.
@Suite struct ScheduleStopTests {
    static func run(_ effort: Int) throws -> ScheduleResult {
        let path = ScheduleTests.fixtureFolder.appendingPathComponent("s21-seven-groups/schedule.yaml").path
        var scheduler = Scheduler()
        scheduler.effort = effort
        return try scheduler.schedule(try ScheduleLoader.load(path: path))
    }

    @Test func eachCountryStopsOnItsOwnAndTheStatusSaysWhere() throws {
        let early = try Self.run(200)
        #expect(early.status == .feasible && early.stoppedBy == .effort && early.stoppedLevel == "left_behind_days")
        #expect(
            early.stoppedCountries.map { "\($0.country) \($0.level)" } == [
                "MD waiting_days", "RO left_behind_days", "UA left_behind_days",
            ])
        #expect(
            ScheduleTable.statusLine(early)
                == "feasible: the effort budget (--effort) ran out at level left_behind_days (RO and UA) and waiting_days (MD); their later levels keep the schedule found there"
        )
        #expect(
            ScheduleJSON.render(early).contains(
                """
                  "stopped_countries": [
                    {"country": "MD", "level": "waiting_days"},
                    {"country": "RO", "level": "left_behind_days"},
                    {"country": "UA", "level": "left_behind_days"}
                  ],
                """))

        // MD and RO proven in all four levels; UA stopped in its last.
        let late = try Self.run(510)
        #expect(late.stoppedCountries.map { "\($0.country) \($0.level)" } == ["UA cost"])
        #expect(
            ScheduleTable.statusLine(late)
                == "feasible: the effort budget (--effort) ran out at level cost (UA); the other 2 countries are optimal"
        )

        let proven = try Self.run(5000)
        #expect(proven.status == .optimal && proven.stoppedCountries.isEmpty)
        #expect(!ScheduleJSON.render(proven).contains("stopped_countries"))
    }

    @Test func noScheduleWithinTheEffortSaysSoInTheJSON() throws {
        let none = try Self.run(20)
        #expect(none.status == .timeLimit && none.stoppedBy == .effort)
        #expect(
            ScheduleJSON.render(none).contains(
                "\"message\": \"the effort budget ran out before any schedule was found (raise --effort)\""))
    }
}
