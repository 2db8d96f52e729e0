import Foundation
import Runtime
import Testing
import TestSupport

/// Renaming: one transaction (the row and `worker_renamed`), the label
/// cleaned like create's, display only.
@Suite struct RenameTests {
    @Test func renameWritesTheLabelAndOneEventAndNothingElse() async throws {
        let store = MemoryStore()
        let runtime = try makeRuntime(store: store)
        let ref = try await runtime.createWorker(profile: "default", label: "old", initialInput: "hi").ref
        let before = try await runtime.worker(ref)
        let lastEvent = try store.lastEventId()

        let renamed = try await runtime.rename(ref, label: "  \u{1B}[31mbuild/er\u{202E}s \\ fix  ")
        #expect(renamed.label == "[31mbuilders  fix")
        let events = try store.events(from: lastEvent + 1, limit: 10)
        #expect(events.map(\.kind) == [.workerRenamed])
        #expect(events.map(\.workerRef) == [ref])
        #expect(renamed.lastEventId == events.first?.id)
        #expect(renamed.transcriptLength == before.transcriptLength)
        #expect(renamed.lastActivityAt == before.lastActivityAt, "a rename is not activity")
        #expect(renamed.status == .running)
        #expect(try await runtime.worker(ref).label == "[31mbuilders  fix")
    }

    @Test func stoppedAndCancelledWorkersCanBeRenamed() async throws {
        let runtime = try makeRuntime()
        let stopped = try await runtime.createWorker(profile: "default").ref
        let cancelled = try await runtime.createWorker(profile: "default").ref
        _ = try await runtime.stop(stopped)
        _ = try await runtime.cancel(cancelled)
        #expect(try await runtime.rename(stopped, label: "done").label == "done")
        #expect(try await runtime.rename(cancelled, label: "dropped").label == "dropped")
        #expect(try await runtime.worker(stopped).status == .stopped)
        #expect(try await runtime.worker(cancelled).status == .cancelled)
    }

    @Test func aLabelBlankOrTooLongAfterCleaningIsRefusedAndWritesNothing() async throws {
        let store = MemoryStore()
        let runtime = try makeRuntime(store: store)
        let ref = try await runtime.createWorker(profile: "default", label: "keep").ref
        let lastEvent = try store.lastEventId()
        let refusal = RuntimeError.invalidRequest("label must be 1-80 visible characters")
        for label in ["", "   ", "/\\/", "\u{200B}\u{1B}\u{7}", String(repeating: "x", count: 81)] {
            #expect(await runtimeError { _ = try await runtime.rename(ref, label: label) } == refusal, "\(label.debugDescription)")
        }
        #expect(try await runtime.rename(ref, label: String(repeating: "y", count: 80)).label?.count == 80)
        #expect(try store.events(from: lastEvent + 1, limit: 10).map(\.kind) == [.workerRenamed])
    }

    @Test func anUnknownWorkerOrAnotherRuntimeIsRefused() async throws {
        let runtime = try makeRuntime()
        let ref = try await runtime.createWorker(profile: "default").ref
        let missing = WorkerRef(runtimeId: ref.runtimeId, workerId: WorkerId(sequence: 99))
        #expect(await runtimeError { _ = try await runtime.rename(missing, label: "x") } == .workerNotFound(missing))
        let other = RuntimeId("elsewhere")
        let foreign = WorkerRef(runtimeId: other, workerId: ref.workerId)
        #expect(await runtimeError { _ = try await runtime.rename(foreign, label: "x") }
            == .wrongRuntime(expected: ref.runtimeId, got: other))
    }

    @Test func aStoppedRuntimeRefusesRename() async throws {
        let runtime = try makeRuntime()
        let ref = try await runtime.createWorker(profile: "default").ref
        try await runtime.stopRuntime()
        #expect(await runtimeError { _ = try await runtime.rename(ref, label: "x") } == .runtimeStopped)
    }
}

/// The same through SQLite: the label survives a reopen, and an observer
/// (read-only store) refuses.
@Suite("Rename on the file store", .serialized)
struct FileStoreRenameTests {
    @Test func theLabelSurvivesReopeningTheStore() async throws {
        let dir = StoreTempDir()
        let ref: WorkerRef
        do {
            let store = try FileStore.open(root: dir.root, mode: .owner)
            defer { store.close() }
            let runtime = try makeRuntime(store: store)
            ref = try await runtime.createWorker(profile: "default", label: "first").ref
            try await runtime.rename(ref, label: "second")
        }
        let store = try FileStore.open(root: dir.root, mode: .owner)
        defer { store.close() }
        let reopened = try makeRuntime(store: store)
        #expect(try await reopened.worker(ref).label == "second")
        let kinds = try store.events(from: 1, limit: 100).filter { $0.workerRef == ref }.map(\.kind)
        #expect(kinds.prefix(2) == [.workerCreated, .workerRenamed])
    }

    @Test func aReadOnlyStoreRefusesRename() async throws {
        let dir = StoreTempDir()
        let owner = try FileStore.open(root: dir.root, mode: .owner)
        defer { owner.close() }
        let ref = try await makeRuntime(store: owner).createWorker(profile: "default", label: "mine").ref
        let observerStore = try FileStore.open(root: dir.root)
        defer { observerStore.close() }
        let observer = try WorkerRuntime(workspaceId: "observe", store: observerStore, backend: nil)
        #expect(await runtimeError { _ = try await observer.rename(ref, label: "theirs") } == .readOnly)
        #expect(try await observer.worker(ref).label == "mine")
    }
}
