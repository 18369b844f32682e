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

    func validate() throws {
        if let html, html.isEmpty { throw ValidationError("--html needs a file name.") }
    }
}
