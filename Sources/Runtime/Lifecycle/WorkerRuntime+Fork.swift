import Foundation

extension WorkerRuntime {
    /// Branches a conversation: a new worker (its own id, the parent's
    /// profile and bundle) whose transcript begins as a copy of the parent's
    /// entries 1…`entry` (nil: all of them), as one transaction: the catalog
    /// row carrying `parent`, a `worker_forked` event and the copied entries
    /// (role, kind, content, time, usage and the interrupted flag kept).
    /// The parent is not touched; any catalog status may be forked.
    ///
    /// The fork then gets an execution exactly like `reconnect` does,
    /// seeded with the persisted (copied) transcript, so it starts idle and
    /// its first turn carries that history. When that fails (no backend, an
    /// unresolved profile) the fork stays `unconnected` with the reason as a
    /// diagnostic, to be reconnected later; the fork itself stands.
    ///
    /// Without a label the fork is named after its parent (`main (fork)`),
    /// so the list tells them apart; an unlabelled parent's fork shows its id.
    ///
    /// Throws `wrongRuntime`, `workerNotFound`, `readOnly`, `runtimeStopped`,
    /// `invalidRequest` (entry outside 1…length, or a label blank after cleaning).
    public func fork(_ ref: WorkerRef, at entry: Int? = nil, label: String? = nil) async throws(RuntimeError) -> WorkerRecord {
        let parent = try record(for: ref)
        try checkMutable()
        var cleanLabel: String?
        if let label {
            guard let cleaned = WorkerLabel.clean(label) else {
                throw .invalidRequest("label must be 1-\(WorkerLabel.maxLength) visible characters")
            }
            cleanLabel = cleaned
        } else if let parentLabel = parent.label {
            cleanLabel = Self.forkLabel(of: parentLabel)
        }
        let length = parent.transcriptLength
        if let entry, !(1...max(1, length)).contains(entry) || length == 0 {
            throw .invalidRequest(length == 0 ? "\(ref.workerId) has no entries to fork at"
                                              : "entry must be 1-\(length) (\(ref.workerId) has \(length))")
        }
        let upTo = entry ?? length
        // Read before anything is reserved: no await between here and the commit.
        // Pages come whole; the copy ends at the entry asked for.
        let copied = Array(try fullTranscript(ref, length: upTo).prefix(upTo))
        guard copied.count == upTo else { throw .storeCorrupt("the transcript is shorter than its worker row says") }

        let sequence = state.nextWorkerSequence
        state.nextWorkerSequence += 1
        let forkRef = WorkerRef(runtimeId: runtimeId, workerId: WorkerId(sequence: sequence))
        let stamp = now()
        var forked = WorkerRecord(
            ref: forkRef, label: cleanLabel, status: .running,
            execution: ExecutionStatus(backend: .unconnected, runState: .unconnected),
            profile: parent.profile, model: parent.model, configBundle: parent.configBundle, transcriptLength: 0,
            lastEventId: 0, createdAt: stamp, updatedAt: stamp, lastActivityAt: stamp, usage: .zero, activeTurn: nil
        )
        forked.parent = WorkerParent(workerId: ref.workerId, entry: upTo)
        try commit { mutation in
            mutation.put(forked)
            let eventId = mutation.addEvent(.workerForked, worker: forkRef,
                                            message: "worker forked from \(ref.workerId) at entry \(upTo)")
            for entry in copied { mutation.copyEntry(entry, to: forkRef.workerId, eventId: eventId) }
        }
        if backend != nil, state.status == .running {
            do throws(RuntimeError) {
                try await reconnect(forkRef)
            } catch {
                noteReconnectFailure(forkRef, error)
            }
        }
        return workers[forkRef.workerId] ?? forked
    }

    /// `LABEL (fork)`, the parent's label shortened to keep within the limit.
    static func forkLabel(of parent: String) -> String? {
        let suffix = " (fork)"
        return WorkerLabel.clean(String(parent.prefix(WorkerLabel.maxLength - suffix.count)) + suffix)
    }
}
