import Foundation
import Synchronization
import Testing
@testable import Runtime

/// A write failure rolls back, surfaces as `storeUnavailable`, leaves the
/// runtime's memory as it was, and the next write works once the cause is gone.
@Suite("Store write failure")
struct StoreWriteFailureTests {
    @Test func fullDiskRollsBackAndTheNextWriteWorks() async throws {
        let dir = StoreTempDir()
        let store = try FileStore.open(root: dir.root, mode: .owner)
        defer { store.close() }
        let runtime = try WorkerRuntime(workspaceId: "ws-test", store: store, backend: StoreTestBackend(),
                                        now: { StoreFixture.t0 })
        let a = try await runtime.createWorker(profile: "default", initialInput: "hello")
        let recordBefore = try await runtime.worker(a.ref)
        let lastEventBefore = try store.lastEventId()

        try store.limitGrowthForTesting(extraPages: 0)
        let big = String(repeating: "x", count: 200_000)
        do {
            _ = try await runtime.sendInput(a.ref, text: big)
            Issue.record("the write should have failed")
        } catch {
            #expect(error == .storeUnavailable(
                "the disk or the database is full; nothing was saved (saving the change)"))
        }
        #expect(try await runtime.worker(a.ref) == recordBefore)
        #expect(try store.lastEventId() == lastEventBefore)
        #expect(try store.load().workers == [recordBefore])
        #expect(try store.transcript(worker: a.ref.workerId, start: 0, limit: 10).count == 2)

        try store.limitGrowthForTesting(extraPages: nil)
        let receipt = try await runtime.sendInput(a.ref, text: big)
        #expect(receipt.transcriptSequence == 3)
        #expect(try store.transcript(worker: a.ref.workerId, start: 2, limit: 1).map(\.content) == [big])
    }

    @Test func triggerFailureInsideTheTransactionLeavesNothing() async throws {
        let dir = StoreTempDir()
        let store = try FileStore.open(root: dir.root, mode: .owner)
        defer { store.close() }
        let runtime = try WorkerRuntime(workspaceId: "ws-test", store: store, backend: StoreTestBackend(),
                                        now: { StoreFixture.t0 })
        let a = try await runtime.createWorker(profile: "default")
        let before = try store.load()
        try store.executeForTesting("""
            CREATE TRIGGER fail_entries BEFORE INSERT ON transcript
            BEGIN SELECT RAISE(ABORT, 'simulated failure'); END
            """)
        await #expect(throws: RuntimeError.storeUnavailable("the change breaks a store constraint; nothing was saved")) {
            _ = try await runtime.sendInput(a.ref, text: "lost?")
        }
        #expect(try store.load() == before)
        #expect(try await runtime.worker(a.ref) == before.workers[0])

        try store.executeForTesting("DROP TRIGGER fail_entries")
        #expect(try await runtime.sendInput(a.ref, text: "kept").transcriptSequence == 1)
    }
}

/// The typed error keeps a fixed sentence; the underlying cause (SQLite's
/// own code and message) goes to the installed log sink.
@Suite("Store failure cause")
struct StoreFailureCauseTests {
    @Test func theUnderlyingCauseReachesTheLogSink() async throws {
        let lines = Mutex<[String]>([])
        StoreFailureLog.install { line in lines.withLock { $0.append(line) } }
        let dir = StoreTempDir()
        let store = try FileStore.open(root: dir.root, mode: .owner)
        defer { store.close() }
        let runtime = try WorkerRuntime(workspaceId: "ws-test", store: store, backend: StoreTestBackend(), now: { StoreFixture.t0 })
        let a = try await runtime.createWorker(profile: "default", initialInput: "hello")
        try store.limitGrowthForTesting(extraPages: 0)
        _ = try? await runtime.sendInput(a.ref, text: String(repeating: "x", count: 200_000))
        try store.limitGrowthForTesting(extraPages: nil)
        #expect(lines.withLock { $0 }.contains { $0.contains("store failure while") && $0.contains("SQLite error 13") })
    }
}
