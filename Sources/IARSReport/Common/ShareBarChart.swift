import Foundation

/// Horizontal bars of shares (0 to 100%), one labelled row per category: for many
/// categories with long names (every capacity of a programme), where a column chart
/// could label only every other bar.
public struct ShareBarChart: Sendable {
    public var title: String
    public var summary: String
    /// Row labels, top to bottom.
    public var categories: [String]
    /// Shares in 0...1, one per category.
    public var shares: [Double]
    public var color: String
    public var width: Double

    public init(
        title: String, summary: String, categories: [String], shares: [Double], color: String,
        width: Double = Chart.defaultWidth
    ) {
        self.title = title
        self.summary = summary
        self.categories = categories
        self.shares = shares
        self.color = color
        self.width = width
    }

    /// Rows of 22 px; labels right-aligned in a column as wide as the longest, the value
    /// after each bar.
    public func svg(id: String) -> String {
        let row = 22.0, top = 40.0, bottom = 30.0
        let left = min(width * 0.45, (categories.map { Chart.textWidth($0, size: 12) }.max() ?? 0) + 16)
        let right = 56.0
        let plot = width - left - right
        let height = top + row * Double(categories.count) + bottom
        var s = Chart.open(id: id, title: title, summary: summary, width: width, height: height, legend: [])
        s += "<g class=\"axes\" font-size=\"11\" fill=\"#333\">\n"
        for tick in stride(from: 0, through: 100, by: 20) {
            let x = left + plot * Double(tick) / 100
            let y2 = top + row * Double(categories.count)
            s += "<line x1=\"\(Chart.f(x))\" y1=\"\(Chart.f(top))\" x2=\"\(Chart.f(x))\" y2=\"\(Chart.f(y2))\" "
            s += "stroke=\"\(tick == 0 ? "#333" : "#ddd")\"/>"
            s += "<text x=\"\(Chart.f(x))\" y=\"\(Chart.f(y2 + 16))\" text-anchor=\"middle\">\(tick)%</text>\n"
        }
        s += "</g>\n<g class=\"series bars\" fill=\"\(color)\" font-size=\"12\">\n"
        for (i, name) in categories.enumerated() {
            let share = i < shares.count ? min(1, max(0, shares[i])) : 0
            let y = top + row * Double(i)
            let label = String(format: "%.1f%%", share * 100)
            s += "<text x=\"\(Chart.f(left - 8))\" y=\"\(Chart.f(y + 15))\" text-anchor=\"end\" fill=\"#222\">"
            s += "\(Markup.escape(name))</text>"
            s += "<rect x=\"\(Chart.f(left))\" y=\"\(Chart.f(y + 4))\" width=\"\(Chart.f(max(0.5, plot * share)))\" "
            s += "height=\"\(Chart.f(row - 8))\"><title>\(Markup.escape("\(name): \(label)"))</title></rect>"
            s += "<text x=\"\(Chart.f(left + plot * share + 4))\" y=\"\(Chart.f(y + 15))\" fill=\"#222\">"
            s += "\(label)</text>\n"
        }
        s += "</g>\n</svg>\n"
        return s
    }
}
