import IARSInput
import LinearProgramming

/// GLPK's search settings for the integer levels, as a command sets them (the hidden
/// `--cuts`, `--branching`, `--backtracking` and `--heuristics` flags, for experiments and
/// benchmarks). The planner, the scheduler and the explanation take them as they are;
/// callers outside IARSCore never see the solver layer's types.
public struct SearchSettings: Sendable, Equatable {
    var options: SolveOptions
    /// Whether the branching rule was given (`--branching`): it then holds in every search,
    /// the levels' last branch-and-cut included (``LinearProgramming/LexicographicSolver/SearchPolicy/lastSearchBranching``).
    var branchingGiven = false

    /// GLPK's settings as iars uses them unless told otherwise.
    public init() { options = SolveOptions() }

    init(_ options: SolveOptions, branchingGiven: Bool = false) {
        self.options = options
        self.branchingGiven = branchingGiven
    }

    /// A setting given in words that iars does not know.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        /// The flag, e.g. `--cuts`.
        public var flag: String
        public var description: String
    }

    /// The cut generators: `all`, `none`, or a comma list of gomory, mir, cover, clique.
    public mutating func setCuts(_ text: String) throws {
        let names = Set(text.split(separator: ",").map(String.init))
        if names == ["all"] { options.cuts = .all; return }
        if names == ["none"] { options.cuts = .none; return }
        guard names.isSubset(of: ["gomory", "mir", "cover", "clique"]) else {
            throw Invalid(
                flag: "--cuts",
                description: "--cuts: expected all, none or a list of gomory, mir, cover, clique; got \(text).")
        }
        options.cuts = CutOptions(
            gomory: names.contains("gomory"), mir: names.contains("mir"),
            cover: names.contains("cover"), clique: names.contains("clique"))
    }

    /// The branching rule: first-fractional, last-fractional, most-fractional,
    /// driebeck-tomlin, pseudo-cost.
    public mutating func setBranching(_ text: String) throws {
        guard let rule = BranchingRule(rawValue: text) else {
            throw Invalid(flag: "--branching", description: "--branching: unknown rule \(text).")
        }
        options.branching = rule
        branchingGiven = true
    }

    /// The backtracking rule: depth-first, breadth-first, best-local, best-projection.
    public mutating func setBacktracking(_ text: String) throws {
        guard let rule = BacktrackingRule(rawValue: text) else {
            throw Invalid(flag: "--backtracking", description: "--backtracking: unknown rule \(text).")
        }
        options.backtracking = rule
    }

    /// Whether branch-and-cut starts from the tightened programme (`on`, the default) or
    /// the programme as built (`off`): ``LinearProgramming/SolveOptions/strengthen``.
    public mutating func setStrengthening(_ text: String) throws {
        options.strengthen = try Self.onOff(text, flag: "--strengthening")
    }

    /// Whether each level's last branch-and-cut tightens its integer columns' bounds by
    /// reduced costs (`on`, the default) or not (`off`):
    /// ``LinearProgramming/SolveOptions/reducedCostTightening``.
    public mutating func setReducedCosts(_ text: String) throws {
        options.reducedCostTightening = try Self.onOff(text, flag: "--reduced-costs")
    }

    /// The heuristics: `none` or a comma list of fp (feasibility pump), ps (proximity
    /// search), sr (simple rounding).
    public mutating func setHeuristics(_ text: String) throws {
        let names = Set(text.split(separator: ",").map(String.init))
        guard names.isSubset(of: ["none", "fp", "ps", "sr"]) else {
            throw Invalid(
                flag: "--heuristics", description: "--heuristics: expected none or a list of fp, ps, sr; got \(text).")
        }
        options.heuristics.feasibilityPump = names.contains("fp")
        options.heuristics.proximitySearch = names.contains("ps")
        options.heuristics.simpleRounding = names.contains("sr")
    }

    /// `on` or `off`, else the flag's error.
    static func onOff(_ text: String, flag: String) throws -> Bool {
        switch text {
        case "on": return true
        case "off": return false
        default: throw Invalid(flag: flag, description: "\(flag): expected on or off; got \(text).")
        }
    }
}

extension Planner {
    /// GLPK's search settings for the integer levels.
    public var search: SearchSettings {
        get { SearchSettings(searchOptions, branchingGiven: policy.search.lastSearchBranching == nil) }
        set {
            searchOptions = newValue.options
            policy.search.lastSearchBranching =
                newValue.branchingGiven ? nil : SolvePolicy.default.search.lastSearchBranching
        }
    }
}

extension Scheduler {
    /// GLPK's search settings for every solve.
    public var search: SearchSettings {
        get { SearchSettings(searchOptions) }
        set { searchOptions = newValue.options }
    }
}

extension PlanExplainer {
    /// GLPK's search settings (the LP relaxation uses only the simplex ones; the whole-unit
    /// checks plan with all of them).
    public var search: SearchSettings {
        get { SearchSettings(searchOptions, branchingGiven: branchingGiven) }
        set {
            searchOptions = newValue.options
            branchingGiven = newValue.branchingGiven
        }
    }
}

/// A request to stop every search in the process early (the first Ctrl-C or SIGTERM):
/// each running search ends at its next check and its best result so far is written,
/// `stopped_by: interrupt`.
public enum StopRequest {
    /// Asks every running search to stop; returns whether it had already been asked.
    @discardableResult
    public static func request() -> Bool { Interruption.shared.request() }

    /// Whether a stop was asked for.
    public static var isRequested: Bool { Interruption.shared.isRequested }
}

/// The file formats of ``Planner/export(_:level:format:to:)``.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// CPLEX LP.
    case lp
    /// Free MPS.
    case mps

    var modelFileFormat: ModelFileFormat {
        switch self {
        case .lp: .lp
        case .mps: .mps
        }
    }
}
