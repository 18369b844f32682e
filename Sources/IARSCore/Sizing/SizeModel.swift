import IARSInput
import LinearProgramming

/// The two-stage model of `iars size` (spec `uncertainty.md`, docs/size.md): one integer
/// column per buy option (the blocks bought, 0...max, the same in every future), and one
/// copy of the plan model per future, whose capacities grow with the blocks and whose total
/// budget shrinks by their cost.
///
/// Each copy is the plan model of the future with every option at its `max` (so that every
/// column a purchase could open is there). Which of its rows and column bounds an option
/// moves, and by how much a block moves them, is found as ``MinimumModel`` finds its
/// capacity's, once for all futures (``Moves``): the model of a probe is built again with
/// one more block of that option, and a bound
/// that moves by `d` gets a row `terms - sum_o d_o * blocks_o <= bound - sum_o d_o * max_o`
/// (one row for all the options that move it; the old bound stays, never binding). The
/// total budget gets `cost + sum_o cost_o * blocks_o <= budget.total`.
///
/// Levels: the mean over futures of the priority-weighted unmet, the mean waiting, then
/// the purchase cost plus the mean operating cost. With a service level `Q`, a binary
/// `served[f]` per future with `unmet_f <= M_f * (1 - served[f])`, where `M_f`, the
/// priority-weighted arrivals of the future, bounds its unmet (a valid big-M: unmet is at
/// most everyone), and `sum_f served[f] >= ceil(Q * N)`.
public struct SizeModel: Sendable {
    /// One future's copy of the plan model.
    public struct Copy: Sendable {
        /// The future as drawn (no purchase).
        public let scenario: Scenario
        /// Its plan model (every option at its max); its column j is the size model's `first + j`.
        public let plan: PlanModel
        public let first: Int

        /// The plan's levels (unmet, waiting, cost) at the size model's point `x`.
        public func values(at x: [Double]) -> [Double] {
            let own = Array(x[first..<(first + plan.model.columns.count)])
            return plan.levels.map { $0.value(at: own) }
        }
    }

    /// How the service level enters: not at all, as the row `sum served >= ceil(Q N)`, or as
    /// the first level (the share of futures served, maximised: when no purchase reaches Q).
    public enum Service: Sendable, Equatable {
        case none
        case atLeast(Double)
        case maximised
    }

    public let options: [BuyOption]
    public let copies: [Copy]
    public let model: LinearModel
    /// The blocks column of each buy option.
    public let blocks: [Int]
    /// The `served[f]` column of each future (empty without a service level).
    public let served: [Int]
    /// Mean unmet, mean waiting, purchase + mean cost; with ``Service/maximised`` the share
    /// of futures not served all comes first.
    public let levels: [Objective]
    /// Blocks first (priority 0), then each copy's months.
    public let branchingPriority: [Int]

    /// Builds the model over `futures` (their arrivals drawn; their options set as the
    /// futures are to be planned: `options.integer` false for LP relaxations).
    ///
    /// - Complexity: (options + 1) plan model builds per future.
    public init(options: [BuyOption], futures: [Scenario], service: Service = .none) {
        self.init(
            options: options, futures: futures, moves: futures.first.map { .init(options: options, like: $0) },
            service: service)
    }

    /// - Parameter moves: which rows and bounds the blocks move (``Moves``), found once for
    ///   every future of a scenario.
    init(options: [BuyOption], futures: [Scenario], moves: Moves?, service: Service = .none) {
        var b = SizeModelBuilder(options: options, count: futures.count)
        for future in futures { b.addCopy(future, moves: moves!, service: service) }
        if case .atLeast(let q) = service { b.addServiceRow(q) }
        self.options = options
        copies = b.copies
        blocks = b.blocks
        served = b.served
        branchingPriority = b.priority
        levels = b.levels(service: service)
        model = b.m
    }

    /// The blocks of each option at `x`.
    public func purchase(at x: [Double]) -> [Int] { blocks.map { Int(x[$0].rounded()) } }
}

extension SizeModel {
    /// Which rows and column bounds of a future's plan model each option's blocks move, and
    /// by how much a block moves them, by name: the plan model of a probe (the scenario with
    /// every option at its max and at least one arrival of every group in every month, so
    /// that it has every row and column any future has) built again with one more block of
    /// each option, and compared. A capacity's rows and bounds do not depend on the
    /// arrivals, so one probe serves every future (and saves three builds of each).
    struct Moves: Sendable {
        var columns: [String: [(option: Int, by: Double)]] = [:]
        var rows: [String: [(option: Int, by: Double)]] = [:]

        init(options: [BuyOption], like future: Scenario) {
            var probe = future
            for g in probe.groups.indices { probe.groups[g].arrivals = probe.groups[g].arrivals.map { max($0, 1) } }
            let maxed = options.map(\.max)
            let base = PlanModel(scenario: probe.adding(maxed, of: options)).model
            for o in options.indices {
                var more = maxed
                more[o] += 1
                let next = PlanModel(scenario: probe.adding(more, of: options)).model
                precondition(
                    next.columns.count == base.columns.count && next.rows.count == base.rows.count,
                    "the plan model's shape does not depend on a capacity raised beyond its max")
                for (c0, c1) in zip(base.columns, next.columns) where c1.upper != c0.upper {
                    columns[c0.name, default: []].append((o, c1.upper - c0.upper))
                }
                for (r0, r1) in zip(base.rows, next.rows) where r1.upper != r0.upper {
                    rows[r0.name, default: []].append((o, r1.upper - r0.upper))
                }
            }
        }
    }
}

