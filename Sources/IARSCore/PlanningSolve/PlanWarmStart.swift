import IARSInput
import LinearProgramming

/// A plan's column values by column name, to start the search of a similar
/// scenario from it (``Planner/plan(_:warmStart:)``).
///
/// Neighbouring points of a sweep differ in a bound or two: the previous plan
/// is often still feasible, and handed to branch-and-cut as the first incumbent
/// it lets the first level (unmet) prune from the start. Columns are matched by
/// name (`admit[g,s,t]`, `dep[route,t]`, ...), so the models need not have the
/// same shape; a column the previous plan lacks starts at 0. The solver layer
/// checks the point against every bound and row and ignores it when it does
/// not fit, so a warm start never changes the result, only the time.
public struct PlanWarmStart: Sendable, Equatable {
    public var values: [String: Double]

    public init(values: [String: Double]) {
        self.values = values
    }

    init(model: LinearModel, values x: [Double]) {
        var v: [String: Double] = [:]
        v.reserveCapacity(x.count)
        for (j, c) in model.columns.enumerated() where j < x.count { v[c.name] = x[j] }
        values = v
    }

    /// The point for `model`'s columns.
    func point(for model: LinearModel) -> [Double] {
        model.columns.map { values[$0.name] ?? 0 }
    }
}
