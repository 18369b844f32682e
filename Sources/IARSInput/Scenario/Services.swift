/// A social service for the people in shelter (spec: `services[]`): social workers,
/// counselling, legal aid, guardianship for minors.
///
/// A service is a capacity like beds: every case of a group in ``neededBy`` staying at a
/// shelter in ``serves`` takes one case-month of it per month, counted by average
/// occupancy ((start + end) / 2) as beds are, and each case-month costs
/// ``costPerCaseMonth``. Each service is a need of its own: a case covered by two
/// services uses both.
public struct Service: Sendable, Equatable {
    public var id: String
    /// Case-months per month, `months` values.
    public var capacity: [Int]
    /// Per case-month, >= 0.
    public var costPerCaseMonth: Double
    /// Ids of the shelters it serves (default: every shelter, resolved by the loader).
    public var serves: [String]
    /// Ids of the groups that need it (default: every group, resolved by the loader).
    public var neededBy: [String]

    public init(id: String, capacity: [Int], costPerCaseMonth: Double, serves: [String], neededBy: [String]) {
        self.id = id
        self.capacity = capacity
        self.costPerCaseMonth = costPerCaseMonth
        self.serves = serves
        self.neededBy = neededBy
    }

    /// Whether a case of `group` at `shelter` takes this service.
    public func covers(group: String, shelter: String) -> Bool {
        neededBy.contains(group) && serves.contains(shelter)
    }
}

extension ScenarioReader {
    /// The optional `services:` list, every entry checked (ids unique, `serves` and
    /// `needed_by` resolved against the shelters and groups with did-you-mean); nil
    /// when an entry is wrong, the problems recorded.
    func services(
        _ top: Checker.Fields, months: Int?, shelters: Checker.KnownIDs, groups: Checker.KnownIDs
    ) -> [Service]? {
        let nodes = entries(top, "services", required: false)
        let serviceIDs = ids(nodes, at: "services", what: "service")
        return all(
            nodes.enumerated().map { i, node in
                service(node, at: "services" + i, id: serviceIDs[i], months: months, shelters: shelters, groups: groups)
            })
    }

    func service(
        _ node: DocumentNode, at path: DocumentPath, id: String?, months: Int?,
        shelters: Checker.KnownIDs, groups: Checker.KnownIDs
    ) -> Service? {
        guard
            let f = ck.mapping(
                node, at: path, required: ["id", "capacity", "cost_per_case_month"],
                optional: ["serves", "needed_by"])
        else { return nil }
        let capacity = ck.field(f, "capacity") { ck.integerSeries($0, at: $1, months: months, max: counts) }
        let cost = ck.field(f, "cost_per_case_month") { ck.number($0, at: $1, min: 0, max: costs) }
        let serves = ck.field(f, "serves", default: shelters.ordered) {
            ck.idList($0, at: $1, known: shelters, what: "shelter")
        }
        let neededBy = ck.field(f, "needed_by", default: groups.ordered) {
            ck.idList($0, at: $1, known: groups, what: "group")
        }
        guard let id, let capacity, let cost, let serves, let neededBy else { return nil }
        return Service(id: id, capacity: capacity, costPerCaseMonth: cost, serves: serves, neededBy: neededBy)
    }
}
