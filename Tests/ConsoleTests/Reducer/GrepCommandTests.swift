import Foundation
@testable import Console
import Registry
import Testing

/// `:grep TEXT`: asks every runtime, lists the matches by worker, Enter
/// opens the worker at the entry (paging older entries in), Esc closes.
@Suite struct GrepCommandTests {
    static let matches = [
        GrepMatch(key: Fixtures.reviewKey, sequence: 9, role: .assistant, snippet: "the deploy timed out"),
        GrepMatch(key: Fixtures.coderKey, sequence: 2, role: .user, snippet: "deploy again"),
        GrepMatch(key: Fixtures.reviewKey, sequence: 3, role: .user, snippet: "please deploy"),
    ]

    static func loaded() -> AppState {
        var s = Fixtures.world()
        _ = s.runCommandLine("grep deploy")
        _ = reduce(&s, .searchLoaded(query: "deploy", matches))
        return s
    }

    @Test func grepOpensTheOverlayAndAsksForTheWholeText() {
        var s = Fixtures.world()
        #expect(s.runCommandLine("grep  deploy   prod ") == [.search("deploy prod")])
        #expect(s.overlay == .grep(GrepView(query: "deploy prod")))
        #expect(s.activeContexts == [.searchResults, .overlay])
    }

    @Test func grepWithoutTextSaysHow() {
        var s = Fixtures.world()
        #expect(s.runCommandLine("grep") == [.expireFlash(1, afterSeconds: 10)])
        #expect(s.flash?.message == ":grep needs text, e.g. :grep timeout" && s.overlay == nil)
    }

    @Test func resultsAreGroupedByWorkerNewestFirst() {
        let s = Self.loaded()
        guard case .grep(let v) = s.overlay else { Issue.record("no overlay"); return }
        #expect(v.matches?.map(\.key) == [Fixtures.reviewKey, Fixtures.reviewKey, Fixtures.coderKey])
        #expect(v.matches?.map(\.sequence) == [9, 3, 2])
        #expect(v.cursor == 0)
    }

    @Test func anAnswerForAnotherQueryOrAClosedOverlayIsDropped() {
        var s = Fixtures.world()
        _ = s.runCommandLine("grep new")
        #expect(reduce(&s, .searchLoaded(query: "old", Self.matches)).isEmpty)
        #expect(s.overlay == .grep(GrepView(query: "new")))
        s.overlay = nil
        #expect(reduce(&s, .searchLoaded(query: "new", Self.matches)).isEmpty && s.overlay == nil)
    }

    @Test func aFailureClosesTheOverlayWithTheReason() {
        var s = Fixtures.world()
        _ = s.runCommandLine("grep **")
        _ = reduce(&s, .searchFailed(query: "**", message: "search needs a word with a letter or digit"))
        #expect(s.overlay == nil)
        #expect(s.flash?.level == .error && s.flash?.message == ":grep **: search needs a word with a letter or digit")
    }

    @Test func keysMoveTheSelectionWithinTheMatchesAndEscCloses() {
        var s = Self.loaded()
        func cursor() -> Int? { if case .grep(let v) = s.overlay { v.cursor } else { nil } }
        _ = reduce(&s, .keyPressed(.char("j")))
        _ = reduce(&s, .keyPressed(KeyChord(.down)))
        #expect(cursor() == 2)
        _ = reduce(&s, .keyPressed(KeyChord(.down)))
        #expect(cursor() == 2, "stops at the last match")
        _ = reduce(&s, .keyPressed(.char("g")))
        #expect(cursor() == 0)
        _ = reduce(&s, .keyPressed(.char("k")))
        #expect(cursor() == 0)
        _ = reduce(&s, .keyPressed(KeyChord(.escape)))
        #expect(s.overlay == nil)
    }

    /// Enter on a worker not loaded yet: it is shown, its last page asked
    /// for, and when that page holds the entry it is selected.
    @Test func enterOpensTheWorkerAndSelectsTheEntryOnceLoaded() {
        var s = Self.loaded()
        _ = reduce(&s, .keyPressed(.char("j")))
        _ = reduce(&s, .keyPressed(.char("j")))
        let effects = reduce(&s, .keyPressed(KeyChord(.enter)))
        #expect(s.overlay == nil && s.openWorker == Fixtures.coderKey && s.focus == .transcript)
        #expect(effects.contains(.loadTranscriptPage(Fixtures.coderKey, start: 0, limit: s.pageSize)))
        #expect(s.transcripts[Fixtures.coderKey]?.revealSequence == 2)
        _ = reduce(&s, .transcriptPageLoaded(Fixtures.coderKey, start: 0, total: 2,
                                              items: [Fixtures.item(1, "assistant", "hello"), Fixtures.item(2, "user", "deploy again")]))
        #expect(s.transcripts[Fixtures.coderKey]?.selected == 2)
        #expect(s.transcripts[Fixtures.coderKey]?.revealSequence == nil)
    }

    /// An entry older than the loaded window: older pages are asked for
    /// until the window reaches it.
    @Test func anOlderEntryIsPagedIn() {
        var s = Self.loaded()
        var review = Fixtures.review
        review.transcriptLength = 200
        s.workers[1] = review
        s.transcripts[Fixtures.reviewKey] = TranscriptState(total: 200, windowStart: 136,
                                                            items: (137...200).map { Fixtures.item($0, "user", "entry \($0)") })
        _ = reduce(&s, .keyPressed(.char("j"))) // #3 of review-bot
        let effects = reduce(&s, .keyPressed(KeyChord(.enter)))
        #expect(effects == [.loadTranscriptPage(Fixtures.reviewKey, start: 72, limit: 64)])
        let next = reduce(&s, .transcriptPageLoaded(Fixtures.reviewKey, start: 72, total: 200,
                                                     items: (73...136).map { Fixtures.item($0, "user", "entry \($0)") }))
        #expect(next == [.loadTranscriptPage(Fixtures.reviewKey, start: 8, limit: 64)])
        _ = reduce(&s, .transcriptPageLoaded(Fixtures.reviewKey, start: 8, total: 200,
                                              items: (9...72).map { Fixtures.item($0, "user", "entry \($0)") }))
        let last = reduce(&s, .transcriptPageLoaded(Fixtures.reviewKey, start: 0, total: 200,
                                                     items: (1...8).map { Fixtures.item($0, "user", "entry \($0)") }))
        #expect(s.transcripts[Fixtures.reviewKey]?.selected == 3)
        #expect(s.transcripts[Fixtures.reviewKey]?.revealSequence == nil)
        #expect(!last.contains { if case .loadTranscriptPage = $0 { true } else { false } })
    }

    @Test func grepIsInTheCommandList() {
        #expect(ColonCommand.all.contains { $0.name == "grep" && $0.usage == ":grep TEXT" })
    }
}
