import Testing

/// The tags `make test-fast` skips (`swift test --skip-build --skip 'tag:slow' --skip 'tag:timing'`
/// runs the same set). Each test target has its own copy of these two lines; a tag is known
/// by its name, so `tag:slow` selects the slow tests of every target.
extension Tag {
    /// Takes over about a second on a 2-core machine (a large plan, a batch, the binary on
    /// the benchmark scenarios, a search stopped by its effort).
    @Tag static var slow: Self

    /// Checks a wall-clock duration (`elapsed < ...`, a run's reported seconds), which a loaded
    /// machine can break; the values of the same run are checked by an untagged test.
    @Tag static var timing: Self
}
