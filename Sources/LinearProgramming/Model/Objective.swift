/// One objective of a lexicographic model: a level (unmet, waiting, cost of a plan; the
/// levels of a return schedule), as coefficients over the model's columns and a constant.
public struct Objective: Sendable, Equatable {
    public var name: String
    public var coefficients: [Double]
    public var constant: Double

    public init(name: String, coefficients: [Double], constant: Double) {
        self.name = name
        self.coefficients = coefficients
        self.constant = constant
    }

    /// The objective's nonzero coefficients, as the terms of a row.
    public var terms: [(Int, Double)] {
        coefficients.enumerated().compactMap { j, a in a != 0 ? (j, a) : nil }
    }

    /// The objective's value at `x` (one value per column), its constant included.
    public func value(at x: [Double]) -> Double {
        var z = constant
        for (j, a) in coefficients.enumerated() where a != 0 { z += a * x[j] }
        return z
    }
}

/// How closely a solved level is kept while the later levels are solved, and when two
/// values of a level count as equal. The one tolerance of every lexicographic solve
/// (plans, schedules, explanations, the first plan's stages): a kept level may exceed its
/// optimum `z` by `relative * |z| + absolute`.
public struct KeepTolerance: Sendable, Equatable {
    public var relative: Double
    public var absolute: Double

    public init(relative: Double = 1e-9, absolute: Double = 1e-7) {
        self.relative = relative
        self.absolute = absolute
    }

    /// The relative accuracy of an LP level's optimum (GLPK's primal and dual feasibility
    /// tolerances, 1e-7).
    public static let lpAccuracy = 1e-7

    /// How far a kept value `z` may be exceeded.
    public func allowance(_ z: Double) -> Double { relative * abs(z) + absolute }

    /// The upper bound of the row that keeps `objective` at its value `z`
    /// (`objective.terms <=` this; the constant is not part of the row). Summed left to
    /// right, not as `z - constant + allowance(z)`: the last bit of the bound decides which
    /// of two equal optima the next level's simplex ends at (gen-5001's plan changed when
    /// the sum was regrouped), and plans stay as they were.
    public func keepUpper(_ objective: Objective, at z: Double) -> Double {
        z - objective.constant + relative * abs(z) + absolute
    }

    /// Whether a level's value `z` meets a proven bound `b`.
    public func meets(_ z: Double, _ b: Double) -> Bool {
        z <= b + relative * abs(b) + absolute
    }

    /// Whether a plan's value `z` of a level meets a relaxation's bound `b` of it: for an
    /// LP relaxation, to the simplex's own accuracy (``lpAccuracy``), since the bound is a
    /// simplex's optimum too (909 less 8e-6 at 40 x 20 x 36, where the whole LP's optimum
    /// comes out as 909 less 7e-6); for integer levels as ``meets(_:_:)``.
    public func meetsBound(_ z: Double, _ b: Double, integer: Bool) -> Bool {
        integer ? meets(z, b) : z <= b + Self.lpAccuracy * max(1, abs(b))
    }

    /// Whether a point with the level values `a` comes before one with `b`:
    /// lexicographically, values equal within the tolerance counting as equal (sums of the
    /// same whole cases in another order differ in the last bits, 1898 against
    /// 1898.0000000000002, and must not hide a lower cost behind them). For an LP
    /// relaxation (`integer` false), within the simplex's accuracy (``meetsBound(_:_:integer:)``).
    public func precedes(_ a: [Double], _ b: [Double], integer: Bool = true) -> Bool {
        for (u, v) in zip(a, b) where !(meetsBound(u, v, integer: integer) && meetsBound(v, u, integer: integer)) {
            return u < v
        }
        return false
    }
}

/// The step between the values of an objective at integral points, when there is one:
/// every nonzero coefficient is on an integer column and a multiple of 1/k for a small k
/// (priorities such as 1.5, person-months). Branch-and-cut then gets the objective scaled
/// to integral coefficients, and bounds are rounded up to the next attainable value.
public struct ObjectiveUnit: Sendable, Equatable {
    /// The factor that makes every coefficient integral.
    public var scale: Double
    /// The values at integral points are `constant + unit * integer`.
    public var unit: Double

    public init(scale: Double, unit: Double) {
        self.scale = scale
        self.unit = unit
    }

    /// The unit of `objective` over a model whose integer columns are `isInteger`, or `nil`.
    public init?(_ objective: Objective, isInteger: [Bool]) {
        var nonzero: [Double] = []
        for (j, a) in objective.coefficients.enumerated() where a != 0 {
            guard isInteger[j] else { return nil }
            nonzero.append(abs(a))
        }
        guard !nonzero.isEmpty else { return nil }
        for k in [1.0, 2, 4, 5, 8, 10, 20, 25, 40, 50, 100] {
            var g: Int64 = 0
            var ok = true
            for a in nonzero {
                let v = a * k
                let r = v.rounded()
                guard r >= 1, r < 1e12, abs(v - r) <= 1e-9 * r else { ok = false; break }
                var (p, q) = (g, Int64(r))
                while q != 0 { (p, q) = (q, p % q) }
                g = p
            }
            if ok && g > 0 {
                self.init(scale: k, unit: Double(g) / k)
                return
            }
        }
        return nil
    }

    /// The least value of `objective` at integral points that is at or above `b`.
    public func attainable(_ b: Double, objective: Objective) -> Double {
        objective.constant + ((b - objective.constant) / unit - 1e-6).rounded(.up) * unit
    }
}

/// Proven lower bounds of levels, each valid while the levels before it are at the optima
/// the bound assumed (the merged-shelter relaxation's bounds of a plan).
public struct KnownBounds: Sendable, Equatable {
    /// bounds[i]: a lower bound of level i, under the condition above; `nil` where none.
    public var bounds: [Double?]
    /// optima[j]: the relaxation's optimum of level j that the later bounds assumed.
    public var optima: [Double?]

    public init(bounds: [Double?] = [], optima: [Double?] = []) {
        self.bounds = bounds
        self.optima = optima
    }

    /// The bound of level `index`, given the model's optima `earlier` of the levels
    /// before it (the same as the relaxation's where `meets(earlier, optimum)`: the
    /// relaxation kept its levels with the same tolerance); `nil` when there is none or
    /// it does not hold.
    public func bound(_ index: Int, earlier: [Double], meets: (Double, Double) -> Bool) -> Double? {
        guard index < bounds.count, let b = bounds[index], earlier.count >= index else { return nil }
        for j in 0..<index {
            guard j < optima.count, let o = optima[j], meets(earlier[j], o) else { return nil }
        }
        return b
    }
}
