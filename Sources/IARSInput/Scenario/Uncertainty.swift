/// Uncertain arrivals and capacity that can be bought: the scenario's optional
/// `uncertainty:` and `buy:` sections (`spec/uncertainty.md`, docs/risk.md).
///
/// A plan for the arrivals typed into the file says little about the month of a
/// police operation. `uncertainty:` says how the real arrivals may differ from
/// them, so that `iars risk` can plan many possible futures; `buy:` lists the
/// capacity a manager could fund, for `iars risk --buy` and `iars size`.
///
/// ```yaml
/// uncertainty:
///   arrivals: poisson           # poisson | negative-binomial
///   dispersion: 4               # negative-binomial only, k > 0
///   surges:
///     - { groups: [md-women, ro-women], probability: 0.05, size: [5, 15] }
///   futures: 200                # 1 .. 100000
///   seed: 1                     # >= 0
/// buy:
///   - { id: tirana-annex, shelter: tirana, beds: 10, cost: 4000, max: 2 }
/// ```
public struct Uncertainty: Sendable, Equatable {
    /// How a group's arrivals in a month are drawn around the written value (the mean).
    public enum Arrivals: String, Sendable, Equatable, CaseIterable {
        /// Variance = mean.
        case poisson
        /// Variance = mean + mean^2 / dispersion: lumpier than Poisson.
        case negativeBinomial = "negative-binomial"
    }

    public var arrivals: Arrivals
    /// The negative binomial's k (> 0); nil for Poisson.
    public var dispersion: Double?
    /// Rare mass referrals on top of the regular arrivals.
    public var surges: [Surge]
    /// How many futures `iars risk` plans (1...``maxFutures``).
    public var futures: Int
    /// The generator's seed (>= 0): with the file, it fixes every future.
    public var seed: Int

    /// Most futures a file or `--futures` may ask for.
    public static let maxFutures = 100_000
    public static let defaultFutures = 200
    public static let defaultSeed = 1

    public init(
        arrivals: Arrivals = .poisson, dispersion: Double? = nil, surges: [Surge] = [],
        futures: Int = Uncertainty.defaultFutures, seed: Int = Uncertainty.defaultSeed
    ) {
        self.arrivals = arrivals
        self.dispersion = dispersion
        self.surges = surges
        self.futures = futures
        self.seed = seed
    }
}

/// A rare mass referral (`uncertainty.surges[]`): in each month, with probability
/// `probability`, between `sizeLow` and `sizeHigh` more people of `groups` arrive.
public struct Surge: Sendable, Equatable {
    /// Ids of the groups the surge's people belong to, in file order (the split's ties go
    /// to the first).
    public var groups: [String]
    /// Chance of a surge in any one month, 0...1.
    public var probability: Double
    public var sizeLow: Int
    public var sizeHigh: Int

    public init(groups: [String], probability: Double, sizeLow: Int, sizeHigh: Int) {
        self.groups = groups
        self.probability = probability
        self.sizeLow = sizeLow
        self.sizeHigh = sizeHigh
    }
}

/// Capacity that can be bought for the whole horizon (`buy[]`): each block adds `amount`
/// to one capacity in every month and costs `cost`; at most `max` blocks.
public struct BuyOption: Sendable, Equatable {
    /// Which kind of capacity a block adds to, and the key of its amount.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// A shelter's beds.
        case shelter
        /// A route's departures.
        case route
        /// A partner's slots.
        case partner
        /// A medical provider's screening slots.
        case medical

        /// The key that holds a block's amount: `beds`, `departures` or `slots`.
        public var amountKey: String {
            switch self {
            case .shelter: "beds"
            case .route: "departures"
            case .partner, .medical: "slots"
            }
        }
    }

    public var id: String
    public var kind: Kind
    /// The id of the shelter, route, partner or medical provider.
    public var target: String
    /// What one block adds to the capacity in every month (>= 1).
    public var amount: Int
    /// The price of one block (>= 0), in the scenario's currency.
    public var cost: Double
    /// Most blocks (>= 1).
    public var max: Int

    public init(id: String, kind: Kind, target: String, amount: Int, cost: Double, max: Int = 1) {
        self.id = id
        self.kind = kind
        self.target = target
        self.amount = amount
        self.cost = cost
        self.max = max
    }
}

extension Scenario {
    /// This scenario with the two sections set (the loader's last step).
    func with(uncertainty: Uncertainty?, buy: [BuyOption]) -> Scenario {
        var s = self
        (s.uncertainty, s.buy) = (uncertainty, buy)
        return s
    }
}

