import Foundation

extension WorkerRuntime {
    /// Stores a validated config bundle (replacing one with the same id).
    public func storeBundle(_ bundle: ConfigBundle) throws(RuntimeError) {
        try checkMutable()
        try bundle.validate()
        try commit { mutation in mutation.addBundle(bundle) }
    }

    /// Creates a worker, as one transaction: validate → spawn → dispatch the
    /// initial input → commit the catalog row, `worker_created` (and
    /// `worker_input_accepted`) events and transcript entry #1. Any failure
    /// rolls everything back: no worker, no event, no entry, and the spawned
    /// execution is cancelled.
    public func createWorker(
        profile: String,
        configBundle: ConfigBundleRef? = nil,
        label: String? = nil,
        initialInput: String? = nil
    ) async throws(RuntimeError) -> WorkerRecord {
        try checkMutable()
        let cleanLabel: String?
        if let label {
            guard let cleaned = WorkerLabel.clean(label) else {
                throw .invalidRequest("label must be 1-\(WorkerLabel.maxLength) visible characters")
            }
            cleanLabel = cleaned
        } else {
            cleanLabel = nil
        }
        if let initialInput { try checkInputText(initialInput) }
        guard BundleText.isIdentifier(profile) else {
            throw .invalidProfileSelector("profile must be 1-128 of A-Z a-z 0-9 . _ : - starting alphanumeric")
        }
        let bundle = try bundleForCreate(profile: profile, requested: configBundle)
        guard let backend else { throw .executionBackendUnavailable }

        let resolved: ResolvedProfile
        switch await backend.resolveProfile(named: profile) {
        case let .resolved(value): resolved = value
        case .unknown: throw .profileUnresolved(profile: profile, reason: "no such profile")
        case let .unresolved(reason): throw .profileUnresolved(profile: profile, reason: reason)
        }
        try checkMutable()

        // Reserve the id now so concurrent creates never share one; a failed
        // create leaves a gap, which is fine.
        let sequence = state.nextWorkerSequence
        state.nextWorkerSequence += 1
        let ref = WorkerRef(runtimeId: runtimeId, workerId: WorkerId(sequence: sequence))
        pendingCreates[ref.workerId] = []
        defer {
            pendingCreates[ref.workerId] = nil
            resumeCreateWaiters(ref.workerId)
        }

        let handle: ExecutionHandle
        switch await backend.spawn(ref, profile: resolved, history: [], sink: sink(for: ref.workerId)) {
        case let .connected(value): handle = value
        case let .rejected(message): throw .executionRejected(ref, .spawn, .rejected, message)
        case let .errored(message): throw .executionRejected(ref, .spawn, .errored, message)
        }

        var turn: TurnId?
        if let initialInput {
            let id = mintTurn()
            activeTurns[ref.workerId] = ActiveTurn(id: id)
            let outcome = await backend.startTurn(handle, turn: id, input: initialInput)
            if outcome != .accepted {
                activeTurns[ref.workerId] = nil
                _ = await backend.cancel(handle)
                switch outcome {
                case .busy: throw .executionRejected(ref, .input, .busy, nil)
                case let .rejected(message): throw .executionRejected(ref, .input, .rejected, message)
                case .accepted: break
                }
            }
            turn = id
        }

        do throws(RuntimeError) {
            // State may have changed while we awaited the backend.
            try checkMutable()
            let stamp = now()
            let record = WorkerRecord(
                ref: ref, label: cleanLabel, status: .running,
                execution: ExecutionStatus(
                    backend: .connected, runState: turn == nil ? .idle : .busy, binding: backend.backendId,
                    lastResult: LastResult(operation: turn == nil ? .spawn : .input, outcome: .accepted)
                ),
                profile: profile, model: resolved.model, configBundle: bundle.ref, transcriptLength: 0,
                lastEventId: 0, createdAt: stamp, updatedAt: stamp, lastActivityAt: stamp,
                usage: .zero, activeTurn: turn
            )
            try commit { mutation in
                if self.bundles[bundle.metadata.id] == nil { mutation.addBundle(bundle) }
                mutation.put(record)
                mutation.addEvent(.workerCreated, worker: ref, message: "worker created with profile \(profile)")
                if let initialInput {
                    let eventId = mutation.addEvent(.workerInputAccepted, worker: ref, message: "input accepted")
                    mutation.addEntry(to: ref.workerId, role: .user, kind: .message, content: initialInput, eventId: eventId)
                }
            }
        } catch {
            activeTurns[ref.workerId] = nil
            _ = await backend.cancel(handle)
            throw error
        }

        handles[ref.workerId] = handle
        // Reports that arrived before the commit, in order.
        let early = pendingCreates[ref.workerId] ?? []
        pendingCreates[ref.workerId] = nil
        for report in early { process(report, for: ref.workerId) }
        resumeCreateWaiters(ref.workerId)
        return workers[ref.workerId]!
    }

    /// The requested bundle, checked; or the workspace default for the profile.
    private func bundleForCreate(profile: String, requested: ConfigBundleRef?) throws(RuntimeError) -> ConfigBundle {
        guard let requested else {
            let id = "workspace-runtime-\(profile)"
            if let existing = bundles[id] { return existing }
            return ConfigBundle.workspaceDefault(profile: profile, workspaceId: workspaceId, createdAt: now())
        }
        guard let bundle = bundles[requested.id] else { throw .configBundleMissing(id: requested.id) }
        guard bundle.metadata.digest == requested.digest, bundle.computedDigest == requested.digest else {
            throw .configBundleDigestMismatch
        }
        guard bundle.declares(profile: profile) else {
            throw .invalidProfileSelector("bundle \(bundle.metadata.id) does not declare profile \(profile)")
        }
        return bundle
    }

    func sink(for worker: WorkerId) -> TurnSink {
        TurnSink({ [weak self] report in
            await self?.receive(report, for: worker)
        }, decide: { [weak self] turn, call, policy, preview in
            await self?.decideTool(worker, turn: turn, call: call, policy: policy, preview: preview) ?? .ended
        }, post: { [weak self] report in
            self?.post(report, for: worker)
        }, isWatched: { [textWatchers] in
            textWatchers.watch(worker)
        })
    }

    /// A report handled on this actor's queue after everything enqueued
    /// before it, the caller not waiting: a streamed delta costs one thread
    /// hop instead of a hop there and one back (B12). Reports the caller
    /// awaits later still come after it (one serial queue).
    nonisolated func post(_ report: TurnReport, for worker: WorkerId) {
        executor.post { [self] in
            assumeIsolated { runtime in runtime.receive(report, for: worker) }
        }
    }
}
