import Foundation
import Testing

@testable import IARSCore

/// The `caseload:`, `as_of:` and `spent:` keys as the scenario loader reads them, and the
/// message of a plan from a caseload that does not fit its shelters.
@Suite struct CaseloadKeysTests {
    static func load(_ extra: String, file: String = "offices/tirana/scenario.yaml") throws(InputError) -> Scenario {
        try ScenarioLoader.parse(text: CaseloadStartTests.base + "\n" + extra, file: file)
    }

    static func problems(_ extra: String) -> [String] {
        do {
            _ = try load(extra)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func theKeysAreRead() throws {
        let s = try Self.load("caseload: cases.csv\nas_of: 2001-04-16\nspent: 1000\n")
        #expect(
            s.caseloadKeys
                == CaseloadKeys(caseload: "offices/tirana/cases.csv", asOf: CalendarDate("2001-04-16"), spent: 1000))
        #expect(try Self.load("caseload: /data/cases.csv\n").caseloadKeys == CaseloadKeys(caseload: "/data/cases.csv"))
        #expect(try Self.load("").caseloadKeys == nil)
    }

    /// Every problem at once, by line and key (the base has 17 lines: the keys start at 19).
    @Test func wrongKeysAreReportedByLine() {
        #expect(
            Self.problems("caseload: 12\nas_of: 2001-07-01\nspent: 9500\n") == [
                "offices/tirana/scenario.yaml:19: caseload: expected a string, got the number 12",
                "offices/tirana/scenario.yaml:20: as_of: 2001-07-01 is outside the horizon of the scenario (2001-03 to 2001-06)",
                "offices/tirana/scenario.yaml:21: spent: 9500 is more than budget.total (9000)",
            ])
        #expect(
            Self.problems("caseload: cases.csv\nas_of: 2001-4-16\nspent: -3\n") == [
                "offices/tirana/scenario.yaml:20: as_of: '2001-4-16' is not a date YYYY-MM-DD",
                "offices/tirana/scenario.yaml:21: spent: must be >= 0, got -3",
            ])
        #expect(
            Self.problems("as_of: 2001-04-16\nspent: 10\n") == [
                "offices/tirana/scenario.yaml:19: as_of: applies only with caseload: (the caseload CSV the plan starts from)",
                "offices/tirana/scenario.yaml:20: spent: applies only with caseload: (the caseload CSV the plan starts from)",
            ])
        #expect(
            Self.problems("casload: cases.csv\n").first?.hasPrefix(
                "offices/tirana/scenario.yaml:19: casload: unknown key; did you mean 'caseload'?") == true)
    }

    /// The keys and the flags give one start; a flag overrides its key, the others stay.
    @Test func flagsOverrideKeys() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iars-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data((CaseloadStartTests.header + "A,md-women,tirana,2001-03-20,no\n").utf8).write(
            to: dir.appendingPathComponent("cases.csv"))
        let s = try Self.load("caseload: cases.csv\nas_of: 2001-04-16\nspent: 1000\n", file: dir.path + "/s.yaml")
        let keys = try #require(
            try CaseloadStart.resolve(scenario: s, file: "s.yaml", caseload: nil, asOf: nil, spent: nil))
        #expect(keys.asOf == CalendarDate("2001-04-16") && keys.spent == 1000 && keys.cases.count == 1)
        let flags = try #require(
            try CaseloadStart.resolve(
                scenario: s, file: "s.yaml", caseload: nil, asOf: CalendarDate("2001-05-02"), spent: 0,
                runDate: CalendarDate("2001-06-01")))
        #expect(flags.asOf == CalendarDate("2001-05-02") && flags.spent == 0)
        // The run date of a batch comes last: after the flag and the key.
        var noDate = s
        noDate.caseloadKeys?.asOf = nil
        let run = try #require(
            try CaseloadStart.resolve(
                scenario: noDate, file: "s.yaml", caseload: nil, asOf: nil, spent: nil,
                runDate: CalendarDate("2001-06-01")))
        #expect(run.asOf == CalendarDate("2001-06-01"))
    }

    /// Nine cases at vlora (4 beds in April) on 2001-04-16: the message names the caseload,
    /// the cases by group and the beds, not the `initial` a caseload user cannot lower.
    @Test func infeasibilitySpeaksOfTheCaseload() throws {
        var csv = CaseloadStartTests.header
        for i in 1...9 { csv += "V\(i),md-women,vlora,2001-09-01,no\n" }
        csv += "T1,md-minors,tirana,2001-04-01,no\n"
        let started = try CaseloadStartTests.started(csv, asOf: "2001-04-16")
        let r = try Planner().plan(started)
        #expect(r.status == .infeasible)
        #expect(
            r.reasons.first?.message
                == "2001-04: shelter vlora cannot hold the people already in shelter: 4 beds, 5 more needed on average "
                + "(the caseload cases.csv of 2001-04-16 holds 9 cases at vlora: 9 md-women, more than its 4 beds "
                + "can hold; raise shelters[1].beds for 2001-04 or move cases to a shelter with room)")
    }
}
