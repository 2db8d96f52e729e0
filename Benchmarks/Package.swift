// swift-tools-version: 6.0
import Foundation
import PackageDescription

// Benchmarks for WorkerDeck (quality.md): a release-built `workerdeck-bench`
// that prints a markdown table. Run with `make bench` from the repository root.
//
// A path dependency's identity is its directory's name, which differs between
// clones; derive it rather than spell it.
let rootIdentity = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "WorkerDeckBenchmarks",
    platforms: [.macOS(.v15)], // Synchronization.Mutex
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .executableTarget(
            name: "workerdeck-bench",
            dependencies: [
                .product(name: "Runtime", package: rootIdentity),
                .product(name: "Registry", package: rootIdentity),
                .product(name: "Console", package: rootIdentity),
                .product(name: "Providers", package: rootIdentity),
                // B10's owner API over a Unix socket and its client.
                .product(name: "Server", package: rootIdentity),
                .product(name: "Remote", package: rootIdentity),
                .product(name: "Logging", package: "swift-log"),
                // B6's loopback streaming server.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // Only for B5's bare-SQLite baseline.
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