/// Reads `uncertainty:` and `buy:` of a scenario document with the loader's checker.
struct UncertaintyReader {
    /// The ids a section may refer to.
    struct Known {
        var groups: Checker.KnownIDs
        var shelters: Checker.KnownIDs
        var medical: Checker.KnownIDs
        var routes: Checker.KnownIDs
        var partners: Checker.KnownIDs

        init(
            groups: [String?], shelters: [String?], medical: [String?], routes: [String?], partners: [String?]
        ) {
            self.groups = .init(groups.compactMap { $0 })
            self.shelters = .init(shelters.compactMap { $0 })
            self.medical = .init(medical.compactMap { $0 })
            self.routes = .init(routes.compactMap { $0 })
            self.partners = .init(partners.compactMap { $0 })
        }

        func ids(_ kind: BuyOption.Kind) -> (Checker.KnownIDs, String) {
            switch kind {
            case .shelter: (shelters, "shelter")
            case .route: (routes, "route")
            case .partner: (partners, "partner")
            case .medical: (medical, "medical provider")
            }
        }
    }

    let ck: Checker
    var known = Known(groups: [], shelters: [], medical: [], routes: [], partners: [])

    init(ck: Checker) {
        self.ck = ck
    }

    /// Both sections of `top`, given the ids read so far (nil where an entry's id is wrong):
    /// `uncertainty` is `.some(nil)` when absent; either is nil when wrong.
    func read(
        _ top: Checker.Fields, groups: [String?], shelters: [String?], medical: [String?], routes: [String?],
        partners: [String?]
    ) -> (Uncertainty??, [BuyOption]?) {
        var reader = self
        reader.known = Known(groups: groups, shelters: shelters, medical: medical, routes: routes, partners: partners)
        return (reader.uncertainty(top), reader.buy(top))
    }

    var counts: Checker.Bound { .init(Double(ck.limits.maxCount), "the cap on counts") }

    /// The `uncertainty` section: `.some(nil)` when absent, nil when wrong.
    func uncertainty(_ top: Checker.Fields) -> Uncertainty?? {
        ck.optionalField(top, "uncertainty") { read($0, at: $1) }
    }

    /// The `buy` list: empty when absent, nil when wrong.
    func buy(_ top: Checker.Fields) -> [BuyOption]? {
        ck.field(top, "buy", default: []) { node, path in
            guard let list = ck.list(node, at: path) else { return nil }
            var firstLine: [String: Int] = [:]
            let options = list.enumerated().map { i, entry in
                option(entry, at: path + i, firstLine: &firstLine)
            }
            let present = options.compactMap { $0 }
            return present.count == options.count ? present : nil
        }
    }

    func read(_ node: DocumentNode, at path: DocumentPath) -> Uncertainty? {
        guard
            let f = ck.mapping(
                node, at: path, required: [], optional: ["arrivals", "dispersion", "surges", "futures", "seed"])
        else { return nil }
        let arrivals = ck.field(f, "arrivals", default: .poisson) { node, path -> Uncertainty.Arrivals? in
            let names = Uncertainty.Arrivals.allCases.map(\.rawValue)
            guard let s = ck.string(node, at: path) else { return nil }
            guard let a = Uncertainty.Arrivals(rawValue: s) else {
                let hint = Suggestion.closest(to: s, among: names).map { "; did you mean '\($0)'?" } ?? ""
                ck.error(
                    "unknown distribution \(quoted(s, limit: 40))\(hint) (allowed: \(names.joined(separator: ", ")))",
                    at: path, node: node)
                return nil
            }
            return a
        }
        let dispersion = ck.optionalField(f, "dispersion") {
            ck.number($0, at: $1, positive: true, max: .init(1e9, "the cap on dispersions"))
        }
        if arrivals == .poisson, let node = f["dispersion"] {
            ck.error(
                "only for 'arrivals: negative-binomial' (Poisson has no dispersion)", at: path + "dispersion",
                node: node)
        }
        if arrivals == .negativeBinomial, !f.has("dispersion") {
            ck.error("'arrivals: negative-binomial' needs 'dispersion' (k > 0)", at: path + "dispersion", node: node)
        }
        let surges = ck.field(f, "surges", default: [Surge]()) { node, path in
            guard let list = ck.list(node, at: path) else { return nil }
            let read = list.enumerated().map { i, entry in surge(entry, at: path + i) }
            let present = read.compactMap { $0 }
            return present.count == read.count ? present : nil
        }
        let futures = ck.field(f, "futures", default: Uncertainty.defaultFutures) {
            ck.integer($0, at: $1, min: 1, max: .init(Double(Uncertainty.maxFutures)))
        }
        let seed = ck.field(f, "seed", default: Uncertainty.defaultSeed) {
            ck.integer($0, at: $1, min: 0, max: .init(9_007_199_254_740_991, "the largest exact integer"))
        }
        guard let arrivals, let dispersion, let surges, let futures, let seed else { return nil }
        if arrivals == .poisson, dispersion != nil { return nil }
        if arrivals == .negativeBinomial, dispersion == nil { return nil }
        return Uncertainty(arrivals: arrivals, dispersion: dispersion, surges: surges, futures: futures, seed: seed)
    }

