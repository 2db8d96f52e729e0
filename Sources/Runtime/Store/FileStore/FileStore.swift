import Foundation
import GRDB
import Synchronization

/// The default store: one SQLite database (through GRDB) in a store root
/// directory, with one owner and any number of read-only observers.
///
/// Invariants:
/// - Sendable by construction: the GRDB queue serialises every database
///   access, configuration is immutable, and the only mutable bits (closed,
///   the connection's `synchronous` level) sit in a `Mutex` held for the
///   whole of each call, so calls from any thread are serialised.
/// - WAL journal, foreign keys on, `synchronous = FULL` for `.acknowledged`
///   commits and `NORMAL` for `.relaxed` ones (never torn, possibly lost in a
///   power cut). One SQL transaction per `commit`, which returns only after
///   SQLite committed it.
/// - The owner holds an exclusive `flock` on `owner.lock` for its whole life;
///   an observer's every `commit` throws `storeUnavailable`. An observer's
///   reads each start a fresh WAL read transaction, so they see the owner's
///   newest commits.
/// - `load()` reads the catalog only; transcripts and events are read by
///   bounded, indexed pages.
/// - A store that fails to open is never written, moved or deleted.
/// - No thrown message contains a path; `inspect` is the only API that
///   reports one, for `workerdeck doctor`.
public final class FileStore: RuntimeStore {
    /// How `open` treats the owner lock.
    public enum OpenMode: Sendable, Equatable {
        /// Owner or nothing: a held lock is `storeUnavailable`.
        case owner
        /// Read-only, whether or not an owner exists; never takes the lock
        /// and never creates anything. `access` names the owner's pid, or
        /// `"none"` when no process holds the lock.
        case observer
        /// Owner when the lock is free, otherwise a read-only observer.
        case automatic
    }

    /// The database file name inside the store root.
    public static let defaultFileName = "runtime.sqlite"
    /// The owner lock file name inside the store root.
    public static let ownerLockFileName = OwnerLock.fileName
    /// The owner's API socket in the store root (serve.md); never shown
    /// outside `doctor`.
    public static let apiSocketFileName = "api.sock"

    public var kind: StoreKind { .file }
    public let access: StoreAccess

    /// The store root; never shown in messages.
    let root: URL
    let database: DatabaseQueue
    private let ownerLock: OwnerLock?
    let session = Mutex(Session())

    struct Session {
        var closed = false
        var synchronous: StoreTransaction.Durability = .acknowledged
    }

    init(root: URL, database: DatabaseQueue, access: StoreAccess, ownerLock: OwnerLock?) {
        self.root = root
        self.database = database
        self.access = access
        self.ownerLock = ownerLock
    }

    deinit { close() }

    /// Closes the database and, for the owner, releases the lock. Later calls
    /// throw `storeUnavailable`. Idempotent.
    public func close() {
        let wasOpen = session.withLock { s in
            defer { s.closed = true }
            return !s.closed
        }
        guard wasOpen else { return }
        try? database.close()
        ownerLock?.release()
    }

    /// For an observer: opens the same root as its owner, which succeeds once
    /// the previous owner is gone (its lock is free). The caller builds a new
    /// `WorkerRuntime` on the returned store (restore runs as after a restart)
    /// and closes this one.
    public func takeover() throws(RuntimeError) -> FileStore {
        guard case .readOnly = access else { throw .invalidRequest("this console already owns the store") }
        return try FileStore.open(root: root, mode: .owner)
    }

    // MARK: RuntimeStore

    public func load() throws(RuntimeError) -> StoreSnapshot {
        try read("loading the catalog") { db in
            let state = try Row.fetchOne(db, sql: "SELECT \(FileStoreRows.stateColumns) FROM runtime_state WHERE id = 1")
                .map(FileStoreRows.state)
            // Byte order of ids is `WorkerId` order: minted ids are fixed-width
            // lowercase hex, and other ids compare by their ASCII text.
            var workers = try Row.fetchAll(db, sql: "SELECT \(FileStoreRows.workerColumns) FROM workers ORDER BY id")
                .map(FileStoreRows.worker)
            let approvals = try Dictionary(
                Row.fetchAll(db, sql: "SELECT \(FileStoreRows.approvalColumns) FROM approvals").map(FileStoreRows.approval),
                uniquingKeysWith: { first, _ in first })
            if !approvals.isEmpty {
                for index in workers.indices { workers[index].pendingApproval = approvals[workers[index].ref.workerId] }
            }
            let bundles = try Row.fetchAll(db, sql: "SELECT * FROM bundles ORDER BY id").map(FileStoreRows.bundle)
            let diagnostics = try Row.fetchAll(
                db, sql: "SELECT \(FileStoreRows.diagnosticColumns) FROM diagnostics ORDER BY position")
                .map(FileStoreRows.diagnostic)
            return StoreSnapshot(
                state: state,
                workers: workers,
                bundles: bundles.sorted { $0.metadata.id < $1.metadata.id },
                diagnostics: diagnostics,
                pendingRemovals: try Row.fetchAll(
                    db, sql: "SELECT \(FileStoreRows.pendingRemovalColumns) FROM pending_removals ORDER BY worker_id")
                    .map(FileStoreRows.pendingRemoval)
            )
        }
    }

    public func commit(_ transaction: StoreTransaction) throws(RuntimeError) {
        guard case .owner = access else { throw .readOnly }
        try session.withLock { (s: inout Session) throws(RuntimeError) in
            guard !s.closed else { throw .storeUnavailable("the store is closed") }
            do {
                if s.synchronous != transaction.durability {
                    let level = transaction.durability == .acknowledged ? "FULL" : "NORMAL"
                    try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = \(level)") }
                    s.synchronous = transaction.durability
                }
                try database.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        for change in transaction.changes { try FileStoreApply.apply(change, in: db) }
                        return .commit
                    }
                }
            } catch {
                throw FileStoreFailure.wrap(error, doing: "saving the change")
            }
        }
    }

    public func transcript(worker: WorkerId, start: Int, limit: Int) throws(RuntimeError) -> [TranscriptEntry] {
        guard limit > 0 else { return [] }
        let lower = max(0, start), upper = start + limit
        guard upper > lower else { return [] }
        return try read("reading a transcript page") { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT \(FileStoreRows.entryColumns) FROM transcript
                WHERE worker_id = ? AND sequence > ? AND sequence <= ? ORDER BY sequence LIMIT ?
                """), arguments: [worker.rawValue, lower, upper, upper - lower]).map(FileStoreRows.entry)
        }
    }

    public func events(from: Int64, limit: Int) throws(RuntimeError) -> [RuntimeEvent] {
        guard limit > 0 else { return [] }
        return try read("reading events") { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT \(FileStoreRows.eventColumns) FROM events WHERE id >= ? ORDER BY id LIMIT ?
                """), arguments: [from, limit]).map(FileStoreRows.event)
        }
    }

    public func lastEventId() throws(RuntimeError) -> Int64 {
        try read("reading the event log") { db in
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(id) FROM events")) ?? 0
        }
    }

    // MARK: Internals

    /// Runs `body` in one read transaction (a consistent snapshot).
    func read<T: Sendable>(_ doing: String, _ body: (Database) throws -> T) throws(RuntimeError) -> T {
        try session.withLock { (s: inout Session) throws(RuntimeError) -> T in
            guard !s.closed else { throw .storeUnavailable("the store is closed") }
            do {
                return try database.read(body)
            } catch {
                throw FileStoreFailure.wrap(error, doing: doing)
            }
        }
    }
}
