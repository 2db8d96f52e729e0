import Runtime

/// The `scripted` scheme: an offline, deterministic reply through the same
/// turn path as a real provider. Chosen only explicitly (the `scripted`
/// profile or a provider configured with `scheme = "scripted"`), never as a
/// fallback, and labelled `scripted/<model>` wherever a model is shown.
///
/// The reply is `[scripted] ` followed by the words of the latest user
/// message in reverse order ("one two three" → "[scripted] three two one"),
/// streamed as one delta for the prefix and one per word, each after
/// `delay`. Usage counts words: input = words of the user message, output =
/// words of the reply after the prefix.
struct ScriptedClient: ChatClient {
    let delay: Duration
    let sleep: @Sendable (Duration) async throws -> Void

    static let prefix = "[scripted] "

    static func pieces(replyingTo input: String) -> [String] {
        let words = input.split(whereSeparator: \.isWhitespace).reversed().map(String.init)
        var pieces = [prefix]
        for (index, word) in words.enumerated() {
            pieces.append(index == words.count - 1 ? word : word + " ")
        }
        return pieces
    }

    func stream(_ request: ChatRequest, onEvent: (ClientEvent) async -> Void) async throws(ProviderError) -> TokenUsage? {
        let input = request.messages.last { $0.role == .user }?.content ?? ""
        let pieces = Self.pieces(replyingTo: input)
        for piece in pieces {
            if delay > .zero {
                do { try await sleep(delay) } catch { throw .cancelled }
            }
            if Task.isCancelled { throw .cancelled }
            await onEvent(.text(piece))
        }
        return TokenUsage(input: pieces.count - 1, output: pieces.count - 1)
    }
}
