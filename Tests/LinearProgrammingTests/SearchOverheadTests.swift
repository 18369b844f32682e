import Testing

@testable import LinearProgramming

/// A level's last branch-and-cut counts two costs beyond its iterations and nodes
/// (``SolveOptions/countsSearchOverheads``, docs/performance.md, "The last search counts its
/// cut rows and open nodes"): the cut rows GLPK adds below the root, and with best-local
/// backtracking the open nodes walked at each node selection. Counting changes the units,
/// never the search: the same nodes, iterations and optimum.
@Suite struct SearchOverheadTests {
    static func solve(counted: Bool, backtracking: BacktrackingRule = .bestLocal) throws -> Solution {
        var options = SolveOptions(verbose: true)
        options.backtracking = backtracking
        options.countsSearchOverheads = counted
        return try GLPKSolver.solve(Models.marketSplit(rows: 3), options: options)
    }

    /// "…; N nodes, M node-LP iterations, …, K cut rows added below the root, …" (verbose).
    static func count(_ s: Solution, _ what: String) throws -> Int {
        let part = try #require(s.message.components(separatedBy: "; ").first { $0.contains(what) })
        let field = try #require(part.components(separatedBy: ", ").first { $0.hasSuffix(what) })
        return try #require(Int(field.components(separatedBy: " ").last { Int($0) != nil } ?? ""))
    }

    @Test func theyCostUnitsNotADifferentSearch() throws {
        let plain = try Self.solve(counted: false)
        let counted = try Self.solve(counted: true)
        #expect(plain.status == .optimal && counted.status == .optimal)
        #expect(plain.objective == counted.objective)
        #expect(try Self.count(plain, "nodes") == Self.count(counted, "nodes"))
        let cutRows = try Self.count(counted, "cut rows added below the root")
        #expect(cutRows > 0)
        // every cut row 2 steps, and the walks over the open nodes on top (here about 1,200
        // units: over 1,200,000 open nodes walked in all)
        #expect(counted.work > plain.work + cutRows * WorkMeter.unitsPerCutRow)

        // Depth first takes the end of the list: no walk, only the cut rows count.
        let plainDepth = try Self.solve(counted: false, backtracking: .depthFirst)
        let depth = try Self.solve(counted: true, backtracking: .depthFirst)
        let depthRows = try Self.count(depth, "cut rows added below the root")
        #expect(depth.work == plainDepth.work + depthRows * WorkMeter.unitsPerCutRow)
    }
}
