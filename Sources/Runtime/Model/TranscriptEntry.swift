import Foundation

public enum TranscriptRole: String, Sendable, Codable, CaseIterable {
    /// `tool`: a tool's result (tools.md), fed back to the model.
    case user, assistant, system, tool
}

public enum TranscriptKind: String, Sendable, Codable, CaseIterable {
    case message, error, notice
    /// An assistant's request to run a tool; content is `ToolCallRequest` JSON.
    case toolCall = "tool_call"
    /// A tool's result; content is `ToolResult` JSON.
    case toolResult = "tool_result"
}

/// One committed transcript entry. Content is stored as given; whoever draws
/// it sanitises it.
public struct TranscriptEntry: Hashable, Sendable, Codable {
    /// Per worker, from 1, contiguous.
    public var sequence: Int
    public var role: TranscriptRole
    public var kind: TranscriptKind
    public var content: String
    /// The event committed in the same transaction.
    public var eventId: Int64
    public var createdAt: Date
    public var usage: TokenUsage?
    /// The reply was cut short (interrupt, stop, cancel, a clean quit or a
    /// failure mid-stream): `content` is what streamed before that.
    public var interrupted: Bool

    public init(sequence: Int, role: TranscriptRole, kind: TranscriptKind, content: String,
                eventId: Int64, createdAt: Date, usage: TokenUsage? = nil, interrupted: Bool = false) {
        self.sequence = sequence
        self.role = role
        self.kind = kind
        self.content = content
        self.eventId = eventId
        self.createdAt = createdAt
        self.usage = usage
        self.interrupted = interrupted
    }
}

/// A bounded transcript projection: items `[start, min(start+limit, total))`.
public struct TranscriptSlice: Hashable, Sendable, Codable {
    public var ref: WorkerRef
    public var start: Int
    public var limit: Int
    public var totalItems: Int
    public var items: [TranscriptEntry]
    /// Set only when more items follow.
    public var nextStart: Int?

    public init(ref: WorkerRef, start: Int, limit: Int, totalItems: Int, items: [TranscriptEntry], nextStart: Int?) {
        self.ref = ref
        self.start = start
        self.limit = limit
        self.totalItems = totalItems
        self.items = items
        self.nextStart = nextStart
    }
}
