import Foundation

// A small SVG chart kit for self-contained HTML reports: line charts and
// grouped or stacked bar charts with axes, ticks, a legend, a title and
// accessible <title>/<desc> elements. No scripts, no fonts, no network; the
// output is deterministic (same input, same bytes). API notes: docs/html-report.md.

/// Escaping for HTML and SVG text and attribute values.
public enum Markup {
    /// Escapes `& < > " '` so any text is safe in element content and in quoted attributes.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // control characters other than tab/newline are not allowed in HTML text
                if ch.value < 0x20 && ch != "\n" && ch != "\t" { out += " " } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }

    /// A clause as the start of a sentence: its first letter upper-case ("the time limit ran
    /// out ..." to "The time limit ran out ...").
    public static func sentence(_ s: String) -> String {
        s.prefix(1).uppercased() + s.dropFirst()
    }

    /// A token safe as an id or class name: [A-Za-z0-9_-], others replaced by `-`.
    public static func token(_ s: String) -> String {
        String(
            s.unicodeScalars.map { c -> Character in
                let ok =
                    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_" || c == "-"
                return ok ? Character(c) : "-"
            })
    }
}

/// One data series: a value per category (nil = no value, a gap in a line).
public struct ChartSeries: Sendable, Equatable {
    public var name: String
    public var values: [Double?]
    /// A CSS colour; nil takes the next colour of ``Chart/palette``.
    public var color: String?
    /// Lines only: dashed (for capacities and caps).
    public var dashed: Bool
    /// Lines only: drawn as steps (a capacity that holds for the whole month).
    public var step: Bool
    /// Values not proven optimal (a plan the search stopped early), drawn hollow: a hollow
    /// point on a line, a hollow bar; one flag per value (missing flags: proven).
    public var unproven: [Bool]
    /// Lines only: draw the points and no line between them (values of separate options,
    /// not a trend).
    public var pointsOnly: Bool

    public init(
        _ name: String, _ values: [Double?], color: String? = nil, dashed: Bool = false, step: Bool = false,
        unproven: [Bool] = [], pointsOnly: Bool = false
    ) {
        self.name = name
        self.values = values
        self.color = color
        self.dashed = dashed
        self.step = step
        self.unproven = unproven
        self.pointsOnly = pointsOnly
    }

    func isUnproven(_ i: Int) -> Bool { i < unproven.count && unproven[i] }
}

/// Shared layout and drawing of the kit.
public enum Chart {
    /// Okabe-Ito colours (distinguishable with colour-blindness, and in grey print), then four
    /// of Paul Tol's muted ones for charts with more series.
    public static let palette = [
        "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#7F7F7F", "#000000",
        "#882255", "#44AA99", "#999933", "#332288",
    ]

    /// Default size in SVG user units (the SVG scales to its container's width).
    public static let defaultWidth = 720.0
    public static let defaultHeight = 300.0

    /// A coordinate with at most one decimal, no trailing ".0".
    static func f(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        if r == r.rounded() { return String(Int(r)) }
        return String(format: "%.1f", r)
    }

    /// A "nice" tick step (1, 2, 2.5 or 5 times a power of ten) for about `count` ticks up to `max`.
    public static func niceStep(_ max: Double, count: Int = 5) -> Double {
        guard max > 0, max.isFinite else { return 1 }
        let raw = max / Double(count)
        let p = pow(10, floor(log10(raw)))
        for m in [1.0, 2, 2.5, 5, 10] where m * p >= raw { return m * p }
        return 10 * p
    }

    /// A tick label: grouped thousands, decimals only as the step needs.
    public static func tickLabel(_ v: Double, step: Double) -> String {
        var decimals = 0
        while decimals < 3 {
            let scaled = step * pow(10, Double(decimals))
            if abs(scaled - scaled.rounded()) < 1e-9 { break }
            decimals += 1
        }
        if decimals == 0 { return PlanTable.grouped(Int64(v.rounded())) }
        return String(format: "%.\(decimals)f", v)
    }

