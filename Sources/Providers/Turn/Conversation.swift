import Runtime

/// One thing a conversation holds, in transcript order.
enum ConversationItem: Hashable, Sendable {
    case user(String)
    /// A complete assistant block (never a reply cut short).
    case assistant(String)
    case toolCall(ToolCallRequest)
    case toolResult(ToolResult)
}

/// An execution's conversation: the system prompt and the items of its
/// transcript that a provider sees, in order.
///
/// The live execution and a reconnect build it the same way: the live one
/// appends exactly what the runtime commits (user input, completed
/// assistant blocks, tool calls and their results), a reconnect reads those
/// entries back, and `messages` derives the wire history from the items.
/// So a reconnect sends what the running execution would have.
///
/// Policy: the user message is kept whatever happens to its turn; a reply
/// cut short is never an item. A failed or interrupted turn can thus leave
/// two user messages in a row, which both wire schemes accept.
struct Conversation: Hashable, Sendable {
    var systemPrompt: String?
    private(set) var items: [ConversationItem] = []

    /// The output of the result paired with a call that has none (a turn
    /// cut short before the runtime closed it; restore closes such calls
    /// itself, this only keeps the wire history valid).
    static let missingResultOutput = "interrupted"

    init(systemPrompt: String?) {
        self.systemPrompt = systemPrompt
    }

    /// Seeds from a persisted transcript: user and assistant messages, tool
    /// calls and their results; system entries (errors, notices) are
    /// skipped, and so are replies cut short (`interrupted`): a live
    /// execution never had them in its conversation either.
    init(systemPrompt: String?, transcript: [TranscriptEntry]) {
        self.systemPrompt = systemPrompt
        for entry in transcript {
            switch (entry.role, entry.kind) {
            case (.user, .message) where !entry.interrupted: items.append(.user(entry.content))
            case (.assistant, .message) where !entry.interrupted: items.append(.assistant(entry.content))
            case (_, .toolCall): if let call = entry.toolCall { items.append(.toolCall(call)) }
            case (_, .toolResult): if let result = entry.toolResult { items.append(.toolResult(result)) }
            default: continue
            }
        }
    }

    mutating func append(_ item: ConversationItem) {
        items.append(item)
    }

    /// Every call id the conversation holds, so a minted id stays unique.
    var callIds: Set<String> {
        Set(items.compactMap { if case let .toolCall(call) = $0 { call.callId } else { nil } })
    }

    /// The wire history. An assistant text and the tool calls that follow
    /// it (up to the next text or user message) are one assistant message,
    /// followed by one `tool` message per call, in call order. A call
    /// without a result gets an `interrupted` one; a result without a call
    /// is dropped: both schemes refuse either unpaired.
    var messages: [ChatMessage] {
        var messages: [ChatMessage] = []
        var text: String?
        var calls: [ToolCallRequest] = []
        var results: [String: ToolResult] = [:]

        func flush() {
            defer { text = nil; calls = []; results = [:] }
            guard text != nil || !calls.isEmpty else { return }
            messages.append(.assistant(text ?? "", calls: calls))
            for call in calls {
                messages.append(.tool(results[call.callId]
                    ?? ToolResult(callId: call.callId, status: .interrupted, output: Self.missingResultOutput)))
            }
        }

        for item in items {
            switch item {
            case let .user(content):
                flush()
                messages.append(.user(content))
            case let .assistant(content):
                flush()
                text = content
            case let .toolCall(call):
                // A repeated id (a transcript written twice) would break the pairing.
                if !calls.contains(where: { $0.callId == call.callId }) { calls.append(call) }
            case let .toolResult(result):
                if calls.contains(where: { $0.callId == result.callId }), results[result.callId] == nil {
                    results[result.callId] = result
                }
            }
        }
        flush()
        return messages
    }
}
