import Foundation
import LinearProgramming
import Testing

@testable import IARSCore

/// The solve policy: the first plan's stages as a pure function of the model's size, and the
/// budget a run gets from its flags.
@Suite struct SolvePolicyTests {
    let policy = SolvePolicy.default

    /// The benchmark sizes, each worked out from the thresholds (5,000 / 20,000 / 100,000 columns).
    @Test func stagesOfTheBenchmarkSizes() {
        // S, 5 x 3 x 12: 380 columns
        #expect(
            policy.stages(columns: 380, integer: true, shelters: 3)
                == [.mergedIntegerPlan, .mergedRelaxation, .rules, .laterBounds])
        #expect(
            policy.stages(columns: 380, integer: false, shelters: 3)
                == [.exactFirst, .mergedRelaxation, .rules, .laterBounds])
        // one shelter has nothing to merge
        #expect(policy.stages(columns: 380, integer: true, shelters: 1) == [.mergedRelaxation, .rules, .laterBounds])
        // M, 15 x 8 x 24: 4,909 columns (its LP relaxation still exact first)
        #expect(policy.stages(columns: 4_909, integer: false, shelters: 8).first == .exactFirst)
        #expect(policy.stages(columns: 5_001, integer: false, shelters: 8).first == .mergedRelaxation)
        // L, 40 x 20 x 36: 45,017 columns
        #expect(
            policy.stages(columns: 45_017, integer: true, shelters: 20)
                == [.mergedIntegerPlan, .mergedRelaxation, .rules, .laterBounds, .costPolish, .windows])
        #expect(
            policy.stages(columns: 45_017, integer: false, shelters: 20)
                == [.mergedRelaxation, .rules, .laterBounds])
        // XL, 80 x 40 x 60: 278,496 columns (the LP relaxation's cost polish)
        #expect(
            policy.stages(columns: 278_496, integer: false, shelters: 40)
                == [.mergedRelaxation, .rules, .laterBounds, .costPolish])
        // two shelters: no neighbourhoods to polish
        #expect(!policy.stages(columns: 45_017, integer: true, shelters: 2).contains(.costPolish))
    }

    /// Stages follow the policy's thresholds, not constants of the planner.
    @Test func stagesFollowThePolicy() {
        var p = policy
        p.windowsAboveColumns = 100
        #expect(p.stages(columns: 380, integer: true, shelters: 3).contains(.windows))
        p.exactFirstLPColumns = 0
        #expect(!p.stages(columns: 380, integer: false, shelters: 3).contains(.exactFirst))
    }

    /// The budget of a run: the effort given, else 25,000 units a second of a time limit,
    /// else the default.
    @Test func theRunsBudget() {
        #expect(policy.effort(given: 1234, timeLimit: 10) == 1234)
        #expect(policy.effort(given: nil, timeLimit: 10) == 250_000)
        #expect(policy.effort(given: nil, timeLimit: 0.5) == 12_500)
        #expect(policy.effort(given: nil, timeLimit: nil) == 5_000_000)
        #expect(policy.effort(given: nil, timeLimit: 1e300) == Int.max / 2)
    }

}

/// The progress reporter behind `Planner.trace`: solver values count only in stages that
/// minimise their own objective.
@Suite struct ProgressReporterTests {
    final class Seen: @unchecked Sendable {
        var snapshots: [SolveProgress] = []
    }

    @Test func firstPlanStagesShowNoSolverValues() throws {
        let seen = Seen()
        let meter = WorkMeter()
        let reporter = ProgressReporter(
            trace: { seen.snapshots.append($0) }, meter: meter, limit: 1000,
            started: ContinuousClock.now)
        reporter.stage("first plan", solverValues: false)
        usleep(60_000)
        reporter.solverStep(10, 12_443_246.69, 12_942_774.76)  // a cost-polish step's values
        #expect(seen.snapshots.count == 2)
        #expect(seen.snapshots.last?.best == nil && seen.snapshots.last?.bound == nil)
        #expect(seen.snapshots.last?.effort == 10)
        meter.charge(100)
        reporter.stage("cost", best: 200, bound: 150, scale: 2)
        usleep(60_000)
        reporter.solverStep(5, 380, 320)  // GLPK's values, scaled by 2
        let last = try #require(seen.snapshots.last)
        #expect(last.stage == "cost")
        #expect(last.best == 190 && last.bound == 160)
        #expect(abs((last.gap ?? 0) - 30.0 / 190) < 1e-12)
        #expect(last.effort == 105 && last.effortLimit == 1000)
    }
}
