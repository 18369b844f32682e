import Foundation

/// Reads and validates a return schedule (`spec/return-schedule.md`, "Input"):
/// the schedule file, the scenario it names and the caseload CSV.
///
/// Every problem in the three files is reported at once, the schedule file's
/// first (by line), then the scenario's, then the caseload's (by row), e.g.
///
/// ```
/// schedule.yaml:7: departures[1].route: unknown route 'tirana-kiev-bus'; did you mean 'tirana-kyiv-bus'?
/// schedule.yaml:9: departures[2].date: departure 'bus-0506' on 2002-05-06 lies outside the scenario's horizon 2001-01..2001-12
/// cases.csv:1: column 'surname' looks like personal data (it contains 'name'); ...
/// cases.csv:14: case_id: duplicate of row 9
/// ```
///
/// Where the spec is silent this follows the reference checker
/// (`tools/iars_reference.py`): `escort` needs both `ratio` (integer >= 1) and
/// `cost` (>= 0); `seats` may be 0; a dated departure without `id` is named
/// `ROUTE@YYYY-MM-DD` like a recurring one; `every` takes a weekday's English
/// name or its first three letters, in any case; `from` and `until` are
/// inclusive. When the scenario cannot be read, the departures and the
/// caseload are still checked for everything that does not need it.
public enum ScheduleLoader {
    /// Keys of the schedule file.
    public static let topKeys = (required: ["scenario", "departures"], optional: ["cases", "escort"])

    /// Reads and validates the schedule at `path`, the scenario it names and the caseload.
    ///
    /// - Parameters:
    ///   - path: The schedule file as the user named it; diagnostics repeat it verbatim.
    ///   - cases: A caseload that replaces the file's `cases:` (`--cases FILE`), as the user named it.
    ///   - limits: Guard rails for reading and for magnitudes (all three files).
    /// - Returns: The validated schedule.
    /// - Throws: `InputError` with every problem found.
    public static func load(
        path: String, cases: String? = nil,
        limits: ReaderLimits = .init()
    ) throws(InputError) -> Schedule {
        let document = try Document.load(path: path, limits: limits)
        let ck = Checker(file: path, limits: limits)
        var reader = ScheduleReader(ck: ck, limits: limits, folder: folder(of: path))
        reader.read(document.root, casesOverride: cases)
        var diagnostics = ck.diagnostics
        diagnostics += reader.scenarioDiagnostics
        var caseload: [ReturnCase] = []
        if let casesPath = reader.casesPath {
            let read = CaseloadReader.read(path: casesPath, scenario: reader.scenario, limits: limits)
            caseload = read.cases
            diagnostics += read.diagnostics
        }
        guard diagnostics.isEmpty, let scenario = reader.scenario, let scenarioFile = reader.scenarioPath,
            let casesPath = reader.casesPath, let departures = reader.departures
        else {
            if diagnostics.isEmpty {
                // Unreachable: every nil above records a diagnostic.
                throw InputError(file: path, message: "not a valid schedule")
            }
            throw InputError(diagnostics)
        }
        return Schedule(
            file: path, scenarioFile: scenarioFile, scenario: scenario, casesFile: casesPath,
            departures: departures, cases: caseload, escort: reader.escort)
    }

    /// The folder part of `path` as written (`""` for a bare file name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// `relative` resolved against `folder` (kept as is when absolute).
    static func resolve(_ relative: String, in folder: String) -> String {
        relative.hasPrefix("/") ? relative : folder + relative
    }

    /// The weekday of `every:` (0 = Monday), from its name or first three letters, any case.
    public static func weekday(_ text: String) -> Int? {
        let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        let t = text.lowercased()
        return names.firstIndex { $0 == t || $0.prefix(3) == t }
    }
}

extension Checker.StringRule {
    /// `YYYY-MM-DD`, a real day of year 0001...9999.
    static let date = Self("a date YYYY-MM-DD") { CalendarDate($0) != nil }

    /// `[A-Za-z0-9_-]{1,64}`: case ids and departure ids.
    static let code = Self("a code of A-Z, a-z, 0-9, '_' or '-' (1 to 64 characters)") { isCode($0) }

    static let fileName = Self("a file name") { !$0.isEmpty && !$0.contains("\0") }
}

