import IARSCore

/// `iars risk --format json` (`schema: iars.risk/1`, docs/output-formats.md, "risk").
public enum RiskJSON {
    public static let schema = "iars.risk/1"

    /// What every risk report says of its figures.
    public static let hindsight =
        "each future is planned with hindsight of its own arrivals: the figures bound what month-by-month operations could achieve"

    public static func render(_ r: RiskResult) -> String { value(r).serialized() }

    public static func value(_ r: RiskResult) -> JSONValue {
        let f = r.frame
        return .object([
            ("schema", .string(schema)),
            ("scenario", .string(f.scenario)),
            ("currency", .string(f.currency)),
            ("n_futures", .int(f.futures)),
            ("seed", .int(f.seed)),
            ("integer", .bool(f.integer)),
            ("note", .string(hindsight)),
            (
                "buy",
                .array(
                    f.buy.map {
                        .object([("id", .string($0.id)), ("blocks", .int($0.blocks)), ("cost", .num($0.cost))])
                    }
                )
            ),
            ("purchase_cost", .num(f.purchaseCost)),
            ("planned", .int(r.planned)),
            (
                "served_all",
                .object([
                    ("share", .num(r.servedAll.value)), ("low", .num(r.servedAll.low)),
                    ("high", .num(r.servedAll.high)), ("futures", .int(r.servedAll.count)),
                ])
            ),
            ("unmet", summary(r.unmet, full: true)),
            ("unmet_cases", summary(r.unmetCases, full: true)),
            (
                "groups",
                .array(
                    r.groups.map {
                        .object([
                            ("id", .string($0.id)), ("mean_unmet", .num($0.meanUnmet)),
                            ("share_any", .num($0.shareAny)),
                        ])
                    })
            ),
            ("waiting", summary(r.waiting, full: false)),
            ("cost", summary(r.cost, full: false)),
            ("budget_binding", .num(r.budgetBinding)),
            (
                "capacities",
                .array(
                    r.capacities.map {
                        .object([
                            ("kind", .string($0.capacity.kind)), ("id", .string($0.capacity.id)),
                            ("counts", .string($0.capacity.counts)), ("share_full", .num($0.shareFull)),
                        ])
                    })
            ),
            (
                "in_shelter",
                .array(
                    r.inShelter.map {
                        .object([
                            ("month", .string($0.month)), ("p10", .num($0.p10)), ("p50", .num($0.p50)),
                            ("p90", .num($0.p90)),
                        ])
                    })
            ),
            ("futures", .array(r.outcomes.map(future))),
        ])
    }

    /// mean, p50, p90 (and p95, max when `full`).
    static func summary(_ s: RiskResult.Summary, full: Bool) -> JSONValue {
        var o: [(String, JSONValue)] = [("mean", .num(s.mean)), ("p50", .num(s.p50)), ("p90", .num(s.p90))]
        if full { o += [("p95", .num(s.p95)), ("max", .num(s.max))] }
        return .object(o)
    }

    /// One future: its status and its three objective values (null without a plan), with the
    /// decimals of `iars plan --format json`.
    static func future(_ o: FutureOutcome) -> JSONValue {
        .object([
            ("future", .int(o.future)), ("status", .string(o.status.rawValue)),
            ("unmet", .num(o.objective?.unmet, digits: 9)), ("waiting", .num(o.objective?.waiting, digits: 9)),
            ("cost", .num(o.objective?.cost)), ("unmet_cases", .num(o.objective == nil ? nil : o.unmetCases)),
            ("effort", .int(o.effort)),
        ])
    }
}
