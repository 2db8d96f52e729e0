import Foundation
import Runtime
import Testing
import TestSupport

/// tools.md, The turn loop and Persistence, from the runtime's side: calls
/// are committed before they run, the policy decides, `ask` waits for the
/// first operator answer, results are committed, and nothing is ever
/// approved implicitly (an interrupt or a restart closes the call).
@Suite struct ToolRoundTests {
    static let edit = ToolCallRequest(callId: "call-1", tool: "edit", arguments: #"{"path":"a.txt","old":"x","new":"y"}"#)
    static let bash = ToolCallRequest(callId: "call-2", tool: "bash", arguments: #"{"command":"make"}"#)

    /// A worker with a held turn: its sink and turn id.
    func busyWorker(_ runtime: WorkerRuntime, _ backend: TestBackend) async throws -> (WorkerRef, TurnSink, TurnId) {
        let ref = try await runtime.createWorker(profile: "default").ref
        _ = try await runtime.sendInput(ref, text: "fix it")
        let last = try #require(backend.lastInput)
        let sink = backend.sink(last.handle)
        await sink.report(.started(last.turn))
        return (ref, sink, last.turn)
    }

    /// Waits (without a clock) until the runtime shows a pending approval.
    func pending(_ runtime: WorkerRuntime, _ ref: WorkerRef) async throws -> PendingApproval {
        for _ in 0..<10_000 {
            if let pending = try await runtime.worker(ref).pendingApproval { return pending }
            await Task.yield()
        }
        Issue.record("no approval became pending")
        throw CancellationError()
    }

    @Test func anAllowedCallIsCommittedBeforeItRunsAndItsResultAfter() async throws {
        let store = MemoryStore()
        let backend = TestBackend()
        let runtime = try makeRuntime(store: store, backend: backend)
        let (ref, sink, turn) = try await busyWorker(runtime, backend)

        await sink.report(.blockCompleted(turn, "reading first"))
        let read = ToolCallRequest(callId: "call-0", tool: "read", arguments: #"{"path":"a.txt"}"#)
        #expect(await sink.decide(turn, read, policy: .allow) == .run)
        // Committed before it runs, after what the model said.
        #expect(try await contents(runtime, ref).suffix(2) == [
            "assistant/message: reading first", "assistant/tool_call: " + TranscriptEntry.content(of: read),
        ])
        #expect(try await runtime.worker(ref).openToolCall == "call-0")

        let result = ToolResult(callId: "call-0", status: .ok, output: "1\tx")
        await sink.report(.toolResult(turn, result))
        #expect(try await runtime.worker(ref).openToolCall == nil)
        let page = try await runtime.transcript(ref, start: 0, limit: 10)
        #expect(page.items.last?.role == .tool)
        #expect(page.items.last?.toolResult == result)
        #expect(page.items[2].toolCall == read)

        await sink.report(.blockCompleted(turn, "done"))
        await sink.report(.finished(turn))
        #expect(try await contents(runtime, ref).last == "assistant/message: done")
        let kinds = try store.events(from: 1, limit: 20).map(\.kind)
        #expect(kinds.suffix(3) == [.workerToolCalled, .workerToolFinished, .workerTurnCompleted])
    }

    @Test func aDeniedToolIsDeniedByPolicyWithoutAsking() async throws {
        let backend = TestBackend()
        let runtime = try makeRuntime(backend: backend)
        let (ref, sink, turn) = try await busyWorker(runtime, backend)
        #expect(await sink.decide(turn, Self.bash, policy: .deny) == .denied(reason: "denied by policy"))
        #expect(try await runtime.worker(ref).pendingApproval == nil)
        #expect(try await runtime.worker(ref).execution.runState == .busy)
    }

    @Test func askWaitsForTheFirstAnswerAndLaterAnswersAreRefused() async throws {
        let store = MemoryStore()
        let backend = TestBackend()
        let runtime = try makeRuntime(store: store, backend: backend)
        let (ref, sink, turn) = try await busyWorker(runtime, backend)

        async let decision = sink.decide(turn, Self.edit, policy: .ask)
        let pending = try await pending(runtime, ref)
        #expect(pending.call == Self.edit)
        let waiting = try await runtime.worker(ref)
        #expect(waiting.execution.runState == .awaitingApproval)
        #expect(waiting.needsApproval && waiting.canInterrupt && !waiting.canAcceptInput)
        #expect(await runtime.summary().counts.needsApproval == 1)
        #expect(await runtime.pendingApprovals().map(\.1.call.callId) == ["call-1"])
        // Still busy to input.
        #expect(await runtimeError { _ = try await runtime.sendInput(ref, text: "hello") } == .busy(ref))

        // A wrong call id is not an answer.
        #expect(await runtimeError { try await runtime.answerApproval(ref, callId: "call-9", .allowOnce) }
            == .approvalNotPending(ref, callId: "call-9"))
        let answered = try await runtime.answerApproval(ref, callId: "call-1", .allowOnce)
        #expect(await decision == .run)
        #expect(answered.pendingApproval == nil && answered.execution.runState == .busy)
        #expect(answered.alwaysAllowed.isEmpty)
        #expect(await runtimeError { try await runtime.answerApproval(ref, callId: "call-1", .deny(message: nil)) }
            == .approvalNotPending(ref, callId: "call-1"))
        #expect(await runtime.summary().counts.needsApproval == 0)
        let kinds = try store.events(from: 1, limit: 20).map(\.kind)
        #expect(kinds.suffix(3) == [.workerToolCalled, .workerApprovalRequested, .workerApprovalAnswered])
    }

    @Test func allowAlwaysIsPersistedForThatToolOnly() async throws {
        let store = MemoryStore()
        let backend = TestBackend()
        let runtime = try makeRuntime(store: store, backend: backend)
        let (ref, sink, turn) = try await busyWorker(runtime, backend)

        async let first = sink.decide(turn, Self.edit, policy: .ask)
        _ = try await pending(runtime, ref)
        try await runtime.answerApproval(ref, callId: "call-1", .allowAlways)
        #expect(await first == .run)
        await sink.report(.toolResult(turn, ToolResult(callId: "call-1", status: .ok, output: "edited")))

        // The same tool again: allowed without asking; another tool still asks.
        let again = ToolCallRequest(callId: "call-3", tool: "edit", arguments: "{}")
        #expect(await sink.decide(turn, again, policy: .ask) == .run)
        await sink.report(.toolResult(turn, ToolResult(callId: "call-3", status: .ok, output: "edited")))
        async let other = sink.decide(turn, Self.bash, policy: .ask)
        _ = try await pending(runtime, ref)
        try await runtime.answerApproval(ref, callId: "call-2", .deny(message: "not now"))
        #expect(await other == .denied(reason: "denied by the operator: not now"))

        // Persisted: a restart keeps it.
        let after = try makeRuntime(store: store, backend: TestBackend())
        #expect(try await after.worker(ref).alwaysAllowed == [.edit])
    }

    @Test func interruptingAWaitingCallClosesItAndApprovesNothing() async throws {
        let backend = TestBackend()
        let runtime = try makeRuntime(backend: backend)
        let (ref, sink, turn) = try await busyWorker(runtime, backend)

        async let decision = sink.decide(turn, Self.edit, policy: .ask)
        _ = try await pending(runtime, ref)
        try await runtime.interrupt(ref)
        #expect(await decision == .ended)
        let record = try await runtime.worker(ref)
        #expect(record.pendingApproval == nil && record.openToolCall == nil)
        #expect(record.execution.runState == .idle)
        let items = try await runtime.transcript(ref, start: 0, limit: 10).items
        #expect(items.map(\.kind) == [.message, .toolCall, .toolResult, .notice])
        #expect(items[2].toolResult?.status == .interrupted)
        #expect(items[2].toolResult?.callId == "call-1")
        // A late answer finds nothing to approve.
        #expect(await runtimeError { try await runtime.answerApproval(ref, callId: "call-1", .allowOnce) }
            == .approvalNotPending(ref, callId: "call-1"))
        // A report of the ended turn is dropped.
        await sink.report(.toolResult(turn, ToolResult(callId: "call-1", status: .ok, output: "ran anyway")))
        #expect(try await runtime.transcript(ref, start: 0, limit: 10).items.count == 4)
    }

    @Test func aRestartClosesAPendingApprovalAsInterruptedOnce() async throws {
        let dir = StoreTempDir()
        let backend = TestBackend()
        var store: FileStore? = try FileStore.open(root: dir.root, mode: .owner)
        let runtime = try makeRuntime(store: store!, backend: backend)
        let (ref, sink, turn) = try await busyWorker(runtime, backend)
        let decision = Task { await sink.decide(turn, Self.edit, policy: .ask) }
        _ = try await pending(runtime, ref)
        // The process dies here: the store holds the call and the pending row.
        store!.close()
        store = nil

        for round in 1...2 {
            let reopened = try FileStore.open(root: dir.root, mode: .owner)
            defer { reopened.close() }
            let after = try makeRuntime(store: reopened, backend: TestBackend())
            let record = try await after.worker(ref)
            #expect(record.pendingApproval == nil && record.openToolCall == nil, "round \(round)")
            #expect(record.alwaysAllowed.isEmpty)
            #expect(await after.pendingApprovals().isEmpty)
            let items = try await after.transcript(ref, start: 0, limit: 10).items
            #expect(items.map(\.kind) == [.message, .toolCall, .toolResult, .notice], "round \(round)")
            #expect(items[2].toolResult == ToolResult(callId: "call-1", status: .interrupted, output: "interrupted by restart"))
        }
        // The dead process's waiting call: cancelling its task releases it.
        decision.cancel()
        #expect(await decision.value == .ended)
    }
}
