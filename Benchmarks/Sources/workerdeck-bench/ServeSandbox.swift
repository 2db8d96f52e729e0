import Foundation

/// A private data dir, workspace and config for a benchmark that runs the
/// release `workerdeck serve` and CLI calls against it (B11, B14).
struct ServeSandbox: Sendable {
    let bin: String
    let dir: URL
    var data: URL { dir.appendingPathComponent("data") }
    var workspace: URL { dir.appendingPathComponent("ws") }
    var config: URL { dir.appendingPathComponent("config.toml") }
    var events: String { dir.appendingPathComponent("console.events").path }
    let environment: [String: String]

    /// `name` tells sandboxes apart; `config` is the TOML the calls read.
    init(_ name: String, config text: String) throws {
        bin = B11ServeStreaming.binary
        guard FileManager.default.isExecutableFile(atPath: bin) else {
            throw BenchFailure("\(name.uppercased()) needs the release binary at \(bin) "
                + "(swift build -c release --product workerdeck, or set WORKERDECK_BIN)")
        }
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("wd-bench-\(getpid())-\(name)")
        try? FileManager.default.removeItem(at: dir)
        var environment = ProcessInfo.processInfo.environment
        environment["WORKERDECK_DATA_DIR"] = dir.appendingPathComponent("data").path
        environment["WORKERDECK_CONFIG"] = dir.appendingPathComponent("config.toml").path
        environment["LC_ALL"] = "C.UTF-8"
        environment["WORKERDECK_TEST_EVENTS"] = nil
        self.environment = environment
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        try text.write(to: config, atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }

    /// `workerdeck ARGS…` in the workspace; its stdout, or a failure naming the call.
    func cli(_ arguments: [String]) throws -> String {
        let out = try Measure.run("/usr/bin/env", ["-C", workspace.path, bin] + arguments, environment: environment)
        guard out.status == 0 else { throw BenchFailure("workerdeck \(arguments.prefix(2).joined(separator: " ")) exited \(out.status)") }
        return out.output
    }

    /// Polls `workerdeck [prefix…] doctor --json` every 20 ms until the call
    /// attaches to the owner; false after `attempts` tries.
    func waitUntilAttached(_ prefix: [String] = [], attempts: Int = 600) -> Bool {
        for _ in 0..<attempts {
            if (try? cli(prefix + ["doctor", "--json"]))?.contains(#""attached":true"#) == true { return true }
            usleep(20_000)
        }
        return false
    }

    /// `workerdeck serve` in the workspace, output discarded.
    func startServe() throws -> Process {
        let serve = Process()
        serve.executableURL = URL(fileURLWithPath: bin)
        serve.arguments = ["serve"]
        serve.currentDirectoryURL = workspace
        serve.environment = environment
        serve.standardOutput = FileHandle.nullDevice
        serve.standardError = FileHandle.nullDevice
        try serve.run()
        return serve
    }
}
