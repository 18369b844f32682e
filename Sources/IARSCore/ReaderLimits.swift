/// Guard rails for reading input files: how big, how deep and how large the
/// numbers in a document may be.
///
/// The defaults are generous for any real programme (a 15 groups × 8 shelters ×
/// 120 months scenario is well under 1 MiB and 100,000 nodes) and small enough
/// that a hostile or broken file is refused in milliseconds instead of
/// exhausting memory, the stack or the solver. A command-line flag can raise
/// them; every message that a limit produces names the limit.
///
/// | Limit            | Default      | Applies to                                         |
/// |------------------|--------------|----------------------------------------------------|
/// | `maxFileBytes`   | 16 MiB       | the file, checked before it is read                |
/// | `maxDepth`       | 64           | nesting of lists and mappings                      |
/// | `maxNodes`       | 2,000,000    | nodes once YAML aliases are expanded               |
/// | `maxDiagnostics` | 1,000        | problems listed (the rest are counted)             |
/// | `maxMonths`      | 120          | `months` (the spec's horizon, 1...120)             |
/// | `maxCount`       | 1,000,000    | people, beds, slots, seats and departures          |
/// | `maxCost`        | 1e9          | unit costs (per bed-night, seat, case, ...)        |
/// | `maxBudget`      | 1e12         | `budget.total` and `budget.monthly`                |
/// | `maxPriority`    | 1e6          | `groups[].priority`                                |
/// | `maxTimeLimit`   | 1e6 seconds  | `options.time_limit_seconds` (GLPK counts in `int` milliseconds) |
public struct ReaderLimits: Sendable, Equatable {
    /// Largest file read, in bytes.
    public var maxFileBytes: Int
    /// Deepest nesting of lists and mappings; the top-level mapping is depth 1.
    public var maxDepth: Int
    /// Most nodes (scalars, lists, mappings) in a document, counting every
    /// use of a YAML alias as a full copy of what it names (mapping keys count too).
    public var maxNodes: Int
    /// Most problems reported for one file; further ones are only counted.
    public var maxDiagnostics: Int
    /// Longest planning horizon, in months.
    public var maxMonths: Int
    /// Largest count of people, beds, screening slots, seats, departures or
    /// partner slots in one month.
    public var maxCount: Int
    /// Largest unit cost.
    public var maxCost: Double
    /// Largest budget cap, total or monthly.
    public var maxBudget: Double
    /// Largest weight of one unmet case.
    public var maxPriority: Double
    /// Largest solver time limit, in seconds.
    public var maxTimeLimit: Double

    public init(
        maxFileBytes: Int = 16 << 20,
        maxDepth: Int = 64,
        maxNodes: Int = 2_000_000,
        maxDiagnostics: Int = 1_000,
        maxMonths: Int = 120,
        maxCount: Int = 1_000_000,
        maxCost: Double = 1e9,
        maxBudget: Double = 1e12,
        maxPriority: Double = 1e6,
        maxTimeLimit: Double = 1e6
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxDiagnostics = maxDiagnostics
        self.maxMonths = maxMonths
        self.maxCount = maxCount
        self.maxCost = maxCost
        self.maxBudget = maxBudget
        self.maxPriority = maxPriority
        self.maxTimeLimit = maxTimeLimit
    }

    /// The documented defaults.
    public static let `default` = ReaderLimits()
}
