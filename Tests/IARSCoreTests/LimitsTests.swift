import Foundation
import Testing

@testable import IARSCore

/// The guard rails of docs/limits.md: each input too large to plan is refused
/// early, before it is read in full, with a message that names the limit.
@Suite struct LimitsTests {
    static func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iars-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A sparse file of `size` bytes (nothing is written, so it takes no disk).
    static func sparseFile(_ url: URL, size: Int64, prefix: String) throws {
        #expect(FileManager.default.createFile(atPath: url.path, contents: Data(prefix.utf8)))
        let fd = open(url.path, O_WRONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(ftruncate(fd, off_t(size)) == 0)
    }

    @Test func aOneGigabyteScenarioIsRefusedBeforeReading() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("huge.yaml")
        try Self.sparseFile(file, size: 1 << 30, prefix: "name: huge\n")
        #expect(
            ScenarioLoader.validate(path: file.path).map(\.description) == [
                "\(file.path): file too large: 1073741824 bytes (the limit is 16 MiB)"
            ])
        // Raised (--limit input-mb=2048), the size check passes and the reader goes on
        // (this file is mostly NUL bytes, which YAML refuses on its first line).
        var raised = ReaderLimits()
        #expect(raised.apply("input-mb=0.5") == nil)
        #expect(raised.maxFileBytes == 1 << 19)
        #expect(
            ScenarioLoader.validate(path: file.path, limits: raised).map(\.description) == [
                "\(file.path): file too large: 1073741824 bytes (the limit is 524288 bytes)"
            ])
    }

    @Test func aOneGigabyteCaseloadIsRefusedBeforeReading() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("cases.csv")
        try Self.sparseFile(file, size: 1 << 30, prefix: "case_id,group,shelter,ready_date,escort\n")
        let read = CaseloadReader.read(path: file.path, scenario: nil)
        #expect(read.cases.isEmpty)
        #expect(
            read.diagnostics.map(\.description) == [
                "\(file.path): file too large: 1073741824 bytes (the limit is 16777216 bytes)"
            ])
    }

    @Test func aHorizonOfTenThousandMonthsIsRefused() {
        let text = ScenarioLoaderTests.edit(ScenarioLoaderTests.base, [("months: 3", "months: 10000")])
        #expect(ScenarioLoaderTests.problems(text) == ["s.yaml:3: months: must be <= 120, got 10000"])
        // Raised, the horizon is read (and the series must then have 10,000 values).
        var limits = ReaderLimits()
        #expect(limits.apply("months=10000") == nil)
        #expect(
            ScenarioLoaderTests.problems(text, limits: limits) == [
                "s.yaml:7: groups[0].arrivals: expected 10000 values (months: 10000), got 3",
                "s.yaml:18: shelters[1].beds: expected 10000 values (months: 10000), got 3",
            ])
    }

    /// A million groups do not fit in the 16 MiB a file may have; the size is
    /// checked before YAML is parsed.
    @Test func aMillionGroupsAreRefusedByTheFileSize() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("million.yaml")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        handle.write(
            Data("name: m\nstart: 2001-01\nmonths: 1\nshelters: [{id: s, beds: 1, bed_night_cost: 1}]\ngroups:\n".utf8))
        for block in 0..<1000 {
            var text = ""
            for g in 0..<1000 {
                text += "  - {id: g\(block * 1000 + g), country: AL, arrivals: 1, processing_months: 1}\n"
            }
            handle.write(Data(text.utf8))
        }
        try handle.close()
        let total = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
        #expect(total > 16 << 20)
        #expect(
            ScenarioLoader.validate(path: file.path).map(\.description) == [
                "\(file.path): file too large: \(total) bytes (the limit is 16 MiB)"
            ])
    }

    /// Groups × shelters × months beyond `maxModelSize`: refused before the
    /// entries are read, with the product in the message.
    @Test func aModelTooLargeToPlanIsRefused() {
        var text = "name: big\nstart: 2001-01\nmonths: 120\ngroups:\n"
        for g in 0..<100 { text += "  - {id: g\(g), country: AL, arrivals: 1, processing_months: 1}\n" }
        text += "shelters:\n"
        for s in 0..<100 { text += "  - {id: s\(s), beds: 1, bed_night_cost: 1}\n" }
        #expect(
            ScenarioLoaderTests.problems(text) == [
                "s.yaml:5: groups: too large to plan: 100 groups x 100 shelters x 120 months = 1200000 cells "
                    + "(the limit is 1000000; --limit model=N raises it)"
            ])
        var limits = ReaderLimits()
        #expect(limits.apply("model=1200000") == nil)
        #expect(ScenarioLoaderTests.problems(text, limits: limits) == [])
        // The default scenario is 1,440 cells; a lowered limit shows the same message.
        #expect(
            ScenarioLoaderTests.problems(ScenarioLoaderTests.base, limits: ReaderLimits(maxModelSize: 11)) == [
                "s.yaml:5: groups: too large to plan: 2 groups x 2 shelters x 3 months = 12 cells "
                    + "(the limit is 11; --limit model=N raises it)"
            ])
    }

    @Test func deepNestingIsRefused() {
        let text = "name: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
        #expect(
            ScenarioLoaderTests.problems(text) == [
                "s.yaml:1: nested too deeply: more than 64 levels of lists and mappings"
            ])
        var limits = ReaderLimits()
        #expect(limits.apply("depth=8") == nil)
        #expect(
            ScenarioLoaderTests.problems("a: [[[[[[[[[1]]]]]]]]]\n", limits: limits) == [
                "s.yaml:1: nested too deeply: more than 8 levels of lists and mappings"
            ])
    }

    /// The "billion laughs": ten levels of ten aliases each, 10^10 nodes once expanded.
    @Test func anAliasBombIsRefused() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 {
            text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let found = ScenarioLoaderTests.problems(text)
        #expect(found.count == 1)
        #expect(found.first?.hasSuffix("document too large: more than 2000000 nodes once aliases are expanded") == true)
        var limits = ReaderLimits()
        #expect(limits.apply("nodes=1000") == nil)
        #expect(
            ScenarioLoaderTests.problems(text, limits: limits).first?
                .hasSuffix("document too large: more than 1000 nodes once aliases are expanded") == true)
    }

    @Test func tooManyCasesAreRefused() {
        let csv =
            "case_id,group,shelter,ready_date,escort\n"
            + (1...5).map { "C\($0),md-women,tirana,2001-01-0\($0),no\n" }.joined()
        let read = CaseloadReader.parse(text: csv, file: "cases.csv", scenario: nil, limits: ReaderLimits(maxCases: 3))
        #expect(read.cases.isEmpty)
        #expect(
            read.diagnostics.map(\.description) == [
                "cases.csv:5: too many cases: more than 3 rows after the header (the limit; --limit cases=N raises it)"
            ])
        #expect(CaseloadReader.parse(text: csv, file: "cases.csv", scenario: nil).cases.count == 5)
    }

    @Test(arguments: [
        (
            "months",
            "--limit: expected KEY=VALUE (keys: input-mb, depth, nodes, problems, months, count, cost, budget, priority, time-limit, model, cases), got 'months'"
        ),
        (
            "month=12",
            "--limit: unknown limit 'month'; did you mean 'months'? (keys: input-mb, depth, nodes, problems, months, count, cost, budget, priority, time-limit, model, cases)"
        ),
        ("months=1.5", "--limit months: expected a whole number greater than 0 (and below 2^50), got '1.5'"),
        ("cost=-1", "--limit cost: expected a number greater than 0 (and below 2^50), got '-1'"),
        ("nodes=1e300", "--limit nodes: expected a whole number greater than 0 (and below 2^50), got '1e300'"),
    ])
    func badSettings(setting: String, message: String) {
        var limits = ReaderLimits()
        #expect(limits.apply(setting) == message)
        #expect(limits == ReaderLimits())
    }
}
