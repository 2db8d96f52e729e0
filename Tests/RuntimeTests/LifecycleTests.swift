import Foundation
import Runtime
import Testing
import TestSupport

@Suite struct LifecycleTests {
    @Test func stopThenCancelStaysStoppedAndWritesOneEvent() async throws {
        let store = MemoryStore()
        let backend = TestBackend()
        let runtime = try makeRuntime(store: store, backend: backend)
        let ref = try await runtime.createWorker(profile: "default").ref
        let stopped = try await runtime.stop(ref, reason: "done")
        #expect(stopped.status == .stopped)
        let eventsAfterStop = try store.lastEventId()
        let again = try await runtime.stop(ref)
        let cancelled = try await runtime.cancel(ref)
        #expect(again == stopped)
        #expect(cancelled == stopped)
        #expect(try store.lastEventId() == eventsAfterStop)
        #expect(backend.recorded.withLock { ($0.stops.count, $0.cancels.count) } == (1, 0))
        let record = try await runtime.worker(ref)
        #expect(record.execution.runState == .stopped)
        #expect(record.execution.lastResult == LastResult(operation: .stop, outcome: .accepted, message: "done"))
    }

    @Test func cancelThenStopStaysCancelled() async throws {
        let store = MemoryStore()
        let runtime = try makeRuntime(store: store)
        let ref = try await runtime.createWorker(profile: "default").ref
        let cancelled = try await runtime.cancel(ref)
        #expect(cancelled.status == .cancelled)
        let last = try store.lastEventId()
        #expect(try await runtime.stop(ref) == cancelled)
        #expect(try await runtime.cancel(ref) == cancelled)
        #expect(try store.lastEventId() == last)
        #expect(try store.events(from: last, limit: 1).first?.kind == .workerCancelled)
    }

    @Test func cancelAbortsARunningTurn() async throws {
        let backend = TestBackend()
        let runtime = try makeRuntime(backend: backend)
        let ref = try await runtime.createWorker(profile: "default").ref
        _ = try await runtime.sendInput(ref, text: "go")
        _ = try await runtime.cancel(ref)
        #expect(try await contents(runtime, ref) == ["user/message: go", "system/notice: turn ended: worker cancelled"])
        #expect(await runtimeError { _ = try await runtime.sendInput(ref, text: "more") } == .workerNotRunning(ref, .cancelled))
        await backend.replyToLast("too late")
        #expect(try await runtime.worker(ref).transcriptLength == 2)
    }

    @Test func backendRefusalKeepsTheWorkerRunning() async throws {
        let backend = TestBackend()
        backend.set { $0.stop = .rejected }
        let runtime = try makeRuntime(backend: backend)
        let ref = try await runtime.createWorker(profile: "default").ref
        #expect(await runtimeError { _ = try await runtime.stop(ref) } == .executionRejected(ref, .stop, .rejected, nil))
        let record = try await runtime.worker(ref)
        #expect(record.status == .running)
        #expect(record.execution.lastResult == LastResult(operation: .stop, outcome: .rejected))
    }

    @Test func stopRuntimeIsIdempotentAndLeavesReadsWorking() async throws {
        let store = MemoryStore()
        let backend = TestBackend()
        let runtime = try makeRuntime(store: store, backend: backend)
        let ref = try await runtime.createWorker(profile: "default", initialInput: "hi").ref
        try await runtime.stopRuntime()
        try await runtime.stopRuntime()
        #expect(await runtime.summary().status == .stopped)
        #expect(try store.events(from: 1, limit: 20).filter { $0.kind == .runtimeStopped }.count == 1)
        #expect(try await runtime.worker(ref).status == .stopped)
        #expect(try await contents(runtime, ref) == ["user/message: hi", "system/notice: turn ended: runtime stopped"])
        #expect(await runtimeError { _ = try await runtime.createWorker(profile: "default") } == .runtimeStopped)
        #expect(await runtimeError { _ = try await runtime.sendInput(ref, text: "x") } == .runtimeStopped)
        #expect(await runtimeError { _ = try await runtime.reconnect(ref) } == .runtimeStopped)
    }

    @Test func reconnectNeedsAStaleOrUnconnectedWorker() async throws {
        let runtime = try makeRuntime()
        let ref = try await runtime.createWorker(profile: "default").ref
        #expect(await runtimeError { _ = try await runtime.reconnect(ref) } == .alreadyConnected(ref))
        _ = try await runtime.stop(ref)
        #expect(await runtimeError { _ = try await runtime.reconnect(ref) } == .workerNotRunning(ref, .stopped))
    }
}