    /// A value in a tooltip: integers plain, others with up to 2 decimals.
    public static func valueLabel(_ v: Double) -> String {
        if abs(v - v.rounded()) < 1e-9 { return tickLabel(v, step: 1) }
        var s = String(format: "%.2f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    struct Frame {
        var width: Double
        var height: Double
        var left = 64.0
        var right = 16.0
        var top = 56.0
        var bottom = 44.0
        var yMax: Double
        var step: Double
        var n: Int

        var plotWidth: Double { width - left - right }
        var plotHeight: Double { height - top - bottom }
        func y(_ v: Double) -> Double { top + plotHeight * (1 - v / yMax) }
        /// Centre of category i.
        func x(_ i: Int) -> Double { left + plotWidth * (Double(i) + 0.5) / Double(max(n, 1)) }
        var band: Double { plotWidth / Double(max(n, 1)) }
    }

    static func frame(width: Double, height: Double, categories: Int, maxValue: Double, legendRows: Int = 1) -> Frame {
        let step = niceStep(maxValue)
        var yMax = (maxValue / step).rounded(.up) * step
        if yMax <= 0 { yMax = step }
        var fr = Frame(width: width, height: height, yMax: yMax, step: step, n: categories)
        fr.top += 16 * Double(max(0, legendRows - 1))
        return fr
    }

    enum Swatch { case bar, line, dashed, point, hollowPoint, hollowBar, mark }

    /// Advance widths of DejaVu Sans (Debian's default sans-serif, wider than Arial or
    /// Helvetica) in 1/2048 em, for printable ASCII from the space; other characters
    /// count as `W`-wide (the widest common letter), so an estimate is never short.
    static let advance: [Int] = [
        651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690,  //  !"#$%&'()*+,-./
        1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087,  // 0-9 :;<=>?
        2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612,  // @A-O
        1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024,  // P-Z [\]^_
        1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253,  // `a-o
        1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,  // p-z {|}~
    ]

    /// The width of `text` at `size` pixels in the widest common sans-serif (an upper estimate).
    public static func textWidth(_ text: String, size: Double) -> Double {
        var units = 0
        for u in text.unicodeScalars {
            let i = Int(u.value) - 32
            units += i >= 0 && i < advance.count ? advance[i] : 2025
        }
        return Double(units) / 2048 * size
    }

    /// Legend entries: a swatch (18 wide), 6 to the label, the label (12 px), 16 to the next swatch.
    static let legendFont = 12.0

    /// Where each legend entry goes (rows wrap at the chart's width), and the rows used.
    static func legendLayout(_ legend: [(String, String, Swatch)], width: Double) -> ([(Double, Double)], Int) {
        var x = 8.0, y = 40.0, rows = legend.isEmpty ? 0 : 1
        var at: [(Double, Double)] = []
        for (name, _, _) in legend {
            let w = 24 + textWidth(name, size: legendFont) + 16
            if x + w > width - 8 && x > 8 { x = 8; y += 16; rows += 1 }
            at.append((x, y))
            x += w
        }
        return (at, rows)
    }

    /// The legend entry for values not proven optimal, when any series has one: `not proven
    /// optimal (gap up to 3.2%)`, with the largest gap (`gap unknown` when none is known).
    public static func unprovenLabel(gaps: [Double?]) -> String {
        let known = gaps.compactMap { $0 }
        if known.isEmpty { return "not proven optimal (gap unknown)" }
        let worst = PlanTable.gapPercent(known.max()!)
        return "not proven optimal (gap up to \(worst)\(known.count < gaps.count ? "; some unknown" : ""))"
    }

    /// Opening tag, accessible title and description, heading and legend.
    static func open(
        id: String, title: String, summary: String, width: Double, height: Double,
        legend: [(String, String, Swatch)]
    ) -> String {
        let tid = Markup.token(id)
        var s =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"\(tid)\" viewBox=\"0 0 \(f(width)) \(f(height))\" "
        s += "role=\"img\" aria-labelledby=\"\(tid)-title \(tid)-desc\" font-family=\"sans-serif\">\n"
        s += "<title id=\"\(tid)-title\">\(Markup.escape(title))</title>\n"
        s += "<desc id=\"\(tid)-desc\">\(Markup.escape(summary))</desc>\n"
        s +=
            "<text x=\"8\" y=\"20\" font-size=\"15\" font-weight=\"bold\" fill=\"#222\">\(Markup.escape(title))</text>\n"
        let (at, _) = legendLayout(legend, width: width)
        s += "<g class=\"legend\" font-size=\"12\" fill=\"#222\">\n"
        for ((name, color, swatch), (x, y)) in zip(legend, at) {
            switch swatch {
            case .bar:
                s += "<rect x=\"\(f(x))\" y=\"\(f(y - 10))\" width=\"18\" height=\"10\" fill=\"\(color)\"/>"
            case .line, .dashed:
                let dash = swatch == .dashed ? " stroke-dasharray=\"5 3\"" : ""
                s +=
                    "<line x1=\"\(f(x))\" y1=\"\(f(y - 4))\" x2=\"\(f(x + 18))\" y2=\"\(f(y - 4))\" stroke=\"\(color)\" stroke-width=\"2.5\"\(dash)/>"
            case .point:
                s += "<circle cx=\"\(f(x + 9))\" cy=\"\(f(y - 4))\" r=\"4.5\" fill=\"\(color)\"/>"
            case .hollowPoint:
                s +=
                    "<circle class=\"unproven\" cx=\"\(f(x + 9))\" cy=\"\(f(y - 4))\" r=\"4.5\" fill=\"#fff\" stroke=\"\(color)\" stroke-width=\"2\"/>"
            case .hollowBar:
                s +=
                    "<rect class=\"unproven\" x=\"\(f(x + 1))\" y=\"\(f(y - 9))\" width=\"16\" height=\"8\" fill=\"#fff\" stroke=\"\(color)\" stroke-width=\"2\"/>"
            case .mark:
                s +=
                    "<line x1=\"\(f(x + 2))\" y1=\"\(f(y - 4))\" x2=\"\(f(x + 16))\" y2=\"\(f(y - 4))\" stroke=\"\(color)\" stroke-width=\"3\"/>"
            }
            s += "<text x=\"\(f(x + 24))\" y=\"\(f(y))\">\(Markup.escape(name))</text>\n"
        }
        s += "</g>\n"
        return s
    }

    /// Grid lines, y ticks, the axes and the category labels.
    static func axes(_ fr: Frame, categories: [String], yLabel: String) -> String {
        var s = "<g class=\"axes\" font-size=\"11\" fill=\"#333\">\n"
        var v = 0.0
        while v <= fr.yMax + fr.step * 1e-9 {
            let y = fr.y(v)
            s +=
                "<line x1=\"\(f(fr.left))\" y1=\"\(f(y))\" x2=\"\(f(fr.width - fr.right))\" y2=\"\(f(y))\" stroke=\"#ddd\" stroke-width=\"1\"/>"
            s +=
                "<text x=\"\(f(fr.left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(tickLabel(v, step: fr.step))</text>\n"
            v += fr.step
        }
        let bottom = fr.top + fr.plotHeight
        s += "<line x1=\"\(f(fr.left))\" y1=\"\(f(fr.top))\" x2=\"\(f(fr.left))\" y2=\"\(f(bottom))\" stroke=\"#333\"/>"
        s +=
            "<line x1=\"\(f(fr.left))\" y1=\"\(f(bottom))\" x2=\"\(f(fr.width - fr.right))\" y2=\"\(f(bottom))\" stroke=\"#333\"/>\n"
        // category labels: every k-th so that they do not overlap
        let longest = Double(categories.map(\.count).max() ?? 1) * 6.2 + 6
        let every = max(1, Int((longest / max(fr.band, 1)).rounded(.up)))
        for (i, c) in categories.enumerated() where i % every == 0 {
            s += "<text x=\"\(f(fr.x(i)))\" y=\"\(f(bottom + 16))\" text-anchor=\"middle\">\(Markup.escape(c))</text>"
            s +=
                "<line x1=\"\(f(fr.x(i)))\" y1=\"\(f(bottom))\" x2=\"\(f(fr.x(i)))\" y2=\"\(f(bottom + 4))\" stroke=\"#333\"/>\n"
        }
        if !yLabel.isEmpty {
            let cy = fr.top + fr.plotHeight / 2
            s +=
                "<text x=\"14\" y=\"\(f(cy))\" transform=\"rotate(-90 14 \(f(cy)))\" text-anchor=\"middle\">\(Markup.escape(yLabel))</text>\n"
        }
        s += "</g>\n"
        return s
    }

    /// A polyline per run of non-nil values, with a point (and tooltip) per value.
    static func line(_ fr: Frame, _ series: ChartSeries, color: String, categories: [String]) -> String {
        var s = "<g class=\"series line\" data-series=\"\(Markup.escape(series.name))\">\n"
        var runs: [[(Int, Double)]] = [[]]
        for (i, v) in series.values.enumerated() {
            if let v, v.isFinite {
                runs[runs.count - 1].append((i, v))
            } else if !runs[runs.count - 1].isEmpty {
                runs.append([])
            }
        }
        let dash = series.dashed ? " stroke-dasharray=\"6 4\"" : ""
        if series.pointsOnly && series.step {
            // a mark per category, not joined: values of separate options
            for (i, v) in series.values.enumerated() {
                guard let v, v.isFinite else { continue }
                let y = fr.y(v), half = fr.band * 0.42
                s +=
                    "<line class=\"mark\" x1=\"\(f(fr.x(i) - half))\" y1=\"\(f(y))\" x2=\"\(f(fr.x(i) + half))\" y2=\"\(f(y))\" stroke=\"\(color)\" stroke-width=\"3\">"
                s += "<title>\(Markup.escape("\(series.name), \(categories[i]): \(valueLabel(v))"))</title></line>\n"
            }
            return s + "</g>\n"
        }
        for run in runs where !run.isEmpty && !series.pointsOnly {
            var pts: [String] = []
            for (i, v) in run {
                let y = fr.y(v)
                if series.step {
                    let x0 = fr.x(i) - fr.band / 2, x1 = fr.x(i) + fr.band / 2
                    pts.append("\(f(x0)),\(f(y))")
                    pts.append("\(f(x1)),\(f(y))")
                } else {
                    pts.append("\(f(fr.x(i))),\(f(y))")
                }
            }
            if pts.count == 1 { pts.append(pts[0]) }
            s +=
                "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.5\"\(dash) points=\"\(pts.joined(separator: " "))\"/>\n"
        }
        if !series.step {
            for (i, v) in series.values.enumerated() {
                guard let v, v.isFinite else { continue }
                let note = series.isUnproven(i) ? " (not proven optimal)" : ""
                if series.isUnproven(i) {
                    s +=
                        "<circle class=\"unproven\" cx=\"\(f(fr.x(i)))\" cy=\"\(f(fr.y(v)))\" r=\"4.5\" fill=\"#fff\" stroke=\"\(color)\" stroke-width=\"2\">"
                } else {
                    s +=
                        "<circle cx=\"\(f(fr.x(i)))\" cy=\"\(f(fr.y(v)))\" r=\"\(series.pointsOnly ? "4.5" : "3")\" fill=\"\(color)\">"
                }
                s +=
                    "<title>\(Markup.escape("\(series.name), \(categories[i]): \(valueLabel(v))\(note)"))</title></circle>\n"
            }
        }
        s += "</g>\n"
        return s
    }

    static func lineSwatch(_ s: ChartSeries) -> Swatch {
        s.pointsOnly ? (s.step ? .mark : .point) : (s.dashed ? .dashed : .line)
    }

    /// The legend entry for unproven values (hollow), when any of `series` has one.
    static func unprovenEntry(_ series: [ChartSeries], label: String, bars: Bool) -> [(String, String, Swatch)] {
        guard series.contains(where: { $0.unproven.contains(true) }) else { return [] }
        return [(label, "#222222", bars ? .hollowBar : .hollowPoint)]
    }

    static func colors(_ series: [ChartSeries], offset: Int = 0) -> [String] {
        series.enumerated().map { i, s in s.color ?? palette[(i + offset) % palette.count] }
    }
}

/// A line chart over categories (months).
public struct LineChart: Sendable {
    public var title: String
    /// The chart in a sentence, for screen readers (`<desc>`).
    public var summary: String
    public var categories: [String]
    public var series: [ChartSeries]
    public var yLabel: String
    public var width: Double
    public var height: Double
    /// The legend entry of hollow (unproven) points, shown when a series has one.
    public var unprovenLabel: String

