import Foundation
import Runtime

/// What a provider's stream carried, decoded from its SSE events.
enum StreamItem: Hashable, Sendable {
    case text(String)
    /// A complete tool call the model asked for (its arguments fully
    /// streamed). Runs only once the whole stream completed.
    case toolCall(ToolCallRequest)
}

/// Turns one scheme's SSE events into `StreamItem`s.
///
/// Invariants: events are decoded in stream order; `usage` accumulates what
/// the stream reported so far; `isComplete` becomes true only when the
/// stream said it ended (`[DONE]`, a finish reason, `message_stop`), so a
/// connection that closes earlier is a failed turn, not a short reply.
protocol StreamDecoder {
    /// Throws `.stream` for a malformed chunk or an error event in the stream.
    mutating func decode(_ event: SSEEvent) throws(ProviderError) -> [StreamItem]
    var isComplete: Bool { get }
    var usage: TokenUsage? { get }
}

/// A call's id as the provider gave it, else `call_N` (N counts the calls
/// of one response from 1); the turn keeps ids unique across rounds.
func callId(_ given: String?, position: Int) -> String {
    if let given, !given.isEmpty { return given }
    return "call_\(position)"
}

extension JSONDecoder {
    /// Decodes one stream chunk; a malformed one is a `.stream` error that
    /// names the scheme, never the chunk's text.
    func decodeChunk<T: Decodable>(_ type: T.Type, from data: String, scheme: String) throws(ProviderError) -> T {
        do {
            return try decode(T.self, from: Data(data.utf8))
        } catch {
            throw ProviderError(.stream, "\(scheme) stream sent an invalid JSON chunk")
        }
    }
}

extension String {
    /// `self` without leading and trailing spaces and tabs (Unicode `Zs`
    /// and U+0009, as `CharacterSet.whitespaces`), newlines kept. Done on
    /// scalars: Foundation's `trimmingCharacters` bridged every chunk
    /// through `NSString` (B12 counted it per delta).
    func trimmingSpaces() -> String {
        // Almost every chunk starts with `{` and ends with `}`: ASCII that
        // is not a space needs no scalar lookup (every `Zs` is non-ASCII).
        if let first = utf8.first, let last = utf8.last,
           first < 0x80, last < 0x80, first != 0x20, first != 0x09, last != 0x20, last != 0x09 { return self }
        let scalars = unicodeScalars
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == "\t" || s.properties.generalCategory == .spaceSeparator }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}
