/// What iars reads (scenarios, schedules, caseloads, their diagnostics) comes with the
/// planner: a client of IARSCore sees IARSInput's types without importing it.
@_exported import IARSInput
