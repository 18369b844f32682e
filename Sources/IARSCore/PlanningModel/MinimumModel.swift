import IARSInput
import LinearProgramming

/// The plan model of `iars plan --minimum`: the capacity unlimited, and one more column,
/// `amount`, that caps it in every month (the total cost, for the budget); its levels are
/// the plan's unmet and then the amount (docs/minimum.md).
///
/// Which rows and bounds carry the capacity is found by building the plan model twice, with
/// the capacity at an unlimited amount `U` and at `U + 1`, and comparing: a row or column
/// bound that moves by `f` holds `f * capacity`, and gets a row `terms - f * amount <= bound
/// - f * U` (the old row stays, never binding). So the minimum follows ``PlanModelBuilder``
/// whatever form it gives a capacity (a row, a column's bound, a seat count per departure),
/// and the builder needs no change. The budget is the plan's cost level: `cost <= amount`.
public struct MinimumModel: Sendable {
    public let target: CapacityTarget
    /// The plan model with the capacity unlimited (the plan's indexes and levels).
    public let plan: PlanModel
    /// `plan.model` with the amount column and its rows.
    public let model: LinearModel
    /// The amount column.
    public let amount: Int
    /// Unmet (as the plan's), then the amount.
    public let levels: [Objective]
    /// The unlimited amount (the amount column's upper bound); infinity for the budget.
    public let unlimited: Double

    /// Builds the model.
    ///
    /// - Precondition: `target.check(in: scenario)` passed.
    /// - Complexity: two plan models' builds.
    public init(scenario: Scenario, target: CapacityTarget) {
        self.target = target
        let u = target.unlimitedAmount(in: scenario)
        let plan = PlanModel(scenario: target.setting(u.map(Double.init), in: scenario))
        var m = plan.model
        let integer = target.isCount && scenario.options.integer
        let a = m.addColumn(
            name: "minimum[\(target)]", lower: 0, upper: u.map(Double.init) ?? .infinity, integer: integer)
        if let u {
            let next = PlanModel(scenario: target.setting(Double(u + 1), in: scenario)).model
            Self.addAmountRows(&m, amount: a, unlimited: Double(u), base: plan.model, next: next)
        } else {
            let cost = plan.levels[2]
            m.addRow(name: "minimum[budget]", upper: -cost.constant, terms: cost.terms + [(a, -1)])
        }
        self.plan = plan
        model = m
        amount = a
        unlimited = u.map(Double.init) ?? .infinity
        var unmet = plan.levels[0]
        unmet.coefficients.append(0)
        var level = Objective(name: "minimum", coefficients: Array(repeating: 0, count: m.columns.count), constant: 0)
        level.coefficients[a] = 1
        levels = [unmet, level]
    }

    /// The rows that cap, by `amount`, every row and column bound that moves between the
    /// model `base` (capacity `unlimited`) and `next` (one more).
    static func addAmountRows(
        _ m: inout LinearModel, amount a: Int, unlimited u: Double, base: LinearModel, next: LinearModel
    ) {
        precondition(
            base.columns.count == next.columns.count && base.rows.count == next.rows.count,
            "the plan model's shape does not depend on an unlimited capacity's amount")
        for (j, (c0, c1)) in zip(base.columns, next.columns).enumerated() where c1.upper != c0.upper {
            let f = c1.upper - c0.upper
            m.addRow(name: "minimum[\(c0.name)]", upper: c0.upper - f * u, terms: [(j, 1), (a, -f)])
        }
        for (r0, r1) in zip(base.rows, next.rows) where r1.upper != r0.upper {
            let f = r1.upper - r0.upper
            m.addRow(
                name: "minimum[\(r0.name)]", upper: r0.upper - f * u,
                terms: Array(zip(r0.columns, r0.coefficients)) + [(a, -f)])
        }
    }

    /// The amount at a point of ``model``. A count is a whole number: rounded in an integer
    /// plan, rounded up in an LP relaxation (where the amount column is continuous too; the
    /// capacities that reach the unlimited unmet are all those at or above the LP's least,
    /// since more capacity never raises the unmet, so the least whole one is its ceiling).
    /// The budget is the plan's cost at the point, rounded up to the cent: the amount column
    /// may sit below the cost by the simplex's tolerance (177.499992 for a plan of 177.50),
    /// and the cost off a whole cent by GLPK's integrality tolerance (235,555.179916 for
    /// 235,555.18); below a millionth of a cent (relative) counts as noise, not a cent more.
    public func amount(at x: [Double]) -> Double {
        guard target.isCount else {
            let cents = max(x[amount], plan.levels[2].value(at: x)) * 100
            return (cents - max(1e-4, 1e-9 * abs(cents))).rounded(.up) / 100
        }
        return plan.scenario.options.integer ? x[amount].rounded() : (x[amount] - 1e-6).rounded(.up)
    }
}
