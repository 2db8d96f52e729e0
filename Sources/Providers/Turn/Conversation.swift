import Runtime

/// One message of an execution's conversation.
struct ChatMessage: Hashable, Sendable {
    enum Role: String, Hashable, Sendable { case user, assistant }
    var role: Role
    var content: String
}

/// What one turn asks a provider: the whole conversation so far.
struct ChatRequest: Hashable, Sendable {
    /// The model id within its provider (no `provider/` prefix).
    var model: String
    var systemPrompt: String?
    var messages: [ChatMessage]
    var maxTokens: Int?
    var temperature: Double?
}

/// An execution's conversation history: the system prompt and the user and
/// assistant messages, in order.
///
/// Policy: the user message is appended when the turn starts and kept
/// whatever happens (the transcript keeps it too, and a reconnect reseeds
/// from the transcript, so both stay alike); the assistant reply is
/// appended only when the turn completes. A failed or interrupted turn thus
/// leaves two user messages in a row, which both wire schemes accept.
struct Conversation: Hashable, Sendable {
    var systemPrompt: String?
    private(set) var messages: [ChatMessage] = []

    init(systemPrompt: String?) {
        self.systemPrompt = systemPrompt
    }

    /// Seeds from a persisted transcript: user messages and assistant
    /// messages in order; system entries (errors, notices) are skipped, and
    /// so are replies cut short (`interrupted`): a live execution never had
    /// them in its conversation either, so a reconnect sends what the
    /// running one would have.
    init(systemPrompt: String?, transcript: [TranscriptEntry]) {
        self.systemPrompt = systemPrompt
        for entry in transcript where entry.kind == .message && !entry.interrupted {
            switch entry.role {
            case .user: messages.append(ChatMessage(role: .user, content: entry.content))
            case .assistant: messages.append(ChatMessage(role: .assistant, content: entry.content))
            case .system, .tool: continue
            }
        }
    }

    mutating func append(_ role: ChatMessage.Role, _ content: String) {
        messages.append(ChatMessage(role: role, content: content))
    }
}
