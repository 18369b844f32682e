import IARSInput

/// What a risk report says about its run besides the futures' records: the scenario's
/// names and the run's settings. A shard writes it with its records, and `--merge`
/// checks that every shard has the same before it joins them.
public struct RiskFrame: Sendable, Equatable, Codable {
    public var scenario: String
    public var currency: String
    /// N: futures of the whole run.
    public var futures: Int
    public var seed: Int
    public var integer: Bool
    /// `YYYY-MM` of each month.
    public var months: [String]
    /// Group ids, in file order.
    public var groups: [String]
    public var capacities: [Capacity]
    public var buy: [Bought]
    public var purchaseCost: Double
    /// The total budget each future's plan had (the file's less the purchase); nil without
    /// one. Optional in a shard's file, so that shards written before it still merge.
    public var budgetTotal: Double? = nil
    /// The effort budget per future (work units; nil: the default), and a fingerprint of the
    /// scenario planned: shards that differ in either are not merged.
    public var effort: Int? = nil
    public var fingerprint = ""

    /// FNV-1a (64 bits) of `text`, in hexadecimal: a fingerprint of the scenario as planned
    /// (its description), the same on every machine.
    public static func fingerprint(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    public struct Capacity: Sendable, Equatable, Codable {
        /// `shelter`, `medical`, `route`, `partner`, `service`.
        public var kind: String
        public var id: String
        /// `beds`, `screenings`, `seats`, `slots`, `case-months`.
        public var counts: String
    }

    public struct Bought: Sendable, Equatable, Codable {
        public var id: String
        public var blocks: Int
        public var cost: Double
    }

    /// The frame of a run over `futures` futures of `scenario` (as read, with its `buy:`).
    public init(scenario: Scenario, futures: Int, seed: Int, integer: Bool, purchase: [String: Int]) {
        self.scenario = scenario.name
        currency = scenario.currency
        self.futures = futures
        self.seed = seed
        self.integer = integer
        months = (1...max(1, scenario.months)).map(scenario.label)
        groups = scenario.groups.map(\.id)
        capacities = RiskCapacity.all(scenario).map { .init(kind: $0.kind.rawValue, id: $0.id, counts: $0.what) }
        buy = scenario.buy.compactMap { o in
            purchase[o.id].flatMap { $0 > 0 ? Bought(id: o.id, blocks: $0, cost: Double($0) * o.cost) : nil }
        }
        purchaseCost = scenario.purchaseCost(purchase)
        budgetTotal = scenario.budget.total.map { $0 - purchaseCost }
    }
}
