import Foundation

/// What `DELETE /v1/runtimes/{runtime_id}/workers/{worker_id}` (and
/// `workerdeck delete --json`) answers: the worker is gone from the catalog.
public struct DeletedWorker: Hashable, Sendable, Codable {
    // Spelled out, like every wire type: the codec has no key strategy.
    private enum CodingKeys: String, CodingKey {
        case runtimeId = "runtime_id", workerId = "worker_id", eventId = "event_id", directoryRemoved = "directory_removed"
    }

    public var runtimeId: String
    public var workerId: String
    /// The `worker_deleted` event: the one record of the worker the log keeps.
    public var eventId: Int64
    /// False: removing its directory (worktree) failed and is retried later.
    public var directoryRemoved: Bool

    public var key: WorkerKey { WorkerKey(runtimeId: runtimeId, workerId: workerId) }

    public init(runtimeId: String, workerId: String, eventId: Int64, directoryRemoved: Bool) {
        self.runtimeId = runtimeId
        self.workerId = workerId
        self.eventId = eventId
        self.directoryRemoved = directoryRemoved
    }
}

/// Where a forked worker came from (`parent` of a `WorkerSummary`).
public struct ForkParent: Hashable, Sendable, Codable {
    private enum CodingKeys: String, CodingKey {
        case workerId = "worker_id", entry
    }

    /// The worker it was forked from, in the same runtime (it may be deleted since).
    public var workerId: String
    /// The last of the parent's entries copied (numbered from 1; 0: none).
    public var entry: Int

    public init(workerId: String, entry: Int) {
        self.workerId = workerId
        self.entry = entry
    }
}
