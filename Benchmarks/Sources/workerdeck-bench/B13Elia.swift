import Foundation

/// B13: WorkerDeck side by side with elia-chat (PyPI 1.10.0, a Textual chat
/// TUI over SQLite), same data, same streaming server, same run.
///
/// Data: 1,000 conversations × 1,000 messages each — WorkerDeck's bench
/// store (`BenchData.thousandWorkersCopy`, 1,000 workers × 1,000 entries)
/// and elia's database written with elia's own tables
/// (`Benchmarks/elia/make_db.py`, the same message texts), both prepared
/// by `Benchmarks/elia-setup.sh` and the bench data generator.
///
/// Each app runs in its own detached 120×40 tmux session, observed the same
/// way, from outside (`tmux capture-pane`, every 20 ms):
/// - first frame: from `tmux new-session` until the screen shows stored
///   conversations (elia: a `conversation NNNN` title; WorkerDeck: a
///   `worker-NNNNNNNN` row);
/// - idle RSS: VmRSS 3 s after that;
/// - CPU while a 2,000-delta reply streams from a loopback OpenAI-style
///   server at 400 deltas/s (`B6Server`, `wN ` words): the message `go` is
///   typed into the app's composer, and CPU is every thread's time on CPU
///   (`/proc/PID/task/*/schedstat`) from the key that sends it until the
///   last word is on screen.
enum B13Elia {
    static let deltas = 2_000
    static let deltasPerSecond = 400

    struct Figures {
        var firstFrameMs: Double
        var idleRSSMiB: Double
        var replyCPUms: Double
        var replySeconds: Double
    }

    static func run() async throws -> [BenchRow] {
        let eliaHome = BenchData.directory.appendingPathComponent("elia-home")
        let elia = BenchData.directory.appendingPathComponent("elia-venv/bin/elia").path
        guard FileManager.default.fileExists(atPath: eliaHome.appendingPathComponent(".complete").path),
              FileManager.default.isExecutableFile(atPath: elia) else {
            throw BenchFailure("B13 needs Benchmarks/elia-setup.sh (make bench runs it)")
        }
        let server = try await B6Server.start(deltas: deltas, interval: .microseconds(1_000_000 / deltasPerSecond),
                                              content: B6Server.prose)
        defer { Task { await server.close() } }
        let lastWord = "w\(deltas - 1)"
        let tmux = ConsoleSession.Tmux()
        defer { tmux.stop() }

        // WorkerDeck first, then elia: the same server, one after the other.
        let store = try BenchData.thousandWorkersCopy()
        let sandbox = try ServeSandbox("b13", config: """
            [providers.loop]
            scheme = "openai_chat"
            base_url = "http://127.0.0.1:\(server.port)/v1"
            auth = "none"

            [profiles.reply]
            model = "loop/stream"

            """)
        defer { sandbox.remove() }
        let deck = try await B11ServeStreaming.offPool {
            try measure(tmux: tmux, name: "deck", lastWord: lastWord,
                        command: "env -C '\(sandbox.workspace.path)' TERM=xterm-256color LC_ALL=C.UTF-8 "
                            + "WORKERDECK_DATA_DIR='\(sandbox.data.path)' WORKERDECK_CONFIG='\(sandbox.config.path)' "
                            + "'\(sandbox.bin)' --store '\(store.path)'",
                        loaded: { $0.contains("worker-0000") }) { pid in
                // A new worker on the loopback profile, opened (the list
                // cursor is the worker: `G` moves to the last), composer focused.
                _ = sandbox.waitUntilAttached(["--store", store.path], attempts: 1500)
                _ = try sandbox.cli(["--store", store.path, "create", "--profile", "reply", "--name", "streamer"])
                // `G` until the new worker (pushed to the console) is the shown one.
                let deadline = ContinuousClock.now + .seconds(20)
                while !((try? tmux.run(["capture-pane", "-p", "-t", "deck"])) ?? "").contains("streamer") {
                    guard ContinuousClock.now < deadline else { throw BenchFailure("B13: the new worker never showed") }
                    try tmux.run(["send-keys", "-t", "deck", "G"])
                    usleep(300_000)
                }
                try tmux.run(["send-keys", "-t", "deck", "i"])
                try tmux.run(["send-keys", "-t", "deck", "-l", "go"])
                usleep(300_000)
                return "Enter"
            }
        }

        let run = BenchData.directory.appendingPathComponent("elia-run")
        try? FileManager.default.removeItem(at: run)
        try FileManager.default.copyItem(at: eliaHome, to: run)
        defer { try? FileManager.default.removeItem(at: run) }
        try """
            default_model = "bench"
            [[models]]
            id = "bench"
            name = "openai/stream"
            api_base = "http://127.0.0.1:\(server.port)/v1"
            api_key = "none"

            """.write(to: run.appendingPathComponent("config/elia/config.toml"), atomically: true, encoding: .utf8)
        let eliaFigures = try await B11ServeStreaming.offPool {
            try measure(tmux: tmux, name: "elia", lastWord: lastWord,
                        command: "env -C '\(run.path)' TERM=xterm-256color LC_ALL=C.UTF-8 XDG_DATA_HOME='\(run.path)/data' "
                            + "XDG_CONFIG_HOME='\(run.path)/config' LITELLM_LOCAL_MODEL_COST_MAP=True '\(elia)'",
                        loaded: { $0.contains("conversation 1000") }) { _ in
                // The home screen's composer has the focus; ctrl+j sends.
                try tmux.run(["send-keys", "-t", "elia", "-l", "go"])
                usleep(300_000)
                return "C-j"
            }
        }

        func row(_ what: String, _ ours: Double, _ theirs: Double, _ unit: String, digits: Int) -> BenchRow {
            let ratio = theirs / max(ours, 1e-9)
            return BenchRow(id: "B13", what: what,
                            measured: "WorkerDeck \(fmt(ours, digits)) \(unit), elia \(fmt(theirs, digits)) \(unit): elia / WorkerDeck \(fmt(ratio, 1))×",
                            target: "ahead", verdict: ours < theirs ? "met" : "MISSED")
        }
        return [
            row("first frame showing stored conversations (1,000 × 1,000), tmux spawn → screen", deck.firstFrameMs, eliaFigures.firstFrameMs, "ms", digits: 0),
            row("idle RSS 3 s after the first frame (VmRSS)", deck.idleRSSMiB, eliaFigures.idleRSSMiB, "MiB", digits: 1),
            row("CPU while a \(deltas)-delta reply streams at \(deltasPerSecond)/s (send key → last word on screen; "
                + "WorkerDeck \(fmt(deck.replySeconds, 1)) s, elia \(fmt(eliaFigures.replySeconds, 1)) s)",
                deck.replyCPUms, eliaFigures.replyCPUms, "ms", digits: 0),
        ]
    }

