import Foundation
import IARSCore

// libFuzzer harness for the three readers of untrusted text:
//
//   IARS_FUZZ_TARGET=scenario  ScenarioLoader.parse(text:file:)   (YAML/JSON scenario)
//   IARS_FUZZ_TARGET=schedule  ScheduleLoader.load(path:)         (schedule file; the scenario
//                              and caseload it names are fixed copies of the shipped ones)
//   IARS_FUZZ_TARGET=caseload  CaseloadReader.parse(text:...)     (caseload CSV, against the
//                              default scenario)
//
// Any input must give a value or diagnostics: a crash, a trap, an ASan report,
// a leak or a hang is a finding. Run through `make fuzz` (scripts/fuzz.sh).

enum Target: String {
    case scenario, schedule, caseload
}

/// State set up once per process.
final class Harness: @unchecked Sendable {
    let target: Target
    let scenario: Scenario
    /// Folder holding `scenario.yaml` and `cases.csv` for the schedule target.
    let folder: String

    init() {
        let name = ProcessInfo.processInfo.environment["IARS_FUZZ_TARGET"] ?? "scenario"
        guard let target = Target(rawValue: name) else {
            fatalError("IARS_FUZZ_TARGET must be scenario, schedule or caseload, not \(name)")
        }
        self.target = target
        let root = ProcessInfo.processInfo.environment["IARS_FUZZ_ROOT"] ?? "."
        do {
            scenario = try ScenarioLoader.load(path: root + "/scenarios/albania-2001.yaml")
        } catch {
            fatalError("cannot read the default scenario under \(root) (set IARS_FUZZ_ROOT): \(error)")
        }
        var template = Array("/tmp/iars-fuzz-XXXXXX".utf8CString)
        guard let dir = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            fatalError("mkdtemp failed")
        }
        folder = String(cString: dir)
        let fm = FileManager.default
        for (from, to) in [
            ("albania-2001.yaml", "albania-2001.yaml"), ("albania-2001-cases.csv", "albania-2001-cases.csv"),
        ] {
            try? fm.copyItem(atPath: root + "/scenarios/" + from, toPath: folder + "/" + to)
        }
    }
}

nonisolated(unsafe) var harness: Harness?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let h = harness ?? Harness()
    harness = h
    let bytes = UnsafeBufferPointer(start: data, count: size)
    switch h.target {
    case .scenario:
        // The loader takes text; bytes that are not UTF-8 are refused before it (Document.load).
        guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
        _ = try? ScenarioLoader.parse(text: text, file: "fuzz.yaml")
    case .caseload:
        guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
        _ = CaseloadReader.parse(text: text, file: "fuzz.csv", scenario: h.scenario)
    case .schedule:
        // Through the file, as the command reads it (bytes that are not UTF-8 included).
        let path = h.folder + "/schedule.yaml"
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return 0 }
        _ = try? ScheduleLoader.load(path: path)
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's entry point as `<module>_main` and aliases
/// `main` to it (`--defsym main=iars_fuzz_main`), so libFuzzer's own `main` is
/// not used: this one hands over to libFuzzer's driver.
@_cdecl("iars_fuzz_main")
public func iarsFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzOne)
}
