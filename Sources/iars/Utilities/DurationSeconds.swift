extension Duration {
    /// This duration in seconds, as a `Double` (timings and the progress line).
    var inSeconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}
