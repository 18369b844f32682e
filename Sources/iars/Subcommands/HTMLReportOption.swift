import ArgumentParser
import Foundation

/// `--html FILE` of `iars compare` and `iars sweep` (docs/html-report.md):
/// a self-contained HTML page written atomically beside the normal output.
struct HTMLReportOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write a self-contained HTML report with charts to this file (atomically).", valueName: "file"))
    var html: String?

    /// Writes `render()` to the file when `--html` is given.
    func write(_ render: () -> String) throws {
        guard let html else { return }
        try AtomicFile.write(Data(render().utf8), to: html)
    }

    /// Writes a page that is a command's whole output (`iars history --html`, `history
    /// forecast --html`) atomically; a file that cannot be written ends the run with exit 2.
    static func writePage(_ text: String, to path: String) throws {
        do { try AtomicFile.write(Data(text.utf8), to: path) } catch {
            DiagnosticPrinter.fail("\(error)")
            throw ExitCode(2)
        }
    }

    func validate() throws {
        if let html, html.isEmpty { throw ValidationError("--html needs a file name.") }
    }
}
