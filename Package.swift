// swift-tools-version: 6.2
// 6.2: swift-subprocess 1.0 (the Tools module's bash and git) requires it.
import PackageDescription

// Arrows point one way: Console → Registry → Runtime ← Providers;
// Server → Registry ← Remote. Only `workerdeck` wires them together.
let package = Package(
    name: "WorkerDeck",
    platforms: [.macOS(.v15)], // Synchronization.Mutex
    products: [
        .executable(name: "workerdeck", targets: ["workerdeck"]),
        // For the separate Benchmarks/ package, which depends on this one by path.
        .library(name: "Runtime", targets: ["Runtime"]),
        .library(name: "Registry", targets: ["Registry"]),
        .library(name: "Console", targets: ["Console"]),
        .library(name: "Providers", targets: ["Providers"]),
        .library(name: "Server", targets: ["Server"]),
        .library(name: "Remote", targets: ["Remote"]),
        .library(name: "Tools", targets: ["Tools"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"), // FilePath, in Subprocess's API
    ],
    targets: [
        .target(
            name: "Runtime",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Providers",
            dependencies: [
                "Runtime",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), // NIOConnectionError: was a connection refused?
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "Registry",
            dependencies: [
                "Runtime",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The owner's API (serve.md): Unix socket, TCP with tokens, TLS, the push stream.
        .target(
            name: "Server",
            dependencies: [
                "Registry",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The `remote_worker_runtime` source: a client of that API.
        .target(
            name: "Remote",
            dependencies: [
                "Registry",
                "Runtime", // SSEParser
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), // ca_file trust roots
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The built-in tools of tools.md (path confinement, bounded output,
        // process groups); Runtime's value types only, no HTTP, no screen.
        .target(
            name: "Tools",
            dependencies: [
                "Runtime",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system", condition: .when(platforms: [.linux])),
            ]
        ),
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(
            name: "Console",
            dependencies: [
                "Registry",
                "CNcursesw",
                "TOMLKit",
            ]
        ),
        .executableTarget(
            name: "workerdeck",
            dependencies: [
                "Runtime",
                "Providers",
                "Registry",
                "Console",
                "Server",
                "Remote",
                "Tools",
                "TOMLKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Test doubles shared by the test targets (never linked into the product).
        .target(name: "TestSupport", dependencies: ["Runtime"], path: "Tests/TestSupport"),
        // Fixtures: store files the migration tests copy and open (never built).
        .testTarget(name: "RuntimeTests", dependencies: ["Runtime", "TestSupport", "StoreCrashChild"], exclude: ["Fixtures"]),
        // A helper process for the store's crash and observer tests; the
        // tests find it next to themselves in the build products directory.
        .executableTarget(name: "StoreCrashChild", dependencies: ["Runtime"], path: "Tests/StoreCrashChild"),
        // A loopback fake LLM server (OpenAI and Anthropic streaming), shared
        // by the provider tests and the console's end-to-end tests.
        .target(
            name: "FakeLLM",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/FakeLLM"
        ),
        .testTarget(
            name: "ProvidersTests",
            dependencies: [
                "Providers", "Runtime", "FakeLLM",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Remote", "Registry", "Runtime", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "ToolsTests", dependencies: ["Tools", "Runtime"]),
        .testTarget(name: "RegistryTests", dependencies: ["Registry", "Runtime", "TestSupport"]),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "Registry", "Runtime", "TestSupport"], exclude: ["Snapshots"]),
        // The executable's own logic (config decoding), imported @testable.
        .testTarget(name: "WorkerDeckTests", dependencies: ["workerdeck", "Providers", "Runtime", "Registry"]),
        .testTarget(name: "EndToEndTests", dependencies: ["workerdeck", "FakeLLM", .product(name: "Logging", package: "swift-log")]),
    ],
    swiftLanguageModes: [.v6]
)

// `make fuzz-api` and `make fuzz-tools` (quality.md R14) only: libFuzzer
// binaries over the API's request decoders and the tool-argument decoder.
// Declared when WORKERDECK_FUZZ is set, so ordinary builds neither compile
// nor link them (they need --sanitize=fuzzer to link).
if Context.environment["WORKERDECK_FUZZ"] != nil {
    package.targets.append(.executableTarget(name: "workerdeck-api-fuzz", dependencies: ["Server"], path: "Fuzz/API",
                                             exclude: ["run.sh"],
                                             // No `main` of its own: libFuzzer's runs the harness.
                                             swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    // `make fuzz-tools`: the tool-argument decoder (R14).
    package.targets.append(.executableTarget(name: "workerdeck-tools-fuzz", dependencies: ["Tools", "Runtime"], path: "Fuzz/ToolArgs",
                                             exclude: ["run.sh"],
                                             swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
}
