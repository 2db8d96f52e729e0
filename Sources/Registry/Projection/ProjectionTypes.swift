import Runtime

/// What an operator reads as a worker's status, across sources. Registry's
/// own type: the console and the CLI match on it, never on strings (the raw
/// values are what `--json` and the screen show).
public enum WorkerStatus: String, Hashable, Sendable, Codable, CaseIterable {
    // Embedded workers.
    case idle, busy, stale, unconnected, stopped, cancelled, errored
    /// Busy, waiting for an operator's answer to a tool call ("needs you").
    case needsApproval = "needs_approval"
    // Local compatibility workers.
    case active, live, pending
    case metadataOnly = "metadata_only"

    /// Finished for good: takes no input, cannot be stopped again.
    public var isTerminal: Bool { self == .stopped || self == .cancelled }
    /// Has no live execution; `reconnect` gives it one.
    public var needsReconnect: Bool { self == .stale || self == .unconnected || self == .errored }
}

/// What a worker's execution is doing.
public enum WorkerRunState: String, Hashable, Sendable, Codable, CaseIterable {
    case idle, busy, errored, stopped, unconnected
    case awaitingApproval = "awaiting_approval"
}

/// A runtime's status as the registry shows it.
public enum RuntimeStatus: String, Hashable, Sendable, Codable, CaseIterable {
    // Embedded runtime.
    case running, stopped, unavailable
    /// Another console owns the store: this one observes it.
    case readOnly = "read_only"
    // Local compatibility source.
    case available, degraded
    // A remote runtime (serve.md): reaching it, reached.
    case connecting, connected
}

/// Who wrote a transcript entry.
public enum EntryRole: String, Hashable, Sendable, Codable, CaseIterable {
    case user, assistant, system, tool
}

/// What kind of entry it is.
public enum EntryKind: String, Hashable, Sendable, Codable, CaseIterable {
    case message, error, notice
    case toolCall = "tool_call", toolResult = "tool_result"
}

/// Token usage as the registry shows it.
public struct Usage: Hashable, Sendable, Codable {
    public var input: Int
    public var output: Int
    public var cached: Int

    public init(input: Int = 0, output: Int = 0, cached: Int = 0) {
        self.input = input
        self.output = output
        self.cached = cached
    }

    init(_ usage: TokenUsage) { self.init(input: usage.input, output: usage.output, cached: usage.cached) }
}

extension EntryRole {
    init(_ role: TranscriptRole) {
        switch role {
        case .user: self = .user
        case .assistant: self = .assistant
        case .system: self = .system
        case .tool: self = .tool
        }
    }
}

extension EntryKind {
    init(_ kind: TranscriptKind) {
        switch kind {
        case .message: self = .message
        case .error: self = .error
        case .notice: self = .notice
        case .toolCall: self = .toolCall
        case .toolResult: self = .toolResult
        }
    }
}

extension WorkerRunState {
    init(_ state: RunState) {
        switch state {
        case .idle: self = .idle
        case .busy: self = .busy
        case .errored: self = .errored
        case .stopped: self = .stopped
        case .unconnected: self = .unconnected
        case .awaitingApproval: self = .awaitingApproval
        }
    }
}

/// How a turn ended, as live updates report it.
public enum TurnOutcome: String, Hashable, Sendable, Codable, CaseIterable {
    case completed, failed, interrupted, stopped, cancelled

    init(_ ending: TurnEnding) {
        switch ending {
        case .completed: self = .completed
        case .failed: self = .failed
        case .interrupted: self = .interrupted
        case .stopped: self = .stopped
        case .cancelled: self = .cancelled
        }
    }
}
