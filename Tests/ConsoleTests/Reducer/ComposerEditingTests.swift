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

/// Large pastes are kept whole but shown, moved over and deleted as one.
@Suite struct ComposerFoldTests {
    static let big = (1...20).map { "pasted line \($0)" }.joined(separator: "\n")

    /// "ab" with the 20-line paste folded between a and b, cursor after it.
    func composerWithPaste() -> ComposerState {
        var c = ComposerState(text: "ab", cursor: 1)
        c.insert(Self.big, folded: ComposerState.shouldFold(Self.big))
        return c
    }

    @Test func aLargePasteIsOnePlaceholderLine() {
        let c = composerWithPaste()
        #expect(c.text == "a" + Self.big + "b")
        #expect(c.folds == [1..<(1 + Self.big.count)])
        #expect(c.visibleLines == 1)
        let view = c.display()
        #expect(view.lines.count == 1)
        #expect(view.lines[0].map(\.text) == ["a", "[pasted 20 lines, 290 B]", "b"])
        #expect(view.lines[0].map(\.isFold) == [false, true, false])
        #expect(view.cursorColumn == 1 + "[pasted 20 lines, 290 B]".count)
    }

    @Test func aFinalNewlineDoesNotCountAsALine() {
        #expect(ComposerState.foldLabel("a\nb\n") == "[pasted 2 lines, 4 B]")
        #expect(ComposerState.foldLabel("a\nb") == "[pasted 2 lines, 3 B]")
    }

    @Test func smallPastesAreNotFolded() {
        #expect(!ComposerState.shouldFold("one\ntwo\nthree"))
        #expect(ComposerState.shouldFold(String(repeating: "x", count: 1_001)))
    }

    @Test func cursorStepsOverAFoldAndBackspaceRemovesItWhole() {
        var c = composerWithPaste()
        let end = c.cursor
        #expect(c.step(from: end, back: true) == 1)
        #expect(c.step(from: 1, back: false) == end)
        c.delete(c.step(from: c.cursor, back: true)..<c.cursor)
        #expect(c.text == "ab")
        #expect(c.folds.isEmpty)
        #expect(c.cursor == 1)
    }

    @Test func typingBeforeAFoldShiftsIt() {
        var c = composerWithPaste()
        c.cursor = 0
        c.insert("xy")
        #expect(c.folds == [3..<(3 + Self.big.count)])
        #expect(c.text.hasPrefix("xya" + "pasted line 1"))
    }

    @Test func aDeletionTouchingAFoldTakesItWhole() {
        var c = composerWithPaste()
        c.delete(0..<5) // "a" and the start of the paste
        #expect(c.text == "b")
        #expect(c.folds.isEmpty)
    }

    @Test func lineKeysTreatAFoldAsOneCharacter() {
        var c = composerWithPaste()
        c.cursor = c.text.count
        #expect(c.lineStart == 0)
        c.cursor = 0
        #expect(c.lineEnd == c.text.count)
        #expect(c.wordBoundary(back: false) == 1)
        c.cursor = 1
        #expect(c.wordBoundary(back: false) == 1 + Self.big.count)
    }

    @Test func recalledLargeHistoryIsFolded() {
        var c = ComposerState(history: [Self.big])
        c.moveVertically(-1)
        #expect(c.text == Self.big)
        #expect(c.folds == [0..<Self.big.count])
        #expect(c.visibleLines == 1)
    }
}
