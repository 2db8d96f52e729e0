import Foundation
import Testing

/// Runs the built `workerdeck` binary with a private data dir, config and
/// workspace, the way an operator would.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let root: URL
    var dataDir: URL { root.appendingPathComponent("data") }
    var configFile: URL { root.appendingPathComponent("config/config.toml") }
    var workspace: URL { root.appendingPathComponent("workspace") }
    var legacyDir: URL { root.appendingPathComponent("yoi") }
    var extraEnvironment: [String: String] = [:]

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("wd-e2e-\(UUID().uuidString.prefix(8))")
        for dir in [dataDir, configFile.deletingLastPathComponent(), workspace, legacyDir] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
    }

    /// Removes the private folders (kept when `WORKERDECK_E2E_KEEP` is set, to read a failed run's log).
    func cleanUp() {
        stopOwners()
        guard ProcessInfo.processInfo.environment["WORKERDECK_E2E_KEEP"] == nil else { return }
        try? FileManager.default.removeItem(at: root)
    }

    /// Ends any owner a call started in the background (`send` without
    /// `--wait`): the pid it wrote in its store's lock file.
    func stopOwners() {
        let workspaces = dataDir.appendingPathComponent("workspaces")
        for workspace in (try? FileManager.default.contentsOfDirectory(atPath: workspaces.path)) ?? [] {
            let lock = workspaces.appendingPathComponent("\(workspace)/embedded-runtime/owner.lock")
            guard let text = try? String(contentsOf: lock, encoding: .utf8),
                  let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1 else { continue }
            kill(pid, SIGTERM)
        }
    }

    /// The binary beside the test bundle in the build products folder.
    static var binary: URL {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let beside = products.appendingPathComponent("workerdeck")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        // Fallback: the package's default debug folder.
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return repo.appendingPathComponent(".build/debug/workerdeck")
    }

    var environment: [String: String] {
        var env: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": root.path,
            "LC_ALL": "C.UTF-8",
            "TERM": "xterm-256color",
            "WORKERDECK_DATA_DIR": dataDir.path,
            "WORKERDECK_CONFIG": configFile.path,
            "YOI_DATA_DIR": legacyDir.path,
            "YOI_RUNTIME_DIR": root.appendingPathComponent("yoi-run").path,
        ]
        env.merge(extraEnvironment) { $1 }
        return env
    }

    /// Runs `workerdeck args…` in the workspace and waits for it, on a
    /// thread of its own: blocking the few threads of Swift's cooperative
    /// pool would starve every other test running meanwhile.
    @discardableResult
    func run(_ args: String...) async throws -> Result {
        try await run(args)
    }

    @discardableResult
    func run(_ args: [String]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Swift.Result { try runBlocking(args) }) }.start()
        }
    }

    private func runBlocking(_ args: [String]) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = args
        process.environment = environment
        process.currentDirectoryURL = workspace
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read before waiting, so a full pipe cannot stall the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Re-checks `condition` (each check is a CLI call, so this is paced by
    /// the calls themselves) until it holds; fails after `attempts`.
    func waitFor(_ what: String, attempts: Int = 200, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<attempts {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("timed out waiting for \(what)")
        throw CancellationError()
    }

    func writeConfig(_ text: String) throws {
        try text.write(to: configFile, atomically: true, encoding: .utf8)
    }

    /// A config whose profile `profile` talks openai_chat over HTTP to the
    /// loopback fake at `baseURL`, asking it for `fake/<model>`.
    func writeFakeProviderConfig(baseURL: String, profile: String, model: String) throws {
        try writeConfig("""
            [providers.fake]
            scheme = "openai_chat"
            base_url = "\(baseURL)/v1"
            auth = "none"

            [profiles.\(profile)]
            model = "fake/\(model)"
            """)
    }
}
