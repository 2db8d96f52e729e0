import Foundation
import Runtime
import Testing
@testable import Providers

/// Tool rounds through a real `WorkerRuntime`: it commits each call before
/// it runs, holds the call that asks until an operator answers, and commits
/// each result; the backend runs the calls with a test executor.
@Suite(.timeLimit(.minutes(1))) struct RuntimeToolTurnTests {
    @Test func anAskedCallWaitsForTheOperatorThenRunsAndTheTurnCompletes() async throws {
        try await ToolHarness.with { harness in
            let runtime = try WorkerRuntime(workspaceId: "ws", store: MemoryStore(), backend: harness.backend)
            let ref = try await runtime.createWorker(profile: "s-tools").ref
            let events = try await runtime.observe(ref)
            _ = try await runtime.sendInput(ref, text: "/tool read {\"path\":\"a\"}\n/tool bash {\"command\":\"ls\"}")
            var seen: [LiveEvent] = []
            for await event in events {
                seen.append(event)
                if case let .entryCommitted(entry) = event, entry.toolCall?.tool == "bash" { break }
            }
            let waiting = try await runtime.worker(ref)
            #expect(waiting.execution.runState == .awaitingApproval)
            #expect(waiting.pendingApproval?.call == ToolCallRequest(callId: "scripted-2", tool: "bash", arguments: #"{"command":"ls"}"#))
            #expect(waiting.pendingApproval?.preview == ApprovalPreview(command: #"{"command":"ls"}"#, directory: "workspace"))
            // Only read (allowed by default) has run.
            #expect(await harness.executor.log.ran.map(\.tool) == ["read"])

            try await runtime.answerApproval(ref, callId: "scripted-2", .allowOnce)
            seen = await Harness.collectUntilTurnEnds(events, from: seen)
            #expect(seen.ending == .completed)
            #expect(await harness.executor.log.ran.map(\.tool) == ["read", "bash"])
            let entries = try await runtime.transcript(ref, start: 0, limit: 20).items
            #expect(entries.map { "\($0.role.rawValue) \($0.kind.rawValue)" } == [
                "user message", "assistant tool_call", "tool tool_result", "assistant tool_call", "tool tool_result",
                "assistant message",
            ])
            #expect(entries.compactMap(\.toolResult).map(\.status) == [.ok, .ok])
            #expect(entries.last?.content == "[scripted] read: ok (ran read {\"path\":\"a\"})\n[scripted] bash: ok (ran bash {\"command\":\"ls\"})")
            #expect(try await runtime.worker(ref).execution.runState == .idle)
        }
    }

    @Test func aDeniedCallIsAnsweredToTheModel() async throws {
        try await ToolHarness.with { harness in
            let runtime = try WorkerRuntime(workspaceId: "ws", store: MemoryStore(), backend: harness.backend)
            let ref = try await runtime.createWorker(profile: "s-tools").ref
            let events = try await runtime.observe(ref)
            _ = try await runtime.sendInput(ref, text: "/tool bash {\"command\":\"rm -rf x\"}")
            var seen: [LiveEvent] = []
            for await event in events {
                seen.append(event)
                if case let .entryCommitted(entry) = event, entry.kind == .toolCall { break }
            }
            try await runtime.answerApproval(ref, callId: "scripted-1", .deny(message: "not that"))
            seen = await Harness.collectUntilTurnEnds(events, from: seen)
            #expect(seen.ending == .completed)
            #expect(await harness.executor.log.ran.isEmpty)
            let entries = try await runtime.transcript(ref, start: 0, limit: 20).items
            #expect(entries.compactMap(\.toolResult) == [
                ToolResult(callId: "scripted-1", status: .denied, output: "denied by the operator: not that"),
            ])
            #expect(entries.last?.content == "[scripted] bash: denied (denied by the operator: not that)")
        }
    }
}
