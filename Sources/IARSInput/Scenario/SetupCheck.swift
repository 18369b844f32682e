/// A set-up mistake in a valid scenario: something the file allows but that
/// leaves people without help (a group with no way home, a shelter nobody can
/// be screened for). Not an error: the plan still runs, and shows these people
/// as unmet or waiting; the warning says why and what to add.
///
/// Printed as `FILE:LINE: warning: PATH (ID): message`, e.g.
/// `albania.yaml:31: warning: groups[2] (md-women): no route to MD: nobody in this group can go home; add a route with country: MD`.
public struct SetupWarning: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case noRoute = "no-route"
        case noDepartures = "no-departures"
        case noPartner = "no-partner"
        case
            noPartnerSlots = "no-partner-slots"
        case noShelter = "no-shelter"
        case noScreening = "no-screening"
        /// A social service that covers nobody: no shelter it serves accepts a group that needs it.
        case serviceCoversNobody = "service-covers-nobody"
        /// A social service that covers people but has no case-months in any month.
        case noServiceCapacity = "no-service-capacity"
    }

    public var kind: Kind
    /// The file as the user named it.
    public var file: String
    /// 1-based line of the entry, when it is in the file (not added by a variant).
    public var line: Int?
    /// The entry's key path, e.g. `groups[2]`.
    public var path: String
    /// The entry's id.
    public var id: String
    public var message: String

    public init(kind: Kind, file: String, line: Int?, path: String, id: String, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.path = path
        self.id = id
        self.message = message
    }

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): warning: \(path) (\(id)): \(message)"
    }
}

/// Finds the set-up mistakes of a valid scenario (``SetupWarning``).
///
/// Checked, for every group with arrivals or initial cases:
/// - a route to its country (`no-route`), and one with a departure in some month (`no-departures`);
/// - a partner in its country (`no-partner`), and one with a place in some month (`no-partner-slots`);
/// - a shelter that accepts it (`no-shelter`);
///
/// and for every shelter with beds that accepts a group with arrivals: a screening
/// provider that serves it (`no-screening`): admissions need a screening, so
/// without one the shelter admits nobody; and for every social service, that it
/// covers somebody (`service-covers-nobody`) and has case-months for them
/// (`no-service-capacity`).
public enum SetupCheck {
    /// The warnings for `scenario`, in the order of the file's sections (groups, then shelters).
    ///
    /// - Parameters:
    ///   - scenario: The scenario planned (the base, or a variant of `document`).
    ///   - document: The file it was read from, for line numbers; entries not in it
    ///     (added by a variant) get no line.
    public static func warnings(_ scenario: Scenario, document: Document?) -> [SetupWarning] {
        let file = document?.file ?? scenario.name
        /// The key path and line of entry `id` of `section`: its place in the file, else in the scenario.
        func place(_ section: String, _ id: String, fallback: Int) -> (path: String, line: Int?) {
            if let list = document?.root[section]?.elements,
                let i = list.firstIndex(where: { $0["id"]?.string == id })
            {
                return ("\(section)[\(i)]", list[i].line)
            }
            return ("\(section)[\(fallback)]", nil)
        }
        var out: [SetupWarning] = []
        func warn(_ kind: SetupWarning.Kind, _ section: String, _ index: Int, _ id: String, _ message: String) {
            let (path, line) = place(section, id, fallback: index)
            out.append(SetupWarning(kind: kind, file: file, line: line, path: path, id: id, message: message))
        }
        func list(_ ids: [String]) -> String { ids.joined(separator: ", ") }

        for (i, g) in scenario.groups.enumerated() {
            let people = g.arrivals.reduce(0, +) + g.initial.reduce(0) { $0 + $1.count }
            guard people > 0 else { continue }
            let c = g.country
            let routes = scenario.routes.filter { $0.country == c }
            if routes.isEmpty {
                warn(
                    .noRoute, "groups", i, g.id,
                    "no route to \(c): nobody in this group can go home; add a route with country: \(c)")
            } else if !routes.contains(where: { $0.departures.contains { $0 > 0 } }) {
                warn(
                    .noDepartures, "groups", i, g.id,
                    "the route\(routes.count == 1 ? "" : "s") to \(c) (\(list(routes.map(\.id)))) "
                        + "\(routes.count == 1 ? "has" : "have") no departures in any month: nobody in this group can go home; "
                        + "give \(routes.count == 1 ? "it" : "one of them") departures above 0")
            }
            let partners = scenario.partners.filter { $0.country == c }
            if partners.isEmpty {
                warn(
                    .noPartner, "groups", i, g.id,
                    "no reintegration partner in \(c): nobody in this group can go home (every return needs a partner's place); "
                        + "add a partner with country: \(c)")
            } else if !partners.contains(where: { $0.slots.contains { $0 > 0 } }) {
                warn(
                    .noPartnerSlots, "groups", i, g.id,
                    "the partner\(partners.count == 1 ? "" : "s") in \(c) (\(list(partners.map(\.id)))) "
                        + "\(partners.count == 1 ? "has" : "have") no slots in any month: nobody in this group can go home; "
                        + "give \(partners.count == 1 ? "it" : "one of them") slots above 0")
            }
            if g.arrivals.contains(where: { $0 > 0 }), !scenario.shelters.contains(where: { $0.accepts.contains(g.id) })
            {
                warn(
                    .noShelter, "groups", i, g.id,
                    "no shelter accepts this group: every arrival will be unmet; add \(g.id) to a shelter's accepts "
                        + "(a shelter without accepts takes every group)")
            }
        }
        let arriving = Set(scenario.groups.filter { $0.arrivals.contains { $0 > 0 } }.map(\.id))
        for (i, s) in scenario.shelters.enumerated() {
            guard s.beds.contains(where: { $0 > 0 }), s.accepts.contains(where: arriving.contains) else { continue }
            if !scenario.medical.contains(where: { $0.serves.contains(s.id) }) {
                warn(
                    .noScreening, "shelters", i, s.id,
                    "no screening provider serves this shelter: it can admit nobody (every admission is screened); "
                        + (scenario.medical.isEmpty
                            ? "add a medical provider (without serves it serves every shelter)"
                            : "add \(s.id) to a medical provider's serves"))
            }
        }
        for w in serviceWarnings(scenario) { warn(w.kind, "services", w.index, w.id, w.message) }
        // In file order (entries a variant added, without a line, last).
        return out.enumerated().sorted { a, b in
            (a.element.line ?? .max, a.offset) < (b.element.line ?? .max, b.offset)
        }.map(\.element)
    }
}
