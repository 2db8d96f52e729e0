import Foundation
import NIOHTTP1
import Runtime

/// `openai_chat`: `POST {base_url}/chat/completions` with `stream: true` and
/// `stream_options.include_usage`, `Authorization: Bearer`. With tools:
/// `tools: [{type: "function", function: {name, description, parameters}}]`,
/// assistant messages carrying `tool_calls` (content null when there is no
/// text), and one `{role: "tool", tool_call_id, content}` per result.
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
        messages += request.messages.map(Message.init)
        return Self.encode(Body(model: request.model, messages: messages, stream: true,
                                streamOptions: StreamOptions(includeUsage: true),
                                maxTokens: request.maxTokens, temperature: request.temperature,
                                tools: request.tools.isEmpty ? nil : request.tools.map(Tool.init)))
    }

    func makeDecoder() -> OpenAIStreamDecoder { OpenAIStreamDecoder() }

    func describeError(body: [UInt8]) -> String { OpenAIErrorBody.describe(body: body) }

    private struct Message: Encodable {
        var role: String
        var content: String?
        var toolCalls: [Call] = []
        var toolCallId: String?

        init(role: String, content: String) {
            self.role = role
            self.content = content
        }

        init(_ message: ChatMessage) {
            role = message.role.rawValue
            switch message.role {
            case .user:
                content = message.content
            case .assistant:
                content = message.content.isEmpty && !message.toolCalls.isEmpty ? nil : message.content
                toolCalls = message.toolCalls.map { Call(id: $0.callId, function: Function(name: $0.tool, arguments: $0.arguments)) }
            case .tool:
                content = message.toolResult?.modelText ?? message.content
                toolCallId = message.toolResult?.callId
            }
        }

        enum CodingKeys: String, CodingKey { case role, content, toolCalls = "tool_calls", toolCallId = "tool_call_id" }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(role, forKey: .role)
            // An assistant that only called tools sends `content: null`.
            try container.encode(content, forKey: .content)
            if !toolCalls.isEmpty { try container.encode(toolCalls, forKey: .toolCalls) }
            try container.encodeIfPresent(toolCallId, forKey: .toolCallId)
        }
    }

    private struct Call: Encodable {
        var id: String
        var type = "function"
        var function: Function
    }

    private struct Function: Encodable {
        var name: String
        var arguments: String
    }

    private struct Tool: Encodable {
        var type = "function"
        var function: Definition

        init(_ spec: ToolSpec) {
            function = Definition(name: spec.name.rawValue, description: spec.description, parameters: spec.parameters)
        }
    }

    private struct Definition: Encodable {
        var name: String
        var description: String
        var parameters: JSONValue
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
        var tools: [Tool]?
        enum CodingKeys: String, CodingKey {
            case model, messages, stream, temperature, tools
            case streamOptions = "stream_options", maxTokens = "max_tokens"
        }
    }
}