/// Whether `s` matches `[A-Za-z0-9_-]{1,64}`.
func isCode(_ s: String) -> Bool {
    let u = s.utf8
    return (1...64).contains(u.count)
        && u.allSatisfy { c in
            (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
                || c == UInt8(ascii: "-")
        }
}

/// One pass over a schedule document.
private struct ScheduleReader {
    let ck: Checker
    let limits: ReaderLimits
    /// The schedule file's folder, as written (ends with `/`, or empty).
    let folder: String

    var scenario: Scenario?
    var scenarioPath: String?
    var scenarioDiagnostics: [Diagnostic] = []
    var casesPath: String?
    var escort: EscortRule?
    var departures: [Departure]?

    var counts: Checker.Bound { .init(Double(limits.maxCount), "the cap on counts") }

    init(ck: Checker, limits: ReaderLimits, folder: String) {
        self.ck = ck
        self.limits = limits
        self.folder = folder
    }

    mutating func read(_ root: DocumentNode, casesOverride: String?) {
        guard
            let top = ck.mapping(
                root, at: .root, required: ScheduleLoader.topKeys.required,
                optional: ScheduleLoader.topKeys.optional)
        else { return }
        if let rel = ck.field(top, "scenario", { ck.string($0, at: $1, rule: .fileName) }) {
            let path = ScheduleLoader.resolve(rel, in: folder)
            scenarioPath = path
            do {
                scenario = try ScenarioLoader.load(path: path, limits: limits)
            } catch {
                scenarioDiagnostics = error.diagnostics
            }
        }
        if let casesOverride {
            casesPath = casesOverride
        } else if top.has("cases") {
            casesPath = ck.field(top, "cases") { ck.string($0, at: $1, rule: .fileName) }
                .map { ScheduleLoader.resolve($0, in: folder) }
        } else {
            ck.error("no caseload: give `cases:` in the file or --cases FILE", at: "cases", node: top.node)
        }
        if let node = top["escort"] {
            escort = readEscort(node, at: "escort")
        }
        if let node = top["departures"], let list = ck.list(node, at: "departures") {
            departures = readDepartures(list)
        }
    }

    func readEscort(_ node: DocumentNode, at path: DocumentPath) -> EscortRule? {
        guard let f = ck.mapping(node, at: path, required: ["ratio", "cost"]) else { return nil }
        let ratio = ck.field(f, "ratio") { ck.integer($0, at: $1, min: 1, max: counts) }
        let cost = ck.field(f, "cost") {
            ck.number($0, at: $1, min: 0, max: .init(limits.maxCost, "the cap on costs"))
        }
        guard let ratio, let cost else { return nil }
        return EscortRule(ratio: ratio, cost: cost)
    }

    /// The departures of every entry, checked; nil if any entry is wrong.
    func readDepartures(_ list: [DocumentNode]) -> [Departure]? {
        var out: [Departure] = []
        var ok = true
        var firstLine: [String: Int] = [:]
        let routes = scenario.map { Checker.KnownIDs($0.routes.map(\.id)) }
        for (i, node) in list.enumerated() {
            let p = DocumentPath("departures") + i
            guard let entry = readEntry(node, at: p, routes: routes) else {
                ok = false
                continue
            }
            for d in entry {
                if let line = firstLine[d.id] {
                    ck.error("duplicate departure id '\(d.id)' (first at line \(line))", at: p, node: node)
                    ok = false
                    continue
                }
                firstLine[d.id] = node.line
                out.append(d)
            }
        }
        return ok && scenario != nil ? out : nil
    }

    /// One entry of `departures`: a dated departure or a recurring one.
    ///
    /// - Returns: Its departures (none when there is no scenario to date them in), or nil
    ///   after recording what is wrong with it.
    func readEntry(_ node: DocumentNode, at p: DocumentPath, routes: Checker.KnownIDs?) -> [Departure]? {
        let recurring = node["every"] != nil
        let f: Checker.Fields?
        if recurring {
            f = ck.mapping(node, at: p, required: ["route", "every", "from", "until"], optional: ["seats"])
        } else {
            f = ck.mapping(node, at: p, required: ["route", "date"], optional: ["id", "seats"])
        }
        guard let f else { return nil }
        let route = readRoute(f, at: p, routes: routes)
        let seats = ck.optionalField(f, "seats") { ck.integer($0, at: $1, min: 0, max: counts) }
        if recurring {
            return readRecurring(f, node, at: p, route: route, seats: seats)
        }
        return readDated(f, at: p, route: route, seats: seats)
    }

    /// An entry's route: whether it is good (a known route, or any string when there is no
    /// scenario to check it against), and the scenario's route with its index when known.
    typealias CheckedRoute = (ok: Bool, route: (index: Int, route: Route)?)

    /// An entry's route, checked against the scenario when it could be read.
    func readRoute(_ f: Checker.Fields, at p: DocumentPath, routes: Checker.KnownIDs?) -> CheckedRoute {
        guard let rnode = f["route"] else { return (false, nil) }
        guard let routes, let scenario else { return (ck.string(rnode, at: p + "route") != nil, nil) }
        if let id = ck.reference(rnode, at: p + "route", known: routes, what: "route"),
            let k = scenario.routes.firstIndex(where: { $0.id == id })
        {
            return (true, (k, scenario.routes[k]))
        }
        return (false, nil)
    }

    /// A recurring entry (`every`, `from`, `until`): one departure a week, all inside the horizon.
    func readRecurring(
        _ f: Checker.Fields, _ node: DocumentNode, at p: DocumentPath,
        route: CheckedRoute, seats: Int??
    ) -> [Departure]? {
        let weekday = ck.field(f, "every") { node, path -> Int? in
            guard let s = node.string, let w = ScheduleLoader.weekday(s) else {
                ck.error("expected a weekday (monday..sunday), got \(node.kindDescription)", at: path, node: node)
                return nil
            }
            return w
        }
        let from = ck.field(f, "from") { ck.string($0, at: $1, rule: .date) }.flatMap(CalendarDate.init)
        let until = ck.field(f, "until") { ck.string($0, at: $1, rule: .date) }.flatMap(CalendarDate.init)
        if let from, let until, from > until {
            ck.error("from \(from) is after until \(until)", at: p, node: node)
            return nil
        }
        guard route.ok, let seats, let weekday, let from, let until else { return nil }
        guard let route = route.route, let scenario else { return [] }
        let progression = WeeklyDepartures(weekday: weekday, from: from, until: until, scenario: scenario)
        let inside = progression.insideHorizon
        let outsideCount = progression.count - inside.count
        if outsideCount > 0 {
            let first = inside.lowerBound > 0 ? progression.day(0) : progression.day(inside.upperBound)
            let last =
                inside.upperBound < progression.count
                ? progression.day(progression.count - 1) : progression.day(inside.lowerBound - 1)
            let which =
                outsideCount == 1
                ? "the departure on \(first) lies"
                : "\(outsideCount) of its \(progression.count) departures (\(first)..\(last)) lie"
            ck.error("\(which) outside the scenario's horizon \(horizon(scenario))", at: p, node: node)
            return nil
        }
        let days = inside.map(progression.day)
        return days.map { date in
            Departure(
                id: "\(route.route.id)@\(date)", route: route.route.id, routeIndex: route.index,
                country: route.route.country, date: date, seats: seats ?? route.route.seatsPerDeparture,
                month: month(of: date, in: scenario)!)
        }
    }

    /// A dated entry (`date`, optional `id`): one departure inside the horizon.
    func readDated(
        _ f: Checker.Fields, at p: DocumentPath,
        route: CheckedRoute, seats: Int??
    ) -> [Departure]? {
        let date = ck.field(f, "date") { ck.string($0, at: $1, rule: .date) }.flatMap(CalendarDate.init)
        let id = ck.optionalField(f, "id") { ck.string($0, at: $1, rule: .code) }
        guard route.ok, let seats, let date, let id else { return nil }
        guard let route = route.route, let scenario else { return [] }
        let name = id ?? "\(route.route.id)@\(date)"
        guard let t = month(of: date, in: scenario) else {
            ck.error(
                "departure '\(name)' on \(date) lies outside the scenario's horizon \(horizon(scenario))",
                at: p + "date", node: f["date"]!)
            return nil
        }
        return [
            Departure(
                id: name, route: route.route.id, routeIndex: route.index, country: route.route.country,
                date: date, seats: seats ?? route.route.seatsPerDeparture, month: t)
        ]
    }

    /// The scenario month (1-based) holding `date`, or nil outside the horizon.
    func month(of date: CalendarDate, in scenario: Scenario) -> Int? {
        let t = date.yearMonth.months(since: scenario.start) + 1
        return (1...scenario.months).contains(t) ? t : nil
    }

    func horizon(_ scenario: Scenario) -> String {
        "\(scenario.label(1))..\(scenario.label(scenario.months))"
    }
}

/// The days of a recurring departure: every `weekday` from `from` to `until`, a progression
/// of weeks whose days outside the scenario's horizon are a prefix and a suffix of it.
private struct WeeklyDepartures {
    /// The first matching day on or after `from`.
    let start: CalendarDate
    /// How many matching days there are up to `until`.
    let count: Int
    let scenario: Scenario

    init(weekday: Int, from: CalendarDate, until: CalendarDate, scenario: Scenario) {
        start = from.adding(days: (weekday - from.weekday + 7) % 7)
        count = start > until ? 0 : (until - start) / 7 + 1
        self.scenario = scenario
    }

    /// The `i`th day (0-based).
    func day(_ i: Int) -> CalendarDate { start.adding(days: 7 * i) }

    /// The indices of the days inside the horizon, found by bisection, so `from: 0001-01-01,
    /// until: 9999-12-31` costs no more than a month (it used to build all 521,000 dates,
    /// for every entry).
    var insideHorizon: Range<Int> {
        firstIndex { $0 >= 0 }..<max(firstIndex { $0 >= 0 }, firstIndex { $0 >= scenario.months })
    }

    /// The first day whose month (0-based, from the scenario's start) satisfies `position`,
    /// which must hold for a suffix of the days.
    func firstIndex(where position: (Int) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if position(day(mid).yearMonth.months(since: scenario.start)) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
