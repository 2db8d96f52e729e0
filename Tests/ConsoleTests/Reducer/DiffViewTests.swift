import Foundation
import Registry
import Testing
@testable import Console

/// The diff view (`D`): opens over the shown worker and loads its
/// directory's diff, scrolls by lines, searches with `/`, `n`, `N`, closes
/// with Esc, and says why when there is no diff.
@Suite struct DiffViewTests {
    /// 40 lines; "Needle" on lines 5, 20 and 33 (0-based).
    static let text: DiffText = {
        var lines = ["diff --git a/a.txt b/a.txt", "--- a/a.txt", "+++ b/a.txt", "@@ -1,36 +1,36 @@"]
        for i in 4..<40 { lines.append([5, 20, 33].contains(i) ? "+found the Needle \(i)" : " context \(i)") }
        return DiffText(directory: "worktree worker-0000002b", lines: lines)
    }()

    /// review-bot shown, the transcript focused (viewport 80×24: 18 diff rows).
    static func world() -> AppState {
        var s = Fixtures.world()
        s.openWorker = Fixtures.reviewKey
        s.transcripts[Fixtures.reviewKey] = TranscriptState()
        s.focus = .transcript
        return s
    }

    static func viewing() -> AppState {
        var s = world()
        _ = reduce(&s, .keyPressed(.char("D")))
        _ = reduce(&s, .diffLoaded(Fixtures.reviewKey, text))
        return s
    }

    static func view(_ s: AppState) -> DiffView? {
        if case .diff(let v) = s.overlay { return v }
        return nil
    }

    @Test func dOpensTheViewAndLoadsTheDiff() {
        var s = Self.world()
        #expect(reduce(&s, .keyPressed(.char("D"))) == [.loadDiff(Fixtures.reviewKey)])
        #expect(s.overlay == .diff(DiffView(worker: Fixtures.reviewKey)))
        _ = reduce(&s, .diffLoaded(Fixtures.reviewKey, Self.text))
        #expect(s.overlay == .diff(DiffView(worker: Fixtures.reviewKey, text: Self.text)))
        #expect(Self.text.files == 1 && Self.text.added == 3 && Self.text.removed == 0)
    }

    @Test func dNeedsAShownWorker() {
        var s = Fixtures.world()
        _ = reduce(&s, .keyPressed(.char("D")))
        #expect(s.overlay == nil && s.flash?.message == "D: no worker is shown")
    }

    /// In the composer `D` is text.
    @Test func dTypesInTheComposer() {
        var s = Self.world()
        s.focus = .composer
        #expect(reduce(&s, .keyPressed(.char("D"))) == [])
        #expect(s.overlay == nil && s.composers[Fixtures.reviewKey]?.text == "D")
    }

    @Test func itScrollsByLinesAndPagesWithinTheDiff() {
        var s = Self.viewing()
        _ = reduce(&s, .keyPressed(.char("j")))
        _ = reduce(&s, .keyPressed(KeyChord(.down)))
        #expect(Self.view(s)?.scroll == 2)
        _ = reduce(&s, .keyPressed(.char("k")))
        #expect(Self.view(s)?.scroll == 1)
        _ = reduce(&s, .keyPressed(KeyChord(.pageDown)))
        #expect(Self.view(s)?.scroll == 18)
        // The last page is full: 40 lines, 18 rows.
        _ = reduce(&s, .keyPressed(KeyChord(.pageDown)))
        #expect(Self.view(s)?.scroll == 22)
        _ = reduce(&s, .keyPressed(.char("g")))
        #expect(Self.view(s)?.scroll == 0)
        _ = reduce(&s, .keyPressed(.char("G")))
        #expect(Self.view(s)?.scroll == 22)
        _ = reduce(&s, .keyPressed(KeyChord(.up)))
        _ = reduce(&s, .keyPressed(KeyChord(.pageUp)))
        #expect(Self.view(s)?.scroll == 4)
        _ = reduce(&s, .keyPressed(KeyChord(.home)))
        _ = reduce(&s, .keyPressed(.char("k")))
        #expect(Self.view(s)?.scroll == 0)
    }

