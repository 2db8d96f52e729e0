import FakeLLM
import Runtime
import Testing
@testable import Providers

/// Tool-call streams: arguments spread over many chunks (several calls
/// interleaved by index for openai_chat), decoded into complete calls at
/// every split of the byte stream.
@Suite struct ToolCallDecoderTests {
    static let openAIStream = Array(SSEFixtures.openAIToolCalls.joined().utf8)
    static let anthropicStream = Array(SSEFixtures.anthropicToolUse.joined().utf8)

    @Test func openAIInterleavedCallsAreCompleteAtEverySplit() throws {
        for offset in 0...Self.openAIStream.count {
            var decoder = OpenAIStreamDecoder()
            let items = try decode(Self.openAIStream, splitAt: offset, with: &decoder)
            #expect(items == [
                .text("Looking."),
                .toolCall(ToolCallRequest(callId: "call_a", tool: "read", arguments: #"{"path":"README.md"}"#)),
                .toolCall(ToolCallRequest(callId: "call_b", tool: "grep", arguments: #"{"pattern":"TODO"}"#)),
            ], "split at \(offset)")
            #expect(decoder.isComplete)
            #expect(decoder.usage == TokenUsage(input: 20, output: 10))
        }
    }

    @Test func anthropicToolUseIsCompleteAtEverySplit() throws {
        for offset in 0...Self.anthropicStream.count {
            var decoder = AnthropicStreamDecoder()
            let items = try decode(Self.anthropicStream, splitAt: offset, with: &decoder)
            #expect(items == [
                .text("Looking."),
                .toolCall(ToolCallRequest(callId: "toolu_1", tool: "read", arguments: #"{"path": "README.md"}"#)),
            ], "split at \(offset)")
            #expect(decoder.isComplete)
            #expect(decoder.usage == TokenUsage(input: 20, output: 15))
        }
    }

    /// A cut stream yields no call: nothing half-streamed can run.
    @Test func streamsCutMidArgumentsYieldNoCallAndAreIncomplete() throws {
        var openAI = OpenAIStreamDecoder()
        let openAIItems = try decode(Array(SSEFixtures.openAIToolCalls.prefix(5).joined().utf8), splitAt: 0, with: &openAI)
        #expect(openAIItems == [.text("Looking.")])
        #expect(!openAI.isComplete)

        var anthropic = AnthropicStreamDecoder()
        let anthropicItems = try decode(Array(SSEFixtures.anthropicToolUse.prefix(7).joined().utf8), splitAt: 0, with: &anthropic)
        #expect(anthropicItems == [.text("Looking.")])
        #expect(!anthropic.isComplete)
    }

    @Test func callsWithoutAnIdGetMintedOnesInOrder() throws {
        var decoder = OpenAIStreamDecoder()
        let chunk = #"{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"name":"read","arguments":"{}"}},"#
            + #"{"index":1,"function":{"name":"list","arguments":""}}]},"finish_reason":"tool_calls"}]}"#
        #expect(try decoder.decode(SSEEvent(data: chunk)) == [
            .toolCall(ToolCallRequest(callId: "call_1", tool: "read", arguments: "{}")),
            .toolCall(ToolCallRequest(callId: "call_2", tool: "list", arguments: "")),
        ])
    }

    @Test func argumentsSentAsAnObjectAreKeptAsJSONText() throws {
        var decoder = OpenAIStreamDecoder()
        let chunk = #"{"choices":[{"delta":{"tool_calls":[{"id":"x","function":{"name":"read","arguments":{"path":"a/b"}}}]},"finish_reason":"stop"}]}"#
        #expect(try decoder.decode(SSEEvent(data: chunk)) == [
            .toolCall(ToolCallRequest(callId: "x", tool: "read", arguments: #"{"path":"a/b"}"#)),
        ])
    }
}
