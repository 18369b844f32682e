/// Turns "which departure each case rides" into a ``ScheduleResult``: manifests,
/// escorts, partner slots used, the four objective values recomputed from the
/// cases themselves, and a reason for every case left behind.
///
/// It also checks the schedule against the spec's rules (country, ready date,
/// seats with escorts, partner slots) and throws ``SchedulerError`` if one is
/// broken, which would be a bug.
///
/// Escorts are the fewest the escorted cases need (`ceil(escorted / ratio)`),
/// partners are filled cheapest first (then in file order): at an optimum
/// these are the solver's own choices, and for a schedule cut short by a time
/// limit they are the best completion of its assignment.
struct ScheduleEvaluator {
    let schedule: Schedule
    /// Departure index per case, nil when unassigned.
    let ride: [Int?]

    /// Fills `result` with the manifests, the partners' cases, every case's departure or
    /// reason, and the four objective values.
    ///
    /// - Throws: ``SchedulerError`` when the schedule breaks one of the spec's rules (a bug).
    func fill(_ result: inout ScheduleResult) throws {
        let riders = try ridersPerDeparture()
        // One running sum over the departures, then the partners: the cost level's value.
        var cost = 0.0
        let (manifests, flow) = try manifests(riders: riders, cost: &cost)
        let reintegration = try reintegration(flow: flow, cost: &cost)
        let (unassignedWeight, leftBehind, waiting) = placeCases(riders: riders, flow: flow, in: &result)
        result.manifests = manifests
        result.reintegration = reintegration
        result.objective = .init(
            unassigned: unassignedWeight, leftBehindDays: leftBehind, waitingDays: waiting,
            cost: cost)
    }

    /// The cases on each departure, in case order.
    ///
    /// - Throws: ``SchedulerError`` when a case rides a departure to another country or
    ///   before its ready date.
    func ridersPerDeparture() throws -> [[Int]] {
        let deps = schedule.departures
        var riders: [[Int]] = Array(repeating: [], count: deps.count)
        for (i, j) in ride.enumerated() {
            guard let j else { continue }
            let d = deps[j], c = schedule.cases[i]
            guard d.country == c.country, d.date >= c.readyDate else {
                throw SchedulerError("case in row \(c.row) rides a departure it may not take")
            }
            riders[j].append(i)
        }
        return riders
    }

    /// A manifest per departure (by date, then file order) with the fewest escorts its cases
    /// need, and the cases per country and month; adds each departure's cost to `cost`.
    ///
    /// - Throws: ``SchedulerError`` when a departure carries more than its seats.
    func manifests(riders: [[Int]], cost: inout Double) throws
        -> (manifests: [ScheduleResult.Manifest], flow: [String: [Int: Int]])
    {
        let deps = schedule.departures
        let cases = schedule.cases
        let rule = schedule.escort
        var manifests: [ScheduleResult.Manifest] = []
        var flow: [String: [Int: Int]] = [:]  // country -> month -> cases
        for j in deps.indices {
            let d = deps[j]
            let route = schedule.scenario.routes[d.routeIndex]
            let on = riders[j]
            let escorted = rule == nil ? 0 : on.reduce(0) { $0 + (cases[$1].needsEscort ? 1 : 0) }
            let escorts = rule.map { (escorted + $0.ratio - 1) / $0.ratio } ?? 0
            guard on.count + escorts <= d.seats else {
                throw SchedulerError("departure \(d.id) carries more than its seats")
            }
            var c = route.costPerSeat * Double(on.count) + (rule?.cost ?? 0) * Double(escorts)
            if !on.isEmpty { c += route.costPerDeparture }
            cost += c
            if !on.isEmpty { flow[d.country, default: [:]][d.month, default: 0] += on.count }
            let ids = on.map { cases[$0].id }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            manifests.append(
                .init(
                    departureIndex: j, id: d.id, route: d.route, country: d.country, date: d.date,
                    seats: d.seats, cases: ids, escorted: escorted, escorts: escorts, cost: c))
        }
        manifests.sort { a, b in a.date != b.date ? a.date < b.date : a.departureIndex < b.departureIndex }
        return (manifests, flow)
    }

