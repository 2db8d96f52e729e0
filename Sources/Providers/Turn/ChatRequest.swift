import Runtime

/// One message of an execution's conversation, as the wire formats send it.
struct ChatMessage: Hashable, Sendable {
    enum Role: String, Hashable, Sendable { case user, assistant, tool }
    var role: Role
    /// User or assistant text (may be empty for an assistant that only
    /// called tools); for `tool`, the result's output.
    var content: String
    /// `assistant`: the calls it made, in order.
    var toolCalls: [ToolCallRequest] = []
    /// `tool`: the result of one call.
    var toolResult: ToolResult?

    static func user(_ text: String) -> ChatMessage { ChatMessage(role: .user, content: text) }

    static func assistant(_ text: String, calls: [ToolCallRequest] = []) -> ChatMessage {
        ChatMessage(role: .assistant, content: text, toolCalls: calls)
    }

    static func tool(_ result: ToolResult) -> ChatMessage {
        ChatMessage(role: .tool, content: result.output, toolResult: result)
    }
}

/// What one request asks a provider: the whole conversation so far.
struct ChatRequest: Hashable, Sendable {
    /// The model id within its provider (no `provider/` prefix).
    var model: String
    var systemPrompt: String?
    var messages: [ChatMessage]
    var maxTokens: Int?
    var temperature: Double?
    /// The tools offered; empty sends no `tools` at all (tools-less).
    var tools: [ToolSpec] = []
}

extension ToolResult {
    /// The result as the model reads it: the output, prefixed with the
    /// status unless it is `ok` ("denied: denied by policy").
    var modelText: String {
        status == .ok ? output : "\(status.rawValue): \(output)"
    }
}
