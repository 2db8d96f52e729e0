import Foundation
@testable import Runtime
import Testing
import TestSupport

/// Archive, delete and fork (issue 16): each one transaction, on both stores.
@Suite struct ArchiveTests {
    @Test func archiveAndUnarchiveWriteTheFlagAndOneEventEachAndRepeatingWritesNothing() async throws {
        let store = MemoryStore()
        let runtime = try makeRuntime(store: store)
        let ref = try await runtime.createWorker(profile: "default", initialInput: "hi").ref
        let before = try await runtime.worker(ref)
        let last = try store.lastEventId()

        let archived = try await runtime.setArchived(ref, true)
        #expect(archived.archived && archived.status == .running)
        #expect(archived.transcriptLength == before.transcriptLength && archived.lastActivityAt == before.lastActivityAt)
        #expect(try await runtime.setArchived(ref, true) == archived, "repeating changes nothing")
        let counts = await runtime.summary().counts
        #expect(counts.workers == 0 && counts.active == 0 && counts.archived == 1, "counted apart, as lists show it")
        let unarchived = try await runtime.setArchived(ref, false)
        #expect(!unarchived.archived)
        #expect(await runtime.summary().counts.workers == 1)
        let events = try store.events(from: last + 1, limit: 10)
        #expect(events.map(\.kind) == [.workerArchived, .workerUnarchived])
        #expect(events.map(\.workerRef) == [ref, ref])
        #expect(try store.load().workers.first?.archived == false)
    }

    @Test func stoppedWorkersCanBeArchivedAndAStoppedRuntimeRefuses() async throws {
        let runtime = try makeRuntime()
        let ref = try await runtime.createWorker(profile: "default").ref
        _ = try await runtime.stop(ref)
        #expect(try await runtime.setArchived(ref, true).archived)
        try await runtime.stopRuntime()
        #expect(await runtimeError { _ = try await runtime.setArchived(ref, false) } == .runtimeStopped)
        let missing = WorkerRef(runtimeId: ref.runtimeId, workerId: WorkerId(sequence: 99))
        #expect(await runtimeError { _ = try await runtime.setArchived(missing, true) } == .workerNotFound(missing))
    }
}

@Suite struct DeleteTests {
    @Test func deleteRemovesRowTranscriptEventsAndDiagnosticsInOneTransactionAndKeepsOthers() async throws {
        let store = MemoryStore()
        let backend = TestBackend()
        let runtime = try makeRuntime(store: store, backend: backend)
        let keep = try await runtime.createWorker(profile: "default", initialInput: "keep me").ref
        await backend.replyToLast("kept")
        let gone = try await runtime.createWorker(profile: "default", initialInput: "delete me").ref
        await backend.replyToLast("gone")
        let eventsBefore = try store.events(from: 1, limit: 100)
        #expect(eventsBefore.contains { $0.workerRef == gone })

        let receipt = try await runtime.deleteWorker(gone)
        #expect(receipt.ref == gone && receipt.directoryRemoved)
        #expect(await runtimeError { _ = try await runtime.worker(gone) } == .workerNotFound(gone))
        let after = try store.events(from: 1, limit: 100)
        #expect(after.filter { $0.workerRef == gone }.map(\.kind) == [.workerDeleted], "only the deletion is logged")
        #expect(after.last?.id == receipt.eventId)
        #expect(after.filter { $0.workerRef == keep } == eventsBefore.filter { $0.workerRef == keep })
        #expect(try store.transcript(worker: gone.workerId, start: 0, limit: 10).isEmpty)
        #expect(try store.transcript(worker: keep.workerId, start: 0, limit: 10).count == 2)
        let snapshot = try store.load()
        #expect(snapshot.workers.map(\.ref) == [keep])
        #expect(snapshot.pendingRemovals.isEmpty, "the directory step finished")
        #expect(backend.recorded.withLock { $0.removals.map(\.ref) } == [gone])
        #expect(backend.recorded.withLock { $0.cancels.count } == 1, "its idle execution is released")
        // Ids are never reused.
        #expect(try await runtime.createWorker(profile: "default").ref.workerId == WorkerId(sequence: 3))
    }

