import FakeLLM
import Foundation
import Runtime
import Testing
@testable import Providers

/// Turns with tool rounds through the backend, a loopback fake provider, a
/// test `ToolExecutor` and a sink that decides each call.
@Suite(.timeLimit(.minutes(1))) struct ToolTurnTests {
    let turn = TurnId(rawValue: 1)

    static let readCall = ToolCallRequest(callId: "call_a", tool: "read", arguments: #"{"path":"README.md"}"#)
    static let grepCall = ToolCallRequest(callId: "call_b", tool: "grep", arguments: #"{"pattern":"TODO"}"#)
    static let readResult = ToolResult(callId: "call_a", status: .ok, output: "ran read {\"path\":\"README.md\"}\nsecond line")

    @Test func openAIRoundRunsOneCallDeniesTheOtherThenReplies() async throws {
        try await ToolHarness.with { harness in
            let sink = ToolSink(decisions: [.run, .denied(reason: "denied by policy")])
            _ = try await harness.turn("t-tools", "look around", sink: sink)
            let denied = ToolResult(callId: "call_b", status: .denied, output: "denied by policy")
            #expect(await sink.reports == [
                .started(turn), .textDelta(turn, "Looking."), .usage(turn, TokenUsage(input: 20, output: 10)),
                .blockCompleted(turn, "Looking."),
                .toolResult(turn, Self.readResult), .toolResult(turn, denied),
                .textDelta(turn, "Hello"), .textDelta(turn, ", "), .textDelta(turn, "world"),
                .usage(turn, TokenUsage(input: 9, output: 3, cached: 2)),
                .blockCompleted(turn, "Hello, world"), .finished(turn),
            ])
            // read and grep default to allow: the profile's policy is what the sink is given.
            #expect(await sink.decidedCalls() == ["call_a read allow", "call_b grep allow"])
            #expect(await harness.executor.log.ran == [Self.readCall])
            let workspace = try #require(await harness.executor.log.workspaces.first)
            #expect(workspace == ToolWorkspace(directory: URL(fileURLWithPath: "/workspace-root/wd-worker-00000001"),
                                               envPassthrough: ["CARGO_HOME"], sandbox: .bwrap))
            #expect(await harness.executor.log.prepared.map { "\($0.0) \($0.1.path) \($0.2)" }
                == ["worktree /workspace-root worker-00000001"])

            let requests = await harness.server.state.requests
            #expect(requests.count == 2)
            let tools = try #require(requests[0].json["tools"] as? [[String: Any]])
            #expect(tools.compactMap { ($0["function"] as? [String: Any])?["name"] as? String } == ["read", "grep"])
            #expect(tools.allSatisfy { $0["type"] as? String == "function" })
            let messages = try #require(requests[1].json["messages"] as? [[String: Any]])
            #expect(messages.map { $0["role"] as? String ?? "" } == ["user", "assistant", "tool", "tool"])
            let calls = try #require(messages[1]["tool_calls"] as? [[String: Any]])
            #expect(calls.map { $0["id"] as? String ?? "" } == ["call_a", "call_b"])
            #expect(calls.map { ($0["function"] as? [String: Any])?["arguments"] as? String ?? "" }
                == [Self.readCall.arguments, Self.grepCall.arguments])
            #expect(messages[2]["tool_call_id"] as? String == "call_a")
            #expect(messages[2]["content"] as? String == Self.readResult.output)
            #expect(messages[3]["tool_call_id"] as? String == "call_b")
            #expect(messages[3]["content"] as? String == "denied: denied by policy")
        }
    }

    @Test func anthropicRoundSendsToolResultBlocksThenReplies() async throws {
        try await ToolHarness.with { harness in
            let sink = ToolSink()
            _ = try await harness.turn("a-tools", "look", sink: sink)
            let result = ToolResult(callId: "toolu_1", status: .ok, output: "ran read {\"path\": \"README.md\"}\nsecond line")
            #expect(await sink.reports.filter { if case .textDelta = $0 { false } else { true } } == [
                .started(turn), .usage(turn, TokenUsage(input: 20, output: 15)), .blockCompleted(turn, "Looking."),
                .toolResult(turn, result), .usage(turn, TokenUsage(input: 11, output: 3, cached: 2)),
                .blockCompleted(turn, "Hello, world"), .finished(turn),
            ])
            let requests = await harness.server.state.requests
            #expect(requests.count == 2)
            let tools = try #require(requests[0].json["tools"] as? [[String: Any]])
            #expect(tools.map { $0["name"] as? String ?? "" } == ["read"])
            #expect(tools.first?["input_schema"] != nil)
            let messages = try #require(requests[1].json["messages"] as? [[String: Any]])
            #expect(messages.map { $0["role"] as? String ?? "" } == ["user", "assistant", "user"])
            let assistant = try #require(messages[1]["content"] as? [[String: Any]])
            #expect(assistant.map { $0["type"] as? String ?? "" } == ["text", "tool_use"])
            #expect(assistant[1]["id"] as? String == "toolu_1")
            #expect((assistant[1]["input"] as? [String: Any])?["path"] as? String == "README.md")
            let results = try #require(messages[2]["content"] as? [[String: Any]])
            #expect(results.count == 1)
            #expect(results[0]["type"] as? String == "tool_result")
            #expect(results[0]["tool_use_id"] as? String == "toolu_1")
            #expect(results[0]["content"] as? String == result.output)
            #expect(results[0]["is_error"] as? Bool == false)
        }
    }

    /// `.ended`: the runtime no longer wants this turn; nothing runs and nothing more is reported.
    @Test func anEndedDecisionStopsTheTurnWithoutRunningOrReporting() async throws {
        try await ToolHarness.with { harness in
            let sink = ToolSink(decisions: [.ended])
            guard case let .connected(handle) = await harness.spawn("t-tools", sink: sink) else { Issue.record("spawn"); return }
            #expect(await harness.backend.startTurn(handle, turn: turn, input: "look") == .accepted)
            await sink.wait { if case .blockCompleted = $0 { true } else { false } }
            // `.ended` frees the execution: the next turn starts without an interrupt.
            await sink.waitForDecision()
            // (The sink answered; the backend frees the execution right after.)
            var outcome = await harness.backend.startTurn(handle, turn: TurnId(rawValue: 2), input: "next")
            while outcome == .busy {
                await Task.yield()
                outcome = await harness.backend.startTurn(handle, turn: TurnId(rawValue: 2), input: "next")
            }
            #expect(outcome == .accepted)
            await sink.waitForEnd(2)
            #expect(await harness.executor.log.ran.isEmpty)
            #expect(await sink.decidedCalls() == ["call_a read allow"])
            #expect(await sink.reports.filter { $0.turn == turn } == [
                .started(turn), .textDelta(turn, "Looking."), .usage(turn, TokenUsage(input: 20, output: 10)),
                .blockCompleted(turn, "Looking."),
            ])
        }
    }

    @Test func maxToolRoundsStopsTheTurnWithANotice() async throws {
        try await ToolHarness.with { harness in
            let sink = ToolSink()
            _ = try await harness.turn("t-loop", "loop", sink: sink)
            let results = await sink.reports.compactMap { if case let .toolResult(_, result) = $0 { result } else { nil } }
            // The provider reuses its id; the second round's call gets a unique one.
            #expect(results.map(\.callId) == ["call_same", "call_same-t1-1"])
            #expect(await sink.reports.suffix(2) == [.notice(turn, "stopped after 2 tool rounds (max_tool_rounds)"), .finished(turn)])
            #expect(await harness.server.state.requests.count == 2)
            #expect(await harness.executor.log.ran.count == 2)
        }
    }

    @Test(arguments: ["t-drop", "a-drop-tools"])
    func aStreamDroppedMidArgumentsFailsTheTurnAndRunsNothing(profile: String) async throws {
        try await ToolHarness.with { harness in
            let sink = ToolSink()
            // The drop waits until the text before the call has arrived.
            await harness.server.state.holdDrops()
            let release = Task {
                await sink.wait { $0 == .textDelta(turn, "Looking.") }
                await harness.server.state.releaseDrop()
            }
            _ = try await harness.turn(profile, "look", sink: sink)
            await release.value
            let reports = await sink.reports
            #expect(reports.first == .started(turn))
            #expect(reports.contains(.textDelta(turn, "Looking.")))
            guard case let .failed(_, message)? = reports.last else { Issue.record("not failed: \(reports)"); return }
            #expect(message.hasSuffix("was lost mid-stream"))
            #expect(!reports.contains { if case .blockCompleted = $0 { true } else { false } })
            #expect(await sink.decided.isEmpty)
            #expect(await harness.executor.log.ran.isEmpty)
        }
    }

    /// Interrupt cancels the turn's task and with it the running tool;
    /// nothing of the turn is reported after `interrupt` returns.
    @Test func interruptWhileAToolRunsCancelsItAndReportsNothingMore() async throws {
        try await ToolHarness.with { harness in
            let sink = ToolSink()
            guard case let .connected(handle) = await harness.spawn("s-tools", sink: sink) else { Issue.record("spawn"); return }
            #expect(await harness.backend.startTurn(handle, turn: turn, input: #"/tool bash {"command":"sleep 100"}"#) == .accepted)
            await harness.executor.log.waitForStart()
            #expect(await harness.backend.interrupt(handle) == .accepted)
            let count = await sink.reports.count
            await harness.executor.log.waitForCancel()
            #expect(await harness.executor.log.cancelled == ["scripted-1"])
            #expect(await sink.decidedCalls() == ["scripted-1 bash ask"])
            #expect(await sink.previews == [ApprovalPreview(command: #"{"command":"sleep 100"}"#, directory: "workspace")])
            // The next turn runs, and nothing of the first arrived in between.
            #expect(await harness.backend.startTurn(handle, turn: TurnId(rawValue: 2), input: "hi") == .accepted)
            await sink.waitForEnd(2)
            let reports = await sink.reports
            #expect(reports.prefix(count) == reports.filter { $0.turn == turn }[...])
            #expect(reports.filter { $0.turn == turn } == [.started(turn), .usage(turn, TokenUsage(input: 4, output: 1))])
        }
    }

    /// A reconnect seeded from the transcript the runtime committed sends
    /// what the live execution sends.
    @Test func theConversationAfterToolRoundsIsWhatAReconnectBuilds() async throws {
        try await ToolHarness.with { harness in
            let sink = ToolSink(decisions: [.run, .denied(reason: "denied by the operator: no")])
            let live = try await harness.turn("t-tools", "look around", sink: sink)
            let transcript = await sink.transcript
            #expect(transcript.map { "\($0.role.rawValue) \($0.kind.rawValue)" } == [
                "user message", "assistant message", "assistant tool_call", "tool tool_result",
                "assistant tool_call", "tool tool_result", "assistant message",
            ])
            let again = ToolSink()
            guard case let .connected(seeded) = await harness.spawn("t-tools", sink: again, history: transcript, worker: 2) else {
                Issue.record("spawn"); return
            }
            #expect(await harness.backend.startTurn(live, turn: TurnId(rawValue: 2), input: "next") == .accepted)
            await sink.waitForEnd(2)
            #expect(await harness.backend.startTurn(seeded, turn: TurnId(rawValue: 1), input: "next") == .accepted)
            await again.waitForEnd(1)
            let requests = await harness.server.state.requests
            #expect(requests.count == 4)
            #expect(requests[2].bodyText == requests[3].bodyText)
            #expect(requests[3].messages.map { $0[0] } == ["user", "assistant", "tool", "tool", "assistant", "user"])
        }
    }

    @Test func aToolsProfileNeedsAnExecutorAndAWorkdir() async throws {
        try await ToolHarness.with(giveTools: false) { harness in
            #expect(await harness.spawn("t-tools", sink: ToolSink()) == .rejected(
                "profile t-tools lists tools, but tools need a workspace and a tool runner, which this backend was not given"))
            // Tools-less profiles spawn as before.
            guard case .connected = await harness.spawn("normal", sink: ToolSink()) else { Issue.record("spawn"); return }
        }
        var failing = TestToolExecutor()
        failing.setupError = ToolSetupError("the workspace is not a git repository")
        try await ToolHarness.with(executor: failing) { harness in
            #expect(await harness.spawn("t-tools", sink: ToolSink()) == .rejected("the workspace is not a git repository"))
        }
    }
}
