import Foundation

/// `iars risk`'s progress on standard error: "planned 120 of 1,000 futures", redrawn in
/// place on a terminal (or with --progress), at most once per percent.
enum RiskProgress {
    /// The callback for ``IARSCore/RiskPlanner/onPlanned``; nil when progress is off.
    static func line(_ flag: Bool?) -> (@Sendable (Int, Int) -> Void)? {
        guard ProgressLine.mode(flag) != .off else { return nil }
        return { done, of in
            let step = max(1, of / 100)
            guard done % step == 0 || done == of else { return }
            StandardError.write("\riars: risk: planned \(done) of \(of) futures")
        }
    }

    /// Ends the line.
    static func done(_ flag: Bool?) {
        if ProgressLine.mode(flag) != .off { StandardError.write("\n") }
    }
}
