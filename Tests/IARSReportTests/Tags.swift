import Testing

/// The tags `make test-fast` skips. Each test target has its own copy of these two
/// declarations; a tag is known by its name, so one filter selects the slow tests of every
/// target (scripts/tagged-tests.py, as Swift 6.3's `swift test` cannot filter by tag;
/// later toolchains take `swift test --skip tag:slow --skip tag:timing`).
extension Tag {
    /// Takes over about a second on a 2-core machine (a large plan, a batch, the binary on
    /// the benchmark scenarios, a search stopped by its effort).
    @Tag static var slow: Self

    /// Checks a wall-clock duration (`elapsed < ...`, a run's reported seconds), which a loaded
    /// machine can break; the values of the same run are checked by an untagged test.
    @Tag static var timing: Self
}
