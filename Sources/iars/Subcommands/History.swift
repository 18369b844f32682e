import ArgumentParser
import Foundation
import IARSHistory
import IARSReport

/// Options of every `iars history` command.
struct HistoryOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The history database (default: the first found of history.sqlite and .iars/history.sqlite here, then in the folders here: where `iars batch` keeps it, its --out folder).",
            valueName: "file"))
    var db: String?

    @Option(name: .long, help: "Output format: table or json.")
    var format: HistoryFormat = .table

    /// Opens the database: `--db`, or the one ``HistoryLocation`` finds (named on standard error).
    /// - Parameter readOnly: false for `import`, which creates `--db` (required there) when missing.
    func open(readOnly: Bool = true) throws -> HistoryStore {
        let chosen: String
        if let db {
            guard readOnly == false || FileManager.default.fileExists(atPath: db) else {
                DiagnosticPrinter.fail(
                    "\(db): no such history database; `iars batch` keeps its history in its --out folder "
                        + "as history.sqlite (or where its --db said): pass that file to --db")
                throw ExitCode(2)
            }
            chosen = db
        } else {
            switch HistoryLocation.search(in: ".") {
            case .found(let path):
                FileHandle.standardError.write(Data("iars: history: \(path)\n".utf8))
                chosen = path
            case .several(let paths):
                DiagnosticPrinter.fail(
                    "several history databases here: \(paths.joined(separator: ", ")); "
                        + "choose one with --db FILE")
                throw ExitCode(2)
            case .none(let looked):
                DiagnosticPrinter.fail(
                    "no history database found; looked for \(looked.joined(separator: ", ")). "
                        + "`iars batch` keeps its history in its --out folder as history.sqlite (earlier versions: .iars/history.sqlite "
                        + "in the first input folder): run iars history in that folder, or pass the file with --db FILE"
                )
                throw ExitCode(2)
            }
        }
        do {
            return try HistoryStore(path: chosen, readOnly: readOnly)
        } catch {
            DiagnosticPrinter.fail("\(error)")
            throw ExitCode(2)
        }
    }
}

/// Where `iars history` looks for the run history without `--db` (docs/batch.md, "Run history"):
/// in the current folder, then in each folder inside it (sorted by name), the files
/// `history.sqlite` (`iars batch`'s default, in its `--out` folder) and `.iars/history.sqlite`
/// (the default of earlier versions, in the first input folder).
enum HistoryLocation {
    enum Outcome: Equatable {
        case found(String)
        case several([String])
        /// Nothing found: the patterns looked for.
        case none([String])
    }

    static let names = ["history.sqlite", ".iars/history.sqlite"]

    /// The current folder's own database when it has one; else the one database in the
    /// folders inside it; several there is ambiguous.
    static func search(in dir: String) -> Outcome {
        let fm = FileManager.default
        func join(_ a: String, _ b: String) -> String { a == "." ? b : (a as NSString).appendingPathComponent(b) }
        for name in names where fm.fileExists(atPath: join(dir, name)) { return .found(join(dir, name)) }
        let subfolders = ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted().filter { name in
            var isDir: ObjCBool = false
            return !name.hasPrefix(".") && fm.fileExists(atPath: join(dir, name), isDirectory: &isDir)
                && isDir.boolValue
        }
        var found: [String] = []
        for sub in subfolders {
            for name in names where fm.fileExists(atPath: join(join(dir, sub), name)) {
                found.append(join(join(dir, sub), name))
            }
        }
        switch found.count {
        case 0: return .none(names.map { "./" + $0 } + names.map { "*/" + $0 })
        case 1: return .found(found[0])
        default: return .several(found)
        }
    }
}

enum HistoryFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "The run history of iars batch: list runs, show what changed, merge shards' databases.",
        subcommands: [HistoryList.self, HistoryDiffCommand.self, HistoryImport.self, HistoryForecastCommand.self],
        defaultSubcommand: HistoryList.self
    )
}

/// A count or person-months: grouped thousands, 2 decimals only when fractional.
private func fmt(_ v: Double?) -> String { v.map(PlanTable.num) ?? "-" }

/// Money: grouped thousands and always 2 decimals (16,978.50).
private func money(_ v: Double?) -> String { v.map(PlanTable.money) ?? "-" }

private func utc(_ d: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.string(from: d)
}

