/// iars's own random generator: xoshiro256** seeded by SplitMix64 from `(seed, future)`.
///
/// Futures must be the same on every machine, for any number of jobs or shards,
/// and reproducible by another tool from docs/risk.md alone. So the generator
/// is written here in 64-bit integer arithmetic (wrapping `&+`, `&*`, shifts),
/// never Foundation's or the platform's, and future `f` gets a stream of its own
/// that depends on `(seed, f)` only.
///
/// Seeding (docs/risk.md, "The generator"): with SplitMix64's step
/// `z = (x += 0x9E3779B97F4A7C15); z = (z ^ z>>30) * 0xBF58476D1CE4E5B9;
/// z = (z ^ z>>27) * 0x94D049BB133111EB; return z ^ z>>31`,
/// a SplitMix64 started at `seed` gives `h = next()`; a second one started at
/// `h ^ f` gives the four words of xoshiro256**'s state, in order.
public struct RandomStream: Sendable, Equatable {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    /// The stream of future `future` (1-based) under `seed`.
    public init(seed: UInt64, future: UInt64) {
        var outer = SplitMix64(state: seed)
        var inner = SplitMix64(state: outer.next() ^ future)
        s = (inner.next(), inner.next(), inner.next(), inner.next())
    }

    public static func == (a: RandomStream, b: RandomStream) -> Bool {
        a.s.0 == b.s.0 && a.s.1 == b.s.1 && a.s.2 == b.s.2 && a.s.3 == b.s.3
    }

    /// The next 64 random bits (xoshiro256**, Blackman and Vigna 2018).
    public mutating func next() -> UInt64 {
        let result = rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = rotl(s.3, 45)
        return result
    }

    /// A uniform number in [0, 1): the top 53 bits times 2^-53 (exact).
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform number in (0, 1): `uniform()` redrawn while it is 0 (logarithms need it).
    public mutating func uniformPositive() -> Double {
        while true {
            let u = uniform()
            if u > 0 { return u }
        }
    }

    /// A uniform integer in `low...high`, without bias: a draw `r` is kept when
    /// `r >= 2^64 mod n` (n = high - low + 1) and gives `low + r mod n`.
    public mutating func integer(_ low: Int, _ high: Int) -> Int {
        precondition(low <= high)
        let n = UInt64(high - low) &+ 1
        if n == 0 { return Int(bitPattern: UInt(next())) }  // the whole 64-bit range
        let threshold = (0 &- n) % n
        while true {
            let r = next()
            if r >= threshold { return low + Int(r % n) }
        }
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// SplitMix64 (Steele, Lea and Flood 2014): seeds ``RandomStream``; the mutation tests draw
/// their edits from it.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
