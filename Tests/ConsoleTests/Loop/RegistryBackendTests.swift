import Foundation
import Registry
import Runtime
import TestSupport
import Testing
@testable import Console

/// The console's backend over a real registry and embedded runtime (memory
/// store, test execution backend): what the loop would receive.
@Suite(.timeLimit(.minutes(1))) struct RegistryBackendTests {
    static let fixedDate = Date(timeIntervalSince1970: 1_699_963_260)

    func makeBackend(_ execution: TestBackend) throws -> RegistryBackend {
        let registry = RuntimeRegistry()
        try registry.register(EmbeddedSource(runtime: try WorkerRuntime(
            workspaceId: "ws-0123456789ab", store: MemoryStore(), backend: execution, now: { Self.fixedDate })))
        return RegistryBackend(registry: registry)
    }

    /// `:archive`, `:fork` and `:delete` reach the owner; rows carry the flag and the parent.
    @Test func archiveForkAndDeleteReachTheOwner() async throws {
        let execution = TestBackend()
        execution.set { $0.turn = .replySynchronously("pong") }
        let backend = try makeBackend(execution)
        let worker = try await backend.create(runtimeId: "backend-internal", CreateWorkerRequest(profile: "scripted", initialInput: "ping"))
        #expect(try await backend.setArchived(worker.key, true).archived)
        #expect(try await backend.workers().first?.archived == true)
        let fork = try await backend.fork(worker.key, at: 1)
        #expect(fork.parent == "\(worker.key.workerId) @1" && fork.transcriptLength == 1 && !fork.archived)
        try await backend.delete(fork.key)
        #expect(try await backend.workers().map(\.key) == [worker.key])
        await #expect(throws: ConsoleFailure("no worker \(fork.key.workerId) in runtime backend-internal")) {
            try await backend.delete(fork.key)
        }
    }

    /// `:rename` reaches the owner and comes back as the cleaned, sanitised row.
    @Test func renameReturnsTheRenamedRow() async throws {
        let backend = try makeBackend(TestBackend())
        let worker = try await backend.create(runtimeId: "backend-internal", CreateWorkerRequest(profile: "scripted", label: "old"))
        let renamed = try await backend.rename(worker.key, label: "new\u{1B}]0;x\u{07} name")
        #expect(renamed.key == worker.key && renamed.label == "new]0;x name")
        #expect(try await backend.workers().first?.label == "new]0;x name")
        await #expect(throws: ConsoleFailure("label must be 1-80 visible characters")) {
            try await backend.rename(worker.key, label: "//")
        }
    }

    /// `:grep` asks every runtime; snippets come back sanitised to one line.
    @Test func searchReturnsSanitisedMatches() async throws {
        let backend = try makeBackend(TestBackend())
        let worker = try await backend.create(runtimeId: "backend-internal",
                                              CreateWorkerRequest(profile: "scripted", initialInput: "find the needle\u{1B}]0;x\u{07}\nnext"))
        let matches = try await backend.search("needle", limit: 10)
        #expect(matches.map(\.key) == [worker.key])
        #expect(matches.first?.sequence == 1 && matches.first?.snippet == "find the needle next", "\(String(describing: matches.first?.snippet))")
        await #expect(throws: ConsoleFailure("search needs a word with a letter or digit")) {
            try await backend.search("**", limit: 10)
        }
    }

    @Test func listsTheEmbeddedRuntimeAsARow() async throws {
        let backend = try makeBackend(TestBackend())
        let rows = try await backend.runtimes()
        #expect(rows.map(\.id) == ["backend-internal"])
        #expect(rows.first?.implementationKind == .embeddedWorkerRuntime)
        #expect(rows.first?.canCreateWorker == true)
        #expect(rows.first?.readOnly == false)
    }

    /// The dialog's initial input travels with the create (one runtime
    /// transaction), so the first turn starts without a separate send.
    @Test func createWithInitialInputAndReplyArriveAsActions() async throws {
        let execution = TestBackend()
        let backend = try makeBackend(execution)
        let events = await backend.eventStream()
        let worker = try await backend.create(runtimeId: "backend-internal",
                                              CreateWorkerRequest(profile: "scripted", label: "bot", initialInput: "hi"))
        #expect(worker.label == "bot")
        // The loop shows a created worker; only a shown worker's text streams.
        backend.showText(of: worker.key)
        await execution.replyToLast("Hello \u{1B}]0;x\u{07}there")

        var deltas = ""
        var committed: [TranscriptRow] = []
        for await action in events {
            switch action {
            case let .turnDeltaArrived(key, _, text) where key == worker.key: deltas += text
            case let .entryCommitted(key, row) where key == worker.key: committed.append(row)
            default: break
            }
            if committed.contains(where: { $0.role == .assistant }) { break }
        }
        #expect(deltas == "Hello \u{1B}]0;x\u{07}there") // raw: sanitised at layout
        #expect(committed.map(\.role) == [.user, .assistant])
        #expect(committed.last?.content == "Hello there") // committed rows are sanitised
        let page = try await backend.transcript(worker.key, start: 0, limit: 10)
        #expect(page.total == 2)
        #expect(page.items.map(\.content) == ["hi", "Hello there"])
        #expect(try await backend.workers().first { $0.key == worker.key }?.capabilities.acceptInput == true)
    }

    /// Issue 15 item 2: 50 workers streaming while one is shown put that
    /// one's deltas into the loop's queue and none of the other 49's; their
    /// turns still arrive (started, committed, ended).
    @Test func offScreenWorkersPutNoDeltasInTheQueue() async throws {
        let execution = TestBackend()
        let backend = try makeBackend(execution)
        let events = await backend.eventStream()
        var turns: [(key: WorkerKey, sink: TurnSink, turn: TurnId)] = []
        for i in 0..<50 {
            let worker = try await backend.create(runtimeId: "backend-internal", CreateWorkerRequest(profile: "scripted", label: "w\(i)"))
            try await backend.send(worker.key, text: "go")
            let last = try #require(execution.lastInput)
            turns.append((worker.key, execution.sink(last.handle), last.turn))
        }
        let shown = turns[3].key
        backend.showText(of: shown)
        for t in turns { await t.sink.report(.started(t.turn)) }
        for round in 0..<20 { for t in turns { await t.sink.report(.textDelta(t.turn, "\(round) ")) } }
        for t in turns {
            await t.sink.report(.blockCompleted(t.turn, "done"))
            await t.sink.report(.finished(t.turn))
        }
        var deltas: [WorkerKey] = []
        var ended = Set<WorkerKey>()
        var replies = 0
        for await action in events {
            switch action {
            case let .turnDeltaArrived(key, _, _): deltas.append(key)
            case let .entryCommitted(_, row) where row.role == .assistant: replies += 1
            case let .turnEnded(key, _, _): ended.insert(key)
            default: break
            }
            if ended.count == 50 { break }
        }
        #expect(deltas.count == 20)
        #expect(deltas.allSatisfy { $0 == shown })
        #expect(replies == 50)
    }

    /// Switching to a worker mid-reply shows what it streamed so far, then
    /// its deltas extend it (the reducer replaces, then appends).
    @Test func switchingToAStreamingWorkerShowsItsTextSoFar() async throws {
        let execution = TestBackend()
        let backend = try makeBackend(execution)
        let events = await backend.eventStream()
        let worker = try await backend.create(runtimeId: "backend-internal", CreateWorkerRequest(profile: "scripted", label: "bot"))
        try await backend.send(worker.key, text: "go")
        let last = try #require(execution.lastInput)
        let sink = execution.sink(last.handle)
        await sink.report(.started(last.turn))
        await sink.report(.textDelta(last.turn, "Hello, "))
        await sink.report(.textDelta(last.turn, "wor"))

        var state = AppState(workspaceName: "ws")
        state.workers = try await backend.workers()
        _ = reduce(&state, .workersLoaded(state.workers))
        state.openWorker = worker.key
        state.transcripts[worker.key] = TranscriptState(total: 1, items: [])
        backend.showText(of: worker.key)
        var gotSoFar = false
        for await action in events {
            if case .turnTextSoFar = action { gotSoFar = true }
            _ = reduce(&state, action)
            if gotSoFar { break }
        }
        await sink.report(.textDelta(last.turn, "ld"))
        for await action in events {
            _ = reduce(&state, action)
            if case .turnDeltaArrived = action { break }
        }
        #expect(state.transcripts[worker.key]?.streamingText == "Hello, world")
        #expect(state.transcripts[worker.key]?.streamingTurn == String(last.turn.rawValue))
    }

    @Test func failuresAreOneOperatorSentence() async throws {
        let backend = try makeBackend(TestBackend())
        await #expect(throws: ConsoleFailure("no worker nobody in runtime backend-internal")) {
            try await backend.send(WorkerKey(runtimeId: "backend-internal", workerId: "nobody"), text: "x")
        }
        await #expect(throws: ConsoleFailure("no runtime elsewhere")) {
            try await backend.stop(WorkerKey(runtimeId: "elsewhere", workerId: "w"))
        }
    }
}

