import Foundation
import Synchronization

/// Which workers' streamed text some live observer watches now: asked by a
/// provider's client on its own thread as it reads (`TurnSink.isWatched`),
/// so it is under a lock of its own rather than on the runtime's actor.
/// A reply nobody watches is read in batches (its text is only stored);
/// one somebody watches, as it arrives.
final class TextWatchers: Sendable {
    /// Per observation: whether it wants a worker's text now.
    private let watchers = Mutex<[UUID: @Sendable (WorkerId) -> Bool]>([:])

    func add(_ id: UUID, wants: @escaping @Sendable (WorkerId) -> Bool) {
        watchers.withLock { $0[id] = wants }
    }

    func remove(_ id: UUID) {
        _ = watchers.withLock { $0.removeValue(forKey: id) }
    }

    /// The predicates are called outside the lock: a registry's takes a lock of its own.
    func watch(_ worker: WorkerId) -> Bool {
        watchers.withLock { Array($0.values) }.contains { $0(worker) }
    }
}
