import Foundation
import IARSCore

/// A shard's partial result (`iars risk --shard I/N`): the run's frame and the records of
/// the shard's futures, every number exactly (a double as Swift's shortest text that reads
/// back to the same bits), so that `iars risk --merge` computes from the shards the very
/// report one unsharded run computes.
public struct RiskPart: Sendable, Equatable, Codable {
    public static let schema = "iars.risk-part/1"

    public var schema: String
    /// 1-based.
    public var shard: Int
    public var shards: Int
    public var frame: RiskFrame
    public var futures: [Record]

    /// One future's ``FutureOutcome``, numbers as text.
    public struct Record: Sendable, Equatable, Codable {
        var future: Int
        var status: String
        /// unmet, waiting, cost; nil without a plan.
        var objective: [String]?
        var unmetCases: String
        var groupUnmet: [String]
        var inShelter: [String]
        var budgetBinding: Bool
        var full: [Bool]
        var effort: Int

        init(_ o: FutureOutcome) {
            future = o.future
            status = o.status.rawValue
            objective = o.objective.map { [$0.unmet, $0.waiting, $0.cost].map(\.description) }
            unmetCases = o.unmetCases.description
            groupUnmet = o.groupUnmet.map(\.description)
            inShelter = o.inShelter.map(\.description)
            budgetBinding = o.budgetBinding
            full = o.full
            effort = o.effort
        }

        func outcome() -> FutureOutcome? {
            func d(_ s: String) -> Double? { Double(s) }
            guard let status = PlanResult.Status(rawValue: status), let cases = d(unmetCases) else { return nil }
            let groups = groupUnmet.compactMap(d)
            let shelter = inShelter.compactMap(d)
            guard groups.count == groupUnmet.count, shelter.count == inShelter.count else { return nil }
            var objective: PlanResult.Objective? = nil
            if let o = self.objective {
                let v = o.compactMap(d)
                guard v.count == 3 else { return nil }
                objective = FutureOutcome.objective(unmet: v[0], waiting: v[1], cost: v[2])
            }
            return FutureOutcome(
                future: future, status: status, objective: objective, unmetCases: cases, groupUnmet: groups,
                inShelter: shelter, budgetBinding: budgetBinding, full: full, effort: effort)
        }
    }

    public init(shard: Int, shards: Int, frame: RiskFrame, outcomes: [FutureOutcome]) {
        schema = Self.schema
        self.shard = shard
        self.shards = shards
        self.frame = frame
        futures = outcomes.map(Record.init)
    }

    /// The file's text: JSON with sorted keys, one line per future.
    public func text() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let head = try Self.partHead(self, encoder)
        let lines = try futures.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        return head + "\n" + lines.joined(separator: ",\n") + "\n]}\n"
    }

    private static func partHead(_ p: RiskPart, _ encoder: JSONEncoder) throws -> String {
        var empty = p
        empty.futures = []
        let whole = String(decoding: try encoder.encode(empty), as: UTF8.self)
        // `..."futures":[],"schema":...}`: the records go between the brackets, the rest first.
        guard let range = whole.range(of: "\"futures\":[]") else { return whole }
        let rest = whole[range.upperBound...].dropFirst().dropLast()  // the keys after, without ',' and '}'
        return String(whole[..<range.lowerBound]) + String(rest) + (rest.isEmpty ? "" : ",") + "\"futures\":["
    }

    /// Reads a part file.
    ///
    /// - Throws: `InputError` naming the file: unreadable, not a part file, or a record
    ///   that does not read back.
    public static func read(path: String) throws(InputError) -> RiskPart {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw InputError(file: path, message: "cannot read the file (\(error.localizedDescription))")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let part: RiskPart
        do { part = try decoder.decode(RiskPart.self, from: data) } catch {
            throw InputError(
                file: path, message: "not a partial risk result (iars risk --shard I/N --format json writes one)")
        }
        guard part.schema == schema else {
            throw InputError(file: path, message: "schema '\(part.schema)', expected '\(schema)'")
        }
        if let bad = part.futures.first(where: { $0.outcome() == nil }) {
            throw InputError(file: path, message: "future \(bad.future): a record that does not read back")
        }
        return part
    }

    /// The outcomes of the part's futures.
    public var outcomes: [FutureOutcome] { futures.compactMap { $0.outcome() } }
}

extension RiskPart {
    /// The report of the whole run from its shards' files (`iars risk --merge`).
    ///
    /// - Throws: `InputError` naming the file at fault: shards of different runs (another
    ///   scenario, seed, purchase or number of futures), a shard given twice or missing, a
    ///   future missing or repeated.
    public static func merge(_ parts: [(path: String, part: RiskPart)]) throws(InputError) -> RiskResult {
        guard let (firstPath, first) = parts.first else {
            throw InputError(file: "--merge", message: "no partial results given")
        }
        var problems: [Diagnostic] = []
        var seen: [Int: String] = [:]
        for (path, p) in parts {
            if p.frame != first.frame || p.shards != first.shards {
                problems.append(
                    Diagnostic(
                        file: path, line: nil, path: "",
                        message:
                            "from another run than \(firstPath) (scenario, seed, futures, purchase or shards differ)"))
            } else if let other = seen[p.shard] {
                problems.append(
                    Diagnostic(
                        file: path, line: nil, path: "", message: "shard \(p.shard)/\(p.shards) again (also \(other))"))
            }
            seen[p.shard] = seen[p.shard] ?? path
        }
        let missing = (1...max(1, first.shards)).filter { seen[$0] == nil }
        if problems.isEmpty, !missing.isEmpty {
            let list = missing.map { "\($0)/\(first.shards)" }.joined(separator: ", ")
            problems.append(Diagnostic(file: "--merge", line: nil, path: "", message: "missing shards: \(list)"))
        }
        if !problems.isEmpty { throw InputError(problems) }
        let outcomes = parts.flatMap(\.part.outcomes).sorted { $0.future < $1.future }
        guard outcomes.map(\.future) == Array(1...max(1, first.frame.futures)) else {
            throw InputError(
                file: "--merge", message: "the shards do not hold futures 1...\(first.frame.futures) once each")
        }
        return RiskResult(frame: first.frame, outcomes: outcomes)
    }
}
