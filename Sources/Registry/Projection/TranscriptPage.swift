import Foundation
import Runtime

/// One transcript item as the registry shows it. Content is verbatim;
/// whoever draws it sanitises it.
public struct TranscriptItem: Hashable, Sendable, Codable {
    // Spelled out: the wire codec has no key strategy (it cost a third
    // of the 1,000-worker list's time, B10). A new property needs its key here.
    private enum CodingKeys: String, CodingKey {
        case sequence, role, kind, content, createdAt = "created_at", interrupted
        case toolCall = "tool_call", toolResult = "tool_result"
    }

    public var sequence: Int
    public var role: EntryRole
    public var kind: EntryKind
    public var content: String
    public var createdAt: Date?
    /// A reply cut short (interrupt, stop, cancel, quit): what streamed before.
    public var interrupted: Bool
    /// For a `tool_call` item: the call (untrusted text, sanitised at display).
    public var toolCall: ToolCallRequest?
    /// For a `tool_result` item: status, output, truncated flag, diff.
    public var toolResult: ToolResult?

    public init(sequence: Int, role: EntryRole, kind: EntryKind, content: String, createdAt: Date?,
                interrupted: Bool = false) {
        self.sequence = sequence
        self.role = role
        self.kind = kind
        self.content = content
        self.createdAt = createdAt
        self.interrupted = interrupted
    }

    public init(_ entry: TranscriptEntry) {
        self.init(sequence: entry.sequence, role: EntryRole(entry.role), kind: EntryKind(entry.kind), content: entry.content,
                  createdAt: entry.createdAt, interrupted: entry.interrupted)
    }
}

/// A bounded transcript page: items `[start, min(start+limit, total))`;
/// `nextStart` only when more follow.
public struct TranscriptPage: Hashable, Sendable, Codable {
    // Spelled out: the wire codec has no key strategy (it cost a third
    // of the 1,000-worker list's time, B10). A new property needs its key here.
    private enum CodingKeys: String, CodingKey {
        case runtimeId = "runtime_id", workerId = "worker_id", start, limit, totalItems = "total_items",
            nextStart = "next_start", items
    }

    public var runtimeId: String
    public var workerId: String
    public var start: Int
    public var limit: Int
    public var totalItems: Int
    public var nextStart: Int?
    public var items: [TranscriptItem]

    public init(runtimeId: String, workerId: String, start: Int, limit: Int, totalItems: Int,
                nextStart: Int?, items: [TranscriptItem]) {
        self.runtimeId = runtimeId
        self.workerId = workerId
        self.start = start
        self.limit = limit
        self.totalItems = totalItems
        self.nextStart = nextStart
        self.items = items
    }
}

/// What an accepted input produced.
public struct InputAccepted: Hashable, Sendable, Codable {
    // Spelled out: the wire codec has no key strategy (it cost a third
    // of the 1,000-worker list's time, B10). A new property needs its key here.
    private enum CodingKeys: String, CodingKey {
        case runtimeId = "runtime_id", workerId = "worker_id", transcriptSequence = "transcript_sequence",
            eventId = "event_id", turn
    }

    public var runtimeId: String
    public var workerId: String
    public var transcriptSequence: Int
    public var eventId: Int64
    /// The turn the input started; live updates carry it.
    public var turn: UInt64
}
