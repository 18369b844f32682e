import IARSCore

/// `iars plan --format json`: the spec's keys (`schema`, `scenario`, `status`,
/// `objective`, `months[]`) plus every figure a program needs, documented in
/// docs/output-formats.md.
public enum PlanJSON {
    public static let schema = "iars.plan/1"

    /// - Parameter timings: include solve times (they vary between runs, so the
    ///   output is byte-identical only without them).
    ///   - suppression: Show small per-group and per-country counts as `"<K"` (``Suppression``).
    public static func render(_ r: PlanResult, timings: Bool = false, suppression: Suppression? = nil) -> String {
        value(r, timings: timings, suppression: suppression).serialized()
    }

    public static func value(_ r: PlanResult, timings: Bool = false, suppression: Suppression? = nil) -> JSONValue {
        let hidden = suppression.map { PlanSuppression(r, rule: $0) }
        var o: [(String, JSONValue)] = [
            ("schema", .string(schema)),
            ("scenario", .string(r.scenario)),
            ("status", .string(r.status.rawValue)),
            ("integer", .bool(r.integer)),
            ("currency", .string(r.currency)),
        ]
        if let suppression { o.append(("suppressed_below", .int(suppression.threshold))) }
        o.append(("objective", objective(r, hidden: hidden)))
        o.append(("effort", .int(r.effort)))
        if r.status == .feasible || r.status == .timeLimit {
            o.append(("gap", .num(r.gap)))
            o.append(("stopped_level", r.stoppedLevel.map { .string($0) } ?? .null))
            o.append(("searched_after_stop", .array(r.searchedAfterStop.map { .string($0) })))
            o.append(("stopped_by", r.stoppedBy.map { .string($0.rawValue) } ?? .null))
        }
        if !r.reasons.isEmpty { o.append(("reasons", reasons(r.reasons))) }
        if r.hasPlan {
            o.append(("totals", totals(r)))
            if let e = r.endOfHorizon { o.append(("end_of_horizon", endOfHorizon(e))) }
            o.append(("months", months(r)))
            o.append(("shelters", shelters(r)))
            o.append(
                (
                    "medical",
                    .array(
                        r.medical.map { p in
                            .object([
                                ("id", .string(p.id)), ("months", capacityMonths(r, p.months, used: "screenings")),
                            ])
                        })
                ))
            o.append(("routes", routes(r, hidden: hidden)))
            o.append(("partners", partners(r, hidden: hidden)))
            if !r.services.isEmpty { o.append(("services", services(r))) }
            o.append(("groups", groups(r, hidden: hidden)))
        }
        o.append(
            (
                "model",
                .object([
                    ("columns", .int(r.size.columns)), ("rows", .int(r.size.rows)),
                    ("nonzeros", .int(r.size.nonzeros)), ("integer_columns", .int(r.size.integers)),
                ])
            ))
        if timings { o.append(("seconds", seconds(r.timing))) }
        return .object(o)
    }

    /// `objective`: the three levels' values (`null` without a plan); the priority-weighted
    /// unmet is withheld when it would give a suppressed count away.
    private static func objective(_ r: PlanResult, hidden: PlanSuppression?) -> JSONValue {
        guard let obj = r.objective else { return .null }
        return .object([
            ("unmet", hidden?.weightedHidden == true ? .string(Suppression.withheld) : .num(obj.unmet, digits: 9)),
            ("waiting", .num(obj.waiting, digits: 9)),
            ("cost", .num(obj.cost, digits: 6)),
        ])
    }

    /// `reasons`: why no plan exists, `{kind, month, shelter, short_by, message}` each.
    private static func reasons(_ reasons: [PlanResult.InfeasibilityReason]) -> JSONValue {
        .array(
            reasons.map { reason in
                var o: [(String, JSONValue)] = [
                    ("kind", .string(reason.kind.rawValue)),
                    ("month", reason.month.map { .string($0) } ?? .null),
                    ("shelter", reason.shelter.map { .string($0) } ?? .null),
                ]
                if let service = reason.service { o.append(("service", .string(service))) }
                o += [("short_by", .num(reason.shortBy)), ("message", .string(reason.message))]
                return .object(o)
            })
    }

    /// `totals`: sums over the horizon (``PlanTotals``), cost per case and the share of the budget used.
    private static func totals(_ r: PlanResult) -> JSONValue {
        let t = PlanTotals(r)
        var o: [(String, JSONValue)] = [
            ("arrivals", .int(t.arrivals)),
            ("admitted", .num(t.admitted)),
            ("unmet", .num(t.unmet)),
            ("returned", .num(t.returned)),
            ("waiting", .num(t.waiting)),
            ("cost", .num(t.cost)),
            ("cost_shelter", .num(t.costShelter)),
            ("cost_medical", .num(t.costMedical)),
            ("cost_transport", .num(t.costTransport)),
            ("cost_reintegration", .num(t.costReintegration)),
            ("cost_per_case_admitted", .num(t.admitted > 0 ? t.cost / t.admitted : nil, digits: 2)),
            ("budget_total", .num(r.budgetTotal)),
            ("budget_used", .num(r.budgetTotal.map { $0 > 0 ? t.cost / $0 : 0 }, digits: 4)),
            ("peak_bed_use", .num(t.peakBedUse, digits: 4)),
        ]
        if !r.services.isEmpty {
            // after cost_reintegration, as in each month
            o.insert(("cost_services", .num(t.costServices)), at: o.firstIndex { $0.0 == "cost_reintegration" }! + 1)
        }
        return .object(o)
    }

