import Foundation
import Testing

/// Drives a real `workerdeck` console in tmux: keys are pressed by command
/// name (looked up in the keymap's generated table), and every wait is on
/// the screen or on `WORKERDECK_TEST_EVENTS`, with a deadline.
final class ConsoleDriver {
    let session: TmuxSession
    let events: TestEventLog
    /// How many test events existed when the last key was sent.
    private(set) var mark = 0

    /// Starts the console for `cli`'s data dir and workspace.
    /// `term` is the pane's TERM: tmux's own entry by default; operators
    /// often force `xterm-256color`, whose terminfo names other sequences
    /// than tmux sends (End is `ESC [4~`), so a scenario runs under that too.
    init(_ cli: CLI, width: Int = 100, height: Int = 30, arguments: [String] = [], eventsName: String = "events",
         term: String = "screen-256color") throws {
        let eventsFile = cli.root.appendingPathComponent("\(eventsName).jsonl")
        try? FileManager.default.removeItem(at: eventsFile)
        var environment = cli.environment
        environment["WORKERDECK_TEST_EVENTS"] = eventsFile.path
        environment["TERM"] = term
        let session = try TmuxSession(command: [CLI.binary.path] + arguments, environment: environment,
                                      directory: cli.workspace, width: width, height: height)
        self.session = session
        // A timed-out wait shows the pane: a console that panicked or hung says so there.
        events = TestEventLog(file: eventsFile, screen: { try? session.screen() })
    }

    func close() { session.close() }

    /// The default keys by `[keys]` command name, from the table the keymap
    /// generates (the README's keys section is the same table).
    static let keys: [String: String] = {
        let table = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("ConsoleTests/Snapshots/keys-table.md")
        var map: [String: String] = [:]
        for line in (try? String(contentsOf: table, encoding: .utf8))?.split(separator: "\n") ?? [] {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, cells[2].hasPrefix("`"), let key = cells[1].split(separator: "`").first else { continue }
            let command = cells[2].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            if map[command] == nil { map[command] = tmuxName(String(key)) }
        }
        return map
    }()

    static func tmuxName(_ key: String) -> String {
        switch key {
        case "Esc": "Escape"
        case "PgUp": "PageUp"
        case "PgDn": "PageDown"
        case "Shift-Tab": "BTab"
        default: key.hasPrefix("Ctrl-") ? "C-" + key.dropFirst(5).lowercased() : key
        }
    }

    /// Presses the default key of a keymap command.
    func press(_ command: String) throws {
        guard let key = Self.keys[command] else {
            Issue.record("no key bound to \(command)")
            throw WaitTimeout(what: command)
        }
        try send(key)
    }

    /// Sends a tmux key name; later frame waits see only what follows it.
    func send(_ key: String) throws {
        mark = events.events().count
        try session.send(key)
    }

    /// Resizes the window; later frame waits see only what follows it.
    func resize(width: Int, height: Int) throws {
        mark = events.events().count
        try session.resize(width: width, height: height)
    }

    func type(_ text: String) throws {
        mark = events.events().count
        try session.type(text)
    }

    /// Opens the create dialog, fills profile, label and (when given) the
    /// first input, and submits it; the caller waits for what it expects.
    func submitCreateDialog(profile: String, label: String?, input: String? = nil) async throws {
        try press("create")
        try await waitFor("Create worker")
        try type(profile)
        try press("next_field")
        if let label { try type(label) }
        if let input {
            try press("next_field")
            try type(input)
        }
        try send("Enter")
    }

    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(20)) async throws -> String {
        try await session.waitFor(text, timeout: timeout)
    }

    /// Waits for a frame event whose fields match.
    @discardableResult
    func waitForFrame(_ what: String, timeout: Duration = .seconds(20),
                      where predicate: @escaping ([String: Any]) -> Bool) async throws -> [String: Any] {
        do {
            return try await events.waitFor("frame", timeout: timeout, after: mark, where: predicate)
        } catch {
            Issue.record("waiting for \(what); screen was:\n\((try? session.screen()) ?? "?")")
            throw error
        }
    }

    func waitForFocus(_ focus: String) async throws {
        try await waitForFrame("focus \(focus)") { $0["focus"] as? String == focus }
    }

    /// Moves the focus with `focus_next` (leaving the composer first) until
    /// `pane` has it; each step waits for the focus to change.
    func focusPane(_ pane: String) async throws {
        for _ in 0..<5 {
            let current = events.events().last { $0["event"] as? String == "frame" }?["focus"] as? String
            if current == pane { return }
            try press(current == "composer" ? "leave" : "focus_next")
            try await waitForFrame("focus away from \(current ?? "?")") { $0["focus"] as? String != current }
        }
        Issue.record("could not focus \(pane)")
        throw WaitTimeout(what: "focus \(pane)")
    }

    /// Quits (confirming when asked) and waits for the console's `exit` event.
    func quit() async throws {
        // In a composer or a dialog `q` is text: leave them first.
        func inText(_ frame: [String: Any]?) -> Bool {
            frame?["focus"] as? String == "composer" || frame?["overlay"] != nil
        }
        for _ in 0..<3 where inText(events.events().last { $0["event"] as? String == "frame" }) {
            try press("leave")
            try await waitForFrame("left the composer or dialog") { !inText($0) }
        }
        try press("quit")
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(15)
        while true {
            let expired = clock.now >= deadline
            if events.events().contains(where: { $0["event"] as? String == "exit" }) { return }
            if expired { break }
            if events.events().last?["overlay"] as? String == "confirm" { try press("confirm") }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("console did not exit; screen:\n\(try session.screen())")
    }

    var exitCode: Int? {
        events.events().last { $0["event"] as? String == "exit" }?["code"] as? Int
    }
}
