import Console
import Foundation
import Registry
import Runtime

/// The real console as a process, for B6, B7, B8, B11–B14: stores, tmux,
/// its test events and /proc figures.
enum ConsoleSession {
    /// Stores of `workers` idle workers × 20 entries, not connected (nothing
    /// to restore), written by `BenchData` through `FileStore.commit`.
    static func store(workers: Int) throws -> URL {
        try BenchData.store(named: "console-\(workers)-workers", workers: workers, entriesPerWorker: 20, backend: .stale)
    }

    /// A tmux server on a private socket; `stop()` kills only that server.
    final class Tmux {
        let socket: String
        init() { socket = FileManager.default.temporaryDirectory.appendingPathComponent("wd-bench-tmux-\(getpid())").path }

        @discardableResult
        func run(_ args: [String]) throws -> String {
            let out = try Measure.run("/usr/bin/env", ["tmux", "-S", socket] + args)
            guard out.status == 0 else { throw BenchFailure("tmux \(args.joined(separator: " ")) failed") }
            return out.output
        }

        /// Starts `command` (exec'd, so the pane's pid is the console's) in a
        /// new detached 120×40 session; returns the pane's pid.
        func start(_ name: String, _ command: String) throws -> Int32 {
            try launch(name, command)
            let pid = try run(["list-panes", "-t", name, "-F", "#{pane_pid}"])
            guard let value = Int32(pid.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw BenchFailure("no pane pid for \(name): \(pid)")
            }
            return value
        }

        /// The same without asking for the pid (the command may be gone).
        func launch(_ name: String, _ command: String) throws {
            // posix_spawn, not Process: the tmux server this may fork would
            // inherit Process's internal descriptors and its wait would hang.
            let args = ["tmux", "-S", socket, "new-session", "-d", "-s", name, "-x", "120", "-y", "40", "exec " + command]
            var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var child: pid_t = 0
            guard posix_spawnp(&child, "tmux", nil, nil, &argv, environ) == 0 else {
                throw BenchFailure("cannot spawn tmux")
            }
            var status: Int32 = 0
            waitpid(child, &status, 0)
            guard status == 0 else { throw BenchFailure("tmux new-session \(name) failed (\(status))") }
        }

        func stop() { _ = try? run(["kill-server"]) }
    }

    /// The shell command that starts the release `workerdeck` console over
    /// `store` (its owner), with a private data dir and no config file.
    static func command(store: URL, events: String) -> String {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("wd-bench-\(getpid())-console").path
        return "env TERM=xterm-256color LC_ALL=C.UTF-8 WORKERDECK_TEST_EVENTS='\(events)' WORKERDECK_DATA_DIR='\(scratch)/data' "
            + "WORKERDECK_CONFIG='\(scratch)/config.toml' '\(B11ServeStreaming.binary)' --store '\(store.path)'"
    }

    /// Lines of the test-events file parsed as JSON objects.
    static func events(_ path: String) -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Polls (every 0.5 ms) until an event satisfies `match`; returns the ms
    /// waited, or throws after `timeout` seconds.
    static func wait(for path: String, timeout: Double = 30, _ match: ([String: Any]) -> Bool) throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        while (clock.now - start).milliseconds < timeout * 1000 {
            if events(path).contains(where: match) { return (clock.now - start).milliseconds }
            usleep(500)
        }
        throw BenchFailure("timed out waiting in \(path): \(events(path))")
    }

    /// utime + stime of a process, in clock ticks.
    static func cpuTicks(_ pid: Int32) -> Int {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return -1 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command: state is field 3, utime 14 and stime 15 (1-based).
        return (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)
    }

    /// Sends SIGTERM (the console quits cleanly) and waits for the exit.
    /// SIGTERM, then SIGKILL after 4 s: elia (Textual) outlived SIGTERM and
    /// the tmux server's SIGHUP, and two left behind took 0.17 core from
    /// every benchmark run after them.
    static func terminate(_ pid: Int32) {
        func gone() -> Bool {
            guard let s = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            return s.contains(") Z")
        }
        kill(pid, SIGTERM)
        for _ in 0..<400 where !gone() { usleep(10_000) }
        if !gone() { kill(pid, SIGKILL) }
    }
}
