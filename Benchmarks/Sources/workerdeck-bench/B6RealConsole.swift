import Foundation
import Synchronization

/// B6 on the real console: the release `workerdeck`, the workspace's owner,
/// in a detached 120×40 tmux session, with 100 workers streaming from a
/// loopback OpenAI-style server (`B6Server`) at 50 deltas/s each for 30 s
/// (1,500 `wN ` deltas per reply), the first worker open.
///
/// Workers are created and inputs sent by CLI calls attached to the console
/// (`send` without `--wait`, four at a time). Measured: the console's CPU
/// (every thread's time on CPU, `/proc/PID/task/*/schedstat`) from the
/// first `send` to the last turn ended (polled with `workers --json` once a
/// second), its frames (render + present, `draw_us` of the test events),
/// and afterwards every committed reply (`transcript --json`).
enum B6RealConsole {
    static let workers = Int(ProcessInfo.processInfo.environment["B6_WORKERS"] ?? "") ?? 100
    static let deltas = 1_500
    static let interval = Duration.milliseconds(20)

    static func run() async throws -> [BenchRow] {
        let server = try await B6Server.start(deltas: deltas, interval: interval, content: B6Server.prose)
        defer { Task { await server.close() } }
        let sandbox = try ServeSandbox("b6", config: """
            [providers.loop]
            scheme = "openai_chat"
            base_url = "http://127.0.0.1:\(server.port)/v1"
            auth = "none"

            [profiles.stream]
            model = "loop/stream"

            """)
        defer { sandbox.remove() }
        let events = sandbox.events
        @Sendable func cli(_ arguments: [String]) throws -> String { try sandbox.cli(arguments) }
        let tmux = ConsoleSession.Tmux()
        defer { tmux.stop() }
        let consolePid = try tmux.start("b6", "env -C '\(sandbox.workspace.path)' TERM=xterm-256color LC_ALL=C.UTF-8 "
            + "WORKERDECK_DATA_DIR='\(sandbox.data.path)' WORKERDECK_CONFIG='\(sandbox.config.path)' "
            + "WORKERDECK_TEST_EVENTS='\(events)' '\(sandbox.bin)'")
        defer { ConsoleSession.terminate(consolePid) }
        let count = workers
        try await B11ServeStreaming.offPool {
            _ = sandbox.waitUntilAttached()
            for _ in 1...count { _ = try cli(["create", "--profile", "stream"]) }
            _ = try ConsoleSession.wait(for: events) { $0["event"] as? String == "frame" && $0["workers"] as? Int == count }
            try tmux.run(["send-keys", "-t", "b6", "g"])
            _ = try ConsoleSession.wait(for: events, timeout: 10) { $0["event"] as? String == "frame" && $0["open"] != nil }
        }
        usleep(300_000)
        let ids = (1...count).map { String(format: "worker-%08x", $0) }
        let framesBefore = ConsoleSession.events(events).count
        let clock = ContinuousClock()
        let before = B12Console.cpuNanoseconds(consolePid)
        let start = clock.now
        let failures = Mutex<[String]>([])
        try await B11ServeStreaming.offPool {
            DispatchQueue.concurrentPerform(iterations: 4) { lane in
                for id in stride(from: lane, to: ids.count, by: 4).map({ ids[$0] }) {
                    do { _ = try cli(["send", "backend-internal", id, "stream please"]) } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                }
            }
        }
        if let failure = failures.withLock({ $0.first }) { throw BenchFailure("B6 send failed: \(failure)") }
        // Until every turn ended: one `workers --json` a second (its cost is counted; it is small).
        let deadline = clock.now + .seconds(180)
        var end = clock.now
        while clock.now < deadline {
            let list = try await B11ServeStreaming.offPool { try cli(["workers", "--json"]) }
            let idle = list.components(separatedBy: #""run_state":"idle""#).count - 1
            end = clock.now
            if idle == count, (clock.now - start) > .seconds(5) { break }
            try await Task.sleep(for: .seconds(1))
        }
        let after = B12Console.cpuNanoseconds(consolePid)
        let seconds = (end - start).milliseconds / 1000
        let cores = Double(after - before) / 1e9 / seconds
        let frames = ConsoleSession.events(events).dropFirst(framesBefore)
            .filter { $0["event"] as? String == "frame" }.compactMap { $0["draw_us"] as? Int }.map { Double($0) / 1000 }
        let renderP99 = frames.isEmpty ? .infinity : Measure.percentile(frames, 99)

        var complete = 0
        let expected = B6Server.proseText(deltas)
        for id in ids {
            let page = try await B11ServeStreaming.offPool { try cli(["transcript", "backend-internal", id, "--json"]) }
            let items = ((try? JSONSerialization.jsonObject(with: Data(page.utf8))) as? [String: Any])?["items"] as? [[String: Any]] ?? []
            if let reply = items.last, reply["role"] as? String == "assistant", reply["content"] as? String == expected { complete += 1 }
        }
        func verdict(_ ok: Bool) -> String { ok ? "met" : "MISSED" }
        return [
            BenchRow(id: "B6", what: "real console (owner, 120×40, first worker open): \(count) workers × \(deltas) deltas at 50/s; committed replies complete",
                     measured: "\(complete)/\(count)", target: "all", verdict: verdict(complete == count)),
            BenchRow(id: "B6", what: "real console frames while they stream (render + present, \(frames.count) frames), p99",
                     measured: "\(fmt(renderP99, 2)) ms", target: "< 16 ms", verdict: verdict(renderP99 < 16)),
            BenchRow(id: "B6", what: "real console CPU, first `send` → last turn ended (\(fmt(seconds, 1)) s)",
                     measured: "\(fmt(cores, 3)) cores (\(fmt(Double(after - before) / 1e3 / Double(count * deltas), 0)) µs per delta)",
                     target: "< 0.25 core", verdict: verdict(cores < 0.25)),
        ]
    }
}
