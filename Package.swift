// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "baton",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "baton", targets: ["baton"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "BatonCore"),
        .target(
            name: "BatonStore",
            dependencies: [
                "BatonCore", "CLibpq", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .systemLibrary(name: "CLibpq"),
        .systemLibrary(name: "CNcursesw"),
        .target(name: "BatonTUI", dependencies: ["BatonCore"]),
        .target(name: "BatonApp", dependencies: ["BatonCore", "BatonTUI"]),
        .target(name: "BatonTerminal", dependencies: ["BatonApp", "BatonTUI", "CNcursesw"]),
        .executableTarget(
            name: "baton",
            dependencies: [
                "BatonCore", "BatonStore", "BatonTUI", "BatonApp", "BatonTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "baton-bench",
            dependencies: [
                "BatonCore", "BatonStore", "BatonHarness",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/BatonBench"
        ),
        .testTarget(name: "BatonCoreTests", dependencies: ["BatonCore"]),
        .testTarget(
            name: "BatonStoreTests", dependencies: ["BatonStore", "BatonCore", "BatonTestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "BatonTUITests", dependencies: ["BatonTUI", "BatonCore"], exclude: ["Golden"]),
        .testTarget(name: "BatonAppTests", dependencies: ["BatonApp", "BatonTUI", "BatonCore"]),
        .testTarget(name: "BatonTerminalTests", dependencies: ["BatonTerminal", "BatonTUI"]),
        // Sandboxes, processes, a throwaway PostgreSQL and a delaying proxy, without Testing, so
        // that the benchmark can use them too; the tests see them through BatonTestSupport.
        .target(name: "BatonHarness", path: "Tests/Harness"),
        .testTarget(name: "BatonHarnessTests", dependencies: ["BatonHarness"], path: "Tests/HarnessTests"),
        .target(name: "BatonTestSupport", dependencies: ["BatonHarness"], path: "Tests/Support"),
        .testTarget(name: "CLITests", dependencies: ["BatonCore", "BatonTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["BatonTestSupport"], path: "Tests/EndToEnd"),
        .testTarget(name: "FaultTests", dependencies: ["BatonTestSupport"], path: "Tests/Faults"),
    ],
    swiftLanguageModes: [.v6]
)
