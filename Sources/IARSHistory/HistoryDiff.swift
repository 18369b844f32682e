import Foundation

/// What changed between two states of the history (each the latest run of
/// every job as of a moment): per job the status and objective values before
/// and after, and the months whose key figures moved.
public struct HistoryDiff: Sendable, Equatable {
    public struct MonthChange: Sendable, Equatable {
        public var month: String
        public var before: MonthMetrics?
        public var after: MonthMetrics?
    }

    public struct JobChange: Sendable, Equatable {
        public var name: String
        public var before: RunRecord?
        public var after: RunRecord?
        public var months: [MonthChange]
        /// The input files changed (or the options), whatever the results.
        public var inputChanged: Bool
    }

    public var changes: [JobChange]
    public var unchanged: Int

    /// Compares two states (each at most one run per job).
    public init(before: [RunRecord], after: [RunRecord], tolerance: Double = 1e-6) {
        let a = Dictionary(before.map { ($0.displayName, $0) }, uniquingKeysWith: { _, last in last })
        let b = Dictionary(after.map { ($0.displayName, $0) }, uniquingKeysWith: { _, last in last })
        func same(_ x: Double?, _ y: Double?) -> Bool {
            switch (x, y) {
            case (nil, nil): return true
            case let (x?, y?): return abs(x - y) <= tolerance * max(1, abs(x), abs(y))
            default: return false
            }
        }
        func sameMonth(_ x: MonthMetrics, _ y: MonthMetrics) -> Bool {
            x.arrivals == y.arrivals && x.beds == y.beds && same(x.admitted, y.admitted) && same(x.unmet, y.unmet)
                && same(x.returned, y.returned) && same(x.inShelter, y.inShelter) && same(x.waiting, y.waiting)
                && same(x.cost, y.cost) && same(x.budget, y.budget)
        }
        var changes: [JobChange] = []
        var unchanged = 0
        for name in Set(a.keys).union(b.keys).sorted() {
            let x = a[name], y = b[name]
            var months: [MonthChange] = []
            let xm = Dictionary((x?.months ?? []).map { ($0.month, $0) }, uniquingKeysWith: { f, _ in f })
            let ym = Dictionary((y?.months ?? []).map { ($0.month, $0) }, uniquingKeysWith: { f, _ in f })
            for m in Set(xm.keys).union(ym.keys).sorted() {
                if let p = xm[m], let q = ym[m], sameMonth(p, q) { continue }
                months.append(MonthChange(month: m, before: xm[m], after: ym[m]))
            }
            let inputChanged = x?.inputHash != y?.inputHash || x?.optionsHash != y?.optionsHash
            let resultChanged =
                x?.status != y?.status || !same(x?.unmet, y?.unmet) || !same(x?.waiting, y?.waiting)
                || !same(x?.cost, y?.cost) || !months.isEmpty
            if x != nil, y != nil, !inputChanged, !resultChanged {
                unchanged += 1
                continue
            }
            changes.append(JobChange(name: name, before: x, after: y, months: months, inputChanged: inputChanged))
        }
        self.changes = changes
        self.unchanged = unchanged
    }
}
