import ArgumentParser
import IARSCore

/// How many futures and which seed: the same two flags, checks and defaults for
/// `iars risk` and `iars size` (spec/uncertainty.md).
struct FuturesOptions: ParsableArguments {
    @Option(name: .long, help: "How many futures (1...100000; default: uncertainty.futures, else 200).")
    var futures: Int?

    @Option(name: .long, help: "The generator's seed, 0 or more (default: uncertainty.seed, else 1).")
    var seed: Int?

    func validate() throws {
        if let futures, !(1...Uncertainty.maxFutures).contains(futures) {
            throw ValidationError("--futures must be 1...\(Uncertainty.maxFutures), got \(futures).")
        }
        if let seed, seed < 0 { throw ValidationError("--seed must be 0 or more, got \(seed).") }
    }

    /// Whether either flag was given.
    var given: Bool { futures != nil || seed != nil }
}
