import ArgumentParser
import IARSCore

/// `--limit KEY=VALUE` (repeatable): raises or lowers one of the reader's guard
/// rails (`ReaderLimits`; docs/limits.md).
struct LimitOptions: ParsableArguments {
    @Option(
        name: .customLong("limit"), parsing: .singleValue,
        help: ArgumentHelp(
            "Raise a guard rail on input size, KEY=VALUE (repeatable). Keys: "
                + ReaderLimits.keys.map { "\($0.name): \($0.summary)" }.joined(separator: "; ") + ".",
            valueName: "key=value"))
    var settings: [String] = []

    /// The defaults with every `--limit` applied.
    var limits: ReaderLimits {
        var l = ReaderLimits()
        for s in settings { _ = l.apply(s) }
        return l
    }

    func validate() throws {
        var l = ReaderLimits()
        for s in settings {
            if let problem = l.apply(s) { throw ValidationError(problem) }
        }
    }
}
