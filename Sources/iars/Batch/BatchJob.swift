import Foundation
import IARSCore
import IARSHistory

/// One unit of work of a batch: an input, or one of its variants, ready to solve.
///
/// Each input expands into one or more jobs (`BatchJob.expand`): the input
/// itself (`job == ""`) and, once scenario files carry `variants:`, one job per
/// variant, named `INPUT#VARIANT` in tables and history and written to
/// `STEM.VARIANT.plan.json`. Everything after expansion (skip check, solve,
/// output, history) works per job and needs no change for variants.
struct BatchJob: Sendable {
    enum Work: Sendable {
        case plan(Scenario)
        case schedule(IARSCore.Schedule)
        /// The input could not be read: nothing to solve, the diagnostics go to the summary.
        case invalid(InputError)
    }

    var input: BatchInput
    /// "" for the input itself, else the variant's name.
    var job: String
    var kind: BatchInputs.Kind
    var work: Work
    /// The scenario's name (the file's stem when it could not be read).
    var scenario: String
    /// SHA-256 over the bytes of every file the job reads (for a variant, the
    /// same files: the variant is part of the scenario file).
    var inputHash: String
    /// For a job of the weekly loop (an office's scenario with `caseload:`, or its schedule):
    /// the caseload's date (WeeklyLoop.swift).
    var asOf: CalendarDate? = nil
    /// For a plan from the caseload: its cases counted per group, the history's actuals.
    var actuals: [GroupActual] = []

    /// `INPUT` or `INPUT#JOB`.
    var displayName: String { job.isEmpty ? input.name : "\(input.name)#\(job)" }

    /// The output file, relative to the output folder: the input's name without
    /// its extension, then `.VARIANT` for a variant, then `.plan.json` or `.schedule.json`.
    var outputName: String {
        let stem = (input.name as NSString).deletingPathExtension
        return stem + (job.isEmpty ? "" : ".\(job)") + ".\(kind.rawValue).json"
    }

    /// Reads, validates and hashes one input and expands it into its jobs; a scenario
    /// with `caseload:` (and a schedule of one) joins the weekly loop on `dates`.
    static func expand(_ input: BatchInput, dates: WeeklyDates) -> [BatchJob] {
        WeeklyLoop.prepare(expand(input), dates: dates)
    }

    /// Reads, validates and hashes one input and expands it into its jobs.
    static func expand(_ input: BatchInput) -> [BatchJob] {
        let kind = BatchInputs.kind(of: input.path)
        let stem = ((input.name as NSString).lastPathComponent as NSString).deletingPathExtension
        func hash(_ files: [String]) -> String { Self.hash(files) }
        switch kind {
        case .plan:
            let set: ScenarioSet
            do {
                set = try ScenarioLoader.loadSet(path: input.path)
            } catch {
                return [
                    BatchJob(
                        input: input, job: "", kind: kind, work: .invalid(error), scenario: stem,
                        inputHash: hash([input.path]))
                ]
            }
            let h = hash([input.path])
            // The base, then one job per variant (output STEM.VARIANT.plan.json).
            var jobs = [
                BatchJob(
                    input: input, job: "", kind: kind, work: .plan(set.base), scenario: set.base.name,
                    inputHash: h)
            ]
            for variant in set.variants {
                jobs.append(
                    BatchJob(
                        input: input, job: variant.name, kind: kind, work: .plan(variant.scenario),
                        scenario: variant.scenario.name, inputHash: h))
            }
            return jobs
        case .schedule:
            let schedule: IARSCore.Schedule
            do {
                schedule = try ScheduleLoader.load(path: input.path)
            } catch {
                return [
                    BatchJob(
                        input: input, job: "", kind: kind, work: .invalid(error), scenario: stem,
                        inputHash: hash([input.path]))
                ]
            }
            return [
                BatchJob(
                    input: input, job: "", kind: kind, work: .schedule(schedule),
                    scenario: schedule.scenario.name,
                    inputHash: hash([schedule.file, schedule.scenarioFile, schedule.casesFile]))
            ]
        }
    }

    /// SHA-256 over the bytes of `files`, each length-prefixed (so moving bytes between
    /// files changes the hash), then of `extra` (e.g. the weekly loop's as-of date).
    static func hash(_ files: [String], extra: [String] = []) -> String {
        var h = SHA256()
        for f in files {
            let data = FileManager.default.contents(atPath: f) ?? Data()
            h.update(Array("\(data.count):".utf8))
            h.update(data)
        }
        for e in extra {
            h.update(Array("\(e.utf8.count):".utf8))
            h.update(Array(e.utf8))
        }
        return h.hexDigest()
    }
}
