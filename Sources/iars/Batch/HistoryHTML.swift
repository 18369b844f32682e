import Foundation
import IARSHistory
import IARSReport

/// `iars history --html FILE`: one self-contained page (no scripts, no
/// network) with, per job, the latest result and trend charts of unmet need,
/// waiting and cost over its recorded runs, as inline SVG.
enum HistoryHTML {
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func day(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate]
        return f.string(from: d)
    }

    /// The ISO week of `d` (UTC), `2026-W48`: what a weekly batch is known by.
    static func week(_ d: Date) -> String {
        var cal = Calendar(identifier: .iso8601)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.yearForWeekOfYear, .weekOfYear], from: d)
        return String(format: "%04d-W%02d", c.yearForWeekOfYear ?? 0, c.weekOfYear ?? 0)
    }

    /// A point of a trend: when, the value (nil: no plan, a gap), whether it is proven
    /// optimal (a stopped plan is drawn hollow) and the run's week label.
    struct Point {
        var time: Date
        var value: Double?
        var proven: Bool
        var week: String
    }

    /// The runs' points: each run's `--label` when it has one (e.g. `2026-W48`), else the
    /// ISO week it finished in.
    static func points(_ runs: [RunRecord], _ get: (RunRecord) -> Double?) -> [Point] {
        runs.map {
            Point(time: $0.finishedAt, value: get($0), proven: $0.proven, week: $0.label ?? week($0.finishedAt))
        }
    }

    /// A small line chart of `points` over time, with a y axis (its lowest and highest
    /// value), week labels under the first, last and some points between, and hollow
    /// points for plans not proven optimal.
    static func chart(_ title: String, _ points: [Point]) -> String {
        let w = 300.0, h = 130.0, left = 52.0, right = 14.0, top = 10.0, bottom = 34.0
        let values = points.compactMap(\.value)
        guard let lo0 = values.min(), let hi0 = values.max(), let t0 = points.first?.time, let t1 = points.last?.time
        else {
            return "<figure><figcaption>\(escape(title))</figcaption><p>no values (no run has a plan)</p></figure>"
        }
        let lo = lo0, hi = hi0 == lo0 ? lo0 + 1 : hi0
        let span = max(t1.timeIntervalSince(t0), 1)
        func x(_ t: Date) -> Double {
            points.count == 1 ? (left + w - right) / 2 : left + (w - left - right) * t.timeIntervalSince(t0) / span
        }
        func y(_ v: Double) -> Double { h - bottom - (h - top - bottom) * (v - lo) / (hi - lo) }
        func fmt(_ v: Double) -> String { JSONValue.format(v, digits: 2) }
        var axes = ""
        // y axis: the lowest and the highest value, with grid lines
        for v in (hi0 == lo0 ? [lo0] : [lo0, hi0]) {
            axes += String(
                format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ccc\"/>", left, y(v),
                w - right, y(v))
            axes += String(
                format: "<text class=\"y\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%@</text>", left - 4, y(v) + 4,
                escape(fmt(v)))
        }
        axes += String(
            format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#666\"/>", left, top, left,
            h - bottom)
        axes += String(
            format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#666\"/>", left, h - bottom,
            w - right, h - bottom)
        // week labels: at most 3, first and last included, none overlapping (a label is ~60 wide)
        let n = points.count
        let labelled = n <= 3 ? Array(0..<n) : [0, n / 2, n - 1]
        var lastRight = -Double.infinity
        for (k, i) in labelled.enumerated() {
            let px = x(points[i].time)
            let anchor = n == 1 ? "middle" : k == 0 ? "start" : (i == n - 1 ? "end" : "middle")
            let width = Double(points[i].week.count) * 6.5
            let l = anchor == "start" ? px : anchor == "end" ? px - width : px - width / 2
            guard l >= lastRight + 4 else { continue }
            lastRight = l + width
            axes += String(
                format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#666\"/>", px, h - bottom, px,
                h - bottom + 4)
            axes += String(
                format: "<text class=\"week\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%@\">%@</text>", px, h - bottom + 16,
                anchor, escape(points[i].week))
        }
        var segments: [[String]] = [[]]
        var dots = ""
        for p in points {
            guard let v = p.value else { segments.append([]); continue }
            segments[segments.count - 1].append(String(format: "%.1f,%.1f", x(p.time), y(v)))
            let tip = escape("\(p.week): \(fmt(v))" + (p.proven ? "" : " (not proven optimal)"))
            dots +=
                p.proven
                ? String(
                    format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#2a6f97\"><title>%@</title></circle>",
                    x(p.time), y(v), tip)
                : String(
                    format:
                        "<circle class=\"unproven\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#fff\" stroke=\"#2a6f97\" stroke-width=\"1.5\"><title>%@</title></circle>",
                    x(p.time), y(v), tip)
        }
        let lines = segments.filter { $0.count > 1 }
            .map {
                "<polyline fill=\"none\" stroke=\"#2a6f97\" stroke-width=\"1.5\" points=\"\($0.joined(separator: " "))\"/>"
            }
            .joined()
        return """
            <figure><figcaption>\(escape(title)): \(escape(fmt(values.last!))) \
            <small>(min \(escape(fmt(lo0))), max \(escape(fmt(hi0))))</small></figcaption>
            <svg class="trend" width="\(Int(w))" height="\(Int(h))" viewBox="0 0 \(Int(w)) \(Int(h))" role="img" font-family="sans-serif" font-size="10" fill="#333">\
            <title>\(escape(title)) by run, \(escape(points.first!.week)) to \(escape(points.last!.week))</title>\
            <rect x="\(Int(left))" y="\(Int(top))" width="\(Int(w - left - right))" height="\(Int(h - top - bottom))" fill="#f6f8fa"/>\
            \(axes)<g class="series">\(lines)\(dots)</g></svg>\
            <div class="span">\(day(t0))\(points.count > 1 ? " – " + day(t1) : "")</div></figure>
            """
    }

    static func render(_ runs: [RunRecord], database: String) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        var byJob: [String: [RunRecord]] = [:]
        for r in runs { byJob[r.displayName, default: []].append(r) }
        var body = ""
        for name in byJob.keys.sorted() {
            let rs = byJob[name]!
            let last = rs.last!
            body += "<section><h2>\(escape(name))</h2>"
            let stopped =
                last.stoppedBy.map {
                    " (stopped by the \($0 == "clock" ? "time limit" : $0)\(last.stoppedLevel.map { " at the \($0) level" } ?? ""))"
                } ?? ""
            body +=
                "<p>\(escape(last.kind)) · scenario \(escape(last.scenario)) · latest: <b>\(escape(last.statusText))</b>\(escape(stopped)) "
                + "on \(escape(f.string(from: last.finishedAt))) (batch \(escape(last.batchID))) · \(rs.count) run\(rs.count == 1 ? "" : "s")</p>"
            if let m = last.message {
                body += "<pre>\(escape(m.split(separator: "\n").prefix(5).joined(separator: "\n")))</pre>"
            }
            let unmetTitle = last.kind == "schedule" ? "Unassigned" : "Unmet (priority-weighted)"
            let waitTitle = last.kind == "schedule" ? "Waiting days" : "Waiting (person-months)"
            body +=
                "<div class=\"charts\">"
                + chart(unmetTitle, points(rs) { $0.unmet })
                + chart(waitTitle, points(rs) { $0.waiting })
                + chart("Cost", points(rs) { $0.cost })
                + "</div></section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>iars run history</title>
            <style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}h2{font-size:1.1em;margin-bottom:.2em}
            .charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0;width:310px}figcaption{font-size:.85em;min-height:2.4em}.span{font-size:.75em;color:#666}
            section{border-top:1px solid #ddd;padding-top:.5em;margin-top:1em}pre{font-size:.8em;color:#a33}</style></head>
            <body><h1>iars run history</h1>
            <p>\(escape(database)): \(runs.count) runs of \(byJob.count) jobs. Each point is one recorded run (hover for its value), labelled by its batch's label or the ISO week it finished in; a hollow point is a plan not proven optimal (the search stopped; its gap is in the status); a gap in a line is a run without a plan.</p>
            \(body)</body></html>

            """
    }
}
