import CSV
import Foundation

/// Reads the caseload CSV of a return schedule (`spec/return-schedule.md`, "Input").
///
/// The privacy rule is strict. The file may hold exactly the pseudonymous
/// columns `case_id,group,shelter,ready_date,escort[,priority]`, in any order;
/// any other column is an error, and one whose name looks like personal data
/// (`name`, `birth`, `passport`, `phone`, ... : ``personalDataHints``) is
/// refused with a message that says why, before a single data row is looked at.
/// Messages name the row (the header is row 1) and the column, never a case id:
/// `cases.csv:14: case_id: duplicate of row 9`. Other values are repeated only
/// when they have the shape of what the column should hold (a group id, a
/// date), so a misplaced name never reaches a terminal or a log.
///
/// Rows are CSV records (RFC 4180 quoting, CRLF or LF, an optional UTF-8 byte
/// order mark); fields are trimmed; rows with only empty fields are skipped, as
/// the reference checker does.
public enum CaseloadReader {
    /// The columns a caseload may have, in the spec's order.
    public static let columns = ["case_id", "group", "shelter", "ready_date", "escort", "priority"]
    /// The columns it must have.
    public static let requiredColumns = ["case_id", "group", "shelter", "ready_date", "escort"]
    /// Parts of a column name that mark it as personal data (the reference checker's list).
    public static let personalDataHints = [
        "name", "surname", "birth", "dob", "passport", "phone", "mobile", "address", "email", "e-mail", "mail",
        "street", "postcode", "zip", "nationality", "ssn", "national_id", "id_card", "identity", "photo",
        "gender", "sex", "age",
    ]
    /// Accepted spellings of `escort` (lowercased).
    static let yesNo: [String: Bool] = ["yes": true, "true": true, "1": true, "no": false, "false": false, "0": false]

    /// Reads and checks the caseload at `path`.
    ///
    /// - Parameters:
    ///   - path: The file as the user named it; diagnostics repeat it verbatim.
    ///   - scenario: Groups and shelters to check against; nil checks everything else.
    ///   - limits: `maxFileBytes`, `maxDiagnostics`, `maxPriority`, `maxCases`.
    /// - Returns: The valid cases in file order and every problem found (sorted by row).
    public static func read(
        path: String, scenario: Scenario?,
        limits: ReaderLimits = .init()
    ) -> (cases: [ReturnCase], diagnostics: [Diagnostic]) {
        switch readText(path, limits: limits) {
        case .failure(let d): return ([], [d])
        case .success(let text): return parse(text: text, file: path, scenario: scenario, limits: limits)
        }
    }

    /// Checks caseload text (see ``read(path:scenario:limits:)``).
    public static func parse(
        text: String, file: String, scenario: Scenario?,
        limits: ReaderLimits = .init()
    ) -> (cases: [ReturnCase], diagnostics: [Diagnostic]) {
        let ck = Checker(file: file, limits: limits)
        let reader: CSVReader, header: [String: Int]
        switch openPastHeader(text, file: file, ck: ck) {
        case .refused(let diagnostics): return ([], diagnostics)
        case .opened(let r, let h): (reader, header) = (r, h)
        }
        var rows = CaseRowReader(ck: ck, header: header, scenario: scenario, limits: limits)
        var cases: [ReturnCase] = []
        var row = 1
        var dataRows = 0
        while let fields = reader.next() {
            row += 1
            dataRows += 1
            if dataRows > limits.maxCases {
                ck.error(
                    "too many cases: more than \(limits.maxCases) rows after the header "
                        + "(the limit; --limit cases=N raises it)", at: .root, line: row)
                return ([], ck.diagnostics)
            }
            if fields.allSatisfy({ trim($0).isEmpty }) { continue }
            if let c = rows.readCase(fields, row: row) { cases.append(c) }
        }
        if let error = reader.error {
            ck.error("not a readable CSV file (\(error))", at: .root, line: nil)
        }
        return (cases, ck.diagnostics)
    }

    /// A caseload's CSV reader past a valid header row, or why its rows must not be read.
    enum Opening {
        /// The reader at the first data row, and the header's index of each column.
        case opened(CSVReader, header: [String: Int])
        case refused([Diagnostic])
    }

