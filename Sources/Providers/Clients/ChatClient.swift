import Runtime

/// What a client tells the turn while it streams.
enum ClientEvent: Hashable, Sendable {
    case text(String)
    /// A complete call; the turn runs it only once the stream completed.
    case toolCall(ToolCallRequest)
    /// A retry was scheduled before the first streamed byte; the message is
    /// already scrubbed ("retrying in 2 s (429)").
    case retrying(String)
}

/// Takes streamed text without waiting, from whichever thread the client
/// reads on (an HTTP client's event loop): no task wakes per delta.
struct TextPost: Sendable {
    let send: @Sendable (String) -> Void
    /// Whether anyone watches the text as it streams (`TurnSink.isWatched`):
    /// a reply nobody watches may be read in batches (`ReadPacer`).
    var isWatched: @Sendable () -> Bool = { true }

    func callAsFunction(_ text: String) { send(text) }
}

/// Streams one reply from one provider.
///
/// Invariants: `onEvent` is called in stream order and awaited each time,
/// from the calling task only. With `post`, streamed text goes there
/// instead of `onEvent(.text)`: in stream order, each piece before any
/// event that follows it and before the call returns. The call returns the
/// turn's usage (nil when the provider gave none) once the stream said it
/// was complete, or throws a scrubbed `ProviderError`; `.cancelled` when
/// the calling task was cancelled, after which it calls `onEvent` no more
/// (a piece already on its way to `post` may still arrive).
protocol ChatClient: Sendable {
    func stream(_ request: ChatRequest, post: TextPost?,
                onEvent: (ClientEvent) async -> Void) async throws(ProviderError) -> TokenUsage?
}
