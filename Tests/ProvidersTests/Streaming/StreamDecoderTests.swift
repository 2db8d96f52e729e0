import Runtime
import Testing
@testable import Providers

/// Feeds raw bytes split at `offset` through the parser and a decoder.
func decode<D: StreamDecoder>(_ bytes: [UInt8], splitAt offset: Int, with decoder: inout D) throws(ProviderError) -> [StreamItem] {
    var parser = SSEParser()
    var items: [StreamItem] = []
    for part in [bytes[..<offset], bytes[offset...]] {
        for event in parser.feed(part) { items += try decoder.decode(event) }
    }
    return items
}

@Suite struct OpenAIStreamDecoderTests {
    static let stream = Array([
        #"data: {"choices":[{"delta":{"role":"assistant","content":""},"finish_reason":null}]}"#, "\n\n",
        #"data: {"choices":[{"delta":{"content":"Hé"},"finish_reason":null}]}"#, "\r\n\r\n",
        #"data: {"choices":[{"delta":{"content":"llo 🦊"},"finish_reason":null}]}"#, "\n\n",
        #"data: {"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"name":"shell","arguments":""}}]}}]}"#, "\n\n",
        #"data: {"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]}}]}"#, "\n\n",
        #"data: {"choices":[{"delta":{},"finish_reason":"stop"}]}"#, "\n\n",
        #"data: {"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":4}}}"#, "\n\n",
        "data: [DONE]\n\n"
    ].joined().utf8)

    @Test func decodesTextToolCallUsageAndDoneAtEverySplit() throws {
        for offset in 0...Self.stream.count {
            var decoder = OpenAIStreamDecoder()
            let items = try decode(Self.stream, splitAt: offset, with: &decoder)
            #expect(items == [.text("Hé"), .text("llo 🦊"), .toolCall(ToolCallRequest(callId: "call_1", tool: "shell", arguments: "{}"))], "split at \(offset)")
            #expect(decoder.usage == TokenUsage(input: 12, output: 5, cached: 4))
            #expect(decoder.isComplete)
        }
    }

    @Test func usageOnlyChunkWithNullChoices() throws {
        var decoder = OpenAIStreamDecoder()
        let items = try decoder.decode(SSEEvent(data: #"{"choices":null,"usage":{"prompt_tokens":3,"completion_tokens":1}}"#))
        #expect(items.isEmpty)
        #expect(decoder.usage == TokenUsage(input: 3, output: 1, cached: 0))
        #expect(!decoder.isComplete)
    }

    @Test func invalidJSONChunkIsAStreamError() {
        var decoder = OpenAIStreamDecoder()
        #expect(throws: ProviderError(.stream, "openai_chat stream sent an invalid JSON chunk")) {
            try decoder.decode(SSEEvent(data: "{not json"))
        }
    }

    @Test func errorChunkIsAScrubbedStreamError() {
        var decoder = OpenAIStreamDecoder()
        let event = SSEEvent(data: #"{"error":{"message":"bad key sk-abcdefghijklmnop1234","code":"invalid_api_key"}}"#)
        #expect(throws: ProviderError(.stream, "provider error in stream (invalid_api_key): bad key <redacted>")) {
            try decoder.decode(event)
        }
    }

    @Test func streamWithoutDoneOrFinishIsIncomplete() throws {
        var decoder = OpenAIStreamDecoder()
        _ = try decoder.decode(SSEEvent(data: #"{"choices":[{"delta":{"content":"x"}}]}"#))
        #expect(!decoder.isComplete)
    }
}

@Suite struct AnthropicStreamDecoderTests {
    static let stream = Array([
        "event: message_start\n",
        #"data: {"type":"message_start","message":{"id":"m","usage":{"input_tokens":10,"cache_read_input_tokens":6,"output_tokens":1}}}"#, "\n\n",
        "event: content_block_start\n",
        #"data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#, "\n\n",
        "event: ping\ndata: {\"type\": \"ping\"}\n\n",
        "event: content_block_delta\n",
        #"data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Bon"}}"#, "\r\n\r\n",
        "event: content_block_delta\n",
        #"data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"jour ✓"}}"#, "\n\n",
        "event: content_block_start\n",
        #"data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"t","name":"read_file","input":{}}}"#, "\n\n",
        "event: message_delta\n",
        #"data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":7}}"#, "\n\n",
        "event: message_stop\n",
        #"data: {"type":"message_stop"}"#, "\n\n"
    ].joined().utf8)

    @Test func decodesTextToolUseUsageAndStopAtEverySplit() throws {
        for offset in 0...Self.stream.count {
            var decoder = AnthropicStreamDecoder()
            let items = try decode(Self.stream, splitAt: offset, with: &decoder)
            #expect(items == [.text("Bon"), .text("jour ✓"), .toolCall(ToolCallRequest(callId: "t", tool: "read_file", arguments: "{}"))], "split at \(offset)")
            #expect(decoder.usage == TokenUsage(input: 16, output: 7, cached: 6))
            #expect(decoder.isComplete)
        }
    }

    @Test func errorEventIsAStreamError() {
        var decoder = AnthropicStreamDecoder()
        let event = SSEEvent(event: "error", data: #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)
        #expect(throws: ProviderError(.stream, "provider error in stream (overloaded_error): Overloaded")) {
            try decoder.decode(event)
        }
    }
}

@Suite struct ErrorBodyTests {
    @Test func openAIErrorBodyGivesCodeAndMessage() {
        let body = Array(#"{"error":{"message":"Incorrect API key provided: sk-pl*****789","type":"invalid_request_error","code":"invalid_api_key"}}"#.utf8)
        #expect(OpenAIErrorBody.describe(body: body) == " (invalid_api_key): Incorrect API key provided: sk-pl*****789")
    }

    @Test func openAIStringErrorAndNumericCode() {
        #expect(OpenAIErrorBody.describe(body: Array(#"{"error":"model not found"}"#.utf8)) == ": model not found")
        #expect(OpenAIErrorBody.describe(body: Array(#"{"error":{"message":"m","code":500}}"#.utf8)) == " (500): m")
    }

    @Test func anthropicErrorBody() {
        let body = Array(#"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"#.utf8)
        #expect(AnthropicErrorBody.describe(body: body) == " (authentication_error): invalid x-api-key")
    }

    @Test func nonJSONBodyGivesNothing() {
        #expect(OpenAIErrorBody.describe(body: Array("<html>502</html>".utf8)) == "")
    }
}
