import Foundation
import Registry
import Testing
@testable import Console

/// Needs you, the approval review and expanded tool entries, with hostile
/// text in arguments and output (sanitised before layout).
@Suite struct ToolSnapshotTests {
    static let hostile = FrameSnapshotTests.hostile

    /// review-bot needs you and is shown; coder is busy with tokens spent.
    static func needsYouWorld() -> AppState {
        var s = Fixtures.world()
        s.workers[1].status = .needsApproval
        s.workers[1].inputTokens = 12_345
        s.workers[1].outputTokens = 4_500
        s.workers[1].model = "openai/gpt-4o-mini"
        s.prices["openai/gpt-4o-mini"] = TokenPrice(inputPerMTok: 0.15, outputPerMTok: 0.6)
        s.openWorker = Fixtures.reviewKey
        s.workerCursor = 0
        s.focus = .workers
        s.transcripts[Fixtures.reviewKey] = TranscriptState(
            total: 2, items: [Fixtures.item(1, "user", "fix the readme"), ToolEntryTests.callItem(2)])
        return s
    }

    static func editReview() -> AppState {
        var s = needsYouWorld()
        let diff = "--- a/README.md\n+++ b/README.md\n@@ -1,3 +1,3 @@\n # deck\n-old line\n+" + Sanitiser.clean(hostile) + "\n context"
        s.overlay = .approval(ApprovalReview(worker: Fixtures.reviewKey, approval: ApprovalRow(ApprovalProjection(
            runtimeId: "backend-internal", workerId: "worker-0000002b", workerLabel: "review-bot", callId: "call_\u{1B}[31m1",
            tool: "edit", arguments: #"{"path":"README.md","old":"old line","new":"\#(hostile.replacingOccurrences(of: "\u{1B}", with: "\\u001b").replacingOccurrences(of: "\u{07}", with: "\\u0007").replacingOccurrences(of: "\u{9B}", with: "\\u009b"))"}"#,
            requestedAt: Fixtures.t0, diff: diff))))
        return s
    }

    static func bashReview() -> AppState {
        var s = needsYouWorld()
        s.overlay = .approval(ApprovalReview(worker: Fixtures.reviewKey, approval: ApprovalRow(ApprovalProjection(
            runtimeId: "backend-internal", workerId: "worker-0000002b", workerLabel: "review-bot", callId: "call_2",
            tool: "bash", arguments: #"{"command":"make test && echo done"}"#, requestedAt: Fixtures.t0,
            command: "make test && echo \u{1B}]0;owned\u{07}done", directory: "."))))
        return s
    }

    static func expandedResult() -> AppState {
        var s = needsYouWorld()
        s.workers[1].status = .idle
        s.workerCursor = 1
        s.focus = .transcript
        s.transcripts[Fixtures.reviewKey] = TranscriptState(
            total: 3, items: [Fixtures.item(1, "user", "fix the readme"), ToolEntryTests.callItem(2),
                              ToolEntryTests.resultItem(3, output: "wrote README.md\n  indented   columns\n" + hostile)])
        s.transcripts[Fixtures.reviewKey]?.selected = 3
        s.transcripts[Fixtures.reviewKey]?.expanded = [2, 3]
        return s
    }

    func frame(_ state: AppState, _ w: Int, _ h: Int) -> Frame {
        render(state, size: Size(width: w, height: h), theme: .fallback)
    }

    @Test func needsYouAt80x24() { Snapshot.assertMatches(frame(Self.needsYouWorld(), 80, 24), named: "needs-you-80x24") }
    @Test func needsYouAt120x40() { Snapshot.assertMatches(frame(Self.needsYouWorld(), 120, 40), named: "needs-you-120x40") }
    @Test func editReviewAt80x24() { Snapshot.assertMatches(frame(Self.editReview(), 80, 24), named: "review-edit-80x24") }
    @Test func editReviewAt120x40() { Snapshot.assertMatches(frame(Self.editReview(), 120, 40), named: "review-edit-120x40") }
    @Test func bashReviewAt80x24() { Snapshot.assertMatches(frame(Self.bashReview(), 80, 24), named: "review-bash-80x24") }
    @Test func bashReviewAt120x40() { Snapshot.assertMatches(frame(Self.bashReview(), 120, 40), named: "review-bash-120x40") }
    @Test func denyMessageAt80x24() {
        var s = Self.bashReview()
        if case .approval(var r) = s.overlay { r.denyMessage = "use the Makefile target"; s.overlay = .approval(r) }
        Snapshot.assertMatches(frame(s, 80, 24), named: "review-deny-message-80x24")
    }
    @Test func expandedResultAt80x24() { Snapshot.assertMatches(frame(Self.expandedResult(), 80, 24), named: "tool-expanded-80x24") }
    @Test func expandedResultAt120x40() { Snapshot.assertMatches(frame(Self.expandedResult(), 120, 40), named: "tool-expanded-120x40") }

    /// No escape or control character reaches a cell.
    @Test func noControlCharacterIsDrawn() {
        for state in [Self.editReview(), Self.bashReview(), Self.expandedResult()] {
            let f = frame(state, 120, 40)
            let text = f.text
            #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x80..<0xA0).contains($0.value) || $0 == "\u{202E}" })
        }
    }

    @Test func everyPaneSurvivesTinySizes() {
        for state in [Self.editReview(), Self.expandedResult()] {
            for (w, h) in [(0, 0), (1, 1), (60, 15)] { #expect(frame(state, w, h).size == Size(width: w, height: h)) }
        }
    }
}
