import Foundation
import Runtime
import Testing
@testable import Providers

/// The scripted scheme's labelled `/tool NAME {json}` rule.
@Suite(.timeLimit(.minutes(1))) struct ScriptedToolTests {
    let turn = TurnId(rawValue: 1)

    @Test func toolLinesCallThoseToolsThenSummariseEachResult() async throws {
        try await ToolHarness.with { harness in
            let sink = ToolSink()
            let input = "please\n/tool read {\"path\":\"a\"}\n  /tool list {}\n/tool write {}"
            _ = try await harness.turn("s-tools", input, sink: sink)
            let unavailable = "tool write is not available to this worker"
            let summary = "[scripted] read: ok (ran read {\"path\":\"a\"})\n[scripted] list: ok (ran list {})\n"
                + "[scripted] write: error (\(unavailable))"
            #expect(await sink.reports == [
                .started(turn), .usage(turn, TokenUsage(input: 10, output: 3)),
                .toolResult(turn, ToolResult(callId: "scripted-1", status: .ok, output: "ran read {\"path\":\"a\"}\nsecond line")),
                .toolResult(turn, ToolResult(callId: "scripted-2", status: .ok, output: "ran list {}\nsecond line")),
                .toolResult(turn, ToolResult(callId: "scripted-3", status: .error, output: unavailable)),
                .textDelta(turn, "[scripted] "), .textDelta(turn, "read: ok (ran read {\"path\":\"a\"})\n"),
                .textDelta(turn, "[scripted] "), .textDelta(turn, "list: ok (ran list {})\n"),
                .textDelta(turn, "[scripted] "), .textDelta(turn, "write: error (\(unavailable))"),
                .usage(turn, TokenUsage(input: 3, output: 3)),
                .blockCompleted(turn, summary), .finished(turn),
            ])
            // write is not in the profile: decided as `deny` (so the call is
            // committed), never asked about, never run.
            #expect(await sink.decidedCalls() == ["scripted-1 read allow", "scripted-2 list allow", "scripted-3 write deny"])
            #expect(await harness.executor.log.ran.map(\.tool) == ["read", "list"])
        }
    }

    @Test func toolLinesParseNameAndArgumentsAsGiven() {
        #expect(ScriptedClient.calls(in: "x /tool read {}\n/toolread {}\n/tool\n/tool bash  {\"command\": \"ls -l\"}  ") == [
            ToolCallRequest(callId: "scripted-1", tool: "bash", arguments: #"{"command": "ls -l"}"#),
        ])
        #expect(ScriptedClient.calls(in: "one two three").isEmpty)
    }

    /// A tools-less worker never runs them: notices, as for any model.
    @Test func toolLinesForAToolsLessWorkerAreNotices() async throws {
        try await ToolHarness.with { harness in
            let sink = ToolSink()
            _ = try await harness.turn("scripted", "/tool read {}", sink: sink)
            #expect(await sink.reports == [
                .started(turn), .usage(turn, TokenUsage(input: 3, output: 1)),
                .notice(turn, "model requested tool read; tools are not available to this worker"),
                .notice(turn, TurnRunner.emptyReplyNotice), .finished(turn),
            ])
            #expect(await sink.decided.isEmpty)
            #expect(await harness.executor.log.ran.isEmpty)
        }
    }
}
