import IARSInput
import LinearProgramming

/// The social services (spec: `services:`): each service's load per month is the average
/// occupancy of the cases it covers, within its capacity, each case-month at its cost.
///
/// Where a service covers every group of a shelter its load there is the shelter's own
/// `occ[s]`; where it covers only some, the return classes are split by the services that
/// cover them (``indexReturnClasses()``), and a cover column counts the people of the
/// covered classes, kept by a balance row as `occ` is. Nothing here runs for a scenario
/// without services, whose model stays as it was.
extension PlanModelBuilder {
    /// The services that cover pair `p`, as a key: pairs with the same key can share a class.
    func serviceSignature(_ p: Int) -> String {
        let g = sc.groups[pairs[p].g].id, s = sc.shelters[pairs[p].s].id
        return sc.services.indices.filter { sc.services[$0].covers(group: g, shelter: s) }
            .map(String.init).joined(separator: ",")
    }

    /// `shelter,country` (a return class's name), then `+`-joined ids of the services that
    /// cover pair `p` when there are some.
    func className(shelter s: Int, country c: String, pair p: Int) -> String {
        let base = "\(sc.shelters[s].id),\(c)"
        guard !sc.services.isEmpty else { return base }
        let g = sc.groups[pairs[p].g].id, sid = sc.shelters[s].id
        let ids = sc.services.filter { $0.covers(group: g, shelter: sid) }.map(\.id)
        return ids.isEmpty ? base : base + "," + ids.joined(separator: "+")
    }

    /// A cover column per month for each distinct set of classes that a service covers at a
    /// shelter where it does not cover everybody; and what each service's load sums.
    mutating func addCoverColumns() {
        var coverIndex: [[Int]: Int] = [:]
        var classesAtShelter = Array(repeating: [Int](), count: sc.shelters.count)
        for (k, cl) in classes.enumerated() { classesAtShelter[cl.shelter].append(k) }
        serviceSources = sc.services.map { v in
            var sources: [(s: Int, cover: Int)] = []
            for (s, sh) in sc.shelters.enumerated() where v.serves.contains(sh.id) {
                let covered = classesAtShelter[s].filter { k in
                    v.neededBy.contains(sc.groups[pairs[classes[k].pairs[0]].g].id)
                }
                if covered.isEmpty { continue }
                if covered.count == classesAtShelter[s].count {
                    sources.append((s, -1))
                    continue
                }
                if coverIndex[covered] == nil {
                    coverIndex[covered] = covers.count
                    let columns = (1...T).map { t in
                        // implied integer, as occ is
                        m.addColumn(
                            name: "cover[\(sh.id),\(v.id),\(t)]", lower: 0, upper: .infinity,
                            integer: integer, impliedInteger: true)
                    }
                    covers.append(PlanModel.Cover(shelter: s, classes: covered, columns: columns))
                }
                sources.append((s, coverIndex[covered]!))
            }
            return sources
        }
    }

    /// Cover balance: cover[t] = cover[t-1] + admissions - returns of its classes;
    /// cover[0] = their initial cases.
    mutating func addCoverRows() {
        for (c, cover) in covers.enumerated() {
            let initial = cover.classes.flatMap { classes[$0].pairs }.reduce(0) { $0 + initialCount[$1] }
            for t in 1...T {
                var terms: [(Int, Double)] = [(cover.columns[t - 1], 1.0)]
                if t > 1 { terms.append((cover.columns[t - 2], -1.0)) }
                for k in cover.classes {
                    for p in classes[k].pairs where admit[p][t - 1] >= 0 { terms.append((admit[p][t - 1], -1.0)) }
                    if ret[k][t - 1] >= 0 { terms.append((ret[k][t - 1], 1.0)) }
                }
                let rhs = t == 1 ? Double(initial) : 0
                m.addRow(name: "cover[\(c),\(t)]", lower: rhs, upper: rhs, terms: terms)
            }
        }
    }

    /// The people at the end of month t counted by `source` (a shelter's occ, or a cover),
    /// and at the start of month 1.
    func sourceColumns(_ source: (s: Int, cover: Int)) -> (columns: [Int], initial: Double) {
        if source.cover < 0 { return (occ[source.s], Double(initialAt[source.s])) }
        let cover = covers[source.cover]
        let initial = cover.classes.flatMap { classes[$0].pairs }.reduce(0) { $0 + initialCount[$1] }
        return (cover.columns, Double(initial))
    }

    /// Services (average load): sum over what v covers of (people[t-1] + people[t]) / 2 <=
    /// capacity[v,t]; its cost, cost_per_case_month times the same, goes on the month.
    mutating func addServiceRows() {
        for (v, service) in sc.services.enumerated() {
            let sources = serviceSources[v].map(sourceColumns)
            if sources.isEmpty { continue }  // it covers nobody: no load, no row
            for t in 1...T {
                var terms: [(Int, Double)] = []
                var constant = 0.0
                for (columns, initial) in sources {
                    terms.append((columns[t - 1], 0.5))
                    if t > 1 { terms.append((columns[t - 2], 0.5)) } else { constant += 0.5 * initial }
                }
                let f = service.costPerCaseMonth
                if f != 0 {
                    for (j, a) in terms { costTerms[t - 1].append((j, a * f)) }
                    costConstant[t - 1] += constant * f
                }
                if elastic { terms.append((serviceSlack[v][t - 1], -1.0)) }
                m.addRow(
                    name: "service[\(service.id),\(t)]", upper: Double(service.capacity[t - 1]) - constant,
                    terms: terms)
            }
        }
    }
}
