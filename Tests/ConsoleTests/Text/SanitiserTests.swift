import Testing
@testable import Console

@Suite struct SanitiserTests {
    @Test func plainTextIsUnchanged() {
        #expect(Sanitiser.clean("hello\nworld") == "hello\nworld")
        #expect(Sanitiser.clean("日本語 🙂") == "日本語 🙂")
    }

    @Test func stripsCsiSequencesWhole() {
        #expect(Sanitiser.clean("\u{1B}[31mred\u{1B}[0m \u{1B}[2J\u{1B}[H") == "red ")
        #expect(Sanitiser.clean("a\u{1B}[?1049hb") == "ab")
    }

    @Test func stripsOscTitleAndClipboardSequences() {
        #expect(Sanitiser.clean("x\u{1B}]0;pwned title\u{07}y") == "xy")
        #expect(Sanitiser.clean("x\u{1B}]52;c;ZXZpbA==\u{1B}\\y") == "xy")
    }

    @Test func stripsDcsApcPmSos() {
        #expect(Sanitiser.clean("a\u{1B}P1$r0m\u{1B}\\b\u{1B}_apc\u{1B}\\c\u{1B}^pm\u{07}d\u{1B}Xsos\u{1B}\\e") == "abcde")
    }

    @Test func stripsC1ControlsIncludingEightBitCsi() {
        #expect(Sanitiser.clean("a\u{9B}31mb\u{85}c\u{9D}0;t\u{9C}d") == "abcd")
        for v in 0x80...0x9F {
            let out = Sanitiser.clean("x" + String(Unicode.Scalar(v)!) + "y")
            #expect(!out.unicodeScalars.contains { (0x80...0x9F).contains($0.value) })
        }
    }

    @Test func stripsC0ControlsButKeepsNewlineAndExpandsTab() {
        #expect(Sanitiser.clean("a\u{7}b\u{8}c\rd\te\u{7F}f\n") == "abcd    ef\n")
    }

    @Test func showsBidiOverridesAsPlaceholder() {
        let out = Sanitiser.clean("safe\u{202E}txt.exe\u{2066}x\u{2069}")
        #expect(out == "safe⍰txt.exe⍰x⍰")
        for v in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200B, 0xFEFF, 0x00AD] {
            #expect(Sanitiser.clean(String(Unicode.Scalar(v)!)) == "⍰")
        }
    }

    @Test func keepsZeroWidthJoinerForEmoji() {
        #expect(Sanitiser.clean("👨‍👩‍👧") == "👨‍👩‍👧")
    }

    @Test func replacesInvalidUtf8() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xC3, 0x28, 0xE2, 0x82]
        #expect(Sanitiser.clean(bytes: bytes) == "a\u{FFFD}b\u{FFFD}(\u{FFFD}")
    }

    @Test func unterminatedStringSequenceEndsAtNewline() {
        #expect(Sanitiser.clean("a\u{1B}]0;title never ends\nnext line") == "a\nnext line")
    }

    @Test func hostileReplyLeavesNoControlBytes() {
        let hostile = "Sure!\u{1B}[2J\u{1B}[1;1H\u{1B}]0;owned\u{07}\u{1B}]52;c;cm0gLXJm\u{07}\u{1B}P+q544e\u{1B}\\"
            + "\u{9B}6n\u{1B}[38;2;255;0;0mred\u{1B}(0lqk\u{1B}c\u{1B}7\u{1B}8\u{202E}evil\u{202C} done"
        let out = Sanitiser.clean(hostile)
        #expect(out == "Sure!redlqk⍰evil⍰ done")
        #expect(!out.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
    }

    @Test func oneMebibyteLineIsCleanedWhole() {
        let line = String(repeating: "ab\u{1B}[1mc", count: 1 << 18) // 6 bytes × 262144 ≈ 1.5 MiB
        let out = Sanitiser.clean(line)
        #expect(out.utf8.count == 3 << 18)
        #expect(!out.contains("\u{1B}"))
    }

    /// What the streaming layout relies on: every parse state ends at a
    /// newline, so text cleaned in pieces cut after a `\n` equals it cleaned whole.
    @Test func cleaningAfterANewlineStartsAfresh() {
        let heads = ["\u{1B}[31\n", "\u{1B}]0;title\n", "\u{1B}P1$\u{1B}\n", "\u{1B}(\n", "\u{1B}\n", "\u{9B}2\n", "a\r\n", "ok\n"]
        let tails = ["m red", "\\x", "plain", "\u{301}e", "\u{7}bell", "\u{1B}[0m"]
        for head in heads {
            for tail in tails {
                #expect(Sanitiser.clean(head + tail) == Sanitiser.clean(head) + Sanitiser.clean(tail), "\(head.debugDescription) + \(tail.debugDescription)")
            }
        }
    }

    @Test func cleanLineFoldsNewlines() {
        #expect(Sanitiser.cleanLine("a\nb\u{2028}c") == "a b c")
    }
}
