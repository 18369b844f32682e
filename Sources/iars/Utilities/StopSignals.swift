import Foundation
import IARSCore

/// SIGINT and SIGTERM while a search runs: the first asks the search to stop
/// (``IARSCore/StopRequest``) so the best plan so far is written as usual (`stopped_by:
/// interrupt`), and says so on standard error; the second ends the process at once with
/// status 130 (removing a half-written output file, if any).
///
/// The signals are ignored (`SIG_IGN`) and watched with dispatch signal sources on a
/// background queue, so nothing runs inside a signal handler. ``uninstall()`` hands them
/// back to ``TemporaryFiles``' handlers once the search is over, so a kill while the
/// output is written still removes the temporary file and ends the process.
final class StopSignals: @unchecked Sendable {
    /// The line the first signal prints.
    static let message = "stopping: writing the best plan so far (press Ctrl-C again to quit at once)"
    /// The same for `iars schedule`.
    static let scheduleMessage = "stopping: writing the best schedule so far (press Ctrl-C again to quit at once)"

    private let lock = NSLock()
    private var count = 0
    private var sources: [DispatchSourceSignal] = []
    private let onFirst: @Sendable () -> Void

    /// - Parameter onFirst: what the first signal does besides raising ``IARSCore/StopRequest``
    ///   (by default: print ``message``).
    private init(onFirst: @escaping @Sendable () -> Void) {
        self.onFirst = onFirst
    }

    /// Starts watching SIGINT and SIGTERM.
    @discardableResult
    static func install(
        onFirst: @escaping @Sendable () -> Void = { StandardError.write("iars: \(StopSignals.message)\n") }
    )
        -> StopSignals
    {
        // TemporaryFiles' handlers first, so they are not installed over SIG_IGN later.
        TemporaryFiles.installHandlers()
        let s = StopSignals(onFirst: onFirst)
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { s.received() }
            source.resume()
            s.sources.append(source)
        }
        return s
    }

    private func received() {
        lock.lock()
        count += 1
        let n = count
        lock.unlock()
        if n == 1 {
            StopRequest.request()
            onFirst()
        } else {
            ProgressLine.current?.erase()
            TemporaryFiles.removePending()
            _exit(130)
        }
    }

    /// Whether a signal arrived.
    var wasSignalled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return count > 0
    }

    /// Stops watching: SIGINT and SIGTERM go back to ``TemporaryFiles``' handlers (remove
    /// a temporary output file, then die of the signal).
    func uninstall() {
        lock.lock()
        let all = sources
        sources = []
        lock.unlock()
        // A signal source's cancellation ends asynchronously, and libdispatch then puts back
        // the disposition it found (SIG_IGN): restoring the handlers before that finished
        // left a SIGTERM during the output's rename ignored on a loaded machine.
        let cancelled = DispatchGroup()
        for s in all {
            cancelled.enter()
            s.setCancelHandler { cancelled.leave() }
            s.cancel()
        }
        cancelled.wait()
        TemporaryFiles.restoreHandlers([SIGINT, SIGTERM])
    }
}