    /// The cases each partner receives per month, cheapest partner first (then file order),
    /// by country and month; adds their cost to `cost`.
    ///
    /// - Throws: ``SchedulerError`` when a country receives more cases in a month than its
    ///   partners have slots.
    func reintegration(flow: [String: [Int: Int]], cost: inout Double) throws -> [ScheduleResult.Reintegration] {
        let scenario = schedule.scenario
        var reintegration: [ScheduleResult.Reintegration] = []
        for country in flow.keys.sorted() {
            let partners = scenario.partners.indices
                .filter { scenario.partners[$0].country == country }
                .sorted { a, b in
                    let (pa, pb) = (scenario.partners[a], scenario.partners[b])
                    return pa.costPerCase != pb.costPerCase ? pa.costPerCase < pb.costPerCase : a < b
                }
            for month in flow[country]!.keys.sorted() {
                var left = flow[country]![month]!
                var received: [Int: Int] = [:]
                for q in partners where left > 0 {
                    let n = min(left, scenario.partners[q].slots[month - 1])
                    received[q] = n
                    left -= n
                }
                guard left == 0 else {
                    throw SchedulerError(
                        "\(country) receives more cases in \(scenario.label(month)) than partners can take")
                }
                for q in scenario.partners.indices where (received[q] ?? 0) > 0 {
                    let partner = scenario.partners[q]
                    let c = partner.costPerCase * Double(received[q]!)
                    cost += c
                    reintegration.append(
                        .init(
                            partner: partner.id, country: country, month: scenario.label(month),
                            cases: received[q]!, slots: partner.slots[month - 1], cost: c))
                }
            }
        }
        return reintegration
    }

    /// Appends every case to `result`'s assignments (with its days of waiting) or to its
    /// unassigned cases (with the reason).
    ///
    /// - Returns: The priority of the unassigned cases, their days left behind (`w`) and the
    ///   days of waiting of the assigned ones, summed.
    func placeCases(
        riders: [[Int]], flow: [String: [Int: Int]],
        in result: inout ScheduleResult
    ) -> (unassignedWeight: Double, leftBehind: Int, waiting: Int) {
        let deps = schedule.departures
        let end = ScheduleModel.lastDeparture(of: schedule)
        var unassignedWeight = 0.0
        var leftBehind = 0
        var waiting = 0
        let explainer = ReasonFinder(schedule: schedule, riders: riders, flow: flow)
        struct ReasonKey: Hashable {
            var country: String
            var ready: CalendarDate
            var escort: Bool
        }
        var reasons: [ReasonKey: ScheduleResult.Reason] = [:]
        for (i, c) in schedule.cases.enumerated() {
            if let j = ride[i] {
                let w = deps[j].date - c.readyDate
                waiting += w
                result.assignments.append(
                    .init(
                        caseIndex: i, caseID: c.id, departureIndex: j,
                        departureID: deps[j].id, date: deps[j].date, waitingDays: w))
            } else {
                unassignedWeight += c.priority
                let w = ScheduleModel.leftBehindDays(ready: c.readyDate, end: end)
                leftBehind += w
                // The reason depends on the country, the ready date and the escort need only.
                let key = ReasonKey(country: c.country, ready: c.readyDate, escort: c.needsEscort)
                let reason = reasons[key] ?? explainer.reason(for: c)
                reasons[key] = reason
                result.unassigned.append(.init(caseIndex: i, caseID: c.id, reason: reason, leftBehindDays: w))
            }
        }
        return (unassignedWeight, leftBehind, waiting)
    }
}

/// Finds what keeps an unassigned case at home, by checking each departure it could take.
struct ReasonFinder {
    let schedule: Schedule
    /// Cases on each departure.
    let riders: [[Int]]
    /// Cases per country and month.
    let flow: [String: [Int: Int]]

