import Foundation
import IARSCore

/// Where a command's result goes: standard output, or a file written atomically
/// (a temporary file in the same folder, then renamed), so a reader never sees
/// half a file.
struct Output {
    var path: String?

    /// Whether the result goes to a person at a terminal.
    var isTerminal: Bool { path == nil && isatty(STDOUT_FILENO) != 0 }

    /// - Parameter permissions: file mode for a new file (0o600 for files holding case ids).
    func write(_ text: String, permissions: mode_t = 0o644) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        try AtomicFile.write(Data(text.utf8), to: path, permissions: permissions)
    }
}

enum AtomicFile {
    struct WriteError: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes `data` to `path` through a temporary file in the same folder and a rename.
    ///
    /// A `path` that exists and is not a regular file or a folder (`/dev/null`,
    /// `/dev/stdout`, a FIFO) is written to directly: renaming onto it would
    /// replace the device with a file.
    static func write(_ data: Data, to path: String, permissions: mode_t = 0o644) throws {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG, (info.st_mode & S_IFMT) != S_IFDIR {
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw WriteError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            defer { close(fd) }
            guard writeAll(data, to: fd) else {
                throw WriteError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            return
        }
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var template = Array((dir + "/.\(url.lastPathComponent).tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw WriteError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        TemporaryFiles.pending(template)
        defer {
            TemporaryFiles.pending(nil)
            if !ok { unlink(tmp) }
        }
        fchmod(fd, permissions)
        let written = writeAll(data, to: fd)
        let synced = fsync(fd) == 0
        close(fd)
        guard written, synced else {
            throw WriteError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        if ProcessInfo.processInfo.environment["IARS_TEST_FAULT"] == "signal-before-rename" {
            // Tests: a kill between writing and renaming leaves no temporary file. (Foundation's
            // Process starts children with signals blocked; unblock SIGTERM so it arrives now.)
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, SIGTERM)
            sigprocmask(SIG_UNBLOCK, &set, nil)
            raise(SIGTERM)
        }
        guard rename(tmp, path) == 0 else {
            throw WriteError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        ok = true
    }

    /// Writes all of `data` to `fd`, retrying short writes and EINTR.
    private static func writeAll(_ data: Data, to fd: Int32) -> Bool {
        data.withUnsafeBytes { buf -> Bool in
            var off = 0
            while off < buf.count {
                let n = Foundation.write(fd, buf.baseAddress! + off, buf.count - off)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                off += n
            }
            return true
        }
    }
}

/// Removes the temporary file of an `AtomicFile.write` in progress when the
/// process is stopped by SIGINT, SIGTERM, SIGHUP or SIGQUIT (then dies of the
/// signal as it would have), so no file with case data is left behind.
enum TemporaryFiles {
    /// The path being written, as a C string the signal handler can pass to unlink(2).
    nonisolated(unsafe) private static var path = UnsafeMutablePointer<CChar>.allocate(capacity: Int(PATH_MAX) + 1)
    nonisolated(unsafe) private static var active: sig_atomic_t = 0
    nonisolated(unsafe) private static var installed = false

    /// Registers `template` (a NUL-terminated path) as the file to remove on a signal; nil clears it.
    static func pending(_ template: [CChar]?) {
        install()
        active = 0
        guard let template, template.count <= Int(PATH_MAX) else { return }
        template.withUnsafeBufferPointer { path.update(from: $0.baseAddress!, count: $0.count) }
        active = 1
    }

    private static func install() {
        installHandlers()
    }

    /// Installs the handlers (once); ``StopSignals`` calls it before ignoring SIGINT and SIGTERM.
    static func installHandlers() {
        guard !installed else { return }
        installed = true
        _ = path
        _ = active
        restoreHandlers([SIGINT, SIGTERM, SIGHUP, SIGQUIT])
    }

    /// Sets the handler of `signals` (again) to: remove the pending file, then die of the signal.
    static func restoreHandlers(_ signals: [Int32]) {
        for sig in signals {
            signal(sig) { sig in
                if TemporaryFiles.active != 0 { unlink(TemporaryFiles.path) }
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }

    /// Removes the file being written, if any (outside a signal handler: before `_exit`).
    static func removePending() {
        if active != 0 { unlink(path) }
    }
}

/// Prints diagnostics to standard error.
enum DiagnosticPrinter {
    static func print(_ error: InputError) {
        var text = ""
        for d in error.diagnostics { text += d.description + "\n" }
        let n = error.diagnostics.count
        text += "iars: \(n) problem\(n == 1 ? "" : "s") found; nothing was planned. Fix the input and run again.\n"
        StandardError.write(text)
    }

    /// Prints the problems of `file`, read as a `kind` file; when the file is the other
    /// kind (a schedule given to `plan`, a scenario to `schedule`), one line saying so
    /// and which command takes it instead of the schema's unknown keys.
    static func print(_ error: InputError, reading file: String, as kind: BatchInputs.Kind) {
        guard let message = FileKind.mismatch(file, expected: kind) else { return print(error) }
        FileHandle.standardError.write(Data("\(file): \(message)\n".utf8))
    }

    /// Set-up warnings, one line each, on standard error.
    static func warn(_ warnings: [SetupWarning]) {
        guard !warnings.isEmpty else { return }
        FileHandle.standardError.write(Data(warnings.map { $0.description + "\n" }.joined().utf8))
    }

    static func fail(_ message: String) {
        StandardError.write("iars: error: \(message)\n")
    }
}

/// Telling scenario files from schedule files, for a clear message when a command
/// is given the other kind (the detection of `iars batch`, ``BatchInputs/kind(of:)``).
enum FileKind {
    /// A sentence naming what `file` is and the command that takes it, when `file`
    /// is clearly the other kind than `expected`; nil otherwise (the usual errors apply).
    static func mismatch(_ file: String, expected: BatchInputs.Kind) -> String? {
        guard let doc = try? Document.load(path: file), let entries = doc.root.entries else { return nil }
        let keys = Set(entries.map(\.key))
        switch expected {
        case .plan:
            guard BatchInputs.kind(of: doc) == .schedule else { return nil }
            return "this is a return schedule (it names its scenario with 'scenario:'), not a scenario; "
                + "schedule it with: iars schedule \(file)"
        case .schedule:
            // A scenario: no 'scenario:' key, and the keys a scenario needs.
            guard BatchInputs.kind(of: doc) == .plan, keys.contains("groups") || keys.contains("shelters") else {
                return nil
            }
            return "this is a scenario (it has 'groups:' and 'shelters:'), not a return schedule; "
                + "plan it with: iars plan \(file), or check it with: iars validate \(file) "
                + "(a schedule names its scenario: see docs/schedule-format.md)"
        }
    }
}
