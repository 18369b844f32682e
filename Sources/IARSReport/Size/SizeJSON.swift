import IARSCore

/// `iars size --format json` (`schema: iars.size/1`; docs/output-formats.md, "size").
public enum SizeJSON {
    public static let schema = "iars.size/1"

    public static func render(_ r: SizeResult) -> String { value(r).serialized() }

    public static func value(_ r: SizeResult) -> JSONValue {
        var o: [(String, JSONValue)] = [
            ("schema", .string(schema)),
            ("scenario", .string(r.scenario)),
            ("status", .string(r.status.rawValue)),
            ("currency", .string(r.currency)),
            ("n_futures", .int(r.futures)),
            ("seed", .int(r.seed)),
            ("integer", .bool(r.integer)),
            ("service_level", .num(r.serviceLevel)),
            (
                "objective",
                r.objective.map {
                    .object([
                        ("unmet", .num($0.unmet, digits: 9)), ("waiting", .num($0.waiting, digits: 9)),
                        ("cost", .num($0.cost)),
                    ])
                } ?? .null
            ),
            (
                "buy",
                .array(
                    r.purchase.map {
                        .object([("id", .string($0.id)), ("blocks", .int($0.blocks)), ("cost", .num($0.cost))])
                    })
            ),
            ("purchase_cost", r.objective == nil ? .null : .num(r.purchaseCost)),
            ("served_share", .num(r.servedShare)),
        ]
        if r.status == .feasible || r.status == .timeLimit {
            o.append(("gap", .num(r.gap)))
            o.append(("stopped_level", r.stoppedLevel.map { .string($0) } ?? .null))
            o.append(("stopped_by", r.stoppedBy.map { .string($0.rawValue) } ?? .null))
        }
        o.append(("effort", .int(r.effort)))
        o.append(
            (
                "model",
                .object([
                    ("columns", .int(r.size.columns)), ("rows", .int(r.size.rows)),
                    ("nonzeros", .int(r.size.nonzeros)), ("integer_columns", .int(r.size.integers)),
                ])
            ))
        o.append(("out_of_sample", r.outOfSample.map(RiskJSON.value) ?? .null))
        return .object(o)
    }
}
