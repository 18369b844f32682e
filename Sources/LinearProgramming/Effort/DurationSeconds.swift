extension Duration {
    /// This duration in seconds, as a `Double` (for time limits and timings).
    public var inSeconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}