struct HistoryList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List recorded runs, oldest first.")

    @OptionGroup var options: HistoryOptions

    @Option(name: .long, help: "Only runs of this scenario (its name, or the input's name).")
    var scenario: String?

    @Option(name: .long, help: "Only runs of this batch (id, id prefix or label).")
    var batch: String?

    @Option(name: .long, help: "Only the last N runs.")
    var last: Int?

    @Option(name: .long, help: "Write an HTML report with trend charts per job to this file (atomically).")
    var html: String?

    func run() throws {
        let store = try options.open()
        var runs = try store.runs(scenario: scenario, batch: batch, withMonths: options.format == .json)
        if let last, runs.count > last { runs = Array(runs.suffix(max(0, last))) }
        if let html {
            try HTMLReportOption.writePage(HistoryHTML.render(runs, database: store.path), to: html)
            print("\(html): \(runs.count) run\(runs.count == 1 ? "" : "s")")
            return
        }
        switch options.format {
        case .table:
            var t = TextTable(columns: [
                .init("Finished (UTC)"), .init("Batch"), .init("Input"), .init("Status"), .init("Unmet", right: true),
                .init("Waiting", right: true), .init("Cost", right: true), .init("Time", right: true),
            ])
            for r in runs {
                t.add([
                    utc(r.finishedAt), r.batchID + (r.label.map { " (\($0))" } ?? ""), r.displayName, r.statusText,
                    fmt(r.unmet), fmt(r.waiting), money(r.cost), String(format: "%.2fs", r.seconds),
                ])
            }
            print(t.render(), terminator: "")
            print("\(runs.count) run\(runs.count == 1 ? "" : "s")")
        case .json:
            print(JSONValue.array(runs.map(runJSON)).serialized(), terminator: "")
        }
    }
}

/// A run's objective values (a schedule's `left_behind_days` with them); null without a plan.
func objectiveJSON(_ r: RunRecord) -> JSONValue {
    guard r.unmet != nil else { return .null }
    return .object(
        [("unmet", .num(r.unmet)), ("waiting", .num(r.waiting)), ("cost", .num(r.cost))]
            + (r.leftBehindDays.map { [("left_behind_days", .num($0))] } ?? []))
}

func runJSON(_ r: RunRecord) -> JSONValue {
    var fields: [(String, JSONValue)] = [
        ("run", .string(r.runID)), ("batch", .string(r.batchID)), ("label", r.label.map { .string($0) } ?? .null),
        ("input", .string(r.input)), ("job", .string(r.job)), ("kind", .string(r.kind)),
        ("scenario", .string(r.scenario)), ("status", .string(r.status)),
    ]
    if r.status == "feasible" || r.status == "time-limit" {
        // a stopped plan: as in iars plan's JSON (gap null: unknown, or recorded before iars kept it)
        fields += [
            ("gap", .num(r.gap)), ("stopped_level", r.stoppedLevel.map { .string($0) } ?? .null),
            ("stopped_by", r.stoppedBy.map { .string($0) } ?? .null),
        ]
    }
    fields += [
        ("objective", objectiveJSON(r)),
        ("input_hash", .string(r.inputHash)), ("options", .string(r.options)),
        ("seconds", .num(r.seconds, digits: 3)), ("version", .string(r.toolVersion)),
        ("started", .string(utc(r.startedAt))), ("finished", .string(utc(r.finishedAt))),
        ("output", r.output.map { .string($0) } ?? .null), ("message", r.message.map { .string($0) } ?? .null),
        ("months", .array(r.months.map(monthJSON))),
    ]
    if let asOf = r.asOf {
        // a run of the weekly loop: the caseload's date and, for a plan, its counts
        fields.append(("as_of", .string(asOf)))
        fields.append(("actuals", ForecastText.actualsJSON(r.actuals)))
    }
    if let services = r.services {
        fields.append(
            (
                "services",
                .array(
                    services.map { v in
                        .object([
                            ("service", .string(v.service)), ("month", .string(v.month)),
                            ("capacity", .num(v.capacity)), ("case_months", .num(v.load)), ("cost", .num(v.cost)),
                        ])
                    })
            ))
    }
    return .object(fields)
}

func monthJSON(_ m: MonthMetrics) -> JSONValue {
    .object([
        ("month", .string(m.month)), ("arrivals", .int(m.arrivals)), ("admitted", .num(m.admitted)),
        ("unmet", .num(m.unmet)), ("returned", .num(m.returned)), ("in_shelter", .num(m.inShelter)),
        ("waiting", .num(m.waiting)), ("occupancy", .num(m.occupancy)), ("beds", .int(m.beds)),
        ("cost", .num(m.cost)), ("budget", .num(m.budget)),
    ])
}

