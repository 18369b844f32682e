import Foundation
import IARSInput
import LinearProgramming

/// What `iars size` chose (spec `uncertainty.md`, "iars size"; docs/size.md).
public struct SizeResult: Sendable {
    /// One buy option's part of the purchase.
    public struct Bought: Sendable, Equatable {
        public var id: String
        public var blocks: Int
        /// blocks x the option's cost.
        public var cost: Double
    }

    public var scenario: String
    public var currency: String
    /// `optimal`; `feasible` (the effort stopped a level: see ``gap``); `infeasible` (no
    /// purchase reaches the service level: ``purchase`` is the one that reaches
    /// ``bestShare``; or no plan at all); `timeLimit` (stopped without a purchase).
    public var status: PlanResult.Status
    public var futures: Int
    public var seed: Int
    /// Whether each future was planned in whole numbers (`--integer`), not its LP relaxation.
    public var integer: Bool
    public var serviceLevel: Double?
    /// Mean unmet, mean waiting, purchase + mean cost, at the chosen purchase.
    public var objective: PlanResult.Objective?
    public var purchase: [Bought] = []
    public var purchaseCost: Double { purchase.reduce(0) { $0 + $1.cost } }
    /// The share of the futures served in full at the purchase (in sample), with a
    /// service level; when none reaches it, the best share any purchase reaches.
    public var servedShare: Double?
    public var gap: Double?
    public var stoppedLevel: String?
    public var stoppedBy: StoppedBy?
    /// Work units of the solves.
    public var effort = 0
    /// Columns, rows and integer columns of the model.
    public var size = PlanResult.ModelSize()
    /// The purchase's risk report on N fresh futures (seed + 1), once ``evaluate(_:planner:jobs:onPlanned:)`` ran.
    public var outOfSample: RiskResult?

    /// The purchase as blocks per option id (for ``Scenario/applying(purchase:)``).
    public var blocks: [String: Int] { Dictionary(uniqueKeysWithValues: purchase.map { ($0.id, $0.blocks) }) }
}

/// The choice of `iars size`.
public struct SizeRequest: Sendable {
    /// N futures (default: the scenario's `uncertainty.futures`).
    public var futures: Int?
    /// The seed (default: `uncertainty.seed`).
    public var seed: Int?
    /// Plan each future in whole numbers; false: its LP relaxation (the default).
    public var integer = false
    /// The least share of futures that must be served in full (0 < Q <= 1).
    public var serviceLevel: Double?
    /// Solve the whole model as one GLPK problem (``Planner/sizeJointly(_:_:)``) rather than
    /// future by future (``PurchaseSearch``): the same optimum, much slower; for checks.
    public var joint = false

    public init(
        futures: Int? = nil, seed: Int? = nil, integer: Bool = false, serviceLevel: Double? = nil, joint: Bool = false
    ) {
        self.joint = joint
        self.futures = futures
        self.seed = seed
        self.integer = integer
        self.serviceLevel = serviceLevel
    }

    /// The number of futures and the seed this request plans, for `scenario`.
    public func resolved(_ scenario: Scenario) -> (futures: Int, seed: Int) {
        (
            futures ?? scenario.uncertainty?.futures ?? Uncertainty.defaultFutures,
            seed ?? scenario.uncertainty?.seed ?? Uncertainty.defaultSeed
        )
    }

    /// The futures of `scenario` as `size` plans them (their `options.integer` set).
    public func futures(of scenario: Scenario) -> [Scenario] {
        let (n, seed) = resolved(scenario)
        return (1...max(1, n)).map { f in
            var future = scenario.future(f, seed: seed)
            future.options.integer = integer
            return future
        }
    }
}

extension Planner {
    /// Chooses the blocks to buy of `scenario`'s buy options: the optimum of ``SizeModel``
    /// (every future planned with the same purchase), lexicographically: mean unmet, mean
    /// waiting, purchase + mean cost. With a service level no purchase reaches, the purchase
    /// that serves the most futures in full (`infeasible`, with that share).
    ///
    /// Solved future by future (``PurchaseSearch``) unless `request.joint`.
    ///
    /// - Throws: ``LinearProgrammingError`` only on an internal error.
    public func size(_ scenario: Scenario, _ request: SizeRequest) throws -> SizeResult {
        if request.joint { return try sizeJointly(scenario, request) }
        var (result, futures) = start(scenario, request)
        let budget = runBudget(scenario, started: ContinuousClock.now)
        let search = PurchaseSearch(options: scenario.buy, planner: self, integer: request.integer, budget: budget)
        let table = try search.table(futures)
        result.effort = budget.used
        result.size = table.size
        let need = request.serviceLevel.map { Int(($0 * Double(futures.count) - 1e-9).rounded(.up)) }
        guard let chosen = table.choice(need: need, tolerance: tolerance, integer: request.integer) else {
            result.status = table.stopped == nil ? .infeasible : .timeLimit
            result.stoppedBy = table.stopped.map(StoppedBy.init)
            return result
        }
        result.status =
            !chosen.reached ? .infeasible : (table.stopped == nil && table.allOptimal ? .optimal : .feasible)
        if let cause = table.stopped { result.stoppedBy = StoppedBy(cause) }
        let blocks = table.purchases[chosen.index]
        result.purchase = zip(scenario.buy, blocks).map { .init(id: $0.id, blocks: $1, cost: Double($1) * $0.cost) }
        result.objective = .init(unmet: chosen.values[0], waiting: chosen.values[1], cost: chosen.values[2])
        if request.serviceLevel != nil { result.servedShare = Double(chosen.served) / Double(futures.count) }
        return result
    }

