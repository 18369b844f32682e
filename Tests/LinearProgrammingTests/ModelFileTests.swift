import Testing

@testable import LinearProgramming

@Suite("Model files")
struct ModelFileTests {
    /// A MIP with every kind of bound, a constant, and names that need sanitising.
    ///
    /// max 4a + 3b + 2c - d + 10  with  a in [0, 3.5] integer, b in [-2, 4] integer (named like a),
    /// c <= 2.5 continuous (lower -inf), d = 1 fixed; rows
    /// "cap 1": a + b + c <= 6.5,  "1st": 2a - b >= -1,  "": a + c - d in [-10, 5],  "end": b + d = 3.
    /// By hand: "end" gives b = 2; then a + c <= 4.5 and a + c <= 6 and 2a >= 1. With a worth 4
    /// and c worth 2, a = 3 (integer, <= 3.5) and c = 1.5: z = 12 + 6 + 3 - 1 + 10 = 30.
    static func tricky(_ sense: LinearModel.Sense) -> LinearModel {
        var m = LinearModel(name: "tricky model */")
        m.sense = sense
        m.objectiveConstant = 10
        let s: Double = sense == .maximize ? 1 : -1
        let a = m.addColumn(name: "a", upper: 3.5, integer: true, objective: 4 * s)
        let b = m.addColumn(name: "a", lower: -2, upper: 4, integer: true, objective: 3 * s)
        let c = m.addColumn(name: "", lower: -.infinity, upper: 2.5, objective: 2 * s)
        let d = m.addColumn(name: "d\u{1}\u{e9}", lower: 1, upper: 1, objective: -1 * s)
        m.objectiveConstant = 10 * s
        m.addRow(name: "cap 1", upper: 6.5, terms: [(a, 1), (b, 1), (c, 1)])
        m.addRow(name: "1st", lower: -1, terms: [(a, 2), (b, -1)])
        m.addRow(name: "", lower: -10, upper: 5, terms: [(a, 1), (c, 1), (d, -1)])
        m.addRow(name: "end", lower: 3, upper: 3, terms: [(b, 1), (d, 1)])
        return m
    }

    @Test(arguments: ModelFileFormat.allCases, [LinearModel.Sense.maximize, .minimize])
    func roundTrip(format: ModelFileFormat, sense: LinearModel.Sense) throws {
        let model = Self.tricky(sense)
        let original = try GLPKSolver.solve(model)
        #expect(original.status == .optimal)
        #expect(close(original.objective, sense == .maximize ? 30 : -30))
        #expect(close(original.values, [3, 2, 1.5, 1]))

        let path = temporaryPath("tricky-\(sense).\(format.rawValue)")
        try GLPKSolver.write(model, format: format, to: path)
        let back = try GLPKSolver.read(format, from: path)
        #expect(back.sense == sense)
        #expect(close(back.objectiveConstant, model.objectiveConstant))
        #expect(back.columns.map(\.name) == ["a", "a_2", "c2", "d__"])
        #expect(back.rows.map(\.name) == ["cap_1", "_1st", "r2", "_end"])
        #expect(back.columns.map(\.isInteger) == [true, true, false, false])
        #expect(back.columns.map(\.lower) == [0, -2, -.infinity, 1])
        #expect(back.columns.map(\.upper) == [3.5, 4, 2.5, 1])
        let again = try GLPKSolver.solve(back)
        #expect(again.status == .optimal)
        #expect(close(again.objective, original.objective!))
        #expect(close(again.values, original.values))
    }

    /// A problem kept in GLPK writes what it holds now, added rows included.
    @Test(arguments: ModelFileFormat.allCases)
    func problemWrite(format: ModelFileFormat) throws {
        var problem = try GLPKProblem(Models.wyndor)
        try problem.addRow(name: "cut", lower: -.infinity, upper: 5, terms: [(0, 1), (1, 1)])
        let path = temporaryPath("problem.\(format.rawValue)")
        try problem.write(format: format, to: path)
        let back = try GLPKSolver.read(format, from: path)
        #expect(back.rows.count == 4)
        // max 3x + 5y with x + y <= 5 too: along x + y = 5 each unit of x costs 5 - 3 = 2,
        // so x = 0, y = 5 (2y = 10 <= 12, 3x + 2y = 10 <= 18): z = 25.
        #expect(close(try GLPKSolver.solve(back).objective, 25))
    }

    @Test func ioErrors() {
        #expect(
            errorMessage { _ = try GLPKSolver.read(.mps, from: "/nonexistent/model.mps") }
                == "GLPK could not read a model in MPS format from \"/nonexistent/model.mps\"; check that the file exists and is well formed."
        )
        #expect(
            errorMessage { try GLPKSolver.write(Models.wyndor, format: .lp, to: "/nonexistent/dir/model.lp") }
                == "GLPK could not write the model to \"/nonexistent/dir/model.lp\" in LP format; check that the directory exists and is writable."
        )
        #expect(
            errorMessage { _ = try GLPKSolver.read(.lp, from: "") }
                == "The file path \"\" is empty or contains a NUL character; give a plain path.")
    }
}

@Suite("Export names")
struct ExportNameTests {
    @Test(arguments: [
        ("x(1,2)", "x(1,2)"), ("cap 1", "cap_1"), ("1st", "_1st"), (".5", "_.5"), ("End", "_End"),
        ("inf", "_inf"), ("d\u{1}\u{e9}", "d__"), ("a*/b", "a__b"), ("", ""),
    ])
    func sanitise(name: String, expected: String) {
        #expect(ExportNames.sanitise(name) == expected)
    }

    @Test func uniqueLongAndReserved() {
        let long = String(repeating: "n", count: 300)
        let names = ExportNames.make(["a", "a", "a_2", "", "obj", long, long], fallbackPrefix: "r", reserved: ["obj"])
        #expect(names[0...4] == ["a", "a_2", "a_2_2", "r3", "obj_2"])
        #expect(names[5].count == 240 && names[6] == names[5] + "_2")
    }

    /// Names with parentheses, commas and periods survive both formats.
    @Test(arguments: ModelFileFormat.allCases)
    func punctuationRoundTrip(format: ModelFileFormat) throws {
        // max x + y + e with x <= 1, y <= 2, e <= 3 and x + y + e <= 4: z = 4.
        var m = LinearModel()
        m.sense = .maximize
        let a = m.addColumn(name: "x(1,2)", upper: 1, objective: 1)
        let b = m.addColumn(name: "y.2", upper: 2, objective: 1)
        let c = m.addColumn(name: "e5", upper: 3, objective: 1)
        m.addRow(name: "r(a,b)", upper: 4, terms: [(a, 1), (b, 1), (c, 1)])
        let path = temporaryPath("punctuation.\(format.rawValue)")
        try GLPKSolver.write(m, format: format, to: path)
        let back = try GLPKSolver.read(format, from: path)
        #expect(back.columns.map(\.name) == ["x(1,2)", "y.2", "e5"])
        #expect(back.rows.map(\.name) == ["r(a,b)"])
        #expect(close(try GLPKSolver.solve(back).objective, 4))
    }
}
