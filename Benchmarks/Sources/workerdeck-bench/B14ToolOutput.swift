import Foundation

/// B14: a bash tool call printing 100 MB, on the release `workerdeck serve`
/// with a real console attached in a detached 120×40 tmux session showing
/// the worker. A `scripted` worker with `tools = ["bash"]` (allowed by
/// policy, so nothing waits) is sent `/tool bash {"command":"yes | head -c
/// 100000000"}`.
///
/// Measured: the stored result (`workerdeck transcript --json`): capped and
/// flagged truncated; the owner's RSS growth (VmHWM after − VmRSS before,
/// from /proc); the console's frames while the command ran and its result
/// arrived (render + present per frame, `draw_us` in its test events): p99.
enum B14ToolOutput {
    static func run() async throws -> [BenchRow] {
        let sandbox = try ServeSandbox("b14", config: """
            [providers.quick]
            scheme = "scripted"
            delay_ms = 0

            [profiles.shell]
            model = "quick/echo"
            tools = ["bash"]
            [profiles.shell.approval]
            bash = "allow"

            """)
        defer { sandbox.remove() }
        let bin = sandbox.bin, data = sandbox.data, workspace = sandbox.workspace
        let config = sandbox.config, events = sandbox.events
        @Sendable func cli(_ arguments: [String]) throws -> String { try sandbox.cli(arguments) }

        let serve = try sandbox.startServe()
        defer { if serve.isRunning { serve.terminate(); serve.waitUntilExit() } }
        try await B11ServeStreaming.offPool {
            guard sandbox.waitUntilAttached() else { throw BenchFailure("B14: workerdeck serve did not answer") }
        }
        _ = try await B11ServeStreaming.offPool { try cli(["create", "--profile", "shell", "--name", "loud"]) }

        let tmux = ConsoleSession.Tmux()
        defer { tmux.stop() }
        let consolePid = try tmux.start("b14", "env -C '\(workspace.path)' TERM=xterm-256color LC_ALL=C.UTF-8 "
            + "WORKERDECK_DATA_DIR='\(data.path)' WORKERDECK_CONFIG='\(config.path)' WORKERDECK_TEST_EVENTS='\(events)' '\(bin)'")
        defer { ConsoleSession.terminate(consolePid) }
        try await B11ServeStreaming.offPool {
            _ = try ConsoleSession.wait(for: events) { $0["event"] as? String == "frame" && $0["open"] != nil }
        }
        usleep(300_000)
        let rssBefore = Self.kib(serve.processIdentifier, "VmRSS")
        let framesBefore = ConsoleSession.events(events).count
        let clock = ContinuousClock()
        let start = clock.now
        _ = try await B11ServeStreaming.offPool {
            try cli(["send", "backend-internal", "worker-00000001", #"/tool bash {"command":"yes | head -c 100000000"}"#, "--wait"])
        }
        let seconds = (clock.now - start).milliseconds / 1000
        // The console draws the result: give it its frames.
        try await B11ServeStreaming.offPool {
            _ = try ConsoleSession.wait(for: events, timeout: 10) { $0["event"] as? String == "frame" && $0["status"] as? String == "idle" }
        }
        let peak = Self.kib(serve.processIdentifier, "VmHWM")
        let frames = ConsoleSession.events(events).dropFirst(framesBefore)
            .filter { $0["event"] as? String == "frame" }.compactMap { $0["draw_us"] as? Int }
        let page = try await B11ServeStreaming.offPool { try cli(["transcript", "backend-internal", "worker-00000001", "--json"]) }
        let items = ((try JSONSerialization.jsonObject(with: Data(page.utf8)) as? [String: Any])?["items"] as? [[String: Any]]) ?? []
        let result = items.compactMap { $0["tool_result"] as? [String: Any] }.last
        let output = result?["output"] as? String ?? ""
        let truncated = result?["truncated"] as? Bool ?? false
        let growthMiB = Double(peak - rssBefore) / 1024
        let p99 = frames.isEmpty ? 0 : Double(frames.sorted()[min(frames.count - 1, Int(Double(frames.count) * 0.99))]) / 1000
        let capped = truncated && output.utf8.count <= 70 * 1024 && output.contains("bytes omitted")
        return [
            BenchRow(id: "B14", what: "bash printing 100 MB (\(fmt(seconds, 1)) s): stored result \(output.utf8.count) bytes, truncated \(truncated)",
                     measured: capped ? "capped" : "NOT capped", target: "output capped", verdict: capped ? "met" : "MISSED"),
            BenchRow(id: "B14", what: "owner RSS growth meanwhile (VmHWM − VmRSS before, /proc)",
                     measured: "\(fmt(growthMiB, 1)) MiB", target: "< 64 MiB", verdict: growthMiB < 64 ? "met" : "MISSED"),
            BenchRow(id: "B14", what: "console frames meanwhile (render + present, \(frames.count) frames), p99",
                     measured: "\(fmt(p99, 2)) ms", target: "< 16 ms", verdict: !frames.isEmpty && p99 < 16 ? "met" : "MISSED"),
        ]
    }

    /// A `VmRSS`/`VmHWM` figure of /proc/PID/status, in KiB.
    static func kib(_ pid: Int32, _ field: String) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first { !$0.isEmpty }.map { $0.trimmingCharacters(in: .whitespaces) } ?? "") ?? 0
    }
}
