import Foundation
import NIOHTTP1
import Runtime

/// `anthropic`: `POST {base_url}/v1/messages` with `stream: true`,
/// `x-api-key`, `anthropic-version: 2023-06-01`, the system prompt in
/// `system`. With tools: `tools: [{name, description, input_schema}]`, an
/// assistant that called tools sends content blocks (`text`, then
/// `tool_use {id, name, input}`), and its results go in one `user` message
/// of `tool_result {tool_use_id, content, is_error}` blocks.
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
                         messages: Self.messages(request.messages),
                         stream: true, temperature: request.temperature,
                         tools: request.tools.isEmpty ? nil : request.tools.map(Tool.init)))
    }

    func makeDecoder() -> AnthropicStreamDecoder { AnthropicStreamDecoder() }

    func describeError(body: [UInt8]) -> String { AnthropicErrorBody.describe(body: body) }

    /// Consecutive tool results share one `user` message, as Anthropic asks.
    static func messages(_ messages: [ChatMessage]) -> [Message] {
        var wire: [Message] = []
        for message in messages {
            switch message.role {
            case .user:
                wire.append(Message(role: "user", content: .text(message.content)))
            case .assistant where message.toolCalls.isEmpty:
                wire.append(Message(role: "assistant", content: .text(message.content)))
            case .assistant:
                var blocks: [Block] = message.content.isEmpty ? [] : [.text(message.content)]
                blocks += message.toolCalls.map { .toolUse(id: $0.callId, name: $0.tool, input: Self.input($0.arguments)) }
                wire.append(Message(role: "assistant", content: .blocks(blocks)))
            case .tool:
                guard let result = message.toolResult else { continue }
                let block = Block.toolResult(id: result.callId, content: result.modelText, isError: result.status != .ok)
                if case .blocks(var blocks) = wire.last?.content, wire.last?.role == "user",
                   blocks.allSatisfy(\.isToolResult) {
                    blocks.append(block)
                    wire[wire.count - 1].content = .blocks(blocks)
                } else {
                    wire.append(Message(role: "user", content: .blocks([block])))
                }
            }
        }
        return wire
    }

    /// `input` must be an object: arguments that are not a JSON object
    /// (the model's untrusted text) are sent as `{}`.
    static func input(_ arguments: String) -> JSONValue {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(arguments.utf8)),
              case .object = value else { return .object([:]) }
        return value
    }

    struct Message: Encodable {
        var role: String
        var content: Content
    }

    enum Content: Encodable {
        case text(String)
        case blocks([Block])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case let .text(text): try container.encode(text)
            case let .blocks(blocks): try container.encode(blocks)
            }
        }
    }

    enum Block: Encodable {
        case text(String)
        case toolUse(id: String, name: String, input: JSONValue)
        case toolResult(id: String, content: String, isError: Bool)

        var isToolResult: Bool { if case .toolResult = self { true } else { false } }

        enum CodingKeys: String, CodingKey {
            case type, text, id, name, input, content, toolUseId = "tool_use_id", isError = "is_error"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case let .text(text):
                try container.encode("text", forKey: .type)
                try container.encode(text, forKey: .text)
            case let .toolUse(id, name, input):
                try container.encode("tool_use", forKey: .type)
                try container.encode(id, forKey: .id)
                try container.encode(name, forKey: .name)
                try container.encode(input, forKey: .input)
            case let .toolResult(id, content, isError):
                try container.encode("tool_result", forKey: .type)
                try container.encode(id, forKey: .toolUseId)
                try container.encode(content, forKey: .content)
                try container.encode(isError, forKey: .isError)
            }
        }
    }

    private struct Tool: Encodable {
        var name: String
        var description: String
        var inputSchema: JSONValue
        enum CodingKeys: String, CodingKey { case name, description, inputSchema = "input_schema" }

        init(_ spec: ToolSpec) {
            name = spec.name.rawValue
            description = spec.description
            inputSchema = spec.parameters
        }
    }

    private struct Body: Encodable {
        var model: String
        var maxTokens: Int
        var system: String?
        var messages: [Message]
        var stream: Bool
        var temperature: Double?
        var tools: [Tool]?
        enum CodingKeys: String, CodingKey {
            case model, system, messages, stream, temperature, tools, maxTokens = "max_tokens"
        }
    }
}