struct HistoryDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract:
            "Show what changed between two batches, or over the last days: statuses, objective values and months.",
        discussion: """
            Each side is the latest run of every job as of the end of that batch (a batch id, an id prefix \
            or a --label), so jobs a batch skipped as unchanged keep their earlier result. With --since, the \
            two sides are the history as of that long ago and as of now.
            """
    )

    @OptionGroup var options: HistoryOptions

    @Argument(help: "The earlier batch (id, id prefix or label).")
    var a: String?

    @Argument(help: "The later batch (default: the latest state).")
    var b: String?

    @Option(name: .long, help: "Compare with the state this long ago: 7d, 12h, 2w, or a date YYYY-MM-DD (UTC).")
    var since: String?

    func validate() throws {
        if since == nil, a == nil { throw ValidationError("Name two batches (diff A B) or a time (diff --since 7d).") }
        if since != nil, a != nil { throw ValidationError("Give either two batches or --since, not both.") }
        if let since, Self.parseSince(since, now: Date()) == nil {
            throw ValidationError("--since: expected a number with d, h or w (e.g. 7d), or YYYY-MM-DD; got \(since).")
        }
    }

    static func parseSince(_ text: String, now: Date) -> Date? {
        if let unit = text.last, let n = Double(text.dropLast()), n >= 0 {
            switch unit {
            case "d": return now.addingTimeInterval(-n * 86400)
            case "h": return now.addingTimeInterval(-n * 3600)
            case "w": return now.addingTimeInterval(-n * 7 * 86400)
            default: break
            }
        }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.date(from: text)
    }

    func run() throws {
        let store = try options.open()
        /// The end of a batch: its last finish time.
        func end(of batch: String) throws -> Date {
            guard let last = try store.runs(batch: batch, withMonths: false).last else {
                DiagnosticPrinter.fail("no batch \(batch) in \(store.path) (see iars history list)")
                throw ExitCode(2)
            }
            return last.finishedAt
        }
        let beforeTime: Date, afterTime: Date?
        let beforeName: String, afterName: String
        if let since {
            beforeTime = Self.parseSince(since, now: Date())!
            afterTime = nil
            beforeName = utc(beforeTime)
            afterName = "now"
        } else {
            beforeTime = try end(of: a!)
            afterTime = try b.map(end(of:))
            beforeName = a!
            afterName = b ?? "latest"
        }
        let diff = HistoryDiff(
            before: try store.latestPerJob(until: beforeTime),
            after: try store.latestPerJob(until: afterTime))
        switch options.format {
        case .json:
            func side(_ r: RunRecord?) -> JSONValue { r.map(runJSON) ?? .null }
            print(
                JSONValue.object([
                    ("before", .string(beforeName)), ("after", .string(afterName)), ("unchanged", .int(diff.unchanged)),
                    (
                        "changes",
                        .array(
                            diff.changes.map { c in
                                .object([
                                    ("job", .string(c.name)), ("input_changed", .bool(c.inputChanged)),
                                    ("before", side(c.before)), ("after", side(c.after)),
                                ])
                            })
                    ),
                ]).serialized(), terminator: "")
        case .table:
            print(Self.render(diff, beforeName: beforeName, afterName: afterName), terminator: "")
        }
    }

    static func render(_ diff: HistoryDiff, beforeName: String, afterName: String) -> String {
        /// `before -> after (+difference)`, each written by `f` (money for costs).
        func delta(_ x: Double?, _ y: Double?, _ f: (Double?) -> String = fmt) -> String {
            switch (x, y) {
            case let (x?, y?):
                if x == y { return f(y) }
                let d = y - x
                return "\(f(x)) -> \(f(y)) (\(d >= 0 ? "+" : "")\(f(d)))"
            default: return "\(f(x)) -> \(f(y))"
            }
        }
        var text =
            "Changes from \(beforeName) to \(afterName): \(diff.changes.count) changed, \(diff.unchanged) unchanged\n"
        guard !diff.changes.isEmpty else { return text }
        var t = TextTable(columns: [
            .init("Job"), .init("Status"), .init("Unmet"), .init("Waiting"), .init("Cost"),
            .init("Input"),
        ])
        for c in diff.changes {
            let s0 = c.before?.statusText ?? "new", s1 = c.after?.statusText ?? "-"
            t.add([
                c.name, s0 == s1 ? s1 : "\(s0) -> \(s1)", delta(c.before?.unmet, c.after?.unmet),
                delta(c.before?.waiting, c.after?.waiting), delta(c.before?.cost, c.after?.cost, money),
                c.inputChanged ? "changed" : "same",
            ])
        }
        text += "\n" + t.render()
        for c in diff.changes where !c.months.isEmpty && c.before != nil && c.after != nil {
            var m = TextTable(columns: [
                .init("Month"), .init("Admitted"), .init("Unmet"), .init("Returned"),
                .init("Waiting"), .init("Cost"),
            ])
            for mc in c.months {
                m.add([
                    mc.month, delta(mc.before?.admitted, mc.after?.admitted),
                    delta(mc.before?.unmet, mc.after?.unmet), delta(mc.before?.returned, mc.after?.returned),
                    delta(mc.before?.waiting, mc.after?.waiting), delta(mc.before?.cost, mc.after?.cost, money),
                ])
            }
            text += "\n\(c.name): months that changed\n" + m.render()
        }
        return text
    }
}

struct HistoryImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Merge other history databases (e.g. the shards' of a job array) into this one, without duplicates.")

    @OptionGroup var options: HistoryOptions

    @Argument(help: "History databases to merge in.")
    var sources: [String]

    func run() throws {
        let store = try options.open(readOnly: false)
        var failed = false
        for source in sources {
            do {
                let (added, skipped) = try store.importRuns(from: source)
                print("\(source): \(added) run\(added == 1 ? "" : "s") added, \(skipped) already present")
            } catch {
                DiagnosticPrinter.fail("\(error)")
                failed = true
            }
        }
        do { try store.close() } catch {
            DiagnosticPrinter.fail("\(store.path): \(error)")
            failed = true
        }
        if failed { throw ExitCode(2) }
    }
}
