/// The people still in shelter when the plan's last month ends, and what sending
/// them home would cost (docs/output-formats.md, "End of the horizon").
///
/// A plan ends at the horizon; the people in shelter then still need to go home.
/// Their return is priced per person at the cheapest way home for their group:
/// the lowest `cost_per_seat + cost_per_departure / seats_per_departure` of the
/// routes to the group's country (a full departure) plus the lowest
/// `cost_per_case` of the partners there. People of a country with no route or
/// no partner cannot be priced; they are counted in ``unpriced``.
public struct EndOfHorizon: Sendable, Equatable {
    /// People in shelter at the end of the last month (all groups).
    public var inShelter: Double
    /// What returning the priced ones would cost, at the cheapest route and partner.
    public var returnCost: Double
    /// Of ``inShelter``, the people whose country has no route or no partner (not in ``returnCost``).
    public var unpriced: Double
    /// `budget.total` minus the plan's cost; nil without a total budget.
    public var budgetLeft: Double?
    /// Whether the budget left pays for ``returnCost``; nil without a total budget.
    public var covered: Bool? {
        budgetLeft.map { $0 >= returnCost - 0.005 }
    }

    public init(inShelter: Double, returnCost: Double, unpriced: Double, budgetLeft: Double?) {
        self.inShelter = inShelter
        self.returnCost = returnCost
        self.unpriced = unpriced
        self.budgetLeft = budgetLeft
    }

    /// The end of `result`'s horizon; nil when `result` has no plan.
    public init?(_ result: PlanResult, scenario: Scenario) {
        guard let objective = result.objective, result.groups.count == scenario.groups.count else { return nil }
        var inShelter = 0.0, cost = 0.0, unpriced = 0.0
        for (g, plan) in zip(scenario.groups, result.groups) {
            let initial = g.initial.reduce(0) { $0 + $1.count }
            let left = Double(initial) + plan.months.reduce(0) { $0 + $1.admitted - $1.returned }
            let n = abs(left) < 1e-6 ? 0 : left
            guard n > 0 else { continue }
            inShelter += n
            if let perPerson = Self.cheapestReturn(country: g.country, scenario: scenario) {
                cost += n * perPerson
            } else {
                unpriced += n
            }
        }
        self.init(
            inShelter: inShelter, returnCost: cost, unpriced: unpriced,
            budgetLeft: scenario.budget.total.map { $0 - objective.cost })
    }

    /// The cheapest return of one person to `country`: a seat (with its share of a full
    /// departure) and a partner's place; nil when the country has no route or no partner.
    public static func cheapestReturn(country: String, scenario: Scenario) -> Double? {
        let seat = scenario.routes.filter { $0.country == country }
            .map { $0.costPerSeat + $0.costPerDeparture / Double($0.seatsPerDeparture) }.min()
        let place = scenario.partners.filter { $0.country == country }.map(\.costPerCase).min()
        guard let seat, let place else { return nil }
        return seat + place
    }
}
