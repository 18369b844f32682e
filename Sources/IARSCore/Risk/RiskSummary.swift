import IARSInput

extension RiskResult {
    /// The report of `outcomes` (sorted by future here, whatever order they come in).
    public init(frame: RiskFrame, outcomes unsorted: [FutureOutcome]) {
        let outcomes = unsorted.sorted { $0.future < $1.future }
        let planned = outcomes.filter { $0.objective != nil }
        let n = outcomes.count
        func summary(_ values: [Double]) -> Summary { Self.summary(values) }
        let served = planned.filter { ($0.objective?.unmet ?? 1) <= Self.zero }.count
        let (low, high) = Self.wilson(served, n)
        self.init(
            frame: frame, planned: planned.count,
            servedAll: Share(count: served, of: n, low: low, high: high),
            unmet: summary(planned.map { $0.objective?.unmet ?? 0 }),
            unmetCases: summary(planned.map(\.unmetCases)),
            groups: frame.groups.enumerated().map { g, group in
                let values = planned.map { $0.groupUnmet.indices.contains(g) ? $0.groupUnmet[g] : 0 }
                return GroupRisk(
                    id: group, meanUnmet: Self.mean(values),
                    shareAny: Self.share(values.filter { $0 > Self.zero }.count, planned.count))
            },
            waiting: summary(planned.map { $0.objective?.waiting ?? 0 }),
            cost: summary(planned.map { $0.objective?.cost ?? 0 }),
            budgetBinding: Self.share(planned.filter(\.budgetBinding).count, planned.count),
            capacities: frame.capacities.enumerated().map { c, capacity in
                let full = planned.filter { $0.full.indices.contains(c) && $0.full[c] }.count
                return CapacityRisk(capacity: capacity, shareFull: Self.share(full, planned.count))
            },
            inShelter: frame.months.indices.map { t in
                let values = planned.map { $0.inShelter.indices.contains(t) ? $0.inShelter[t] : 0 }
                let s = Self.summary(values)
                return MonthBand(month: frame.months[t], p10: s.p10, p50: s.p50, p90: s.p90)
            },
            outcomes: outcomes)
    }

    /// An unmet count or weight at most this counts as 0: LP relaxations leave values like
    /// 1e-7 where the plan turns no one away (the solver's tolerance, not a person).
    public static let zero = 1e-6

    /// The mean (summed in order) and the nearest-rank quantiles; all 0 for no values.
    public static func summary(_ values: [Double]) -> Summary {
        let sorted = values.sorted()
        func q(_ percent: Int) -> Double { quantile(sorted, percent: percent) }
        return Summary(
            mean: mean(values), p10: q(10), p50: q(50), p90: q(90), p95: q(95), max: sorted.last ?? 0)
    }

    /// The value at rank ceil(percent N / 100) (1-based) of `sorted`, in integers so that
    /// no rounding moves a rank; 0 for no values.
    public static func quantile(_ sorted: [Double], percent: Int) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = (percent * sorted.count + 99) / 100
        return sorted[min(sorted.count, max(1, rank)) - 1]
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    static func share(_ count: Int, _ of: Int) -> Double { of > 0 ? Double(count) / Double(of) : 0 }

    /// z of a two-sided 95% interval: the 0.975 quantile of the standard normal.
    public static let z95 = 1.959963984540054

    /// The Wilson score interval of `count` successes in `n` trials:
    /// (p + z^2/2n -/+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n); (0, 1) for n = 0.
    public static func wilson(_ count: Int, _ n: Int) -> (low: Double, high: Double) {
        guard n > 0 else { return (0, 1) }
        let nn = Double(n)
        let p = Double(count) / nn
        let z2 = z95 * z95
        let denominator = 1 + z2 / nn
        let center = (p + z2 / (2 * nn)) / denominator
        let half = z95 * (p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot() / denominator
        return (max(0, center - half), min(1, center + half))
    }
}
