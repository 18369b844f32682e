import IARSInput

/// The risk report (`spec/uncertainty.md`, "`iars risk`"): what happens over N futures
/// with the capacity the scenario has (plus a purchase). Every figure is a function of
/// the futures' records (``FutureOutcome``) in future order, so one run and merged shards
/// give the same report to the last bit.
///
/// Each future is planned with hindsight of its own arrivals: the figures bound what
/// month-by-month operations could achieve (the output says so).
public struct RiskResult: Sendable, Equatable {
    /// Mean and quantiles by nearest rank (the value at rank ceil(q N) of the sorted values).
    public struct Summary: Sendable, Equatable {
        public var mean: Double
        public var p10: Double
        public var p50: Double
        public var p90: Double
        public var p95: Double
        public var max: Double
    }

    /// A share of the futures with its 95% Wilson score interval.
    public struct Share: Sendable, Equatable {
        public var count: Int
        public var of: Int
        public var value: Double { of > 0 ? Double(count) / Double(of) : 0 }
        public var low: Double
        public var high: Double
    }

    public struct GroupRisk: Sendable, Equatable {
        public var id: String
        /// Mean unmet cases over the futures with a plan.
        public var meanUnmet: Double
        /// Share of those futures with any unmet case of the group.
        public var shareAny: Double
    }

    public struct CapacityRisk: Sendable, Equatable {
        public var capacity: RiskFrame.Capacity
        /// Share of the futures with a plan in which it is full in at least one month.
        public var shareFull: Double
    }

    public struct MonthBand: Sendable, Equatable {
        public var month: String
        public var p10: Double
        public var p50: Double
        public var p90: Double
    }

    /// The scenario's names and the run's settings.
    public var frame: RiskFrame
    /// Futures with a plan; the statistics below are over them (a future without one does
    /// not serve all).
    public var planned: Int
    /// Futures with priority-weighted unmet 0 (of N).
    public var servedAll: Share
    public var unmet: Summary
    public var unmetCases: Summary
    public var groups: [GroupRisk]
    public var waiting: Summary
    public var cost: Summary
    /// Share of the futures with a plan whose plan uses the whole total or a whole monthly budget.
    public var budgetBinding: Double
    public var capacities: [CapacityRisk]
    /// People in shelter at the end of each month: the fan chart's band.
    public var inShelter: [MonthBand]
    public var outcomes: [FutureOutcome]
}