    @Test func searchFindsMatchesAndWraps() {
        var s = Self.viewing()
        _ = reduce(&s, .keyPressed(.char("/")))
        // The search field takes every printable key, n and q included.
        for c in "needle" { #expect(reduce(&s, .keyPressed(.char(c))) == []) }
        #expect(Self.view(s)?.editing == true && Self.view(s)?.query == "needle")
        _ = reduce(&s, .keyPressed(KeyChord(.enter)))
        // Line 5 is on the first page: the view stays still.
        #expect(Self.view(s)?.match == 5 && Self.view(s)?.scroll == 0 && Self.view(s)?.editing == false)
        _ = reduce(&s, .keyPressed(.char("n")))
        #expect(Self.view(s)?.match == 20 && Self.view(s)?.scroll == 18)
        // Already on screen: the view stays still.
        _ = reduce(&s, .keyPressed(.char("n")))
        #expect(Self.view(s)?.match == 33 && Self.view(s)?.scroll == 18)
        _ = reduce(&s, .keyPressed(.char("n")))
        #expect(Self.view(s)?.match == 5 && Self.view(s)?.scroll == 3)
        _ = reduce(&s, .keyPressed(.char("N")))
        #expect(Self.view(s)?.match == 33)
        _ = reduce(&s, .keyPressed(.char("N")))
        #expect(Self.view(s)?.match == 20)
        #expect(Self.view(s)?.matches == [5, 20, 33])
    }

    @Test func aSearchWithoutMatchesSaysSo() {
        var s = Self.viewing()
        _ = reduce(&s, .keyPressed(.char("/")))
        for c in "absent" { _ = reduce(&s, .keyPressed(.char(c))) }
        _ = reduce(&s, .keyPressed(KeyChord(.backspace)))
        _ = reduce(&s, .keyPressed(KeyChord(.enter)))
        #expect(Self.view(s)?.query == "absen" && Self.view(s)?.match == nil)
        #expect(s.flash?.message == "no line of the diff holds \"absen\"")
        _ = reduce(&s, .keyPressed(.char("n")))
        #expect(s.flash?.message == "no line of the diff holds \"absen\"")
    }

    @Test func nBeforeAnySearchSaysHowToSearch() {
        var s = Self.viewing()
        _ = reduce(&s, .keyPressed(.char("n")))
        #expect(s.flash?.message == "no search yet: / searches the diff")
    }

    /// Esc while typing clears the search; Esc again closes the view.
    @Test func escClearsTheSearchThenCloses() {
        var s = Self.viewing()
        _ = reduce(&s, .keyPressed(.char("/")))
        _ = reduce(&s, .keyPressed(.char("x")))
        #expect(reduce(&s, .keyPressed(KeyChord(.escape))) == [])
        #expect(s.overlay == .diff(DiffView(worker: Fixtures.reviewKey, text: Self.text)))
        #expect(reduce(&s, .keyPressed(KeyChord(.escape))) == [])
        #expect(s.overlay == nil && s.openWorker == Fixtures.reviewKey)
    }

    @Test func aFailureClosesTheViewWithItsReason() {
        var s = Self.world()
        _ = reduce(&s, .keyPressed(.char("D")))
        let effects = reduce(&s, .diffFailed(Fixtures.reviewKey, message: "the workspace is not a git repository, so there is no diff to show"))
        #expect(s.overlay == nil)
        #expect(s.flash == Flash(id: 1, level: .error,
                                 message: "no diff for review-bot: the workspace is not a git repository, so there is no diff to show"))
        #expect(effects == [.expireFlash(1, afterSeconds: 10)])
    }

    /// A reply about another worker (the view was closed and reopened
    /// elsewhere) changes nothing.
    @Test func aReplyForAnotherWorkerIsIgnored() {
        var s = Self.world()
        _ = reduce(&s, .keyPressed(.char("D")))
        _ = reduce(&s, .diffLoaded(Fixtures.coderKey, Self.text))
        #expect(s.overlay == .diff(DiffView(worker: Fixtures.reviewKey)))
    }

    /// The action bar shows the view's own keys, nothing global.
    @Test func theActionBarShowsTheViewsKeys() {
        let s = Self.viewing()
        #expect(KeyHelp.actionBar(s).map(\.keys) == ["/", "n", "N", "Esc"])
        #expect(DiffOverlayView.keysLine(s) == "↑↓ scroll · / search · n next · N previous · Esc close")
    }

    /// `[keys] diff` rebinds it like every key.
    @Test func theKeyIsRebindable() {
        let (keymap, problems) = Keymap.rebinding(["diff": ["F5"]])
        #expect(problems.isEmpty)
        var s = Self.world()
        s.keymap = keymap
        #expect(reduce(&s, .keyPressed(KeyChord(.function(5)))) == [.loadDiff(Fixtures.reviewKey)])
    }

    @Test func thePageIsSanitisedAndSplitIntoLines() {
        let page = WorkdirDiffPage(runtimeId: "backend-internal", workerId: "worker-0000002b", directory: "work\u{1B}[2Jspace",
                                   diff: "+a\u{1B}]0;owned\u{07}b\r\n-\tc\n", truncated: true)
        let text = DiffText(page)
        #expect(text == DiffText(directory: "workspace", lines: ["+ab", "-    c"], truncated: true))
        #expect(DiffText(WorkdirDiffPage(runtimeId: "r", workerId: "w", directory: "workspace", diff: "", truncated: false)).lines == [])
    }
}
