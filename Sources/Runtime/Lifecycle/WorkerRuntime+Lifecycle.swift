import Foundation

/// The result of a lifecycle operation: where the worker stands now.
public struct LifecycleReceipt: Hashable, Sendable {
    public var ref: WorkerRef
    public var status: CatalogStatus
    public var lastEventId: Int64
}

extension WorkerRuntime {
    /// Ends the worker gracefully; terminal. Repeating it (or stopping a
    /// cancelled worker) returns the current status and writes nothing.
    @discardableResult
    public func stop(_ ref: WorkerRef, reason: String? = nil) async throws(RuntimeError) -> LifecycleReceipt {
        try await finish(ref, to: .stopped, operation: .stop, reason: reason)
    }

    /// Aborts any running turn and ends the worker; terminal and idempotent.
    @discardableResult
    public func cancel(_ ref: WorkerRef, reason: String? = nil) async throws(RuntimeError) -> LifecycleReceipt {
        try await finish(ref, to: .cancelled, operation: .cancel, reason: reason)
    }

    private func finish(_ ref: WorkerRef, to status: CatalogStatus, operation: ExecutionOperation,
                        reason: String?) async throws(RuntimeError) -> LifecycleReceipt {
        let record = try record(for: ref)
        let event: WorkerLifecycle.Event = status == .stopped ? .stop : .cancel
        if case .stay = record.lifecycle.next(on: event) {
            return LifecycleReceipt(ref: ref, status: record.status, lastEventId: record.lastEventId)
        }
        try checkMutable()
        if let reason { try BundleText.checkText(reason, what: "reason") }

        // Ask the backend first; a stale or unconnected worker has nothing to ask.
        if record.execution.backend == .connected, let handle = handles[ref.workerId], let backend {
            let outcome = operation == .stop ? await backend.stop(handle) : await backend.cancel(handle)
            switch outcome {
            case .accepted, .unsupported:
                break
            case .busy, .rejected, .errored:
                if let current = workers[ref.workerId], current.status == .running {
                    var updated = current
                    updated.execution.lastResult = LastResult(operation: operation, outcome: outcome)
                    _ = try? commit(.relaxed) { $0.put(updated) }
                }
                throw .executionRejected(ref, operation, outcome, nil)
            }
        }

        // Redo every check: the worker may have changed while we awaited.
        let current = try self.record(for: ref)
        guard case let .move(ended, _) = current.lifecycle.next(on: event) else {
            return LifecycleReceipt(ref: ref, status: current.status, lastEventId: current.lastEventId)
        }
        try checkMutable()
        let lastResult = LastResult(operation: operation, outcome: .accepted, message: reason)
        if activeTurns[ref.workerId] != nil {
            try endTurn(ref.workerId, as: status == .stopped ? .stopped : .cancelled,
                        lastResult: lastResult, status: status)
        } else {
            try commit { mutation in
                var updated = current
                updated.setLifecycle(ended)
                updated.execution.lastResult = lastResult
                mutation.put(updated)
                mutation.addEvent(status == .stopped ? .workerStopped : .workerCancelled, worker: ref,
                                  message: status == .stopped ? "worker stopped" : "worker cancelled")
                mutation.removeDiagnostics(code: DiagnosticCode.workerExecutionStale, worker: ref.workerId)
            }
        }
        handles[ref.workerId] = nil
        let final = workers[ref.workerId]!
        return LifecycleReceipt(ref: ref, status: final.status, lastEventId: final.lastEventId)
    }

