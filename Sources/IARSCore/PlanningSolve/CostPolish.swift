import Foundation
import IARSInput
import LinearProgramming

extension Planner {
    /// Lowers the cost of `plan` by fix and optimize, keeping its unmet and waiting: a few
    /// shelters at a time, every column of the other shelters is fixed at the plan's value
    /// (the departures, flows and partners of their countries stay free), and branch-and-cut
    /// (the simplex, for an LP relaxation) solves the cost level over the rest, a model of its own
    /// (``restrictedModel(_:objective:keeps:free:at:)``), from the plan as its incumbent.
    /// Each step can only keep or lower the cost. Neighbourhoods pair cheap shelters with
    /// dear ones, so that people can move to the cheaper beds, and grow by a shelter when
    /// a whole round lowers nothing.
    ///
    /// For a large integer plan whose unmet and waiting levels the first plan proves: its
    /// cost level's LP alone takes GLPK minutes (docs/performance.md), so the exact
    /// steps improve nothing under a shorter limit, where a step here takes a second. And
    /// for a very large LP relaxation (``SolvePolicy/lpPolishAboveColumns``), whose crossover and cost LP
    /// do not end in three-quarters of an hour at 80 x 40 x 60 (docs/performance.md).
    ///
    /// - Returns: the best plan found (one value per column of `pm`'s model), or `nil`
    ///   when no step lowered the cost; and the time spent inside GLPK.
    func polishCost(_ pm: PlanModel, plan: [Double], budget: WorkBudget) throws
        -> (plan: [Double]?, solverSeconds: Double)
    {
        let sc = pm.scenario
        guard pm.levels.count == 3, sc.shelters.count > 2 else { return (nil, 0) }
        let cost = pm.levels[2]
        // The rows that keep unmet and waiting at the plan's values.
        let keeps = pm.levels.prefix(2).map { level in
            (level: level, upper: tolerance.keepUpper(level, at: level.value(at: plan)))
        }
        let index = PolishIndex(pm)
        let order = Self.polishOrder(sc)
        // Neighbourhoods of `size` shelters, sliding by one along the order.
        func neighbourhoods(of size: Int) -> [Set<Int>] {
            order.indices.map { i in Set((0..<size).map { order[(i + $0) % order.count] }) }
        }
        var size = min(2, order.count)
        var round = neighbourhoods(of: size)

        var x = plan
        var z = cost.value(at: plan)
        var improved = false
        var options = searchOptions
        options.verbose = false
        options.presolve = true
        options.cuts = .none
        // Many short searches, each on a part of the plan: on a plan too large to tighten
        // as a whole, the parts' tightened copies together cost more than they find
        // (80 x 40 x 60: 10 s of 40, the same plan); at 40 x 20 x 36 they lower the cost.
        if pm.model.columns.reduce(0, { $0 + ($1.isInteger ? 1 : 0) }) > options.strengthenUpToIntegerColumns {
            options.strengthen = false
        }
        options.relaxIntegrality = false
        var quiet = 0
        var steps = 0
        var solverSeconds = 0.0
        // Rounds over the neighbourhoods until the budget is spent; when a whole round lowers
        // nothing, the neighbourhoods grow by a shelter (up to `polishShelters`).
        while true {
            if quiet >= round.count {
                guard size < min(policy.polishShelters, order.count - 1) else { break }
                size += 1
                round = neighbourhoods(of: size)
                quiet = 0
                steps = 0
                if verbose { print("cost polish: neighbourhoods of \(size) shelters") }
            }
            let n = round[steps % round.count]
            steps += 1
            if budget.exhausted != nil { break }
            // an even share of the effort left over the rest of the round, at least a step's worth
            options.budget = budget.capped(
                max(
                    policy.polishStepUnits,
                    budget.left / max(1, round.count - (steps - 1) % round.count)))
            let s = try polishStep(
                pm, index: index, shelters: n, at: x, z: z, keeps: keeps, options: options,
                budget: budget, solverSeconds: &solverSeconds)
            let names = n.sorted().map { sc.shelters[$0].id }.joined(separator: ", ")
            if s.status == .optimal || s.status == .feasible, s.hasPoint,
                cost.value(at: s.values) < z - 1e-6 * max(1, abs(z))
            {
                x = s.values
                z = cost.value(at: x)
                improved = true
                quiet = 0
                if verbose { print("cost polish, shelters \(names): \(z) in \(String(format: "%.2f", s.seconds)) s") }
            } else {
                quiet += 1
                if verbose {
                    print(
                        "cost polish, shelters \(names): no lower cost (\(s.message)) in \(String(format: "%.2f", s.seconds)) s"
                    )
                }
            }
        }
        return (improved ? x : nil, solverSeconds)
    }

