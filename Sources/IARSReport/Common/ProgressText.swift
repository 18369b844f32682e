import Foundation
import IARSCore

/// The text of the live progress line (`iars plan --progress`): pure functions from a
/// ``SolveProgress`` to one line, so the command line only draws it.
///
/// `plan albania-2001 · cost · best 20,412.50 · bound 20,100.00 · gap 1.6% · effort 1.2M of 100M · 3.4 s`
public enum ProgressText {
    /// Separates the parts of a line.
    public static let separator = " · "

    /// One line: the prefix (what is planned), the stage, the best value and bound of the
    /// stage when known, the gap, the effort used (of its budget) and the seconds, cut to
    /// fit `width` columns (one column is left free, so a terminal never wraps the line).
    public static func line(_ p: SolveProgress, prefix: String, width: Int) -> String {
        var parts: [String] = []
        if !prefix.isEmpty { parts.append(prefix) }
        parts.append(p.stage)
        if let best = p.best { parts.append("best " + value(best, stage: p.stage)) }
        if let bound = p.bound { parts.append("bound " + value(bound, stage: p.stage)) }
        if let gap = p.gap, gap.isFinite { parts.append("gap " + PlanTable.gapPercent(max(0, gap))) }
        parts.append("effort " + units(p.effort) + (p.effortLimit.map { " of " + units($0) } ?? ""))
        parts.append(seconds(p.seconds))
        return fit(parts.joined(separator: separator), width: width)
    }

    /// The line before the first snapshot arrives: `plan albania-2001 · solving · 0.4 s`.
    public static func waiting(prefix: String, seconds s: Double, width: Int) -> String {
        let parts = (prefix.isEmpty ? [] : [prefix]) + ["solving", seconds(s)]
        return fit(parts.joined(separator: separator), width: width)
    }

    /// The last line of a run (written once, when standard error is not a terminal):
    /// `plan albania-2001 · optimal · effort 1.2M of 100M · 3.4 s`. The effort is that of
    /// the last snapshot, when there was one.
    public static func final(
        prefix: String, status: String, last: SolveProgress?, seconds s: Double,
        width: Int
    ) -> String {
        var parts: [String] = []
        if !prefix.isEmpty { parts.append(prefix) }
        parts.append(status)
        if let last {
            parts.append("effort " + units(last.effort) + (last.effortLimit.map { " of " + units($0) } ?? ""))
        }
        parts.append(seconds(s))
        return fit(parts.joined(separator: separator), width: width)
    }

    /// A plan's status for the final line: `optimal`, `feasible, gap 1.6%, stopped by effort`,
    /// `infeasible`, `time-limit, stopped by clock`.
    public static func status(_ r: PlanResult) -> String {
        var parts = [r.status.rawValue]
        if r.status == .feasible {
            parts.append(r.gap.map { "gap " + PlanTable.gapPercent(max(0, $0)) } ?? "gap unknown")
        }
        if let by = r.stoppedBy, r.status == .feasible || r.status == .timeLimit {
            parts.append("stopped by \(by.rawValue)")
        }
        return parts.joined(separator: ", ")
    }

    /// A schedule's status for the final line: `optimal`, `feasible, stopped by interrupt`, ...
    public static func status(_ r: ScheduleResult) -> String {
        var parts = [r.status.rawValue]
        if let by = r.stoppedBy, r.status != .optimal { parts.append("stopped by \(by.rawValue)") }
        return parts.joined(separator: ", ")
    }

    /// A stage's value: money with cents for the cost (`20,412.50`), else a count
    /// (`278`, or `12.50` for an LP's fractions).
    static func value(_ v: Double, stage: String) -> String {
        stage == "cost" ? PlanTable.money(v) : PlanTable.num(v)
    }

    /// Work units, short: `950`, `12.3k`, `1.2M`, `100M`, `2.5G` (one decimal below 10).
    public static func units(_ n: Int) -> String {
        let v = Double(max(0, n))
        if v < 1000 { return String(Int(v)) }
        for (scale, suffix) in [(1e3, "k"), (1e6, "M"), (1e9, "G"), (1e12, "T")] {
            let x = v / scale
            let text = x < 9.95 ? String(format: "%.1f", x) : String(format: "%.0f", x)
            if (Double(text) ?? 0) < 1000 || suffix == "T" {
                return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + suffix
            }
        }
        return String(n)
    }

    /// `3.4 s` under a minute, `2:05` (minutes:seconds) after.
    public static func seconds(_ s: Double) -> String {
        let s = max(0, s.isFinite ? s : 0)
        if s < 59.95 { return String(format: "%.1f s", s) }
        let whole = Int(s.rounded())
        return "\(whole / 60):" + String(format: "%02d", whole % 60)
    }

    /// `text` cut to `width - 1` characters (at least 10), ending in `…` when cut.
    public static func fit(_ text: String, width: Int) -> String {
        let room = max(10, width - 1)
        guard text.count > room else { return text }
        return String(text.prefix(room - 1)) + "…"
    }
}
