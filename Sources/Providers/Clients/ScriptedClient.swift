import Runtime

/// The `scripted` scheme: an offline, deterministic reply through the same
/// turn path as a real provider. Chosen only explicitly (the `scripted`
/// profile or a provider configured with `scheme = "scripted"`), never as a
/// fallback, and labelled `scripted/<model>` wherever a model is shown.
///
/// Two labelled rules, nothing else:
/// - Echo: the reply is `[scripted] ` followed by the words of the latest
///   user message in reverse order ("one two three" → "[scripted] three two
///   one"), streamed as one delta for the prefix and one per word. Usage
///   counts words: input = words of the user message, output = words of the
///   reply after the prefix.
/// - Tools (tools.md): when the latest user message has lines
///   `/tool NAME {json}`, the first request calls those tools, in order,
///   with ids `scripted-1`, `scripted-2`… and the text after NAME
///   (trimmed) as the arguments, and writes no text (usage: input = words
///   of the user message, output = the number of calls). When the request
///   ends with tool results, the reply is one line per result,
///   `[scripted] NAME: STATUS (first line of output)`, streamed as one delta
///   for each prefix and one for the rest of each line (usage counts the
///   results and the lines).
///
/// Every delta comes after `delay`.
struct ScriptedClient: ChatClient {
    let delay: Duration
    let sleep: @Sendable (Duration) async throws -> Void

    static let prefix = "[scripted] "
    static let toolCommand = "/tool"

    static func pieces(replyingTo input: String) -> [String] {
        let words = input.split(whereSeparator: \.isWhitespace).reversed().map(String.init)
        var pieces = [prefix]
        for (index, word) in words.enumerated() {
            pieces.append(index == words.count - 1 ? word : word + " ")
        }
        return pieces
    }

    /// The calls `/tool NAME {json}` lines ask for, in order.
    static func calls(in input: String) -> [ToolCallRequest] {
        var calls: [ToolCallRequest] = []
        for line in input.split(whereSeparator: \.isNewline) {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix(toolCommand + " ") else { continue }
            let rest = text.dropFirst(toolCommand.count).drop(while: \.isWhitespace)
            let name = rest.prefix(while: { !$0.isWhitespace })
            guard !name.isEmpty else { continue }
            let arguments = rest.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
            calls.append(ToolCallRequest(callId: "scripted-\(calls.count + 1)", tool: String(name), arguments: arguments))
        }
        return calls
    }

    /// One line per result of the trailing tool messages, each split into
    /// the prefix and the rest.
    static func pieces(summarising messages: [ChatMessage]) -> [String] {
        let results = messages.reversed().prefix(while: { $0.role == .tool }).reversed()
        let calls = messages.last(where: { !$0.toolCalls.isEmpty })?.toolCalls ?? []
        var pieces: [String] = []
        for (index, message) in results.enumerated() {
            guard let result = message.toolResult else { continue }
            let tool = calls.first { $0.callId == result.callId }?.tool ?? "tool"
            var line = "\(tool): \(result.status.rawValue)"
            let first = result.output.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            if !first.isEmpty { line += " (\(first.count > 80 ? String(first.prefix(79)) + "…" : first))" }
            pieces += [prefix, index == results.count - 1 ? line : line + "\n"]
        }
        return pieces
    }

    func stream(_ request: ChatRequest, post: TextPost?,
                onEvent: (ClientEvent) async -> Void) async throws(ProviderError) -> TokenUsage? {
        if request.messages.last?.role == .tool {
            let pieces = Self.pieces(summarising: request.messages)
            try await emit(pieces.map(ClientEvent.text), post: post, onEvent: onEvent)
            return TokenUsage(input: pieces.count / 2, output: pieces.count / 2)
        }
        let input = request.messages.last { $0.role == .user }?.content ?? ""
        let calls = Self.calls(in: input)
        if !calls.isEmpty {
            try await emit(calls.map(ClientEvent.toolCall), post: post, onEvent: onEvent)
            return TokenUsage(input: input.split(whereSeparator: \.isWhitespace).count, output: calls.count)
        }
        let pieces = Self.pieces(replyingTo: input)
        try await emit(pieces.map(ClientEvent.text), post: post, onEvent: onEvent)
        return TokenUsage(input: pieces.count - 1, output: pieces.count - 1)
    }

    private func emit(_ events: [ClientEvent], post: TextPost?,
                      onEvent: (ClientEvent) async -> Void) async throws(ProviderError) {
        for event in events {
            if delay > .zero {
                do { try await sleep(delay) } catch { throw .cancelled }
            }
            if Task.isCancelled { throw .cancelled }
            if case let .text(text) = event, let post { post(text) } else { await onEvent(event) }
        }
    }
}
