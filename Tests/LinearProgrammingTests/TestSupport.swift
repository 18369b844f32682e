import LinearProgramming
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `a` is within `tolerance` of `b` (relative for large values).
func close(_ a: Double?, _ b: Double, tolerance: Double = 1e-6) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

func close(_ a: [Double], _ b: [Double], tolerance: Double = 1e-6) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { close($0, $1, tolerance: tolerance) }
}

/// The error a throwing call raised, as its message (`nil` if it did not throw).
func errorMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return "\(error)"
    }
}

/// Knuth's MMIX linear congruential generator: the same numbers on every machine, for the
/// random-model tests.
struct TestRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A number in `0..<n`, from the state's high bits.
    mutating func next(_ n: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(n))
    }
}

/// A path in a fresh temporary directory.
func temporaryPath(_ name: String) -> String {
    let dir = "/tmp/iars-lp-tests-\(getpid())"
    mkdir(dir, 0o755)
    return "\(dir)/\(name)"
}

enum Models {
    /// max 3x + 5y  s.t.  c1: x <= 4,  c2: 2y <= 12,  c3: 3x + 2y <= 18,  x, y >= 0.
    ///
    /// By hand: the optimum is the vertex where c2 and c3 are tight: y = 6, 3x = 18 - 12 -> x = 2,
    /// z = 6 + 30 = 36 (c1 has slack 2). Duals from the dual programme
    /// min 4u1 + 12u2 + 18u3 with u1 = 0 (c1 slack): u1 + 3u3 = 3 -> u3 = 1; 2u2 + 2u3 = 5 -> u2 = 3/2;
    /// check 12 * 1.5 + 18 * 1 = 36. Both columns basic: reduced costs 0.
    static var wyndor: LinearModel {
        var m = LinearModel(name: "wyndor")
        m.sense = .maximize
        let x = m.addColumn(name: "x", objective: 3)
        let y = m.addColumn(name: "y", objective: 5)
        m.addRow(name: "c1", upper: 4, terms: [(x, 1)])
        m.addRow(name: "c2", upper: 12, terms: [(y, 2)])
        m.addRow(name: "c3", upper: 18, terms: [(x, 3), (y, 2)])
        return m
    }

    /// min 2x + 3y + 4z + 5  s.t.  r: x + y + z >= 10,  0 <= x <= 6,  y, z >= 0.
    ///
    /// By hand: x is cheapest, so x = 6 (its bound); the remaining 4 come from y (3 < 4):
    /// y = 4, z = 0, z* = 12 + 12 + 5 = 29. y is basic, so the dual of r is c_y = 3.
    /// Reduced costs d_j = c_j - 3: x -> -1 (nonbasic at its upper bound), y -> 0, z -> 1.
    static var diet: LinearModel {
        var m = LinearModel(name: "diet")
        m.objectiveConstant = 5
        let x = m.addColumn(name: "x", upper: 6, objective: 2)
        let y = m.addColumn(name: "y", objective: 3)
        let z = m.addColumn(name: "z", objective: 4)
        m.addRow(name: "r", lower: 10, terms: [(x, 1), (y, 1), (z, 1)])
        return m
    }

    /// max 8x + 5y  s.t.  x + y <= 6,  9x + 5y <= 45,  x, y >= 0 integer.
    ///
    /// LP relaxation: both rows tight, x = 3.75, y = 2.25, z = 41.25.
    /// By hand over x = 0...5 with y = min(6 - x, floor((45 - 9x) / 5)):
    /// x=0 y=6 -> 30; x=1 y=5 -> 33; x=2 y=4 -> 36; x=3 y=3 -> 39; x=4 y=1 -> 37; x=5 y=0 -> 40.
    /// Integer optimum: x = 5, y = 0, z = 40.
    static var smallMIP: LinearModel {
        var m = LinearModel(name: "small-mip")
        m.sense = .maximize
        let x = m.addColumn(name: "x", integer: true, objective: 8)
        let y = m.addColumn(name: "y", integer: true, objective: 5)
        m.addRow(name: "a", upper: 6, terms: [(x, 1), (y, 1)])
        m.addRow(name: "b", upper: 45, terms: [(x, 9), (y, 5)])
        return m
    }

    /// A market split instance (Cornuéjols and Dawande): `rows` equations over
    /// 10 (rows - 1) binaries with coefficients in 0...99 and right-hand side half the row sum,
    /// here with nonnegative slack columns s+ and s- per row and min sum of slacks, so x = 0
    /// is feasible but proving optimality takes branch-and-bound far longer than a second.
    static func marketSplit(rows: Int, seed: UInt64 = 12345) -> LinearModel {
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % 100)
        }
        let n = 10 * (rows - 1)
        var m = LinearModel(name: "market-split")
        for j in 0..<n { m.addColumn(name: "x\(j)", upper: 1, integer: true) }
        for i in 0..<rows {
            let plus = m.addColumn(name: "sp\(i)", objective: 1)
            let minus = m.addColumn(name: "sm\(i)", objective: 1)
            var terms: [(Int, Double)] = []
            var sum = 0
            for j in 0..<n {
                let a = next()
                sum += a
                terms.append((j, Double(a)))
            }
            terms.append((plus, 1))
            terms.append((minus, -1))
            let rhs = Double(sum / 2)
            m.addRow(name: "split\(i)", lower: rhs, upper: rhs, terms: terms)
        }
        return m
    }
}
