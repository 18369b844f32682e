/// "Did you mean ...?" for misspelt keys and ids.
public enum Suggestion {
    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    ///
    /// Close enough: an optimal-string-alignment distance (Levenshtein plus
    /// swaps of neighbours) of at most 1 for candidates of up to 5 characters
    /// and at most 2 for longer ones, and less than the length of `word`.
    /// Ties go to the earlier candidate. A candidate that differs from `word`
    /// only in case (`kh-men` for `KH-men`, `MM` for `mm`) is always offered
    /// first, however short.
    ///
    /// - Complexity: O(k · n · m) for k candidates of length m and a word of length n.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let folded = word.lowercased()
        if let sameButCase = candidates.first(where: { $0 != word && $0.lowercased() == folded }) {
            return sameButCase
        }
        let w = Array(word.unicodeScalars)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let c = Array(candidate.unicodeScalars)
            let allowed = min(2, max(1, c.count / 3), max(0, w.count - 1))
            guard abs(c.count - w.count) <= allowed else { continue }
            let d = distance(w, c)
            if d <= allowed, d < (best?.distance ?? .max) { best = (candidate, d) }
        }
        return best?.candidate
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions
    /// and transpositions of adjacent characters each cost 1.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        var previous2 = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = min(d, previous2[j - 2] + 1)
                }
                current[j] = d
            }
            swap(&previous2, &previous)
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
