import IARSCore

/// A fan chart over months: a shaded band from a low to a high quantile with the median
/// as a line (people in shelter over the futures of `iars risk`).
public struct FanChart: Sendable {
    public var title: String
    /// The chart in a sentence, for screen readers (`<desc>`).
    public var summary: String
    public var categories: [String]
    public var low: [Double]
    public var median: [Double]
    public var high: [Double]
    /// Legend names of the band and of the line.
    public var bandName: String
    public var lineName: String
    public var yLabel: String
    public var width = Chart.defaultWidth
    public var height = Chart.defaultHeight

    public init(
        title: String, summary: String, categories: [String], low: [Double], median: [Double], high: [Double],
        bandName: String, lineName: String, yLabel: String
    ) {
        self.title = title
        self.summary = summary
        self.categories = categories
        self.low = low
        self.median = median
        self.high = high
        self.bandName = bandName
        self.lineName = lineName
        self.yLabel = yLabel
    }

    static let bandColor = "#9BC4E2"

    /// The chart as an `<svg>` element; `id` must be unique in the page.
    public func svg(id: String) -> String {
        let color = Chart.palette[0]
        let legend: [(String, String, Chart.Swatch)] = [(bandName, Self.bandColor, .bar), (lineName, color, .line)]
        let rows = Chart.legendLayout(legend, width: width).1
        let maxValue = (high + median).filter(\.isFinite).max() ?? 0
        let fr = Chart.frame(
            width: width, height: height + 16 * Double(max(0, rows - 1)), categories: categories.count,
            maxValue: maxValue, legendRows: rows)
        var s = Chart.open(id: id, title: title, summary: summary, width: fr.width, height: fr.height, legend: legend)
        s += Chart.axes(fr, categories: categories, yLabel: yLabel)
        let n = min(categories.count, low.count, high.count)
        if n > 0 {
            let upper = (0..<n).map { "\(Chart.f(fr.x($0))),\(Chart.f(fr.y(high[$0])))" }
            let lower = (0..<n).reversed().map { "\(Chart.f(fr.x($0))),\(Chart.f(fr.y(low[$0])))" }
            s +=
                "<polygon class=\"band\" fill=\"\(Self.bandColor)\" fill-opacity=\"0.7\" stroke=\"none\" points=\"\((upper + lower).joined(separator: " "))\">"
            s += "<title>\(Markup.escape(bandName))</title></polygon>\n"
        }
        s += Chart.line(fr, ChartSeries(lineName, median.map { $0 }), color: color, categories: categories)
        return s + "</svg>\n"
    }
}
