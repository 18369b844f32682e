import Foundation
import Testing

@testable import IARSCore
@testable import IARSReport

/// The text of the live progress line (`iars plan --progress`), worked by hand.
@Suite struct ProgressTextTests {
    static let cost = SolveProgress(
        stage: "cost", best: 20_412.5, bound: 20_100, gap: 0.016,
        effort: 1_234_567, effortLimit: 100_000_000, seconds: 3.42)

    @Test func theDocumentedLine() {
        #expect(
            ProgressText.line(Self.cost, prefix: "plan albania-2001", width: 200)
                == "plan albania-2001 · cost · best 20,412.50 · bound 20,100.00 · gap 1.6% · effort 1.2M of 100M · 3.4 s"
        )
    }

    /// Counts (unmet, waiting) are whole numbers, or two decimals for an LP's fractions;
    /// what is unknown is left out.
    @Test func countsAndMissingParts() {
        let unmet = SolveProgress(stage: "unmet", best: 278, bound: 270.25, gap: 0.0287, effort: 950, seconds: 0.04)
        #expect(
            ProgressText.line(unmet, prefix: "option 3/6 tirana-annex", width: 200)
                == "option 3/6 tirana-annex · unmet · best 278 · bound 270.25 · gap 2.9% · effort 950 · 0.0 s")
        let first = SolveProgress(stage: "first plan", effort: 0, effortLimit: 5_000, seconds: 61.4)
        #expect(ProgressText.line(first, prefix: "", width: 80) == "first plan · effort 0 of 5k · 1:01")
        #expect(
            ProgressText.waiting(prefix: "schedule spring", seconds: 0.36, width: 80)
                == "schedule spring · solving · 0.4 s")
    }

    /// Cut to the terminal's width less one column (a full line would wrap), ending in an ellipsis.
    @Test func cutToTheWidth() {
        let line = ProgressText.line(Self.cost, prefix: "plan albania-2001", width: 40)
        #expect(line == "plan albania-2001 · cost · best 20,412…")
        #expect(line.count == 39)
        let exact = "plan albania-2001 · cost · effort 0 · 0.0 s"
        #expect(ProgressText.fit(exact, width: exact.count + 1) == exact)
        #expect(ProgressText.fit(exact, width: exact.count) == String(exact.prefix(exact.count - 2)) + "…")
        #expect(ProgressText.fit(exact, width: 3) == "plan alba…", "never below 10 characters")
    }

    @Test func workUnits() {
        let cases: [(Int, String)] = [
            (0, "0"), (999, "999"), (1_000, "1k"), (1_234, "1.2k"), (9_960, "10k"),
            (12_345, "12k"), (999_499, "999k"), (999_999, "1M"), (1_260_000, "1.3M"),
            (100_000_000, "100M"), (2_500_000_000, "2.5G"), (-5, "0"),
        ]
        for (n, text) in cases { #expect(ProgressText.units(n) == text, "\(n)") }
    }

    @Test func seconds() {
        #expect(ProgressText.seconds(0) == "0.0 s")
        #expect(ProgressText.seconds(59.94) == "59.9 s")
        #expect(ProgressText.seconds(59.96) == "1:00")
        #expect(ProgressText.seconds(125.2) == "2:05")
        #expect(ProgressText.seconds(3_725) == "62:05")
    }

    @Test func finalLineAndStatus() {
        var r = PlanResult(
            scenario: "x", status: .optimal, integer: true, objective: nil, budgetTotal: nil, currency: "USD")
        #expect(ProgressText.status(r) == "optimal")
        r.status = .feasible
        r.gap = 0.016
        r.stoppedBy = .interrupt
        #expect(ProgressText.status(r) == "feasible, gap 1.6%, stopped by interrupt")
        r.gap = nil
        r.stoppedBy = .effort
        #expect(ProgressText.status(r) == "feasible, gap unknown, stopped by effort")
        r.status = .timeLimit
        r.stoppedBy = .clock
        #expect(ProgressText.status(r) == "time-limit, stopped by clock")
        #expect(
            ProgressText.final(prefix: "plan x", status: "optimal", last: Self.cost, seconds: 4.04, width: 200)
                == "plan x · optimal · effort 1.2M of 100M · 4.0 s")
        #expect(
            ProgressText.final(prefix: "plan x", status: "optimal", last: nil, seconds: 0.1, width: 200)
                == "plan x · optimal · 0.1 s")
    }
}
