import Foundation
import Testing

/// A detached tmux session of fixed size running one command, driven with
/// `send-keys` and read with `capture-pane`. Waits poll with a deadline;
/// there are no fixed sleeps.
final class TmuxSession {
    let name: String
    let socket: String
    private(set) var closed = false

    /// Starts `command` (argv) in a new detached session `width`×`height`.
    init(command: [String], environment: [String: String], directory: URL, width: Int = 80, height: Int = 24) throws {
        name = "wd-\(UUID().uuidString.prefix(8))"
        // A private server socket per session keeps tests independent.
        socket = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(name)").path
        let env = environment.map { "\($0.key)=\(Self.quote($0.value))" }.sorted().joined(separator: " ")
        let shell = "cd \(Self.quote(directory.path)) && exec env -i \(env) \(command.map(Self.quote).joined(separator: " "))"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", shell])
        try? tmux(["set-option", "-t", name, "remain-on-exit", "on"])
    }

    deinit { close() }

    func close() {
        guard !closed else { return }
        closed = true
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }

    /// tmux key names (`Enter`, `Escape`, `C-j`, `M-Enter`, `PageUp`) or literal text with `literal`.
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The visible screen as text.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", name])
    }

    /// The window title tmux holds for the pane (what a hostile OSC would change).
    func title() throws -> String {
        try tmux(["display-message", "-p", "-t", name, "#{pane_title}"]).trimmingCharacters(in: .newlines)
    }

    /// Whether the program in the pane has exited, and its status.
    func exitStatus() throws -> Int32? {
        let text = try tmux(["display-message", "-p", "-t", name, "#{pane_dead} #{pane_dead_status}"])
        let parts = text.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        guard parts.first == "1", parts.count > 1 else { return nil }
        return Int32(parts[1])
    }

    /// Polls the screen until `predicate` holds or the deadline passes.
    @discardableResult
    func waitForScreen(timeout: Duration = .seconds(15), _ what: String,
                       _ predicate: (String) -> Bool) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last = ""
        while clock.now < deadline {
            last = try screen()
            if predicate(last) { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("timed out waiting for \(what); screen was:\n\(last)")
        throw WaitTimeout(what: what)
    }

    func waitFor(_ text: String, timeout: Duration = .seconds(15)) async throws -> String {
        try await waitForScreen(timeout: timeout, "\"\(text)\"") { $0.contains(text) }
    }

    @discardableResult
    private func tmux(_ args: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "-S", socket] + args
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

struct WaitTimeout: Error {
    let what: String
}

/// Reads the JSON lines a console appends to `WORKERDECK_TEST_EVENTS`.
struct TestEventLog {
    let file: URL

    func events() -> [[String: Any]] {
        guard let data = try? Data(contentsOf: file) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Waits until an event of `kind` (and matching `predicate`) has been written.
    @discardableResult
    func waitFor(_ kind: String, timeout: Duration = .seconds(15),
                 where predicate: ([String: Any]) -> Bool = { _ in true }) async throws -> [String: Any] {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let match = events().last(where: { $0["event"] as? String == kind && predicate($0) }) { return match }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("timed out waiting for test event \(kind); saw \(events().compactMap { $0["event"] as? String })")
        throw WaitTimeout(what: kind)
    }
}