    @Test func aRunningTurnRefusesDeleteAndWritesNothing() async throws {
        let turn = try await RunningTurn.start()
        let last = try await turn.runtime.worker(turn.ref).lastEventId
        #expect(await runtimeError { _ = try await turn.runtime.deleteWorker(turn.ref) } == .busy(turn.ref))
        #expect(try await turn.runtime.worker(turn.ref).lastEventId == last)
        await turn.report { .finished($0) }
        #expect(try await turn.runtime.deleteWorker(turn.ref).ref == turn.ref)
    }

    @Test func aFailedRemovalStaysPendingAndIsRetriedUntilItSucceeds() async throws {
        let store = MemoryStore()
        let backend = TestBackend()
        backend.set { $0.removal = ToolSetupError("git worktree remove failed") }
        let runtime = try makeRuntime(store: store, backend: backend)
        let ref = try await runtime.createWorker(profile: "default").ref
        let receipt = try await runtime.deleteWorker(ref)
        #expect(!receipt.directoryRemoved)
        #expect(try store.load().pendingRemovals.map(\.ref) == [ref])
        #expect(await runtime.completePendingRemovals() == [ref])

        // A restart (a new runtime on the same store) still knows, and finishes it.
        backend.set { $0.removal = nil }
        let reopened = try makeRuntime(store: store, backend: backend)
        #expect(await reopened.completePendingRemovals() == [])
        #expect(try store.load().pendingRemovals.isEmpty)
        #expect(backend.recorded.withLock { $0.removals.map(\.ref) } == [ref, ref, ref])
    }

    @Test func stoppedWorkersCanBeDeletedAndUnknownOnesAreRefused() async throws {
        let runtime = try makeRuntime()
        let ref = try await runtime.createWorker(profile: "default").ref
        let watched = await runtime.observeAll()
        _ = try await runtime.stop(ref)
        _ = try await runtime.deleteWorker(ref)
        #expect(await runtimeError { _ = try await runtime.deleteWorker(ref) } == .workerNotFound(ref))
        for await item in watched where item.event == .workerDeleted {
            #expect(item.ref == ref, "watchers hear of the deletion")
            break
        }
    }
}

@Suite struct ForkTests {
    @Test func forkCopiesEntriesUpToNIntoANewWorkerSeededWithThemAndLeavesTheParent() async throws {
        let store = MemoryStore()
        let backend = TestBackend()
        let runtime = try makeRuntime(store: store, backend: backend)
        let parent = try await runtime.createWorker(profile: "default", label: "main", initialInput: "one").ref
        await backend.replyToLast("two")
        _ = try await runtime.sendInput(parent, text: "three")
        await backend.replyToLast("four")
        let parentBefore = try await runtime.worker(parent)

        let fork = try await runtime.fork(parent, at: 2, label: "branch")
        #expect(fork.ref.workerId == WorkerId(sequence: 2))
        #expect(fork.label == "branch" && fork.profile == "default")
        #expect(fork.parent == WorkerParent(workerId: parent.workerId, entry: 2))
        #expect(fork.transcriptLength == 2)
        #expect(fork.execution.backend == .connected && fork.execution.runState == .idle, "reconnected, idle")
        #expect(try await contents(runtime, fork.ref) == ["user/message: one", "assistant/message: two"])
        let seeded = backend.recorded.withLock { $0.spawns.last! }
        #expect(seeded.ref == fork.ref && seeded.history.map(\.content) == ["one", "two"])
        #expect(try await runtime.worker(parent) == parentBefore, "the parent is untouched")
        let kinds = try store.events(from: 1, limit: 100).filter { $0.workerRef == fork.ref }.map(\.kind)
        #expect(kinds == [.workerForked, .workerReconnected])

        let whole = try await runtime.fork(parent)
        #expect(whole.transcriptLength == 4 && whole.parent?.entry == 4 && whole.label == "main (fork)")
        let long = String(repeating: "x", count: WorkerLabel.maxLength)
        let named = try await runtime.createWorker(profile: "default", label: long, initialInput: "one").ref
        #expect(try await runtime.fork(named).label == String(repeating: "x", count: WorkerLabel.maxLength - 7) + " (fork)")
    }

