import IARSCore

/// Small-count suppression for reports that leave the programme
/// (`--suppress-below K`; docs/suppression.md).
///
/// A count is *suppressed* (shown as `<K`) when it is above 0 and below K.
/// The rules, for any report:
///
/// 1. **Primary**: every per-group or per-country count `0 < v < K` is shown
///    as `<K`. Zeros are shown as 0.
/// 2. **Totals stay the true totals**: month figures and grand totals (over
///    every group) are never altered, so a suppressed report adds up to the
///    same totals as the full one.
/// 3. **Secondary**: cells that add up to a published total form a *margin*
///    (e.g. the groups' returns in one month, which add up to that month's
///    returns). If exactly one cell of a margin is suppressed it could be
///    recovered as the total minus the others, so the smallest other cell of
///    the margin (first in file order on a tie, a zero included: `<K` is true
///    of 0) is suppressed too. A margin of a single cell cannot be protected
///    this way: its total is the cell (see the note in docs/suppression.md).
/// 4. Figures derived from a suppressed count in the same record (a use
///    ratio, a cost proportional to it) are withheld too.
///
/// Fractional counts (LP plans) follow the same rule: 0.5 is below K.
public struct Suppression: Sendable, Equatable {
    /// K: counts below it (and above 0) are suppressed.
    public let threshold: Int

    /// - Parameter threshold: K >= 1 (K = 1 suppresses only fractions below 1).
    public init(threshold: Int) {
        precondition(threshold >= 1, "the suppression threshold must be at least 1")
        self.threshold = threshold
    }

    /// `<K`, what a suppressed count is shown as.
    public var label: String { "<\(threshold)" }

    /// Shown in place of a figure derived from a suppressed count.
    public static let withheld = "suppressed"

    /// What a hidden count shows: `<K` when that is true of it (below K, zero included),
    /// `suppressed` for a count of K or more hidden only so that it cannot give another away.
    public func shown(_ value: Double) -> String {
        value < Double(threshold) - 1e-9 ? label : Self.withheld
    }

    /// Whether `value` alone must be suppressed (primary suppression).
    public func isSmall(_ value: Double) -> Bool {
        value > 1e-9 && value < Double(threshold) - 1e-9
    }

    /// Which cells of one margin to suppress (primary, then secondary).
    ///
    /// - Parameter cells: The counts that add up to a published total.
    /// - Returns: One flag per cell, true where it is shown as `<K`.
    public func suppressed(margin cells: [Double]) -> [Bool] {
        var hide = cells.map(isSmall)
        let count = hide.filter { $0 }.count
        if count == 1, cells.count > 1 {
            var best: Int?
            for i in cells.indices where !hide[i] {
                if best == nil || cells[i] < cells[best!] { best = i }
            }
            if let best { hide[best] = true }
        }
        return hide
    }

    /// Which cells to suppress when cells are tied by several published relations
    /// (complementary suppression).
    ///
    /// Each relation is a set of cells whose sum, or whose sum less the others', is published
    /// or known (a margin and its total; a group's arrivals = admitted + unmet; a country's
    /// returns by route = its returns by group). A relation with exactly one hidden cell
    /// gives that cell away, so until none has: the cheapest visible cell of such a relation
    /// is hidden too (its value plus the visible cells it is tied to by two-cell relations,
    /// which would have to follow it; the first on a tie).
    ///
    /// - Parameters:
    ///   - values: every cell's count.
    ///   - relations: cell indices; a relation of one cell cannot be protected (its total is the cell).
    ///   - forced: cells hidden whatever their value (e.g. hidden elsewhere).
    /// - Returns: One flag per cell, true where it is shown as `<K`.
    public func suppressed(cells values: [Double], relations: [[Int]], forced: [Bool] = []) -> [Bool] {
        var hide = values.indices.map { isSmall(values[$0]) || ($0 < forced.count && forced[$0]) }
        var pairs: [Int: [Int]] = [:]
        for r in relations where r.count == 2 {
            pairs[r[0], default: []].append(r[1])
            pairs[r[1], default: []].append(r[0])
        }
        func cost(_ c: Int) -> Double {
            values[c] + (pairs[c] ?? []).filter { !hide[$0] }.reduce(0) { $0 + values[$1] }
        }
        var changed = true
        while changed {
            changed = false
            for r in relations where r.count > 1 && r.filter({ hide[$0] }).count == 1 {
                var best: Int?
                for c in r where !hide[c] {
                    if best == nil || cost(c) < cost(best!) - 1e-9 { best = c }
                }
                if let best {
                    hide[best] = true
                    changed = true
                }
            }
        }
        return hide
    }

