import Foundation

public enum RuntimeEventKind: String, Sendable, Codable, CaseIterable {
    case runtimeStarted = "runtime_started"
    case runtimeStopped = "runtime_stopped"
    case workerCreated = "worker_created"
    case workerInputAccepted = "worker_input_accepted"
    case workerTurnCompleted = "worker_turn_completed"
    case workerTurnFailed = "worker_turn_failed"
    case workerTurnInterrupted = "worker_turn_interrupted"
    case workerCancelled = "worker_cancelled"
    case workerStopped = "worker_stopped"
    case workerReconnected = "worker_reconnected"
    case workerExecutionStale = "worker_execution_stale"
    case workerToolCalled = "worker_tool_called"
    case workerToolFinished = "worker_tool_finished"
    case workerApprovalRequested = "worker_approval_requested"
    case workerApprovalAnswered = "worker_approval_answered"
    case workerRenamed = "worker_renamed"
    case workerArchived = "worker_archived"
    case workerUnarchived = "worker_unarchived"
    /// The one record a deleted worker leaves in the log (its other events go with it).
    case workerDeleted = "worker_deleted"
    case workerForked = "worker_forked"
}

/// One entry of the runtime's persisted event log. Ids are monotonic from 1.
public struct RuntimeEvent: Hashable, Sendable, Codable {
    public var id: Int64
    public var workerRef: WorkerRef?
    public var kind: RuntimeEventKind
    public var message: String
    public var createdAt: Date

    public init(id: Int64, workerRef: WorkerRef?, kind: RuntimeEventKind, message: String, createdAt: Date) {
        self.id = id
        self.workerRef = workerRef
        self.kind = kind
        self.message = message
        self.createdAt = createdAt
    }
}

/// Where a reader of the event log stands: the next event id it wants.
public struct EventCursor: Hashable, Sendable, Codable {
    public var runtimeId: RuntimeId
    public var nextEventId: Int64

    public init(runtimeId: RuntimeId, nextEventId: Int64) {
        self.runtimeId = runtimeId
        self.nextEventId = max(1, nextEventId)
    }

    public static func fromStart(_ runtimeId: RuntimeId) -> EventCursor {
        EventCursor(runtimeId: runtimeId, nextEventId: 1)
    }
}

public struct EventPage: Hashable, Sendable, Codable {
    public var events: [RuntimeEvent]
    /// Where to continue reading.
    public var cursor: EventCursor
    public var hasMore: Bool

    public init(events: [RuntimeEvent], cursor: EventCursor, hasMore: Bool) {
        self.events = events
        self.cursor = cursor
        self.hasMore = hasMore
    }
}
