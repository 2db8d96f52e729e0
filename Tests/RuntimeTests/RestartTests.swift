import Foundation
import Runtime
import Testing
import TestSupport

/// Restart semantics through a shared MemoryStore (the file store runs the
/// same scenarios against SQLite).
@Suite struct RestartTests {
    @Test func connectedWorkersComeBackStaleWithDiagnosticAndEvent() async throws {
        let store = MemoryStore()
        let backend = TestBackend()
        backend.set { $0.turn = .replySynchronously("first answer") }
        let before = try makeRuntime(store: store, backend: backend)
        let ref = try await before.createWorker(profile: "default", label: "coder", initialInput: "first").ref
        let stoppedRef = try await before.createWorker(profile: "default").ref
        _ = try await before.stop(stoppedRef)

        let restartedBackend = TestBackend()
        let after = try makeRuntime(store: store, backend: restartedBackend)
        let record = try await after.worker(ref)
        #expect(record.label == "coder")
        #expect(record.execution.backend == .stale)
        #expect(record.execution.runState == .unconnected)
        #expect(record.execution.binding == "test-backend")
        #expect(try await after.worker(stoppedRef).status == .stopped)
        #expect(try await contents(after, ref) == ["user/message: first", "assistant/message: first answer"])
        let diagnostics = await after.allDiagnostics()
        #expect(diagnostics.map(\.code) == ["worker_execution_stale"])
        #expect(diagnostics.first?.workerRef == ref)
        #expect(diagnostics.first?.severity == .warning)
        let staleEvents = try store.events(from: 1, limit: 100).filter { $0.kind == .workerExecutionStale }
        #expect(staleEvents.map(\.workerRef) == [ref])
        #expect(await after.summary().counts.stale == 1)

        // Input to a stale worker is refused until reconnect.
        #expect(await runtimeError { _ = try await after.sendInput(ref, text: "again") } == .executionUnavailable(ref))
        #expect(await after.canReconnect(ref))
        restartedBackend.set { $0.turn = .replySynchronously("second answer") }
        let reconnected = try await after.reconnect(ref)
        #expect(reconnected.execution.backend == .connected)
        #expect(restartedBackend.recorded.withLock { $0.spawns.first?.history.map(\.content) } == ["first", "first answer"])
        #expect(await after.allDiagnostics().isEmpty)
        _ = try await after.sendInput(ref, text: "again")
        #expect(try await contents(after, ref).suffix(2) == ["user/message: again", "assistant/message: second answer"])

        // Ids are never reused after a restart.
        let next = try await after.createWorker(profile: "default")
        #expect(next.ref.workerId.rawValue == "worker-00000003")
    }

    @Test func aTurnRunningAtTheCrashIsMarkedOnce() async throws {
        let store = MemoryStore()
        let backend = TestBackend()
        let before = try makeRuntime(store: store, backend: backend)
        let ref = try await before.createWorker(profile: "default").ref
        _ = try await before.sendInput(ref, text: "in flight")
        // "Crash": the runtime is dropped without ending the turn.
        let after = try makeRuntime(store: store)
        #expect(try await contents(after, ref) == ["user/message: in flight", "system/notice: turn interrupted by restart"])
        #expect(try await after.worker(ref).activeTurn == nil)
        let again = try makeRuntime(store: store)
        #expect(try await again.worker(ref).transcriptLength == 2)
        #expect(await again.allDiagnostics().count == 1)
        #expect(try store.events(from: 1, limit: 100).filter { $0.kind == .workerExecutionStale }.count == 1)
    }

    @Test func aStoppedRuntimeStaysStopped() async throws {
        let store = MemoryStore()
        let before = try makeRuntime(store: store)
        _ = try await before.createWorker(profile: "default")
        try await before.stopRuntime()
        let after = try makeRuntime(store: store)
        #expect(await after.summary().status == .stopped)
        #expect(await runtimeError { _ = try await after.createWorker(profile: "default") } == .runtimeStopped)
        #expect(try store.events(from: 1, limit: 100).filter { $0.kind == .runtimeStarted }.count == 1)
    }

    @Test func aStoreOfAnotherRuntimeIsRefused() throws {
        let store = MemoryStore()
        _ = try makeRuntime(id: RuntimeId("first"), store: store)
        #expect(throws: RuntimeError.storeCorrupt("the store belongs to another runtime")) {
            _ = try makeRuntime(id: RuntimeId("second"), store: store)
        }
    }
}

/// runtime.md (Changed): after a restart the owner reconnects every running
/// worker whose profile resolves, by the reconnect operation (an event each);
/// one that cannot stays stale with the reason.
@Suite struct ReconnectOnStartTests {
    @Test func reconnectAllBringsBackWhatItCanAndSaysWhyNotForTheRest() async throws {
        let store = MemoryStore()
        let coder = ProfileResolution.resolved(ResolvedProfile(name: "coder", model: "test/coder"))
        let first = TestBackend()
        first.set { $0.profiles["coder"] = coder }
        let before = try makeRuntime(store: store, backend: first)
        let good = try await before.createWorker(profile: "default", label: "good").ref
        let broken = try await before.createWorker(profile: "coder", label: "broken").ref
        let done = try await before.createWorker(profile: "default").ref
        _ = try await before.stop(done)

        let backend = TestBackend()
        backend.set { $0.profiles["coder"] = .unresolved(reason: "env CODER_KEY is not set") }
        let after = try makeRuntime(store: store, backend: backend)
        let results = await after.reconnectAll()
        #expect(results.map(\.ref) == [good, broken]) // the stopped worker is not touched
        #expect(results[0].error == nil)
        #expect(results[1].error == .profileUnresolved(profile: "coder", reason: "env CODER_KEY is not set"))
        #expect(try await after.worker(good).execution.backend == .connected)
        #expect(try await after.worker(broken).execution.backend == .stale)
        #expect(try await after.worker(done).status == .stopped)
        let reasons = await after.allDiagnostics().filter { $0.code == DiagnosticCode.workerReconnectFailed }
        #expect(reasons.map(\.workerRef) == [broken])
        #expect(reasons.first?.message.contains("env CODER_KEY is not set") == true)
        #expect(try store.events(from: 1, limit: 100).filter { $0.kind == .workerReconnected }.map(\.workerRef) == [good])

        // Fixed and retried: the reason goes away with the reconnect.
        backend.set { $0.profiles["coder"] = coder }
        #expect(await after.reconnectAll().map(\.error) == [nil])
        #expect(await after.allDiagnostics().filter { $0.code == DiagnosticCode.workerReconnectFailed }.isEmpty)
    }

    /// A clean quit ends turns so the next start finds no turn to mark
    /// "interrupted by restart": the partial is there once, flagged.
    @Test func aCleanQuitLeavesNoTurnForTheRestartToClose() async throws {
        let store = MemoryStore()
        let backend = TestBackend()
        let before = try makeRuntime(store: store, backend: backend)
        let ref = try await before.createWorker(profile: "default").ref
        _ = try await before.sendInput(ref, text: "go")
        let last = backend.lastInput!
        await backend.sink(last.handle).report(.textDelta(last.turn, "words the operator read"))
        _ = await before.interruptAllTurns()
        let after = try makeRuntime(store: store, backend: TestBackend())
        #expect(try await contents(after, ref) == ["user/message: go", "assistant/message: words the operator read (interrupted)"])
        _ = await after.reconnectAll()
        #expect(try await after.worker(ref).canAcceptInput)
    }
}
