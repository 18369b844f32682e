import IARSInput

/// The futures of a scenario with `uncertainty:` (`spec/uncertainty.md`, "Futures").
///
/// Future f (1...N) draws, from its own ``RandomStream`` (seed, f):
/// 1. the regular arrivals, month by month (month 1 first) and within a month group
///    by group in file order: ``ArrivalSampler`` around the written arrivals;
/// 2. then the surges, entry by entry in file order and within an entry month by
///    month: a uniform u, and when u < probability a size uniform in [low, high],
///    split over the entry's groups by ``Scenario/surgeSplit(_:weights:)``.
/// A future is the scenario with those arrivals, named `NAME.future-00001`, without
/// `uncertainty` and `buy`: the file `--write-futures` writes for it plans the same.
extension Scenario {
    /// Future `f` (1-based) of this scenario; `seed` overrides `uncertainty.seed`.
    /// Without `uncertainty` every future is the scenario as written.
    ///
    /// - Complexity: O(groups x months) draws, plus the surges.
    public func future(_ f: Int, seed: Int? = nil) -> Scenario {
        var out = self
        out.name = name + ".future-" + Self.futureNumber(f)
        out.uncertainty = nil
        out.buy = []
        guard let u = uncertainty else { return out }
        var rng = RandomStream(seed: UInt64(max(0, seed ?? u.seed)), future: UInt64(max(0, f)))
        let sampler = ArrivalSampler(arrivals: u.arrivals, dispersion: u.dispersion)
        for t in 0..<months {
            for g in groups.indices {
                out.groups[g].arrivals[t] = sampler.draw(mean: Double(groups[g].arrivals[t]), &rng)
            }
        }
        let index = Dictionary(groups.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        for surge in u.surges {
            let members = surge.groups.compactMap { index[$0] }
            for t in 0..<months where rng.uniform() < surge.probability {
                let size = rng.integer(surge.sizeLow, surge.sizeHigh)
                let shares = Self.surgeSplit(size, weights: members.map { groups[$0].arrivals[t] })
                for (g, share) in zip(members, shares) { out.groups[g].arrivals[t] += share }
            }
        }
        return out
    }

    /// `size` people split in proportion to `weights` (the groups' mean arrivals that
    /// month; equal shares when all are 0): each gets the floor of its quota, and the
    /// people left go one each to the largest remainders, ties to the first listed.
    /// Integer arithmetic only.
    public static func surgeSplit(_ size: Int, weights: [Int]) -> [Int] {
        guard !weights.isEmpty else { return [] }
        let w = weights.allSatisfy { $0 == 0 } ? weights.map { _ in 1 } : weights
        let total = w.reduce(0, +)
        var shares = w.map { size * $0 / total }
        let remainders = w.map { size * $0 % total }
        let left = size - shares.reduce(0, +)
        let order = remainders.indices.sorted { a, b in
            remainders[a] != remainders[b] ? remainders[a] > remainders[b] : a < b
        }
        for i in order.prefix(left) { shares[i] += 1 }
        return shares
    }

    /// `00001`: the future's number, five digits (more when N is larger).
    public static func futureNumber(_ f: Int) -> String {
        let d = String(f)
        return d.count >= 5 ? d : String(repeating: "0", count: 5 - d.count) + d
    }
}
