import Foundation

extension WorkerRuntime {
    /// Sets the worker's operator label, as one transaction: the worker row
    /// and a `worker_renamed` event, nothing else. The label is cleaned like
    /// create's (`WorkerLabel.clean`). Any catalog status may be renamed, a
    /// label being display only; last activity does not move.
    ///
    /// Throws `wrongRuntime`, `workerNotFound`, `readOnly`, `runtimeStopped`,
    /// and `invalidRequest` when no usable label remains after cleaning.
    @discardableResult
    public func rename(_ ref: WorkerRef, label: String) throws(RuntimeError) -> WorkerRecord {
        let record = try record(for: ref)
        try checkMutable()
        guard let cleaned = WorkerLabel.clean(label) else {
            throw .invalidRequest("label must be 1-\(WorkerLabel.maxLength) visible characters")
        }
        try commit { mutation in
            var updated = record
            updated.label = cleaned
            mutation.put(updated)
            mutation.addEvent(.workerRenamed, worker: ref, message: "worker renamed")
        }
        return workers[ref.workerId]!
    }
}