    /// Spawns a fresh execution for a stale or unconnected running worker,
    /// seeded with its persisted transcript. Never happens implicitly.
    @discardableResult
    public func reconnect(_ ref: WorkerRef) async throws(RuntimeError) -> WorkerRecord {
        let record = try record(for: ref)
        try checkMutable()
        _ = try record.transition(.reconnect)
        guard let backend else { throw .executionBackendUnavailable }
        guard !reconnecting.contains(ref.workerId) else {
            throw .invalidRequest("\(ref.workerId) is already reconnecting")
        }
        reconnecting.insert(ref.workerId)
        defer { reconnecting.remove(ref.workerId) }

        let profile: ResolvedProfile
        switch await backend.resolveProfile(named: record.profile) {
        case let .resolved(value): profile = value
        case .unknown: throw .profileUnresolved(profile: record.profile, reason: "no such profile")
        case let .unresolved(reason): throw .profileUnresolved(profile: record.profile, reason: reason)
        }
        let history = try fullTranscript(ref, length: record.transcriptLength)

        let outcome = await backend.spawn(ref, profile: profile, history: history, sink: sink(for: ref.workerId))
        guard case let .connected(handle) = outcome else {
            let (result, message): (OperationOutcome, String) = switch outcome {
            case let .rejected(text): (.rejected, text)
            case let .errored(text): (.errored, text)
            case .connected: (.accepted, "")
            }
            if let current = workers[ref.workerId] {
                var updated = current
                updated.execution.lastResult = LastResult(operation: .reconnect, outcome: result, message: message)
                _ = try? commit(.relaxed) { $0.put(updated) }
            }
            throw .executionRejected(ref, .reconnect, result, message)
        }

        do throws(RuntimeError) {
            let current = try self.record(for: ref)
            try checkMutable()
            let next = try current.transition(.reconnect)
            try commit { mutation in
                var updated = current
                updated.setLifecycle(next)
                updated.execution.binding = backend.backendId
                updated.execution.lastResult = LastResult(operation: .reconnect, outcome: .accepted)
                updated.model = profile.model
                mutation.put(updated)
                mutation.addEvent(.workerReconnected, worker: ref, message: "worker reconnected")
                mutation.removeDiagnostics(code: DiagnosticCode.workerExecutionStale, worker: ref.workerId)
                mutation.removeDiagnostics(code: DiagnosticCode.workerReconnectFailed, worker: ref.workerId)
            }
        } catch {
            _ = await backend.cancel(handle)
            throw error
        }
        handles[ref.workerId] = handle
        transientDiagnostics.removeAll { $0.code == DiagnosticCode.workerTurnNotSaved && $0.workerRef == ref }
        return workers[ref.workerId]!
    }

    /// Stops the runtime: running workers become stopped, `runtime_stopped`
    /// is written, later mutations fail with `runtimeStopped`; reads work.
    /// Idempotent.
    public func stopRuntime() async throws(RuntimeError) {
        if isReadOnly { throw .readOnly }
        guard state.status == .running else { return }
        if let backend {
            for (worker, handle) in handles where workers[worker]?.status == .running {
                _ = await backend.stop(handle)
            }
        }
        guard state.status == .running else { return }
        try commit { mutation in
            mutation.setStatus(.stopped)
            let running = self.workers.values.filter { $0.status == .running }.sorted { $0.ref.workerId < $1.ref.workerId }
            for record in running {
                var updated = record
                updated.setLifecycle(.stopped)
                updated.activeTurn = nil
                mutation.put(updated)
            }
            let eventId = mutation.addEvent(.runtimeStopped, worker: nil, message: "runtime stopped")
            for record in running {
                var updated = mutation.record(record.ref.workerId, base: self.workers)!
                updated.lastEventId = eventId
                mutation.put(updated)
                if let active = self.activeTurns[record.ref.workerId] {
                    Self.addTurnEntries(active, ending: .stopped, to: record.ref.workerId, eventId: eventId, in: &mutation)
                    if active.completedBlocks == 0, active.streamed.isEmpty {
                        mutation.addEntry(to: record.ref.workerId, role: .system, kind: .notice,
                                          content: "turn ended: runtime stopped", eventId: eventId)
                    }
                }
            }
        }
        for (worker, active) in activeTurns {
            if let ref = workers[worker]?.ref { publish(WorkerLiveEvent(ref: ref, event: .turnEnded(active.id, .stopped))) }
        }
        activeTurns.removeAll()
        handles.removeAll()
    }

