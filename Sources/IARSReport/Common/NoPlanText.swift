import IARSCore

/// Why a search ended without a plan (or schedule), by what stopped it: the one wording
/// of the command line's message, the JSON's `message` and the HTML reports.
public func noPlanText(_ by: StoppedBy?, what: String = "plan") -> String {
    switch by {
    case .effort: return "the effort budget ran out before any \(what) was found (raise --effort)"
    case .interrupt: return "the search was interrupted before any \(what) was found"
    case .clock, nil: return "the time limit ran out before any \(what) was found"
    }
}
