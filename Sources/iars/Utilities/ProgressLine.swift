import Foundation
import IARSCore
import IARSReport

/// The live progress line of `plan`, `schedule`, `compare` and `sweep` on standard error
/// (`--progress`, `--no-progress`): what is being solved, the best plan so far, the bound,
/// the gap, the effort and the time (the text is ``ProgressText``'s).
///
/// On a terminal it is one line redrawn in place (`\r`, clear to the end of the line) at
/// most ten times a second, cut to the terminal's width, and erased before anything else
/// is written to standard error (``StandardError/write(_:)``) and at the end. When standard
/// error is not a terminal it is off unless asked for; asked for, it writes a plain line
/// when the stage changes (at most every 5 seconds otherwise) and a final line. Never on
/// standard output. Thread-safe: the trace is called from the solver's threads.
final class ProgressLine: @unchecked Sendable {
    enum Mode: Equatable {
        /// Redrawn in place on a terminal.
        case live
        /// Plain lines, for a log (standard error is not a terminal, `--progress`).
        case log
        /// Nothing at all.
        case off
    }

    /// `--progress` (true), `--no-progress` (false) or neither (nil): live on a terminal,
    /// else a log when asked for, else off.
    static func mode(_ flag: Bool?, terminal: Bool = isatty(STDERR_FILENO) != 0) -> Mode {
        if flag == false { return .off }
        if terminal { return .live }
        return flag == true ? .log : .off
    }

    /// The terminal's width in columns (TIOCGWINSZ on standard error), 80 when unknown.
    static func terminalWidth() -> Int {
        var ws = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { return Int(ws.ws_col) }
        return 80
    }

    /// The line being shown, if any: ``StandardError`` erases it before writing.
    nonisolated(unsafe) private static var active: ProgressLine?
    private static let activeLock = NSLock()

    let mode: Mode
    private let lock = NSLock()
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private let emit: @Sendable (String) -> Void
    private let widthOf: @Sendable () -> Int
    private var prefix: String
    private var last: SolveProgress?
    /// When ``last`` arrived, so the seconds keep counting between snapshots.
    private var lastAt: ContinuousClock.Instant?
    private var shown = false
    private var finished = false
    private var loggedStage: String?
    private var loggedAt: ContinuousClock.Instant?
    private var timer: DispatchSourceTimer?

    /// - Parameters:
    ///   - emit: where the text goes (standard error; tests capture it).
    ///   - width: the terminal's width, asked at every redraw (it may change).
    init(
        mode: Mode, prefix: String,
        emit: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) },
        width: @escaping @Sendable () -> Int = ProgressLine.terminalWidth
    ) {
        self.mode = mode
        self.prefix = prefix
        self.emit = emit
        self.widthOf = width
        started = clock.now
    }

    /// Shows the line (live: draws it and redraws it ten times a second) and routes
    /// ``StandardError`` through it until ``finish(_:)``.
    func start() {
        guard mode != .off else { return }
        Self.activeLock.lock()
        Self.active = self
        Self.activeLock.unlock()
        guard mode == .live else { return }
        lock.lock()
        draw()
        lock.unlock()
        let t = DispatchSource.makeTimerSource(queue: .global())
        t.schedule(deadline: .now() + 0.1, repeating: 0.1)
        t.setEventHandler { [weak self] in
            guard let self else { return }
            self.lock.lock()
            self.draw()
            self.lock.unlock()
        }
        t.resume()
        lock.lock()
        timer = t
        lock.unlock()
    }

    /// The trace to give the planner (nil when off, so the solver does no work for it).
    var trace: SolveTrace? {
        guard mode != .off else { return nil }
        return { @Sendable [weak self] (p: SolveProgress) -> Void in self?.update(p) }
    }

    /// What is being planned (compare: `option 3/6 tirana-annex`); forgets the last snapshot.
    func setPrefix(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        prefix = text
        last = nil
        lastAt = nil
        loggedStage = nil
    }

    /// A snapshot from the solver (any thread). Live: drawn by the next tick of the timer.
    func update(_ p: SolveProgress) {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        last = p
        lastAt = clock.now
        if mode == .log {
            let now = clock.now
            let stageChanged = loggedStage != p.stage
            if stageChanged || loggedAt.map({ (now - $0).inSeconds >= 5 }) ?? true {
                loggedStage = p.stage
                loggedAt = now
                emit(ProgressText.line(p, prefix: prefix, width: Int.max) + "\n")
            }
        }
    }

    /// Writes `text` to standard error without mixing it into the line: erases the line,
    /// writes, and draws the line again.
    func write(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        if shown { emit("\r\u{1B}[K"); shown = false }
        emit(text)
        if mode == .live && !finished { draw() }
    }

    /// The run is over: live, the line is erased; as a log, `status` ends it in a final
    /// line (`plan albania-2001 · optimal · 0.4 s`). Idempotent.
    func finish(_ status: String) {
        lock.lock()
        let t = timer
        timer = nil
        if !finished {
            finished = true
            if shown { emit("\r\u{1B}[K"); shown = false }
            if mode == .log {
                emit(
                    ProgressText.final(
                        prefix: prefix, status: status, last: last,
                        seconds: (clock.now - started).inSeconds, width: Int.max) + "\n")
            }
        }
        lock.unlock()
        t?.cancel()
        Self.activeLock.lock()
        if Self.active === self { Self.active = nil }
        Self.activeLock.unlock()
    }

    /// Erases the line at once (a second Ctrl-C exits right after).
    func erase() {
        lock.lock()
        defer { lock.unlock() }
        if shown { emit("\r\u{1B}[K"); shown = false }
        finished = true
    }

    /// Draws the live line (call with the lock held).
    private func draw() {
        guard mode == .live, !finished else { return }
        let width = widthOf()
        let text: String
        if var p = last, let at = lastAt {
            p.seconds += (clock.now - at).inSeconds
            text = ProgressText.line(p, prefix: prefix, width: width)
        } else {
            text = ProgressText.waiting(prefix: prefix, seconds: (clock.now - started).inSeconds, width: width)
        }
        emit("\r\u{1B}[K" + text)
        shown = true
    }

    /// The active line, if any (``StandardError``, ``StopSignals``).
    static var current: ProgressLine? {
        activeLock.lock()
        defer { activeLock.unlock() }
        return active
    }
}

/// Everything the command line writes to standard error while a progress line may be
/// shown goes through here, so the line is erased first and drawn again after.
enum StandardError {
    static func write(_ text: String) {
        if let line = ProgressLine.current {
            line.write(text)
        } else {
            FileHandle.standardError.write(Data(text.utf8))
        }
    }
}

extension ProgressLine {
    /// Runs a search with this line shown and SIGINT/SIGTERM stopping it (``StopSignals``):
    /// the line starts, the signals are watched until the search returns or throws, and the
    /// line ends with `status` of the result (or "error").
    func solving<R>(
        signals install: () -> StopSignals = { StopSignals.install() }, status: (R) -> String,
        _ search: () throws -> R
    ) throws -> R {
        start()
        let signals = install()
        let result: R
        do {
            result = try search()
        } catch {
            signals.uninstall()
            finish("error")
            throw error
        }
        signals.uninstall()
        finish(status(result))
        return result
    }
}