    /// Reconnects every stale or unconnected running worker, in id order, by
    /// the same operation as `reconnect` (a new, real execution and a
    /// `worker_reconnected` event each). A worker that cannot be reconnected
    /// stays stale with a `worker_reconnect_failed` diagnostic saying why.
    /// Used once at start (`[runtime] reconnect_on_start`) and for `R` on a
    /// runtime.
    public func reconnectAll() async -> [(ref: WorkerRef, error: RuntimeError?)] {
        guard !isReadOnly, state.status == .running else { return [] }
        let stale = workers.values.filter { $0.status == .running && $0.isReconnectable }.map(\.ref).sorted { $0.workerId < $1.workerId }
        var results: [(ref: WorkerRef, error: RuntimeError?)] = []
        var failures: [(WorkerRef, RuntimeError)] = []
        for ref in stale {
            do throws(RuntimeError) {
                try await reconnect(ref)
                results.append((ref, nil))
            } catch {
                results.append((ref, error))
                failures.append((ref, error))
            }
        }
        // One transaction for every reason, not one per worker: at the
        // start of a console over 1,000 stale workers that no provider can
        // serve, 1,000 commits held the runtime while the list waited (B8).
        noteReconnectFailures(failures)
        return results
    }

    /// Records why a worker could not be reconnected, replacing an older reason.
    func noteReconnectFailure(_ ref: WorkerRef, _ error: RuntimeError) {
        noteReconnectFailures([(ref, error)])
    }

    /// `noteReconnectFailure` for several workers, in one transaction.
    func noteReconnectFailures(_ failures: [(WorkerRef, RuntimeError)]) {
        let known = failures.compactMap { ref, error in workers[ref.workerId].map { ($0, ref, error) } }
        guard !known.isEmpty else { return }
        do throws(RuntimeError) {
            try commit(.relaxed) { mutation in
                for (record, ref, error) in known {
                    mutation.put(record)
                    mutation.removeDiagnostics(code: DiagnosticCode.workerReconnectFailed, worker: ref.workerId)
                    mutation.addDiagnostic(.warning, code: DiagnosticCode.workerReconnectFailed,
                                           message: "\(ref.workerId) could not be reconnected: \(error.message)", worker: ref)
                }
            }
        } catch {
            // The caller reports the reconnect failure itself; the diagnostic is extra.
        }
    }

    /// A clean quit: every running turn is interrupted and its end committed
    /// (with the text streamed so far, flagged `interrupted`), so nothing the
    /// operator saw is lost; the workers stay running, and come back stale
    /// (then reconnected) in the next process. Returns the turns ended and
    /// the store failures (for the caller to log; restore closes those turns).
    @discardableResult
    public func interruptAllTurns() async -> (ended: Int, failures: [(WorkerId, RuntimeError)]) {
        guard !isReadOnly else { return (0, []) }
        var ended = 0
        var failures: [(WorkerId, RuntimeError)] = []
        for worker in activeTurns.keys.sorted() {
            guard let turn = activeTurns[worker]?.id else { continue }
            if let handle = handles[worker], let backend { _ = await backend.interrupt(handle) }
            guard activeTurns[worker]?.id == turn else { continue } // it ended on its own meanwhile
            do throws(RuntimeError) {
                try endTurn(worker, as: .interrupted, lastResult: LastResult(operation: .interrupt, outcome: .accepted))
                ended += 1
            } catch {
                failures.append((worker, error))
            }
        }
        return (ended, failures)
    }

    /// The whole persisted transcript, read page by page (for reseeding an execution).
    func fullTranscript(_ ref: WorkerRef, length: Int) throws(RuntimeError) -> [TranscriptEntry] {
        var entries: [TranscriptEntry] = []
        entries.reserveCapacity(length)
        var start = 0
        while start < length {
            let page = try store.transcript(worker: ref.workerId, start: start, limit: limits.maxTranscriptPage)
            if page.isEmpty { break }
            entries += page
            start += page.count
        }
        return entries
    }
}
