import Foundation
import Registry
import Runtime
import Testing
import TestSupport

/// A removal a delete left pending (the directory step failed, or the
/// process died between the two steps) is finished when an owner's source
/// starts, without any operator action.
@Suite(.timeLimit(.minutes(1))) struct PendingRemovalTests {
    @Test func anOwnersSourceFinishesRemovalsLeftPending() async throws {
        let store = MemoryStore()
        let backend = TestBackend()
        backend.set { $0.removal = ToolSetupError("git worktree remove failed") }
        let first = RuntimeRegistry()
        try first.register(try embedded(backend: backend, store: store))
        let worker = try await first.createWorker(runtime: "backend-internal", CreateWorkerRequest(profile: "default"))
        let deleted = try await first.delete(worker.key)
        #expect(!deleted.directoryRemoved)
        #expect(try store.load().pendingRemovals.map(\.ref.workerId.rawValue) == [worker.workerId])

        backend.set { $0.removal = nil }
        let restarted = RuntimeRegistry()
        try restarted.register(try embedded(backend: backend, store: store))
        while try !store.load().pendingRemovals.isEmpty { await Task.yield() }
        #expect(backend.recorded.withLock { $0.removals.count } >= 2)
        #expect(await registryError { _ = try await restarted.worker(worker.key) } == .unknownWorker(runtime: "backend-internal", worker: worker.workerId))
    }
}
