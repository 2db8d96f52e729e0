import Foundation

extension WorkerRuntime {
    /// For a read-only observer: re-reads the store when its event log grew,
    /// replaces the catalog, and tells subscribers and live observers what
    /// changed (new events, changed workers, newly committed entries).
    /// Returns whether anything changed. A no-op for the store's owner.
    @discardableResult
    public func refreshFromStore() throws(RuntimeError) -> Bool {
        guard isReadOnly else { return false }
        let lastId = try store.lastEventId()
        guard lastId > lastPolledEventId else { return false }
        let snapshot = try store.load()
        if let persisted = snapshot.state {
            state = persisted
        }
        var changed: [WorkerRecord] = []
        for record in snapshot.workers where workers[record.ref.workerId] != record {
            let previousLength = workers[record.ref.workerId]?.transcriptLength ?? 0
            workers[record.ref.workerId] = record
            changed.append(record)
            if record.transcriptLength > previousLength {
                let entries = (try? store.transcript(
                    worker: record.ref.workerId, start: previousLength,
                    limit: min(record.transcriptLength - previousLength, limits.maxTranscriptPage)
                )) ?? []
                for entry in entries { publish(WorkerLiveEvent(ref: record.ref, event: .entryCommitted(entry))) }
            }
        }
        bundles = Dictionary(snapshot.bundles.map { ($0.metadata.id, $0) }, uniquingKeysWith: { $1 })
        diagnostics = snapshot.diagnostics
        for record in changed {
            publish(WorkerLiveEvent(ref: record.ref, event: .workerChanged(record, diagnostics: diagnostics(of: record.ref))))
        }
        lastPolledEventId = lastId
        wakeEventWaiters()
        return true
    }

    /// Starts polling the store's event cursor (observers only), at most
    /// `perSecond` times a second (capped at 4). Cancelled by `stopPolling`.
    public func startPolling(perSecond: Int = 4) {
        guard isReadOnly, pollTask == nil else { return }
        let interval = Duration.milliseconds(1000 / max(1, min(4, perSecond)))
        pollTask = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self else { return }
                _ = try? await self.refreshFromStore()
            }
        }
    }

    public func stopPolling() {
        pollTask?.cancel()
        pollTask = nil
    }
}
