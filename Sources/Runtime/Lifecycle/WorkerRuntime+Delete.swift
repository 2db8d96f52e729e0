import Foundation

/// What `deleteWorker` did.
public struct DeletionReceipt: Hashable, Sendable {
    public var ref: WorkerRef
    /// The `worker_deleted` event: the one record of the worker the log keeps.
    public var eventId: Int64
    /// The worker's directory is gone (or it never had one of its own).
    /// False: its removal failed and stays pending, retried by the next
    /// delete and when an owner starts.
    public var directoryRemoved: Bool

    public init(ref: WorkerRef, eventId: Int64, directoryRemoved: Bool) {
        self.ref = ref
        self.eventId = eventId
        self.directoryRemoved = directoryRemoved
    }
}

extension WorkerRuntime {
    /// Deletes a worker in two steps that are each safe to interrupt:
    /// 1. one transaction removes its catalog row, transcript, events,
    ///    pending approval and diagnostics, writes a `worker_deleted` event
    ///    and a `PendingRemoval` marker;
    /// 2. the backend removes the worker's directory (its git worktree, for
    ///    a `workdir = "worktree"` profile), then the marker is dropped.
    /// A crash between the two leaves the marker: `completePendingRemovals`
    /// (at an owner's start, and before every delete) finishes it, the
    /// removal being idempotent.
    ///
    /// Refused with `busy` while a turn runs (or waits for an approval) or a
    /// reconnect is in flight: the turn would commit into a worker that is
    /// gone. Any catalog status may be deleted otherwise.
    /// Throws `wrongRuntime`, `workerNotFound`, `readOnly`, `runtimeStopped`, `busy`.
    @discardableResult
    public func deleteWorker(_ ref: WorkerRef) async throws(RuntimeError) -> DeletionReceipt {
        _ = try record(for: ref)
        try checkMutable()
        await completePendingRemovals()
        // Redo the checks: the worker may have changed while removals ran.
        let current = try record(for: ref)
        try checkMutable()
        if activeTurns[ref.workerId] != nil || current.canInterrupt || current.pendingApproval != nil
            || reconnecting.contains(ref.workerId) {
            throw .busy(ref)
        }
        let handle = handles[ref.workerId]
        var eventId: Int64 = 0
        try commit { mutation in
            mutation.delete(current.ref, removal: PendingRemoval(ref: ref, profile: current.profile, requestedAt: mutation.now))
            eventId = mutation.addEvent(.workerDeleted, worker: ref, message: "worker deleted")
        }
        // The execution was idle; release it (its late reports find no worker).
        handles[ref.workerId] = nil
        if let handle, let backend { _ = await backend.cancel(handle) }
        let removed = await completeRemoval(ref.workerId)
        return DeletionReceipt(ref: ref, eventId: eventId, directoryRemoved: removed)
    }

    /// Finishes every removal a delete left pending (a crash, or a removal
    /// that failed). Returns the workers whose removal is still pending.
    @discardableResult
    public func completePendingRemovals() async -> [WorkerRef] {
        guard !isReadOnly else { return pendingRemovals.values.map(\.ref).sorted { $0.workerId < $1.workerId } }
        for id in pendingRemovals.keys.sorted() { await completeRemoval(id) }
        return pendingRemovals.values.map(\.ref).sorted { $0.workerId < $1.workerId }
    }

    /// Removes one deleted worker's directory, then its marker. Without a
    /// backend nothing here knows the directory: the marker stays.
    @discardableResult
    private func completeRemoval(_ id: WorkerId) async -> Bool {
        guard let pending = pendingRemovals[id] else { return true }
        guard let backend, !isReadOnly, !removing.contains(id) else { return false }
        removing.insert(id)
        defer { removing.remove(id) }
        do throws(ToolSetupError) {
            try await backend.removeWorkdir(pending.ref, profile: pending.profile)
        } catch {
            reportProblem(RuntimeProblem(operation: "removing a deleted worker's directory", worker: pending.ref,
                                         error: .storeUnavailable("not removed yet: \(error.message)")))
            return false
        }
        guard pendingRemovals[id] != nil else { return true }
        do throws(RuntimeError) {
            try commit(.relaxed) { $0.finishRemoval(id) }
            return true
        } catch {
            reportProblem(RuntimeProblem(operation: "dropping a removal marker", worker: pending.ref, error: error))
            return false
        }
    }
}
