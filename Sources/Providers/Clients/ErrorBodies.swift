import Foundation

/// OpenAI-compatible error bodies: `{"error": {"message", "code", "type"}}`,
/// or `{"error": "text"}` (Ollama and some proxies).
enum OpenAIErrorBody {
    struct Detail: Decodable {
        var message: String?
        var code: String?
        var type: String?

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                message = text
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            message = try? container.decode(String.self, forKey: .message)
            type = try? container.decode(String.self, forKey: .type)
            // `code` is a string for OpenAI, a number for some servers.
            code = (try? container.decode(String.self, forKey: .code))
                ?? (try? container.decode(Int.self, forKey: .code)).map(String.init)
        }

        enum CodingKeys: String, CodingKey { case message, code, type }
    }

    private struct Envelope: Decodable { var error: Detail? }

    /// ` (code): message`, or empty when there is nothing to say.
    static func describe(_ detail: Detail?) -> String {
        guard let detail else { return "" }
        let code = detail.code ?? detail.type
        return (code.map { " (\($0))" } ?? "") + (detail.message.map { ": \($0)" } ?? "")
    }

    static func describe(body: [UInt8]) -> String {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(body)) else { return "" }
        return describe(envelope.error)
    }
}

/// Anthropic error bodies: `{"type": "error", "error": {"type", "message"}}`.
enum AnthropicErrorBody {
    struct Detail: Decodable {
        var type: String?
        var message: String?
    }

    private struct Envelope: Decodable { var error: Detail? }

    static func describe(_ detail: Detail?) -> String {
        guard let detail else { return "" }
        return (detail.type.map { " (\($0))" } ?? "") + (detail.message.map { ": \($0)" } ?? "")
    }

    static func describe(body: [UInt8]) -> String {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(body)) else { return "" }
        return describe(envelope.error)
    }
}
