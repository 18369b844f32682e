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
/// | `maxModelSize`   | 1,000,000    | groups × shelters × months (the plan model grows with it) |
/// | `maxCases`       | 100,000      | data rows of a caseload CSV                        |
///
/// On the command line, `--limit KEY=VALUE` sets one (``keys``); docs/limits.md.
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
    /// Largest plan model, as groups × shelters × months: the compact model
    /// has about three columns and three rows per cell, so the solver's memory
    /// grows with it (a million cells is several GB in GLPK).
    public var maxModelSize: Int
    /// Most data rows in a caseload CSV.
    public var maxCases: Int

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
        maxTimeLimit: Double = 1e6,
        maxModelSize: Int = 1_000_000,
        maxCases: Int = 100_000
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
        self.maxModelSize = maxModelSize
        self.maxCases = maxCases
    }

    /// The documented defaults.
    public static let `default` = ReaderLimits()
}

extension ReaderLimits {
    /// One limit as the command line names it (`--limit KEY=VALUE`).
    public struct Key: Sendable {
        /// The name after `--limit`, e.g. `input-mb`.
        public let name: String
        /// What it caps, for `--help` and the docs.
        public let summary: String
        let set: @Sendable (inout ReaderLimits, Double) -> Void
        let get: @Sendable (ReaderLimits) -> Double
        /// Whether the value must be a whole number.
        let integral: Bool
    }

    /// Every limit the command line can raise, in the documented order.
    public static let keys: [Key] = [
        Key(
            name: "input-mb", summary: "largest input file, in MiB (16)",
            set: { $0.maxFileBytes = Int($1 * 1_048_576) }, get: { Double($0.maxFileBytes) / 1_048_576 },
            integral: false),
        Key(
            name: "depth", summary: "deepest nesting of lists and mappings (64)",
            set: { $0.maxDepth = Int($1) }, get: { Double($0.maxDepth) }, integral: true),
        Key(
            name: "nodes", summary: "most YAML/JSON nodes once aliases are expanded (2000000)",
            set: { $0.maxNodes = Int($1) }, get: { Double($0.maxNodes) }, integral: true),
        Key(
            name: "problems", summary: "most problems listed per file (1000)",
            set: { $0.maxDiagnostics = Int($1) }, get: { Double($0.maxDiagnostics) }, integral: true),
        Key(
            name: "months", summary: "longest horizon, in months (120)",
            set: { $0.maxMonths = Int($1) }, get: { Double($0.maxMonths) }, integral: true),
        Key(
            name: "count", summary: "largest count of people, beds, slots, seats or departures (1000000)",
            set: { $0.maxCount = Int($1) }, get: { Double($0.maxCount) }, integral: true),
        Key(
            name: "cost", summary: "largest unit cost (1e9)",
            set: { $0.maxCost = $1 }, get: { $0.maxCost }, integral: false),
        Key(
            name: "budget", summary: "largest budget cap (1e12)",
            set: { $0.maxBudget = $1 }, get: { $0.maxBudget }, integral: false),
        Key(
            name: "priority", summary: "largest priority (1e6)",
            set: { $0.maxPriority = $1 }, get: { $0.maxPriority }, integral: false),
        Key(
            name: "time-limit", summary: "largest options.time_limit_seconds (1e6)",
            set: { $0.maxTimeLimit = $1 }, get: { $0.maxTimeLimit }, integral: false),
        Key(
            name: "model", summary: "largest plan model, groups x shelters x months (1000000)",
            set: { $0.maxModelSize = Int($1) }, get: { Double($0.maxModelSize) }, integral: true),
        Key(
            name: "cases", summary: "most rows in a caseload CSV (100000)",
            set: { $0.maxCases = Int($1) }, get: { Double($0.maxCases) }, integral: true),
    ]

    /// Applies `KEY=VALUE` (one `--limit`).
    ///
    /// - Returns: nil when applied, else why not (a message for the user).
    public mutating func apply(_ setting: String) -> String? {
        let names = Self.keys.map(\.name).joined(separator: ", ")
        guard let eq = setting.firstIndex(of: "=") else {
            return "--limit: expected KEY=VALUE (keys: \(names)), got '\(setting)'"
        }
        let name = String(setting[..<eq]), valueText = String(setting[setting.index(after: eq)...])
        guard let key = Self.keys.first(where: { $0.name == name }) else {
            let hint =
                Suggestion.closest(to: name, among: Self.keys.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
            return "--limit: unknown limit '\(name)'\(hint) (keys: \(names))"
        }
        // Below 2^50 so every Int conversion above is exact and cannot trap.
        guard let value = Double(valueText), value.isFinite, value > 0, value < 0x1p50,
            !key.integral || value.rounded() == value
        else {
            return "--limit \(name): expected a \(key.integral ? "whole number" : "number") greater than 0 "
                + "(and below 2^50), got '\(valueText)'"
        }
        key.set(&self, value)
        return nil
    }
}
