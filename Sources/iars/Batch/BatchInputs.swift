import Foundation
import IARSCore

/// One file `iars batch` found: where it is and what the batch calls it.
struct BatchInput: Sendable, Equatable {
    /// The path to read (as the user's argument, joined with the path inside a folder).
    var path: String
    /// The name in tables, history and output files: the path inside the folder
    /// argument it was found in, or the file's name for a file argument.
    var name: String
}

/// Finding the inputs of a batch and taking a shard's share of them.
enum BatchInputs {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// Every scenario or schedule file under `paths`: folders are searched
    /// recursively for .yaml, .yml and .json files, skipping hidden names and
    /// the folder `exclude` (the output folder); files are taken as they are.
    ///
    /// - Returns: The inputs sorted by name.
    /// - Throws: `Failure` for a missing path or two inputs with the same name.
    static func discover(_ paths: [String], exclude: String?) throws -> [BatchInput] {
        let fm = FileManager.default
        let excluded = exclude.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        var found: [BatchInput] = []
        for arg in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: arg, isDirectory: &isDir) else {
                throw Failure(description: "\(arg): no such file or folder")
            }
            if !isDir.boolValue {
                found.append(BatchInput(path: arg, name: URL(fileURLWithPath: arg).lastPathComponent))
                continue
            }
            let root = arg.hasSuffix("/") ? String(arg.dropLast()) : arg
            func walk(_ rel: String) throws {
                let dir = rel.isEmpty ? root : root + "/" + rel
                let names: [String]
                do { names = try fm.contentsOfDirectory(atPath: dir).sorted() } catch {
                    throw Failure(description: "\(dir): cannot read the folder")
                }
                for name in names where !name.hasPrefix(".") {
                    let childRel = rel.isEmpty ? name : rel + "/" + name
                    let childPath = root + "/" + childRel
                    var childIsDir: ObjCBool = false
                    guard fm.fileExists(atPath: childPath, isDirectory: &childIsDir) else { continue }
                    if childIsDir.boolValue {
                        if let excluded, URL(fileURLWithPath: childPath).standardizedFileURL.path == excluded {
                            continue
                        }
                        try walk(childRel)
                    } else if extensions.contains((name as NSString).pathExtension.lowercased()) {
                        found.append(BatchInput(path: childPath, name: childRel))
                    }
                }
            }
            try walk("")
        }
        var byName: [String: BatchInput] = [:]
        for input in found {
            if let other = byName[input.name], other.path != input.path {
                throw Failure(
                    description: "\(other.path) and \(input.path) would share the name \(input.name) "
                        + "(outputs and history are keyed by it); pass their common folder instead")
            }
            byName[input.name] = input
        }
        return byName.values.sorted { $0.name < $1.name }
    }

    /// A shard's share: the inputs at positions `index`, `index + count`, ...
    /// of the list sorted by name, so every machine of a job array, given the
    /// same paths, takes a disjoint share and together they take all.
    static func shard(_ inputs: [BatchInput], index: Int, count: Int) -> [BatchInput] {
        inputs.enumerated().filter { $0.offset % count == index }.map(\.element)
    }

    /// What a file holds, from its content (spec/return-schedule.md): a schedule
    /// file is a mapping with the key `scenario:`; anything else is read as a scenario.
    enum Kind: String, Sendable { case plan, schedule }

    static func kind(of path: String) -> Kind {
        guard let doc = try? Document.load(path: path) else { return .plan }
        return kind(of: doc)
    }

    static func kind(of doc: Document) -> Kind {
        guard let entries = doc.root.entries else { return .plan }
        return entries.contains { $0.key == "scenario" } ? .schedule : .plan
    }
}

/// `--shard I/N`: 0 <= I < N (I matches a Kubernetes Indexed Job's JOB_COMPLETION_INDEX).
struct Shard: Sendable, Equatable {
    var index: Int
    var count: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else { return nil }
        index = i
        count = n
    }
}
