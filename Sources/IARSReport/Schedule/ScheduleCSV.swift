import IARSCore

/// `iars schedule --format csv`: one row per case, in caseload order.
///
/// ```
/// case_id,status,departure,date,route,country,waiting_days,left_behind_days,escort,reason_code,reason
/// C-0001,assigned,bus-0306,2001-03-06,tirana-chisinau-bus,MD,2,,no,,
/// C-0042,unassigned,,,,MD,,23,yes,seats-full,seats full on the departure to MD on 2001-04-24
/// ```
/// A case's `waiting_days` (assigned) and `left_behind_days` (unassigned) are its shares of
/// the objective's values of the same names.
/// Fields are quoted as RFC 4180 wants (a reason may hold a comma).
public enum ScheduleCSV {
    public static let header =
        "case_id,status,departure,date,route,country,waiting_days,left_behind_days,escort,reason_code,reason"

    public static func render(_ r: ScheduleResult, schedule: Schedule) -> String {
        var out = header + "\n"
        guard r.hasSchedule else { return out }
        var rows: [(Int, String)] = []
        rows.reserveCapacity(schedule.cases.count)
        for a in r.assignments {
            let c = schedule.cases[a.caseIndex]
            let d = schedule.departures[a.departureIndex]
            rows.append(
                (
                    a.caseIndex,
                    [
                        c.id, "assigned", d.id, d.date.description, d.route, d.country, String(a.waitingDays), "",
                        c.needsEscort ? "yes" : "no", "", "",
                    ].map(PlanCSV.field).joined(separator: ",")
                ))
        }
        for u in r.unassigned {
            let c = schedule.cases[u.caseIndex]
            rows.append(
                (
                    u.caseIndex,
                    [
                        c.id, "unassigned", "", "", "", c.country, "", String(u.leftBehindDays),
                        c.needsEscort ? "yes" : "no",
                        u.reason.kind.rawValue, u.reason.message,
                    ].map(PlanCSV.field).joined(separator: ",")
                ))
        }
        rows.sort { $0.0 < $1.0 }
        for (_, line) in rows { out += line + "\n" }
        return out
    }
}
