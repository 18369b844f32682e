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
    static func write(_ data: Data, to path: String, permissions: mode_t = 0o644) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var template = Array((dir + "/.\(url.lastPathComponent).tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw WriteError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let tmp = String(cString: template)
        var ok = false
        defer { if !ok { unlink(tmp) } }
        fchmod(fd, permissions)
        let written = data.withUnsafeBytes { buf -> Bool in
            var off = 0
            while off < buf.count {
                let n = Foundation.write(fd, buf.baseAddress! + off, buf.count - off)
                if n <= 0 { return false }
                off += n
            }
            return true
        }
        let synced = fsync(fd) == 0
        close(fd)
        guard written, synced else {
            throw WriteError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        guard rename(tmp, path) == 0 else {
            throw WriteError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        ok = true
    }
}

/// Prints diagnostics to standard error.
enum DiagnosticPrinter {
    static func print(_ error: InputError) {
        var text = ""
        for d in error.diagnostics { text += d.description + "\n" }
        let n = error.diagnostics.count
        text += "iars: \(n) problem\(n == 1 ? "" : "s") found; nothing was planned. Fix the input and run again.\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func fail(_ message: String) {
        FileHandle.standardError.write(Data("iars: error: \(message)\n".utf8))
    }
}