    func reason(for c: ReturnCase) -> ScheduleResult.Reason {
        let scenario = schedule.scenario
        let country = c.country
        func reason(_ kind: ScheduleResult.Reason.Kind, _ message: String) -> ScheduleResult.Reason {
            .init(kind: kind, message: message)
        }
        guard scenario.routes.contains(where: { $0.country == country }) else {
            return reason(.noRoute, "no route to \(country) in the scenario")
        }
        let toCountry = schedule.departures.indices.filter { schedule.departures[$0].country == country }
        guard let last = toCountry.map({ schedule.departures[$0].date }).max() else {
            return reason(.noDeparture, "no departure to \(country) in the schedule")
        }
        guard c.readyDate <= last else {
            return reason(.notReady, "not ready before the last departure to \(country) (\(last))")
        }
        guard scenario.partners.contains(where: { $0.country == country }) else {
            return reason(.noPartner, "no reintegration partner in \(country)")
        }
        let eligible = toCountry.filter { schedule.departures[$0].date >= c.readyDate }
        let first = eligible.map { schedule.departures[$0].date }.min()!
        var seatBlocked = 0
        var escortBlocked = 0
        var partnerMonths: Set<Int> = []
        var roomy: Departure?
        for j in eligible {
            let d = schedule.departures[j]
            let (seat, escortOnly) = seatTaken(c, on: j)
            let slots = scenario.partners.filter { $0.country == country }.reduce(0) { $0 + $1.slots[d.month - 1] }
            let partnerFull = (flow[country]?[d.month] ?? 0) >= slots
            if seat { seatBlocked += 1 }
            if escortOnly { escortBlocked += 1 }
            if partnerFull { partnerMonths.insert(d.month) }
            if !seat && !partnerFull && roomy == nil { roomy = d }
        }
        if let roomy {
            return reason(
                .notPlaced,
                "not placed: \(roomy.id) on \(roomy.date) has room, but the time limit "
                    + "stopped the search first (run again with a longer --time-limit)")
        }
        let possible =
            eligible.count == 1
            ? "its only possible departure to \(country) (\(first))"
            : "its \(eligible.count) possible departures to \(country) (\(first) to \(last))"
        let months = partnerMonths.sorted().map { scenario.label($0) }
        let monthList =
            months.count <= 1
            ? months.joined()
            : months.dropLast().joined(separator: ", ") + " and " + months.last!
        if seatBlocked == eligible.count {
            var note = ""
            if escortBlocked > 0 {
                let which = eligible.count == 1 ? "it has one seat left" : "\(escortBlocked) have one seat left"
                note = "; \(which), but an escorted case needs a second one for an escort"
            }
            return reason(.seatsFull, "seats full on \(possible)\(note)")
        }
        if seatBlocked == 0 {
            return reason(
                .partnerFull,
                "reintegration partners in \(country) full in \(monthList), "
                    + "the month\(months.count == 1 ? "" : "s") of \(possible)")
        }
        return reason(
            .seatsAndPartnerFull,
            "no seat or partner slot before \(last): seats full on \(seatBlocked) of "
                + "\(possible), reintegration partners full in \(monthList)")
    }

    /// Whether departure `j` has no place for case `c`; `escortOnly` when a seat is free
    /// but the case would need a new escort and there is no second seat for one.
    func seatTaken(_ c: ReturnCase, on j: Int) -> (taken: Bool, escortOnly: Bool) {
        let d = schedule.departures[j]
        let on = riders[j]
        guard let rule = schedule.escort else { return (on.count >= d.seats, false) }
        let escorted = on.reduce(0) { $0 + (schedule.cases[$1].needsEscort ? 1 : 0) }
        let escorts = (escorted + rule.ratio - 1) / rule.ratio
        let free = d.seats - on.count - escorts
        guard c.needsEscort else { return (free < 1, false) }
        let spare = rule.ratio * escorts - escorted
        if free >= 2 || (free >= 1 && spare >= 1) { return (false, false) }
        return (true, free == 1)
    }
}
