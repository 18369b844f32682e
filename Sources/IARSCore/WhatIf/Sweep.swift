import Foundation
import IARSInput

/// One parameter of a sweep: `PATH=FROM:TO:STEP` sets the value at PATH to
/// FROM, FROM+STEP, ... up to TO; `PATH*=FROM:TO:STEP` scales it by those
/// factors (counts round half up), e.g. `groups.ua-women.arrivals*=1:2:0.25`.
public struct SweepAxis: Sendable, Equatable {
    public var path: String
    /// true: the values are factors (`*=`).
    public var scale: Bool
    public var values: [Double]

    public init(path: String, scale: Bool, values: [Double]) {
        self.path = path
        self.scale = scale
        self.values = values
    }

    /// Most points on one axis, and in a grid.
    public static let maxPoints = 1000

    /// `shelters.vlora.beds` or `groups.*.arrivals x` (for a factor).
    public var label: String { scale ? path + " x" : path }

    /// Parses `PATH=FROM:TO:STEP` or `PATH*=FROM:TO:STEP`.
    ///
    /// - Throws: `InputError` naming `--vary`: no `=`, not three numbers, STEP <= 0,
    ///   TO < FROM, too many points, or a fractional value for a count that is set.
    public static func parse(_ text: String) throws(InputError) -> SweepAxis {
        func fail(_ path: String, _ message: String) -> InputError {
            InputError(file: "--vary", path: path, message: message)
        }
        guard let eq = text.firstIndex(of: "=") else {
            throw fail(
                "",
                "expected PATH=FROM:TO:STEP (or PATH*=FROM:TO:STEP for factors), e.g. budget.total=15000:30000:2500; got \(quoted(text, limit: 80))"
            )
        }
        var path = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
        var scale = false
        if path.hasSuffix("*") {
            scale = true
            path = String(path.dropLast()).trimmingCharacters(in: .whitespaces)
        }
        guard !path.isEmpty else { throw fail("", "a path is missing before '=' in \(quoted(text, limit: 80))") }
        let parts = text[text.index(after: eq)...].split(separator: ":", omittingEmptySubsequences: false)
        let numbers = parts.map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == 3, let from = numbers[0], let to = numbers[1], let step = numbers[2],
            from.isFinite, to.isFinite, step.isFinite
        else {
            throw fail(
                path,
                "expected FROM:TO:STEP (three numbers), got \(quoted(String(text[text.index(after: eq)...]), limit: 80))"
            )
        }
        guard step > 0 else { throw fail(path, "STEP must be > 0, got \(formatNumber(step))") }
        guard to >= from else { throw fail(path, "TO (\(formatNumber(to))) must be >= FROM (\(formatNumber(from)))") }
        let n = Int(((to - from) / step + 1e-9).rounded(.down)) + 1
        guard n <= maxPoints else { throw fail(path, "\(n) points; at most \(maxPoints) (raise STEP)") }
        let values = (0..<n).map { i in ((from + Double(i) * step) * 1e9).rounded() / 1e9 }
        let field = path.split(separator: ".").last.map(String.init) ?? ""
        if !scale, ScenarioSchema.integerFields.contains(field), values.contains(where: { $0 != $0.rounded() }) {
            throw fail(path, "'\(field)' is a count: FROM and STEP must be whole numbers")
        }
        if scale, from < 0 { throw fail(path, "a factor must be >= 0, got \(formatNumber(from))") }
        return SweepAxis(path: path, scale: scale, values: values)
    }

    /// The override for `value`.
    func override(_ value: Double) -> ScenarioOverride {
        if scale { return ScenarioOverride(path: path, change: .scale(value)) }
        let field = path.split(separator: ".").last.map(String.init) ?? ""
        let node: DocumentNode.Value =
            ScenarioSchema.integerFields.contains(field) && abs(value) < 9e15
            ? .integer(Int(value)) : .float(value)
        return ScenarioOverride(path: path, change: .set(DocumentNode(node, line: 0)))
    }
}

/// The plans over a grid of one or two parameters.
public struct SweepResult: Sendable {
    public struct Point: Sendable {
        /// One value per axis.
        public var values: [Double]
        public var metrics: PlanMetrics
        /// Seconds to plan this point (reported only when asked: they vary).
        public var seconds: Double
    }

    /// The scenario's name (`BASE/VARIANT` for a variant).
    public var scenario: String
    public var currency: String
    public var axes: [SweepAxis]
    /// Row-major: the last axis varies fastest.
    public var points: [Point]
    /// Whether each point started from its neighbour's plan.
    public var warm: Bool

