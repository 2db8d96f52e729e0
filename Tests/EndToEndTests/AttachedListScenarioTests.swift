import Foundation
import Testing

/// A console attached to `workerdeck serve`, in tmux at 80×24 and 120×40,
/// while CLI calls change the workers (what was tried by hand when the
/// worker list started reusing unchanged rows at both ends): a rename and a
/// new worker reach the open console, `:archive` in the console re-lists
/// the workers with the rename kept, and the CLI's own list (another
/// client of the same owner) agrees after every change.
@Suite(.serialized) struct AttachedListScenarioTests {
    func labels(_ cli: CLI, _ extra: String...) async throws -> [String] {
        let listed = try await cli.run(["workers", "--json"] + extra)
        #expect(listed.status == 0, "\(listed.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
        return rows?.compactMap { $0["label"] as? String } ?? []
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func changesMadeElsewhereReachTheAttachedList(width: Int, height: Int) async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.writeConfig("""
            [providers.scripted]
            delay_ms = 0
            """)
        let serve = try ServeProcess(cli)
        try await serve.waitUntilServing()
        for label in ["alpha", "bravo", "charlie"] {
            let made = try await cli.run("create", "--profile", "scripted", "--name", label)
            #expect(made.status == 0, "\(made.stderr)")
        }
        let console = try ConsoleDriver(cli, width: width, height: height)
        defer { console.close() }
        try await console.events.waitFor("ready")
        try await console.waitForFrame("three listed") { $0["workers"] as? Int == 3 }
        #expect(try await labels(cli) == ["alpha", "bravo", "charlie"])

        let renamed = try await cli.run("rename", "backend-internal", "worker-00000002", "bravo-two")
        #expect(renamed.status == 0, "\(renamed.stderr)")
        try await console.waitFor("bravo-two")
        #expect(try await labels(cli) == ["alpha", "bravo-two", "charlie"])
        let added = try await cli.run("create", "--profile", "scripted", "--name", "delta")
        #expect(added.status == 0, "\(added.stderr)")
        try await console.waitForFrame("four listed") { $0["workers"] as? Int == 4 }

        // :archive hides the shown worker (alpha) and re-reads the list from the owner.
        try console.press("command")
        try console.type("archive")
        try console.send("Enter")
        try await console.waitFor("archived alpha")
        // The flash names alpha; the list must not (the frame's count includes hidden workers).
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        var list = ""
        repeat {
            let screen = try console.session.screen()
            list = screen.split(separator: "\n").filter { !$0.contains("archived alpha") }.joined(separator: "\n")
            if !list.contains("alpha") { break }
            try await Task.sleep(for: .milliseconds(50))
        } while clock.now < deadline
        #expect(!list.contains("alpha"), "alpha still listed:\n\(list)")
        #expect(list.contains("bravo-two") && list.contains("charlie") && list.contains("delta"))
        #expect(try await labels(cli) == ["bravo-two", "charlie", "delta"])
        #expect(try await labels(cli, "--archived") == ["alpha", "bravo-two", "charlie", "delta"])

        // A second rename after the lists above: neither end answers from what it kept.
        let again = try await cli.run("rename", "backend-internal", "worker-00000003", "charlie-two")
        #expect(again.status == 0, "\(again.stderr)")
        try await console.waitFor("charlie-two")
        #expect(try await labels(cli) == ["bravo-two", "charlie-two", "delta"])
        try await console.quit()
        #expect(console.exitCode == 0)
        serve.signal(SIGTERM)
        _ = await serve.waitForExit()
    }
}
