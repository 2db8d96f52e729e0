import Foundation
import Testing

/// tools.md and console.md in tmux, with the real binary: a scripted worker
/// calling `edit` waits and shows `needs you`; the review opens only on
/// request and shows the diff; denying leaves the file untouched, allowing
/// applies it; typing in the composer never answers; a background worker
/// needing you rings the bell (tmux's `window_bell_flag`) and runs the
/// `[notify]` command.
@Suite(.serialized) struct ApprovalConsoleScenarioTests {
    func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    func pending(_ cli: CLI) async throws -> [[String: Any]] {
        (try json(try await cli.run("approvals", "--json").stdout) as? [[String: Any]]) ?? []
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func anEditWaitsForTheOperatorInTheConsole(size: (Int, Int)) async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let noticed = cli.root.appendingPathComponent("noticed.txt")
        let script = cli.root.appendingPathComponent("notify.sh")
        try "#!/bin/sh\necho \"$WORKERDECK_WORKER $WORKERDECK_STATUS\" >> '\(noticed.path)'\n"
            .write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        try cli.writeConfig("""
            [providers.slow]
            scheme = "scripted"
            delay_ms = 20

            [profiles.coder]
            model = "slow/echo"
            tools = ["read", "edit"]

            [notify]
            bell = true
            command = ["\(script.path)"]
            """)
        let readme = cli.workspace.appendingPathComponent("README.md")
        try "teh cat\n".write(to: readme, atomically: true, encoding: .utf8)
        try ToolScenarioTests.git(cli, "init", "-q")
        try ToolScenarioTests.git(cli, "add", "README.md")
        try ToolScenarioTests.git(cli, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init")

        let console = try ConsoleDriver(cli, width: size.0, height: size.1)
        defer { console.close() }
        try await console.events.waitFor("ready")
        // Two workers, made by CLI calls attached to the console (the owner):
        // `front` is shown, `back` works in the background.
        #expect(try await cli.run("create", "--profile", "coder", "--name", "front").status == 0)
        #expect(try await cli.run("create", "--profile", "coder", "--name", "back").status == 0)
        try await console.waitForFrame("both listed") { $0["workers"] as? Int == 2 }
        try await console.waitFor("front")

        // The background worker asks while the console's window is not current.
        try console.session.openOtherWindow()
        let edit = #"/tool edit {"path":"README.md","old":"teh","new":"the"}"#
        #expect(try await cli.run("send", "backend-internal", "worker-00000002", edit).status == 0)
        try await console.events.waitFor("frame", timeout: .seconds(20), where: { ($0["needs_you"] as? Int ?? 0) == 1 })
        try await console.events.waitFor("notify", timeout: .seconds(20))
        var rang = false
        for _ in 0..<100 where !rang {
            rang = try console.session.programWindowBellFlag()
            if !rang { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(rang, "the bell did not reach tmux")
        try console.session.selectProgramWindow()
        var line = ""
        for _ in 0..<100 where line.isEmpty {
            line = (try? String(contentsOf: noticed, encoding: .utf8)) ?? ""
            if line.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(line == "back needs_approval\n")
        // Listed first, with its mark; the shown worker is still `front`.
        try await console.waitFor("◆")

        // `!` shows the worker that needs you; typing in its composer never answers.
        try console.press("next_needs_you")
        try await console.waitForFrame("back shown") { $0["open"] as? String == "backend-internal/worker-00000002" }
        try console.press("focus_composer")
        try await console.waitForFocus("composer")
        try console.type("y A n m yes")
        try await console.waitForFrame("typed into the composer") { $0["draft"] as? Int == 11 }
        #expect(try await pending(cli).count == 1)
        try console.press("leave")
        try await console.waitForFocus("transcript")

        // The review, on request: the diff; `n` denies and the file stays.
        try console.press("review")
        try await console.waitForFrame("review open") { $0["overlay"] as? String == "approval" }
        try await console.waitFor("+the cat")
        try await console.waitFor("-teh cat")
        try console.press("deny")
        try await console.waitForFrame("review closed") { $0["overlay"] == nil && $0["status"] as? String != "needs_approval" }
        try await console.waitFor("edit: denied")
        #expect(try String(contentsOf: readme, encoding: .utf8) == "teh cat\n")
        #expect(try await pending(cli).isEmpty)

        // Asked again: `y` allows it once and the edit lands.
        var before = console.events.events().count
        #expect(try await cli.run("send", "backend-internal", "worker-00000002", edit).status == 0)
        try await console.events.waitFor("frame", timeout: .seconds(20), after: before,
                                         where: { $0["status"] as? String == "needs_approval" })
        try console.press("review")
        try await console.waitForFrame("review open") { $0["overlay"] as? String == "approval" }
        try await console.waitFor("+the cat")
        try console.press("allow_once")
        try await console.waitFor("edit: ok")
        #expect(try String(contentsOf: readme, encoding: .utf8) == "the cat\n")

        // What the worker changed, from git (the workspace is a repository).
        try console.press("diff")
        try await console.waitForFrame("diff view open") { $0["overlay"] as? String == "diff" }
        try await console.waitFor("+the cat")
        try console.send("Escape")
        try await console.waitForFrame("diff view closed") { $0["overlay"] == nil }

        // A call answered elsewhere closes an open review at once.
        let again = #"/tool edit {"path":"README.md","old":"cat","new":"dog"}"#
        before = console.events.events().count
        #expect(try await cli.run("send", "backend-internal", "worker-00000002", again).status == 0)
        try await console.events.waitFor("frame", timeout: .seconds(20), after: before,
                                         where: { $0["status"] as? String == "needs_approval" })
        try console.press("review")
        try await console.waitForFrame("review open") { $0["overlay"] as? String == "approval" }
        let call = try #require(try await pending(cli).first?["call_id"] as? String)
        #expect(try await cli.run("deny", "backend-internal", "worker-00000002", call).status == 0)
        try await console.waitForFrame("review closed by the CLI's answer") { $0["overlay"] == nil }
        #expect(try String(contentsOf: readme, encoding: .utf8) == "the cat\n")
        try await console.quit()
    }
}