    public var totalSeconds: Double { points.reduce(0) { $0 + $1.seconds } }
    /// Whether every point has a plan.
    public var allPlanned: Bool { points.allSatisfy { $0.metrics.objective != nil } }
}

/// Plans every point of a grid.
public struct Sweeper: Sendable {
    public var planner: Planner
    /// Start each point from the plan of the point solved before it (its neighbour).
    public var warm: Bool
    /// Applied to every point's scenario after its changes (`--caseload`: the start from the
    /// cases in shelter); nil plans the points as they are.
    public var prepare: Prepare?

    /// A change made to every point's scenario, or why it cannot be made.
    public typealias Prepare = @Sendable (Scenario) throws(InputError) -> Scenario

    public init(planner: Planner, warm: Bool = true, prepare: Prepare? = nil) {
        self.planner = planner
        self.warm = warm
        self.prepare = prepare
    }

    /// The scenarios of the grid, row-major, validated.
    ///
    /// - Throws: `InputError` for the first point that is not a valid scenario
    ///   (e.g. a negative count), naming the point.
    public static func scenarios(
        _ set: ScenarioSet, variant: String?, axes: [SweepAxis],
        overrides: [ScenarioOverride] = [], prepare: Prepare? = nil
    ) throws(InputError) -> [[Double]: Scenario] {
        var out: [[Double]: Scenario] = [:]
        for values in grid(axes) {
            let changes = overrides + zip(axes, values).map { $0.override($1) }
            do {
                let scenario = try set.scenario(variant: variant, overrides: changes)
                out[values] = try prepare.map { f throws(InputError) in try f(scenario) } ?? scenario
            } catch {
                let at = zip(axes, values).map { "\($0.label)=\(formatNumber($1))" }.joined(separator: ", ")
                throw InputError(
                    error.diagnostics.map {
                        Diagnostic(
                            file: $0.file, line: $0.line, path: $0.path, message: $0.message + " (sweep point \(at))")
                    })
            }
        }
        return out
    }

    /// Every combination of the axes' values, row-major.
    public static func grid(_ axes: [SweepAxis]) -> [[Double]] {
        axes.reduce([[]]) { acc, axis in acc.flatMap { prefix in axis.values.map { prefix + [$0] } } }
    }

    /// The order points are solved in: row-major, every other row reversed
    /// (a snake), so each point follows a neighbour.
    public static func solveOrder(_ axes: [SweepAxis]) -> [[Double]] {
        guard axes.count == 2 else { return grid(axes) }
        var out: [[Double]] = []
        for (i, a) in axes[0].values.enumerated() {
            let row = axes[1].values.map { [a, $0] }
            out += i % 2 == 0 ? row : row.reversed()
        }
        return out
    }

    /// Plans the grid.
    ///
    /// - Throws: `InputError` for a point that is not a valid scenario (before
    ///   anything is solved); ``Planner``'s internal errors.
    ///
    /// - Parameter willPlan: told before each point is planned: its number in solve order
    ///   (from 1), how many there are, and the point (`budget.total=18000`; the command
    ///   line's progress line).
    public func run(
        _ set: ScenarioSet, variant: String? = nil, axes: [SweepAxis],
        overrides: [ScenarioOverride] = [],
        willPlan: ((_ number: Int, _ count: Int, _ point: String) -> Void)? = nil
    ) throws -> SweepResult {
        let scenarios = try Self.scenarios(
            set, variant: variant, axes: axes, overrides: overrides, prepare: prepare)
        var byValues: [[Double]: SweepResult.Point] = [:]
        var previous: PlanWarmStart? = nil
        let clock = ContinuousClock()
        let order = Self.solveOrder(axes)
        for (i, values) in order.enumerated() {
            let sc = scenarios[values]!
            willPlan?(
                i + 1, order.count,
                zip(axes, values).map { "\($0.path)\($0.scale ? "*" : "")=\(formatNumber($1))" }
                    .joined(separator: ", "))
            let started = clock.now
            let (r, next) = try planner.plan(sc, warmStart: warm ? previous : nil)
            let elapsed = clock.now - started
            if next != nil { previous = next }
            byValues[values] = .init(values: values, metrics: PlanMetrics(r), seconds: elapsed.inSeconds)
        }
        let base = try set.scenario(variant: variant)
        return SweepResult(
            scenario: base.name, currency: base.currency, axes: axes,
            points: Self.grid(axes).map { byValues[$0]! }, warm: warm)
    }
}
