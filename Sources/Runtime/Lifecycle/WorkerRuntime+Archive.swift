import Foundation

extension WorkerRuntime {
    /// Hides the worker from default lists (`archived`), or shows it again,
    /// as one transaction: the worker row and a `worker_archived` or
    /// `worker_unarchived` event. Any catalog status; display only, so a
    /// running worker keeps running. Repeating it returns the worker as it
    /// is and writes nothing, like a repeated stop.
    ///
    /// Throws `wrongRuntime`, `workerNotFound`, `readOnly`, `runtimeStopped`.
    @discardableResult
    public func setArchived(_ ref: WorkerRef, _ archived: Bool) throws(RuntimeError) -> WorkerRecord {
        let record = try record(for: ref)
        try checkMutable()
        guard record.archived != archived else { return record }
        try commit { mutation in
            var updated = record
            updated.archived = archived
            mutation.put(updated)
            mutation.addEvent(archived ? .workerArchived : .workerUnarchived, worker: ref,
                              message: archived ? "worker archived" : "worker unarchived")
        }
        return workers[ref.workerId]!
    }
}
