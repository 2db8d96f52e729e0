import Foundation
import Runtime
import Synchronization
import Testing

let fixedDate = Date(timeIntervalSince1970: 1_800_000_000)

/// A store whose commits can be made to fail, to test rollback.
final class FailingStore: RuntimeStore {
    let inner: any RuntimeStore
    let failing = Mutex(false)

    init(_ inner: any RuntimeStore) { self.inner = inner }

    var kind: StoreKind { inner.kind }
    var access: StoreAccess { inner.access }
    func load() throws(RuntimeError) -> StoreSnapshot { try inner.load() }
    func commit(_ transaction: StoreTransaction) throws(RuntimeError) {
        if failing.withLock({ $0 }) { throw .storeUnavailable("disk full") }
        try inner.commit(transaction)
    }
    func transcript(worker: WorkerId, start: Int, limit: Int) throws(RuntimeError) -> [TranscriptEntry] {
        try inner.transcript(worker: worker, start: start, limit: limit)
    }
    func events(from: Int64, limit: Int) throws(RuntimeError) -> [RuntimeEvent] { try inner.events(from: from, limit: limit) }
    func lastEventId() throws(RuntimeError) -> Int64 { try inner.lastEventId() }
}

/// A memory store that answers as a read-only observer would.
final class ReadOnlyStore: RuntimeStore {
    let inner: MemoryStore
    init(_ inner: MemoryStore) { self.inner = inner }
    var kind: StoreKind { .memory }
    var access: StoreAccess { .readOnly(owner: "pid 1") }
    func load() throws(RuntimeError) -> StoreSnapshot { try inner.load() }
    func commit(_ transaction: StoreTransaction) throws(RuntimeError) {
        throw .storeUnavailable("read-only: owned by another console")
    }
    func transcript(worker: WorkerId, start: Int, limit: Int) throws(RuntimeError) -> [TranscriptEntry] {
        try inner.transcript(worker: worker, start: start, limit: limit)
    }
    func events(from: Int64, limit: Int) throws(RuntimeError) -> [RuntimeEvent] { try inner.events(from: from, limit: limit) }
    func lastEventId() throws(RuntimeError) -> Int64 { try inner.lastEventId() }
}

/// A runtime over `store` with a fixed clock.
func makeRuntime(
    id: RuntimeId = .embedded, store: any RuntimeStore = MemoryStore(), backend: TestBackend? = TestBackend(),
    limits: RuntimeLimits = RuntimeLimits()
) throws -> WorkerRuntime {
    try WorkerRuntime(id: id, workspaceId: "proj-0123456789ab", store: store, backend: backend,
                      limits: limits, now: { fixedDate })
}

/// Runs `body` and returns the typed runtime error it threw, or nil.
/// (Any other error type is recorded as a test issue.)
func runtimeError(_ body: () async throws -> Void) async -> RuntimeError? {
    do {
        try await body()
        return nil
    } catch let error as RuntimeError {
        return error
    } catch {
        Issue.record("expected a RuntimeError, got \(error)")
        return nil
    }
}

func contents(_ runtime: WorkerRuntime, _ ref: WorkerRef) async throws -> [String] {
    let total = try await runtime.worker(ref).transcriptLength
    guard total > 0 else { return [] }
    return try await runtime.transcript(ref, start: 0, limit: min(total, 256)).items.map {
        "\($0.role.rawValue)/\($0.kind.rawValue): \($0.content)"
    }
}
