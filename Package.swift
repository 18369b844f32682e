// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "iars",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "iars", targets: ["iars"]),
        .library(name: "LinearProgramming", targets: ["LinearProgramming"]),
        .library(name: "IARSCore", targets: ["IARSCore"]),
        .library(name: "IARSReport", targets: ["IARSReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // GLPK 5.0 from Debian's libglpk-dev (no pkg-config file ships with it).
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        // A small, safe LP/MIP layer over GLPK that knows nothing of shelters.
        .target(name: "LinearProgramming", dependencies: ["CGLPK"]),
        // What iars reads: scenario, schedule and caseload files, their limits and diagnostics.
        .target(
            name: "IARSInput",
            dependencies: [.product(name: "Yams", package: "Yams"), .product(name: "CSV", package: "CSV.swift")]
        ),
        // The planning model and its solve, schedules, what-if and explanations.
        .target(name: "IARSCore", dependencies: ["IARSInput", "LinearProgramming"]),
        // Tables, JSON and CSV for people and programs.
        .target(name: "IARSReport", dependencies: ["IARSCore"]),
        // Run history of `iars batch` in SQLite (GRDB): runs, metrics per month, import, diff.
        .target(name: "IARSHistory", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        // The thin command-line executable.
        .executableTarget(
            name: "iars",
            dependencies: [
                "IARSCore", "IARSReport", "IARSHistory",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming"]),
        .testTarget(
            name: "IARSCoreTests",
            dependencies: ["IARSInput", "IARSCore", "IARSReport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "IARSReportTests", dependencies: ["IARSCore", "IARSReport"]),
        .testTarget(name: "IARSCLITests", dependencies: ["IARSCore"]),
        .testTarget(
            name: "IARSBatchTests",
            dependencies: ["IARSHistory"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
