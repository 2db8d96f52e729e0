import Foundation
import Testing
@testable import Runtime

/// Restart semantics through `WorkerRuntime` on a real `FileStore`.
@Suite("Store restart")
struct StoreRestartTests {
    static let clock: @Sendable () -> Date = { StoreFixture.t0 }

    private func open(_ dir: StoreTempDir, _ backend: StoreTestBackend) throws -> (WorkerRuntime, FileStore) {
        let store = try FileStore.open(root: dir.root, mode: .owner)
        let runtime = try WorkerRuntime(workspaceId: "ws-test", store: store, backend: backend, now: Self.clock)
        return (runtime, store)
    }

    @Test func reopenRestoresCatalogCountersEventsBundlesAndMarksConnectedWorkersStale() async throws {
        let dir = StoreTempDir()
        var (runtime, store) = try open(dir, StoreTestBackend())
        let a = try await runtime.createWorker(profile: "default", label: "alpha", initialInput: "hello")
        let b = try await runtime.createWorker(profile: "default")
        _ = try await runtime.sendInput(a.ref, text: "second")
        try await runtime.cancel(b.ref)
        let c = try await runtime.createWorker(profile: "default")
        try await runtime.stop(c.ref)
        let workersBefore = try await runtime.listWorkers(limit: 10)
        let eventsBefore = try await runtime.events(.fromStart(.embedded), limit: 100).events
        let transcriptBefore = try await runtime.transcript(a.ref, start: 0, limit: 100)
        let bundleBefore = await runtime.bundle(id: "workspace-runtime-default")
        store.close()

        (runtime, store) = try open(dir, StoreTestBackend())
        defer { store.close() }
        let workers = try await runtime.listWorkers(limit: 10)
        #expect(workers.map(\.ref) == [a.ref, b.ref, c.ref])
        #expect(workers.map(\.status) == [.running, .cancelled, .stopped])
        #expect(Array(workers[1...]) == Array(workersBefore[1...]))

        let restoredA = workers[0]
        let eventsAfter = try await runtime.events(.fromStart(.embedded), limit: 100).events
        let newEvents = Array(eventsAfter.dropFirst(eventsBefore.count))
        #expect(Array(eventsAfter.prefix(eventsBefore.count)) == eventsBefore)
        #expect(newEvents.map(\.kind) == [.runtimeStarted, .workerExecutionStale])
        #expect(newEvents.map(\.workerRef) == [nil, a.ref])
        #expect(newEvents[0].message == "runtime restarted")
        #expect(restoredA.execution == ExecutionStatus(
            backend: .stale, runState: .unconnected, binding: "store-test",
            lastResult: workersBefore[0].execution.lastResult))
        #expect(restoredA.lastEventId == newEvents[1].id)
        #expect(restoredA.transcriptLength == 4)
        #expect(restoredA.usage == TokenUsage(input: 6, output: 4))
        #expect(restoredA.label == "alpha")

        let diagnostics = await runtime.allDiagnostics()
        #expect(diagnostics.map(\.code) == [DiagnosticCode.workerExecutionStale])
        #expect(diagnostics.map(\.workerRef) == [a.ref])
        #expect(try await runtime.transcript(a.ref, start: 0, limit: 100) == transcriptBefore)
        #expect(transcriptBefore.items.map(\.content) == ["hello", "echo: hello", "second", "echo: second"])
        #expect(await runtime.bundle(id: "workspace-runtime-default") == bundleBefore)

        let summary = await runtime.summary()
        #expect(summary.status == .running)
        #expect(summary.storeKind == .file)
        #expect(summary.counts.stale == 1 && summary.counts.cancelled == 1 && summary.counts.stopped == 1)

        let d = try await runtime.createWorker(profile: "default")
        #expect(d.ref.workerId == WorkerId(sequence: 4))
    }

    @Test func stoppedRuntimeStaysStoppedAfterReopen() async throws {
        let dir = StoreTempDir()
        var (runtime, store) = try open(dir, StoreTestBackend())
        let a = try await runtime.createWorker(profile: "default", initialInput: "hi")
        try await runtime.stopRuntime()
        let lastBefore = try store.lastEventId()
        store.close()

        (runtime, store) = try open(dir, StoreTestBackend())
        defer { store.close() }
        #expect(await runtime.summary().status == .stopped)
        #expect(try await runtime.worker(a.ref).status == .stopped)
        #expect(try store.lastEventId() == lastBefore, "a stopped runtime writes nothing on restore")
        await #expect(throws: RuntimeError.runtimeStopped) {
            _ = try await runtime.createWorker(profile: "default")
        }
        #expect(try await runtime.transcript(a.ref, start: 0, limit: 10).items.map(\.content) == ["hi", "echo: hi"])
    }

    @Test func turnRunningAtCrashGetsExactlyOneInterruptedNotice() async throws {
        let dir = StoreTempDir()
        var (runtime, store) = try open(dir, StoreTestBackend(mode: .hold))
        let a = try await runtime.createWorker(profile: "default")
        let receipt = try await runtime.sendInput(a.ref, text: "a long question")
        #expect(try await runtime.worker(a.ref).activeTurn == receipt.turn)
        store.close() // the process "dies" mid-turn: nothing more is written

        for _ in 1...2 {
            (runtime, store) = try open(dir, StoreTestBackend())
            let items = try await runtime.transcript(a.ref, start: 0, limit: 10).items
            #expect(items.map(\.content) == ["a long question", "turn interrupted by restart"])
            #expect(items.map(\.role) == [.user, .system])
            #expect(items.map(\.kind) == [.message, .notice])
            let record = try await runtime.worker(a.ref)
            #expect(record.activeTurn == nil)
            #expect(record.execution.backend == .stale)
            let interrupted = try await runtime.events(.fromStart(.embedded), limit: 100).events
                .filter { $0.kind == .workerTurnInterrupted }
            #expect(interrupted.map(\.message) == ["turn interrupted by restart"])
            store.close()
        }
    }

    @Test func staleWorkerRejectsInputUntilReconnectedWithItsHistory() async throws {
        let dir = StoreTempDir()
        var (runtime, store) = try open(dir, StoreTestBackend())
        let a = try await runtime.createWorker(profile: "default", initialInput: "first")
        store.close()

        let backend = StoreTestBackend()
        (runtime, store) = try open(dir, backend)
        defer { store.close() }
        await #expect(throws: RuntimeError.executionUnavailable(a.ref)) {
            _ = try await runtime.sendInput(a.ref, text: "are you there?")
        }
        #expect(try await runtime.worker(a.ref).transcriptLength == 2, "rejected input is not transcribed")

        let reconnected = try await runtime.reconnect(a.ref)
        #expect(reconnected.execution.backend == .connected)
        let persisted = try await runtime.transcript(a.ref, start: 0, limit: 10).items
        #expect(backend.spawnHistories(a.ref) == [persisted])
        #expect(await runtime.allDiagnostics().isEmpty)

        let receipt = try await runtime.sendInput(a.ref, text: "continue")
        #expect(receipt.transcriptSequence == 3)
        #expect(try await runtime.transcript(a.ref, start: 0, limit: 10).items.map(\.content)
            == ["first", "echo: first", "continue", "echo: continue"])
    }
}
