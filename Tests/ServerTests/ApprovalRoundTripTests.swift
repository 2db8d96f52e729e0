import Foundation
@testable import Remote
import Registry
import Runtime
@testable import Server
import Testing
import TestSupport

/// tools.md, Approvals from any client (serve.md): a call waiting in the
/// owner is listed and answered through the API by another process's
/// registry; the first answer wins, a later one is refused; tool entries
/// cross the wire with their fields.
@Suite(.timeLimit(.minutes(1)))
struct ApprovalRoundTripTests {
    @Test func aSecondProcessListsAndAnswersAPendingCall() async throws {
        let owner = try RemoteOwner()
        try await owner.start()
        let remote = owner.remote()
        let client = RuntimeRegistry()
        try client.register(remote)
        remote.start()
        await remote.waitFor(.connected)

        let created = try await client.createWorker(runtime: "remote:build-1", CreateWorkerRequest(profile: "default"))
        _ = try await client.sendInput(created.key, text: "fix the typo")
        let last = try #require(owner.backend.lastInput)
        let sink = owner.backend.sink(last.handle)
        let call = ToolCallRequest(callId: "call_7", tool: "edit", arguments: #"{"path":"README.md","old":"teh","new":"the"}"#)
        let decision = Task { await sink.decide(last.turn, call, policy: .ask) }

        var approvals: [ApprovalProjection] = []
        for _ in 0..<2_000 where approvals.isEmpty {
            approvals = try await client.approvals(runtime: "remote:build-1")
            if approvals.isEmpty { await Task.yield() }
        }
        #expect(approvals.map(\.callId) == ["call_7"])
        #expect(approvals.first?.runtimeId == "remote:build-1" && approvals.first?.tool == "edit")
        #expect(approvals.first?.arguments == call.arguments)
        let waiting = try await client.worker(created.key)
        #expect(waiting.status == .needsApproval && waiting.runState == .awaitingApproval && waiting.pendingApprovals == 1)
        #expect(try await client.runtime("remote:build-1").counts.needsApproval == 1)

        let answered = try await client.answerApproval(created.key, callId: "call_7", .allowAlways)
        #expect(await decision.value == .run)
        #expect(answered.status == .busy && answered.pendingApprovals == 0 && answered.alwaysAllowed == [.edit])
        // The first answer won; a second client's answer is refused, typed.
        let late = await registryFailure { _ = try await client.answerApproval(created.key, callId: "call_7", .deny(message: nil)) }
        #expect(late?.code == "approval_not_pending" && late?.exitCode == 4)

        // The call and its result cross the wire with their fields.
        let result = ToolResult(callId: "call_7", status: .ok, output: "1 replacement", diff: "-teh\n+the\n")
        await sink.report(.toolResult(last.turn, result))
        let page = try await client.transcript(created.key, start: 0, limit: 10)
        #expect(page.items.map(\.kind) == [.message, .toolCall, .toolResult])
        #expect(page.items[1].toolCall == call)
        #expect(page.items[2].toolResult == result && page.items[2].role == .tool)

        _ = await client.close()
        await owner.remove()
    }

    @Test func aDenialWithAMessageReachesTheModel() async throws {
        let owner = try RemoteOwner()
        try await owner.start()
        let remote = owner.remote()
        let client = RuntimeRegistry()
        try client.register(remote)
        let created = try await client.createWorker(runtime: "remote:build-1", CreateWorkerRequest(profile: "default"))
        _ = try await client.sendInput(created.key, text: "clean up")
        let last = try #require(owner.backend.lastInput)
        let call = ToolCallRequest(callId: "call_8", tool: "bash", arguments: #"{"command":"rm -rf build"}"#)
        let decision = Task { await owner.backend.sink(last.handle).decide(last.turn, call, policy: .ask) }
        for _ in 0..<2_000 where try await client.approvals(runtime: "remote:build-1").isEmpty { await Task.yield() }
        _ = try await client.answerApproval(created.key, callId: "call_8", .deny(message: "use make clean"))
        #expect(await decision.value == .denied(reason: "denied by the operator: use make clean"))
        _ = await client.close()
        await owner.remove()
    }
}
