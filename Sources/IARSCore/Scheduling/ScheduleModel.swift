import IARSInput
import LinearProgramming

/// The return-schedule model of `spec/return-schedule.md`, in an exact compact form.
///
/// ## Classes
/// The spec's constraints and objectives see a case only through its country
/// (its group's), its ready date, whether it needs an escort and its
/// priority; the shelter and the group itself play no part. Cases alike in
/// those four are interchangeable: a *class*. The weight of leaving a case
/// behind, `w(i) = max(0, E - ready_date(i))` with `E` the date of the
/// schedule's last departure (any country), depends on the ready date alone,
/// so it is one number per class (``CaseClass/leftBehindDays``) and no class
/// needs splitting for it. Any per-case solution maps to
/// counts per class with the same objective values, and any counts map back
/// to cases (``Scheduler`` splits them deterministically).
///
/// ## A chain per country and escort need
/// A case may ride any departure to its country on or after its ready date,
/// so the departures a class may take are a suffix of the country's
/// departures in date order. For each country and escort need (a *stream*)
/// the model is a chain with one node per departure `k`:
///
///     carry[k-1] + sum of enter[class] starting at k = board[k] + carry[k]
///
/// `enter[class]` in `0...size` is how many of the class are scheduled (they
/// join the chain at the first departure they may take), `board[k]` how many
/// of the stream ride departure `k`, `carry[k]` how many scheduled cases wait
/// for a later departure. The spec's `x[i,j]` are recovered from any integer
/// point: the boarding at `k` is drawn from the cases that joined at or before
/// `k`, and `carry >= 0` says there are always enough.
///
/// The objectives in these terms:
/// - unassigned = sum priority(i) - sum priority(class) * enter[class];
/// - left_behind_days = sum w(i) - sum w(class) * enter[class];
/// - waiting_days = sum date(k) * board[k] - sum ready(class) * enter[class]
///   (both dates counted from the country's first ready date);
/// - cost = as in the spec, on `board`, `e`, `open` and `reint`.
///
/// The rows per departure (seats, escort ratio, open) and per country and month
/// (reintegration) are the spec's, on `board` instead of `x`. The spec's
/// `x[i,j]`, `e[j]`, `open[j]` and `reint[p,m]` and these variables describe the
/// same set of schedules with the same objective values, so every level's
/// optimum is the same.
///
/// ## Independent countries
/// No constraint links two countries, and each objective is a sum over
/// countries. So a lexicographic optimum of the whole is a lexicographic
/// optimum per country (a country below its own optimum on a level could be
/// improved without touching the others), and each country is its own small
/// model: a *part*. Branch-and-bound works on a few dozen integer variables
/// at a time instead of all of them at once.
///
/// With `e` and `open` fixed, the chain, seat and month rows form a network,
/// whose LP optimum is integral: the integer variables that need branching
/// are `e[j]` and, in the cost level, `open[j]`. (The levels change only the
/// objective, never the rows, so this holds for each of the four.)
struct ScheduleModel {
    /// Interchangeable cases.
    struct CaseClass {
        var country: String
        /// Needs an escort seat (only when the schedule has an escort rule).
        var escorted: Bool
        var priority: Double
        var ready: CalendarDate
        /// `w` of the spec's `left_behind_days`: days from the ready date to the schedule's
        /// last departure (0 when ready after it, or without departures).
        var leftBehindDays: Int
        /// Indices into `Schedule.cases`, sorted by case id.
        var cases: [Int]
    }

    /// The cases of one country and escort need, along the country's departures.
    struct Stream {
        var escorted: Bool
        /// The first departure position with a board column.
        var first: Int
        /// `board[k]`: column of boarding at departure position `k` (nil before `first`).
        var board: [Int?]
        /// Classes (indices into `classes`) joining at each position.
        var joining: [[Int]]
    }

