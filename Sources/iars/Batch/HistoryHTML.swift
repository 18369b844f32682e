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

    /// A line chart of `points` (time, value); nil values (no plan) are gaps.
    static func chart(_ title: String, _ points: [(Date, Double?)]) -> String {
        let w = 260.0, h = 90.0, pad = 8.0
        let values = points.compactMap(\.1)
        guard let lo0 = values.min(), let hi0 = values.max(), let t0 = points.first?.0, let t1 = points.last?.0 else {
            return "<figure><figcaption>\(escape(title))</figcaption><p>no values</p></figure>"
        }
        let lo = lo0, hi = hi0 == lo0 ? lo0 + 1 : hi0
        let span = max(t1.timeIntervalSince(t0), 1)
        func x(_ t: Date) -> Double { points.count == 1 ? w / 2 : pad + (w - 2 * pad) * t.timeIntervalSince(t0) / span }
        func y(_ v: Double) -> Double { h - pad - (h - 2 * pad) * (v - lo) / (hi - lo) }
        var segments: [[String]] = [[]]
        var dots = ""
        for (t, v) in points {
            guard let v else { segments.append([]); continue }
            let p = String(format: "%.1f,%.1f", x(t), y(v))
            segments[segments.count - 1].append(p)
            dots += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"><title>%@</title></circle>", x(t), y(v),
                           escape(JSONValue.format(v, digits: 2)))
        }
        let lines = segments.filter { $0.count > 1 }
            .map { "<polyline fill=\"none\" stroke=\"#2a6f97\" stroke-width=\"1.5\" points=\"\($0.joined(separator: " "))\"/>" }
            .joined()
        return """
            <figure><figcaption>\(escape(title)): \(escape(JSONValue.format(values.last!, digits: 2))) \
            <small>(min \(escape(JSONValue.format(lo0, digits: 2))), max \(escape(JSONValue.format(hi0, digits: 2))))</small></figcaption>
            <svg width="\(Int(w))" height="\(Int(h))" viewBox="0 0 \(Int(w)) \(Int(h))" role="img">\
            <rect width="100%" height="100%" fill="#f6f8fa"/>\(lines)<g fill="#2a6f97">\(dots)</g></svg>\
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
            body += "<p>\(escape(last.kind)) · scenario \(escape(last.scenario)) · latest: <b>\(escape(last.status))</b> "
                + "on \(escape(f.string(from: last.finishedAt))) (batch \(escape(last.batchID))) · \(rs.count) run\(rs.count == 1 ? "" : "s")</p>"
            if let m = last.message {
                body += "<pre>\(escape(m.split(separator: "\n").prefix(5).joined(separator: "\n")))</pre>"
            }
            let unmetTitle = last.kind == "schedule" ? "Unassigned" : "Unmet (priority-weighted)"
            let waitTitle = last.kind == "schedule" ? "Waiting days" : "Waiting (person-months)"
            body += "<div class=\"charts\">"
                + chart(unmetTitle, rs.map { ($0.finishedAt, $0.unmet) })
                + chart(waitTitle, rs.map { ($0.finishedAt, $0.waiting) })
                + chart("Cost", rs.map { ($0.finishedAt, $0.cost) })
                + "</div></section>\n"
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>iars run history</title>
            <style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}h2{font-size:1.1em;margin-bottom:.2em}
            .charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0;width:270px}figcaption{font-size:.85em;min-height:2.4em}.span{font-size:.75em;color:#666}
            section{border-top:1px solid #ddd;padding-top:.5em;margin-top:1em}pre{font-size:.8em;color:#a33}</style></head>
            <body><h1>iars run history</h1>
            <p>\(escape(database)): \(runs.count) runs of \(byJob.count) jobs. Each point is one recorded run (hover for its value); a gap is a run without a plan.</p>
            \(body)</body></html>

            """
    }
}
