import Foundation
import Testing
@testable import Runtime

/// R2: one owner, many observers.
@Suite("Store observers", .serialized)
struct ObserverTests {
    typealias F = StoreFixture
    static let readOnly = RuntimeError.readOnly

    @Test func secondOpenerInTheSameProcessIsReadOnly() throws {
        let dir = StoreTempDir()
        let owner = try FileStore.open(root: dir.root, mode: .owner)
        defer { owner.close() }
        try F.seed(owner, entries: 3)
        let observer = try FileStore.open(root: dir.root)
        defer { observer.close() }
        #expect(observer.access == .readOnly(owner: "pid \(getpid())"))
        #expect(throws: Self.readOnly) { try observer.commit(StoreTransaction([.event(F.event(2))])) }
        #expect(throws: RuntimeError.storeUnavailable("owned by another console")) {
            _ = try FileStore.open(root: dir.root, mode: .owner)
        }
        #expect(try observer.load() == owner.load())
        try owner.commit(StoreTransaction([.event(F.event(2))]))
        #expect(try observer.lastEventId() == 2, "an observer reads the owner's newest commit")
    }

    @Test func observerOfAnotherProcessRefreshesRejectsMutationsAndTakesOver() async throws {
        let dir = StoreTempDir()
        let child = try StoreChildProcess(["own", dir.root.path])
        let ready = try #require(await child.readLine()).split(separator: " ").map(String.init)
        #expect(ready.first == "ready")
        let ref = WorkerRef(runtimeId: .embedded, workerId: try #require(WorkerId(rawValue: ready[2])))

        let store = try FileStore.open(root: dir.root)
        #expect(store.access == .readOnly(owner: "pid \(child.pid)"))
        let runtime = try WorkerRuntime(workspaceId: "observe", store: store, backend: nil)
        #expect(await runtime.summary().readOnly)
        #expect(await runtime.allDiagnostics().map(\.code) == [DiagnosticCode.storeReadOnly])
        await #expect(throws: Self.readOnly) { _ = try await runtime.createWorker(profile: "default") }
        await #expect(throws: Self.readOnly) { _ = try await runtime.stop(ref) }
        #expect(throws: Self.readOnly) { try store.commit(StoreTransaction([.event(F.event(99))])) }
        let lastBefore = try store.lastEventId()

        child.send("input hello from the owner")
        #expect(await child.readLine() == "ack 1")
        #expect(try await runtime.refreshFromStore())
        #expect(try await runtime.transcript(ref, start: 0, limit: 10).items.map(\.content)
            == ["hello from the owner", "reply to hello from the owner"])
        let fresh = try await runtime.events(EventCursor(runtimeId: .embedded, nextEventId: lastBefore + 1), limit: 10)
        #expect(fresh.events.map(\.kind) == [.workerInputAccepted, .workerTurnCompleted])
        #expect(try await runtime.refreshFromStore() == false, "nothing new")

        // A refused takeover reaches the operator (`:takeover`): no pid.
        #expect(throws: RuntimeError.storeUnavailable("owned by another console")) {
            _ = try store.takeover()
        }
        child.send("exit")
        child.process.waitUntilExit()
        #expect(child.process.terminationStatus == 0)

        let owner = try store.takeover()
        store.close()
        defer { owner.close() }
        #expect(owner.access == .owner)
        let restored = try WorkerRuntime(workspaceId: "observe", store: owner, backend: StoreTestBackend())
        let record = try await restored.worker(ref)
        #expect(record.execution.backend == .stale)
        #expect(record.transcriptLength == 2)
        _ = try await restored.reconnect(ref)
        #expect(try await restored.sendInput(ref, text: "taken over").transcriptSequence == 3)
    }
}