    /// The model of one country.
    struct Part {
        var country: String
        var model = LinearModel(name: "schedule")
        /// The four levels' objectives, in ``ScheduleModel/levelNames`` order.
        var levels: [Level] = []
        /// Departure indices (into `Schedule.departures`) in date order, then file order.
        var departures: [Int] = []
        var streams: [Stream] = []
        /// `enter` column of each class of the part (class index to column).
        var enter: [Int: Int] = [:]
        /// `e[j]` per departure position, when escorted cases may ride it.
        var escorts: [Int?] = []
        /// `open[j]` per departure position, when any case may ride it.
        var open: [Int?] = []
        /// The schedule's escort ratio, if it has an escort rule.
        var escortRatio: Int?
        /// `reint[p,m]`: partner index, month (1-based), column.
        var reintegration: [(partner: Int, month: Int, column: Int)] = []
    }

    /// A level of the schedule's lexicographic objective.
    typealias Level = Objective

    static let levelNames = ["unassigned", "left_behind_days", "waiting_days", "cost"]
    /// Indices into ``levelNames`` (and each part's `levels`).
    static let unassignedLevel = 0, leftBehindLevel = 1, waitingLevel = 2, costLevel = 3

    /// `E` of the spec: the date of the schedule's last departure, to any country.
    static func lastDeparture(of schedule: Schedule) -> CalendarDate? {
        schedule.departures.map(\.date).max()
    }

    /// `w(i) = max(0, E - ready)` in days, 0 without departures (`end` nil).
    static func leftBehindDays(ready: CalendarDate, end: CalendarDate?) -> Int {
        end.map { max(0, $0 - ready) } ?? 0
    }

    var classes: [CaseClass] = []
    var parts: [Part] = []
    /// Classes that no departure can take (no departure to the country on or after the ready date).
    var stranded: [Int] = []

    init(schedule: Schedule) {
        classes = Self.classes(of: schedule)
        var byCountry: [String: [Int]] = [:]
        for (j, d) in schedule.departures.enumerated() { byCountry[d.country, default: []].append(j) }
        for (country, list) in byCountry {
            byCountry[country] = list.sorted {
                let (a, b) = (schedule.departures[$0], schedule.departures[$1])
                return a.date != b.date ? a.date < b.date : $0 < $1
            }
        }
        var classesOf: [String: [Int]] = [:]
        for (k, c) in classes.enumerated() { classesOf[c.country, default: []].append(k) }
        for country in classesOf.keys.sorted() {
            let departures = byCountry[country] ?? []
            var joining: [Bool: [[Int]]] = [:]
            for k in classesOf[country]! {
                let c = classes[k]
                guard let at = departures.firstIndex(where: { schedule.departures[$0].date >= c.ready }) else {
                    stranded.append(k)
                    continue
                }
                joining[c.escorted, default: Array(repeating: [], count: departures.count)][at].append(k)
            }
            if joining.isEmpty { continue }
            parts.append(part(country: country, departures: departures, joining: joining, schedule: schedule))
        }
    }

    /// Cases grouped by (country, escort need, priority, ready date), in that order; ids sorted in each.
    static func classes(of schedule: Schedule) -> [CaseClass] {
        struct Key: Hashable {
            var country: String
            var escorted: Bool
            var priority: UInt64
            var ready: Int
        }
        var index: [Key: Int] = [:]
        var out: [CaseClass] = []
        let escortRule = schedule.escort != nil
        let end = lastDeparture(of: schedule)
        for (i, c) in schedule.cases.enumerated() {
            let key = Key(
                country: c.country, escorted: escortRule && c.needsEscort,
                priority: c.priority.bitPattern, ready: c.readyDate.dayNumber)
            if let k = index[key] {
                out[k].cases.append(i)
            } else {
                index[key] = out.count
                out.append(
                    CaseClass(
                        country: c.country, escorted: key.escorted, priority: c.priority,
                        ready: c.readyDate,
                        leftBehindDays: leftBehindDays(ready: c.readyDate, end: end), cases: [i]))
            }
        }
        for k in out.indices {
            out[k].cases.sort { schedule.cases[$0].id.utf8.lexicographicallyPrecedes(schedule.cases[$1].id.utf8) }
        }
        out.sort { a, b in
            if a.country != b.country { return a.country < b.country }
            if a.escorted != b.escorted { return !a.escorted }
            if a.ready != b.ready { return a.ready < b.ready }
            return a.priority < b.priority
        }
        return out
    }

