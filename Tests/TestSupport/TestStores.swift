import Foundation
import Runtime
import Synchronization

public let fixedDate = Date(timeIntervalSince1970: 1_800_000_000)

/// A store whose commits can be made to fail, to test rollback.
public final class FailingStore: RuntimeStore {
    public let inner: any RuntimeStore
    public let failing = Mutex(false)

    public init(_ inner: any RuntimeStore) { self.inner = inner }

    public var kind: StoreKind { inner.kind }
    public var access: StoreAccess { inner.access }
    public func load() throws(RuntimeError) -> StoreSnapshot { try inner.load() }
    public func commit(_ transaction: StoreTransaction) throws(RuntimeError) {
        if failing.withLock({ $0 }) { throw .storeUnavailable("disk full") }
        try inner.commit(transaction)
    }
    public func transcript(worker: WorkerId, start: Int, limit: Int) throws(RuntimeError) -> [TranscriptEntry] {
        try inner.transcript(worker: worker, start: start, limit: limit)
    }
    public func events(from: Int64, limit: Int) throws(RuntimeError) -> [RuntimeEvent] { try inner.events(from: from, limit: limit) }
    public func lastEventId() throws(RuntimeError) -> Int64 { try inner.lastEventId() }
}

/// A memory store that answers as a read-only observer would.
public final class ReadOnlyStore: RuntimeStore {
    public let inner: MemoryStore
    public init(_ inner: MemoryStore) { self.inner = inner }
    public var kind: StoreKind { .memory }
    public var access: StoreAccess { .readOnly(owner: "pid 1") }
    public func load() throws(RuntimeError) -> StoreSnapshot { try inner.load() }
    public func commit(_ transaction: StoreTransaction) throws(RuntimeError) {
        throw .readOnly
    }
    public func transcript(worker: WorkerId, start: Int, limit: Int) throws(RuntimeError) -> [TranscriptEntry] {
        try inner.transcript(worker: worker, start: start, limit: limit)
    }
    public func events(from: Int64, limit: Int) throws(RuntimeError) -> [RuntimeEvent] { try inner.events(from: from, limit: limit) }
    public func lastEventId() throws(RuntimeError) -> Int64 { try inner.lastEventId() }
}

