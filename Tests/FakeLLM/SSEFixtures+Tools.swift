import Foundation

/// The tool modes' streams (see `FakeLLMServer`).
extension SSEFixtures {
    /// Whether a request body already carries tool results (the follow-up).
    static func hasToolResults(_ json: [String: Any]) -> Bool {
        let messages = json["messages"] as? [[String: Any]] ?? []
        return messages.contains { message in
            if message["role"] as? String == "tool" { return true }
            let blocks = message["content"] as? [[String: Any]] ?? []
            return blocks.contains { $0["type"] as? String == "tool_result" }
        }
    }

    /// The stream a tool mode answers with, and whether the connection then drops; nil for other modes.
    static func toolStream(mode: String, anthropic: Bool, json: [String: Any]) -> (chunks: [String], drops: Bool)? {
        switch mode {
        case "tools":
            if hasToolResults(json) { return (anthropic ? Self.anthropic : openAI, false) }
            return (anthropic ? anthropicToolUse : openAIToolCalls, false)
        case "toolloop":
            return (openAIToolLoop, false)
        case "tooldrop":
            return (anthropic ? Array(anthropicToolUse.prefix(7)) : Array(openAIToolCalls.prefix(5)), true)
        default:
            return nil
        }
    }

    private static func openAIChunk(_ delta: String, finish: String? = nil) -> String {
        #"data: {"id":"c2","choices":[{"index":0,"delta":"# + delta + #","finish_reason":"# + (finish.map { "\"\($0)\"" } ?? "null") + "}]}\n\n"
    }

    private static func callDelta(_ index: Int, id: String? = nil, name: String? = nil, arguments: String) -> String {
        let encoded = String(decoding: try! JSONSerialization.data(withJSONObject: arguments, options: .fragmentsAllowed), as: UTF8.self)
        var function = #""arguments":"# + encoded
        if let name { function = #""name":""# + name + #"","# + function }
        let head = id.map { #""id":""# + $0 + #"","type":"function","# } ?? ""
        return openAIChunk(#"{"tool_calls":[{"index":"# + String(index) + "," + head + #""function":{"# + function + "}}]}")
    }

    /// Text, then `read {"path":"README.md"}` and `grep {"pattern":"TODO"}`,
    /// their arguments interleaved over six chunks.
    public static let openAIToolCalls: [String] = [
        openAIChunk(#"{"role":"assistant","content":"Looking."}"#),
        callDelta(0, id: "call_a", name: "read", arguments: ""),
        callDelta(0, arguments: #"{"pa"#),
        callDelta(1, id: "call_b", name: "grep", arguments: #"{"pat"#),
        callDelta(0, arguments: #"th":"READ"#),
        callDelta(1, arguments: #"tern":"TODO"}"#),
        callDelta(0, arguments: #"ME.md"}"#),
        openAIChunk("{}", finish: "tool_calls"),
        #"data: {"id":"c2","choices":[],"usage":{"prompt_tokens":20,"completion_tokens":10}}"# + "\n\n",
        "data: [DONE]\n\n",
    ]

    /// One `read` call, always with id `call_same`, and no text.
    public static let openAIToolLoop: [String] = [
        callDelta(0, id: "call_same", name: "read", arguments: #"{"path":"#),
        callDelta(0, arguments: #""a.txt"}"#),
        openAIChunk("{}", finish: "tool_calls"),
        "data: [DONE]\n\n",
    ]

    private static func anthropicEvent(_ type: String, _ data: String) -> String {
        "event: \(type)\ndata: \(data)\n\n"
    }

    /// Text, then `read {"path": "README.md"}` with its input in pieces.
    public static let anthropicToolUse: [String] = [
        anthropicEvent("message_start", #"{"type":"message_start","message":{"id":"m2","usage":{"input_tokens":20,"output_tokens":1}}}"#),
        anthropicEvent("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
        anthropicEvent("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Looking."}}"#),
        anthropicEvent("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
        anthropicEvent("content_block_start", #"{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"read","input":{}}}"#),
        anthropicEvent("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}"#),
        anthropicEvent("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"path\":"}}"#),
        anthropicEvent("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":" \"READ"}}"#),
        anthropicEvent("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"ME.md\"}"}}"#),
        anthropicEvent("content_block_stop", #"{"type":"content_block_stop","index":1}"#),
        anthropicEvent("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":15}}"#),
        anthropicEvent("message_stop", #"{"type":"message_stop"}"#),
    ]
}