    /// `end_of_horizon`: the people still in shelter after the last month and what their return costs.
    private static func endOfHorizon(_ e: EndOfHorizon) -> JSONValue {
        .object([
            ("in_shelter", .num(e.inShelter)),
            ("return_cost", .num(e.returnCost, digits: 2)),
            ("unpriced", .num(e.unpriced)),
            ("budget_left", .num(e.budgetLeft, digits: 2)),
            ("covered", e.covered.map { .bool($0) } ?? .null),
        ])
    }

    /// `months`: the whole programme month by month.
    private static func months(_ r: PlanResult) -> JSONValue {
        .array(
            r.months.map { m in
                var o: [(String, JSONValue)] = [
                    ("month", .string(m.month)),
                    ("arrivals", .int(m.arrivals)),
                    ("admitted", .num(m.admitted)),
                    ("unmet", .num(m.unmet)),
                    ("returned", .num(m.returned)),
                    ("in_shelter", .num(m.inShelter)),
                    ("waiting", .num(m.waiting)),
                    ("occupancy", .num(m.occupancy)),
                    ("beds", .int(m.beds)),
                    ("cost", .num(m.cost)),
                    ("cost_shelter", .num(m.costShelter)),
                    ("cost_medical", .num(m.costMedical)),
                    ("cost_transport", .num(m.costTransport)),
                    ("cost_reintegration", .num(m.costReintegration)),
                ]
                if !r.services.isEmpty { o.append(("cost_services", .num(m.costServices))) }
                o.append(("budget", .num(m.budget)))
                return .object(o)
            })
    }

    /// `services`: each social service's case-months available and used (the load) and cost by month.
    private static func services(_ r: PlanResult) -> JSONValue {
        .array(
            r.services.map { v in
                .object([("id", .string(v.id)), ("months", capacityMonths(r, v.months, used: "case_months"))])
            })
    }

    /// `shelters`: each shelter's beds, occupancy and flows by month.
    private static func shelters(_ r: PlanResult) -> JSONValue {
        .array(
            r.shelters.map { s in
                .object([
                    ("id", .string(s.id)),
                    (
                        "months",
                        .array(
                            zip(r.months, s.months).map { mm, m in
                                .object([
                                    ("month", .string(mm.month)), ("beds", .int(m.beds)),
                                    ("occupancy", .num(m.occupancy)),
                                    ("bed_use", .num(m.beds > 0 ? m.occupancy / Double(m.beds) : nil, digits: 4)),
                                    ("in_shelter", .num(m.inShelter)), ("admitted", .num(m.admitted)),
                                    ("returned", .num(m.returned)), ("cost", .num(m.cost)),
                                ])
                            })
                    ),
                ])
            })
    }

    /// `routes`: departures, seats and returns by month; a suppressed month's returns show as
    /// `"<K"`, its seat use and cost as `"suppressed"`.
    private static func routes(_ r: PlanResult, hidden: PlanSuppression?) -> JSONValue {
        .array(
            r.routes.enumerated().map { ki, k in
                .object([
                    ("id", .string(k.id)), ("country", .string(k.country)),
                    (
                        "months",
                        .array(
                            zip(r.months, k.months).enumerated().map { t, pair in
                                let (mm, m) = pair
                                let hide = hidden?.route[ki][t] ?? false
                                return .object([
                                    ("month", .string(mm.month)),
                                    ("departures_available", .int(m.departuresAvailable)),
                                    ("departures", .num(m.departures)), ("seats", .num(m.seats)),
                                    ("returned", count(m.returned, hide, hidden)),
                                    (
                                        "seat_use",
                                        derived(.num(m.seats > 0 ? m.returned / m.seats : nil, digits: 4), hide)
                                    ),
                                    ("cost", derived(.num(m.cost), hide)),
                                ])
                            })
                    ),
                ])
            })
    }

    /// `partners`: places and cases received by month (``capacityMonths(_:_:used:hidden:)``).
    private static func partners(_ r: PlanResult, hidden: PlanSuppression?) -> JSONValue {
        .array(
            r.partners.enumerated().map { pi, p in
                .object([
                    ("id", .string(p.id)), ("country", .string(p.country)),
                    (
                        "months",
                        capacityMonths(
                            r, p.months, used: "received",
                            hidden: hidden.map { h in
                                (h.partner[pi], h.rule)
                            })
                    ),
                ])
            })
    }