    /// Builds the model of one country: its chains, then the rows of each departure, then
    /// the reintegration rows of each month.
    private func part(
        country: String, departures: [Int], joining: [Bool: [[Int]]],
        schedule: Schedule
    ) -> Part {
        var builder = PartBuilder(
            country: country, departures: departures, joining: joining, classes: classes,
            schedule: schedule)
        for escorted in [false, true] {
            guard let joins = joining[escorted] else { continue }
            builder.addChain(escorted: escorted, joins: joins)
        }
        let flows = builder.addDepartureRows()
        builder.addReintegrationRows(flows: flows)
        return builder.finished()
    }

    /// A part under construction: its model, and each column's coefficients in the four
    /// levels, added as the columns are.
    private struct PartBuilder {
        var p: Part
        let classes: [CaseClass]
        let schedule: Schedule
        /// The part's departures, in date order.
        let deps: [Departure]
        /// Day number that dates are counted from: the first ready date of the part's classes.
        let origin: Int
        /// Objective coefficients by column, per level (``ScheduleModel/levelNames`` order).
        var coefficients: [[Double]] = Array(repeating: [], count: ScheduleModel.levelNames.count)
        /// The constants of the unassigned and left-behind levels: everyone left behind.
        var constants: [Double] = Array(repeating: 0, count: ScheduleModel.levelNames.count)

        init(
            country: String, departures: [Int], joining: [Bool: [[Int]]], classes: [CaseClass],
            schedule: Schedule
        ) {
            p = Part(country: country)
            p.escortRatio = schedule.escort?.ratio
            p.departures = departures
            self.classes = classes
            self.schedule = schedule
            deps = departures.map { schedule.departures[$0] }
            let members = joining.values.flatMap { $0.joined() }
            origin = members.map { classes[$0].ready.dayNumber }.min()!
        }

        /// Adds an integer column in `0...upper` with its coefficients in the four levels.
        mutating func column(
            _ name: String, upper: Double, unassigned: Double = 0, leftBehind: Double = 0,
            waiting: Double = 0, cost: Double = 0
        ) -> Int {
            for (level, c) in [unassigned, leftBehind, waiting, cost].enumerated() { coefficients[level].append(c) }
            return p.model.addColumn(name: name, lower: 0, upper: upper, integer: true)
        }

        /// Adds the chain of one escort need: per departure from the first a class may take,
        /// the classes entering there, the boarding and the carry to the next departure.
        mutating func addChain(escorted: Bool, joins: [[Int]]) {
            let K = deps.count
            let scenario = schedule.scenario
            let first = joins.firstIndex { !$0.isEmpty }!
            var stream = Stream(
                escorted: escorted, first: first, board: Array(repeating: nil, count: K),
                joining: joins)
            let size = joins.joined().reduce(0) { $0 + classes[$1].cases.count }
            let tag = escorted ? "esc" : "std"
            var carryIn: Int?
            for k in first..<K {
                var terms: [(Int, Double)] = []
                if let carryIn { terms.append((carryIn, 1)) }
                for cls in joins[k] {
                    let c = classes[cls]
                    let w = Double(c.leftBehindDays)
                    let z = column(
                        "enter.\(cls)", upper: Double(c.cases.count), unassigned: -c.priority,
                        leftBehind: -w, waiting: -Double(c.ready.dayNumber - origin))
                    constants[ScheduleModel.unassignedLevel] += c.priority * Double(c.cases.count)
                    constants[ScheduleModel.leftBehindLevel] += w * Double(c.cases.count)
                    p.enter[cls] = z
                    terms.append((z, 1))
                }
                let d = deps[k]
                let b = column(
                    "board.\(tag).\(k)", upper: Double(d.seats),
                    waiting: Double(d.date.dayNumber - origin),
                    cost: scenario.routes[d.routeIndex].costPerSeat)
                stream.board[k] = b
                terms.append((b, -1))
                if k + 1 < K {
                    let carry = column("carry.\(tag).\(k)", upper: Double(size))
                    terms.append((carry, -1))
                    carryIn = carry
                }
                p.model.addRow(name: "chain.\(tag).\(k)", lower: 0, upper: 0, terms: terms)
            }
            p.streams.append(stream)
        }

