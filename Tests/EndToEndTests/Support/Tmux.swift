import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
        // The server this starts inherits the client's descriptors: give it
        // none of ours, or reading our pipe would wait for the server to exit.
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", shell], capture: false)
        try? tmux(["set-option", "-w", "-t", name, "remain-on-exit", "on"])
        // Let the program's OSC 52 set a tmux buffer, so copies can be read back.
        try? tmux(["set-option", "-s", "set-clipboard", "on"])
    }

    deinit { close() }

    func close() {
        guard !closed else { return }
        closed = true
        _ = try? tmux(["kill-server"], capture: false)
        try? FileManager.default.removeItem(atPath: socket)
    }

    /// tmux key names (`Enter`, `Escape`, `C-j`, `M-Enter`, `PageUp`) or literal text with `literal`.
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
    }

    /// Opens a second window and makes it current, so the program's window
    /// is in the background (tmux flags a bell there: `#{window_bell_flag}`).
    func openOtherWindow() throws {
        try tmux(["new-window", "-t", name, "sleep 600"], capture: false)
    }

    /// Back to the program's window (keys go to the current window).
    func selectProgramWindow() throws {
        try tmux(["select-window", "-t", "\(name):0"], capture: false)
    }

    /// `#{window_bell_flag}` of the program's window: a bell rang there
    /// while it was in the background.
    func programWindowBellFlag() throws -> Bool {
        try tmux(["display-message", "-p", "-t", "\(name):0", "#{window_bell_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The visible screen as text.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", name])
    }

    /// The newest tmux paste buffer (what an OSC 52 copy set), or nil.
    func pasteBuffer() -> String? {
        let text = try? tmux(["show-buffer"])
        return text?.isEmpty == false ? text : nil
    }

    /// The pid of the program in the pane (the command was exec'd).
    func panePid() throws -> Int32? {
        Int32(try tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The window title tmux holds for the pane (what a hostile OSC would change).
    func title() throws -> String {
        try tmux(["display-message", "-p", "-t", name, "#{pane_title}"]).trimmingCharacters(in: .newlines)
    }

    /// Whether the program in the pane has exited, and its status.
    func exitStatus() throws -> Int32? {
        let text = try tmux(["display-message", "-p", "-t", name, "#{pane_dead} #{pane_dead_status}"])
        let parts = text.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        // No answer: the session is gone with its program.
        if parts.isEmpty { return -1 }
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
        // Checked once more after the deadline: a starved task that wakes
        // late still sees what happened meanwhile.
        while true {
            let expired = clock.now >= deadline
            last = try screen()
            if predicate(last) { return last }
            if expired { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("timed out waiting for \(what); screen was:\n\(last)")
        throw WaitTimeout(what: what)
    }

    /// Whether `text` shows within `timeout`, without recording a failure
    /// (for a scenario that retries).
    func shows(_ text: String, within timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try screen().contains(text) { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try screen().contains(text)
    }

    func waitFor(_ text: String, timeout: Duration = .seconds(15)) async throws -> String {
        try await waitForScreen(timeout: timeout, "\"\(text)\"") { $0.contains(text) }
    }

    /// Runs the tmux client with posix_spawn and reaps it with waitpid:
    /// Foundation's `Process` left the client a zombie inside async tests.
    @discardableResult
    private func tmux(_ args: [String], capture: Bool = true) throws -> String {
        try TmuxClient.run(["tmux", "-S", socket] + args, capture: capture)
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
    /// The console's pane, for a failure's message (nil: not shown).
    var screen: () -> String? = { nil }

    func events() -> [[String: Any]] {
        guard let data = try? Data(contentsOf: file) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Waits until an event of `kind` (and matching `predicate`) has been written.
    @discardableResult
    /// Only events after the first `after` lines count, so a wait never
    /// matches what happened before the action it follows.
    func waitFor(_ kind: String, timeout: Duration = .seconds(15), after: Int = 0,
                 where predicate: ([String: Any]) -> Bool = { _ in true }) async throws -> [String: Any] {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let expired = clock.now >= deadline
            if let match = events().dropFirst(after).last(where: { $0["event"] as? String == kind && predicate($0) }) { return match }
            if expired { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let flashes = events().filter { $0["event"] as? String == "toast" }.compactMap { $0["message"] as? String }
        Issue.record("timed out waiting for test event \(kind); saw \(events().compactMap { $0["event"] as? String }); flashes: \(flashes); last: \(events().last ?? [:]); screen:\n\(screen() ?? "(not captured)")")
        throw WaitTimeout(what: kind)
    }
}

enum TmuxClient {
    struct Failure: Error { let status: Int32 }

    static func run(_ argv: [String], capture: Bool) throws -> String {
        var fds: [Int32] = [-1, -1]
        if capture { guard pipe(&fds) == 0 else { throw Failure(status: -1) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_addclose(&actions, fds[0])
            posix_spawn_file_actions_addclose(&actions, fds[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        // The test process's threads block most signals, and a spawned child
        // inherits the mask: a tmux server with SIGCHLD and SIGTERM blocked
        // never notices its pane exit and ignores kill-server, so every
        // session would outlive the test. Start it with nothing blocked and
        // default handlers.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, argv[0], &actions, &attributes, &cArgs, environ)
        if capture { close(fds[1]) }
        guard spawned == 0 else {
            if capture { close(fds[0]) }
            throw Failure(status: spawned)
        }
        // A tmux client that hangs must not hang the suite: after 15 s it is
        // killed and the call fails.
        let deadline = ContinuousClock.now + .seconds(15)
        var output = Data()
        if capture {
            var buffer = [UInt8](repeating: 0, count: 65536)
            var reading = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
            while ContinuousClock.now < deadline {
                guard poll(&reading, 1, 100) > 0 else { continue }
                let count = read(fds[0], &buffer, buffer.count)
                if count <= 0 { break }
                output.append(buffer, count: count)
            }
            close(fds[0])
        }
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped == -1 && errno != EINTR) { break }
            if ContinuousClock.now >= deadline {
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                throw Failure(status: -2)
            }
            usleep(2_000)
        }
        return String(decoding: output, as: UTF8.self)
    }
}
