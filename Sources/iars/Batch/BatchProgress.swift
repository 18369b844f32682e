import ArgumentParser
import Foundation
import IARSHistory
import IARSReport

enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    /// A progress bar with counts and elapsed time (the default on a terminal).
    case bar
    /// One plain line per finished job (the default otherwise).
    case text
    /// One JSON object per line.
    case json
}

/// What a running batch tells the person or the log collector, on standard error.
final class BatchProgress: @unchecked Sendable {
    let format: LogFormat
    private let lock = NSLock()
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var total = 0
    private var done = 0
    private var counts: [String: Int] = [:]
    private var timer: DispatchSourceTimer?
    private var barShown = false
    /// The jobs being solved, in the order they started (the bar names the first).
    private var running: [String] = []

    init(format: LogFormat) {
        self.format = format
        started = clock.now
    }

    private var elapsed: Double {
        (clock.now - started).inSeconds
    }

    private func emit(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    private static func timestamp() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: Date())
    }

    private func json(_ pairs: [(String, JSONValue)]) -> String {
        let all: [(String, JSONValue)] = [("time", .string(Self.timestamp()))] + pairs
        return JSONValue.object(all).serialized().split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined()
            .replacingOccurrences(of: "\": ", with: "\":") + "\n"
    }

    /// The batch starts: `total` jobs, of which `skipped` are unchanged.
    func start(total: Int, toRun: Int, batchID: String) {
        lock.lock(); defer { lock.unlock() }
        self.total = total
        switch format {
        case .bar:
            let t = DispatchSource.makeTimerSource(queue: .global())
            t.schedule(deadline: .now() + 0.5, repeating: 0.5)
            t.setEventHandler { [weak self] in
                guard let self else { return }
                self.lock.lock(); self.drawBar(); self.lock.unlock()
            }
            t.resume()
            timer = t
            drawBar()
        case .text:
            emit(
                "iars batch \(batchID): \(total) job\(total == 1 ? "" : "s"), \(toRun) to run, \(total - toRun) unchanged\n"
            )
        case .json:
            emit(
                json([
                    ("event", .string("start")), ("batch", .string(batchID)), ("jobs", .int(total)),
                    ("to_run", .int(toRun)),
                ]))
        }
    }

    /// A job's solve starts (the bar names it while it runs).
    func began(_ name: String) {
        lock.lock(); defer { lock.unlock() }
        running.append(name)
        if format == .bar { drawBar() }
    }

    /// One job is done (or skipped, unchanged since its recorded run).
    func finished(_ r: RunRecord, skipped: Bool) {
        lock.lock(); defer { lock.unlock() }
        if let i = running.firstIndex(of: r.displayName) { running.remove(at: i) }
        done += 1
        counts[skipped ? "unchanged" : r.status, default: 0] += 1
        switch format {
        case .bar:
            drawBar()
        case .text:
            // A skipped input still broken is listed with its problems again.
            let broken = r.status == "invalid" || r.status == "error"
            guard !skipped || broken else { return }
            var line = "[\(done)/\(total)] \(r.displayName): \(r.statusText)"
            if let c = r.cost { line += ", cost \(PlanTable.money(c))" }
            line += skipped ? " (unchanged since \(r.batchID))" : String(format: " (%.2fs)", r.seconds)
            if r.status == "invalid" || r.status == "error", let m = r.message {
                line += "\n" + m.split(separator: "\n").prefix(5).map { "  " + $0 }.joined(separator: "\n")
            }
            emit(line + "\n")
        case .json:
            guard !skipped else { return }
            emit(
                json([
                    ("event", .string("job")), ("done", .int(done)), ("total", .int(total)),
                    ("input", .string(r.input)), ("job", .string(r.job)), ("status", .string(r.status)),
                    ("unmet", .num(r.unmet)), ("waiting", .num(r.waiting)), ("cost", .num(r.cost)),
                    ("seconds", .num(r.seconds, digits: 3)), ("output", r.output.map { .string($0) } ?? .null),
                    ("message", r.message.map { .string($0) } ?? .null),
                ]))
        }
    }

    /// A remark (stopping, a history problem).
    func note(_ message: String) {
        lock.lock(); defer { lock.unlock() }
        switch format {
        case .bar:
            if barShown { emit("\r\u{1B}[K") }
            emit("iars: \(message)\n")
            drawBar()
        case .text: emit("iars: \(message)\n")
        case .json: emit(json([("event", .string("note")), ("message", .string(message))]))
        }
    }

    /// The batch is over.
    func end() {
        lock.lock(); defer { lock.unlock() }
        timer?.cancel()
        timer = nil
        switch format {
        case .bar:
            drawBar()
            if barShown { emit("\n") }
        case .text:
            emit("iars batch: \(done)/\(total) done in \(String(format: "%.1f", elapsed))s: \(countText())\n")
        case .json:
            emit(
                json([
                    ("event", .string("end")), ("done", .int(done)), ("total", .int(total)),
                    ("seconds", .num(elapsed, digits: 3)),
                ]))
        }
    }

    private func countText() -> String {
        counts.keys.sorted().map { "\(counts[$0]!) \($0)" }.joined(separator: ", ")
    }

    /// `[#########...........]  12/50  0:07  10 optimal, 2 unchanged  · on office-3.yaml (+1)`,
    /// cut to the terminal's width (call with the lock held).
    private func drawBar() {
        emit(
            "\r\u{1B}[K"
                + Self.barText(
                    done: done, total: total, seconds: elapsed, counts: countText(),
                    running: running, width: ProgressLine.terminalWidth()))
        barShown = true
    }

    /// The bar's text: progress, time, counts by status, and the job being solved (the
    /// first started of those running, with how many others run beside it).
    static func barText(done: Int, total: Int, seconds: Double, counts: String, running: [String], width: Int) -> String
    {
        let barWidth = 24
        let filled = total == 0 ? barWidth : barWidth * done / total
        let secs = Int(seconds)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
        var text = "[\(bar)] \(done)/\(total)  \(secs / 60):\(String(format: "%02d", secs % 60))"
        if !counts.isEmpty { text += "  " + counts }
        if let first = running.first {
            text += ProgressText.separator + "on " + first + (running.count > 1 ? " (+\(running.count - 1))" : "")
        }
        return ProgressText.fit(text, width: width)
    }
}
