import Foundation
import Runtime

/// One transcript entry a search found. `snippet` is verbatim text around
/// the match (one line); whoever draws it sanitises it.
public struct SearchMatch: Hashable, Sendable, Codable {
    // Spelled out, like every wire type: the codec has no key strategy.
    private enum CodingKeys: String, CodingKey {
        case runtimeId = "runtime_id", workerId = "worker_id", sequence, role, kind, snippet, createdAt = "created_at"
    }

    public var runtimeId: String
    public var workerId: String
    /// The entry's sequence in its worker's transcript (from 1).
    public var sequence: Int
    public var role: EntryRole
    public var kind: EntryKind
    public var snippet: String
    public var createdAt: Date?

    public init(runtimeId: String, workerId: String, sequence: Int, role: EntryRole, kind: EntryKind,
                snippet: String, createdAt: Date?) {
        self.runtimeId = runtimeId
        self.workerId = workerId
        self.sequence = sequence
        self.role = role
        self.kind = kind
        self.snippet = snippet
        self.createdAt = createdAt
    }

    public var key: WorkerKey { WorkerKey(runtimeId: runtimeId, workerId: workerId) }
}

/// `GET /v1/runtimes/{runtime_id}/search?q=TEXT&limit=N`: matches newest
/// first, at most `limit`.
public struct SearchPage: Hashable, Sendable, Codable {
    // Spelled out, like every wire type: the codec has no key strategy.
    private enum CodingKeys: String, CodingKey {
        case runtimeId = "runtime_id", query, limit, matches
    }

    public var runtimeId: String
    /// The text as asked (not the words it became).
    public var query: String
    public var limit: Int
    public var matches: [SearchMatch]

    public init(runtimeId: String, query: String, limit: Int, matches: [SearchMatch]) {
        self.runtimeId = runtimeId
        self.query = query
        self.limit = limit
        self.matches = matches
    }

    /// The default and largest `limit` (the runtime's cap).
    public static let defaultLimit = 50
    public static let maxLimit = WorkerRuntime.maxSearchResults
}