    /// Whether, knowing the sum of some hidden counts and their sum weighted by `priorities`,
    /// one of them is pinned down: the others share one priority and its own differs (or it
    /// is alone).
    public static func pinned(_ priorities: [Double]) -> Bool {
        if priorities.count == 1 { return true }
        for (i, p) in priorities.enumerated() {
            var others = priorities
            others.remove(at: i)
            if let q = others.first, others.allSatisfy({ $0 == q }), q != p { return true }
        }
        return false
    }

    /// A table cell: `<K` when suppressed, else `text`.
    public func cell(_ hidden: Bool, _ value: Double, _ text: @autoclosure () -> String) -> String {
        hidden ? shown(value) : text()
    }
}

/// Which counts of a plan a suppressed report hides.
public struct PlanSuppression: Sendable {
    public enum GroupMetric: Int, CaseIterable, Sendable {
        case arrivals, admitted, unmet, returned, waiting

        func value(_ m: PlanResult.GroupMonth) -> Double {
            switch self {
            case .arrivals: Double(m.arrivals)
            case .admitted: m.admitted
            case .unmet: m.unmet
            case .returned: m.returned
            case .waiting: m.waiting
            }
        }
    }

    public let rule: Suppression
    /// group[g][t][metric.rawValue]
    public private(set) var group: [[[Bool]]]
    /// route[k][t]: the route's returns (people of one country).
    public private(set) var route: [[Bool]]
    /// partner[p][t]: the partner's cases received.
    public private(set) var partner: [[Bool]]

    /// Whether the table's "Unmet arrivals by group" hides group g's arrivals and unmet over
    /// the horizon (groups with unmet cases only; false for the others).
    public private(set) var tableArrivals: [Bool]
    public private(set) var tableUnmet: [Bool]
    /// Whether the objective's priority-weighted unmet is withheld (it would give a hidden
    /// group's unmet away, with the unmet total and the groups' priorities).
    public private(set) var weightedHidden: Bool