    public init(
        title: String, summary: String, categories: [String], series: [ChartSeries], yLabel: String = "",
        width: Double = Chart.defaultWidth, height: Double = Chart.defaultHeight,
        unprovenLabel: String = "not proven optimal"
    ) {
        self.title = title
        self.summary = summary
        self.categories = categories
        self.series = series
        self.yLabel = yLabel
        self.width = width
        self.height = height
        self.unprovenLabel = unprovenLabel
    }

    /// The chart as an `<svg>` element; `id` must be unique in the page.
    public func svg(id: String) -> String {
        let maxValue = series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite).max() ?? 0
        let colors = Chart.colors(series)
        let legend =
            zip(series, colors).map { ($0.name, $1, Chart.lineSwatch($0)) }
            + Chart.unprovenEntry(series, label: unprovenLabel, bars: false)
        let rows = Chart.legendLayout(legend, width: width).1
        let fr = Chart.frame(
            width: width, height: height + 16 * Double(max(0, rows - 1)), categories: categories.count,
            maxValue: maxValue, legendRows: rows)
        var s = Chart.open(id: id, title: title, summary: summary, width: fr.width, height: fr.height, legend: legend)
        s += Chart.axes(fr, categories: categories, yLabel: yLabel)
        for (se, c) in zip(series, colors) { s += Chart.line(fr, se, color: c, categories: categories) }
        s += "</svg>\n"
        return s
    }
}