/// Builds ``SizeModel``: the blocks columns, then copy after copy, then the levels.
struct SizeModelBuilder {
    let options: [BuyOption]
    let count: Int
    var m = LinearModel(name: "iars-size")
    var blocks: [Int] = []
    var served: [Int] = []
    var copies: [SizeModel.Copy] = []
    var priority: [Int] = []
    /// The levels' terms and constants, summed over the copies (unscaled).
    var unmet: [(Int, Double)] = [], unmetConstant = 0.0
    var waiting: [(Int, Double)] = []
    var cost: [(Int, Double)] = [], costConstant = 0.0

    init(options: [BuyOption], count: Int) {
        self.options = options
        self.count = count
        blocks = options.map { m.addColumn(name: "buy[\($0.id)]", lower: 0, upper: Double($0.max), integer: true) }
        priority = blocks.map { _ in 0 }
    }

    mutating func addCopy(_ future: Scenario, moves: SizeModel.Moves, service: SizeModel.Service) {
        let maxed = options.map(\.max)
        let plan = PlanModel(scenario: future.adding(maxed, of: options))
        let first = m.columns.count
        for c in plan.model.columns {
            m.addColumn(
                name: "f\(copies.count + 1).\(c.name)", lower: c.lower, upper: c.upper, integer: c.isInteger,
                impliedInteger: c.isImpliedInteger, setup: c.isSetup)
        }
        priority += plan.columnMonth
        for r in plan.model.rows {
            m.addRow(
                name: "f\(copies.count + 1).\(r.name)", lower: r.lower, upper: r.upper,
                terms: zip(r.columns, r.coefficients).map { ($0 + first, $1) })
        }
        addPurchaseRows(moves, base: plan.model, first: first, copy: copies.count + 1)
        let shift = { (terms: [(Int, Double)]) in terms.map { ($0.0 + first, $0.1) } }
        if let total = future.budget.total {
            m.addRow(
                name: "f\(copies.count + 1).buy.budget.total", upper: total - plan.levels[2].constant,
                terms: shift(plan.levels[2].terms) + zip(blocks, options).map { ($0, $1.cost) })
        }
        unmet += shift(plan.levels[0].terms)
        unmetConstant += plan.levels[0].constant
        waiting += shift(plan.levels[1].terms)
        cost += shift(plan.levels[2].terms)
        costConstant += plan.levels[2].constant
        if service != .none { addServed(plan.levels[0], first: first) }
        copies.append(.init(scenario: future, plan: plan, first: first))
    }

    /// The rows by which the blocks raise a copy's capacities (``SizeModel``).
    mutating func addPurchaseRows(_ moves: SizeModel.Moves, base: LinearModel, first: Int, copy: Int) {
        func raised(_ list: [(option: Int, by: Double)]) -> (terms: [(Int, Double)], atMax: Double) {
            (list.map { (blocks[$0.option], -$0.by) }, list.reduce(0) { $0 + $1.by * Double(options[$1.option].max) })
        }
        for (j, c) in base.columns.enumerated() {
            guard let list = moves.columns[c.name] else { continue }
            let (terms, atMax) = raised(list)
            m.addRow(name: "f\(copy).buy[\(c.name)]", upper: c.upper - atMax, terms: [(first + j, 1)] + terms)
        }
        for r in base.rows {
            guard let list = moves.rows[r.name] else { continue }
            let (terms, atMax) = raised(list)
            m.addRow(
                name: "f\(copy).buy[\(r.name)]", upper: r.upper - atMax,
                terms: zip(r.columns, r.coefficients).map { ($0 + first, $1) } + terms)
        }
    }

    /// `served[f]`: `unmet_f + M_f * served[f] <= M_f`, with `M_f` the unmet's constant
    /// (the priority-weighted arrivals: the unmet when nobody is admitted).
    mutating func addServed(_ unmetLevel: Objective, first: Int) {
        let z = m.addColumn(name: "served[\(copies.count + 1)]", lower: 0, upper: 1, integer: true)
        served.append(z)
        priority.append(0)
        let big = unmetLevel.constant
        guard big > 0 else { return }  // nobody arrives: served whatever is bought
        m.addRow(
            name: "served[\(copies.count + 1)]", upper: 0,
            terms: unmetLevel.terms.map { ($0.0 + first, $0.1) } + [(z, big)])
    }

    /// `sum_f served[f] >= ceil(q * N)`.
    mutating func addServiceRow(_ q: Double) {
        let need = (q * Double(count) - 1e-9).rounded(.up)
        m.addRow(name: "service.level", lower: need, terms: served.map { ($0, 1) })
    }

    /// The levels, each over every column (means: divided by the number of futures).
    func levels(service: SizeModel.Service) -> [Objective] {
        let n = Double(count)
        func level(_ name: String, _ terms: [(Int, Double)], _ constant: Double, scale: Double) -> Objective {
            var c = Array(repeating: 0.0, count: m.columns.count)
            for (j, a) in terms { c[j] += a * scale }
            return Objective(name: name, coefficients: c, constant: constant * scale)
        }
        var out = [
            level("unmet", unmet, unmetConstant, scale: 1 / n),
            level("waiting", waiting, 0, scale: 1 / n),
        ]
        // purchase + mean cost: the blocks' cost is not divided
        var total = level("cost", cost, costConstant, scale: 1 / n)
        for (j, o) in zip(blocks, options) { total.coefficients[j] += o.cost }
        out.append(total)
        if service == .maximised {
            out.insert(level("unserved", served.map { ($0, -1) }, n, scale: 1 / n), at: 0)
        }
        return out
    }
}