    /// One set of hidden cells for every output of the plan (table, JSON, CSV), so that no
    /// output, nor two of them together, gives a hidden count away. The relations:
    ///
    /// - for each month and metric, the groups' cells add up to the month's figure;
    /// - for each group and month, arrivals = admitted + unmet;
    /// - for each group, its months' arrivals and unmet add up to the table's figures for the
    ///   group ("Unmet arrivals by group"), whose unmet add up to the total unmet;
    /// - for each month and country, the returns of its groups, of its routes and the cases
    ///   its partners receive are the same number (two relations).
    public init(_ r: PlanResult, rule: Suppression) {
        self.rule = rule
        let metrics = GroupMetric.allCases.count
        var values: [Double] = []
        var index: [[[Int]]] = []
        for g in r.groups {
            index.append(
                g.months.map { m in
                    GroupMetric.allCases.map { metric in
                        values.append(metric.value(m)); return values.count - 1
                    }
                })
        }
        let routeIndex = r.routes.map { k in
            k.months.map { m in
                values.append(m.returned); return values.count - 1
            }
        }
        let partnerIndex = r.partners.map { p in
            p.months.map { m in
                values.append(m.used); return values.count - 1
            }
        }
        // The table's rows ("Unmet arrivals by group"): every group's unmet over the horizon (a
        // group left out is a published 0), and the arrivals of the groups with unmet cases.
        let listed = r.groups.indices.filter { g in r.groups[g].months.contains { $0.unmet > 1e-9 } }
        var tableA: [Int: Int] = [:], tableU: [Int: Int] = [:]
        for g in r.groups.indices {
            values.append(r.groups[g].months.reduce(0.0) { $0 + $1.unmet })
            tableU[g] = values.count - 1
        }
        for g in listed {
            values.append(Double(r.groups[g].months.reduce(0) { $0 + $1.arrivals }))
            tableA[g] = values.count - 1
        }
        var relations: [[Int]] = []
        for t in 0..<r.months.count {
            relations += Self.monthRelations(
                r, month: t, index: index, routeIndex: routeIndex, partnerIndex: partnerIndex)
        }
        for g in listed {
            relations.append(
                r.groups[g].months.indices.map { index[g][$0][GroupMetric.arrivals.rawValue] } + [tableA[g]!])
        }
        for g in r.groups.indices {
            relations.append(r.groups[g].months.indices.map { index[g][$0][GroupMetric.unmet.rawValue] } + [tableU[g]!])
        }
        relations.append(r.groups.indices.map { tableU[$0]! })
        let hide = rule.suppressed(cells: values, relations: relations)
        group = index.map { months in months.map { cells in cells.map { hide[$0] } } }
        _ = metrics
        route = routeIndex.map { $0.map { hide[$0] } }
        partner = partnerIndex.map { $0.map { hide[$0] } }
        // a group listed only because its unmet (0) is hidden: its arrivals were never published
        let unmetFlags = r.groups.indices.map { tableU[$0].map { hide[$0] } ?? false }
        tableArrivals = r.groups.indices.map { tableA[$0].map { hide[$0] } ?? true }
        tableUnmet = unmetFlags
        // The weighted unmet and the unmet total are two sums of the groups' hidden unmet: a
        // group is pinned down when the other hidden groups share one priority and its own differs.
        let hiddenPriorities = r.groups.indices.filter { unmetFlags[$0] }.map { r.groups[$0].priority }
        weightedHidden = Suppression.pinned(hiddenPriorities)
    }

    public func hides(group g: Int, month t: Int, _ metric: GroupMetric) -> Bool { group[g][t][metric.rawValue] }

    /// The relations of month `t`: for each metric, the groups' cells add up to the month's;
    /// for each group, arrivals = admitted + unmet; for each country, the returns of its
    /// groups, of its routes and the cases its partners receive are the same number; the
    /// routes' returns and the partners' cases each add up to the month's returns.
    static func monthRelations(
        _ r: PlanResult, month t: Int, index: [[[Int]]], routeIndex: [[Int]],
        partnerIndex: [[Int]]
    ) -> [[Int]] {
        var relations: [[Int]] = []
        let gs = r.groups.indices.filter { t < r.groups[$0].months.count }
        for metric in GroupMetric.allCases { relations.append(gs.map { index[$0][t][metric.rawValue] }) }
        for g in gs {
            relations.append([GroupMetric.arrivals, .admitted, .unmet].map { index[g][t][$0.rawValue] })
        }
        var countries: [String] = []
        for c in r.groups.map(\.country) + r.routes.map(\.country) + r.partners.map(\.country)
        where !countries.contains(c) {
            countries.append(c)
        }
        for c in countries {
            let byGroup = gs.filter { r.groups[$0].country == c }.map {
                index[$0][t][GroupMetric.returned.rawValue]
            }
            let byRoute = r.routes.indices.filter { r.routes[$0].country == c && t < r.routes[$0].months.count }.map {
                routeIndex[$0][t]
            }
            let byPartner = r.partners.indices.filter {
                r.partners[$0].country == c && t < r.partners[$0].months.count
            }
            .map { partnerIndex[$0][t] }
            if !byRoute.isEmpty { relations.append(byGroup + byRoute) }
            if !byRoute.isEmpty && !byPartner.isEmpty { relations.append(byRoute + byPartner) }
        }
        // the routes' returns and the partners' cases each add up to the month's returns
        relations.append(r.routes.indices.filter { t < r.routes[$0].months.count }.map { routeIndex[$0][t] })
        relations.append(r.partners.indices.filter { t < r.partners[$0].months.count }.map { partnerIndex[$0][t] })
        return relations
    }
}
