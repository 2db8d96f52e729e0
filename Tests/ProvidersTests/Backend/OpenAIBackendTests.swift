import Foundation
import Runtime
import Testing
@testable import Providers

/// Turns through a real runtime, the LLM backend and a loopback fake
/// OpenAI-compatible server. No test waits on time: each waits for the
/// runtime's live events.
@Suite(.timeLimit(.minutes(1))) struct OpenAIBackendTests {
    @Test func streamedReplyIsCommittedWithUsage() async throws {
        try await Harness.with { harness in
            let ref = try await harness.createWorker("normal")
            let events = try await harness.turn(ref, "hi there")

            #expect(events.text == "Hello, world")
            #expect(events.ending == .completed)
            #expect(events.contains(.usage(TurnId(rawValue: 1), TokenUsage(input: 9, output: 3, cached: 2))))
            let entries = try await harness.transcript(ref)
            #expect(try await harness.lines(ref) == ["user message: hi there", "assistant message: Hello, world"])
            #expect(entries.last?.usage == TokenUsage(input: 9, output: 3, cached: 2))
            let worker = try await harness.runtime.worker(ref)
            #expect(worker.model == "fake/normal")
            #expect(worker.execution.runState == .idle)
            #expect(worker.usage == TokenUsage(input: 9, output: 3, cached: 2))

            let request = try #require(await harness.server.state.requests.first)
            #expect(request.path == "/v1/chat/completions")
            #expect(request.headers["authorization"] == "Bearer \(Harness.plantedKey)")
            #expect(request.bodyText.contains(#""stream":true"#))
            #expect(request.bodyText.contains(#""stream_options":{"include_usage":true}"#))
            #expect(request.bodyText.contains(#""model":"normal""#))
            #expect(request.messages == [["system", "Be terse."], ["user", "hi there"]])
        }
    }

    @Test func secondTurnCarriesTheConversation() async throws {
        try await Harness.with { harness in
            let ref = try await harness.createWorker("slow")
            _ = try await harness.turn(ref, "first")
            let events = try await harness.turn(ref, "second")
            #expect(events.ending == .completed)
            let requests = await harness.server.state.requests
            #expect(requests.count == 2)
            #expect(requests[1].messages == [["system", "Be terse."], ["user", "first"], ["assistant", "Hello, world"], ["user", "second"]])
            #expect(try await harness.lines(ref) == [
                "user message: first", "assistant message: Hello, world",
                "user message: second", "assistant message: Hello, world",
            ])
        }
    }

    @Test func retriesAfter429HonouringRetryAfter() async throws {
        try await Harness.with { harness in
            let ref = try await harness.createWorker("ratelimit")
            let events = try await harness.turn(ref, "hi")
            #expect(events.retries == ["retrying in 1 s (429)"])
            #expect(events.ending == .completed)
            #expect(await harness.sleeps.delays == [.seconds(1)])
            #expect(await harness.server.state.requests.count == 2)
            #expect(try await harness.lines(ref) == ["user message: hi", "assistant message: Hello, world"])
        }
    }

    @Test func retriesAfter500WithJitteredBackoff() async throws {
        try await Harness.with { harness in
            let ref = try await harness.createWorker("flaky")
            let events = try await harness.turn(ref, "hi")
            // 0.6 × 0.5 s on the first retry.
            #expect(events.retries == ["retrying in 0.3 s (500)"])
            #expect(await harness.sleeps.delays == [.milliseconds(300)])
            #expect(try await harness.lines(ref) == ["user message: hi", "assistant message: Hello, world"])
        }
    }

    /// The partial text the operator saw stays, flagged, before the error.
    @Test func midStreamDropFailsTheTurnKeepingThePartialText() async throws {
        try await Harness.with { harness in
            let ref = try await harness.createWorker("drop")
            let events = try await harness.turn(ref, "hi", droppingAfter: "Hello, ")
            #expect(events.text == "Hello, ")
            #expect(events.retries.isEmpty)
            #expect(events.ending == .failed)
            #expect(try await harness.lines(ref) == [
                "user message: hi", "assistant message: Hello,  (interrupted)",
                "system error: fake: the connection to \(harness.serverEndpoint) was lost mid-stream",
            ])
            #expect(try await harness.runtime.worker(ref).execution.runState == .idle)

            // Usable afterwards; the failed turn's input stays in the
            // conversation, its cut-short reply and the error are not sent.
            let again = try await harness.turn(ref, "again")
            #expect(again.ending == .completed)
            #expect(await harness.server.state.requests.last?.messages == [["system", "Be terse."], ["user", "hi"], ["user", "again"]])
            #expect(try await harness.lines(ref).suffix(2) == ["user message: again", "assistant message: Hello, world"])
        }
    }

    @Test func invalidJSONChunkFailsTheTurn() async throws {
        try await Harness.with { harness in
            let ref = try await harness.createWorker("garbage")
            let events = try await harness.turn(ref, "hi")
            #expect(events.ending == .failed)
            let lines = try await harness.lines(ref)
            #expect(lines.first == "user message: hi")
            #expect(lines.last == "system error: openai_chat stream sent an invalid JSON chunk")
            #expect(try await harness.turn(ref, "again").ending == .completed)
        }
    }

    @Test func unauthorizedIsAScrubbedErrorEntryWithoutRetry() async throws {
        try await Harness.with { harness in
            let ref = try await harness.createWorker("unauthorized")
            let events = try await harness.turn(ref, "hi")
            #expect(events.retries.isEmpty)
            #expect(events.ending == .failed)
            #expect(try await harness.lines(ref) == [
                "user message: hi",
                "system error: fake: HTTP 401 (invalid_api_key): Incorrect API key provided: <redacted>. See https://platform.example.com/keys?<redacted>",
            ])
            #expect(try await harness.turn(ref, "again").ending == .completed)
        }
    }

    @Test func headersTimeoutIsRetriedThenFailsAndTheWorkerStaysUsable() async throws {
        try await Harness.with { harness in
            let ref = try await harness.createWorker("hang-4")
            let events = try await harness.runtime.observe(ref)
            _ = try await harness.runtime.sendInput(ref, text: "hi")
            // The server never answers; each of the four attempts' headers timeouts elapses when the test says.
            await harness.elapseHeadersTimeouts(model: "hang.4", count: 4)
            let seen = await Harness.collectUntilTurnEnds(events)
            // Each notice states the delay that was then slept: 0.6 × 0.5, 1, 2 s.
            #expect(seen.retries == ["retrying in 0.3 s (timeout)", "retrying in 0.6 s (timeout)", "retrying in 1.2 s (timeout)"])
            #expect(await harness.sleeps.delays == [.milliseconds(300), .milliseconds(600), .milliseconds(1200)])
            #expect(seen.ending == .failed)
            #expect(try await harness.lines(ref) == [
                "user message: hi", "system error: fakehang: no response headers from \(harness.serverEndpoint) within 0.3 s",
            ])
            #expect(try await harness.turn(ref, "again").ending == .completed)
        }
    }

    @Test func aRefusedPortFailsFastAfterOneShortRetryNamingTheHost() async throws {
        try await Harness.with { harness in
            let ref = try await harness.createWorker("down")
            let clock = ContinuousClock()
            let started = clock.now
            let events = try await harness.turn(ref, "hi")
            let elapsed = clock.now - started
            #expect(events.retries == ["retrying in 0.3 s (connection refused)"])
            #expect(await harness.sleeps.delays == [.milliseconds(300)])
            #expect(events.ending == .failed)
            #expect(try await harness.lines(ref) == [
                "user message: hi", "system error: fakedown: 127.0.0.1:\(harness.closedPort) refused the connection",
            ])
            #expect(try await harness.runtime.worker(ref).execution.runState == .idle)
            // The retry's sleep is injected, so what is left is two connects to
            // a closed loopback port (milliseconds). AsyncHTTPClient's pool used
            // to re-dial a refused port until the 5 s connect timeout, each try:
            // two tries took at least 10 s. The bound sits under that, not
            // near the milliseconds it takes, so a loaded CI machine (4.6 s
            // seen) does not fail it while the old behaviour still would.
            #expect(elapsed < .seconds(9), "a refused port took \(elapsed)")
        }
    }

    @Test func silenceBetweenChunksFailsTheTurnAfterStreamingBegan() async throws {
        try await Harness.with { harness in
            let ref = try await harness.createWorker("stall")
            let events = try await harness.turn(ref, "hi")
            #expect(events.text == "Hello, ")
            #expect(events.retries.isEmpty)
            #expect(try await harness.lines(ref) == [
                "user message: hi", "assistant message: Hello,  (interrupted)",
                "system error: fakestall: no data from \(harness.serverEndpoint) within 2 s",
            ])
            #expect(try await harness.turn(ref, "again").ending == .completed)
        }
    }

    @Test func toolCallIsRecordedAsANoticeNotExecuted() async throws {
        try await Harness.with { harness in
            let ref = try await harness.createWorker("tool")
            _ = try await harness.turn(ref, "list files")
            #expect(try await harness.lines(ref) == [
                "user message: list files",
                "system notice: model requested tool shell; tools are not available to this worker",
                "assistant message: Let me check",
            ])
            #expect(await harness.server.state.requests.count == 1)
        }
    }

    @Test func interruptMidStreamCancelsTheRequestAndLeavesANotice() async throws {
        try await Harness.with { harness in
            let ref = try await harness.createWorker("hold-1")
            let events = try await harness.runtime.observe(ref)
            _ = try await harness.runtime.sendInput(ref, text: "tell me a long story")
            var seen: [LiveEvent] = []
            for await event in events {
                seen.append(event)
                if case .textDelta = event { break }
            }
            try await harness.runtime.interrupt(ref)
            seen = await Harness.collectUntilTurnEnds(events, from: seen)
            #expect(seen.ending == .interrupted)
            // The server saw the client go away: the request was cancelled.
            await harness.server.state.waitForClientsLeft(1)
            // What streamed before the interrupt ("Hello", and ", " when it
            // arrived first) is kept, flagged.
            let lines = try await harness.lines(ref)
            #expect(lines.count == 2)
            #expect(lines.first == "user message: tell me a long story")
            #expect(lines.last?.hasPrefix("assistant message: Hello") == true && lines.last?.hasSuffix(" (interrupted)") == true)
            #expect(try await harness.runtime.worker(ref).execution.runState == .idle)
            #expect(try await harness.turn(ref, "shorter").ending == .completed)
        }
    }

    @Test func cancelDuringATurnEndsTheExecution() async throws {
        try await Harness.with { harness in
            let ref = try await harness.createWorker("hold")
            let events = try await harness.runtime.observe(ref)
            _ = try await harness.runtime.sendInput(ref, text: "go")
            for await event in events { if case .textDelta = event { break } }
            let receipt = try await harness.runtime.cancel(ref)
            #expect(receipt.status == .cancelled)
            await harness.server.state.waitForClientsLeft(1)
            let lines = try await harness.lines(ref)
            #expect(lines.count == 2)
            #expect(lines.last?.hasPrefix("assistant message: Hello") == true && lines.last?.hasSuffix(" (interrupted)") == true)
        }
    }
}