    @Test func anEntryOutsideTheTranscriptIsRefusedAndMintsNothing() async throws {
        let runtime = try makeRuntime()
        let ref = try await runtime.createWorker(profile: "default", initialInput: "one").ref
        #expect(await runtimeError { _ = try await runtime.fork(ref, at: 0) } == .invalidRequest("entry must be 1-1 (worker-00000001 has 1)"))
        #expect(await runtimeError { _ = try await runtime.fork(ref, at: 2) } == .invalidRequest("entry must be 1-1 (worker-00000001 has 1)"))
        let empty = try await runtime.createWorker(profile: "default").ref
        #expect(await runtimeError { _ = try await runtime.fork(empty, at: 1) } == .invalidRequest("worker-00000002 has no entries to fork at"))
        #expect(try await runtime.fork(empty).transcriptLength == 0)
    }

    @Test func withoutABackendTheForkStandsUnconnected() async throws {
        let store = MemoryStore()
        let owner = try makeRuntime(store: store)
        let ref = try await owner.createWorker(profile: "default", initialInput: "one").ref
        let runtime = try makeRuntime(store: store, backend: nil)
        let parentLength = try await runtime.worker(ref).transcriptLength
        let fork = try await runtime.fork(ref)
        #expect(fork.execution.backend == .unconnected && fork.status == .running)
        #expect(fork.transcriptLength == parentLength && parentLength >= 1)
    }
}

/// The same through SQLite: everything survives a reopen; an observer refuses.
@Suite("Archive, delete and fork on the file store", .serialized)
struct FileStoreFleetTests {
    @Test func archivedParentAndDeletionSurviveReopening() async throws {
        let dir = StoreTempDir()
        let (kept, forked, deleted): (WorkerRef, WorkerRef, WorkerRef)
        do {
            let store = try FileStore.open(root: dir.root, mode: .owner)
            defer { store.close() }
            let backend = TestBackend()
            let runtime = try makeRuntime(store: store, backend: backend)
            kept = try await runtime.createWorker(profile: "default", initialInput: "one").ref
            await backend.replyToLast("two")
            try await runtime.setArchived(kept, true)
            forked = try await runtime.fork(kept, at: 1).ref
            deleted = try await runtime.createWorker(profile: "default", initialInput: "bye").ref
            await backend.replyToLast("gone")
            _ = try await runtime.deleteWorker(deleted)
        }
        let store = try FileStore.open(root: dir.root, mode: .owner)
        defer { store.close() }
        let reopened = try makeRuntime(store: store)
        #expect(try await reopened.worker(kept).archived)
        #expect(try await reopened.worker(forked).parent == WorkerParent(workerId: kept.workerId, entry: 1))
        #expect(try await contents(reopened, forked) == ["user/message: one"])
        #expect(await runtimeError { _ = try await reopened.worker(deleted) } == .workerNotFound(deleted))
        #expect(try store.transcript(worker: deleted.workerId, start: 0, limit: 10).isEmpty)
        #expect(try store.events(from: 1, limit: 100).filter { $0.workerRef == deleted }.map(\.kind) == [.workerDeleted])
        #expect(try store.load().pendingRemovals.isEmpty)
    }

    @Test func aPendingRemovalSurvivesReopeningAndAnObserverRefusesEverything() async throws {
        let dir = StoreTempDir()
        let backend = TestBackend()
        backend.set { $0.removal = ToolSetupError("busy") }
        let owner = try FileStore.open(root: dir.root, mode: .owner)
        defer { owner.close() }
        let runtime = try makeRuntime(store: owner, backend: backend)
        let ref = try await runtime.createWorker(profile: "default").ref
        let other = try await runtime.createWorker(profile: "default", initialInput: "x").ref
        _ = try await runtime.deleteWorker(ref)
        #expect(try owner.load().pendingRemovals.map(\.ref) == [ref])

        let observerStore = try FileStore.open(root: dir.root)
        defer { observerStore.close() }
        let observer = try WorkerRuntime(workspaceId: "observe", store: observerStore, backend: nil)
        #expect(await runtimeError { _ = try await observer.setArchived(other, true) } == .readOnly)
        #expect(await runtimeError { _ = try await observer.deleteWorker(other) } == .readOnly)
        #expect(await runtimeError { _ = try await observer.fork(other) } == .readOnly)
        #expect(await observer.completePendingRemovals() == [ref])
    }
}
