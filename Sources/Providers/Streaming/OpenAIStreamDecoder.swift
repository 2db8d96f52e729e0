import Foundation
import Runtime

/// Decodes OpenAI-compatible chat-completion chunks: `choices[].delta.content`,
/// `choices[].delta.tool_calls[]` (`index`, then `id` and `function.name`
/// once, `function.arguments` in pieces over many chunks, several calls
/// interleaved by index), `finish_reason`, a usage-only chunk (`choices: []`,
/// `usage: {prompt_tokens, completion_tokens, prompt_tokens_details.cached_tokens}`),
/// `[DONE]`, and `{"error": …}`.
///
/// Calls are emitted complete, in index order, when the stream says the
/// reply ended (a finish reason or `[DONE]`); a stream cut before that
/// yields none.
struct OpenAIStreamDecoder: StreamDecoder {
    private(set) var isComplete = false
    private(set) var usage: TokenUsage?
    /// Calls being streamed, by index.
    private var pending: [Int: PartialCall] = [:]
    private var emittedCalls = 0
    private let json = JSONDecoder()

    private struct PartialCall {
        var id: String?
        var name = ""
        var arguments = ""
    }

    mutating func decode(_ event: SSEEvent) throws(ProviderError) -> [StreamItem] {
        let data = event.data.trimmingSpaces()
        if data == "[DONE]" {
            isComplete = true
            return completedCalls()
        }
        if data.isEmpty { return [] }
        let chunk = try json.decodeChunk(Chunk.self, from: data, scheme: "openai_chat")
        if let error = chunk.error {
            throw ProviderError(.stream, "provider error in stream" + OpenAIErrorBody.describe(error))
        }
        if let reported = chunk.usage {
            usage = TokenUsage(input: reported.promptTokens ?? 0, output: reported.completionTokens ?? 0,
                               cached: reported.promptTokensDetails?.cachedTokens ?? 0)
        }
        var items: [StreamItem] = []
        for choice in chunk.choices ?? [] {
            if let text = choice.delta?.content, !text.isEmpty { items.append(.text(text)) }
            for (position, call) in (choice.delta?.toolCalls ?? []).enumerated() {
                let index = call.index ?? position
                var partial = pending[index] ?? PartialCall()
                if let id = call.id, !id.isEmpty { partial.id = id }
                if let name = call.function?.name { partial.name += name }
                if let arguments = call.function?.arguments { partial.arguments += arguments }
                pending[index] = partial
            }
            if choice.finishReason != nil {
                isComplete = true
                items += completedCalls()
            }
        }
        return items
    }

    private mutating func completedCalls() -> [StreamItem] {
        let calls = pending.keys.sorted().map { index in
            let partial = pending[index]!
            emittedCalls += 1
            return StreamItem.toolCall(ToolCallRequest(callId: callId(partial.id, position: emittedCalls),
                                                       tool: partial.name, arguments: partial.arguments))
        }
        pending.removeAll()
        return calls
    }

    private struct Chunk: Decodable {
        var choices: [Choice]?
        var usage: Usage?
        var error: OpenAIErrorBody.Detail?

        enum CodingKeys: String, CodingKey { case choices, usage, error }
    }

    private struct Choice: Decodable {
        var delta: Delta?
        var finishReason: String?
        enum CodingKeys: String, CodingKey { case delta, finishReason = "finish_reason" }
    }

    private struct Delta: Decodable {
        var content: String?
        var toolCalls: [ToolCall]?
        enum CodingKeys: String, CodingKey { case content, toolCalls = "tool_calls" }
    }

    private struct ToolCall: Decodable {
        var index: Int?
        var id: String?
        var function: Function?
    }

    private struct Function: Decodable {
        var name: String?
        var arguments: String?

        enum CodingKeys: String, CodingKey { case name, arguments }

        /// Some servers send `arguments` as a JSON object, not a string of JSON.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            if let text = try? container.decodeIfPresent(String.self, forKey: .arguments) {
                arguments = text
            } else if let value = try container.decodeIfPresent(JSONValue.self, forKey: .arguments), value != .null {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                arguments = String(decoding: try encoder.encode(value), as: UTF8.self)
            }
        }
    }

    private struct Usage: Decodable {
        var promptTokens: Int?
        var completionTokens: Int?
        var promptTokensDetails: Details?
        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens", completionTokens = "completion_tokens"
            case promptTokensDetails = "prompt_tokens_details"
        }
    }

    private struct Details: Decodable {
        var cachedTokens: Int?
        enum CodingKeys: String, CodingKey { case cachedTokens = "cached_tokens" }
    }
}
