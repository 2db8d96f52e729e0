import Foundation

/// The runtime's counters and status, persisted with every mutation that
/// changes them.
public struct RuntimeState: Hashable, Sendable, Codable {
    public var runtimeId: RuntimeId
    public var status: RuntimeStatus
    /// The next worker sequence to mint; never decreases, so ids are never reused.
    public var nextWorkerSequence: UInt32
    public var nextEventId: Int64
    public var nextDiagnosticId: Int64

    public init(runtimeId: RuntimeId, status: RuntimeStatus = .running, nextWorkerSequence: UInt32 = 1,
                nextEventId: Int64 = 1, nextDiagnosticId: Int64 = 1) {
        self.runtimeId = runtimeId
        self.status = status
        self.nextWorkerSequence = nextWorkerSequence
        self.nextEventId = nextEventId
        self.nextDiagnosticId = nextDiagnosticId
    }
}

/// What a restore reads: everything but transcripts and events, which are
/// read page by page on demand.
public struct StoreSnapshot: Sendable, Equatable {
    /// Nil for a store that was never written.
    public var state: RuntimeState?
    public var workers: [WorkerRecord]
    public var bundles: [ConfigBundle]
    public var diagnostics: [RuntimeDiagnostic]
    /// Deleted workers whose directory is still to be removed.
    public var pendingRemovals: [PendingRemoval]

    public init(state: RuntimeState?, workers: [WorkerRecord], bundles: [ConfigBundle], diagnostics: [RuntimeDiagnostic],
                pendingRemovals: [PendingRemoval] = []) {
        self.pendingRemovals = pendingRemovals
        self.state = state
        self.workers = workers
        self.bundles = bundles
        self.diagnostics = diagnostics
    }

    public static let empty = StoreSnapshot(state: nil, workers: [], bundles: [], diagnostics: [])
}

/// One change inside a transaction.
public enum StoreChange: Sendable, Equatable {
    case state(RuntimeState)
    /// Insert or replace the worker's catalog row.
    case worker(WorkerRecord)
    case event(RuntimeEvent)
    case transcript(WorkerId, TranscriptEntry)
    case bundle(ConfigBundle)
    case diagnostic(RuntimeDiagnostic)
    /// Removes diagnostics with this code for this worker (nil: runtime-wide ones).
    case removeDiagnostics(code: String, worker: WorkerId?)
    /// Removes the worker's row, transcript, events, pending approval and
    /// diagnostics (a delete; the ids stay used).
    case deleteWorker(WorkerId)
    /// Records that a deleted worker's directory is still to be removed.
    case addPendingRemoval(PendingRemoval)
    /// The directory is removed: drops the marker.
    case removePendingRemoval(WorkerId)
}

/// All the changes of one runtime mutation, applied atomically: a crash at
/// any instant leaves all of them or none.
public struct StoreTransaction: Sendable, Equatable {
    public enum Durability: Sendable, Equatable {
        /// The commit acknowledges an operator action: it must be on disk
        /// before `commit` returns (SQLite `synchronous = FULL`).
        case acknowledged
        /// Bookkeeping that may be lost in a power cut but never torn.
        case relaxed
    }

    public var changes: [StoreChange]
    public var durability: Durability

    public init(_ changes: [StoreChange], durability: Durability = .acknowledged) {
        self.changes = changes
        self.durability = durability
    }
}

/// Who may write a store.
public enum StoreAccess: Sendable, Equatable {
    case owner
    /// Another process owns the store; this one may only read.
    /// `owner` names the owner's pid: for the log file only, never for
    /// operator-facing text (registry.md: no pids of other processes).
    case readOnly(owner: String)
}

/// The persistence the runtime writes through.
///
/// Invariants:
/// - `commit` applies the whole transaction or nothing, and returns only once
///   it is committed (durably, for `.acknowledged`). On failure it throws
///   `storeUnavailable`/`storeCorrupt` and nothing of the transaction remains.
/// - Reads never load transcripts or events whole: `transcript` and `events`
///   read one bounded page.
/// - Calls may come from any thread; implementations serialise internally.
///   The runtime calls them from its actor, one mutation at a time.
/// - Messages in thrown errors name the problem, never a path.
public protocol RuntimeStore: AnyObject, Sendable {
    var kind: StoreKind { get }
    var access: StoreAccess { get }

    /// Catalog, counters, bundles and diagnostics.
    func load() throws(RuntimeError) -> StoreSnapshot

    func commit(_ transaction: StoreTransaction) throws(RuntimeError)

    /// Entries with sequence in `[start + 1, start + limit]` (0-based `start`).
    func transcript(worker: WorkerId, start: Int, limit: Int) throws(RuntimeError) -> [TranscriptEntry]

    /// Events with id ≥ `from`, ascending, at most `limit`.
    func events(from: Int64, limit: Int) throws(RuntimeError) -> [RuntimeEvent]

    /// The highest committed event id (0 when none); observers poll it.
    func lastEventId() throws(RuntimeError) -> Int64
}
