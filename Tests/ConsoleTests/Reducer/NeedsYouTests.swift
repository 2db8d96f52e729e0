import Foundation
import Registry
import Testing
@testable import Console

/// tools.md, Approvals: workers that need you come first, `!` goes to
/// them, `:filter status:…` finds them.
@Suite struct NeedsYouTests {
    /// coder busy, review-bot idle, api local; review-bot now needs you.
    static func world() -> AppState {
        var s = Fixtures.world()
        s.workers[1].status = .needsApproval
        return s
    }

    @Test func workersThatNeedYouComeFirstOtherwiseInRegistryOrder() {
        let s = Self.world()
        #expect(s.visibleWorkers.map(\.key) == [Fixtures.reviewKey, Fixtures.coderKey, Fixtures.localKey])
    }

    @Test func needsApprovalCountsAsBusy() {
        let s = Self.world()
        #expect(s.workers[1].isBusy)
        #expect(s.workers[1].needsYou)
        #expect(!s.workers[0].needsYou)
        #expect(s.runningTurns == 2)
    }

    /// Waiting for an answer does not animate (an idle console does no work).
    @Test func aWorkerWaitingForYouDoesNotAnimate() {
        var s = Self.world()
        s.workers[0].status = .idle
        #expect(!s.needsAnimation)
        s.workers[0].status = .busy
        #expect(s.needsAnimation)
    }

    /// The cursor stays on its worker when a status change reorders the list.
    @Test func theCursorStaysOnItsWorkerWhenTheOrderChanges() {
        var s = Fixtures.world()
        s.workerCursor = 0
        s.openWorker = Fixtures.coderKey
        var row = Fixtures.review
        row.status = .needsApproval
        _ = reduce(&s, .workerChanged(row))
        #expect(s.selectedWorker?.key == Fixtures.coderKey)
        #expect(s.workerCursor == 1)
    }

    @Test func bangShowsTheNextWorkerThatNeedsYou() {
        var s = Self.world()
        s.workers[0].status = .needsApproval
        s.openWorker = Fixtures.coderKey
        s.transcripts[Fixtures.coderKey] = TranscriptState()
        // visible order: coder, review-bot (both need you, registry order), api
        let effects = reduce(&s, .keyPressed(.char("!")))
        #expect(s.openWorker == Fixtures.reviewKey)
        #expect(s.selectedWorker?.key == Fixtures.reviewKey)
        #expect(effects == [.loadTranscriptPage(Fixtures.reviewKey, start: 0, limit: 64), .expireFlash(1, afterSeconds: 5)])
        #expect(s.flash?.message == "review-bot needs you (a reviews); 2 workers wait")
        // and wraps back to the first
        _ = reduce(&s, .keyPressed(.char("!")))
        #expect(s.openWorker == Fixtures.coderKey)
        #expect(s.selectedWorker?.key == Fixtures.coderKey)
    }

    @Test func bangClearsAFilterThatHidesTheWorker() {
        var s = Self.world()
        s.workerFilter = "coder"
        _ = reduce(&s, .keyPressed(.char("!")))
        #expect(s.workerFilter == "")
        #expect(s.selectedWorker?.key == Fixtures.reviewKey)
    }

    @Test func bangSaysWhenNoWorkerNeedsYou() {
        var s = Fixtures.world()
        let effects = reduce(&s, .keyPressed(.char("!")))
        #expect(effects == [.expireFlash(1, afterSeconds: 5)])
        #expect(s.flash?.message == "no worker needs you")
        #expect(s.openWorker == nil)
    }

    @Test func filterStatusTokens() {
        var s = Self.world()
        _ = reduce(&s, .keyPressed(.char(":")))
        for c in "filter status:needs" { _ = reduce(&s, .keyPressed(.char(c))) }
        _ = reduce(&s, .keyPressed(KeyChord(.enter)))
        #expect(s.visibleWorkers.map(\.key) == [Fixtures.reviewKey])
        s.workerFilter = "status:busy"
        #expect(s.visibleWorkers.map(\.key) == [Fixtures.coderKey])
        s.workerFilter = "status:busy status:act"
        #expect(s.visibleWorkers.map(\.key) == [Fixtures.coderKey, Fixtures.localKey])
        s.workerFilter = "status:busy review"
        #expect(s.visibleWorkers.isEmpty)
        s.workerFilter = "status:needs review"
        #expect(s.visibleWorkers.map(\.key) == [Fixtures.reviewKey])
        // Plain text still matches name, id and the status column.
        s.workerFilter = "needs"
        #expect(s.visibleWorkers.map(\.key) == [Fixtures.reviewKey])
        s.workerFilter = "2a"
        #expect(s.visibleWorkers.map(\.key) == [Fixtures.coderKey])
    }

    /// A queued input waits while the worker needs you (it is still busy).
    @Test func aQueuedInputWaitsWhileTheWorkerNeedsYou() {
        var s = Self.world()
        s.openWorker = Fixtures.coderKey
        s.transcripts[Fixtures.coderKey] = TranscriptState()
        s.composers[Fixtures.reviewKey] = ComposerState(queued: ["next"])
        var row = Fixtures.review
        row.status = .needsApproval
        #expect(reduce(&s, .workerChanged(row)) == [])
        row.status = .idle
        #expect(reduce(&s, .workerChanged(row)) == [.sendInput(Fixtures.reviewKey, "next")])
    }
}
