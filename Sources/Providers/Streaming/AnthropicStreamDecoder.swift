import Foundation
import Runtime

/// Decodes Anthropic Messages stream events: `message_start` (input usage),
/// `content_block_start` (a `tool_use` block is a tool call),
/// `content_block_delta` (`text_delta`), `message_delta` (output usage),
/// `message_stop`, `ping`, and `error`.
struct AnthropicStreamDecoder: StreamDecoder {
    private(set) var isComplete = false
    private var input = 0
    private var cached = 0
    private var output = 0
    private var sawUsage = false
    private let json = JSONDecoder()

    var usage: TokenUsage? {
        sawUsage ? TokenUsage(input: input, output: output, cached: cached) : nil
    }

    mutating func decode(_ event: SSEEvent) throws(ProviderError) -> [StreamItem] {
        let chunk = try json.decodeChunk(Event.self, from: event.data, scheme: "anthropic")
        switch chunk.type {
        case "message_start":
            if let usage = chunk.message?.usage { record(usage) }
        case "content_block_start":
            if chunk.contentBlock?.type == "tool_use" {
                return [.toolCall(name: chunk.contentBlock?.name ?? "unnamed")]
            }
            if let text = chunk.contentBlock?.text, !text.isEmpty { return [.text(text)] }
        case "content_block_delta":
            if chunk.delta?.type == "text_delta", let text = chunk.delta?.text, !text.isEmpty { return [.text(text)] }
        case "message_delta":
            if let usage = chunk.usage { record(usage) }
        case "message_stop":
            isComplete = true
        case "error":
            throw ProviderError(.stream, "provider error in stream" + AnthropicErrorBody.describe(chunk.error))
        default:
            break // ping, content_block_stop, unknown future events
        }
        return []
    }

    /// `input_tokens` excludes cache reads and writes; `input` here is the
    /// whole prompt, `cached` the part read from the cache.
    private mutating func record(_ usage: Usage) {
        sawUsage = true
        if let value = usage.inputTokens {
            input = value + (usage.cacheReadInputTokens ?? 0) + (usage.cacheCreationInputTokens ?? 0)
        }
        if let value = usage.cacheReadInputTokens { cached = value }
        if let value = usage.outputTokens { output = value }
    }

    private struct Event: Decodable {
        var type: String
        var message: Message?
        var contentBlock: Block?
        var delta: Delta?
        var usage: Usage?
        var error: AnthropicErrorBody.Detail?
        enum CodingKeys: String, CodingKey {
            case type, message, delta, usage, error, contentBlock = "content_block"
        }
    }

    private struct Message: Decodable { var usage: Usage? }
    private struct Block: Decodable {
        var type: String?
        var name: String?
        var text: String?
    }
    private struct Delta: Decodable {
        var type: String?
        var text: String?
    }
    struct Usage: Decodable {
        var inputTokens: Int?
        var outputTokens: Int?
        var cacheReadInputTokens: Int?
        var cacheCreationInputTokens: Int?
        enum CodingKeys: String, CodingKey {
            case inputTokens = "input_tokens", outputTokens = "output_tokens"
            case cacheReadInputTokens = "cache_read_input_tokens"
            case cacheCreationInputTokens = "cache_creation_input_tokens"
        }
    }
}
