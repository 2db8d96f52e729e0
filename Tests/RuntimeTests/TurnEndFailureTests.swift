import Foundation
import Runtime
import Synchronization
import TestSupport
import Testing

/// issue 11: a store failure when a turn ends is never swallowed. The worker
/// becomes errored (not "busy forever"), with a diagnostic, a live update
/// and a report for the log; `reconnect` brings it back from the store.
@Suite struct TurnEndFailureTests {
    @Test func aTurnEndTheStoreRefusesMarksTheWorkerErrored() async throws {
        let store = FailingStore(MemoryStore())
        let backend = TestBackend()
        let problems = Mutex<[String]>([])
        let runtime = try WorkerRuntime(workspaceId: "proj-0123456789ab", store: store, backend: backend,
                                        now: { fixedDate },
                                        reportProblem: { problem in problems.withLock { $0.append(problem.description) } })
        let ref = try await runtime.createWorker(profile: "default").ref
        let updates = try await runtime.observe(ref)
        _ = try await runtime.sendInput(ref, text: "go")
        let last = backend.lastInput!
        store.failing.withLock { $0 = true }
        await backend.sink(last.handle).report(.blockCompleted(last.turn, "answer"))
        await backend.sink(last.handle).report(.finished(last.turn))

        let record = try await runtime.worker(ref)
        #expect(record.execution.runState == .errored)
        #expect(record.execution.backend == .unconnected)
        #expect(record.activeTurn == nil)
        #expect(!record.canAcceptInput)
        #expect(record.isReconnectable)
        let diagnostics = await runtime.allDiagnostics().filter { $0.code == DiagnosticCode.workerTurnNotSaved }
        #expect(diagnostics.map(\.workerRef) == [ref])
        #expect(diagnostics.first?.message.contains("disk full") == true)
        #expect(problems.withLock { $0 } == ["committing the end of a turn for worker-00000001: store_unavailable: store unavailable: disk full"])

        // Watchers see the errored worker with its diagnostic.
        var sawErrored = false
        for await event in updates {
            if case let .workerChanged(changed, diagnostics) = event, changed.execution.runState == .errored {
                sawErrored = diagnostics.contains { $0.code == DiagnosticCode.workerTurnNotSaved }
                break
            }
        }
        #expect(sawErrored)

        // The store works again: reconnect from what it holds clears the error.
        store.failing.withLock { $0 = false }
        let back = try await runtime.reconnect(ref)
        #expect(back.canAcceptInput)
        #expect(await runtime.allDiagnostics().filter { $0.code == DiagnosticCode.workerTurnNotSaved }.isEmpty)
    }
}
