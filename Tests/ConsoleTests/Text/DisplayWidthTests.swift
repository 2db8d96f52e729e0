import Testing
@testable import Console

@Suite struct DisplayWidthTests {
    @Test func asciiIsOneColumnPerCharacter() {
        #expect(DisplayWidth.of("hello") == 5)
    }

    @Test func cjkIsTwoColumns() {
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("한국") == 4)
        #expect(DisplayWidth.of("ＡＢ") == 4) // fullwidth forms
    }

    @Test func emojiPresentationIsTwoColumns() {
        #expect(DisplayWidth.of("🙂") == 2)
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2) // ZWJ family is one grapheme
        #expect(DisplayWidth.of("🇯🇵") == 2) // flag pair
        #expect(DisplayWidth.of("❤️") == 2) // text heart + VS16
        #expect(DisplayWidth.of("👍🏽") == 2) // skin-tone modifier
    }

    @Test func combiningMarksAndJoinersAreZeroWidth() {
        #expect(DisplayWidth.of("e\u{0301}") == 1)
        #expect(DisplayWidth.of(Unicode.Scalar(0x200D)!) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0xFE0F)!) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x0301)!) == 0)
    }

    @Test func controlCharactersHaveNoWidth() {
        #expect(DisplayWidth.of("a\u{7}b") == 2)
        #expect(DisplayWidth.of(Unicode.Scalar(0x9B)!) == 0)
    }

    @Test func textSymbolsWithoutEmojiPresentationAreNarrow() {
        #expect(DisplayWidth.of("●○◌…─│") == 6)
        #expect(DisplayWidth.of("⠋") == 1)
    }
}

@Suite struct TruncationTests {
    @Test func fittingTextIsUnchanged() {
        #expect(Truncation.truncate("abc", toWidth: 3) == "abc")
    }

    @Test func cutsWithEllipsisByWidth() {
        #expect(Truncation.truncate("abcdef", toWidth: 4) == "abc…")
    }

    @Test func truncatesWideGraphemeAtEdge() {
        // 日本語 is 6 columns; at 4 the second ideograph would straddle the
        // ellipsis column, so it is dropped whole.
        #expect(Truncation.truncate("日本語", toWidth: 4) == "日…")
        #expect(DisplayWidth.of(Truncation.truncate("日本語", toWidth: 4)) == 3)
        #expect(Truncation.truncate("日本語", toWidth: 5) == "日本…")
    }

    @Test func neverSplitsAZwjSequence() {
        #expect(Truncation.truncate("a👨‍👩‍👧b", toWidth: 3) == "a…")
    }

    @Test func zeroWidthGivesEmpty() {
        #expect(Truncation.truncate("abc", toWidth: 0) == "")
        #expect(Truncation.truncate("abc", toWidth: 1) == "…")
    }

    @Test func fitPadsToExactWidth() {
        #expect(Truncation.fit("日", width: 4) == "日  ")
        #expect(DisplayWidth.of(Truncation.fit("日本語日本語", width: 5)) == 5)
    }
}

@Suite struct WrappingTests {
    @Test func wrapsAtSpaces() {
        #expect(Wrapping.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
    }

    @Test func hardBreaksLongWords() {
        #expect(Wrapping.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    }

    @Test func keepsExplicitNewlinesAndEmptyLines() {
        #expect(Wrapping.wrap("a\n\nb", width: 5) == ["a", "", "b"])
    }

    @Test func wideCharactersNeverOverflow() {
        let lines = Wrapping.wrap("日本語のテキスト", width: 5)
        #expect(lines == ["日本", "語の", "テキ", "スト"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 5 })
    }

    @Test func emptyTextIsOneEmptyLine() {
        #expect(Wrapping.wrap("", width: 5) == [""])
        #expect(Wrapping.wrap("abc", width: 0) == [])
    }
}
