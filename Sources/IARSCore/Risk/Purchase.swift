import IARSInput

/// Capacity bought from the scenario's `buy:` options (`iars risk --buy`, `iars size`).
extension Scenario {
    /// The cost of `purchase` (blocks per buy option id): the sum of blocks x cost, in
    /// the options' file order (so the sum is the same however the dictionary is ordered).
    public func purchaseCost(_ purchase: [String: Int]) -> Double {
        buy.reduce(0.0) { sum, option in sum + Double(purchase[option.id] ?? 0) * option.cost }
    }

    /// This scenario with `purchase` bought: each block adds its amount to its capacity
    /// in every month, and the purchase cost is taken off `budget.total` (when there is
    /// one; monthly limits are unchanged). The `buy` options stay, so purchases add up
    /// only when applied to the scenario as read.
    ///
    /// - Parameter purchase: Blocks per buy option id; an option not named buys 0.
    /// - Throws: `InputError` naming `--buy`: an unknown option (with a did-you-mean),
    ///   blocks below 0 or above the option's `max`, or a purchase that costs more than
    ///   `budget.total`.
    public func applying(purchase: [String: Int]) throws(InputError) -> Scenario {
        var problems: [Diagnostic] = []
        func fail(_ id: String, _ message: String) {
            problems.append(Diagnostic(file: "--buy", line: nil, path: id, message: message))
        }
        let ids = buy.map(\.id)
        for (id, blocks) in purchase.sorted(by: { $0.key < $1.key }) {
            guard let option = buy.first(where: { $0.id == id }) else {
                let hint = Suggestion.closest(to: id, among: ids).map { "; did you mean '\($0)'?" } ?? ""
                let list =
                    ids.isEmpty ? "the scenario has no 'buy:' options" : "options: " + ids.joined(separator: ", ")
                fail(id, "unknown buy option '\(id)'\(hint) (\(list))")
                continue
            }
            if blocks < 0 || blocks > option.max {
                fail(id, "blocks must be 0...\(option.max) (the option's max), got \(blocks)")
            }
        }
        let cost = purchaseCost(purchase)
        if problems.isEmpty, let total = budget.total, cost > total {
            fail("", "the purchase costs \(formatNumber(cost)), more than budget.total (\(formatNumber(total)))")
        }
        if !problems.isEmpty { throw InputError(problems) }
        var out = self
        for option in buy {
            let add = (purchase[option.id] ?? 0) * option.amount
            if add != 0 { out.add(add, to: option) }
        }
        if let total = budget.total { out.budget.total = total - cost }
        return out
    }

    private mutating func add(_ amount: Int, to option: BuyOption) {
        func plus(_ series: inout [Int]) { series = series.map { $0 + amount } }
        switch option.kind {
        case .shelter:
            if let i = shelters.firstIndex(where: { $0.id == option.target }) { plus(&shelters[i].beds) }
        case .route:
            if let i = routes.firstIndex(where: { $0.id == option.target }) { plus(&routes[i].departures) }
        case .partner:
            if let i = partners.firstIndex(where: { $0.id == option.target }) { plus(&partners[i].slots) }
        case .medical:
            if let i = medical.firstIndex(where: { $0.id == option.target }) { plus(&medical[i].slots) }
        }
    }
}
