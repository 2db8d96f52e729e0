import FakeLLM
import Foundation
import Testing

/// The console end to end in tmux: a real terminal, real keys, the real
/// embedded runtime over a file store, and the scripted provider. Part of
/// `make test` (the Makefile installs tmux).
@Suite(.serialized)
struct ConsoleScenarioTests {
    /// Creates a scripted worker labelled `label` from the create dialog,
    /// with an optional first input typed into the dialog's input field.
    func createScriptedWorker(_ console: ConsoleDriver, label: String, input: String? = nil) async throws {
        try await console.submitCreateDialog(profile: "scripted", label: label, input: input)
        try await console.waitForFocus("composer")
    }

    @Test func createConverseResizeQuitRestartReconnect() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        var console = try ConsoleDriver(cli, term: "xterm-256color")
        defer { console.close() }
        try await console.events.waitFor("ready")
        try await console.waitFor("no workers · c to create")

        try await createScriptedWorker(console, label: "demo", input: "alpha beta gamma")
        try await console.waitFor("[scripted] gamma beta alpha")
        try await console.waitForFrame("idle after reply") { $0["status"] as? String == "idle" && $0["entries"] as? Int == 2 }

        // Enough turns to scroll: follow stops on scroll-up and resumes at the end.
        for index in 1...12 {
            try console.type("line \(index) of the scroll test")
            try console.send("Enter")
            try await console.waitForFrame("reply \(index)") { $0["entries"] as? Int == 2 + index * 2 && $0["status"] as? String == "idle" }
        }
        try console.press("leave")
        try await console.waitForFrame("left the composer") { $0["focus"] as? String != "composer" }
        for _ in 0..<4 where console.events.events().last?["focus"] as? String != "transcript" {
            try console.press("focus_next")
            try await console.waitForFrame("focus moved") { _ in true }
        }
        // y copies the selected entry over OSC 52 (tmux keeps it as a buffer).
        try console.press("entry_previous")
        try console.press("entry_previous")
        try console.press("copy")
        try await console.waitFor("copied entry")
        #expect(console.session.pasteBuffer() == "line 12 of the scroll test")
        try console.press("page_up")
        try await console.waitFor("rows up")
        try console.press("bottom")
        try await console.waitFor("following")

        try console.resize(width: 120, height: 40)
        try await console.waitForFrame("resized") { $0["width"] as? Int == 120 && $0["height"] as? Int == 40 }
        try await console.waitFor("[scripted] test scroll the of 12 line")
        try console.resize(width: 50, height: 12)
        try await console.waitFor("too small")
        try console.resize(width: 100, height: 30)
        try await console.waitForFrame("back to size") { $0["width"] as? Int == 100 }
        try await console.quit()
        #expect(console.exitCode == 0)

