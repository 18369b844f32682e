import Foundation
import IARSCore

/// `iars schedule` for a person: every departure's manifest, the cases left
/// behind with the reason, and a summary line with the objective values.
///
/// ```
/// Return schedule for albania-2001: 40 cases, 30 departures (scenarios/albania-2001-schedule.yaml)
/// Status: optimal (all four levels proven optimal)
///
/// Departures
/// Date        Route                 Id  To  Cases  Escorts  Seats left  Case ids
/// ----------  --------------------  --  --  -----  -------  ----------  ---------------------------------------
/// 2001-03-01  tirana-bucharest-bus  -   RO      0        0           5  -
/// 2001-03-06  tirana-chisinau-bus   -   MD      4        0           2  AL01-0101 AL01-0102 AL01-0103 AL01-0104
/// ```
/// `Id` is the departure's own id, or `-` when it is the `ROUTE@DATE` of a recurring entry.
public enum ScheduleTable {
    /// Case ids per line in the manifest's last column.
    public static let idsWidth = 48

    public static func render(_ r: ScheduleResult, schedule: Schedule, timings: Bool = false) -> String {
        var out =
            "Return schedule for \(r.scenario): \(count(schedule.cases.count, "case")), "
            + "\(count(schedule.departures.count, "departure")) (\(schedule.file))\n"
        out += "Status: \(statusLine(r))\n"
        guard let o = r.objective else {
            out += "No schedule: the time limit ran out before any was found (give more --time-limit).\n"
            return out
        }

        out += "\nDepartures\n" + departures(r.manifests)
        if !r.unassigned.isEmpty {
            out += "\nNot scheduled (\(r.unassigned.count))\n" + notScheduled(r.unassigned, schedule: schedule)
        }
        if !r.reintegration.isEmpty { out += "\nReintegration partners\n" + reintegration(r.reintegration) }

        let scheduled = r.assignments.count
        out +=
            "\nSummary: \(scheduled) of \(count(schedule.cases.count, "case")) scheduled, "
            + "\(count(r.escorts, "escort")); objective: unassigned \(PlanTable.num(o.unassigned)) "
            + "(priority-weighted), left behind \(count(o.leftBehindDays, "day")), "
            + "waiting \(count(o.waitingDays, "day")), "
            + "cost \(PlanTable.money(o.cost)) \(r.currency)\n"
        if timings {
            let lv = r.timing.levels.map { String(format: "%.2f", $0) }.joined(separator: " / ")
            out +=
                "Solve time: \(String(format: "%.2f", r.timing.total)) s "
                + "(levels unassigned / left behind / waiting / cost: \(lv) s; "
                + "\(r.size.classes) classes, \(r.size.parts) countries)\n"
        }
        return out
    }

    /// Each departure's cases and escorts, a rule between months; long lists of case ids wrap.
    static func departures(_ manifests: [ScheduleResult.Manifest]) -> String {
        var t = TextTable(columns: [
            .init("Date"), .init("Route"), .init("Id"), .init("To"), .init("Cases", right: true),
            .init("Escorts", right: true), .init("Seats left", right: true), .init("Case ids"),
        ])
        var lastDate: CalendarDate?
        for m in manifests {
            if let lastDate, lastDate.yearMonth != m.date.yearMonth { t.separator() }
            lastDate = m.date
            let id = m.id == "\(m.route)@\(m.date)" ? "-" : m.id
            let lines = wrap(m.cases, width: idsWidth)
            t.add([
                m.date.description, m.route, id, m.country, String(m.cases.count), String(m.escorts),
                String(m.seatsLeft), lines.first ?? "-",
            ])
            for more in lines.dropFirst() { t.add(["", "", "", "", "", "", "", more]) }
        }
        return t.render()
    }

    /// The cases without a departure and why.
    static func notScheduled(_ unassigned: [ScheduleResult.Unassigned], schedule: Schedule) -> String {
        var u = TextTable(columns: [
            .init("Case id"), .init("To"), .init("Ready"), .init("Escort"),
            .init("Priority", right: true), .init("Reason"),
        ])
        for x in unassigned {
            let c = schedule.cases[x.caseIndex]
            u.add([
                c.id, c.country, c.readyDate.description, c.needsEscort ? "yes" : "no",
                PlanTable.num(c.priority), x.reason.message,
            ])
        }
        return u.render()
    }

    /// The cases each reintegration partner receives a month, against its places.
    static func reintegration(_ reintegration: [ScheduleResult.Reintegration]) -> String {
        var p = TextTable(columns: [
            .init("Month"), .init("Partner"), .init("To"), .init("Cases", right: true),
            .init("Slots", right: true), .init("Cost", right: true),
        ])
        for x in reintegration {
            p.add([x.month, x.partner, x.country, String(x.cases), String(x.slots), PlanTable.money(x.cost)])
        }
        return p.render()
    }

    static func statusLine(_ r: ScheduleResult) -> String {
        switch r.status {
        case .optimal: return "optimal (all four levels proven optimal)"
        case .feasible:
            return "feasible: \(stopCause(r.stoppedBy)) \(stoppedWhere(r))"
        case .timeLimit: return "no schedule was found before \(stopCause(r.stoppedBy))"
        }
    }

    /// "at level left_behind_days (RO) and waiting_days (MD); their later levels keep the
    /// schedule found there; the other country is optimal": the schedule is solved per
    /// country, and each country stops on its own; without the countries, the first level.
    static func stoppedWhere(_ r: ScheduleResult) -> String {
        let stops = r.stoppedCountries
        guard !stops.isEmpty else { return "at level \(r.stoppedLevel ?? "?")" }
        let order = ScheduleResult.levelNames
        let levels = order.filter { l in stops.contains { $0.level == l } }
        var s = "at level "
        s += PlanExplainReport.list(
            levels.map { l in
                let countries = stops.filter { $0.level == l }.map(\.country)
                return "\(l) (\(PlanExplainReport.list(countries)))"
            })
        if levels.contains(where: { $0 != order.last }) {
            s += "; \(stops.count == 1 ? "its" : "their") later levels keep the schedule found there"
        }
        let others = r.size.parts - stops.count
        if others > 0 {
            s += others == 1 ? "; the other country is optimal" : "; the other \(others) countries are optimal"
        }
        return s
    }

    /// What stopped the search, in words.
    static func stopCause(_ by: StoppedBy?) -> String {
        switch by {
        case .effort?: return "the effort budget (--effort) ran out"
        case .clock?: return "the time limit (wall clock) stopped the search"
        case .interrupt?: return "an interruption (Ctrl-C or SIGTERM) stopped the search"
        case nil: return "the search stopped"
        }
    }

    static func count(_ n: Int, _ noun: String) -> String {
        "\(PlanTable.grouped(Int64(n))) \(noun)\(n == 1 ? "" : "s")"
    }

    /// Words joined by spaces into lines of at most `width` characters (a longer word gets its own line).
    static func wrap(_ words: [String], width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for w in words {
            if !line.isEmpty && line.count + 1 + w.count > width {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? w : " " + w
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
