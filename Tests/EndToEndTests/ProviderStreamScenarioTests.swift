import FakeLLM
import Foundation
import Testing

/// A reply streamed over HTTP into the real console, end to end in tmux at
/// 80×24 and 120×40 (what was tried by hand when the provider's body read
/// moved onto the connection's event loop): the streamed text shows as it
/// arrives, `x` interrupts it and the partial reply stays, on screen and in
/// the store, the provider sees the request go away, and the next turn on
/// the same worker streams whole.
@Suite(.serialized) struct ProviderStreamScenarioTests {
    @Test(arguments: [(80, 24), (120, 40)])
    func anInterruptedReplyKeepsItsTextAndTheNextTurnStreams(width: Int, height: Int) async throws {
        let server = try await FakeLLMServer.start()
        let cli = try CLI()
        defer { cli.cleanUp() }
        // `hold.1`: the first request streams "Hello" and ", " then waits
        // for the client to leave; later ones stream "Hello, world".
        try cli.writeFakeProviderConfig(baseURL: server.baseURL, profile: "held", model: "hold.1")
        let console = try ConsoleDriver(cli, width: width, height: height)
        defer { console.close() }
        try await console.events.waitFor("ready")
        try await console.submitCreateDialog(profile: "held", label: "streamer", input: "count for me")
        try await console.waitForFrame("the turn streams") { $0["status"] as? String == "busy" }
        try await console.waitFor("Hello,")

        try console.press("leave")
        try await console.waitForFocus("transcript")
        try console.press("interrupt")
        try await console.waitFor("interrupted")
        try await console.waitForFrame("idle after the interrupt") { $0["status"] as? String == "idle" }
        await server.state.waitForRequests(model: "hold.1", count: 1)

        let partial = try await Self.storedReply(cli)
        #expect(partial?.hasPrefix("Hello,") == true, "the partial reply: \(partial ?? "none")")
        #expect(partial?.contains("world") != true)

        try console.press("focus_composer")
        try await console.waitForFocus("composer")
        try console.type("again")
        try console.send("Enter")
        try await console.waitFor("Hello, world")
        try await console.waitForFrame("idle after the second reply") { $0["status"] as? String == "idle" }
        let second = try await cli.run("transcript", "backend-internal", "worker-00000001", "--json")
        #expect(second.stdout.contains("Hello, world"))
        #expect(await server.state.requests.count == 2)
        try await console.quit()
        await server.close()
    }

    /// A reply faster than the read pace (300 deltas in bursts a millisecond
    /// apart): the owner reads it in held batches and posts a read's text as
    /// one delta, and the console still shows every word, in order, and the
    /// store keeps the whole reply.
    @Test(arguments: [(80, 24), (120, 40)])
    func aFastReplyReadInBatchesArrivesWhole(width: Int, height: Int) async throws {
        let server = try await FakeLLMServer.start()
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.writeFakeProviderConfig(baseURL: server.baseURL, profile: "quick", model: "fast")
        let console = try ConsoleDriver(cli, width: width, height: height)
        defer { console.close() }
        try await console.events.waitFor("ready")
        try await console.submitCreateDialog(profile: "quick", label: "sprinter", input: "go")
        try await console.waitFor("d299")
        try await console.waitForFrame("idle after the reply") { $0["status"] as? String == "idle" }

        let reply = try await Self.storedReply(cli)
        let whole = SSEFixtures.fastDeltas.joined()
        #expect(reply?.trimmingCharacters(in: .whitespaces) == whole.trimmingCharacters(in: .whitespaces),
                "the stored reply is not the 300 deltas in order")
        try await console.quit()
        await server.close()
    }

    /// A reply streaming behind another worker (its provider read in
    /// batches, as nobody watches it) shows as soon as the operator moves
    /// the list cursor onto it: its text so far, then the rest as it comes,
    /// and the store keeps it whole.
    @Test(arguments: [(80, 24), (120, 40)])
    func aReplyStreamingBehindAnotherWorkerShowsWhenOpened(width: Int, height: Int) async throws {
        let server = try await FakeLLMServer.start()
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.writeConfig("""
            [providers.fake]
            scheme = "openai_chat"
            base_url = "\(server.baseURL)/v1"
            auth = "none"

            [profiles.drip]
            model = "fake/drip"

            [profiles.quick]
            model = "fake/normal"
            """)
        let console = try ConsoleDriver(cli, width: width, height: height)
        defer { console.close() }
        try await console.events.waitFor("ready")
        try await console.submitCreateDialog(profile: "drip", label: "behind", input: "go on")
        try await console.waitFor("p3 ")

        // A second worker takes the screen; the first streams on behind it.
        try console.press("leave")
        try await console.waitForFocus("transcript")
        try await console.submitCreateDialog(profile: "quick", label: "front", input: "hi")
        try await console.waitFor("Hello, world")
        try await console.waitForFrame("front shown and idle") {
            ($0["open"] as? String)?.hasSuffix("worker-00000002") == true && $0["status"] as? String == "idle"
        }

        // The cursor onto the first worker shows it, still streaming.
        try await console.focusPane("workers")
        try console.press("move_up")
        try await console.waitForFrame("the first worker shown mid-turn") {
            ($0["open"] as? String)?.hasSuffix("worker-00000001") == true && $0["streaming"] as? Bool == true
        }
        try await console.waitFor("p249")
        try await console.waitForFrame("its reply ended") { $0["status"] as? String == "idle" }

        let reply = try await Self.storedReply(cli)
        #expect(reply?.trimmingCharacters(in: .whitespaces) == SSEFixtures.dripDeltas.joined().trimmingCharacters(in: .whitespaces),
                "the stored reply is not the 250 deltas in order")
        try await console.quit()
        await server.close()
    }

    /// The first worker's last assistant entry, as `transcript --json` has it.
    static func storedReply(_ cli: CLI) async throws -> String? {
        let shown = try await cli.run("transcript", "backend-internal", "worker-00000001", "--json")
        #expect(shown.status == 0, "\(shown.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])["items"]
            as? [[String: Any]]
        return items?.last { $0["role"] as? String == "assistant" }?["content"] as? String
    }
}
