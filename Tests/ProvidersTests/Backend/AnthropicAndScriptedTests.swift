import Foundation
import Runtime
import Testing
@testable import Providers

@Suite(.timeLimit(.minutes(1))) struct AnthropicBackendTests {
    @Test func streamedReplyIsCommittedWithUsage() async throws {
        try await Harness.with { harness in
            let ref = try await harness.createWorker("a-normal")
            let events = try await harness.turn(ref, "hi")
            #expect(events.text == "Hello, world")
            #expect(try await harness.lines(ref) == ["user message: hi", "assistant message: Hello, world"])
            #expect(try await harness.transcript(ref).last?.usage == TokenUsage(input: 11, output: 3, cached: 2))

            let request = try #require(await harness.server.state.requests.first)
            #expect(request.path == "/v1/messages")
            #expect(request.headers["x-api-key"] == Harness.plantedAnthropicKey)
            #expect(request.headers["anthropic-version"] == "2023-06-01")
            #expect(request.headers["authorization"] == nil)
            #expect(request.bodyText.contains(#""system":"Be terse.""#))
            #expect(request.bodyText.contains(#""max_tokens":64"#))
            #expect(request.bodyText.contains(#""stream":true"#))
            #expect(request.messages == [["user", "hi"]])
        }
    }

    @Test func unauthorizedIsAScrubbedErrorEntry() async throws {
        try await Harness.with { harness in
            let ref = try await harness.createWorker("a-unauthorized")
            _ = try await harness.turn(ref, "hi")
            #expect(try await harness.lines(ref) == [
                "user message: hi", "system error: fakeanthropic: HTTP 401 (authentication_error): invalid x-api-key <redacted>",
            ])
        }
    }

    @Test func midStreamDropFailsKeepingThePartialTextFlagged() async throws {
        try await Harness.with { harness in
            let ref = try await harness.createWorker("a-drop")
            let events = try await harness.turn(ref, "hi", droppingAfter: "Hello, ")
            #expect(events.text == "Hello, ")
            #expect(try await harness.lines(ref) == [
                "user message: hi", "assistant message: Hello,  (interrupted)",
                "system error: fakeanthropic: the connection to \(harness.serverEndpoint) was lost mid-stream",
            ])
            #expect(try await harness.turn(ref, "again").ending == .completed)
        }
    }
}

@Suite(.timeLimit(.minutes(1))) struct ScriptedBackendTests {
    @Test func scriptedReplyStreamsThroughTheSameTurnPathAndIsLabelled() async throws {
        try await Harness.with { harness in
            let ref = try await harness.createWorker("scripted")
            let events = try await harness.turn(ref, "one two  three")
            #expect(events.deltas == ["[scripted] ", "three ", "two ", "one"])
            #expect(events.contains(.usage(TurnId(rawValue: 1), TokenUsage(input: 3, output: 3))))
            #expect(events.ending == .completed)
            #expect(try await harness.lines(ref) == ["user message: one two  three", "assistant message: [scripted] three two one"])
            #expect(try await harness.runtime.worker(ref).model == "scripted/echo")
            #expect(await harness.server.state.requests.isEmpty)
        }
    }

    @Test func defaultProfileIsNeverScriptedAsAFallback() async throws {
        try await Harness.with(environment: [:]) { harness in
            await #expect(throws: RuntimeError.profileUnresolved(profile: "default", reason: ProvidersConfig.noProviderReason)) {
                _ = try await harness.runtime.createWorker(profile: "default")
            }
            let workers = try await harness.runtime.listWorkers(limit: 10)
            #expect(workers.isEmpty)
        }
    }

    @Test func missingCredentialRefusesCreateNamingTheReference() async throws {
        try await Harness.with(environment: [:]) { harness in
            await #expect(throws: RuntimeError.profileUnresolved(profile: "normal", reason: "env FAKE_KEY is not set")) {
                _ = try await harness.runtime.createWorker(profile: "normal")
            }
        }
    }
}

