import IARSInput
import LinearProgramming

/// The capacity plan of `spec/capacity-plan.md` as a linear model, in a compact
/// formulation that reaches the spec's optimal objective values with fewer
/// variables and integers than the natural one.
///
/// Differences from the natural model, each exact (see docs/formulation.md):
/// - `unmet[g,t]` is eliminated: `sum_s admit[g,s,t] <= arrivals[g,t]`, and the
///   unmet objective is `sum priority * arrivals - sum priority * admit`.
/// - Returns are decided per shelter, country of return and month (`ret[s,c,t]`),
///   not per group or route: ready cases of one country at one shelter are
///   interchangeable (same routes, same partners), and a first-ready-first-home
///   split gives each group its share (``pairReturns(_:)``). Which route of the
///   country carries them is a continuous flow `flow[k,t]` (greedy by seat cost,
///   integral whenever returns and departures are).
/// - Only shelter totals are kept (`occ[s,t]` = people in shelter s at the end of
///   month t): per-group stays are non-negative whenever readiness holds.
/// - `wait[s,c,t]` is kept recursively per return class; `wait >= 0` is the
///   readiness rule summed over the class's groups, which the split keeps per group.
/// - Screening and reintegration are continuous transportation flows (integral
///   data, so an integral optimum of the same cost exists), eliminated where a
///   shelter has one provider or a country one partner.
/// - Admissions are possible only at shelters with a screening provider; returns
///   only for countries with a route and a partner.
/// - Costs enter the objective and the budget rows directly; month cost rows exist
///   only when there is a monthly budget.
public struct PlanModel: Sendable {
    public let scenario: Scenario
    public private(set) var model = LinearModel(name: "iars-plan")

    /// (group, shelter) pairs where the shelter accepts the group, in group then shelter order.
    public let pairs: [(g: Int, s: Int)]
    /// admit[pair][t-1]: column or -1 when fixed at 0.
    public private(set) var admit: [[Int]] = []
    /// Return classes: a shelter and a country of return, with the pairs at the
    /// shelter whose group returns there (shelter then country order).
    public let classes: [ReturnClass]
    /// The return class of each pair.
    public let classOfPair: [Int]
    /// ret[class][t-1]: column or -1 when returns are impossible.
    public private(set) var ret: [[Int]] = []
    /// wait[class][t-1]: column (readiness slack: ready but still in shelter).
    public private(set) var wait: [[Int]] = []
    /// occ[s][t-1]: people in shelter s at the end of month t.
    public private(set) var occ: [[Int]] = []
    /// dep[k][t-1]: departures of route k in month t, or -1 when none are possible or they
    /// cost nothing (then as many run as the returns need).
    public private(set) var dep: [[Int]] = []
    /// flow[k][t-1]: returns carried by route k in month t (-1 when none possible).
    /// When a country has one route, it equals the country's returns and is not a column: see ``routeFlowIsImplicit``.
    public private(set) var flow: [[Int]] = []
    /// screen[(s, m)][t-1]: screenings of shelter s's admissions by provider m (-1 when implicit).
    public private(set) var screen: [ScreenKey: [Int]] = [:]
    /// reint[p][t-1]: cases received by partner p in month t (-1 when implicit or impossible).
    public private(set) var reint: [[Int]] = []
    /// Elastic slack columns for infeasibility diagnosis: beds[s][t-1], monthly[t-1], total.
    public private(set) var bedSlack: [[Int]] = []
    public private(set) var monthlySlack: [Int] = []
    /// serviceSlack[v][t-1]: the elastic model's stretching of service v's case-months.
    public private(set) var serviceSlack: [[Int]] = []
    /// Cover columns: people of some classes of a shelter, where a service covers only some
    /// of its groups (empty without services).
    public private(set) var covers: [Cover] = []
    public private(set) var totalSlack: Int = -1

    /// Objectives as dense coefficient vectors with constants: unmet, waiting, cost.
    public private(set) var levels: [Level] = []

