/// The capacity `iars plan --minimum` sizes: the total budget, one shelter's beds, one
/// route's departures or one partner's slots (spec `uncertainty.md`, "iars plan --minimum").
/// The amount is the same in every month (the whole horizon's for the budget), so that the
/// answer reads as one number a manager can ask for.
public enum CapacityTarget: Sendable, Hashable, CustomStringConvertible {
    case budget
    case beds(shelter: String)
    case departures(route: String)
    case slots(partner: String)

    /// `budget`, `beds:SHELTER`, `departures:ROUTE`, `slots:PARTNER`.
    public var description: String {
        switch self {
        case .budget: return "budget"
        case .beds(let id): return "beds:\(id)"
        case .departures(let id): return "departures:\(id)"
        case .slots(let id): return "slots:\(id)"
        }
    }

    /// The scenario path of the capacity, as `--set` and `sweep --vary` name it.
    public var path: String {
        switch self {
        case .budget: return "budget.total"
        case .beds(let id): return "shelters.\(id).beds"
        case .departures(let id): return "routes.\(id).departures"
        case .slots(let id): return "partners.\(id).slots"
        }
    }

    /// Whether the amount is a count (beds, departures, slots), not money.
    public var isCount: Bool { self != .budget }

    static let kinds = ["budget", "beds", "departures", "slots"]

    /// Parses the text of `--minimum`.
    ///
    /// - Throws: `InputError` naming `--minimum`: an unknown kind (with a did-you-mean), a
    ///   missing id, or an id given to `budget`.
    public static func parse(_ text: String) throws(InputError) -> CapacityTarget {
        func fail(_ message: String) -> InputError { InputError(file: "--minimum", message: message) }
        let usage = "expected budget, beds:SHELTER, departures:ROUTE or slots:PARTNER"
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let kind = parts[0].trimmingCharacters(in: .whitespaces)
        let id = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
        guard kinds.contains(kind) else {
            let hint = Suggestion.closest(to: kind, among: kinds).map { "; did you mean '\($0)'?" } ?? ""
            throw fail("unknown capacity \(quoted(kind, limit: 40))\(hint) (\(usage))")
        }
        if kind == "budget" {
            guard id == nil else { throw fail("budget takes no id (the total budget); got \(quoted(text, limit: 80))") }
            return .budget
        }
        guard let id, !id.isEmpty else { throw fail("\(kind) needs an id: \(kind):ID (\(usage))") }
        switch kind {
        case "beds": return .beds(shelter: id)
        case "departures": return .departures(route: id)
        default: return .slots(partner: id)
        }
    }

    /// Checks that the id names an entry of `scenario`.
    ///
    /// - Throws: `InputError` naming `--minimum`: `unknown shelter 'x'; did you mean 'y'?`.
    public func check(in scenario: Scenario) throws(InputError) {
        let (what, id, known): (String, String, [String])
        switch self {
        case .budget: return
        case .beds(let s): (what, id, known) = ("shelter", s, scenario.shelters.map(\.id))
        case .departures(let r): (what, id, known) = ("route", r, scenario.routes.map(\.id))
        case .slots(let p): (what, id, known) = ("partner", p, scenario.partners.map(\.id))
        }
        guard !known.contains(id) else { return }
        let hint =
            Suggestion.closest(to: id, among: known).map { "; did you mean '\($0)'?" }
            ?? " (the scenario's \(what)s: \(known.joined(separator: ", ")))"
        throw InputError(file: "--minimum", path: path, message: "unknown \(what) \(quoted(id, limit: 40))\(hint)")
    }

    /// An amount the capacity never needs to exceed: more cannot lower the unmet. Beds: every
    /// person who could be at the shelter at once (its initial cases and every arrival of the
    /// groups it accepts); departures: enough seats for every person of the route's country
    /// in one month; slots: every person of the partner's country. `nil` for the budget,
    /// which is unlimited by having no total.
    public func unlimitedAmount(in sc: Scenario) -> Int? {
        func people(_ groups: some Sequence<Group>) -> Int {
            groups.reduce(0) { $0 + $1.arrivals.reduce(0, +) + $1.initial.reduce(0) { $0 + $1.count } }
        }
        switch self {
        case .budget: return nil
        case .beds(let id):
            let sh = sc.shelters.first { $0.id == id }!
            let accepted = sc.groups.filter { sh.accepts.contains($0.id) }
            let arrivals = accepted.reduce(0) { $0 + $1.arrivals.reduce(0, +) }
            let initial = sc.groups.reduce(0) { n, g in
                n + g.initial.filter { $0.shelter == id }.reduce(0) { $0 + $1.count }
            }
            return max(1, arrivals + initial)
        case .departures(let id):
            let r = sc.routes.first { $0.id == id }!
            let n = people(sc.groups.filter { $0.country == r.country })
            return max(1, (n + r.seatsPerDeparture - 1) / r.seatsPerDeparture)
        case .slots(let id):
            let p = sc.partners.first { $0.id == id }!
            return max(1, people(sc.groups.filter { $0.country == p.country }))
        }
    }

    /// `scenario` with the capacity set to `amount` in every month (a count is rounded to the
    /// nearest whole number), or, for the budget, `budget.total` set to `amount` (`nil`: none).
    public func setting(_ amount: Double?, in scenario: Scenario) -> Scenario {
        var sc = scenario
        let months = Array(repeating: Int((amount ?? 0).rounded()), count: sc.months)
        switch self {
        case .budget: sc.budget.total = amount
        case .beds(let id):
            if let i = sc.shelters.firstIndex(where: { $0.id == id }) { sc.shelters[i].beds = months }
        case .departures(let id):
            if let i = sc.routes.firstIndex(where: { $0.id == id }) { sc.routes[i].departures = months }
        case .slots(let id):
            if let i = sc.partners.firstIndex(where: { $0.id == id }) { sc.partners[i].slots = months }
        }
        return sc
    }
}
