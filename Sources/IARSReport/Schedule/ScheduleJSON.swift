import IARSCore

/// `iars schedule --format json`: the spec's keys (`schema`, `status`,
/// `objective`, `assignments`, `unassigned`) plus `manifests` per departure and
/// the partners' `reintegration`.
///
/// ```json
/// {
///   "schema": "iars.schedule/1",
///   "scenario": "albania-2001",
///   "status": "optimal",
///   "objective": {"unassigned": 0, "left_behind_days": 0, "waiting_days": 41, "cost": 2310},
///   "cases": 34, "assigned": 34, "escorts": 3,
///   "assignments": [{"case_id": "C-0001", "departure": "bus-0306", "date": "2001-03-06", "waiting_days": 2}],
///   "unassigned": [{"case_id": "C-0042", "reason": "seats full on ...", "code": "seats-full"}],
///   "manifests": [{"departure": "bus-0306", "route": ..., "country": "MD", "date": ..., "seats": 8,
///                  "cases": ["C-0001"], "escorted": 0, "escorts": 0, "seats_left": 7, "cost": 95}],
///   "reintegration": [{"partner": "md-partner", "country": "MD", "month": "2001-03", "cases": 1, ...}]
/// }
/// ```
/// Solve times (`timings`) only when asked, so files are byte-identical across runs.
public enum ScheduleJSON {
    public static let schema = "iars.schedule/1"

    public static func render(_ r: ScheduleResult, timings: Bool = false) -> String {
        value(r, timings: timings).serialized()
    }

    public static func value(_ r: ScheduleResult, timings: Bool = false) -> JSONValue {
        var out: [(String, JSONValue)] = [
            ("schema", .string(schema)),
            ("scenario", .string(r.scenario)),
            ("status", .string(r.status.rawValue)),
        ]
        if let stopped = r.stoppedLevel { out.append(("stopped_level", .string(stopped))) }
        if let by = r.stoppedBy { out.append(("stopped_by", .string(by.rawValue))) }
        if !r.stoppedCountries.isEmpty {
            out.append(
                (
                    "stopped_countries",
                    .array(
                        r.stoppedCountries.map {
                            .object([("country", .string($0.country)), ("level", .string($0.level))])
                        })
                ))
        }
        out.append(("effort", .int(r.effort)))
        guard let o = r.objective else {
            out.append(("objective", .null))
            out.append(("message", .string(noPlanText(r.stoppedBy, what: "schedule"))))
            return .object(out)
        }
        out.append(
            (
                "objective",
                .object([
                    ("unassigned", .num(o.unassigned)),
                    ("left_behind_days", .int(o.leftBehindDays)),
                    ("waiting_days", .int(o.waitingDays)),
                    ("cost", .num(o.cost)),
                ])
            ))
        out.append(("currency", .string(r.currency)))
        out.append(("cases", .int(r.assignments.count + r.unassigned.count)))
        out.append(("assigned", .int(r.assignments.count)))
        out.append(("escorts", .int(r.escorts)))
        out.append(("assignments", assignments(r.assignments)))
        out.append(("unassigned", unassigned(r.unassigned)))
        out.append(("manifests", manifests(r.manifests)))
        out.append(("reintegration", reintegration(r.reintegration)))
        out.append(("size", size(r.size)))
        if timings { out.append(("timings", solveTimes(r.timing))) }
        return .object(out)
    }

    /// `assignments`: who goes home on which departure, `{case_id, departure, date, waiting_days}` each.
    private static func assignments(_ list: [ScheduleResult.Assignment]) -> JSONValue {
        .array(
            list.map { a in
                .object([
                    ("case_id", .string(a.caseID)),
                    ("departure", .string(a.departureID)),
                    ("date", .string(a.date.description)),
                    ("waiting_days", .int(a.waitingDays)),
                ])
            })
    }

    /// `unassigned`: the cases left without a departure, with the reason in words and as a code.
    private static func unassigned(_ list: [ScheduleResult.Unassigned]) -> JSONValue {
        .array(
            list.map { u in
                .object([
                    ("case_id", .string(u.caseID)),
                    ("reason", .string(u.reason.message)),
                    ("code", .string(u.reason.kind.rawValue)),
                ])
            })
    }

    /// `manifests`: each departure's cases, escorts, seats left and cost.
    private static func manifests(_ list: [ScheduleResult.Manifest]) -> JSONValue {
        .array(
            list.map { m in
                .object([
                    ("departure", .string(m.id)),
                    ("route", .string(m.route)),
                    ("country", .string(m.country)),
                    ("date", .string(m.date.description)),
                    ("seats", .int(m.seats)),
                    ("cases", .array(m.cases.map { .string($0) })),
                    ("escorted", .int(m.escorted)),
                    ("escorts", .int(m.escorts)),
                    ("seats_left", .int(m.seatsLeft)),
                    ("cost", .num(m.cost)),
                ])
            })
    }

    /// `reintegration`: the cases each partner receives a month, against its places.
    private static func reintegration(_ list: [ScheduleResult.Reintegration]) -> JSONValue {
        .array(
            list.map { x in
                .object([
                    ("partner", .string(x.partner)),
                    ("country", .string(x.country)),
                    ("month", .string(x.month)),
                    ("cases", .int(x.cases)),
                    ("slots", .int(x.slots)),
                    ("cost", .num(x.cost)),
                ])
            })
    }

    /// `size`: the caseload and the model.
    private static func size(_ size: ScheduleResult.Size) -> JSONValue {
        .object([
            ("cases", .int(size.cases)),
            ("departures", .int(size.departures)),
            ("classes", .int(size.classes)),
            ("parts", .int(size.parts)),
            ("columns", .int(size.columns)),
            ("rows", .int(size.rows)),
            ("nonzeros", .int(size.nonzeros)),
        ])
    }

    /// `timings` (only when asked): where the solve's time went.
    private static func solveTimes(_ timing: ScheduleResult.Timing) -> JSONValue {
        .object([
            ("load", .num(timing.load, digits: 4)),
            ("build", .num(timing.build, digits: 4)),
            ("levels", .array(timing.levels.map { .num($0, digits: 4) })),
            ("extract", .num(timing.extract, digits: 4)),
            ("total", .num(timing.total, digits: 4)),
        ])
    }
}
