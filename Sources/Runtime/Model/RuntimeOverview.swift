public enum StoreKind: String, Sendable, Codable {
    case memory, file
}

public enum RuntimeStatus: String, Sendable, Codable {
    case running, stopped
}

public struct WorkerCounts: Hashable, Sendable, Codable {
    /// Workers not archived (`active`, `stopped`, `cancelled`, `stale` count
    /// among these); `busy` and `needsApproval` count archived ones too.
    public var workers = 0
    public var archived = 0
    /// Running workers.
    public var active = 0
    public var busy = 0
    public var stopped = 0
    public var cancelled = 0
    public var stale = 0
    /// Running workers waiting for an operator's answer to a tool call.
    public var needsApproval = 0

    public init() {}
}

/// Configured bounds; requests beyond them are errors, never silently clipped.
public struct RuntimeLimits: Hashable, Sendable, Codable {
    public var maxInputBytes: Int
    public var maxTranscriptPage: Int
    public var maxEventPage: Int
    public var maxWorkerList: Int

    public init(maxInputBytes: Int = 256 * 1024, maxTranscriptPage: Int = 256,
                maxEventPage: Int = 1024, maxWorkerList: Int = 10_000) {
        self.maxInputBytes = maxInputBytes
        self.maxTranscriptPage = maxTranscriptPage
        self.maxEventPage = maxEventPage
        self.maxWorkerList = maxWorkerList
    }
}

public struct RuntimeOverview: Hashable, Sendable, Codable {
    public var runtimeId: RuntimeId
    public var displayName: String
    public var storeKind: StoreKind
    public var status: RuntimeStatus
    /// True when another process owns the store and this runtime only observes it.
    public var readOnly: Bool
    public var counts: WorkerCounts
    public var diagnosticCount: Int
    public var limits: RuntimeLimits
    public var backendAttached: Bool
}
