import Foundation
import Runtime
import Testing
@testable import Providers

/// Request bodies with tools offered and tool rounds in the history, for
/// both HTTP schemes; compared as parsed JSON.
@Suite struct ToolRequestBodyTests {
    static func json(_ text: String) -> JSONValue {
        try! JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    static func json(_ bytes: [UInt8]) -> JSONValue {
        try! JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    static let spec = ToolSpec(name: .read, description: "Reads a file.",
                               parameters: .object(["type": .string("object"), "required": .array([.string("path")])]))

    /// A turn with two rounds: text + two calls (one with arguments that are
    /// not JSON), then a call without text, then the final reply.
    static let request: ChatRequest = {
        var conversation = Conversation(systemPrompt: "Be terse.")
        conversation.append(.user("look"))
        conversation.append(.assistant("Looking."))
        conversation.append(.toolCall(ToolCallRequest(callId: "c1", tool: "read", arguments: #"{"path":"a"}"#)))
        conversation.append(.toolResult(ToolResult(callId: "c1", status: .ok, output: "1: x")))
        conversation.append(.toolCall(ToolCallRequest(callId: "c2", tool: "grep", arguments: "oops")))
        conversation.append(.toolResult(ToolResult(callId: "c2", status: .denied, output: "denied by policy")))
        conversation.append(.assistant("Done."))
        conversation.append(.user("again"))
        return ChatRequest(model: "m", systemPrompt: conversation.systemPrompt, messages: conversation.messages,
                           maxTokens: nil, temperature: nil, tools: [spec])
    }()

    @Test func openAIOffersFunctionsAndSendsToolCallsAndToolMessages() {
        #expect(Self.json(OpenAIChatWire().body(Self.request)) == Self.json(#"""
        {"model":"m","stream":true,"stream_options":{"include_usage":true},
         "tools":[{"type":"function","function":{"name":"read","description":"Reads a file.",
                   "parameters":{"type":"object","required":["path"]}}}],
         "messages":[
          {"role":"system","content":"Be terse."},
          {"role":"user","content":"look"},
          {"role":"assistant","content":"Looking.","tool_calls":[
            {"id":"c1","type":"function","function":{"name":"read","arguments":"{\"path\":\"a\"}"}},
            {"id":"c2","type":"function","function":{"name":"grep","arguments":"oops"}}]},
          {"role":"tool","tool_call_id":"c1","content":"1: x"},
          {"role":"tool","tool_call_id":"c2","content":"denied: denied by policy"},
          {"role":"assistant","content":"Done."},
          {"role":"user","content":"again"}]}
        """#))
    }

    @Test func openAIAssistantWithOnlyCallsSendsNullContent() {
        let request = ChatRequest(model: "m", systemPrompt: nil, messages: [
            .user("go"), .assistant("", calls: [ToolCallRequest(callId: "c", tool: "list", arguments: "{}")]),
            .tool(ToolResult(callId: "c", status: .error, output: "no such directory")),
        ], maxTokens: nil, temperature: nil)
        #expect(Self.json(OpenAIChatWire().body(request)) == Self.json(#"""
        {"model":"m","stream":true,"stream_options":{"include_usage":true},
         "messages":[
          {"role":"user","content":"go"},
          {"role":"assistant","content":null,"tool_calls":[
            {"id":"c","type":"function","function":{"name":"list","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"c","content":"error: no such directory"}]}
        """#))
    }

    @Test func anthropicOffersInputSchemasAndSendsToolUseAndToolResultBlocks() {
        #expect(Self.json(AnthropicWire().body(Self.request)) == Self.json(#"""
        {"model":"m","max_tokens":1024,"stream":true,"system":"Be terse.",
         "tools":[{"name":"read","description":"Reads a file.","input_schema":{"type":"object","required":["path"]}}],
         "messages":[
          {"role":"user","content":"look"},
          {"role":"assistant","content":[
            {"type":"text","text":"Looking."},
            {"type":"tool_use","id":"c1","name":"read","input":{"path":"a"}},
            {"type":"tool_use","id":"c2","name":"grep","input":{}}]},
          {"role":"user","content":[
            {"type":"tool_result","tool_use_id":"c1","content":"1: x","is_error":false},
            {"type":"tool_result","tool_use_id":"c2","content":"denied: denied by policy","is_error":true}]},
          {"role":"assistant","content":"Done."},
          {"role":"user","content":"again"}]}
        """#))
    }

    @Test func anthropicInputThatIsNotAnObjectIsEmpty() {
        #expect(AnthropicWire.input(#"["a"]"#) == .object([:]))
        #expect(AnthropicWire.input("") == .object([:]))
        #expect(AnthropicWire.input(#"{"n":1}"#) == .object(["n": .number(1)]))
    }

    /// A tools-less request is exactly what it was before tools existed.
    @Test func toolsLessRequestsSendNoToolFields() {
        let request = ChatRequest(model: "m", systemPrompt: nil, messages: [.user("hi"), .assistant("yo"), .user("ok")],
                                  maxTokens: 5, temperature: nil)
        #expect(String(decoding: OpenAIChatWire().body(request), as: UTF8.self) ==
            #"{"max_tokens":5,"messages":[{"content":"hi","role":"user"},{"content":"yo","role":"assistant"},{"content":"ok","role":"user"}],"model":"m","stream":true,"stream_options":{"include_usage":true}}"#)
        #expect(String(decoding: AnthropicWire().body(request), as: UTF8.self) ==
            #"{"max_tokens":5,"messages":[{"content":"hi","role":"user"},{"content":"yo","role":"assistant"},{"content":"ok","role":"user"}],"model":"m","stream":true}"#)
    }
}
