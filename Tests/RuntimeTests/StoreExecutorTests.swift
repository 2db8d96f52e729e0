import Foundation
import Runtime
import Synchronization
import TestSupport
import Testing

/// issue 11: blocking store work (SQLite writes and their fsyncs) never runs
/// on Swift's cooperative pool: the runtime actor has an executor of its own.
@Suite struct StoreExecutorTests {
    /// Records, for every store call, whether it ran off the pool.
    final class RecordingStore: RuntimeStore {
        let inner = MemoryStore()
        let onPool = Mutex<[String]>([])
        var kind: StoreKind { inner.kind }
        var access: StoreAccess { inner.access }
        private func note(_ call: String) { if !BlockingIO.isOffThePool { onPool.withLock { $0.append(call) } } }
        func load() throws(RuntimeError) -> StoreSnapshot { try inner.load() } // in init, before any actor job
        func commit(_ transaction: StoreTransaction) throws(RuntimeError) { note("commit"); try inner.commit(transaction) }
        func transcript(worker: WorkerId, start: Int, limit: Int) throws(RuntimeError) -> [TranscriptEntry] {
            note("transcript")
            return try inner.transcript(worker: worker, start: start, limit: limit)
        }
        func events(from: Int64, limit: Int) throws(RuntimeError) -> [RuntimeEvent] {
            note("events")
            return try inner.events(from: from, limit: limit)
        }
        func lastEventId() throws(RuntimeError) -> Int64 { note("lastEventId"); return try inner.lastEventId() }
    }

    @Test func everyStoreCallOfTheRuntimeRunsOffThePool() async throws {
        let store = RecordingStore()
        let backend = TestBackend()
        backend.set { $0.turn = .replySynchronously("answer") }
        // Construction runs where its caller runs (the executable builds the
        // runtime on `BlockingIO`); everything after it is the actor's.
        let runtime = try await BlockingIO.run { () throws(RuntimeError) in
            try WorkerRuntime(workspaceId: "proj-0123456789ab", store: store, backend: backend, now: { fixedDate })
        }
        let ref = try await runtime.createWorker(profile: "default", initialInput: "hello").ref
        _ = try await runtime.transcript(ref, start: 0, limit: 10)
        _ = try await runtime.events(.fromStart(.embedded), limit: 10)
        _ = try await runtime.stop(ref)
        #expect(store.onPool.withLock { $0 } == [])
        // The check itself can fail: here, on the pool, it says so.
        #expect(!BlockingIO.isOffThePool)
    }

    @Test func blockingWorkRunsOffThePool() async {
        #expect(await BlockingIO.run { BlockingIO.isOffThePool })
    }
}
