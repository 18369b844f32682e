import Foundation
import IARSHistory
import Testing

/// Issue 20: where the run history lives, and what batch and history say about it;
/// a still-broken input on the next run; money in batch and history tables.
@Suite(.serialized) struct HistoryLocationTests {
    static let limit = ["--time-limit", "30"]

    /// b02 (optimal, cost 41,191.125 by the reference solver) and b48 (invalid: beds -3 on line 14).
    func twoInputs(_ tag: String) throws -> URL {
        let dir = try BatchCLI.scratch(tag)
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for name in ["b02.yaml", "b48.yaml"] { try BatchCLI.copyFixture("batch50/\(name)", to: input, as: name) }
        return dir
    }

    @Test func theHistoryIsKeptInTheOutFolderAndFoundFromWhereTheBatchRan() throws {
        let dir = try twoInputs("where")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try BatchCLI.run(["batch", "in", "--out", "out", "--log-format", "text"] + Self.limit, cwd: dir)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/history.sqlite").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("in/.iars").path))
        #expect(
            r.stdout.hasSuffix(
                "Run history: out/history.sqlite (see it with: iars history --db out/history.sqlite, or iars history in out)\n"
            ))
        // money: thousands and 2 decimals, in the table and the progress lines
        let b02 = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("b02.yaml") })
        #expect(b02.contains(" 41,191.1"), "\(b02)")
        #expect(!b02.contains("41191"), "\(b02)")
        #expect(r.stderr.contains("b02.yaml: optimal, cost 41,191.1"), "\(r.stderr)")

        // where the batch ran, and in the out folder
        let here = try BatchCLI.run(["history"], cwd: dir, tag: "here")
        #expect(here.status == 0, "\(here.stderr)")
        #expect(here.stderr == "iars: history: out/history.sqlite\n")
        #expect(here.stdout.hasSuffix("2 runs\n"), "\(here.stdout)")
        let inOut = try BatchCLI.run(["history"], cwd: dir.appendingPathComponent("out"), tag: "inout")
        #expect(inOut.stderr == "iars: history: history.sqlite\n")
        #expect(inOut.stdout == here.stdout)

        // nowhere: says where it looked and how to point at one
        let empty = try BatchCLI.scratch("empty")
        defer { try? FileManager.default.removeItem(at: empty) }
        let none = try BatchCLI.run(["history"], cwd: empty, tag: "none")
        #expect(none.status == 2)
        #expect(
            none.stderr
                == "iars: error: no history database found; looked for ./history.sqlite, ./.iars/history.sqlite, "
                + "*/history.sqlite, */.iars/history.sqlite. `iars batch` keeps its history in its --out folder as history.sqlite "
                + "(earlier versions: .iars/history.sqlite in the first input folder): run iars history in that folder, or pass the file "
                + "with --db FILE\n")
        let missing = try BatchCLI.run(["history", "--db", "nowhere.sqlite"], cwd: empty, tag: "missing")
        #expect(missing.status == 2)
        #expect(
            missing.stderr.hasPrefix(
                "iars: error: nowhere.sqlite: no such history database; `iars batch` keeps its "
                    + "history in its --out folder as history.sqlite"), "\(missing.stderr)")
    }

    @Test func aStillBrokenInputShowsItsProblemAgain() throws {
        let dir = try twoInputs("broken")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try BatchCLI.run(["batch", "in", "--out", "out", "--log-format", "text"] + Self.limit, cwd: dir)
        #expect(first.status == 2)
        let again = try BatchCLI.run(
            ["batch", "in", "--out", "out", "--log-format", "text"] + Self.limit, cwd: dir, tag: "again")
        #expect(again.status == 2)
        let row = try #require(again.stdout.split(separator: "\n").first { $0.hasPrefix("b48.yaml") })
        #expect(row.contains("in/b48.yaml:14: shelters[0].beds: ") && row.contains("(unchanged since "), "\(row)")
        #expect(again.stderr.contains("b48.yaml: invalid (unchanged since "), "\(again.stderr)")
        #expect(again.stderr.contains("  in/b48.yaml:14: shelters[0].beds: "), "\(again.stderr)")
    }

    @Test func anEarlierVersionsHistoryIsStillUsedWithANote() throws {
        let dir = try twoInputs("legacy")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try BatchCLI.run(
            ["batch", "in", "--out", "out", "--db", "in/.iars/history.sqlite", "--log-format", "text"]
                + Self.limit, cwd: dir)
        #expect(first.status == 2)
        let r = try BatchCLI.run(
            ["batch", "in", "--out", "out", "--log-format", "text"] + Self.limit, cwd: dir, tag: "again")
        #expect(
            r.stderr.hasPrefix(
                "iars: recording in in/.iars/history.sqlite, the history of an earlier version of iars "
                    + "(the default is now out/history.sqlite: move the file there to keep it with the results, or pass --db)\n"
            ),
            "\(r.stderr)")
        #expect(r.stderr.contains("0 to run, 2 unchanged"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/history.sqlite").path))
        // iars history finds it too, where the batch ran
        let h = try BatchCLI.run(["history"], cwd: dir, tag: "list")
        #expect(h.stderr == "iars: history: in/.iars/history.sqlite\n")
    }

    @Test func historyDiffWritesMoneyWithTwoDecimals() throws {
        let dir = try twoInputs("money")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try BatchCLI.run(
            ["batch", "in", "--out", "out", "--label", "w1", "--log-format", "text"] + Self.limit, cwd: dir)
        let b02 = dir.appendingPathComponent("in/b02.yaml")
        let text = try String(contentsOf: b02, encoding: .utf8)
        // (no budget, no initial cases: dearer partners change the cost only)
        try text.replacingOccurrences(of: "cost_per_case: 150.98", with: "cost_per_case: 250.98")
            .write(to: b02, atomically: true, encoding: .utf8)
        _ = try BatchCLI.run(
            ["batch", "in", "--out", "out", "--label", "w2", "--log-format", "text"] + Self.limit, cwd: dir,
            tag: "w2")
        let diff = try BatchCLI.run(["history", "diff", "w1", "w2"], cwd: dir, tag: "diff")
        #expect(diff.status == 0, "\(diff.stderr)")
        let row = try #require(diff.stdout.split(separator: "\n").first { $0.hasPrefix("b02.yaml") })
        let money = #"\d{1,3}(,\d{3})*\.\d{2}"#
        #expect(
            row.range(of: "41,191\\.1[23] -> \(money) \\([+-]\(money)\\)", options: .regularExpression) != nil, "\(row)"
        )
    }
}
