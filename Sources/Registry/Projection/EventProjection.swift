import Foundation
import Runtime

/// One event of a runtime's log.
public struct RuntimeEventProjection: Hashable, Sendable, Codable {
    // Spelled out: the wire codec has no key strategy (it cost a third
    // of the 1,000-worker list's time, B10). A new property needs its key here.
    private enum CodingKeys: String, CodingKey {
        case id, runtimeId = "runtime_id", workerId = "worker_id", kind, message, createdAt = "created_at"
    }

    public var id: Int64
    public var runtimeId: String
    public var workerId: String?
    public var kind: String
    public var message: String
    public var createdAt: Date

    public init(id: Int64, runtimeId: String, workerId: String?, kind: String, message: String, createdAt: Date) {
        self.id = id
        self.runtimeId = runtimeId
        self.workerId = workerId
        self.kind = kind
        self.message = message
        self.createdAt = createdAt
    }
}

/// A page of events and where to continue.
public struct EventsPage: Hashable, Sendable, Codable {
    // Spelled out: the wire codec has no key strategy (it cost a third
    // of the 1,000-worker list's time, B10). A new property needs its key here.
    private enum CodingKeys: String, CodingKey {
        case runtimeId = "runtime_id", events, nextCursor = "next_cursor", hasMore = "has_more"
    }

    public var runtimeId: String
    public var events: [RuntimeEventProjection]
    /// The next event id to read.
    public var nextCursor: Int64
    public var hasMore: Bool

    public init(runtimeId: String, events: [RuntimeEventProjection], nextCursor: Int64, hasMore: Bool) {
        self.runtimeId = runtimeId
        self.events = events
        self.nextCursor = nextCursor
        self.hasMore = hasMore
    }
}

/// A live, unpersisted update about one worker, for consoles.
public enum LiveUpdate: Hashable, Sendable {
    case turnStarted(WorkerKey, turn: UInt64)
    case delta(WorkerKey, turn: UInt64, text: String)
    /// What the turn streamed since its last committed entry: replaces the
    /// turn's live text (deltas after it append). Sent to a subscriber that
    /// starts wanting this worker's text mid-turn (`LiveSubscription.showText`).
    case textSoFar(WorkerKey, turn: UInt64, text: String)
    case retrying(WorkerKey, turn: UInt64, message: String)
    case usage(WorkerKey, turn: UInt64, Usage)
    /// A committed entry; replaces any live text of its turn.
    case entry(WorkerKey, TranscriptItem)
    case turnEnded(WorkerKey, turn: UInt64, ending: TurnOutcome)
    case workerChanged(WorkerSummary)
    /// The worker was deleted (by any client): drop it.
    case workerDeleted(WorkerKey)
    /// A runtime's status changed (a remote connected or went away, a
    /// client became the owner): re-read runtimes and workers.
    case runtimeChanged(RuntimeSummary)

    public var key: WorkerKey? {
        switch self {
        case let .turnStarted(key, _), let .delta(key, _, _), let .textSoFar(key, _, _), let .retrying(key, _, _), let .usage(key, _, _),
             let .entry(key, _), let .turnEnded(key, _, _), let .workerDeleted(key):
            key
        case let .workerChanged(summary):
            summary.key
        case .runtimeChanged:
            nil
        }
    }
}
