import Foundation

/// A process-wide request to stop searching (SIGINT, SIGTERM). Branch-and-cut and the
/// simplex loops check it between steps and end as if their budget had run out, so the
/// best plan so far can still be written. The command line raises it from a signal
/// source (never from a signal handler); tests raise and lower it directly.
public final class Interruption: @unchecked Sendable {
    /// The one flag of the process.
    public static let shared = Interruption()

    private let lock = NSLock()
    private var raised = false

    public init() {}

    /// Whether a stop was asked for.
    public var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }

    /// Asks every running search to stop. Returns whether it had already been asked.
    @discardableResult
    public func request() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let was = raised
        raised = true
        return was
    }

    /// Lowers the flag (before the next job of a batch, or in tests).
    public func reset() {
        lock.lock()
        defer { lock.unlock() }
        raised = false
    }
}