    /// Index of the shelter for each id, and so on.
    public let shelterIndex: [String: Int]
    public let groupIndex: [String: Int]
    /// Initial cases of pair p: total, and the number newly ready in month t (index t-1; beyond T dropped).
    public let initialCount: [Int]
    public let initialReady: [[Int]]
    /// Routes and partners by country.
    public let routesOf: [String: [Int]]
    public let partnersOf: [String: [Int]]
    /// Providers serving each shelter.
    public let providersOf: [[Int]]
    /// Pairs of each group, and pairs at each shelter.
    public let pairsOfGroup: [[Int]]
    public let pairsAtShelter: [[Int]]
    /// The month (1...T) each column belongs to; 0 for columns of no month (the
    /// priority totals, the total budget's slack). Branch-and-cut settles month 1 first.
    public let columnMonth: [Int]
    /// The columns of unmet cases per priority (integer models with several priorities).
    public let priorityTotals: [Int]

    public struct ReturnClass: Sendable {
        public var shelter: Int
        public var country: String
        public var pairs: [Int]
    }

    /// The people of some return classes of one shelter at the end of each month: what a
    /// service that covers only some of the shelter's groups counts there.
    public struct Cover: Sendable {
        public var shelter: Int
        /// Indices into ``PlanModel/classes``.
        public var classes: [Int]
        /// columns[t-1]: people of those classes at the end of month t.
        public var columns: [Int]
    }

    public struct ScreenKey: Hashable, Sendable {
        public var shelter: Int
        public var provider: Int
    }

    /// A level of the plan's lexicographic objective (unmet, waiting, cost).
    public typealias Level = Objective

    /// Builds the model.
    ///
    /// - Parameter elastic: add slack to bed and budget rows (for explaining infeasibility);
    ///   then the only level minimises the stretching.
    /// - Complexity: O(groups x shelters x months + routes x months) columns and rows.
    public init(scenario sc: Scenario, elastic: Bool = false) {
        var b = PlanModelBuilder(scenario: sc, elastic: elastic)
        b.build()
        scenario = sc
        shelterIndex = b.shelterIndex
        groupIndex = b.groupIndex
        pairs = b.pairs
        pairsOfGroup = b.pairsOfGroup
        pairsAtShelter = b.pairsAtShelter
        classes = b.classes
        classOfPair = b.classOfPair
        routesOf = b.routesOf
        partnersOf = b.partnersOf
        providersOf = b.providersOf
        initialCount = b.initialCount
        initialReady = b.initialReady
        model = b.m
        admit = b.admit
        ret = b.ret
        wait = b.wait
        occ = b.occ
        dep = b.dep
        flow = b.flow
        screen = b.screen
        reint = b.reint
        bedSlack = b.bedSlack
        monthlySlack = b.monthlySlack
        serviceSlack = b.serviceSlack
        covers = b.covers
        totalSlack = b.totalSlack
        levels = b.levels
        columnMonth = b.columnMonths()
        priorityTotals = b.priorityTotals
    }
}

extension PlanModel {
    /// Splits each return class's returns over its groups, first ready first home:
    /// the returns of month t go to the cases that became ready earliest (ties in
    /// group order). Each group's returns so far then never exceed its ready cases
    /// so far, as the spec's readiness rule asks per group and shelter.
    ///
    /// - Parameters:
    ///   - admitted: admitted[pair][t-1], as planned.
    ///   - returned: returned[class][t-1], as planned.
    /// - Returns: returns[pair][t-1].
    public func pairReturns(admitted: [[Double]], returned: [[Double]]) -> [[Double]] {
        let T = scenario.months
        var out = Array(repeating: Array(repeating: 0.0, count: T), count: pairs.count)
        for (k, cl) in classes.enumerated() {
            // ready[i][tau]: cases of the class's i-th pair ready from month tau+1 and not yet home
            var ready = cl.pairs.map { _ in Array(repeating: 0.0, count: T) }
            for (i, p) in cl.pairs.enumerated() {
                let L = scenario.groups[pairs[p].g].processingMonths
                for t in 1...T {
                    ready[i][t - 1] = Double(initialReady[p][t - 1]) + (t - L >= 1 ? admitted[p][t - L - 1] : 0)
                }
            }
            for t in 1...T {
                var q = returned[k][t - 1]
                guard q > 0 else { continue }
                var last = 0
                for tau in 0..<t where q > 0 {
                    for i in cl.pairs.indices where q > 0 && ready[i][tau] > 0 {
                        let take = min(q, ready[i][tau])
                        ready[i][tau] -= take
                        out[cl.pairs[i]][t - 1] += take
                        q -= take
                        last = i
                    }
                }
                // solver noise beyond the ready cases: keep the class total
                if q > 0 { out[cl.pairs[last]][t - 1] += q }
            }
        }
        return out
    }
}