        // Restart: the live execution did not survive, so the console
        // reconnects the worker at start (reconnect_on_start) and says so.
        console.close()
        console = try ConsoleDriver(cli, eventsName: "events-2")
        try await console.events.waitFor("ready")
        try await console.waitFor("reconnected 1 worker")
        try await console.waitForScreen { $0.contains("demo") && $0.contains("idle") && !$0.contains("stale") }
        let events = try await cli.run("events", "--json")
        #expect(events.stdout.contains("worker_reconnected"))
        try console.press("focus_composer")
        try await console.waitForFocus("composer")
        try console.type("after the restart")
        try console.send("Enter")
        try await console.waitFor("[scripted] restart the after")
        try await console.quit()
    }

    @Test func localCompatTranscriptAndHostileTextLeaveTheTerminalIntact() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try LegacyFixture.write(into: cli.legacyDir, workspace: cli.workspace)
        let console = try ConsoleDriver(cli)
        defer { console.close() }
        try await console.events.waitFor("ready")
        let titleBefore = try console.session.title()
        try await console.waitFor("api")
        try console.press("move_down")
        try console.press("open")
        try await console.waitFor("looks fine")
        // Bytes that are not UTF-8 arrive as replacement characters.
        try await console.waitFor("raw \u{FFFD}")
        let screen = try await console.waitFor("review")
        // The OSC title sequence in the legacy file was not executed.
        #expect(try console.session.title() == titleBefore)
        #expect(!screen.contains("pwned") || screen.contains("]0;pwned"))
        // A legacy worker that is still running keeps writing: the shown
        // transcript follows it, and a new legacy worker joins the list.
        try LegacyFixture.appendReply("a later legacy reply", into: cli.legacyDir)
        try await console.waitFor("a later legacy reply")
        try LegacyFixture.addWorker("newcomer", into: cli.legacyDir, workspace: cli.workspace)
        try await console.waitFor("newcomer")
        // The composer opens (typed text is never a key) and says why Enter cannot send.
        try console.press("focus_composer")
        try await console.waitForFocus("composer")
        try await console.waitFor("input · read-only (local)")
        try await console.quit()
    }

    /// SIGTERM (and SIGHUP, as when an SSH session drops) end the console
    /// through its loop: the terminal is restored and the store closed, so
    /// the next console owns it at once.
    @Test func terminationSignalsLeaveCleanly() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        for (round, signal) in [SIGTERM, SIGHUP].enumerated() {
            let console = try ConsoleDriver(cli, eventsName: "events-\(round)")
            defer { console.close() }
            try await console.events.waitFor("ready")
            try await console.waitForScreen { !$0.contains("read-only") && $0.contains("Runtimes") }
            let pid = try #require(try console.session.panePid())
            #expect(kill(pid, signal) == 0)
            try await console.events.waitFor("exit")
            #expect(console.exitCode == 0)
            // Raw mode and the alternate screen were left: the pane shows no console frame.
            try await console.waitForScreen { !$0.contains("╭ Runtimes") }
        }
    }

    /// A real provider path (openai_chat over HTTP to a loopback fake)
    /// streaming a reply full of escape sequences: the title, the clipboard
    /// and the screen layout stay as they were.
    @Test func aHostileModelReplyLeavesTheTerminalIntact() async throws {
        let server = try await FakeLLMServer.start()
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.writeFakeProviderConfig(baseURL: server.baseURL, profile: "hostile", model: "hostile")
        let console = try ConsoleDriver(cli)
        defer { console.close() }
        try await console.events.waitFor("ready")
        let titleBefore = try console.session.title()
        try await console.submitCreateDialog(profile: "hostile", label: nil, input: "hello")
        let screen = try await console.waitFor("end-of-hostile", timeout: .seconds(60))
        #expect(screen.contains("0123456789abcdef0123456789abcdef")) // the 1 MiB line, wrapped
        #expect(!screen.contains("pwned-title"))
        #expect(try console.session.title() == titleBefore)
        #expect(console.session.pasteBuffer() == nil) // the OSC 52 was not passed through
        // No clear-screen or cursor move got through: the frame is where it was.
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.first?.hasPrefix("╭ Runtimes") == true)
        #expect(rows.dropFirst(25).first?.contains("├ input") == true)
        // The top of the reply, 11,000 rows up.
        try console.press("leave")
        try console.press("top")
        let top = try await console.waitFor("Plain start", timeout: .seconds(30))
        #expect(!top.contains("pwned-title"))
        let requests = await server.state.requests
        #expect(requests.last?.messages.last == ["user", "hello"])
        try await console.quit()
        await server.close()
    }

    /// serve.md: a second console attaches to the first with full control;
    /// when the owner quits, it takes over unaided and live updates keep
    /// arriving (they used to stop after a takeover).
    @Test func aSecondConsoleAttachesAndTakesOverWhenTheOwnerQuits() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let owner = try ConsoleDriver(cli, eventsName: "owner")
        defer { owner.close() }
        try await owner.events.waitFor("ready")
        let second = try ConsoleDriver(cli, eventsName: "second")
        defer { second.close() }
        try await second.events.waitFor("ready")

        try await createScriptedWorker(owner, label: "shared")
        try owner.type("seen from afar")
        try owner.send("Enter")
        try await owner.waitFor("[scripted] afar from seen")
        // Pushed to the attached console: no polling, no banner, no refusal.
        try await second.waitFor("shared")
        try await second.waitFor("[scripted] afar from seen")
        let screen = try await second.waitFor("shared")
        #expect(!screen.contains("read-only"))

        // Full control from the attached console: its input runs in the owner.
        try second.press("focus_composer")
        try await second.waitForFocus("composer")
        try second.type("from the second")
        try second.send("Enter")
        try await second.waitFor("[scripted] second the from")
        try await owner.waitFor("[scripted] second the from")

        // The owner leaves; the attached console becomes the owner on its
        // own, reconnects the worker, and its own input streams back live.
        try await owner.quit()
        // Still in the composer after the last send.
        try second.type("after the takeover")
        // Sent before the takeover has finished, the input is refused with
        // the reason and the text comes back to the composer: send again,
        // as an operator would, until the new owner takes it.
        var replied = false
        for _ in 0..<15 where !replied {
            try second.send("Enter")
            replied = try await second.session.shows("[scripted] takeover the after", within: .seconds(2))
        }
        #expect(replied, "no reply after the takeover")
        try await second.quit()
    }
}

extension ConsoleDriver {
    @discardableResult
    func waitForScreen(timeout: Duration = .seconds(20), _ predicate: @escaping (String) -> Bool) async throws -> String {
        try await session.waitForScreen(timeout: timeout, "screen condition", predicate)
    }
}
