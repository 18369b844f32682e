extension SetupCheck {
    /// The set-up mistakes of the social services: a service that covers nobody (no shelter
    /// it serves accepts a group that needs it: probably a wrong `serves` or `needed_by`),
    /// and one whose covered groups arrive but that has no case-months in any month (nobody
    /// it covers can be admitted at its shelters).
    static func serviceWarnings(_ scenario: Scenario) -> [(
        kind: SetupWarning.Kind, index: Int, id: String, message: String
    )] {
        var out: [(kind: SetupWarning.Kind, index: Int, id: String, message: String)] = []
        for (i, v) in scenario.services.enumerated() {
            let shelters = scenario.shelters.filter { v.serves.contains($0.id) }
            let covered = scenario.groups.filter { g in
                v.neededBy.contains(g.id) && shelters.contains { $0.accepts.contains(g.id) }
            }
            if covered.isEmpty {
                out.append(
                    (
                        .serviceCoversNobody, i, v.id,
                        "covers nobody: no shelter it serves accepts a group in its needed_by; "
                            + "check serves and needed_by (without them it serves every shelter and every group)"
                    ))
            } else if !v.capacity.contains(where: { $0 > 0 }),
                covered.contains(where: { g in g.arrivals.contains { $0 > 0 } })
            {
                out.append(
                    (
                        .noServiceCapacity, i, v.id,
                        "has no case-months in any month: nobody it covers (\(covered.map(\.id).joined(separator: ", "))) "
                            + "can be admitted where it serves; give it capacity above 0"
                    ))
            }
        }
        return out
    }
}
