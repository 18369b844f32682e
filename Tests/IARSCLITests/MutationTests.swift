import Foundation
import Testing

@testable import IARSCore

/// Hundreds of random edits of the shipped scenarios (wrong types, missing keys,
/// negative and huge numbers, bad ids, truncated files...): every one ends in
/// exit 2 with a message naming the line or key, or, when the edit leaves a
/// valid file, in a normal plan (exit 0 or 1). Never a crash.
@Suite(.serialized) struct MutationTests {
    /// A small deterministic generator (iars's SplitMix64), so failures reproduce.
    typealias SplitMix = SplitMix64

    enum Edit: CaseIterable {
        case wrongType, deleteLine, negative, huge, badId, truncate, duplicateLine, badIndent, emptyValue, fraction,
            garbage
    }

    /// Applies one random edit to a random meaningful line (of the lines `within`, 0-based,
    /// when given).
    static func mutate(_ text: String, _ rng: inout SplitMix, within: Range<Int>? = nil) -> (String, String) {
        var lines = text.components(separatedBy: "\n")
        let candidates = lines.indices.filter {
            let t = lines[$0].trimmingCharacters(in: .whitespaces)
            return !t.isEmpty && !t.hasPrefix("#") && (within?.contains($0) ?? true)
        }
        let i = candidates.randomElement(using: &rng)!
        let edit = Edit.allCases.randomElement(using: &rng)!
        let line = lines[i]
        func replaceNumber(_ with: String) -> String? {
            guard let r = line.range(of: #"(?<=[:\[, ])\s*-?[0-9]+(\.[0-9]+)?"#, options: .regularExpression) else {
                return nil
            }
            return line.replacingCharacters(in: r, with: " " + with)
        }
        switch edit {
        case .wrongType: lines[i] = replaceNumber("\"twelve\"") ?? line + " [oops"
        case .deleteLine: lines.remove(at: i)
        case .negative: lines[i] = replaceNumber("-\(Int.random(in: 1...50, using: &rng))") ?? line
        case .huge:
            lines[i] =
                replaceNumber(
                    ["1e300", "99999999999999999999", "1000000000", ".inf", ".nan"].randomElement(using: &rng)!) ?? line
        case .badId:
            if let r = line.range(of: #"id: [a-z0-9_-]+"#, options: .regularExpression) {
                lines[i] = line.replacingCharacters(
                    in: r, with: ["id: Bad Id", "id: md-women", "id: ''", "id: 12"].randomElement(using: &rng)!)
            } else if let r = line.range(of: #"shelter: [a-z]+"#, options: .regularExpression) {
                lines[i] = line.replacingCharacters(in: r, with: "shelter: nowhere")
            } else {
                lines[i] = line.replacingOccurrences(of: ":", with: "")
            }
        case .truncate:
            let joined = lines.joined(separator: "\n")
            let cut = Int.random(in: 0..<joined.utf8.count, using: &rng)
            return (String(decoding: Array(joined.utf8.prefix(cut)), as: UTF8.self), "truncate at byte \(cut)")
        case .duplicateLine: lines.insert(line, at: i)
        case .badIndent: lines[i] = "   " + line
        case .emptyValue:
            if let r = line.range(of: #":\s.*$"#, options: .regularExpression) {
                lines[i] = line.replacingCharacters(in: r, with: ":")
            }
        case .fraction: lines[i] = replaceNumber("2.5") ?? line
        case .garbage:
            lines[i] = ["{{", "- - -", "key: [1, 2", "\t\ttab: 1", "&a *a", "!!binary x"].randomElement(using: &rng)!
        }
        return (lines.joined(separator: "\n"), "\(edit) at line \(i + 1)")
    }

    /// Validates a mutated file: exit 2 with every message naming its line or key, or exit 0
    /// and then a normal plan (exit 0 or 1). Returns whether the file was invalid.
    static func check(_ file: URL, _ label: String) throws -> Bool {
        let r = try CLIRunner.run(["validate", file.path])
        #expect(r.status == 0 || r.status == 2, "\(label): exit \(r.status)\n\(r.stderr)")
        guard r.status == 2 else {
            // still valid: it must plan normally
            let p = try CLIRunner.run(["plan", file.path, "--format", "json", "--time-limit", "5"])
            #expect(p.status == 0 || p.status == 1, "\(label): plan exit \(p.status)\n\(p.stderr)")
            return false
        }
        let lines = r.stderr.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("iars: ") }
        #expect(!lines.isEmpty, "\(label): no message")
        for l in lines {
            // FILE:LINE: ... or FILE: key.path: ...
            let rest = l.hasPrefix(file.path) ? String(l.dropFirst(file.path.count)) : ""
            let named =
                rest.range(of: #"^:[0-9]+: "#, options: .regularExpression) != nil
                || rest.range(of: #"^: [A-Za-z_][A-Za-z0-9_.\[\]]*: "#, options: .regularExpression) != nil
                || rest.hasPrefix(": the file is empty")
                || rest.hasPrefix(": the file has no YAML or JSON document")
            #expect(named, "\(label): message names no line or key: \(l)")
        }
        return true
    }

    @Test(.tags(.slow), arguments: ["albania-2001.yaml", "albania-2001-tight-budget.yaml", "balkans-regional.yaml"])
    func randomEditsNeverCrash(_ name: String) throws {
        let source = CLIRunner.root.appendingPathComponent("scenarios").appendingPathComponent(name)
        let text = try String(contentsOf: source, encoding: .utf8)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iars-mut-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SplitMix(state: UInt64(name.utf8.count) &* 7919)
        var invalid = 0
        for n in 0..<120 {
            let (mutated, what) = Self.mutate(text, &rng)
            let file = dir.appendingPathComponent("m\(n).yaml")
            try mutated.write(to: file, atomically: true, encoding: .utf8)
            if try Self.check(file, "\(name) \(what)") { invalid += 1 }
        }
        #expect(invalid >= 60, "most edits should break the file")
    }

    /// The lines (0-based) of the top-level section `key`: from `key:` to the next top-level key.
    static func section(_ key: String, of text: String) -> Range<Int>? {
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix(key + ":") }) else { return nil }
        let end =
            lines[(start + 1)...].firstIndex { l in
                guard let c = l.first else { return false }
                return c != " " && c != "#" && c != "-" && c != "\t"
            } ?? lines.count
        return start..<end
    }

    /// The same, every edit in the `services:` section (social services: ids, capacities,
    /// costs, `serves`, `needed_by`); `truncate` may still cut the file anywhere.
    @Test(.tags(.slow)) func randomEditsOfServicesNeverCrash() throws {
        let source = CLIRunner.root.appendingPathComponent("scenarios/albania-2001.yaml")
        let text = try String(contentsOf: source, encoding: .utf8)
        let services = try #require(Self.section("services", of: text))
        #expect(services.count > 5)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iars-mut-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SplitMix(state: 2001)
        var invalid = 0
        for n in 0..<60 {
            let (mutated, what) = Self.mutate(text, &rng, within: services)
            let file = dir.appendingPathComponent("s\(n).yaml")
            try mutated.write(to: file, atomically: true, encoding: .utf8)
            if try Self.check(file, "services \(what)") { invalid += 1 }
        }
        #expect(invalid >= 25, "most edits of the services should break the file")
    }
}