/// The review's backend calls over a real registry: the pending call of a
/// worker, an answer, and a late answer as an outcome (not a failure).
@Suite(.timeLimit(.minutes(1))) struct RegistryBackendApprovalTests {
    @Test func pendingCallAnswerAndLateAnswer() async throws {
        let execution = TestBackend()
        let backend = try RegistryBackendTests().makeBackend(execution)
        let worker = try await backend.create(runtimeId: "backend-internal", CreateWorkerRequest(profile: "scripted", label: "bot"))
        try await backend.send(worker.key, text: "fix it")
        let last = try #require(execution.lastInput)
        let sink = execution.sink(last.handle)
        await sink.report(.started(last.turn))
        let call = ToolCallRequest(callId: "call-1", tool: "bash", arguments: #"{"command":"make \u001b[2J"}"#)
        async let decision = sink.decide(last.turn, call, policy: .ask)

        // Waits without a clock until the call is pending.
        var pending: ApprovalRow?
        for _ in 0..<10_000 where pending == nil {
            pending = try await backend.pendingApproval(worker.key)
            if pending == nil { await Task.yield() }
        }
        let row = try #require(pending)
        #expect(row.callId == "call-1")
        #expect(row.tool == "bash")
        #expect(!row.arguments.unicodeScalars.contains("\u{1B}"))
        #expect(try await backend.workers().first { $0.key == worker.key }?.needsYou == true)

        guard case .answered(let after) = try await backend.answerApproval(worker.key, callId: "call-1", .allowOnce) else {
            Issue.record("the answer was not taken")
            return
        }
        #expect(await decision == .run)
        #expect(!after.needsYou)
        #expect(try await backend.answerApproval(worker.key, callId: "call-1", .deny(message: nil)) == .alreadyAnswered)
        #expect(try await backend.pendingApproval(worker.key) == nil)
    }
}

/// The diff view's load: the directory's diff arrives sanitised and split
/// into lines; a directory git refuses is one operator sentence.
@Suite(.timeLimit(.minutes(1))) struct RegistryBackendDiffTests {
    func makeBackend(_ differ: @escaping WorkdirDiffer) throws -> RegistryBackend {
        let registry = RuntimeRegistry()
        try registry.register(EmbeddedSource(runtime: try WorkerRuntime(
            workspaceId: "ws-0123456789ab", store: MemoryStore(), backend: TestBackend(),
            now: { RegistryBackendTests.fixedDate }), workdirDiff: differ))
        return RegistryBackend(registry: registry)
    }

    @Test func theDiffArrivesSanitised() async throws {
        let backend = try makeBackend { _, _ in WorkdirDiff(directory: "workspace", diff: "+ok\u{1B}[2J\n-gone\n", truncated: true) }
        let worker = try await backend.create(runtimeId: "backend-internal", CreateWorkerRequest(profile: "scripted"))
        #expect(try await backend.workdirDiff(worker.key) == DiffText(directory: "workspace", lines: ["+ok", "-gone"], truncated: true))
    }

    @Test func aRefusalIsOneSentence() async throws {
        let backend = try makeBackend { _, _ throws(ToolSetupError) in
            throw ToolSetupError("the workspace is not a git repository, so there is no diff to show")
        }
        let worker = try await backend.create(runtimeId: "backend-internal", CreateWorkerRequest(profile: "scripted"))
        await #expect(throws: ConsoleFailure("the workspace is not a git repository, so there is no diff to show")) {
            try await backend.workdirDiff(worker.key)
        }
    }
}

extension RegistryBackend {
    /// The live events as a stream, for tests that read them in order.
    func eventStream() async -> AsyncStream<Action> {
        let (stream, continuation) = AsyncStream<Action>.makeStream()
        let cancel = await events { continuation.yield($0) }
        continuation.onTermination = { _ in cancel() }
        return stream
    }
}
