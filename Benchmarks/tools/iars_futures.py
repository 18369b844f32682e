#!/usr/bin/env python3
"""iars's futures, written again from docs/risk.md ("The generator") alone.

A second implementation of the generator of `iars risk` (Swift:
Sources/IARSCore/Risk/) in plain Python: 64-bit integer arithmetic for the
generator, IEEE doubles in the same order for the samplers. The tests compare
its draws with Swift's (Tests/IARSCoreTests/Fixtures/futures/README.md).

    python3 Benchmarks/tools/iars_futures.py draws SEED FUTURE N      # N raw 64-bit numbers
    python3 Benchmarks/tools/iars_futures.py arrivals FILE.json F [SEED]  # future F's arrivals

FILE.json: {"months": T, "groups": [{"id", "arrivals": [...]}...],
"uncertainty": {"arrivals", "dispersion", "surges": [{"groups", "probability", "size"}], "seed"}}
(the scenario's keys, series written out in full).
"""
import json
import sys

M = (1 << 64) - 1


class SplitMix64:
    def __init__(self, state):
        self.state = state & M

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & M
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        return z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


class Stream:
    def __init__(self, seed, future):
        outer = SplitMix64(seed)
        inner = SplitMix64(outer.next() ^ future)
        self.s = [inner.next() for _ in range(4)]

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def uniform(self):
        return float(self.next() >> 11) * 2.0 ** -53

    def uniform_positive(self):
        while True:
            u = self.uniform()
            if u > 0:
                return u

    def integer(self, lo, hi):
        n = (hi - lo + 1) & M
        threshold = ((1 << 64) - n) % n
        while True:
            r = self.next()
            if r >= threshold:
                return lo + r % n


LN2_HIGH = 6.93147180369123816490e-01
LN2_LOW = 1.90821492927058770002e-10
LN2 = 0.69314718055994530942
SQRT2 = 1.4142135623730951


def rounded(x):
    """Swift's rounded(): to nearest, halves away from zero."""
    import math
    f = math.floor(x)
    d = x - f
    if d > 0.5 or (d == 0.5 and x > 0):
        return f + 1.0
    return f


def exact_exp(x):
    import math
    if x != x:
        return x
    if x > 709.78:
        return float("inf")
    if x < -745.2:
        return 0.0
    n = rounded(x / LN2)
    r = (x - n * LN2_HIGH) - n * LN2_LOW
    p = 1.0
    for i in range(16, 0, -1):
        p = 1 + p * r / float(i)
    k = int(n)
    if k >= -1020:
        return math.ldexp(p, k)
    return math.ldexp(p, k + 600) * 2.0 ** -600


def exact_log(x):
    import math
    if x == 0:
        return float("-inf")
    if x < 2.2250738585072014e-308:  # subnormal, as the Swift code does it
        return exact_log(x * 2.0 ** 54) - 54 * LN2
    m, e = math.frexp(x)  # x = m 2^e, m in [0.5, 1)
    m, e = m * 2, e - 1  # Swift's significand in [1, 2), exponent
    if m > SQRT2:
        m /= 2
        e += 1
    e = float(e)
    s = (m - 1) / (m + 1)
    s2 = s * s
    series = 0.0
    for k in range(12, 0, -1):
        series = (series + 1 / float(2 * k + 1)) * s2
    ln_m = 2 * s + 2 * s * series
    return e * LN2_HIGH + (e * LN2_LOW + ln_m)


def poisson(mean, rng):
    left = mean
    total = 0
    while left > 0:
        m = min(left, 256.0)
        left -= m
        u = rng.uniform()
        k = 0
        p = exact_exp(-m)
        cum = p
        while u > cum:
            k += 1
            p *= m / float(k)
            nxt = cum + p
            if nxt == cum and float(k) > m:
                break
            cum = nxt
        total += k
    return total


def normal(rng):
    while True:
        u = 2 * rng.uniform() - 1
        v = 2 * rng.uniform() - 1
        s = u * u + v * v
        if 0 < s < 1:
            return u * (-2 * exact_log(s) / s) ** 0.5


def gamma(shape, rng):
    if shape < 1:
        g = gamma(shape + 1, rng)
        u = rng.uniform_positive()
        return g * exact_exp(exact_log(u) / shape)
    d = shape - 1.0 / 3.0
    c = 1 / (9 * d) ** 0.5
    while True:
        while True:
            x = normal(rng)
            v = 1 + c * x
            if v > 0:
                break
        v = v * v * v
        u = rng.uniform_positive()
        if u < 1 - 0.0331 * (x * x) * (x * x):
            return d * v
        if exact_log(u) < 0.5 * x * x + d * (1 - v + exact_log(v)):
            return d * v


def draw(mean, unc, rng):
    if mean <= 0:
        return 0
    if unc.get("arrivals", "poisson") == "poisson":
        return poisson(float(mean), rng)
    k = float(unc["dispersion"])
    return poisson(gamma(k, rng) * (float(mean) / k), rng)


def split(size, weights):
    w = [1] * len(weights) if all(x == 0 for x in weights) else weights
    total = sum(w)
    shares = [size * x // total for x in w]
    rem = [size * x % total for x in w]
    left = size - sum(shares)
    order = sorted(range(len(w)), key=lambda i: (-rem[i], i))
    for i in order[:left]:
        shares[i] += 1
    return shares


def future(sc, f, seed=None):
    unc = sc["uncertainty"]
    rng = Stream(unc.get("seed", 1) if seed is None else seed, f)
    T = sc["months"]
    groups = sc["groups"]
    out = [[0] * T for _ in groups]
    for t in range(T):
        for g, grp in enumerate(groups):
            out[g][t] = draw(grp["arrivals"][t], unc, rng)
    index = {grp["id"]: g for g, grp in enumerate(groups)}
    for surge in unc.get("surges", []):
        members = [index[x] for x in surge["groups"]]
        lo, hi = surge["size"]
        for t in range(T):
            if rng.uniform() < surge["probability"]:
                size = rng.integer(lo, hi)
                shares = split(size, [groups[g]["arrivals"][t] for g in members])
                for g, sh in zip(members, shares):
                    out[g][t] += sh
    return {grp["id"]: out[g] for g, grp in enumerate(groups)}


def main(argv):
    if len(argv) >= 4 and argv[0] == "draws":
        rng = Stream(int(argv[1]), int(argv[2]))
        print(json.dumps([rng.next() for _ in range(int(argv[3]))]))
    elif len(argv) >= 3 and argv[0] == "arrivals":
        sc = json.load(open(argv[1]))
        seed = int(argv[3]) if len(argv) > 3 else None
        print(json.dumps(future(sc, int(argv[2]), seed)))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
