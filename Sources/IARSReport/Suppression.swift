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

    /// A table cell: `<K` when suppressed, else `text`.
    public func cell(_ hidden: Bool, _ text: @autoclosure () -> String) -> String {
        hidden ? label : text()
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

    /// Margins: for each month and metric the groups' cells (they add up to
    /// the month's figure); for each month the routes' returns and, apart,
    /// the partners' cases (each adds up to the month's returns).
    public init(_ r: PlanResult, rule: Suppression) {
        self.rule = rule
        let months = r.months.count
        group = r.groups.map { g in Array(repeating: Array(repeating: false, count: GroupMetric.allCases.count), count: g.months.count) }
        route = r.routes.map { Array(repeating: false, count: $0.months.count) }
        partner = r.partners.map { Array(repeating: false, count: $0.months.count) }
        for t in 0..<months {
            for metric in GroupMetric.allCases {
                let gs = r.groups.indices.filter { t < r.groups[$0].months.count }
                let hide = rule.suppressed(margin: gs.map { metric.value(r.groups[$0].months[t]) })
                for (i, g) in gs.enumerated() { group[g][t][metric.rawValue] = hide[i] }
            }
            let ks = r.routes.indices.filter { t < r.routes[$0].months.count }
            for (i, h) in rule.suppressed(margin: ks.map { r.routes[$0].months[t].returned }).enumerated() {
                route[ks[i]][t] = h
            }
            let ps = r.partners.indices.filter { t < r.partners[$0].months.count }
            for (i, h) in rule.suppressed(margin: ps.map { r.partners[$0].months[t].used }).enumerated() {
                partner[ps[i]][t] = h
            }
        }
    }

    public func hides(group g: Int, month t: Int, _ metric: GroupMetric) -> Bool { group[g][t][metric.rawValue] }
}
