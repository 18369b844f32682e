import Foundation
import Testing

@testable import IARSCore

/// iars's own generator: fixed draws, the same as the second implementation
/// (`Benchmarks/tools/iars_futures.py`, written from docs/risk.md) gives.
@Suite struct FutureGeneratorTests {
    static func small() throws -> Scenario {
        try ScenarioLoader.load(path: TestFiles.fixtures.appendingPathComponent("futures/small.yaml").path)
    }

    @Test("xoshiro256** seeded by SplitMix64 from (seed, future): fixed words")
    func rawDraws() {
        var a = RandomStream(seed: 1, future: 1)
        #expect(
            [a.next(), a.next(), a.next()] == [
                3_501_290_240_102_054_732, 1_999_902_197_214_618_784, 12_272_163_569_652_834_708,
            ])
        var b = RandomStream(seed: 0, future: 0)
        #expect([b.next(), b.next()] == [18_110_106_563_157_542_208, 8_650_457_082_529_208_451])
        var c = RandomStream(seed: 9_007_199_254_740_991, future: 100_000)
        #expect([c.next(), c.next()] == [8_693_012_254_587_431_739, 6_801_838_988_059_331_303])
    }

    @Test("uniform integers without bias, uniform doubles from the top 53 bits")
    func uniforms() {
        var r = RandomStream(seed: 7, future: 1)
        #expect((0..<8).map { _ in r.integer(5, 15) } == [9, 8, 13, 9, 12, 8, 11, 11])
        #expect(r.uniform() == 0.18457470868116088)
        #expect(r.uniform() == 0.7290033535865172)
    }

    @Test("exp and log from IEEE operations only: the correctly rounded values at these points")
    func exactMath() {
        #expect(ExactMath.exp(-1) == 0.36787944117144233)
        #expect(ExactMath.exp(-12.5) == 3.726653172078671e-06)
        #expect(ExactMath.exp(-256) == 6.616261056709485e-112)
        #expect(ExactMath.exp(-740) == 4.2e-322)
        #expect(ExactMath.exp(5) == 148.4131591025766)
        #expect(ExactMath.exp(-800) == 0)
        #expect(ExactMath.log(0.5) == -0.6931471805599453)
        #expect(ExactMath.log(1) == 0)
        #expect(ExactMath.log(3.7) == 1.308332819650179)
        #expect(ExactMath.log(1e-10) == -23.025850929940457)
        #expect(ExactMath.log(0.999999) == -1.000000500029089e-06)
        #expect(ExactMath.log(5e-320) == -735.2178029785398)
    }

    @Test("Poisson by inversion (in chunks of mean 256 above it), gamma by Marsaglia-Tsang")
    func samplers() {
        var r = RandomStream(seed: 3, future: 9)
        #expect((0..<10).map { _ in ArrivalSampler.poisson(2.5, &r) } == [2, 2, 4, 3, 0, 4, 4, 5, 2, 1])
        var big = RandomStream(seed: 3, future: 9)
        #expect((0..<3).map { _ in ArrivalSampler.poisson(700, &big) } == [706, 690, 734])
        var g = RandomStream(seed: 3, future: 9)
        let small = (0..<3).map { _ in ArrivalSampler.gamma(0.8, &g) }
        let large = (0..<3).map { _ in ArrivalSampler.gamma(4, &g) }
        #expect(small == [0.5540584378168687, 0.2448626368706428, 3.14841009955061])
        #expect(large == [1.4877306217358721, 4.048482180897012, 4.665750034371124])
    }

    @Test("a surge split by largest remainder, ties to the group listed first")
    func surgeSplit() {
        // 10 x (3, 3, 1) / 7 = 4.29, 4.29, 1.43: floors 4, 4, 1; remainders 2, 2, 3 (of 7).
        #expect(Scenario.surgeSplit(10, weights: [3, 3, 1]) == [4, 4, 2])
        #expect(Scenario.surgeSplit(5, weights: [1, 1]) == [3, 2])
        #expect(Scenario.surgeSplit(4, weights: [0, 0, 0]) == [2, 1, 1])
        #expect(Scenario.surgeSplit(7, weights: [0, 5]) == [0, 7])
        #expect(Scenario.surgeSplit(0, weights: [2, 3]) == [0, 0])
    }

    @Test("Poisson futures with a surge: the arrivals the second implementation draws")
    func poissonFutures() throws {
        let s = try Self.small()
        let f1 = s.future(1)
        #expect(f1.groups.map(\.arrivals) == [[3, 0, 15, 13, 9, 2], [1, 0, 6, 0, 3, 4]])
        #expect(s.future(2).groups.map(\.arrivals) == [[2, 5, 5, 2, 11, 10], [0, 5, 4, 0, 0, 18]])
        #expect(s.future(3).groups.map(\.arrivals) == [[12, 4, 3, 3, 10, 7], [7, 4, 2, 0, 1, 16]])
        #expect(f1.name == "small.future-00001")
        #expect(f1.uncertainty == nil && f1.buy.isEmpty)
        // Everything but the arrivals and the name is the scenario's.
        var back = f1
        back.name = s.name
        for g in back.groups.indices { back.groups[g].arrivals = s.groups[g].arrivals }
        back.uncertainty = s.uncertainty
        back.buy = s.buy
        #expect(back == s)
    }

    @Test("negative binomial futures (Poisson-gamma), a seed given by the caller")
    func negativeBinomialFutures() throws {
        var s = try Self.small()
        s.uncertainty = Uncertainty(
            arrivals: .negativeBinomial, dispersion: 0.8,
            surges: [Surge(groups: ["ro-women"], probability: 0.5, sizeLow: 2, sizeHigh: 4)], seed: 123)
        #expect(s.future(1).groups.map(\.arrivals) == [[0, 0, 2, 0, 1, 12], [4, 0, 1, 4, 5, 15]])
        #expect(s.future(2).groups.map(\.arrivals) == [[2, 0, 11, 4, 2, 1], [0, 0, 9, 2, 2, 21]])
        s.uncertainty?.seed = 5
        #expect(s.future(3, seed: 123).groups.map(\.arrivals) == [[0, 0, 5, 2, 25, 4], [4, 0, 4, 4, 1, 9]])
    }

    @Test("without uncertainty a future is the scenario as written")
    func noUncertainty() throws {
        var s = try Self.small()
        s.uncertainty = nil
        #expect(s.future(4).groups.map(\.arrivals) == s.groups.map(\.arrivals))
    }
}
