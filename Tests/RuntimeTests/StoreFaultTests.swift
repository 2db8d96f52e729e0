import Foundation
import Runtime
import Testing
import TestSupport

@Suite struct StoreFaultTests {
    @Test func aFailedWriteLeavesMemoryUnchangedAndTheNextWriteWorks() async throws {
        let memory = MemoryStore()
        let store = FailingStore(memory)
        let backend = TestBackend()
        let runtime = try makeRuntime(store: store, backend: backend)
        let ref = try await runtime.createWorker(profile: "default").ref
        let before = try await runtime.worker(ref)
        let summaryBefore = await runtime.summary()

        store.failing.withLock { $0 = true }
        #expect(await runtimeError { _ = try await runtime.sendInput(ref, text: "lost?") } == .storeUnavailable("disk full"))
        #expect(await runtimeError { _ = try await runtime.createWorker(profile: "default") } == .storeUnavailable("disk full"))
        #expect(try await runtime.worker(ref) == before)
        #expect(await runtime.summary() == summaryBefore)
        #expect(backend.recorded.withLock { $0.inputs.isEmpty })
        // The create that failed to commit cancelled its execution.
        #expect(backend.recorded.withLock { $0.cancels.count } == 1)

        store.failing.withLock { $0 = false }
        let receipt = try await runtime.sendInput(ref, text: "kept")
        #expect(receipt.transcriptSequence == 1)
        #expect(try await contents(runtime, ref) == ["user/message: kept"])
    }

    @Test func aReadOnlyStoreRejectsEveryMutation() async throws {
        let memory = MemoryStore()
        let owner = try makeRuntime(store: memory)
        let ref = try await owner.createWorker(profile: "default").ref
        let observer = try makeRuntime(store: ReadOnlyStore(memory))
        let readOnly = RuntimeError.readOnly
        #expect(await runtimeError { _ = try await observer.createWorker(profile: "default") } == readOnly)
        #expect(await runtimeError { _ = try await observer.stop(ref) } == readOnly)
        #expect(await runtimeError { _ = try await observer.cancel(ref) } == readOnly)
        #expect(await runtimeError { try await observer.stopRuntime() } == readOnly)
        #expect(await runtimeError { try await observer.storeBundle(BundleTests.sample()) } == readOnly)
        #expect(await observer.summary().readOnly)
        #expect(await observer.allDiagnostics().map(\.code) == ["store_read_only"])
        // Reads work, and a refresh picks up the owner's new work.
        #expect(try await observer.worker(ref).ref == ref)
        _ = try await owner.createWorker(profile: "default")
        #expect(try await observer.refreshFromStore())
        #expect(try await observer.listWorkers(limit: 10).count == 2)
        #expect(try await !observer.refreshFromStore())
    }
}
