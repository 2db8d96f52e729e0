import Foundation
import NIOHTTP1

/// What one HTTP scheme puts on the wire and how it reads the answer.
protocol WireFormat: Sendable {
    associatedtype Decoder: StreamDecoder
    /// The full endpoint for a provider's `base_url`.
    func endpoint(baseURL: String) -> String
    /// Request headers; `secret` is nil for `auth = "none"`.
    func headers(secret: Secret?) -> HTTPHeaders
    func body(_ request: ChatRequest) -> [UInt8]
    func makeDecoder() -> Decoder
    /// ` (code): message` from a non-2xx body, or empty (not yet scrubbed).
    func describeError(body: [UInt8]) -> String
}

extension WireFormat {
    static func commonHeaders() -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "accept", value: "text/event-stream")
        headers.add(name: "user-agent", value: "workerdeck")
        return headers
    }

    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Plain structs of strings and numbers always encode.
        return Array(try! encoder.encode(value))
    }
}

/// `openai_chat`: `POST {base_url}/chat/completions` with `stream: true` and
/// `stream_options.include_usage`, `Authorization: Bearer`.
struct OpenAIChatWire: WireFormat {
    func endpoint(baseURL: String) -> String { baseURL + "/chat/completions" }

    func headers(secret: Secret?) -> HTTPHeaders {
        var headers = Self.commonHeaders()
        secret?.withValue { headers.add(name: "authorization", value: "Bearer \($0)") }
        return headers
    }

    func body(_ request: ChatRequest) -> [UInt8] {
        var messages: [Message] = []
        if let system = request.systemPrompt, !system.isEmpty { messages.append(Message(role: "system", content: system)) }
        messages += request.messages.map { Message(role: $0.role.rawValue, content: $0.content) }
        return Self.encode(Body(model: request.model, messages: messages, stream: true,
                                streamOptions: StreamOptions(includeUsage: true),
                                maxTokens: request.maxTokens, temperature: request.temperature))
    }

    func makeDecoder() -> OpenAIStreamDecoder { OpenAIStreamDecoder() }

    func describeError(body: [UInt8]) -> String { OpenAIErrorBody.describe(body: body) }

    private struct Message: Encodable {
        var role: String
        var content: String
    }

    private struct StreamOptions: Encodable {
        var includeUsage: Bool
        enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
    }

    private struct Body: Encodable {
        var model: String
        var messages: [Message]
        var stream: Bool
        var streamOptions: StreamOptions
        var maxTokens: Int?
        var temperature: Double?
        enum CodingKeys: String, CodingKey {
            case model, messages, stream, temperature
            case streamOptions = "stream_options", maxTokens = "max_tokens"
        }
    }
}

/// `anthropic`: `POST {base_url}/v1/messages` with `stream: true`,
/// `x-api-key`, `anthropic-version: 2023-06-01`, the system prompt in `system`.
struct AnthropicWire: WireFormat {
    /// Anthropic requires `max_tokens`; used when the profile sets none.
    static let defaultMaxTokens = 1024

    func endpoint(baseURL: String) -> String { baseURL + "/v1/messages" }

    func headers(secret: Secret?) -> HTTPHeaders {
        var headers = Self.commonHeaders()
        headers.add(name: "anthropic-version", value: "2023-06-01")
        secret?.withValue { headers.add(name: "x-api-key", value: $0) }
        return headers
    }

    func body(_ request: ChatRequest) -> [UInt8] {
        Self.encode(Body(model: request.model, maxTokens: request.maxTokens ?? Self.defaultMaxTokens,
                         system: request.systemPrompt.flatMap { $0.isEmpty ? nil : $0 },
                         messages: request.messages.map { Message(role: $0.role.rawValue, content: $0.content) },
                         stream: true, temperature: request.temperature))
    }

    func makeDecoder() -> AnthropicStreamDecoder { AnthropicStreamDecoder() }

    func describeError(body: [UInt8]) -> String { AnthropicErrorBody.describe(body: body) }

    private struct Message: Encodable {
        var role: String
        var content: String
    }

    private struct Body: Encodable {
        var model: String
        var maxTokens: Int
        var system: String?
        var messages: [Message]
        var stream: Bool
        var temperature: Double?
        enum CodingKeys: String, CodingKey {
            case model, system, messages, stream, temperature, maxTokens = "max_tokens"
        }
    }
}
