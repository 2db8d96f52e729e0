import Foundation
import Testing

/// Managing a fleet from the console, end to end in tmux at 80×24 and
/// 120×40: `:grep` finds an entry in another worker and opens it there,
/// `:fork` branches the shown worker, `:archive` hides it from the list and
/// `:filter archived` brings it back, `:delete` asks and removes it — each
/// checked on screen and through the CLI.
@Suite(.serialized)
struct FleetConsoleScenarioTests {
    static let config = """
        [providers.scripted]
        delay_ms = 0
        """

    func command(_ console: ConsoleDriver, _ text: String) throws {
        try console.press("command")
        try console.type(text)
        try console.send("Enter")
    }

    func workers(_ cli: CLI, _ extra: String...) async throws -> String {
        try await cli.run(["workers", "--json"] + extra).stdout
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func grepForkArchiveAndDelete(width: Int, height: Int) async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.writeConfig(Self.config)
        for (label, input) in [("alpha", "deploy the staging cluster"), ("bravo", "rotate the signing keys")] {
            let made = try await cli.run("create", "--profile", "scripted", "--name", label, "--input", input)
            #expect(made.status == 0, "\(made.stderr)")
        }
        let console = try ConsoleDriver(cli, width: width, height: height)
        defer { console.close() }
        try await console.events.waitFor("ready")
        try await console.waitForFrame("both listed") { $0["workers"] as? Int == 2 }

        // :grep finds alpha's input from wherever the cursor is, and Enter opens alpha.
        // alpha is shown from the start, so its text is on screen before the
        // search ends: wait for the overlay's result line, or Enter (and the
        // `:fork` after it) would reach a still-searching overlay.
        try command(console, "grep staging")
        try await console.waitFor("in 1 worker · newest first")
        try console.send("Enter")
        try await console.waitForFrame("alpha open, the search closed") {
            ($0["open"] as? String)?.hasSuffix("worker-00000001") == true && $0["overlay"] == nil
        }

        // :fork branches alpha: a third worker, its parent named.
        try command(console, "fork")
        try await console.waitFor("forked")
        try await console.waitForFrame("three listed") { $0["workers"] as? Int == 3 }
        #expect(try await workers(cli).contains("\"parent\""))

        // :archive hides the shown worker (the fork); :filter archived lists it.
        try await console.waitForFrame("the fork open") { ($0["open"] as? String)?.hasSuffix("worker-00000003") == true }
        try command(console, "archive")
        try await console.waitFor("archived")
        #expect(!(try await workers(cli).contains("worker-00000003")))
        #expect(try await workers(cli, "--archived").contains("worker-00000003"))
        try command(console, "filter archived")
        try await console.waitForFrame("the archived worker listed") { ($0["open"] as? String)?.hasSuffix("worker-00000003") == true }

        // :delete asks; n keeps it, y removes it.
        try command(console, "delete")
        try await console.waitForFrame("asked") { $0["overlay"] != nil }
        try console.send("n")
        try await console.waitForFrame("kept") { $0["overlay"] == nil }
        #expect(try await workers(cli, "--archived").contains("worker-00000003"))
        try command(console, "delete")
        try await console.waitForFrame("asked again") { $0["overlay"] != nil }
        try console.send("y")
        try await console.waitFor("deleted")
        #expect(!(try await workers(cli, "--archived").contains("worker-00000003")))
        #expect(try await workers(cli).contains("worker-00000001"))
        try await console.quit()
        #expect(console.exitCode == 0)
    }
}
