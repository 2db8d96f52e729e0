import Foundation
import Synchronization

/// A store that keeps everything in memory: for tests and `--ephemeral`.
/// Nothing touches disk. Sharing one instance between two runtimes, one
/// after the other, simulates a restart.
public final class MemoryStore: RuntimeStore {
    fileprivate struct Contents {
        var state: RuntimeState?
        var workers: [WorkerId: WorkerRecord] = [:]
        var bundles: [String: ConfigBundle] = [:]
        var diagnostics: [RuntimeDiagnostic] = []
        var events: [RuntimeEvent] = []
        var transcripts: [WorkerId: [TranscriptEntry]] = [:]
        var pendingRemovals: [WorkerId: PendingRemoval] = [:]
    }

    private let contents = Mutex(Contents())

    public init() {}

    public var kind: StoreKind { .memory }
    public var access: StoreAccess { .owner }

    public func load() throws(RuntimeError) -> StoreSnapshot {
        contents.withLock { c in
            StoreSnapshot(
                state: c.state,
                workers: c.workers.values.sorted { $0.ref.workerId < $1.ref.workerId },
                bundles: c.bundles.values.sorted { $0.metadata.id < $1.metadata.id },
                diagnostics: c.diagnostics,
                pendingRemovals: c.pendingRemovals.values.sorted { $0.ref.workerId < $1.ref.workerId }
            )
        }
    }

    public func commit(_ transaction: StoreTransaction) throws(RuntimeError) {
        try contents.withLock { (c: inout Contents) throws(RuntimeError) in
            // Apply to a copy, so a rejected change leaves nothing behind.
            var next = c
            for change in transaction.changes {
                switch change {
                case let .state(state):
                    next.state = state
                case let .worker(record):
                    next.workers[record.ref.workerId] = record
                case let .event(event):
                    if let last = next.events.last, event.id <= last.id {
                        throw .storeUnavailable("event id \(event.id) is not after \(last.id)")
                    }
                    next.events.append(event)
                case let .transcript(worker, entry):
                    guard next.workers[worker] != nil else {
                        throw .storeUnavailable("transcript entry for an unknown worker")
                    }
                    let count = next.transcripts[worker]?.count ?? 0
                    guard entry.sequence == count + 1 else {
                        throw .storeUnavailable("transcript sequence \(entry.sequence) does not follow \(count)")
                    }
                    next.transcripts[worker, default: []].append(entry)
                case let .bundle(bundle):
                    next.bundles[bundle.metadata.id] = bundle
                case let .diagnostic(diagnostic):
                    next.diagnostics.append(diagnostic)
                case let .removeDiagnostics(code, worker):
                    next.diagnostics.removeAll { $0.code == code && $0.workerRef?.workerId == worker }
                case let .deleteWorker(worker):
                    next.workers[worker] = nil
                    next.transcripts[worker] = nil
                    next.events.removeAll { $0.workerRef?.workerId == worker }
                    next.diagnostics.removeAll { $0.workerRef?.workerId == worker }
                case let .addPendingRemoval(removal):
                    next.pendingRemovals[removal.ref.workerId] = removal
                case let .removePendingRemoval(worker):
                    next.pendingRemovals[worker] = nil
                }
            }
            c = next
        }
    }

    public func transcript(worker: WorkerId, start: Int, limit: Int) throws(RuntimeError) -> [TranscriptEntry] {
        contents.withLock { c in
            let all = c.transcripts[worker] ?? []
            guard start < all.count, limit > 0 else { return [] }
            return Array(all[max(0, start)..<min(all.count, start + limit)])
        }
    }

    public func events(from: Int64, limit: Int) throws(RuntimeError) -> [RuntimeEvent] {
        contents.withLock { c in
            // Ids are ascending; binary search for the first id ≥ from.
            var low = 0, high = c.events.count
            while low < high {
                let mid = (low + high) / 2
                if c.events[mid].id < from { low = mid + 1 } else { high = mid }
            }
            return Array(c.events[low..<min(c.events.count, low + max(0, limit))])
        }
    }

    public func lastEventId() throws(RuntimeError) -> Int64 {
        contents.withLock { $0.events.last?.id ?? 0 }
    }

    /// Read access for extensions in this file (search).
    fileprivate func withContents<T>(_ body: (Contents) -> T) -> T {
        contents.withLock { body($0) }
    }
}

extension MemoryStore: SearchableStore {
    /// A scan of every transcript: fine for tests and `--ephemeral`, where
    /// transcripts are small. Newest first by the entry's event id (ids grow
    /// with every commit), the order FileStore's rowid gives.
    public func search(_ query: SearchQuery, limit: Int) throws(RuntimeError) -> [TranscriptMatch] {
        guard limit > 0 else { return [] }
        return withContents { c in
            var found: [(eventId: Int64, match: TranscriptMatch)] = []
            for (worker, entries) in c.transcripts {
                guard let ref = c.workers[worker]?.ref else { continue }
                for entry in entries where query.matches(entry.content) {
                    found.append((entry.eventId, TranscriptMatch(
                        ref: ref, sequence: entry.sequence, role: entry.role, kind: entry.kind,
                        snippet: query.snippet(of: entry.content), createdAt: entry.createdAt)))
                }
            }
            return found.sorted {
                ($0.eventId, $0.match.sequence, $0.match.ref.workerId) > ($1.eventId, $1.match.sequence, $1.match.ref.workerId)
            }.prefix(limit).map(\.match)
        }
    }
}
