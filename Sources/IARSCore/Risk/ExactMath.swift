/// `exp` and `log` written with `+`, `-`, `*`, `/` and `squareRoot()` only.
///
/// The platform's `exp` and `log` are not required to round the same way on every
/// machine (glibc, Darwin and musl differ in the last bit), and a last bit can
/// decide a random draw. These use only IEEE 754 operations that are correctly
/// rounded everywhere, in a fixed order, so a draw is the same on every machine.
/// They are accurate to a few units in the last place, which is all a sampler needs.
enum ExactMath {
    /// ln 2 split so that `n * ln2High` is exact for |n| < 2^11 (Cody and Waite).
    static let ln2High = 6.93147180369123816490e-01
    static let ln2Low = 1.90821492927058770002e-10
    static let ln2 = 0.69314718055994530942
    static let sqrt2 = 1.4142135623730951

    /// e^x: x = n ln 2 + r with |r| <= ln 2 / 2, e^r by its Taylor series to r^16/16!
    /// (the first term left out is below 1e-20), then times 2^n.
    static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.78 { return .infinity }
        if x < -745.2 { return 0 }
        let n = (x / ln2).rounded()
        let r = (x - n * ln2High) - n * ln2Low
        var p = 1.0
        for i in stride(from: 16, through: 1, by: -1) { p = 1 + p * r / Double(i) }
        let k = Int(n)
        if k >= -1020 { return Double(sign: .plus, exponent: k, significand: p) }
        // A subnormal result: scale in two steps so that only the last one rounds.
        return Double(sign: .plus, exponent: k + 600, significand: p) * 0x1.0p-600
    }

    /// ln x for x > 0: x = m 2^e with m in [sqrt(1/2), sqrt(2)], ln m = 2 atanh(s) with
    /// s = (m - 1) / (m + 1), |s| <= 0.1716, by its series to s^25.
    static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x.isInfinite { return x }
        if x.isSubnormal { return log(x * 0x1.0p54) - 54 * ln2 }
        var e = Double(Int(x.exponent))
        var m = x.significand
        if m > sqrt2 {
            m /= 2
            e += 1
        }
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        var series = 0.0
        for k in stride(from: 12, through: 1, by: -1) { series = (series + 1 / Double(2 * k + 1)) * s2 }
        let lnM = 2 * s + 2 * s * series
        return e * ln2High + (e * ln2Low + lnM)
    }
}