    func surge(_ node: DocumentNode, at path: DocumentPath) -> Surge? {
        guard let f = ck.mapping(node, at: path, required: ["groups", "probability", "size"]) else { return nil }
        let groups = ck.field(f, "groups") { node, path -> [String]? in
            guard let ids = ck.idList(node, at: path, known: known.groups, what: "group") else { return nil }
            if ids.isEmpty {
                ck.error("at least one group is required", at: path, node: node)
                return nil
            }
            return ids
        }
        let probability = ck.field(f, "probability") { node, path -> Double? in
            guard let p = ck.number(node, at: path, min: 0) else { return nil }
            if p > 1 {
                ck.error("must be <= 1 (a probability), got \(formatNumber(p))", at: path, node: node)
                return nil
            }
            return p
        }
        let size = ck.field(f, "size") { node, path -> (Int, Int)? in
            guard let pair = node.elements, pair.count == 2 else {
                ck.error("expected [LOW, HIGH] (two whole numbers), got \(node.kindDescription)", at: path, node: node)
                return nil
            }
            let lo = ck.integer(pair[0], at: path + 0, min: 0, max: counts)
            let hi = ck.integer(pair[1], at: path + 1, min: 0, max: counts)
            guard let lo, let hi else { return nil }
            if hi < lo {
                ck.error("HIGH (\(hi)) must be >= LOW (\(lo))", at: path, node: node)
                return nil
            }
            return (lo, hi)
        }
        guard let groups, let probability, let size else { return nil }
        return Surge(groups: groups, probability: probability, sizeLow: size.0, sizeHigh: size.1)
    }

    func option(_ node: DocumentNode, at path: DocumentPath, firstLine: inout [String: Int]) -> BuyOption? {
        let kinds = BuyOption.Kind.allCases
        let amountKeys = ["beds", "departures", "slots"]
        guard
            let f = ck.mapping(
                node, at: path, required: ["id", "cost"], optional: kinds.map(\.rawValue) + amountKeys + ["max"])
        else { return nil }
        var id = ck.field(f, "id") { ck.string($0, at: $1, rule: .id) }
        if let found = id, let idNode = f["id"] {
            if let line = firstLine[found] {
                ck.error("duplicate buy option id '\(found)' (first at line \(line))", at: path + "id", node: idNode)
                id = nil
            } else {
                firstLine[found] = idNode.line
            }
        }
        let cost = ck.field(f, "cost") {
            ck.number($0, at: $1, min: 0, max: .init(ck.limits.maxBudget, "the cap on budgets"))
        }
        let max = ck.field(f, "max", default: 1) { ck.integer($0, at: $1, min: 1, max: counts) }
        let capacity = self.capacity(f, at: path)
        guard let id, let cost, let max, let capacity else { return nil }
        return BuyOption(
            id: id, kind: capacity.kind, target: capacity.target, amount: capacity.amount, cost: cost, max: max)
    }

    /// The one capacity a buy option names, with its amount key.
    func capacity(_ f: Checker.Fields, at path: DocumentPath) -> (kind: BuyOption.Kind, target: String, amount: Int)? {
        let named = BuyOption.Kind.allCases.filter { f.has($0.rawValue) }
        let usage = "shelter + beds, route + departures, partner + slots, or medical + slots"
        guard named.count == 1, let kind = named.first else {
            let what = named.isEmpty ? "names no capacity" : "names \(named.count) capacities"
            ck.error("a buy option \(what); give exactly one: \(usage)", at: path, node: f.node)
            return nil
        }
        let target = ck.field(f, kind.rawValue) { node, path in
            let (ids, what) = known.ids(kind)
            return ck.reference(node, at: path, known: ids, what: what)
        }
        for key in ["beds", "departures", "slots"] where key != kind.amountKey {
            if let node = f[key] {
                ck.error(
                    "a \(kind.rawValue) option takes '\(kind.amountKey)', not '\(key)' (\(usage))", at: path + key,
                    node: node)
            }
        }
        guard f.has(kind.amountKey) else {
            ck.error(
                "required key is missing (a \(kind.rawValue) option adds '\(kind.amountKey)')",
                at: path + kind.amountKey, node: f.node)
            return nil
        }
        let amount = ck.field(f, kind.amountKey) { ck.integer($0, at: $1, min: 1, max: counts) }
        guard let target, let amount else { return nil }
        return (kind, target, amount)
    }
}
