import Foundation

/// The embedded worker runtime: a catalog of workers with their transcripts,
/// an event log, config bundles and diagnostics, persisted through a
/// `RuntimeStore`, executed through an `ExecutionBackend`.
///
/// Isolation: all state lives in this actor. Store calls run on it, one
/// mutation at a time, and in-memory state changes only after the store
/// committed. The actor runs on a `StoreExecutor` of its own, so a blocking
/// SQLite write never occupies Swift's cooperative pool. Backend calls are awaited without holding any state check
/// across the suspension: every check is redone after it.
public actor WorkerRuntime {
    public nonisolated let runtimeId: RuntimeId
    public nonisolated let displayName: String
    public nonisolated let workspaceId: String
    public nonisolated let limits: RuntimeLimits
    nonisolated let executor = StoreExecutor(label: "workerdeck.runtime")
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    let store: any RuntimeStore
    let backend: (any ExecutionBackend)?
    let now: @Sendable () -> Date
    /// Where failures that no caller awaits go (the executable logs them).
    let reportProblem: @Sendable (RuntimeProblem) -> Void

    var state: RuntimeState
    var workers: [WorkerId: WorkerRecord] = [:]
    var bundles: [String: ConfigBundle] = [:]
    var diagnostics: [RuntimeDiagnostic] = []
    /// Diagnostics that describe this process, not the store (never persisted).
    var transientDiagnostics: [RuntimeDiagnostic] = []

    /// Live executions by worker; empty after a restart.
    var handles: [WorkerId: ExecutionHandle] = [:]
    var activeTurns: [WorkerId: ActiveTurn] = [:]
    /// Workers being created: their reports wait here until the create commits.
    var pendingCreates: [WorkerId: [TurnReport]] = [:]
    /// Tool calls waiting for their worker's create to commit.
    var createWaiters: [WorkerId: [CheckedContinuation<Void, Never>]] = [:]
    /// Workers with a reconnect in flight.
    var reconnecting: Set<WorkerId> = []
    /// Deleted workers whose directory is still to be removed (persisted).
    var pendingRemovals: [WorkerId: PendingRemoval] = [:]
    /// Removals in flight.
    var removing: Set<WorkerId> = []
    var nextTurn: UInt64 = 1

    var liveObservers: [UUID: LiveObserver] = [:]
    /// Whose text `liveObservers` want, readable off this actor (`TurnSink.isWatched`).
    nonisolated let textWatchers = TextWatchers()
    var eventWaiters: [UUID: EventWaiter] = [:]
    var cancelledWaiters: Set<UUID> = []
    var pollTask: Task<Void, Never>?
    var lastPolledEventId: Int64 = 0

    /// Opens a runtime over `store`, restoring what it holds.
    ///
    /// As the store's owner, a restore writes what the restart changed: every
    /// worker that was connected comes back `stale` (with a
    /// `worker_execution_stale` diagnostic and event) and a turn that was
    /// running gets one "turn interrupted by restart" notice. A read-only
    /// store is only read.
    public init(
        id: RuntimeId = .embedded,
        displayName: String = "Embedded runtime",
        workspaceId: String,
        store: any RuntimeStore,
        backend: (any ExecutionBackend)?,
        limits: RuntimeLimits = RuntimeLimits(),
        now: @escaping @Sendable () -> Date = { Date() },
        reportProblem: @escaping @Sendable (RuntimeProblem) -> Void = { _ in }
    ) throws(RuntimeError) {
        self.runtimeId = id
        self.displayName = displayName
        self.workspaceId = workspaceId
        self.limits = limits
        self.store = store
        self.backend = backend
        self.now = now
        self.reportProblem = reportProblem

        let snapshot = try store.load()
        if let persisted = snapshot.state, persisted.runtimeId != id {
            throw .storeCorrupt("the store belongs to another runtime")
        }
        self.state = snapshot.state ?? RuntimeState(runtimeId: id)
        for record in snapshot.workers {
            workers[record.ref.workerId] = record
        }
        for bundle in snapshot.bundles {
            bundles[bundle.metadata.id] = bundle
        }
        diagnostics = snapshot.diagnostics
        for removal in snapshot.pendingRemovals { pendingRemovals[removal.ref.workerId] = removal }
        lastPolledEventId = state.nextEventId - 1

        switch store.access {
        case .owner:
            try Self.restore(
                snapshotWasEmpty: snapshot.state == nil, state: &state, workers: &workers,
                diagnostics: &diagnostics, store: store, now: now()
            )
        case .readOnly:
            transientDiagnostics.append(Self.readOnlyDiagnostic)
        }
    }

    static let readOnlyDiagnostic = RuntimeDiagnostic(
        id: 0, severity: .warning, code: DiagnosticCode.storeReadOnly,
        message: "owned by another console; this one observes the store read-only"
    )

    public nonisolated var isReadOnly: Bool {
        if case .readOnly = store.access { return true }
        return false
    }

    public nonisolated var backendAttached: Bool { backend != nil }

    public nonisolated var storeKind: StoreKind { store.kind }

    // MARK: Reads

    public func summary() -> RuntimeOverview {
        var counts = WorkerCounts()
        for record in workers.values {
            // What runs or waits for an operator is counted archived or not;
            // the catalog counts leave archived workers out, as lists do.
            if record.status == .running, record.canInterrupt { counts.busy += 1 }
            if record.needsApproval { counts.needsApproval += 1 }
            if record.archived { counts.archived += 1; continue }
            counts.workers += 1
            switch record.status {
            case .running: counts.active += 1
            case .stopped: counts.stopped += 1
            case .cancelled: counts.cancelled += 1
            }
            if record.status == .running, record.execution.backend == .stale { counts.stale += 1 }
        }
        return RuntimeOverview(
            runtimeId: runtimeId, displayName: displayName, storeKind: store.kind, status: state.status,
            readOnly: isReadOnly, counts: counts, diagnosticCount: allDiagnostics().count,
            limits: limits, backendAttached: backend != nil
        )
    }

    /// Workers in creation order, at most `limit` (1…`limits.maxWorkerList`).
    /// Workers in creation order (by id), `limit` of them, starting after
    /// the worker `after` (nil: the first). A cursor whose worker was
    /// deleted since still marks its place: ids are never reused.
    public func listWorkers(limit: Int, after: WorkerId? = nil) throws(RuntimeError) -> [WorkerRecord] {
        try checkLimit(limit, max: limits.maxWorkerList)
        // The ids are sorted, not the records, each id's sequence parsed
        // once: sorting 1,000 records by `WorkerId <` parsed two ids per
        // comparison and moved whole records, most of a 1,000-worker
        // list's time (B10). Same order as `WorkerId <`.
        let order = workers.keys.map { (sequence: $0.sequence, id: $0) }.sorted { l, r in
            if let a = l.sequence, let b = r.sequence { return a < b }
            return l.id.rawValue < r.id.rawValue
        }
        guard let after else { return order.prefix(limit).map { workers[$0.id]! } }
        // Only an id this runtime minted marks a place; any other is an
        // unknown worker, as on every worker route.
        guard let mark = after.sequence, mark < state.nextWorkerSequence else {
            throw .workerNotFound(WorkerRef(runtimeId: runtimeId, workerId: after))
        }
        let start = order.firstIndex { ($0.sequence ?? .max) > mark } ?? order.endIndex
        return order[start...].prefix(limit).map { workers[$0.id]! }
    }

    public func worker(_ ref: WorkerRef) throws(RuntimeError) -> WorkerRecord {
        try record(for: ref)
    }

    /// True when `reconnect` could succeed now.
    public func canReconnect(_ ref: WorkerRef) -> Bool {
        guard let record = try? record(for: ref) else { return false }
        return record.isReconnectable && backend != nil && !isReadOnly && state.status == .running
    }

    /// Persisted diagnostics plus those describing this process.
    public func allDiagnostics() -> [RuntimeDiagnostic] {
        transientDiagnostics + diagnostics
    }

    /// One worker's diagnostics, as `allDiagnostics` orders them.
    func diagnostics(of ref: WorkerRef) -> [RuntimeDiagnostic] {
        allDiagnostics().filter { $0.workerRef == ref }
    }

    public func bundle(id: String) -> ConfigBundle? {
        bundles[id]
    }

    /// Items `[start, min(start+limit, total))` of the worker's transcript.
    /// `limit` must be 1…`limits.maxTranscriptPage`; `start` must be ≥ 0.
    public func transcript(_ ref: WorkerRef, start: Int, limit: Int) throws(RuntimeError) -> TranscriptSlice {
        let record = try record(for: ref)
        try checkLimit(limit, max: limits.maxTranscriptPage)
        guard start >= 0 else { throw .invalidRequest("start must be 0 or more") }
        let total = record.transcriptLength
        let items = start < total ? try store.transcript(worker: ref.workerId, start: start, limit: limit) : []
        let end = start + items.count
        return TranscriptSlice(
            ref: ref, start: start, limit: limit, totalItems: total, items: items,
            nextStart: end < total ? end : nil
        )
    }

    /// The last `limit` entries: the page a console opens at.
    public func transcriptTail(_ ref: WorkerRef, limit: Int) throws(RuntimeError) -> TranscriptSlice {
        let record = try record(for: ref)
        try checkLimit(limit, max: limits.maxTranscriptPage)
        return try transcript(ref, start: max(0, record.transcriptLength - limit), limit: limit)
    }

    // MARK: Checks

    /// The runtime half first, then existence.
    func record(for ref: WorkerRef) throws(RuntimeError) -> WorkerRecord {
        guard ref.runtimeId == runtimeId else { throw .wrongRuntime(expected: runtimeId, got: ref.runtimeId) }
        guard let record = workers[ref.workerId] else { throw .workerNotFound(ref) }
        return record
    }

    func checkLimit(_ limit: Int, max: Int) throws(RuntimeError) {
        guard limit >= 1 else { throw .invalidRequest("limit must be at least 1") }
        guard limit <= max else { throw .limitTooLarge(requested: limit, max: max) }
    }

    /// Mutations need a running runtime and a writable store.
    func checkMutable() throws(RuntimeError) {
        if isReadOnly { throw .readOnly }
        guard state.status == .running else { throw .runtimeStopped }
    }

    func checkInputText(_ text: String) throws(RuntimeError) {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalidRequest("input is blank")
        }
        guard text.utf8.count <= limits.maxInputBytes else {
            throw .invalidRequest("input is \(text.utf8.count) bytes; the maximum is \(limits.maxInputBytes)")
        }
    }

    func mintTurn() -> TurnId {
        defer { nextTurn += 1 }
        return TurnId(rawValue: nextTurn)
    }

    // MARK: Committing

    /// Builds a mutation, commits it, and only then applies it to memory and
    /// tells subscribers and observers. A failed commit changes nothing.
    @discardableResult
    func commit(
        _ durability: StoreTransaction.Durability = .acknowledged,
        _ build: (inout Mutation) throws(RuntimeError) -> Void
    ) throws(RuntimeError) -> Mutation {
        var mutation = Mutation(state: state, now: now())
        try build(&mutation)
        guard !mutation.isEmpty else { return mutation }
        try store.commit(mutation.transaction(durability))
        apply(mutation)
        return mutation
    }

    private func apply(_ mutation: Mutation) {
        state = mutation.state
        for (id, record) in mutation.touched { workers[id] = record }
        for bundle in mutation.bundles { bundles[bundle.metadata.id] = bundle }
        for removal in mutation.removedDiagnostics {
            diagnostics.removeAll { $0.code == removal.code && $0.workerRef?.workerId == removal.worker }
        }
        diagnostics += mutation.addedDiagnostics
        for ref in mutation.deleted {
            workers[ref.workerId] = nil
            diagnostics.removeAll { $0.workerRef?.workerId == ref.workerId }
            transientDiagnostics.removeAll { $0.workerRef?.workerId == ref.workerId }
        }
        for removal in mutation.removalsAdded { pendingRemovals[removal.ref.workerId] = removal }
        for id in mutation.removalsDone { pendingRemovals[id] = nil }
        for ref in mutation.deleted { publish(WorkerLiveEvent(ref: ref, event: .workerDeleted)) }
        for (ref, entry) in mutation.entries {
            publish(WorkerLiveEvent(ref: ref, event: .entryCommitted(entry)))
        }
        for record in mutation.touched.values.sorted(by: { $0.ref.workerId < $1.ref.workerId }) {
            publish(WorkerLiveEvent(ref: record.ref, event: .workerChanged(record, diagnostics: diagnostics(of: record.ref))))
        }
        if !mutation.events.isEmpty { wakeEventWaiters() }
    }
}

/// A turn the runtime is waiting on, with what it will commit when it ends.
struct ActiveTurn {
    let id: TurnId
    /// Completed assistant blocks and notices, committed with the turn's end.
    var pending: [(role: TranscriptRole, kind: TranscriptKind, content: String)] = []
    var completedBlocks = 0
    var usage: TokenUsage?
    /// Text streamed since the last completed block: what the operator has
    /// seen of the block in progress, kept if the turn ends early.
    var streamed = ""
    /// The backend's `decide`, waiting for an operator's answer.
    var approvalWaiter: CheckedContinuation<ToolDecision, Never>?
}
