import Foundation
import Registry
import Runtime
import Testing
import TestSupport

/// Live updates keep flowing to a console after its runtime is replaced:
/// by a takeover inside the embedded source (the bug where the console
/// stayed subscribed to the runtime it replaced), or by a new source in
/// the registry (an attached client becoming the owner).
@Suite struct LiveFanInTests {
    /// The first worker-changed update, or nil when none comes (bounded, so
    /// a regression fails instead of hanging the suite).
    static func firstCreated(_ updates: AsyncStream<LiveUpdate>) async -> WorkerSummary? {
        let box = UncheckedStream(updates)
        return await withTaskGroup(of: WorkerSummary?.self) { group in
            group.addTask {
                for await update in box.stream {
                    if case let .workerChanged(summary) = update { return summary }
                }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(10))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    /// AsyncStream is Sendable when its element is; this only names it for the group.
    struct UncheckedStream: Sendable {
        let stream: AsyncStream<LiveUpdate>
        init(_ stream: AsyncStream<LiveUpdate>) { self.stream = stream }
    }

    @Test func updatesFlowAfterATakeover() async throws {
        let shared = MemoryStore()
        let backend = TestBackend()
        let observer = try WorkerRuntime(workspaceId: "ws-0123456789ab", store: ReadOnlyStore(shared), backend: backend,
                                         now: { fixedDate })
        let source = EmbeddedSource(runtime: observer, takeover: { () async throws(RuntimeError) -> WorkerRuntime in
            try WorkerRuntime(workspaceId: "ws-0123456789ab", store: shared, backend: backend, now: { fixedDate })
        })
        let registry = RuntimeRegistry()
        try registry.register(source)
        let updates = await registry.observeAll()

        try await registry.takeover(runtime: "backend-internal")
        let created = try await registry.createWorker(runtime: "backend-internal", CreateWorkerRequest(profile: "scripted"))
        let seen = await Self.firstCreated(updates)
        #expect(seen?.workerId == created.workerId)
    }

    @Test func updatesFollowAReplacedSource() async throws {
        let registry = RuntimeRegistry()
        try registry.register(try embedded())
        let updates = await registry.observeAll()

        let old = try await registry.replace(try embedded(backend: TestBackend()))
        _ = await old.close()
        let created = try await registry.createWorker(runtime: "backend-internal", CreateWorkerRequest(profile: "scripted"))
        let seen = await Self.firstCreated(updates)
        #expect(seen?.workerId == created.workerId)
    }

    @Test func replacingAnUnknownRuntimeIsRefused() async throws {
        let registry = RuntimeRegistry()
        let refused = await registryError { try await registry.replace(try embedded()) }
        #expect(refused == .unknownRuntime("backend-internal"))
    }
}
