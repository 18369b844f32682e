/// `1 screening provider`, `3 screening providers`, `1 day`, `0 days`: a count with its
/// noun in the right number, for every table and message.
///
/// - Parameters:
///   - n: The count.
///   - noun: The singular.
///   - plural: The plural when it is not `noun + "s"` (`people`).
public func counted(_ n: Int, _ noun: String, plural: String? = nil) -> String {
    "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
}
