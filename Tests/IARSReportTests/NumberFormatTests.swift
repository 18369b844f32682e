import Foundation
import Testing

@testable import IARSCore
@testable import IARSReport

/// The hand-written number and month formatting of the outputs gives the same bytes as
/// the `String(format:)` it replaced (it is faster: a small plan's JSON took 1 ms).
@Suite struct NumberFormatTests {
    /// What `JSONValue.format` wrote before: "%.*f" of the value rounded to `digits`
    /// decimals, trailing zeros removed, integers without a point, no -0.
    static func formatted(_ v: Double, digits: Int) -> String {
        guard v.isFinite else { return "null" }
        let scale = pow(10.0, Double(digits))
        var r = (v * scale).rounded() / scale
        if r == 0 { r = 0 }
        if abs(r) < 9.007199254740992e15, r == r.rounded() { return String(Int64(r)) }
        var s = String(format: "%.\(digits)f", r)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    @Test func handWorkedNumbers() {
        #expect(JSONValue.format(1.5) == "1.5")
        #expect(JSONValue.format(2.0) == "2")
        #expect(JSONValue.format(-0.0000006) == "-0.000001")
        #expect(JSONValue.format(-0.0000004) == "0")
        #expect(JSONValue.format(0.1 + 0.2) == "0.3")
        #expect(JSONValue.format(12_043_781.7) == "12043781.7")
        #expect(JSONValue.format(565_887.434_123_4) == "565887.434123")
        #expect(JSONValue.format(102.000_000_202_4, digits: 9) == "102.000000202")
        #expect(JSONValue.format(0.991_449, digits: 4) == "0.9914")
        #expect(JSONValue.format(-3.25, digits: 1) == "-3.3")
        #expect(JSONValue.format(.nan) == "null")
        // Above 2^52 units of the last decimal: Foundation's formatter, as before (the
        // double nearest to 9876543210.123456 prints as ...123455 at six decimals).
        #expect(JSONValue.format(9_876_543_210.123_456) == "9876543210.123455")
    }

    /// 20,000 values over many magnitudes and signs, at 0 to 9 decimals.
    @Test func sameBytesAsTheFormatterItReplaced() {
        var seed: UInt64 = 0x1A25_2001
        func next() -> UInt64 {  // a fixed sequence (SplitMix64), not the system's
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let mantissa = Double(next() % 1_000_000_000_000) / 1e6
            let magnitude = pow(10.0, Double(Int(next() % 16)) - 8)
            let v = (next() % 2 == 0 ? 1 : -1) * mantissa * magnitude
            let digits = Int(next() % 10)
            let want = Self.formatted(v, digits: digits)
            let got = JSONValue.format(v, digits: digits)
            if got != want { mismatches.append("\(v) at \(digits): \(got), was \(want)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func monthLabelsArePaddedAsBefore() {
        #expect(YearMonth(year: 2001, month: 3).description == "2001-03")
        #expect(YearMonth(year: 2001, month: 12).description == "2001-12")
        #expect(YearMonth(year: 1, month: 1).description == "0001-01")
        #expect(YearMonth(year: 9999, month: 12).description == "9999-12")
        for year in [1, 99, 999, 2000, 9999] {
            for month in 1...12 {
                #expect(YearMonth(year: year, month: month).description == String(format: "%04d-%02d", year, month))
            }
        }
    }
}
