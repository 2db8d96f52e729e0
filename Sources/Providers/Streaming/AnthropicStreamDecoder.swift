import Foundation
import Runtime

/// Decodes Anthropic Messages stream events: `message_start` (input usage),
/// `content_block_start` (text, or `tool_use {id, name}` opening a call),
/// `content_block_delta` (`text_delta`, `input_json_delta.partial_json`
/// pieces of a call's arguments), `content_block_stop` (a call is complete),
/// `message_delta` (output usage, `stop_reason`), `message_stop`, `ping`,
/// and `error`. A call still open at `message_stop` is emitted then.
struct AnthropicStreamDecoder: StreamDecoder {
    private(set) var isComplete = false
    /// `tool_use` blocks being streamed, by block index.
    private var pending: [Int: (id: String?, name: String, arguments: String)] = [:]
    private var emittedCalls = 0
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
                pending[chunk.index ?? 0] = (chunk.contentBlock?.id, chunk.contentBlock?.name ?? "", "")
                return []
            }
            if let text = chunk.contentBlock?.text, !text.isEmpty { return [.text(text)] }
        case "content_block_delta":
            if chunk.delta?.type == "text_delta", let text = chunk.delta?.text, !text.isEmpty { return [.text(text)] }
            if chunk.delta?.type == "input_json_delta", let piece = chunk.delta?.partialJson,
               let index = chunk.index, pending[index] != nil {
                pending[index]!.arguments += piece
            }
        case "content_block_stop":
            if let index = chunk.index, pending[index] != nil { return [completeCall(at: index)] }
        case "message_delta":
            if let usage = chunk.usage { record(usage) }
        case "message_stop":
            isComplete = true
            return pending.keys.sorted().map { completeCall(at: $0) }
        case "error":
            throw ProviderError(.stream, "provider error in stream" + AnthropicErrorBody.describe(chunk.error))
        default:
            break // ping, unknown future events
        }
        return []
    }

    /// An empty `partial_json` stream means the input was `{}` (sent whole in
    /// the start block).
    private mutating func completeCall(at index: Int) -> StreamItem {
        let call = pending.removeValue(forKey: index)!
        emittedCalls += 1
        return .toolCall(ToolCallRequest(callId: callId(call.id, position: emittedCalls), tool: call.name,
                                         arguments: call.arguments.isEmpty ? "{}" : call.arguments))
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
        var index: Int?
        var message: Message?
        var contentBlock: Block?
        var delta: Delta?
        var usage: Usage?
        var error: AnthropicErrorBody.Detail?
        enum CodingKeys: String, CodingKey {
            case type, index, message, delta, usage, error, contentBlock = "content_block"
        }
    }

    private struct Message: Decodable { var usage: Usage? }
    private struct Block: Decodable {
        var type: String?
        var id: String?
        var name: String?
        var text: String?
    }
    private struct Delta: Decodable {
        var type: String?
        var text: String?
        var partialJson: String?
        enum CodingKeys: String, CodingKey { case type, text, partialJson = "partial_json" }
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