        /// Adds the seats, escort and open rows of each departure someone may ride.
        ///
        /// - Returns: The board columns of each month.
        mutating func addDepartureRows() -> [Int: [Int]] {
            let K = deps.count
            p.escorts = Array(repeating: nil, count: K)
            p.open = Array(repeating: nil, count: K)
            var flows: [Int: [Int]] = [:]  // month -> board columns
            for k in 0..<K {
                let boards = p.streams.compactMap { $0.board[k] }
                guard !boards.isEmpty else { continue }
                let d = deps[k]
                let route = schedule.scenario.routes[d.routeIndex]
                var seatTerms = boards.map { ($0, 1.0) }
                if let rule = schedule.escort, let a = p.streams.first(where: { $0.escorted })?.board[k] {
                    let e = column("escorts.\(k)", upper: Double(d.seats), cost: rule.cost)
                    p.escorts[k] = e
                    // ratio * e[j] >= escorted cases on j
                    p.model.addRow(
                        name: "escort.\(k)", lower: 0, upper: .infinity,
                        terms: [(e, Double(rule.ratio)), (a, -1)])
                    seatTerms.append((e, 1))
                }
                // cases + escorts <= seats(j)
                p.model.addRow(name: "seats.\(k)", lower: -.infinity, upper: Double(d.seats), terms: seatTerms)
                // cases <= seats(j) * open[j]
                let o = column("open.\(k)", upper: 1, cost: route.costPerDeparture)
                p.open[k] = o
                p.model.addRow(
                    name: "open.\(k)", lower: -.infinity, upper: 0,
                    terms: boards.map { ($0, 1.0) } + [(o, -Double(d.seats))])
                flows[d.month, default: []].append(contentsOf: boards)
            }
            return flows
        }

        /// Adds, per month, sum of reint over the country's partners = cases arriving.
        mutating func addReintegrationRows(flows: [Int: [Int]]) {
            for month in flows.keys.sorted() {
                var terms = flows[month]!.map { ($0, -1.0) }
                for (q, partner) in schedule.scenario.partners.enumerated() where partner.country == p.country {
                    let r = column(
                        "reint.\(q).\(month)", upper: Double(partner.slots[month - 1]),
                        cost: partner.costPerCase)
                    p.reintegration.append((q, month, r))
                    terms.append((r, 1))
                }
                p.model.addRow(name: "reint.\(month)", lower: 0, upper: 0, terms: terms)
            }
        }

        /// The part with its four levels.
        func finished() -> Part {
            var part = p
            part.levels = ScheduleModel.levelNames.indices.map {
                Level(name: ScheduleModel.levelNames[$0], coefficients: coefficients[$0], constant: constants[$0])
            }
            return part
        }
    }

    /// A feasible point of a part: nobody scheduled, every departure open (the levels before
    /// the cost level fix `open` at 1: it costs nothing there and only loosens the open rows).
    static func emptyPoint(_ part: Part) -> [Double] {
        var x = Array(repeating: 0.0, count: part.model.columns.count)
        for case let o? in part.open { x[o] = 1 }
        return x
    }
}
