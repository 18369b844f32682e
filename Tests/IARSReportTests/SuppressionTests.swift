import Testing

@testable import IARSReport

/// `--suppress-below K`: which cells a margin hides (docs/suppression.md).
@Suite struct SuppressionTests {
    @Test(arguments: [
        // One small cell: the smallest other (a zero here) is hidden too, so total - others reveals nothing.
        (5, [3.0, 10, 0, 7], [true, false, true, false]),
        // Two small cells already protect each other.
        (5, [3.0, 2, 10], [true, true, false]),
        // Nothing small: nothing hidden; zeros are shown.
        (5, [0.0, 0, 6], [false, false, false]),
        // K itself is not below K; it is the smallest other cell, so it is the secondary.
        (5, [4.5, 5, 12], [true, true, false]),
        // Ties: the first in order.
        (3, [1.0, 7, 7], [true, true, false]),
        // A single cell cannot be protected by another (its total is itself).
        (5, [3.0], [true]),
        // K = 1 hides only fractions.
        (1, [0.5, 2], [true, true]),
        (1, [1.0, 2], [false, false]),
    ])
    func margins(k: Int, cells: [Double], expected: [Bool]) {
        #expect(Suppression(threshold: k).suppressed(margin: cells) == expected)
    }

    @Test func smallIsAboveZeroAndBelowK() {
        let s = Suppression(threshold: 10)
        #expect(s.label == "<10")
        #expect(!s.isSmall(0))
        #expect(s.isSmall(1e-3))
        #expect(s.isSmall(9.99))
        #expect(!s.isSmall(10))
        #expect(s.cell(true, 7, "7") == "<10")
        #expect(s.cell(false, 17, "17") == "17")
        // a count of K or more hidden only so that it cannot give another away: "<10" would be untrue
        #expect(s.cell(true, 17, "17") == "suppressed")
        #expect(s.cell(true, 0, "0") == "<10")
    }
}
