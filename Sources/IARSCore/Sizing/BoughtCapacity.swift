import IARSInput

extension Scenario {
    /// This scenario with `blocks[i]` blocks of buy option `i` added to their capacities in
    /// every month, and nothing else changed (the budget stays: ``SizeModel`` takes the
    /// purchase cost off it with a row of its own, where ``applying(purchase:)`` would
    /// refuse a purchase that costs more than the budget).
    ///
    /// - Parameter options: the buy options (the scenario's `buy`, which a future drops).
    func adding(_ blocks: [Int], of options: [BuyOption]) -> Scenario {
        var out = self
        for (option, k) in zip(options, blocks) where k != 0 {
            let add = k * option.amount
            func plus(_ series: inout [Int]) { series = series.map { $0 + add } }
            switch option.kind {
            case .shelter:
                if let i = out.shelters.firstIndex(where: { $0.id == option.target }) { plus(&out.shelters[i].beds) }
            case .route:
                if let i = out.routes.firstIndex(where: { $0.id == option.target }) { plus(&out.routes[i].departures) }
            case .partner:
                if let i = out.partners.firstIndex(where: { $0.id == option.target }) { plus(&out.partners[i].slots) }
            case .medical:
                if let i = out.medical.firstIndex(where: { $0.id == option.target }) { plus(&out.medical[i].slots) }
            }
        }
        return out
    }
}