/// A bar chart over categories: bars side by side (grouped) or on top of each
/// other (stacked), with optional lines drawn over them (caps, budgets).
public struct BarChart: Sendable {
    public enum Mode: String, Sendable { case grouped, stacked }

    public var title: String
    public var summary: String
    public var categories: [String]
    public var series: [ChartSeries]
    public var mode: Mode
    /// Lines over the bars (e.g. a monthly budget), in their own colours (default: black).
    public var lines: [ChartSeries]
    public var yLabel: String
    public var width: Double
    public var height: Double
    /// The legend entry of hollow (unproven) bars, shown when a series has one.
    public var unprovenLabel: String

    public init(
        title: String, summary: String, categories: [String], series: [ChartSeries], mode: Mode = .stacked,
        lines: [ChartSeries] = [], yLabel: String = "",
        width: Double = Chart.defaultWidth, height: Double = Chart.defaultHeight,
        unprovenLabel: String = "not proven optimal"
    ) {
        self.unprovenLabel = unprovenLabel
        self.title = title
        self.summary = summary
        self.categories = categories
        self.series = series
        self.mode = mode
        self.lines = lines
        self.yLabel = yLabel
        self.width = width
        self.height = height
    }

    public func svg(id: String) -> String {
        var maxValue = 0.0
        for i in categories.indices {
            let vals = series.map { i < $0.values.count ? max(0, $0.values[i] ?? 0) : 0 }
            maxValue = max(maxValue, mode == .stacked ? vals.reduce(0, +) : (vals.max() ?? 0))
            for l in lines where i < l.values.count {
                if let v = l.values[i], v.isFinite { maxValue = max(maxValue, v) }
            }
        }
        let colors = Chart.colors(series)
        let lineColors = lines.enumerated().map { i, l in
            l.color ?? (i == 0 ? "#000000" : Chart.palette[(i + 3) % Chart.palette.count])
        }
        var legend = zip(series, colors).map { ($0.name, $1, Chart.Swatch.bar) }
        legend += zip(lines, lineColors).map { ($0.name, $1, Chart.lineSwatch($0)) }
        legend += Chart.unprovenEntry(series, label: unprovenLabel, bars: true)
        let rows = Chart.legendLayout(legend, width: width).1
        let fr = Chart.frame(
            width: width, height: height + 16 * Double(max(0, rows - 1)), categories: categories.count,
            maxValue: maxValue, legendRows: rows)
        var s = Chart.open(id: id, title: title, summary: summary, width: fr.width, height: fr.height, legend: legend)
        s += Chart.axes(fr, categories: categories, yLabel: yLabel)
        let inner = fr.band * 0.76
        for (k, se) in series.enumerated() {
            s += "<g class=\"series bars\" data-series=\"\(Markup.escape(se.name))\" fill=\"\(colors[k])\">\n"
            for i in categories.indices {
                guard i < se.values.count, let v = se.values[i], v.isFinite, v > 0 else { continue }
                let x: Double, w: Double, y0: Double
                switch mode {
                case .stacked:
                    w = inner
                    x = fr.x(i) - inner / 2
                    y0 = series[..<k].reduce(0.0) { $0 + max(0, i < $1.values.count ? ($1.values[i] ?? 0) : 0) }
                case .grouped:
                    w = inner / Double(series.count)
                    x = fr.x(i) - inner / 2 + w * Double(k)
                    y0 = 0
                }
                let top = fr.y(y0 + v), bottom = fr.y(y0)
                // an unproven value: a hollow bar in the series' colour
                let hollow =
                    se.isUnproven(i)
                    ? " class=\"unproven\" fill=\"#fff\" stroke=\"\(colors[k])\" stroke-width=\"2\"" : ""
                let note = se.isUnproven(i) ? " (not proven optimal)" : ""
                s +=
                    "<rect\(hollow) x=\"\(Chart.f(x))\" y=\"\(Chart.f(top))\" width=\"\(Chart.f(w))\" height=\"\(Chart.f(max(0.5, bottom - top)))\">"
                s +=
                    "<title>\(Markup.escape("\(se.name), \(categories[i]): \(Chart.valueLabel(v))\(note)"))</title></rect>\n"
            }
            s += "</g>\n"
        }
        for (l, c) in zip(lines, lineColors) { s += Chart.line(fr, l, color: c, categories: categories) }
        s += "</svg>\n"
        return s
    }
}
