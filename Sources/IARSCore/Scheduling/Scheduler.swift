import Foundation
import IARSInput
import LinearProgramming

/// Schedules a caseload: builds ``ScheduleModel``, solves it lexicographically
/// (unassigned, then left-behind days, then waiting days, then cost) with GLPK,
/// splits the counts back to case ids and explains every case left behind.
///
/// The levels run one after the other over every country's part: all parts are
/// brought to their best `unassigned`, then to their best `left_behind_days` with
/// a row that keeps `unassigned` at its optimum (within ``tolerance``), then to
/// their best `waiting_days` keeping both, then to their best cost
/// (``LinearProgramming/LexicographicSolver``, one per part). Each solve starts from the
/// previous level's point as its incumbent; the first from "nobody scheduled",
/// which is always feasible. A time limit therefore costs the last levels first.
///
/// ## Splitting counts back to cases
/// Within a class, cases are taken in case-id order: the first ones scheduled,
/// the rest left. Along a country's departures in date order, the scheduled
/// cases waiting for a departure board it first-ready first-served (then by
/// case id). The split is a pure function of the counts, so the same input
/// gives the same schedule.
public struct Scheduler: Sendable {
    /// How closely a solved level is kept.
    public var tolerance = KeepTolerance()
    /// Wall-clock limit for all levels together, in seconds; overrides the scenario's
    /// `options.time_limit_seconds`.
    public var timeLimit: Double?
    /// Shows GLPK's own log on standard output.
    public var verbose = false
    /// The effort budget in work units; overrides `options.effort` of the scenario when set.
    public var effort: Int?
    /// Receives progress snapshots while the search runs (the command line's live line).
    public var trace: SolveTrace?
    /// The default effort and the effort a time limit stands for (``SolvePolicy``).
    public var policy = SolvePolicy.default
    /// Search settings for every solve (time limit and incumbent are set per solve).
    public var searchOptions = SolveOptions()

    public init(timeLimit: Double? = nil, verbose: Bool = false) {
        self.timeLimit = timeLimit
        self.verbose = verbose
    }

    /// Schedules `schedule`.
    ///
    /// - Returns: The schedule (status optimal or feasible), or a result with
    ///   status time-limit when the limit ran out before any schedule was found.
    /// - Throws: ``LinearProgrammingError`` or ``SchedulerError`` only on an internal
    ///   error; bad input is refused earlier by ``ScheduleLoader``.
    public func schedule(_ schedule: Schedule) throws -> ScheduleResult {
        let clock = ContinuousClock()
        let started = clock.now
        let limit = timeLimit ?? schedule.scenario.options.timeLimitSeconds
        let budget = policy.budget(
            given: effort ?? schedule.scenario.options.effort, timeLimit: limit, started: started)

        let model = ScheduleModel(schedule: schedule)
        var result = ScheduleResult(
            scenario: schedule.scenario.name, currency: schedule.scenario.currency, status: .optimal,
            objective: nil,
            size: .init(
                cases: schedule.cases.count, departures: schedule.departures.count,
                classes: model.classes.count, parts: model.parts.count,
                columns: model.parts.reduce(0) { $0 + $1.model.columns.count },
                rows: model.parts.reduce(0) { $0 + $1.model.rows.count },
                nonzeros: model.parts.reduce(0) { $0 + $1.model.numberOfNonzeros }))
        result.timing.build = (clock.now - started).inSeconds

        let progress = ProgressReporter(
            trace: trace, meter: budget.meter, limit: budget.isLimited ? budget.left : nil,
            started: started)
        budget.meter.onProgress = progress.solverStep
        defer { budget.meter.onProgress = nil }
        let outcome = try solveLevels(model, budget: budget, clock: clock, progress: progress)
        result.timing.levels = outcome.seconds
        result.effort = budget.used
        let extractStart = clock.now
        guard let points = outcome.points else {
            result.status = .timeLimit
            result.stoppedBy = outcome.stoppedBy.map(StoppedBy.init) ?? .effort
            return result
        }
        result.status = outcome.stoppedLevel == nil ? .optimal : .feasible
        result.stoppedLevel = outcome.stoppedLevel
        result.stoppedCountries = outcome.stoppedParts
        if outcome.stoppedLevel != nil { result.stoppedBy = outcome.stoppedBy.map(StoppedBy.init) ?? .effort }
        let ride = try split(model, points: points, schedule: schedule)
        try ScheduleEvaluator(schedule: schedule, ride: ride).fill(&result)
        result.timing.extract = (clock.now - extractStart).inSeconds
        return result
    }

    struct LevelOutcome {
        /// One point per part; nil when the time limit stopped the first level without one.
        var points: [[Double]]?
        var seconds: [Double] = []
        var stoppedLevel: String?
        /// Each stopped part's country and level, in part order.
        var stoppedParts: [ScheduleResult.StoppedCountry] = []
        /// What stopped the first part that stopped early.
        var stoppedBy: StopCause?
    }

