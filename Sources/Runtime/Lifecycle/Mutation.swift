import Foundation

/// The changes of one runtime mutation, built against the actor's current
/// state and applied to it only after the store committed them.
struct Mutation {
    private(set) var state: RuntimeState
    private(set) var touched: [WorkerId: WorkerRecord] = [:]
    private(set) var events: [RuntimeEvent] = []
    private(set) var entries: [(WorkerRef, TranscriptEntry)] = []
    private(set) var bundles: [ConfigBundle] = []
    private(set) var addedDiagnostics: [RuntimeDiagnostic] = []
    private(set) var removedDiagnostics: [(code: String, worker: WorkerId?)] = []
    private(set) var deleted: [WorkerRef] = []
    private(set) var removalsAdded: [PendingRemoval] = []
    private(set) var removalsDone: [WorkerId] = []
    let now: Date

    init(state: RuntimeState, now: Date) {
        self.state = state
        self.now = now
    }

    /// The worker as this mutation sees it: touched copy first, else `base`.
    func record(_ id: WorkerId, base: [WorkerId: WorkerRecord]) -> WorkerRecord? {
        touched[id] ?? base[id]
    }

    mutating func put(_ record: WorkerRecord) {
        var record = record
        record.updatedAt = now
        touched[record.ref.workerId] = record
    }

    mutating func setStatus(_ status: RuntimeStatus) {
        state.status = status
    }

    /// Appends an event; a worker it names must already be `put` in this
    /// mutation, and its `lastEventId` follows.
    @discardableResult
    mutating func addEvent(_ kind: RuntimeEventKind, worker: WorkerRef?, message: String) -> Int64 {
        let id = state.nextEventId
        state.nextEventId += 1
        events.append(RuntimeEvent(id: id, workerRef: worker, kind: kind, message: message, createdAt: now))
        if let worker, var record = touched[worker.workerId] {
            record.lastEventId = id
            touched[worker.workerId] = record
        }
        return id
    }

    /// Appends a transcript entry to a worker already `put` in this mutation.
    @discardableResult
    mutating func addEntry(to worker: WorkerId, role: TranscriptRole, kind: TranscriptKind,
                           content: String, eventId: Int64, usage: TokenUsage? = nil,
                           interrupted: Bool = false) -> TranscriptEntry {
        guard var record = touched[worker] else {
            preconditionFailure("put the worker before adding entries to it")
        }
        let entry = TranscriptEntry(
            sequence: record.transcriptLength + 1, role: role, kind: kind,
            content: content, eventId: eventId, createdAt: now, usage: usage, interrupted: interrupted
        )
        record.transcriptLength += 1
        record.lastActivityAt = now
        touched[worker] = record
        entries.append((record.ref, entry))
        return entry
    }

    /// Copies another worker's entry (a fork) to a worker already `put`:
    /// its role, kind, content, time, usage and interrupted flag kept, its
    /// sequence the next one, its event this mutation's.
    mutating func copyEntry(_ entry: TranscriptEntry, to worker: WorkerId, eventId: Int64) {
        guard var record = touched[worker] else {
            preconditionFailure("put the worker before adding entries to it")
        }
        var copy = entry
        copy.sequence = record.transcriptLength + 1
        copy.eventId = eventId
        record.transcriptLength += 1
        touched[worker] = record
        entries.append((record.ref, copy))
    }

    /// Deletes a worker (never `put` in this mutation) and records that its
    /// directory is still to be removed.
    mutating func delete(_ ref: WorkerRef, removal: PendingRemoval) {
        precondition(touched[ref.workerId] == nil, "a deleted worker is not also written")
        deleted.append(ref)
        removalsAdded.append(removal)
    }

    mutating func finishRemoval(_ worker: WorkerId) {
        removalsDone.append(worker)
    }

    mutating func addBundle(_ bundle: ConfigBundle) {
        bundles.append(bundle)
    }

    mutating func addDiagnostic(_ severity: DiagnosticSeverity, code: String, message: String, worker: WorkerRef?) {
        let id = state.nextDiagnosticId
        state.nextDiagnosticId += 1
        addedDiagnostics.append(RuntimeDiagnostic(id: id, severity: severity, code: code, message: message, workerRef: worker))
    }

    mutating func removeDiagnostics(code: String, worker: WorkerId?) {
        removedDiagnostics.append((code, worker))
        addedDiagnostics.removeAll { $0.code == code && $0.workerRef?.workerId == worker }
    }

    var isEmpty: Bool {
        touched.isEmpty && events.isEmpty && entries.isEmpty && bundles.isEmpty
            && addedDiagnostics.isEmpty && removedDiagnostics.isEmpty
            && deleted.isEmpty && removalsAdded.isEmpty && removalsDone.isEmpty
    }

    /// The store transaction, ordered so rows exist before what refers to them.
    func transaction(_ durability: StoreTransaction.Durability) -> StoreTransaction {
        var changes: [StoreChange] = [.state(state)]
        changes += bundles.map { .bundle($0) }
        // Deletions before the events, so the `worker_deleted` event stays.
        changes += deleted.map { .deleteWorker($0.workerId) }
        changes += removalsAdded.map { .addPendingRemoval($0) }
        changes += touched.values.sorted { $0.ref.workerId < $1.ref.workerId }.map { .worker($0) }
        changes += events.map { .event($0) }
        changes += entries.map { .transcript($0.0.workerId, $0.1) }
        changes += removedDiagnostics.map { .removeDiagnostics(code: $0.code, worker: $0.worker) }
        changes += addedDiagnostics.map { .diagnostic($0) }
        changes += removalsDone.map { .removePendingRemoval($0) }
        return StoreTransaction(changes, durability: durability)
    }
}
