import Testing
@testable import Console

@Suite struct ComposerEditingTests {
    func composer(_ text: String, cursor: Int? = nil) -> ComposerState {
        ComposerState(text: text, cursor: cursor ?? text.count)
    }

    @Test func insertsAtTheCursorByGrapheme() {
        var c = composer("日本", cursor: 1)
        c.insert("🙂")
        #expect(c.text == "日🙂本")
        #expect(c.cursor == 2)
    }

    @Test func ctrlWDeletesTheWordBefore() {
        var c = composer("send the report  ")
        c.deleteWordBack()
        #expect(c.text == "send the ")
    }

    @Test func lineStartAndEndStayOnTheCursorLine() {
        let c = composer("one\ntwo three", cursor: 6)
        #expect(c.lineStart == 4)
        #expect(c.lineEnd == 13)
    }

    @Test func wordMotionSkipsPunctuation() {
        let c = composer("foo, bar baz", cursor: 12)
        #expect(c.wordBoundary(back: true) == 9)
        let d = composer("foo, bar", cursor: 0)
        #expect(d.wordBoundary(back: false) == 3)
    }

    @Test func deletingAZwjEmojiRemovesItWhole() {
        var c = composer("a👨‍👩‍👧")
        c.delete((c.cursor - 1)..<c.cursor)
        #expect(c.text == "a")
    }

    @Test func upOnTheFirstLineBrowsesHistoryAndRestoresTheDraft() {
        var c = ComposerState(text: "draft", cursor: 5, history: ["first", "second"])
        c.moveVertically(-1)
        #expect(c.text == "second")
        c.moveVertically(-1)
        #expect(c.text == "first")
        c.moveVertically(1)
        c.moveVertically(1)
        #expect(c.text == "draft")
        #expect(c.historyIndex == nil)
    }

    @Test func upInsideMultilineTextMovesALine() {
        var c = composer("abc\nde", cursor: 6)
        c.moveVertically(-1)
        #expect(c.cursor == 2)
        #expect(c.text == "abc\nde")
    }

    @Test func composerGrowsToEightLines() {
        #expect(composer("a").visibleLines == 1)
        #expect(composer("a\nb\nc").visibleLines == 3)
        #expect(composer(String(repeating: "x\n", count: 20)).visibleLines == 8)
    }
}
