/// Draws a month's arrivals of one group around their mean (`uncertainty.arrivals`).
///
/// Every method is exact in distribution (up to floating-point rounding) and
/// uses ``RandomStream`` and ``ExactMath`` only, so a draw is the same on every
/// machine; docs/risk.md describes each step so another tool can repeat it.
/// A mean of 0 gives 0 and draws nothing.
struct ArrivalSampler {
    var arrivals: Uncertainty.Arrivals
    /// The negative binomial's k.
    var dispersion: Double?

    /// Poisson means above this are drawn as a sum of Poisson draws of at most this
    /// mean (a sum of independent Poisson numbers is Poisson): e^-256 does not underflow.
    static let poissonChunk = 256.0

    func draw(mean: Double, _ rng: inout RandomStream) -> Int {
        guard mean > 0 else { return 0 }
        switch arrivals {
        case .poisson:
            return Self.poisson(mean, &rng)
        case .negativeBinomial:
            // The Poisson-gamma mixture: the month's rate is Gamma(k, mean / k).
            let k = dispersion ?? 1
            return Self.poisson(Self.gamma(k, &rng) * (mean / k), &rng)
        }
    }

    /// Poisson(mean) by inversion: one uniform u, then the smallest k with
    /// P(X <= k) >= u, the probabilities by p(0) = e^-mean, p(k) = p(k-1) mean / k.
    static func poisson(_ mean: Double, _ rng: inout RandomStream) -> Int {
        var left = mean
        var total = 0
        while left > 0 {
            let m = min(left, poissonChunk)
            left -= m
            let u = rng.uniform()
            var k = 0
            var p = ExactMath.exp(-m)
            var cumulative = p
            while u > cumulative {
                k += 1
                p *= m / Double(k)
                let next = cumulative + p
                // Past the mean, a sum that no longer grows has reached 1 up to rounding.
                if next == cumulative && Double(k) > m { break }
                cumulative = next
            }
            total += k
        }
        return total
    }

    /// Gamma(shape, 1) by Marsaglia and Tsang (2000); for shape < 1 as
    /// Gamma(shape + 1) u^(1/shape).
    static func gamma(_ shape: Double, _ rng: inout RandomStream) -> Double {
        if shape < 1 {
            let g = gamma(shape + 1, &rng)
            let u = rng.uniformPositive()
            return g * ExactMath.exp(ExactMath.log(u) / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0
            var v = 0.0
            repeat {
                x = normal(&rng)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = rng.uniformPositive()
            if u < 1 - 0.0331 * (x * x) * (x * x) { return d * v }
            if ExactMath.log(u) < 0.5 * x * x + d * (1 - v + ExactMath.log(v)) { return d * v }
        }
    }

    /// A standard normal number by Marsaglia's polar method (the pair's second number is
    /// not kept: each call starts afresh).
    static func normal(_ rng: inout RandomStream) -> Double {
        while true {
            let u = 2 * rng.uniform() - 1
            let v = 2 * rng.uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 { return u * (-2 * ExactMath.log(s) / s).squareRoot() }
        }
    }
}