    /// Opens caseload text (without its byte order mark) and checks its header row.
    static func openPastHeader(_ text: String, file: String, ck: Checker) -> Opening {
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: String(body), hasHeaderRow: false)
        } catch {
            return .refused([Diagnostic(file: file, line: nil, path: "", message: "not a readable CSV file")])
        }
        guard let headerRow = reader.next(), headerRow.contains(where: { !trim($0).isEmpty }) else {
            return .refused([
                Diagnostic(
                    file: file, line: nil, path: "",
                    message: "empty caseload (a header row is required: \(columns.joined(separator: ",")))")
            ])
        }
        guard let header = checkHeader(headerRow.map(trim), ck: ck) else { return .refused(ck.diagnostics) }
        return .opened(reader, header: header)
    }

    /// Checks the header: exactly the allowed columns, each once, the required ones present.
    ///
    /// - Returns: Column name to index, or nil (after recording why) when the rows must not be read.
    static func checkHeader(_ names: [String], ck: Checker) -> [String: Int]? {
        let allowed = columns.joined(separator: ", ")
        // A first row without a single caseload column is data, not a header: repeat none of it.
        guard names.contains(where: { columns.contains($0) }) else {
            ck.error(
                "the first row is not a header: it has none of the columns \(allowed) "
                    + "(the caseload starts with a header row)", at: .root, line: 1)
            return nil
        }
        var ok = true
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            if columns.contains(name) {
                if index[name] != nil {
                    ck.error("column '\(name)' appears twice", at: .root, line: 1)
                    ok = false
                }
                index[name] = i
                continue
            }
            ok = false
            let lower = name.lowercased()
            if let hint = personalDataHints.first(where: { lower.contains($0) }) {
                ck.error(
                    "column \(quoted(name, limit: 40)) looks like personal data (it contains '\(hint)'); "
                        + "the caseload may only hold the pseudonymous columns \(allowed): "
                        + "iars never reads, stores or prints personal data (remove the column)",
                    at: .root, line: 1)
            } else if name.isEmpty {
                ck.error("column \(i + 1) has no name (allowed: \(allowed))", at: .root, line: 1)
            } else {
                let hint = Suggestion.closest(to: name, among: columns).map { "; did you mean '\($0)'?" } ?? ""
                ck.error("unknown column \(quoted(name, limit: 40))\(hint) (allowed: \(allowed))", at: .root, line: 1)
            }
        }
        for name in requiredColumns where index[name] == nil {
            ck.error("required column '\(name)' is missing", at: .root, line: 1)
            ok = false
        }
        return ok ? index : nil
    }

    /// `unknown group (not a group of the scenario); did you mean 'md-women'?`.
    ///
    /// The value itself is never repeated: a group or shelter column may hold
    /// case ids (columns swapped), and they must not reach a terminal or a log.
    /// The row number says where to look; the hint names a known id only.
    static func unknown(_ what: String, _ value: String, _ known: Checker.KnownIDs) -> String {
        if value.isEmpty { return "missing (every row needs a \(what) id)" }
        guard Checker.StringRule.id.matches(value), value.count <= 40 else {
            // A known id written in other case (`KH-men`) is named: the id is the scenario's, not the row's.
            let folded = value.lowercased()
            let hint =
                value.count <= 40
                ? known.ordered.first { $0.lowercased() == folded }.map { "; did you mean '\($0)'?" } ?? ""
                : ""
            return "unknown \(what) (not an id of a-z, 0-9, '_' or '-')\(hint)"
        }
        let hint = Suggestion.closest(to: value, among: known.ordered).map { "; did you mean '\($0)'?" } ?? ""
        return "unknown \(what) (not a \(what) of the scenario)\(hint)"
    }

    /// A wrong value as a message may show it: quoted when short and made only of digits
    /// and `-./+` (a date or a number written wrongly); otherwise only that it is other
    /// text, since a name or an address in the wrong column must never be repeated.
    static func shown(_ value: String) -> String {
        if value.isEmpty { return "nothing" }
        let plain = value.utf8.allSatisfy { c in
            (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-") || c == UInt8(ascii: "/")
                || c == UInt8(ascii: ".") || c == UInt8(ascii: "+")
        }
        return plain && value.utf8.count <= 12 ? "'\(value)'" : "other text"
    }

    /// `s` without leading and trailing white space (Unicode's), as Python's `str.strip()`.
    static func trim(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return s }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return s }
        var lo = scalars.startIndex, hi = scalars.endIndex
        while lo < hi, scalars[lo].properties.isWhitespace { lo = scalars.index(after: lo) }
        while hi > lo, scalars[scalars.index(before: hi)].properties.isWhitespace { hi = scalars.index(before: hi) }
        return String(scalars[lo..<hi])
    }

    enum ReadResult {
        case success(String)
        case failure(Diagnostic)
    }

    /// The file's text (at most `limits.maxFileBytes` bytes of UTF-8).
    static func readText(_ path: String, limits: ReaderLimits) -> ReadResult {
        func failure(_ message: String) -> ReadResult {
            .failure(Diagnostic(file: path, line: nil, path: "", message: message))
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return failure("cannot read the caseload: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            return failure("cannot read the caseload: \(String(cString: strerror(errno)))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { return failure("cannot read the caseload: it is a directory") }
        let limitText = "the limit is \(limits.maxFileBytes) bytes"
        if Int(info.st_size) > limits.maxFileBytes {
            return failure("file too large: \(info.st_size) bytes (\(limitText))")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return failure("cannot read the caseload: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > limits.maxFileBytes { return failure("file too large (\(limitText))") }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return failure("not UTF-8 text (save the file as UTF-8 CSV)")
        }
        return .success(text)
    }
}

/// Checks the data rows of a caseload, one at a time, against its header and the scenario.
private struct CaseRowReader {
    let ck: Checker
    let header: [String: Int]
    let limits: ReaderLimits
    /// The scenario's groups and shelters by id (nil without a scenario: not checked).
    let groups: [String: Group]?
    let knownGroups: Checker.KnownIDs?
    let knownShelters: Checker.KnownIDs?
    /// The row each case id was first seen in.
    var firstRow: [String: Int] = [:]

    init(ck: Checker, header: [String: Int], scenario: Scenario?, limits: ReaderLimits) {
        self.ck = ck
        self.header = header
        self.limits = limits
        groups = scenario.map { Dictionary($0.groups.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) }
        knownGroups = scenario.map { Checker.KnownIDs($0.groups.map(\.id)) }
        knownShelters = scenario.map { Checker.KnownIDs($0.shelters.map(\.id)) }
    }

    /// One data row's fields, and whether a problem was found in them.
    struct Row {
        let fields: [String]
        let header: [String: Int]
        let line: Int
        let ck: Checker
        private(set) var ok = true

        init(fields: [String], header: [String: Int], line: Int, ck: Checker) {
            self.fields = fields
            self.header = header
            self.line = line
            self.ck = ck
        }

        /// The trimmed field of `column` (empty when the header has no such column).
        func field(_ column: String) -> String {
            header[column].map { CaseloadReader.trim(fields[$0]) } ?? ""
        }

        mutating func problem(_ column: String, _ message: String) {
            ck.error(message, at: DocumentPath(column), line: line)
            ok = false
        }
    }

    /// The case in `fields` (row `row`), or nil after recording every problem in it.
    mutating func readCase(_ fields: [String], row: Int) -> ReturnCase? {
        guard fields.count == header.count else {
            ck.error("expected \(header.count) fields, got \(fields.count)", at: .root, line: row)
            return nil
        }
        var r = Row(fields: fields, header: header, line: row, ck: ck)
        let id = r.field("case_id")
        checkID(id, in: &r)
        var group: Group?
        let groupText = r.field("group")
        if let groups, let knownGroups {
            group = groups[groupText]
            if group == nil { r.problem("group", CaseloadReader.unknown("group", groupText, knownGroups)) }
        }
        let shelter = r.field("shelter")
        if let knownShelters, !knownShelters.contains(shelter) {
            r.problem("shelter", CaseloadReader.unknown("shelter", shelter, knownShelters))
        }
        let readyText = r.field("ready_date")
        let ready = CalendarDate(readyText)
        if ready == nil {
            r.problem("ready_date", "expected a date YYYY-MM-DD, got \(CaseloadReader.shown(readyText))")
        }
        let escortText = r.field("escort")
        let escort = CaseloadReader.yesNo[escortText.lowercased()]
        if escort == nil {
            r.problem("escort", "expected yes/no, true/false or 1/0, got \(CaseloadReader.shown(escortText))")
        }
        let priority = readPriority(in: &r, groupPriority: group?.priority ?? 1)
        guard r.ok, let ready, let escort else { return nil }
        return ReturnCase(
            id: id, group: groupText, country: group?.country ?? "", shelter: shelter,
            readyDate: ready, needsEscort: escort, priority: priority, row: row)
    }

    /// Checks that `id` is a pseudonymous code not seen in an earlier row.
    mutating func checkID(_ id: String, in r: inout Row) {
        if !isCode(id) {
            r.problem(
                "case_id",
                id.isEmpty
                    ? "missing (every row needs a pseudonymous code)"
                    : "not a pseudonymous code [A-Za-z0-9_-]{1,64}")
        } else if let first = firstRow[id] {
            r.problem("case_id", "duplicate of row \(first)")
        } else {
            firstRow[id] = r.line
        }
    }

    /// The row's priority: its `priority` field when given (a number in `0 < p <= maxPriority`),
    /// else the group's.
    func readPriority(in r: inout Row, groupPriority: Double) -> Double {
        var priority = groupPriority
        let priorityText = r.field("priority")
        if !priorityText.isEmpty {
            if let p = Double(priorityText), p.isFinite, p > 0, p <= limits.maxPriority {
                priority = p
            } else if let p = Double(priorityText), p.isFinite, p > limits.maxPriority {
                r.problem(
                    "priority",
                    "must be <= \(formatNumber(limits.maxPriority)) (the cap on priorities), "
                        + "got \(CaseloadReader.shown(priorityText))")
            } else {
                r.problem(
                    "priority",
                    "expected a number > 0 (or nothing for the group's), got "
                        + CaseloadReader.shown(priorityText))
            }
        }
        return priority
    }
}
