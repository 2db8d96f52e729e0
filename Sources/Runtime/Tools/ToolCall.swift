import Foundation

/// One tool call as the model asked for it. All of it is untrusted text:
/// `tool` may name no tool at all and `arguments` may be any text, not
/// necessarily JSON; whoever runs the call answers those with an `error`
/// result the model can read.
public struct ToolCallRequest: Hashable, Sendable, Codable {
    /// The provider's call id (`call_…`, `toolu_…`), or one the backend minted.
    public var callId: String
    public var tool: String
    /// The arguments as the model streamed them (JSON text).
    public var arguments: String

    public init(callId: String, tool: String, arguments: String) {
        self.callId = callId
        self.tool = tool
        self.arguments = arguments
    }

    /// The built-in tool it names, if any.
    public var toolName: ToolName? { ToolName(rawValue: tool) }

    enum CodingKeys: String, CodingKey { case callId = "call_id", tool, arguments }
}

public enum ToolResultStatus: String, Sendable, Codable, CaseIterable {
    case ok, error, denied, interrupted
}

/// What a call produced, as the model and the operator see it.
public struct ToolResult: Hashable, Sendable, Codable {
    public var callId: String
    public var status: ToolResultStatus
    /// Untrusted text (file contents, command output): sanitised at display.
    public var output: String
    /// The output was capped (tools.md bounds).
    public var truncated: Bool
    /// A unified diff of what `edit` or `write` changed.
    public var diff: String?

    public init(callId: String, status: ToolResultStatus, output: String, truncated: Bool = false, diff: String? = nil) {
        self.callId = callId
        self.status = status
        self.output = output
        self.truncated = truncated
        self.diff = diff
    }

    enum CodingKeys: String, CodingKey { case callId = "call_id", status, output, truncated, diff }
}

/// The runtime's answer to a backend that wants to run a call.
public enum ToolDecision: Hashable, Sendable {
    /// Run it (allowed by policy, by an earlier "always", or by the operator).
    case run
    /// Do not run it; `reason` is the result's output the model reads
    /// ("denied by policy", "denied by the operator: …").
    case denied(reason: String)
    /// The turn is no longer current (interrupted, stopped, cancelled): the
    /// backend stops the turn without running anything.
    case ended
}

extension TranscriptEntry {
    /// The call a `toolCall` entry records (its content is the call's JSON).
    public var toolCall: ToolCallRequest? {
        guard kind == .toolCall else { return nil }
        return try? JSONDecoder().decode(ToolCallRequest.self, from: Data(content.utf8))
    }

    /// The result a `toolResult` entry records (its content is the result's JSON).
    public var toolResult: ToolResult? {
        guard kind == .toolResult else { return nil }
        return try? JSONDecoder().decode(ToolResult.self, from: Data(content.utf8))
    }

    /// The stored content of a tool entry: canonical JSON of the record.
    public static func content<T: Encodable>(of record: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Structs of strings and booleans always encode.
        return String(decoding: try! encoder.encode(record), as: UTF8.self)
    }
}