    /// What a polish step needs to know of each column and row of the plan's model.
    struct PolishIndex {
        /// The shelter of each column, -1 for none (routes, partners, priority totals).
        var shelterOf: [Int]
        /// The country of each route's and partner's column: free only where a freed
        /// shelter has cases of that country (at 80 x 40 x 60, 1,440 departures of which a
        /// step needs a few dozen).
        var countryOf: [String?]
        /// The rows of each column, so that a step reads only the rows of its free columns.
        var rowsOf: [[Int]]

        init(_ pm: PlanModel) {
            shelterOf = [Int](repeating: -1, count: pm.model.columns.count)
            for (p, pair) in pm.pairs.enumerated() { for j in pm.admit[p] where j >= 0 { shelterOf[j] = pair.s } }
            for (k, cl) in pm.classes.enumerated() {
                for j in pm.ret[k] where j >= 0 { shelterOf[j] = cl.shelter }
                for j in pm.wait[k] where j >= 0 { shelterOf[j] = cl.shelter }
            }
            for (s, cols) in pm.occ.enumerated() { for j in cols where j >= 0 { shelterOf[j] = s } }
            for cover in pm.covers { for j in cover.columns { shelterOf[j] = cover.shelter } }
            for (key, cols) in pm.screen { for j in cols where j >= 0 { shelterOf[j] = key.shelter } }
            countryOf = [String?](repeating: nil, count: pm.model.columns.count)
            for (country, routes) in pm.routesOf {
                for k in routes {
                    for j in pm.dep[k] where j >= 0 { countryOf[j] = country }
                    for j in pm.flow[k] where j >= 0 { countryOf[j] = country }
                }
            }
            for (country, partners) in pm.partnersOf {
                for p in partners { for j in pm.reint[p] where j >= 0 { countryOf[j] = country } }
            }
            rowsOf = [[Int]](repeating: [], count: pm.model.columns.count)
            for (i, row) in pm.model.rows.enumerated() { for j in row.columns { rowsOf[j].append(i) } }
        }
    }

    /// The shelters, cheap and dear interleaved (the cheapest, the dearest, the next
    /// cheapest, ...), so that neighbouring ones let people move to cheaper beds.
    static func polishOrder(_ sc: Scenario) -> [Int] {
        let byCost = sc.shelters.indices.sorted { a, b in
            let ca = sc.shelters[a].bedNightCost, cb = sc.shelters[b].bedNightCost
            return ca != cb ? ca < cb : a < b
        }
        var order: [Int] = []
        var lo = 0, hi = byCost.count - 1
        while lo <= hi {
            order.append(byCost[lo])
            if hi != lo { order.append(byCost[hi]) }
            lo += 1
            hi -= 1
        }
        return order
    }

