extension Schedule {
    /// The schedule from `date` on: the departures dated before it have left, so the
    /// weekly job (`iars batch`, `iars schedule --as-of`) assigns the cases in shelter
    /// to the coming ones only, whatever season the file lists.
    public func from(_ date: CalendarDate) -> Schedule {
        var out = self
        out.departures = departures.filter { $0.date >= date }
        return out
    }
}