    /// Minimises each level over every part, keeping the earlier levels at their optimum:
    /// the parts move through the levels together, so that a budget spent stops the last
    /// levels first.
    func solveLevels(
        _ model: ScheduleModel, budget: WorkBudget, clock: ContinuousClock,
        progress: ProgressReporter? = nil
    ) throws -> LevelOutcome {
        var outcome = LevelOutcome()
        var points = model.parts.map(ScheduleModel.emptyPoint)
        let solvers = try model.parts.map { try LexicographicSolver($0.model, levels: $0.levels, tolerance: tolerance) }
        var stopped = Array(repeating: false, count: model.parts.count)
        var options = searchOptions
        options.verbose = verbose
        options.relaxIntegrality = false
        options.budget = budget
        func stop(_ p: Int, _ name: String, _ cause: StopCause?) {
            stopped[p] = true
            outcome.stoppedLevel = outcome.stoppedLevel ?? name
            outcome.stoppedParts.append(.init(country: model.parts[p].country, level: name))
            outcome.stoppedBy = outcome.stoppedBy ?? cause ?? budget.exhausted ?? .effort
        }
        for level in 0..<ScheduleModel.levelNames.count {
            let levelStart = clock.now
            let name = ScheduleModel.levelNames[level]
            progress?.stage(name)
            for p in model.parts.indices where !stopped[p] {
                let part = model.parts[p]
                if let cause = budget.exhausted {
                    outcome.stoppedBy = outcome.stoppedBy ?? cause
                    if level == ScheduleModel.unassignedLevel { return outcome }
                    stop(p, name, cause)
                    continue
                }
                // `open` costs nothing before the cost level: fixed at 1 it cannot bind.
                let costLevel = level == ScheduleModel.costLevel
                for case let o? in part.open {
                    try solvers[p].problem.setColumnBounds(o, lower: costLevel ? 0 : 1, upper: 1)
                }
                options.incumbent = costLevel ? Self.tightened(points[p], part: part, model: model) : points[p]
                let solution = try solvers[p].solveLevel(level, options: options)
                switch solution.status {
                case .optimal:
                    // Every column is integer and every row has integer coefficients: the
                    // rounded point is exactly feasible, and its objective exact (GLPK's own
                    // value carries its integrality tolerance, up to 1e-5 per column).
                    points[p] = solution.values.map { $0.rounded() }
                    try solvers[p].keep(level, at: part.levels[level].value(at: points[p]))
                case .feasible:
                    points[p] = solution.values.map { $0.rounded() }
                    stop(p, name, solution.stopCause)
                case .timeLimit:
                    if level == ScheduleModel.unassignedLevel {
                        outcome.stoppedBy = solution.stopCause ?? .effort
                        return outcome
                    }
                    stop(p, name, solution.stopCause)
                case .infeasible, .unbounded, .failed:
                    throw SchedulerError(
                        "level \(name) of country \(part.country) ended \(solution.status): \(solution.message)")
                }
            }
            outcome.seconds.append((clock.now - levelStart).inSeconds)
        }
        outcome.points = points
        outcome.stoppedParts.sort { $0.country < $1.country }
        return outcome
    }

    /// The point of the waiting level as a start for the cost level: departures
    /// without cases closed, escorts cut to what the escorted cases need.
    static func tightened(_ x: [Double], part: ScheduleModel.Part, model: ScheduleModel) -> [Double] {
        var y = x.map { $0.rounded() }
        for k in part.departures.indices {
            let load = part.streams.reduce(0.0) { $0 + ($1.board[k].map { y[$0] } ?? 0) }
            if let o = part.open[k] { y[o] = load > 0 ? 1 : 0 }
            if let e = part.escorts[k], let a = part.streams.first(where: { $0.escorted })?.board[k],
                let ratio = part.escortRatio
            {
                y[e] = (y[a] / Double(ratio)).rounded(.up)
            }
        }
        return y
    }

    /// The departure of every case (nil: unassigned), from the parts' points.
    ///
    /// - Throws: ``SchedulerError`` if the counts are inconsistent (never for a feasible point).
    func split(_ model: ScheduleModel, points: [[Double]], schedule: Schedule) throws -> [Int?] {
        var ride: [Int?] = Array(repeating: nil, count: schedule.cases.count)
        let cases = schedule.cases
        for (p, part) in model.parts.enumerated() {
            let x = points[p]
            func count(_ column: Int) -> Int { Int(x[column].rounded()) }
            for stream in part.streams {
                var queue: [Int] = []
                var head = 0
                for k in stream.first..<part.departures.count {
                    var joined: [Int] = []
                    for cls in stream.joining[k] {
                        let n = count(part.enter[cls]!)
                        joined += model.classes[cls].cases.prefix(n)
                    }
                    joined.sort { a, b in
                        let (ca, cb) = (cases[a], cases[b])
                        if ca.readyDate != cb.readyDate { return ca.readyDate < cb.readyDate }
                        return ca.id.utf8.lexicographicallyPrecedes(cb.id.utf8)
                    }
                    queue += joined
                    let boarding = count(stream.board[k]!)
                    guard boarding <= queue.count - head else {
                        throw SchedulerError("country \(part.country): departure \(k) boards more cases than wait")
                    }
                    for i in head..<(head + boarding) { ride[queue[i]] = part.departures[k] }
                    head += boarding
                }
                guard head == queue.count else {
                    throw SchedulerError("country \(part.country): scheduled cases left without a departure")
                }
            }
        }
        return ride
    }
}

/// An internal inconsistency of the scheduler (a bug, not bad input).
public struct SchedulerError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = "internal error: " + description
    }
}
