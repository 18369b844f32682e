// swift-tools-version: 6.1
// A separate package so the normal `swift build` / `swift test` never see the
// fuzzer: build it only with `make fuzz` (docs/hardening.md), which passes
// `-Xswiftc -sanitize=fuzzer,address`.
import PackageDescription

let package = Package(
    name: "iars-fuzz",
    dependencies: [.package(name: "iars", path: "..")],
    targets: [
        .executableTarget(
            name: "iars-fuzz",
            dependencies: [.product(name: "IARSCore", package: "iars")],
            // The entry points are libFuzzer's (see Fuzz.swift): no top-level code.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    ]
)
