/// Reads and validates scenario files (`spec/capacity-plan.md`, "Scenario file").
///
/// Every rule of the spec is checked and every problem reported, sorted by
/// line, e.g.
///
/// ```
/// albania.yaml:14: shelters[0].beds: expected 12 values (months: 12), got 11
/// albania.yaml:17: shelters[0].bed: unknown key; did you mean 'beds'? (allowed: id, beds, bed_night_cost, accepts)
/// albania.yaml:22: groups[0].initial[0].shelter: shelter 'durres' does not accept group 'md-women'
/// ```
///
/// Where the spec is silent this follows the reference checker
/// (`tools/iars_reference.py`): `medical`, `routes` and `partners` may be
/// omitted; `routes[].cost_per_departure` defaults to 0;
/// `initial[].ready_month` is required; ids are unique within their own list;
/// an `initial` entry at a shelter that does not accept its group is an error;
/// `accepts` and `serves` default to every group and every shelter, in file
/// order; repeated ids in them count once. On top of the spec, counts, costs,
/// budgets, priorities and the time limit are capped by `ReaderLimits`.
public enum ScenarioLoader {
    /// Reads, parses and validates the scenario file at `path`: the base scenario;
    /// its `variants:` are checked too (``loadSet(path:limits:)`` returns them).
    ///
    /// - Parameters:
    ///   - path: The file as the user named it; diagnostics repeat it verbatim.
    ///   - limits: Guard rails for reading and for magnitudes.
    /// - Returns: The validated scenario, defaults applied.
    /// - Throws: `InputError` with every problem found.
    public static func load(path: String, limits: ReaderLimits = .init()) throws(InputError) -> Scenario {
        try loadSet(path: path, limits: limits).base
    }

    /// Parses and validates scenario text (YAML or JSON).
    ///
    /// - Parameters:
    ///   - text: The scenario.
    ///   - file: The name diagnostics give it.
    ///   - limits: Guard rails for reading and for magnitudes.
    /// - Returns: The validated scenario, defaults applied.
    /// - Throws: `InputError` with every problem found.
    public static func parse(text: String, file: String, limits: ReaderLimits = .init()) throws(InputError) -> Scenario
    {
        try parseSet(text: text, file: file, limits: limits).base
    }