    /// One step: the cost level over the columns of `shelters` (and their countries'
    /// routes and partners), every other column fixed at `x`. The point comes back merged
    /// into `x` (an empty point when the step found none).
    func polishStep(
        _ pm: PlanModel, index: PolishIndex, shelters n: Set<Int>, at x: [Double], z: Double,
        keeps: [(level: PlanModel.Level, upper: Double)], options: SolveOptions, budget: WorkBudget,
        solverSeconds: inout Double
    ) throws -> Solution {
        let cost = pm.levels[2]
        let countries = Set(pm.classes.filter { n.contains($0.shelter) }.map(\.country))
        let free = index.shelterOf.indices.map { j in
            index.shelterOf[j] >= 0
                ? n.contains(index.shelterOf[j]) : index.countryOf[j].map(countries.contains) ?? true
        }
        var touched = [Bool](repeating: false, count: pm.model.rows.count)
        for j in free.indices where free[j] { for i in index.rowsOf[j] { touched[i] = true } }
        let step = Self.restrictedModel(
            pm.model, objective: cost, keeps: keeps, free: free, at: x,
            rows: touched.indices.filter { touched[$0] })
        var problem = try GLPKProblem(step.model)
        var options = options
        options.incumbent = step.columns.map { x[$0] }
        var s = try problem.solve(options: options)
        solverSeconds += s.seconds
        /// The plan with the step's values in its free columns.
        func merged(_ values: [Double]) -> [Double] {
            var y = x
            for (k, j) in step.columns.enumerated() { y[j] = values[k] }
            return y
        }
        if s.hasPoint, cost.value(at: merged(s.values)) < z - 1e-6 * max(1, abs(z)) {
            // A lower cost is solved again exactly by the simplex, without the presolver,
            // with the integer columns fixed. Branch-and-cut's continuous columns come from
            // its last node LP, where the integer ones were integral only to GLPK's
            // tolerance; with those rounded, the screening split missed its rows by 4e-6
            // at 80 x 40 x 60 and the plan failed `feasiblePoint`. An LP step's point comes
            // back from GLPK's presolver with rows off by up to 9e-5 there, which made later
            // steps infeasible; from the recovered basis this takes a few iterations.
            for (k, c) in step.model.columns.enumerated() where c.isInteger {
                let v = s.values[k].rounded()
                try problem.setColumnBounds(k, lower: v, upper: v)
            }
            var exact = options
            exact.presolve = false
            exact.relaxIntegrality = true
            exact.incumbent = nil
            exact.budget = budget
            let lp = try problem.solve(options: exact)
            solverSeconds += lp.seconds
            s.values =
                lp.status == .optimal
                ? lp.values.enumerated().map { k, v in
                    min(max(v, step.model.columns[k].lower), step.model.columns[k].upper)
                } : []
        }
        if s.hasPoint { s.values = merged(s.values) }
        return s
    }

    /// `model` over the columns marked `free`, every other column fixed at its value in
    /// `x` (a plan of `model`): rows with no free column are dropped (`x` keeps them), the
    /// others get the fixed columns' part moved into their bounds, widened where needed to
    /// hold `x` itself (a plan that misses a row within the simplex's tolerance); `objective`
    /// and the `keeps` rows (a level at most `upper`) likewise. A neighbourhood of a large plan is
    /// then a model of its own size, where GLPK would otherwise copy and presolve the whole
    /// model at every step (at 80 x 40 x 60, 278,496 columns: longer than a step itself).
    ///
    /// - Returns: the model, and the column of `model` each of its columns is.
    ///
    /// - Parameter rows: the rows that may hold a free column, in increasing order (every
    ///   row when `nil`); the others are dropped unread.
    static func restrictedModel(
        _ model: LinearModel, objective: PlanModel.Level,
        keeps: [(level: PlanModel.Level, upper: Double)],
        free: [Bool], at x: [Double], rows: [Int]? = nil
    ) -> (model: LinearModel, columns: [Int]) {
        var sub = LinearModel(name: model.name)
        var index = [Int](repeating: -1, count: model.columns.count)
        var columns: [Int] = []
        var constant = objective.constant
        for (j, c) in model.columns.enumerated() {
            if free[j] {
                index[j] = sub.addColumn(
                    name: c.name, lower: c.lower, upper: c.upper, integer: c.isInteger,
                    objective: objective.coefficients[j])
                columns.append(j)
            } else {
                constant += objective.coefficients[j] * x[j]
            }
        }
        sub.objectiveConstant = constant
        func add(_ name: String, _ lower: Double, _ upper: Double, _ terms: [(Int, Double)]) {
            var fixed = 0.0
            var here = 0.0
            var kept: [(Int, Double)] = []
            for (j, a) in terms {
                if index[j] >= 0 { kept.append((index[j], a)); here += a * x[j] } else { fixed += a * x[j] }
            }
            guard !kept.isEmpty else { return }
            // Widened to hold `x` where it misses the row by a simplex's rounding (1e-8 after
            // LP steps at 80 x 40 x 60, which GLPK's presolver calls infeasible).
            sub.addRow(name: name, lower: min(lower - fixed, here), upper: max(upper - fixed, here), terms: kept)
        }
        for i in rows ?? Array(model.rows.indices) {
            let row = model.rows[i]
            add(row.name, row.lower, row.upper, Array(zip(row.columns, row.coefficients)))
        }
        for keep in keeps {
            add("keep.\(keep.level.name)", -.infinity, keep.upper, keep.level.terms)
        }
        return (sub, columns)
    }
}
