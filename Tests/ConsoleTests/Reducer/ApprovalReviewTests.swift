import Foundation
import Registry
import Testing
@testable import Console

/// tools.md, Approvals: the review opens only when asked, ignores the burst
/// that opened it, answers with its own keys, and closes when the call is
/// answered elsewhere.
@Suite struct ApprovalReviewTests {
    static let call = ApprovalRow(key: Fixtures.reviewKey, callId: "call_1", tool: "edit",
                                  arguments: "{\n  \"path\" : \"README.md\"\n}", diff: "@@ -1 +1 @@\n-old\n+new")

    /// review-bot needs you and is shown; the transcript has the focus.
    static func world() -> AppState {
        var s = Fixtures.world()
        s.workers[1].status = .needsApproval
        s.openWorker = Fixtures.reviewKey
        s.transcripts[Fixtures.reviewKey] = TranscriptState()
        s.focus = .transcript
        return s
    }

    /// `a`, end of burst, the call loaded: the review is ready for answers.
    static func reviewing() -> AppState {
        var s = world()
        _ = reduce(&s, .keyPressed(.char("a")))
        _ = reduce(&s, .inputBurstEnded)
        _ = reduce(&s, .approvalLoaded(Fixtures.reviewKey, call))
        return s
    }

    @Test func aOpensTheReviewAndLoadsThePendingCall() {
        var s = Self.world()
        var expected = s
        expected.overlay = .approval(ApprovalReview(worker: Fixtures.reviewKey))
        expected.confirmArmed = false
        #expect(reduce(&s, .keyPressed(.char("a"))) == [.loadApproval(Fixtures.reviewKey)])
        #expect(s == expected)
        _ = reduce(&s, .approvalLoaded(Fixtures.reviewKey, Self.call))
        #expect(s.overlay == .approval(ApprovalReview(worker: Fixtures.reviewKey, approval: Self.call)))
    }

    @Test func aIsRefusedWithAReasonWhenTheWorkerDoesNotNeedYou() {
        var s = Self.world()
        s.openWorker = Fixtures.coderKey
        let effects = reduce(&s, .keyPressed(.char("a")))
        #expect(effects == [.expireFlash(1, afterSeconds: 10)])
        #expect(s.overlay == nil)
        #expect(s.flash?.message == "a: coder has no tool call waiting for an answer")
    }

