import IARSInput

/// A future as a plain scenario file (`iars risk --write-futures DIR`): the scenario's own
/// document with the future's values, without `uncertainty`, `buy` and `variants`, so that
/// `iars plan` (or any tool) replays exactly the plan `iars risk` made of it.
public enum FutureFile {
    /// `future-00001.yaml`.
    public static func name(_ f: Int) -> String { "future-" + Scenario.futureNumber(f) + ".yaml" }

    /// The text of the file of `future` (a scenario ``RiskPlanner/scenarios(_:futures:)``
    /// made from the scenario read from `document`).
    ///
    /// The values a future or a purchase changes are written from `future`: the name, the
    /// arrivals, the beds, slots and departures, `budget.total` and `options.integer`;
    /// everything else is the document's, comments aside.
    public static func text(document: Document, future: Scenario, header: [String]) -> String {
        var root = document.root
        guard var top = root.entries else { return DocumentYAML.text(root, header: header) }
        top.removeAll { ["uncertainty", "buy", "variants"].contains($0.key) }
        set(&top, "name", .string(future.name))
        edit(&top, "groups", future.groups.map { ("arrivals", series($0.arrivals)) })
        edit(&top, "shelters", future.shelters.map { ("beds", series($0.beds)) })
        edit(&top, "medical", future.medical.map { ("slots", series($0.slots)) })
        edit(&top, "routes", future.routes.map { ("departures", series($0.departures)) })
        edit(&top, "partners", future.partners.map { ("slots", series($0.slots)) })
        if let total = future.budget.total {
            var budget = top.first { $0.key == "budget" }?.value.entries ?? []
            set(&budget, "total", .float(total))
            set(&top, "budget", .mapping(budget))
        }
        let options = top.first { $0.key == "options" }?.value.entries
        if options != nil || !future.options.integer {
            var entries = options ?? []
            set(&entries, "integer", .bool(future.options.integer))
            set(&top, "options", .mapping(entries))
        }
        root.value = .mapping(top)
        return DocumentYAML.text(root, header: header)
    }

    /// One value when every month has it, else the list.
    static func series(_ values: [Int]) -> DocumentNode.Value {
        if let first = values.first, values.allSatisfy({ $0 == first }) { return .integer(first) }
        return .sequence(values.map { DocumentNode(.integer($0), line: 0) })
    }

    /// Sets `key` of the list entries at `section`, entry by entry.
    static func edit(_ top: inout [DocumentEntry], _ section: String, _ values: [(String, DocumentNode.Value)]) {
        guard let i = top.firstIndex(where: { $0.key == section }), var items = top[i].value.elements else { return }
        for (j, (key, value)) in values.enumerated() where j < items.count {
            guard var entries = items[j].entries else { continue }
            set(&entries, key, value)
            items[j].value = .mapping(entries)
        }
        top[i].value.value = .sequence(items)
    }

    /// Replaces the value at `key`, or appends it.
    static func set(_ entries: inout [DocumentEntry], _ key: String, _ value: DocumentNode.Value) {
        if let i = entries.firstIndex(where: { $0.key == key }) {
            entries[i].value.value = value
        } else {
            entries.append(DocumentEntry(key: key, keyLine: 0, value: DocumentNode(value, line: 0)))
        }
    }
}
