import IARSCore

/// `iars plan --minimum`: the least amount found, above the plan at that amount (a table),
/// or as the `minimum` key of the plan's JSON (docs/output-formats.md).
public enum MinimumReport {
    /// The lines that head the plan's table: what was sized, the amount and what it buys.
    public static func text(_ m: MinimumResult, currency: String) -> String {
        let what = phrase(m.target)
        guard let amount = m.amount, let unmet = m.unmet else {
            return "Minimum \(what): none (no plan even with it unlimited; see below)\n\n"
        }
        let shown = m.target.isCount ? PlanTable.num(amount) : "\(PlanTable.money(amount)) \(currency)"
        var out = "Minimum \(what): \(shown)\(m.target.isCount ? " per month" : "")\n"
        out +=
            "  the least with which the plan reaches unmet \(PlanTable.num(unmet)), as with it unlimited "
            + "(\(m.target.path)); the plan below is at \(shown)\n"
        if m.status == .feasible {
            let gap = m.gap.map { " (gap \(PlanTable.gapPercent($0)))" } ?? ""
            out += "  not proven least: the effort ran out first\(gap); --effort N gives it more\n"
        }
        return out + "\n"
    }

    /// `beds at shelter tirana`, `the total budget`.
    static func phrase(_ t: CapacityTarget) -> String {
        switch t {
        case .budget: return "total budget"
        case .beds(let id): return "beds at shelter \(id)"
        case .departures(let id): return "departures of route \(id)"
        case .slots(let id): return "slots of partner \(id)"
        }
    }

    /// The JSON value of the minimum: `{capacity, path, status, amount, unmet, gap, effort}`.
    public static func value(_ m: MinimumResult) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("capacity", .string(m.target.description)), ("path", .string(m.target.path)),
            ("status", .string(m.status.rawValue)), ("amount", .num(m.amount)),
            ("unmet", .num(m.unmet, digits: 9)),
        ]
        if m.status == .feasible { pairs.append(("gap", .num(m.gap))) }
        pairs.append(("effort", .int(m.effort)))
        return .object(pairs)
    }

    /// The plan's JSON with the `minimum` key after `objective`.
    public static func attach(_ m: MinimumResult, to value: JSONValue) -> JSONValue {
        guard case .object(var pairs) = value else { return value }
        let at = (pairs.firstIndex { $0.0 == "objective" } ?? (pairs.count - 1)) + 1
        pairs.insert(("minimum", Self.value(m)), at: at)
        return .object(pairs)
    }
}