    /// Typed in the composer, none of the review's keys do anything but type.
    @Test func theReviewNeverOpensFromTheComposer() {
        var s = Self.world()
        s.focus = .composer
        for c in "aAynm!" { #expect(reduce(&s, .keyPressed(.char(c))) == []) }
        #expect(s.overlay == nil)
        #expect(s.composers[Fixtures.reviewKey]?.text == "aAynm!")
    }

    /// Keys that arrived in the burst that opened the review are ignored.
    @Test func keysInTheBurstThatOpenedItAreIgnored() {
        var s = Self.world()
        _ = reduce(&s, .keyPressed(.char("a")))
        _ = reduce(&s, .approvalLoaded(Fixtures.reviewKey, Self.call))
        for c in "yAnm" { #expect(reduce(&s, .keyPressed(.char(c))) == []) }
        #expect(s.overlay == .approval(ApprovalReview(worker: Fixtures.reviewKey, approval: Self.call)))
        _ = reduce(&s, .inputBurstEnded)
        #expect(reduce(&s, .keyPressed(.char("y"))) == [.answerApproval(Fixtures.reviewKey, callId: "call_1", tool: "edit", .allowOnce)])
    }

    @Test func eachAnswerKeySendsItsDecisionAndCloses() {
        let answers: [(Character, ApprovalDecision)] = [("y", .allowOnce), ("A", .allowAlways), ("n", .deny(message: nil))]
        for (key, decision) in answers {
            var s = Self.reviewing()
            #expect(reduce(&s, .keyPressed(.char(key))) == [.answerApproval(Fixtures.reviewKey, callId: "call_1", tool: "edit", decision)])
            #expect(s.overlay == nil)
        }
    }

    @Test func mAsksForAMessageThenDeniesWithIt() {
        var s = Self.reviewing()
        #expect(reduce(&s, .keyPressed(.char("m"))) == [])
        // In the message field the answer keys are text.
        for c in "use yarn" { #expect(reduce(&s, .keyPressed(.char(c))) == []) }
        _ = reduce(&s, .keyPressed(KeyChord(.backspace)))
        _ = reduce(&s, .keyPressed(.char("n")))
        #expect(s.overlay == .approval(ApprovalReview(worker: Fixtures.reviewKey, approval: Self.call, denyMessage: "use yarn")))
        #expect(reduce(&s, .keyPressed(KeyChord(.enter)))
                == [.answerApproval(Fixtures.reviewKey, callId: "call_1", tool: "edit", .deny(message: "use yarn"))])
        #expect(s.overlay == nil)
    }

    @Test func escInTheMessageFieldBacksOutToTheReviewThenCloses() {
        var s = Self.reviewing()
        _ = reduce(&s, .keyPressed(.char("m")))
        _ = reduce(&s, .keyPressed(.char("x")))
        #expect(reduce(&s, .keyPressed(KeyChord(.escape))) == [])
        #expect(s.overlay == .approval(ApprovalReview(worker: Fixtures.reviewKey, approval: Self.call)))
        #expect(reduce(&s, .keyPressed(KeyChord(.escape))) == [])
        #expect(s.overlay == nil)
    }

    @Test func answersWaitForTheCallToLoad() {
        var s = Self.world()
        _ = reduce(&s, .keyPressed(.char("a")))
        _ = reduce(&s, .inputBurstEnded)
        #expect(reduce(&s, .keyPressed(.char("y"))) == [.expireFlash(1, afterSeconds: 5)])
        #expect(s.overlay == .approval(ApprovalReview(worker: Fixtures.reviewKey)))
    }

    @Test func theReviewScrolls() {
        var s = Self.reviewing()
        _ = reduce(&s, .keyPressed(.char("j")))
        _ = reduce(&s, .keyPressed(KeyChord(.down)))
        #expect(s.overlay == .approval(ApprovalReview(worker: Fixtures.reviewKey, approval: Self.call, scroll: 2)))
    }

    @Test func aSuccessfulAnswerIsReported() {
        var s = Self.reviewing()
        _ = reduce(&s, .keyPressed(.char("y")))
        var row = Fixtures.review
        row.status = .busy
        _ = reduce(&s, .approvalAnswered(Fixtures.reviewKey, tool: "edit", .allowOnce, worker: row))
        #expect(s.flash?.message == "allowed edit once for review-bot")
        #expect(s.worker(Fixtures.reviewKey)?.status == .busy)
    }

    @Test func aLateAnswerSaysItWasAnsweredElsewhereAndCloses() {
        var s = Self.reviewing()
        _ = reduce(&s, .approvalAlreadyAnswered(Fixtures.reviewKey))
        #expect(s.overlay == nil)
        #expect(s.flash?.message == "already answered elsewhere: review-bot has no pending call")
    }

    /// The CLI or another console answered: the worker stops needing you
    /// and the review closes at once.
    @Test func answeredElsewhereClosesTheReview() {
        var s = Self.reviewing()
        var row = Fixtures.review
        row.status = .busy
        _ = reduce(&s, .workerChanged(row))
        #expect(s.overlay == nil)
        #expect(s.flash?.message == "the pending call of review-bot was answered elsewhere")
    }

    @Test func noPendingCallClosesTheLoadingReview() {
        var s = Self.world()
        _ = reduce(&s, .keyPressed(.char("a")))
        _ = reduce(&s, .approvalLoaded(Fixtures.reviewKey, nil))
        #expect(s.overlay == nil)
        #expect(s.flash?.message == "review-bot has no pending call (answered elsewhere)")
    }

    @Test func aPasteIntoTheReviewAnswersNothing() {
        var s = Self.reviewing()
        #expect(reduce(&s, .pasted("yAn")) == [])
        #expect(s.overlay == .approval(ApprovalReview(worker: Fixtures.reviewKey, approval: Self.call)))
    }

    @Test func theProjectionIsSanitisedAndPrettyPrinted() {
        let p = ApprovalProjection(runtimeId: "backend-internal", workerId: "worker-0000002b", workerLabel: "review-bot",
                                   callId: "call_1", tool: "bash", arguments: #"{"command":"ls\u001b[2J","b":1}"#,
                                   requestedAt: nil, command: "ls\u{1B}[2J", directory: ".")
        let row = ApprovalRow(p)
        #expect(row.arguments.hasPrefix("{\n  \"b\""))
        #expect(!row.arguments.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(row.command?.unicodeScalars.contains("\u{1B}") == false)
    }
}