/// The backend without a runtime: spawn seeding, busy, unknown handles.
@Suite(.timeLimit(.minutes(1))) struct LLMBackendBoundaryTests {
    /// Collects a sink's reports; lets a test wait for one kind of report.
    actor Reports {
        var items: [TurnReport] = []
        var waiters: [(matches: @Sendable (TurnReport) -> Bool, continuation: CheckedContinuation<Void, Never>)] = []

        func add(_ report: TurnReport) {
            items.append(report)
            let ready = waiters.filter { $0.matches(report) }
            waiters.removeAll { $0.matches(report) }
            ready.forEach { $0.continuation.resume() }
        }

        func wait(for matches: @escaping @Sendable (TurnReport) -> Bool) async {
            if items.contains(where: matches) { return }
            await withCheckedContinuation { waiters.append((matches, $0)) }
        }

        func waitFinished() async {
            await wait { if case .finished = $0 { true } else { false } }
        }

        func waitForDelta() async {
            await wait { if case .textDelta = $0 { true } else { false } }
        }
    }

    func entry(_ sequence: Int, _ role: TranscriptRole, _ kind: TranscriptKind, _ content: String) -> TranscriptEntry {
        TranscriptEntry(sequence: sequence, role: role, kind: kind, content: content, eventId: Int64(sequence), createdAt: Date())
    }

    @Test func reconnectSeedsTheConversationFromUserAndAssistantMessagesOnly() async throws {
        try await Harness.with { harness in
            let reports = Reports()
            let ref = WorkerRef(runtimeId: .embedded, workerId: WorkerId(sequence: 9))
            let history = [
                entry(1, .user, .message, "earlier question"),
                entry(2, .assistant, .message, "earlier answer"),
                entry(3, .user, .message, "lost one"),
                entry(4, .system, .error, "fake: HTTP 500"),
                entry(5, .system, .notice, "turn interrupted"),
            ]
            let outcome = await harness.backend.spawn(ref, profile: ResolvedProfile(name: "normal", model: "fake/normal"),
                                                      history: history, sink: TurnSink { await reports.add($0) })
            guard case let .connected(handle) = outcome else { Issue.record("spawn failed: \(outcome)"); return }
            #expect(await harness.backend.startTurn(handle, turn: TurnId(rawValue: 1), input: "now") == .accepted)
            await reports.waitFinished()
            #expect(await harness.server.state.requests.first?.messages == [
                ["system", "Be terse."], ["user", "earlier question"], ["assistant", "earlier answer"],
                ["user", "lost one"], ["user", "now"],
            ])
            let turn = TurnId(rawValue: 1)
            #expect(await reports.items == [
                .started(turn), .textDelta(turn, "Hello"), .textDelta(turn, ", "), .textDelta(turn, "world"),
                .usage(turn, TokenUsage(input: 9, output: 3, cached: 2)), .blockCompleted(turn, "Hello, world"), .finished(turn),
            ])
        }
    }

    @Test func reconnectAfterARestartSendsThePersistedConversation() async throws {
        try await Harness.with { harness in
            let store = MemoryStore()
            let first = try WorkerRuntime(workspaceId: "ws", store: store, backend: harness.backend)
            let ref = try await first.createWorker(profile: "drop-1").ref
            for text in ["one", "two"] {
                let events = try await first.observe(ref)
                _ = try await first.sendInput(ref, text: text)
                _ = await Harness.collectUntilTurnEnds(events)
            }
            // A new runtime over the same store: the worker comes back stale.
            let second = try WorkerRuntime(workspaceId: "ws", store: store, backend: harness.backend)
            #expect(try await second.worker(ref).execution.backend == .stale)
            try await second.reconnect(ref)
            let events = try await second.observe(ref)
            _ = try await second.sendInput(ref, text: "three")
            #expect(await Harness.collectUntilTurnEnds(events).ending == .completed)
            // The failed first turn left its input and a cut-short reply; neither
            // that reply nor the error is sent (as the live execution would not).
            #expect(await harness.server.state.requests.last?.messages == [
                ["system", "Be terse."], ["user", "one"], ["user", "two"], ["assistant", "Hello, world"], ["user", "three"],
            ])
        }
    }

    @Test func startTurnWhileATurnRunsIsBusyAndUnknownHandlesAreRejected() async throws {
        try await Harness.with { harness in
            let reports = Reports()
            let ref = WorkerRef(runtimeId: .embedded, workerId: WorkerId(sequence: 1))
            let outcome = await harness.backend.spawn(ref, profile: ResolvedProfile(name: "hold", model: "fake/hold"),
                                                      history: [], sink: TurnSink { await reports.add($0) })
            guard case let .connected(handle) = outcome else { Issue.record("spawn failed"); return }
            #expect(await harness.backend.startTurn(handle, turn: TurnId(rawValue: 1), input: "a") == .accepted)
            #expect(await harness.backend.startTurn(handle, turn: TurnId(rawValue: 2), input: "b") == .busy)
            await reports.waitForDelta()
            #expect(await harness.backend.stop(handle) == .accepted)
            await harness.server.state.waitForClientsLeft(1)
            let countAfterStop = await reports.items.count
            #expect(await harness.backend.startTurn(handle, turn: TurnId(rawValue: 3), input: "c") == .rejected("no such execution"))
            #expect(await harness.backend.interrupt(ExecutionHandle("nope")) == .rejected)
            let spawned = await harness.backend.spawn(ref, profile: ResolvedProfile(name: "ghost", model: "fake/x"),
                                                      history: [], sink: TurnSink { _ in })
            #expect(spawned == .rejected("no such profile: ghost"))
            // Nothing of the stopped turn reached the sink after `stop` returned.
            #expect(await reports.items.count == countAfterStop)
            #expect(await reports.items.allSatisfy { $0.turn == TurnId(rawValue: 1) })
        }
    }
}
