import Foundation
import Testing
import TestSupport
@testable import Registry
import Runtime

@Suite struct LocalCompatSegmentParserTests {
    typealias Entry = LegacySegmentParser.Entry

    func parse(_ lines: [String]) -> LegacySegmentParser.Result {
        LegacySegmentParser.parse(data: Data(lines.map { $0 + "\n" }.joined().utf8))
    }

    func at(_ ms: Double) -> Date { Date(timeIntervalSince1970: ms / 1000) }

    @Test func mapsEveryKindPerTheFormatTable() {
        let result = parse([
            #"{"kind":"segment_start","ts":1000,"session_id":"s","history":[{"kind":"message","role":"user","content":[{"kind":"text","text":"earlier question"}]},{"kind":"message","role":"assistant","content":"earlier answer","ts":1500}]}"#,
            #"{"kind":"user_input","ts":2000,"segments":[{"kind":"text","content":"look at"},{"kind":"file_ref","path":"src/a.swift"},{"kind":"knowledge_ref","slug":"style"},{"kind":"workflow_invoke","slug":"review"},{"kind":"paste","content":" and this"},{"kind":"video"}]}"#,
            #"{"kind":"invoke","ts":2001}"#,
            #"{"kind":"assistant_item","ts":3000,"item":{"kind":"reasoning","text":"think\nhard"}}"#,
            #"{"kind":"assistant_item","ts":3001,"item":{"kind":"tool_call","call_id":"c1","name":"read_file","arguments":{"path":"a.swift"}}}"#,
            #"{"kind":"tool_result","ts":3002,"item":{"call_id":"c1","summary":"read 10 lines","content":"…"}}"#,
            #"{"kind":"tool_result","ts":3003,"item":{"call_id":"c2","summary":"no such file","is_error":true}}"#,
            #"{"kind":"assistant_item","ts":3004,"item":{"kind":"message","role":"assistant","content":[{"kind":"text","text":"Done. "},{"kind":"refusal","refusal":"But not that."}]}}"#,
            #"{"kind":"system_item","ts":3005,"item":{"kind":"notification","body":"worker b finished"}}"#,
            #"{"kind":"llm_usage","ts":3006,"input":10}"#,
            #"{"kind":"turn_end","ts":3007}"#,
            #"{"kind":"run_errored","ts":3008,"message":"provider returned 500"}"#,
            #"{"kind":"something_new","ts":3009,"body":"ignored"}"#,
            #"{"kind":"user_input","segments":[{"kind":"text","content":"no timestamp"}]}"#,
        ])
        #expect(result.invalidLines == [])
        #expect(result.lineCount == 14)
        #expect(result.entries == [
            Entry(role: .user, kind: .message, content: "earlier question", createdAt: at(1000)),
            Entry(role: .assistant, kind: .message, content: "earlier answer", createdAt: at(1500)),
            Entry(role: .user, kind: .message,
                  content: "look at @src/a.swift #style /review and this [unknown input segment]", createdAt: at(2000)),
            Entry(role: .assistant, kind: .notice, content: "reasoning: think hard", createdAt: at(3000)),
            Entry(role: .assistant, kind: .notice, content: #"tool call: read_file {"path":"a.swift"}"#, createdAt: at(3001)),
            Entry(role: .system, kind: .notice, content: "tool result: read 10 lines", createdAt: at(3002)),
            Entry(role: .system, kind: .notice, content: "tool error: no such file", createdAt: at(3003)),
            Entry(role: .assistant, kind: .message, content: "Done. But not that.", createdAt: at(3004)),
            Entry(role: .system, kind: .message, content: "worker b finished", createdAt: at(3005)),
            Entry(role: .system, kind: .error, content: "provider returned 500", createdAt: at(3008)),
            Entry(role: .user, kind: .message, content: "no timestamp", createdAt: Date(timeIntervalSince1970: 0)),
        ])
    }

    @Test func unterminatedLastLineIsLeftUnread() {
        let complete = #"{"kind":"run_errored","message":"one"}"# + "\n"
        let data = Data((complete + #"{"kind":"run_errored","mess"#).utf8)
        let result = LegacySegmentParser.parse(data: data)
        #expect(result.entries.map(\.content) == ["one"])
        #expect(result.consumedBytes == complete.utf8.count)
        #expect(result.invalidLines.isEmpty)
    }

    @Test func malformedMiddleLinesAreSkippedWithTheirNumbers() {
        let result = parse([
            #"{"kind":"run_errored","message":"one"}"#,
            #"{"kind":"run_errored","#,
            "",
            "[1,2]",
            #"{"no_kind":true}"#,
            #"{"kind":"run_errored","message":"two"}"#,
        ])
        #expect(result.entries.map(\.content) == ["one", "two"])
        #expect(result.invalidLines == [2, 4, 5])
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        var data = Data(#"{"kind":"run_errored","message":"bad "#.utf8)
        data += Data([0xFF, 0xC3, 0x28])
        data += Data(" end\"}\n".utf8)
        let result = LegacySegmentParser.parse(data: data)
        #expect(result.entries.map(\.content) == ["bad \u{FFFD}\u{FFFD}( end"])
    }

    @Test func hugeEntryIsCappedWithMarker() {
        let text = String(repeating: "x", count: 200_000)
        let result = parse([#"{"kind":"system_item","item":{"body":"\#(text)"}}"#])
        let content = result.entries.first?.content ?? ""
        #expect(content.utf8.count == 65_536 + LegacyText.truncationMarker.utf8.count)
        #expect(content.hasSuffix("… [truncated]"))
    }

    @Test func hostileLinesAreSkippedNotFatal() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let deepObject = #"{"kind":"system_item","item":"# + String(repeating: #"{"a":"#, count: 50_000) + "1"
            + String(repeating: "}", count: 50_000) + "}"
        let result = parse([
            deep,
            deepObject,
            #"{"kind":"run_errored","ts":1e400,"message":"huge ts"}"#,
            #"{"kind":"run_errored","ts":-9e18,"message":"negative ts"}"#,
            #"{"kind":"run_errored","message":"lone \ud800 surrogate"}"#,
            #"{"kind":"run_errored","message":"nul \u0000 inside"}"#,
            #"{"kind":"user_input","segments":"not an array"}"#,
            #"{"kind":"assistant_item","item":{"kind":"message","content":[{"kind":"text","text":42}]}}"#,
            #"{"kind":"segment_start","history":{"not":"an array"}}"#,
            #"{"kind":"run_errored","message":"survivor"}"#,
        ])
        #expect(result.entries.last?.content == "survivor")
        #expect(result.invalidLines.contains(1) && result.invalidLines.contains(2))
        #expect(result.lineCount == 10)
    }

    @Test func arbitraryBytesNeverTrap() {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let bytes = (0..<Int(generator.next() % 300)).map { _ in
                let pick = generator.next() % 10
                return pick < 2 ? UInt8(ascii: "\n") : pick < 4 ? Array(#"{}[]":,"#.utf8)[Int(generator.next() % 7)] : UInt8(truncatingIfNeeded: generator.next())
            }
            let result = LegacySegmentParser.parse(data: Data(bytes))
            #expect(result.consumedBytes <= bytes.count)
        }
    }
}
