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

    public struct Capacity: Sendable, Equatable, Codable {
        /// `shelter`, `medical`, `route`, `partner`.
        public var kind: String
        public var id: String
        /// `beds`, `screenings`, `seats`, `slots`.
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
    }
}