    /// The futures `request` asks for, and a result that names them, before any solve.
    func start(_ scenario: Scenario, _ request: SizeRequest) -> (SizeResult, [Scenario]) {
        let (n, seed) = request.resolved(scenario)
        let result = SizeResult(
            scenario: scenario.name, currency: scenario.currency, status: .optimal, futures: n, seed: seed,
            integer: request.integer, serviceLevel: request.serviceLevel)
        return (result, request.futures(of: scenario))
    }

    /// ``size(_:_:)`` with the whole ``SizeModel`` as one GLPK problem: the blocks integer,
    /// the copies LP relaxations unless `request.integer`. With a service level no purchase
    /// reaches, a second solve maximises the share of futures served in full.
    public func sizeJointly(_ scenario: Scenario, _ request: SizeRequest) throws -> SizeResult {
        var (result, futures) = start(scenario, request)
        let budget = runBudget(scenario, started: ContinuousClock.now)
        let service = request.serviceLevel.map { SizeModel.Service.atLeast($0) } ?? .none
        var sm = SizeModel(options: scenario.buy, futures: futures, service: service)
        var outcome = try solveSize(sm, budget: budget)
        if outcome.status == .infeasible, request.serviceLevel != nil {
            // No purchase reaches the level: the best share, and the purchase that reaches it.
            sm = SizeModel(options: scenario.buy, futures: futures, service: .maximised)
            outcome = try solveSize(sm, budget: budget)
            if outcome.values != nil { outcome.status = .infeasible }
        }
        result.effort = budget.used
        result.size = .init(
            columns: sm.model.columns.count, rows: sm.model.rows.count, nonzeros: sm.model.numberOfNonzeros,
            integers: sm.model.columns.reduce(0) { $0 + ($1.isInteger ? 1 : 0) })
        fill(&result, sm, outcome, scenario: scenario)
        return result
    }

    /// The levels are means over the futures, kept as closely as one plan keeps its own:
    /// the tolerance divided by the number of futures, so that the total over the futures
    /// may exceed its optimum by what one future's plan may (``KeepTolerance``). With the
    /// plan's tolerance on the mean, N times that went to the one future where it bought the
    /// most of the next level: an LP's waiting can fall by 825 person-months per unit of unmet
    /// (size-06's future 9, budget-bound), and the sum's slack of 2e-6 moved the mean waiting
    /// by 3e-5 relative, off the brute force over purchases.
    func solveSize(_ sm: SizeModel, budget: WorkBudget) throws -> LexicographicSolver.Outcome {
        var planner = self
        let n = Double(max(1, sm.copies.count))
        planner.tolerance = KeepTolerance(relative: tolerance.relative / n, absolute: tolerance.absolute / n)
        return try planner.solveLexicographic(
            sm.model, levels: sm.levels, integer: true, budget: budget, branchingPriority: sm.branchingPriority)
    }

    /// The result from the outcome: the status, the purchase and the levels' values.
    func fill(_ result: inout SizeResult, _ sm: SizeModel, _ outcome: LexicographicSolver.Outcome, scenario: Scenario) {
        result.gap = outcome.gap
        result.stoppedLevel = outcome.stoppedLevel
        result.stoppedBy = outcome.stoppedBy.map(StoppedBy.init)
        guard let x = outcome.values else {
            result.status = outcome.status == .infeasible ? .infeasible : .timeLimit
            return
        }
        switch outcome.status {
        case .optimal: result.status = .optimal
        case .infeasible: result.status = .infeasible
        default: result.status = .feasible
        }
        let blocks = sm.purchase(at: x)
        result.purchase = zip(scenario.buy, blocks).map { .init(id: $0.id, blocks: $1, cost: Double($1) * $0.cost) }
        let values = sm.levels.suffix(3).map { $0.value(at: x) }
        result.objective = .init(unmet: values[0], waiting: values[1], cost: values[2])
        if !sm.served.isEmpty {
            // served in full: the futures whose own unmet is 0 (not only those the model marked)
            let served = sm.copies.filter { $0.values(at: x)[0] <= 1e-6 }.count
            result.servedShare = Double(served) / Double(sm.copies.count)
        }
    }
}

extension SizeResult {
    /// Plans the chosen purchase on N fresh futures (seed + 1) as `iars risk --buy` does
    /// (``RiskPlanner``; LP relaxations or whole numbers as the sizing planned them), and
    /// keeps that report in ``outOfSample``: the in-sample figures flatter the purchase, which
    /// was chosen for those very futures.
    ///
    /// - Parameters:
    ///   - scenario: the scenario sized (as read, with its `buy:`).
    ///   - jobs: threads (the report is the same with any number).
    /// - Throws: ``LinearProgrammingError`` only on an internal error.
    public mutating func evaluate(
        _ scenario: Scenario, planner: Planner, jobs: Int = 1,
        onPlanned: (@Sendable (_ done: Int, _ of: Int) -> Void)? = nil
    ) throws {
        guard objective != nil else { return }
        var risk = RiskPlanner(planner: planner, jobs: jobs, integer: integer, seed: seed + 1, purchase: blocks)
        risk.onPlanned = onPlanned
        let outcomes = try risk.plan(scenario, futures: Array(1...max(1, futures)))
        let frame = RiskFrame(scenario: scenario, futures: futures, seed: seed + 1, integer: integer, purchase: blocks)
        outOfSample = RiskResult(frame: frame, outcomes: outcomes)
    }
}