    /// Every problem in the scenario file at `path`; empty when it is valid.
    public static func validate(path: String, limits: ReaderLimits = .init()) -> [Diagnostic] {
        do {
            _ = try load(path: path, limits: limits)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Validates a parsed document as a scenario.
    public static func scenario(from document: Document, limits: ReaderLimits = .init()) throws(InputError) -> Scenario
    {
        let ck = Checker(file: document.file, limits: limits)
        var scenario = ScenarioReader(ck: ck, limits: limits).read(document.root)
        let keys = CaseloadKeyReader(ck: ck).read(document.root, scenario: scenario)
        scenario?.caseloadKeys = keys
        try ck.finish()
        guard let scenario else {
            // Unreachable: every nil above records a diagnostic.
            throw InputError(file: document.file, message: "not a valid scenario")
        }
        return scenario
    }
}

// MARK: - The rules

extension Checker.StringRule {
    /// `[a-z0-9_-]+`: the spec's rule for every id.
    static let id = Self("an id of a-z, 0-9, '_' or '-'", caseFix: { $0.lowercased() }) { s in
        !s.isEmpty
            && s.utf8.allSatisfy { c in
                (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
                    || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
            }
    }

    /// `[A-Za-z0-9._-]+`: the scenario name.
    static let name = Self("a name of letters, digits, '.', '_' or '-'") { s in
        !s.isEmpty
            && s.utf8.allSatisfy { c in
                (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                    || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
                    || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
            }
    }

    /// `[A-Z]{2}`: an ISO 3166-1 alpha-2 code (the format; the code list is not checked).
    static let country = Self("an ISO 3166-1 alpha-2 country code (two capital letters)", caseFix: { $0.uppercased() })
    { s in
        s.utf8.count == 2 && s.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }

    /// `YYYY-MM`, month 01...12, year 0001...9999.
    static let month = Self("a month YYYY-MM") { YearMonth($0) != nil }
}

/// One pass over a scenario document. Shelters and groups are read first so
/// that `accepts`, `serves` and `initial` can refer to them.
struct ScenarioReader {
    let ck: Checker
    let limits: ReaderLimits

    var counts: Checker.Bound { .init(Double(limits.maxCount), "the cap on counts") }
    var costs: Checker.Bound { .init(limits.maxCost, "the cap on costs") }
    var budgets: Checker.Bound { .init(limits.maxBudget, "the cap on budgets") }

    /// The scenario's optional top-level keys; `variants`, `uncertainty`/`buy` and the caseload
    /// keys are iars extensions, read by VariantReader, UncertaintyReader and CaseloadKeyReader.
    static let optionalKeys =
        [
            "description", "currency", "medical", "routes", "partners", "services", "budget", "options",
            "variants", "uncertainty", "buy",
        ] + CaseloadKeys.names

    func read(_ root: DocumentNode) -> Scenario? {
        guard
            let top = ck.mapping(
                root, at: .root,
                required: ["name", "start", "months", "groups", "shelters"],
                optional: Self.optionalKeys)
        else { return nil }

        let name = ck.field(top, "name") { ck.string($0, at: $1, rule: .name) }
        let description = ck.optionalField(top, "description") { ck.string($0, at: $1) }
        let currency = ck.field(top, "currency", default: "USD") { ck.string($0, at: $1) }
        let start = ck.field(top, "start") { ck.string($0, at: $1, rule: .month) }.flatMap(YearMonth.init)
        let months = ck.field(top, "months") {
            ck.integer($0, at: $1, min: 1, max: .init(Double(limits.maxMonths)))
        }

        let groupNodes = entries(top, "groups", required: true)
        let shelterNodes = entries(top, "shelters", required: true)
        // Refuse a model too large to plan before reading the entries in detail.
        if let months, let groupsNode = top["groups"] {
            let (size, overflow) = groupNodes.count.multipliedReportingOverflow(by: shelterNodes.count)
            let (cells, overflow2) = size.multipliedReportingOverflow(by: months)
            if overflow || overflow2 || cells > limits.maxModelSize {
                ck.error(
                    "too large to plan: \(groupNodes.count) groups x \(shelterNodes.count) shelters x "
                        + "\(months) months = \(overflow || overflow2 ? "too many" : String(cells)) cells "
                        + "(the limit is \(limits.maxModelSize); --limit model=N raises it)",
                    at: "groups", node: groupsNode)
                return nil
            }
        }
        let groupIDs = ids(groupNodes, at: "groups", what: "group")
        let shelterIDs = ids(shelterNodes, at: "shelters", what: "shelter")
        let knownGroups = Checker.KnownIDs(groupIDs.compactMap { $0 })
        let knownShelters = Checker.KnownIDs(shelterIDs.compactMap { $0 })

        let shelters = shelterNodes.enumerated().map { i, node in
            shelter(node, at: "shelters" + i, id: shelterIDs[i], months: months, groups: knownGroups)
        }
        let accepting = Dictionary(
            shelters.compactMap { $0.map { ($0.id, Set($0.accepts)) } }, uniquingKeysWith: { a, _ in a })
        let groups = groupNodes.enumerated().map { i, node in
            group(
                node, at: "groups" + i, id: groupIDs[i], months: months,
                shelters: knownShelters, accepting: accepting)
        }
        let medicalNodes = entries(top, "medical", required: false)
        let medicalIDs = ids(medicalNodes, at: "medical", what: "medical provider")
        let medical = medicalNodes.enumerated().map { i, node in
            provider(node, at: "medical" + i, id: medicalIDs[i], months: months, shelters: knownShelters)
        }
        let routeNodes = entries(top, "routes", required: false)
        let routeIDs = ids(routeNodes, at: "routes", what: "route")
        let routes = routeNodes.enumerated().map { i, node in
            route(node, at: "routes" + i, id: routeIDs[i], months: months)
        }
        let partnerNodes = entries(top, "partners", required: false)
        let partnerIDs = ids(partnerNodes, at: "partners", what: "partner")
        let partners = partnerNodes.enumerated().map {
            partner($1, at: "partners" + $0, id: partnerIDs[$0], months: months)
        }
        let services = self.services(top, months: months, shelters: knownShelters, groups: knownGroups)
        let budget = ck.field(top, "budget", default: Budget()) { self.budget($0, at: $1, months: months) }
        let options = ck.field(top, "options", default: Options()) { self.options($0, at: $1) }
        let (uncertainty, buy) = UncertaintyReader(ck: ck).read(
            top, groups: groupIDs, shelters: shelterIDs, medical: medicalIDs, routes: routeIDs, partners: partnerIDs)

        guard let name, let description, let currency, let start, let months, let budget, let options,
            let groups = all(groups), let shelters = all(shelters), let medical = all(medical),
            let routes = all(routes), let partners = all(partners), let services, let uncertainty, let buy
        else { return nil }
        return Scenario(
            name: name, description: description, start: start, months: months,
            currency: currency.isEmpty ? "USD" : currency,
            groups: groups, shelters: shelters, medical: medical, routes: routes, partners: partners,
            services: services, budget: budget, options: options
        ).with(uncertainty: uncertainty, buy: buy)
    }

    /// Every value, or nil if any is nil.
    func all<T>(_ values: [T?]) -> [T]? {
        let present = values.compactMap { $0 }
        return present.count == values.count ? present : nil
    }

    /// The entries of the list at `key` (empty when it is absent or not a list).
    func entries(_ top: Checker.Fields, _ key: String, required: Bool) -> [DocumentNode] {
        ck.field(top, key) { ck.list($0, at: $1, nonEmpty: required) } ?? []
    }

    /// The `id` of every entry, checked and unique; nil where it is missing or wrong.
    func ids(_ nodes: [DocumentNode], at path: DocumentPath, what: String) -> [String?] {
        var firstLine: [String: Int] = [:]
        return nodes.enumerated().map { i, node in
            guard let idNode = node["id"] else { return nil }
            let idPath = path + i + "id"
            guard let id = ck.string(idNode, at: idPath, rule: .id) else { return nil }
            if let line = firstLine[id] {
                ck.error("duplicate \(what) id '\(id)' (first at line \(line))", at: idPath, node: idNode)
                return nil
            }
            firstLine[id] = idNode.line
            return id
        }
    }

    func shelter(
        _ node: DocumentNode, at path: DocumentPath, id: String?, months: Int?,
        groups: Checker.KnownIDs
    ) -> Shelter? {
        guard
            let f = ck.mapping(
                node, at: path, required: ["id", "beds", "bed_night_cost"],
                optional: ["accepts"])
        else { return nil }
        let beds = ck.field(f, "beds") { ck.integerSeries($0, at: $1, months: months, max: counts) }
        let cost = ck.field(f, "bed_night_cost") { ck.number($0, at: $1, min: 0, max: costs) }
        let accepts = ck.field(f, "accepts", default: groups.ordered) {
            ck.idList($0, at: $1, known: groups, what: "group")
        }
        guard let id, let beds, let cost, let accepts else { return nil }
        return Shelter(id: id, beds: beds, bedNightCost: cost, accepts: accepts)
    }

    func group(
        _ node: DocumentNode, at path: DocumentPath, id: String?, months: Int?,
        shelters: Checker.KnownIDs, accepting: [String: Set<String>]
    ) -> Group? {
        guard
            let f = ck.mapping(
                node, at: path, required: ["id", "country", "arrivals", "processing_months"],
                optional: ["priority", "initial"])
        else { return nil }
        let country = ck.field(f, "country") { ck.string($0, at: $1, rule: .country) }
        let arrivals = ck.field(f, "arrivals") { ck.integerSeries($0, at: $1, months: months, max: counts) }
        let processing = ck.field(f, "processing_months") { ck.integer($0, at: $1, min: 1) }
        let priority = ck.field(f, "priority", default: 1.0) {
            ck.number($0, at: $1, positive: true, max: .init(limits.maxPriority, "the cap on priorities"))
        }
        let initial = ck.field(f, "initial", default: [InitialCases]()) { node, path in
            guard let list = ck.list(node, at: path) else { return nil }
            return all(
                list.enumerated().map { j, entry in
                    initialCases(entry, at: path + j, group: id, shelters: shelters, accepting: accepting)
                })
        }
        guard let id, let country, let arrivals, let processing, let priority, let initial else { return nil }
        return Group(
            id: id, country: country, arrivals: arrivals, processingMonths: processing,
            priority: priority, initial: initial)
    }

    func initialCases(
        _ node: DocumentNode, at path: DocumentPath, group: String?,
        shelters: Checker.KnownIDs, accepting: [String: Set<String>]
    ) -> InitialCases? {
        guard let f = ck.mapping(node, at: path, required: ["shelter", "count", "ready_month"]) else { return nil }
        let shelter = ck.field(f, "shelter") { node, path -> String? in
            guard let shelter = ck.reference(node, at: path, known: shelters, what: "shelter") else { return nil }
            if let group, let accepts = accepting[shelter], !accepts.contains(group) {
                ck.error("shelter '\(shelter)' does not accept group '\(group)'", at: path, node: node)
                return nil
            }
            return shelter
        }
        let count = ck.field(f, "count") { ck.integer($0, at: $1, min: 0, max: counts) }
        let ready = ck.field(f, "ready_month") { ck.integer($0, at: $1, min: 1) }
        guard let shelter, let count, let ready else { return nil }
        return InitialCases(shelter: shelter, count: count, readyMonth: ready)
    }

    func provider(
        _ node: DocumentNode, at path: DocumentPath, id: String?, months: Int?,
        shelters: Checker.KnownIDs
    ) -> MedicalProvider? {
        guard
            let f = ck.mapping(
                node, at: path, required: ["id", "slots", "cost_per_screening"],
                optional: ["serves"])
        else { return nil }
        let slots = ck.field(f, "slots") { ck.integerSeries($0, at: $1, months: months, max: counts) }
        let cost = ck.field(f, "cost_per_screening") { ck.number($0, at: $1, min: 0, max: costs) }
        let serves = ck.field(f, "serves", default: shelters.ordered) {
            ck.idList($0, at: $1, known: shelters, what: "shelter")
        }
        guard let id, let slots, let cost, let serves else { return nil }
        return MedicalProvider(id: id, slots: slots, costPerScreening: cost, serves: serves)
    }

    func route(_ node: DocumentNode, at path: DocumentPath, id: String?, months: Int?) -> Route? {
        guard
            let f = ck.mapping(
                node, at: path, required: ["id", "country", "seats_per_departure", "departures", "cost_per_seat"],
                optional: ["cost_per_departure"])
        else { return nil }
        let country = ck.field(f, "country") { ck.string($0, at: $1, rule: .country) }
        let seats = ck.field(f, "seats_per_departure") { ck.integer($0, at: $1, min: 1, max: counts) }
        let departures = ck.field(f, "departures") { ck.integerSeries($0, at: $1, months: months, max: counts) }
        let perSeat = ck.field(f, "cost_per_seat") { ck.number($0, at: $1, min: 0, max: costs) }
        let perDeparture = ck.field(f, "cost_per_departure", default: 0.0) {
            ck.number($0, at: $1, min: 0, max: costs)
        }
        guard let id, let country, let seats, let departures, let perSeat, let perDeparture else { return nil }
        return Route(
            id: id, country: country, seatsPerDeparture: seats, departures: departures,
            costPerSeat: perSeat, costPerDeparture: perDeparture)
    }

    func partner(_ node: DocumentNode, at path: DocumentPath, id: String?, months: Int?) -> Partner? {
        guard let f = ck.mapping(node, at: path, required: ["id", "country", "slots", "cost_per_case"])
        else { return nil }
        let country = ck.field(f, "country") { ck.string($0, at: $1, rule: .country) }
        let slots = ck.field(f, "slots") { ck.integerSeries($0, at: $1, months: months, max: counts) }
        let cost = ck.field(f, "cost_per_case") { ck.number($0, at: $1, min: 0, max: costs) }
        guard let id, let country, let slots, let cost else { return nil }
        return Partner(id: id, country: country, slots: slots, costPerCase: cost)
    }

    func budget(_ node: DocumentNode, at path: DocumentPath, months: Int?) -> Budget? {
        guard let f = ck.mapping(node, at: path, required: [], optional: ["total", "monthly"]) else { return nil }
        let total = ck.optionalField(f, "total") { ck.number($0, at: $1, min: 0, max: budgets) }
        let monthly = ck.optionalField(f, "monthly") {
            ck.numberSeries($0, at: $1, months: months, max: budgets)
        }
        guard let total, let monthly else { return nil }
        return Budget(total: total, monthly: monthly)
    }

    func options(_ node: DocumentNode, at path: DocumentPath) -> Options? {
        guard let f = ck.mapping(node, at: path, required: [], optional: ["integer", "time_limit_seconds", "effort"])
        else { return nil }
        let integer = ck.field(f, "integer", default: true) { ck.boolean($0, at: $1) }
        let limit = ck.optionalField(f, "time_limit_seconds") {
            ck.number($0, at: $1, positive: true, max: .init(limits.maxTimeLimit, "the cap on time limits"))
        }
        let effort = ck.optionalField(f, "effort") { ck.integer($0, at: $1, min: 1) }
        guard let integer, let limit, let effort else { return nil }
        return Options(integer: integer, timeLimitSeconds: limit, effort: effort)
    }
}
