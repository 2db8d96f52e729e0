import Testing
@testable import Console

@Suite struct InputDecoderTests {
    func decode(_ inputs: [RawInput]) -> [InputEvent] {
        var d = InputDecoder()
        var out: [InputEvent] = []
        for i in inputs { out += d.feed(i) }
        return out + d.endOfBatch()
    }

    func chars(_ s: String) -> [RawInput] { s.unicodeScalars.map { .char($0.value) } }

    @Test func bracketedPasteIsOneEvent() {
        let input = [RawInput.key(.pasteStart)] + chars("a\rb\u{1B}[31mq") + [.key(.pasteEnd), .char(0x78)]
        #expect(decode(input) == [.paste("a\nb\u{1B}[31mq"), .key(.char("x"))])
    }

    @Test func rawBracketedPasteWithoutNcursesKeys() {
        #expect(decode(chars("\u{1B}[200~hello\nq\u{1B}[201~j")) == [.paste("hello\nq"), .key(.char("j"))])
    }

    @Test func escapeThenCharacterIsAlt() {
        #expect(decode(chars("\u{1B}b")) == [.key(.alt("b"))])
        #expect(decode(chars("\u{1B}\r")) == [.key(KeyChord(.enter, alt: true))])
    }

    @Test func loneEscapeAtEndOfBatchIsEsc() {
        #expect(decode(chars("\u{1B}")) == [.key(KeyChord(.escape))])
        #expect(decode([.char(0x1B), .key(.up)]) == [.key(KeyChord(.escape)), .key(KeyChord(.up))])
    }

    @Test func controlCodesBecomeCtrlChords() {
        #expect(decode(chars("\u{01}\u{0A}\u{0D}\u{09}\u{7F}")) == [
            .key(.ctrl("a")), .key(.ctrl("j")), .key(KeyChord(.enter)), .key(KeyChord(.tab)), .key(KeyChord(.backspace)),
        ])
    }

    @Test func unknownCsiSequencesAreSwallowed() {
        #expect(decode(chars("\u{1B}[?1;2ck")) == [.key(.char("k"))])
        #expect(decode(chars("\u{1B}[99~\u{1B}[200;1xk")) == [.key(.char("k"))])
    }

    /// What tmux sends under a TERM whose terminfo names other sequences
    /// (End is `ESC [4~` in tmux, `ESC O F` in xterm's entry).
    @Test func navigationKeysTerminfoDidNotName() {
        #expect(decode(chars("\u{1B}[4~\u{1B}[1~\u{1B}[5~\u{1B}[6~\u{1B}[3~")) ==
            [.key(KeyChord(.end)), .key(KeyChord(.home)), .key(KeyChord(.pageUp)), .key(KeyChord(.pageDown)), .key(KeyChord(.delete))])
        #expect(decode(chars("\u{1B}OF\u{1B}OH\u{1B}OA\u{1B}[B\u{1B}[Z")) ==
            [.key(KeyChord(.end)), .key(KeyChord(.home)), .key(KeyChord(.up)), .key(KeyChord(.down)), .key(KeyChord(.backTab))])
        #expect(decode(chars("\u{1B}[1;5C\u{1B}[1;3D\u{1B}[15~")) ==
            [.key(KeyChord(.right, ctrl: true)), .key(KeyChord(.left, alt: true)), .key(KeyChord(.function(5)))])
    }

    @Test func escapeOAloneIsAltO() {
        #expect(decode(chars("\u{1B}O")) == [.key(.alt("O"))])
        #expect(decode(chars("\u{1B}Ox")) == [.key(.alt("O")), .key(.char("x"))])
    }

    @Test func wideCharactersPassThrough() {
        #expect(decode(chars("日🙂")) == [.key(.char("日")), .key(.char("🙂"))])
    }

    @Test func resizeIsReported() {
        #expect(decode([.key(.resize)]) == [.resize])
    }
}
