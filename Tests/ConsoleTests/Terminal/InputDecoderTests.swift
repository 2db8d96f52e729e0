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
        #expect(decode(chars("\u{1B}[1;5Ck")) == [.key(.char("k"))])
    }

    @Test func wideCharactersPassThrough() {
        #expect(decode(chars("日🙂")) == [.key(.char("日")), .key(.char("🙂"))])
    }

    @Test func resizeIsReported() {
        #expect(decode([.key(.resize)]) == [.resize])
    }
}
