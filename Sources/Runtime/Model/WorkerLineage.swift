import Foundation

/// Where a forked worker came from: the worker it was forked from and the
/// last entry copied (its transcript begins as entries 1…`entry` of the
/// parent's). Display only, like a label: it never resolves the parent, which
/// may be deleted since.
public struct WorkerParent: Hashable, Sendable, Codable {
    public var workerId: WorkerId
    /// The parent's entry the copy ends at (0: forked before any entry).
    public var entry: Int

    public init(workerId: WorkerId, entry: Int) {
        self.workerId = workerId
        self.entry = entry
    }
}

/// A deleted worker whose directory is still to be removed: persisted in the
/// same transaction as the deletion, dropped once the removal succeeded, so a
/// crash in between leaves a marker that the next owner retries (the removal
/// is idempotent).
public struct PendingRemoval: Hashable, Sendable, Codable {
    public var ref: WorkerRef
    /// The profile the worker was created with: it says workspace or worktree.
    public var profile: String
    public var requestedAt: Date

    public init(ref: WorkerRef, profile: String, requestedAt: Date) {
        self.ref = ref
        self.profile = profile
        self.requestedAt = requestedAt
    }
}
