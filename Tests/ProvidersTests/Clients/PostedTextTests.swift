import AsyncHTTPClient
import FakeLLM
import Foundation
import Runtime
import Synchronization
import Testing
@testable import Providers

/// `HTTPChatClient` reads the body on its event loop: with `post`, text
/// goes there (from the event loop, no task woken per delta), complete
/// and in order before `stream` returns, and never through `onEvent`;
/// without it, through `onEvent` as before. Against the loopback fake.
@Suite(.timeLimit(.minutes(1))) struct PostedTextTests {
    final class Posts: Sendable {
        let pieces = Mutex<[String]>([])
        func add(_ piece: String) { pieces.withLock { $0.append(piece) } }
        var all: [String] { pieces.withLock { $0 } }
    }

    func withClient(_ body: (HTTPChatClient<OpenAIChatWire>) async throws -> Void) async throws {
        let server = try await FakeLLMServer.start()
        let document = Harness.config(port: server.port, closedPort: RefusingPort.shared.port)
        let provider = try #require(try ProvidersConfig.decode(document).config.providers["fake"])
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                              configuration: .providerConfiguration(for: provider))
        let client = HTTPChatClient(wire: OpenAIChatWire(), provider: provider, http: http,
                                    credentials: CredentialResolver(environment: ["FAKE_KEY": Harness.plantedKey]),
                                    retry: RetryEnvironment(sleep: { _ in }, timeout: { _ in try await Task.sleep(for: .seconds(3600)) },
                                                            random: { 0.5 }))
        do {
            try await body(client)
        } catch {
            try? await http.shutdown()
            await server.close()
            throw error
        }
        try await http.shutdown()
        await server.close()
    }

    static func request(_ mode: String) -> ChatRequest {
        ChatRequest(model: mode, systemPrompt: nil, messages: [ChatMessage(role: .user, content: "hi")],
                    maxTokens: nil, temperature: nil)
    }

    @Test func postedTextArrivesWholeAndInOrderBeforeTheCallReturns() async throws {
        try await withClient { client in
            let posts = Posts()
            var events: [ClientEvent] = []
            let usage = try await client.stream(Self.request("normal"), post: TextPost(send: { posts.add($0) })) { events.append($0) }
            // Parts read together are posted as one piece.
            #expect(posts.all.joined() == "Hello, world")
            #expect(events.isEmpty, "text went through onEvent too: \(events)")
            #expect(usage == TokenUsage(input: 9, output: 3, cached: 2))
        }
    }

    @Test func withoutPostTextComesThroughOnEvent() async throws {
        try await withClient { client in
            var events: [ClientEvent] = []
            _ = try await client.stream(Self.request("normal"), post: nil) { events.append($0) }
            #expect(events == [.text("Hello"), .text(", "), .text("world")])
        }
    }

    /// A chunk the decoder rejects fails the call with a stream error;
    /// the text before it was posted, none after it.
    @Test func anInvalidChunkFailsAfterTheTextBeforeIt() async throws {
        try await withClient { client in
            let posts = Posts()
            do throws(ProviderError) {
                _ = try await client.stream(Self.request("garbage"), post: TextPost(send: { posts.add($0) })) { _ in }
                Issue.record("an invalid chunk did not fail the stream")
            } catch {
                #expect(error.code == .stream)
            }
            #expect(posts.all.joined() == "Hello")
        }
    }

    /// A stream faster than the read pace (a delta a millisecond) is read
    /// in held batches: every delta still arrives, once, in order.
    @Test func aFastStreamReadInHeldBatchesLosesNothing() async throws {
        try await withClient { client in
            let posts = Posts()
            let clock = ContinuousClock()
            let start = clock.now
            _ = try await client.stream(Self.request("fast"), post: TextPost(send: { posts.add($0) })) { _ in }
            #expect(posts.all.joined() == SSEFixtures.fastDeltas.joined())
            #expect(posts.all.count < SSEFixtures.fastDeltas.count, "no two parts were read together")
            // The server sends for about 30 ms; a part held for a pace of its
            // own (not read with the one held before it) makes that 10 s.
            #expect(clock.now - start < .seconds(3))
        }
    }

    /// A reply nobody watches is read on the background ticks: whole, in
    /// order, in a few posts, and in a few ticks (each of 300 parts waiting
    /// for a tick of its own would take 30 s).
    @Test func aReplyNobodyWatchesIsReadOnTicksLosingNothing() async throws {
        try await withClient { client in
            let posts = Posts()
            let clock = ContinuousClock()
            let start = clock.now
            _ = try await client.stream(Self.request("fast"), post: TextPost(send: { posts.add($0) }, isWatched: { false })) { _ in }
            #expect(posts.all.joined() == SSEFixtures.fastDeltas.joined())
            #expect(posts.all.count <= 20, "\(posts.all.count) posts for \(SSEFixtures.fastDeltas.count) parts")
            #expect(clock.now - start < .seconds(10), "a tick per part takes 30 s")
        }
    }

    /// 300 parts read at once, which the HTTP client hands over in runs of
    /// 50 (each run a task of its own): all of them are one read, posted
    /// together, whether the reply is watched or not. (Taking each run for a
    /// new read holds it for a pace or a tick: six posts.)
    @Test(arguments: [true, false])
    func partsReadTogetherAreOneRead(watched: Bool) async throws {
        try await withClient { client in
            let posts = Posts()
            _ = try await client.stream(Self.request("burst"), post: TextPost(send: { posts.add($0) }, isWatched: { watched })) { _ in }
            #expect(posts.all.joined() == SSEFixtures.fastDeltas.joined())
            #expect(posts.all.count <= 2, "\(posts.all.map { $0.split(separator: " ").count }) parts per post")
        }
    }
}