    /// Starts `command` in session `name`, measures the first frame and idle
    /// RSS, then `prepare` (which returns the key that sends) and the reply.
    static func measure(tmux: ConsoleSession.Tmux, name: String, lastWord: String, command: String,
                        loaded: (String) -> Bool, prepare: (Int32) throws -> String) throws -> Figures {
        let clock = ContinuousClock()
        let start = clock.now
        let pid = try tmux.start(name, command)
        defer { ConsoleSession.terminate(pid) }
        try waitForScreen(tmux, name, timeout: 600, loaded)
        let firstFrameMs = (clock.now - start).milliseconds
        usleep(3_000_000)
        let rss = Double(B14ToolOutput.kib(pid, "VmRSS")) / 1024
        let sendKey = try prepare(pid)
        let before = B12Console.cpuNanoseconds(pid)
        let sent = clock.now
        try tmux.run(["send-keys", "-t", name, sendKey])
        try waitForScreen(tmux, name, timeout: 120) { $0.contains(lastWord) }
        let after = B12Console.cpuNanoseconds(pid)
        return Figures(firstFrameMs: firstFrameMs, idleRSSMiB: rss, replyCPUms: Double(after - before) / 1e6,
                       replySeconds: (clock.now - sent).milliseconds / 1000)
    }

    /// Polls the session's screen every 20 ms until `match` holds.
    static func waitForScreen(_ tmux: ConsoleSession.Tmux, _ name: String, timeout: Double, _ match: (String) -> Bool) throws {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while ContinuousClock.now < deadline {
            if let screen = try? tmux.run(["capture-pane", "-p", "-t", name]), match(screen) { return }
            usleep(20_000)
        }
        let screen = (try? tmux.run(["capture-pane", "-p", "-t", name])) ?? ""
        throw BenchFailure("B13: timed out waiting for \(name)'s screen:\n\(screen)")
    }
}
