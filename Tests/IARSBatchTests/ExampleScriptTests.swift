import Foundation
import IARSHistory
import Testing

/// The job-array examples of docs/batch.md (docs/examples/), run here with the
/// variables Slurm and Kubernetes would set, on a few fixtures.
@Suite(.serialized)
struct ExampleScriptTests {
    static let examples = BatchCLI.repository("docs/examples")

    /// Runs `sh -c SCRIPT` in `cwd` with `env` added and the built iars first on PATH.
    static func sh(_ script: String, cwd: URL, env: [String: String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script]
        p.currentDirectoryURL = cwd
        var e = ProcessInfo.processInfo.environment
        e["PATH"] = BatchCLI.executable.deletingLastPathComponent().path + ":" + (e["PATH"] ?? "/usr/bin:/bin")
        for (k, v) in env { e[k] = v }
        p.environment = e
        let log = cwd.appendingPathComponent("sh-\(UUID().uuidString.prefix(6)).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let h = try FileHandle(forWritingTo: log)
        p.standardOutput = h
        p.standardError = h
        try p.run()
        p.waitUntilExit()
        try h.close()
        return (p.terminationStatus, try String(contentsOf: log, encoding: .utf8))
    }

    static func scenarios(in dir: URL, folder: String) throws {
        let s = dir.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: s, withIntermediateDirectories: true)
        for n in [1, 2, 3, 4, 6, 7, 45, 48] {
            let name = String(format: "b%02d.yaml", n)
            try BatchCLI.copyFixture("batch50/\(name)", to: s, as: name)
        }
    }

    @Test(.tags(.slow)) func slurmArrayThenMerge() throws {
        let dir = try BatchCLI.scratch("slurm")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.scenarios(in: dir, folder: "scenarios")
        let tmp = dir.appendingPathComponent("node-tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        let weekly = try String(
            contentsOf: Self.examples.appendingPathComponent("slurm/iars-weekly.sbatch"), encoding: .utf8)
        let merge = try String(
            contentsOf: Self.examples.appendingPathComponent("slurm/iars-merge.sbatch"), encoding: .utf8)
        for week in ["2026-W47", "2026-W48"] {
            for i in 0..<4 {
                let (status, log) = try Self.sh(
                    weekly, cwd: dir,
                    env: [
                        "SLURM_ARRAY_TASK_ID": "\(i)", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_CPUS_PER_TASK": "1",
                        "TMPDIR": tmp.path, "IARS_WEEK": week,
                    ])
                #expect(status == 0, "\(week) task \(i): \(log)")
            }
            let (status, log) = try Self.sh(merge, cwd: dir, env: ["IARS_WEEK": week])
            #expect(status == 0, "\(log)")
            #expect(log.contains("Changes from"), "\(log)")
        }
        let runs = try HistoryStore(path: dir.appendingPathComponent("history/history.sqlite").path, readOnly: true)
            .runs(withMonths: false)
        #expect(runs.count == 8, "the second week skipped every unchanged input")
        #expect(Set(runs.map(\.input)).count == 8)
        #expect(Set(runs.map(\.label)) == ["2026-W47"])
        let outputs = BatchCLI.files(dir.appendingPathComponent("results")).filter { $0.hasSuffix(".plan.json") }
        #expect(outputs.count == 7, "every valid input planned once: \(outputs)")
    }

    @Test func kubernetesIndexedJobScript() throws {
        let dir = try BatchCLI.scratch("k8s")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.scenarios(in: dir, folder: "data/scenarios")
        // the container's script: the block under `args: - |`, with /data and /scratch moved here
        let yaml = try String(
            contentsOf: Self.examples.appendingPathComponent("kubernetes/iars-weekly-job.yaml"),
            encoding: .utf8)
        func block(_ text: String) -> String {
            let lines = text.components(separatedBy: "\n")
            let start = lines.firstIndex { $0.hasSuffix("- |") }! + 1
            let indent = lines[start].prefix { $0 == " " }.count
            return lines[start...].prefix { $0.isEmpty || $0.prefix(indent).allSatisfy { $0 == " " } }
                .map { String($0.dropFirst(indent)) }.joined(separator: "\n")
        }
        func moved(_ script: String, _ scratch: URL) -> String {
            script.replacingOccurrences(of: "/data", with: dir.appendingPathComponent("data").path)
                .replacingOccurrences(of: "/scratch", with: scratch.path)
        }
        let script = block(yaml)
        #expect(script.contains("iars batch /data/scenarios"))
        for i in 0..<3 {
            let scratch = dir.appendingPathComponent("scratch\(i)")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let (status, log) = try Self.sh(
                moved(script, scratch), cwd: dir,
                env: ["JOB_COMPLETION_INDEX": "\(i)", "SHARDS": "3"])
            #expect(status == 0, "pod \(i): \(log)")
        }
        let mergeYAML = try String(
            contentsOf: Self.examples.appendingPathComponent("kubernetes/iars-merge-job.yaml"),
            encoding: .utf8)
        let (status, log) = try Self.sh(moved(block(mergeYAML), dir), cwd: dir, env: [:])
        #expect(status == 0, "\(log)")
        let runs = try HistoryStore(
            path: dir.appendingPathComponent("data/history/history.sqlite").path,
            readOnly: true
        ).runs(withMonths: false)
        #expect(runs.count == 8)
        #expect(Set(runs.map(\.input)).count == 8)
    }
}