    /// `groups`: each group's arrivals, admissions, unmet, returns and waiting by month; a
    /// suppressed count shows as `"<K"`.
    private static func groups(_ r: PlanResult, hidden: PlanSuppression?) -> JSONValue {
        .array(
            r.groups.enumerated().map { gi, g in
                .object([
                    ("id", .string(g.id)), ("country", .string(g.country)), ("priority", .num(g.priority)),
                    (
                        "months",
                        .array(
                            zip(r.months, g.months).enumerated().map { t, pair in
                                let (mm, m) = pair
                                func c(_ v: Double, _ metric: PlanSuppression.GroupMetric) -> JSONValue {
                                    count(v, hidden?.hides(group: gi, month: t, metric) ?? false, hidden)
                                }
                                return .object([
                                    ("month", .string(mm.month)), ("arrivals", c(Double(m.arrivals), .arrivals)),
                                    ("admitted", c(m.admitted, .admitted)), ("unmet", c(m.unmet, .unmet)),
                                    ("returned", c(m.returned, .returned)), ("waiting", c(m.waiting, .waiting)),
                                ])
                            })
                    ),
                ])
            })
    }

    /// `seconds` (only with `--timings`): where the solve's time went.
    private static func seconds(_ timing: PlanResult.Timing) -> JSONValue {
        .object(
            [
                ("parse", .num(timing.parse, digits: 4)),
                ("build", .num(timing.build, digits: 4)),
            ] + (timing.firstPlan > 0 ? [("first_plan", .num(timing.firstPlan, digits: 4))] : []) + [
                ("levels", .array(timing.levels.map { .num($0, digits: 4) })),
                ("solver", .num(timing.solver, digits: 4)),
                ("extract", .num(timing.extract, digits: 4)),
                ("total", .num(timing.total, digits: 4)),
            ])
    }

    /// A count, or `"<K"` when `hide` (``PlanSuppression`` then decided it).
    private static func count(_ v: Double, _ hide: Bool, _ hidden: PlanSuppression?) -> JSONValue {
        hide ? .string(hidden!.rule.shown(v)) : .num(v)
    }

    /// A figure derived from a count, or `"suppressed"` when the count is hidden.
    private static func derived(_ v: JSONValue, _ hide: Bool) -> JSONValue { hide ? .string(Suppression.withheld) : v }

    /// `value` with a `warnings` array: the scenario's set-up warnings (``SetupCheck``),
    /// `{kind, path, line, id, message}` each, after `status`.
    public static func attach(_ warnings: [SetupWarning], to value: JSONValue) -> JSONValue {
        guard case .object(var pairs) = value else { return value }
        let list = JSONValue.array(
            warnings.map { w in
                .object([
                    ("kind", .string(w.kind.rawValue)), ("path", .string(w.path)),
                    ("line", w.line.map { .int($0) } ?? .null), ("id", .string(w.id)), ("message", .string(w.message)),
                ])
            })
        let at = (pairs.firstIndex { $0.0 == "status" } ?? (pairs.count - 1)) + 1
        pairs.insert(("warnings", list), at: at)
        return .object(pairs)
    }

    /// - Parameter hidden: per month whether `used` is suppressed, and the rule.
    static func capacityMonths(
        _ r: PlanResult, _ months: [PlanResult.CapacityMonth], used: String,
        hidden: ([Bool], Suppression)? = nil
    ) -> JSONValue {
        .array(
            zip(r.months, months).enumerated().map { t, pair in
                let (mm, m) = pair
                if let (flags, rule) = hidden, flags[t] {
                    return .object([
                        ("month", .string(mm.month)), ("slots", .num(m.capacity)), (used, .string(rule.shown(m.used))),
                        ("use", .string(Suppression.withheld)), ("cost", .string(Suppression.withheld)),
                    ])
                }
                return .object([
                    ("month", .string(mm.month)), ("slots", .num(m.capacity)), (used, .num(m.used)),
                    ("use", .num(m.capacity > 0 ? m.used / m.capacity : nil, digits: 4)), ("cost", .num(m.cost)),
                ])
            })
    }
}

/// Sums over the horizon.
public struct PlanTotals: Sendable {
    public var arrivals = 0
    public var admitted = 0.0, unmet = 0.0, returned = 0.0, waiting = 0.0
    public var costShelter = 0.0, costMedical = 0.0, costTransport = 0.0, costReintegration = 0.0
    /// Social services (0 without them).
    public var costServices = 0.0
    /// Highest average occupancy / beds over shelters and months (0...1).
    public var peakBedUse = 0.0
    public var cost: Double { costShelter + costMedical + costTransport + costReintegration + costServices }

    public init(_ r: PlanResult) {
        for m in r.months {
            arrivals += m.arrivals
            admitted += m.admitted
            unmet += m.unmet
            returned += m.returned
            waiting += m.waiting
            costShelter += m.costShelter
            costMedical += m.costMedical
            costTransport += m.costTransport
            costReintegration += m.costReintegration
            costServices += m.costServices
        }
        for s in r.shelters {
            for m in s.months where m.beds > 0 { peakBedUse = max(peakBedUse, m.occupancy / Double(m.beds)) }
        }
    }
}
