import Runtime
import Testing
@testable import Providers

@Suite struct SSEParserTests {
    static let fixture = Array([
        ": keep-alive comment\r\n",
        "event: greeting\r\n",
        "data: hello\r\n",
        "data:  two spaces keep one\r\n",
        "id: 7\r\n",
        "retry: 1000\r\n",
        "\r\n",
        "data: é ü — 漢字 🦊\n\n",
        "data: cr-only\r\r",
        "data\n\n",
        "event: lonely\n\n",
        "data: [DONE]\n\n"
    ].joined().utf8)

    static let expected = [
        SSEEvent(event: "greeting", data: "hello\n two spaces keep one", id: "7"),
        SSEEvent(event: nil, data: "é ü — 漢字 🦊", id: "7"),
        SSEEvent(event: nil, data: "cr-only", id: "7"),
        SSEEvent(event: nil, data: "", id: "7"),
        SSEEvent(event: nil, data: "[DONE]", id: "7"),
    ]

    @Test func parsesWholeFixture() {
        var parser = SSEParser()
        #expect(parser.feed(Self.fixture) == Self.expected)
    }

    @Test func sameEventsWhenSplitAtEveryByteOffset() {
        for offset in 0...Self.fixture.count {
            var parser = SSEParser()
            let events = parser.feed(Self.fixture[..<offset]) + parser.feed(Self.fixture[offset...])
            #expect(events == Self.expected, "split at \(offset)")
        }
    }

    @Test func sameEventsWhenFedOneByteAtATime() {
        var parser = SSEParser()
        var events: [SSEEvent] = []
        for byte in Self.fixture { events += parser.feed([byte]) }
        #expect(events == Self.expected)
    }

    @Test func crlfSplitBetweenCRAndLFIsOneLineEnd() {
        var parser = SSEParser()
        let first = parser.feed(Array("data: a\r".utf8))
        let second = parser.feed(Array("\n\r\n".utf8))
        #expect(first.isEmpty)
        #expect(second == [SSEEvent(data: "a")])
    }

    @Test func unterminatedEventAtEndIsNotDispatched() {
        var parser = SSEParser()
        #expect(parser.feed(Array("data: partial".utf8)).isEmpty)
        #expect(parser.feed(Array("\n".utf8)).isEmpty)
    }

    @Test func leadingByteOrderMarkIsSkipped() {
        var parser = SSEParser()
        #expect(parser.feed([0xEF, 0xBB, 0xBF] + Array("data: x\n\n".utf8)) == [SSEEvent(data: "x")])
    }

    @Test func invalidUTF8BecomesReplacementCharacter() {
        var parser = SSEParser()
        #expect(parser.feed(Array("data: a".utf8) + [0xFF] + Array("b\n\n".utf8)) == [SSEEvent(data: "a\u{FFFD}b")])
    }

    @Test func randomStreamsGiveTheSameEventsHoweverTheyAreChunked() {
        var generator = SplitMix64(seed: 7)
        let pieces: [[UInt8]] = ["data: ", "data:", "event: x", ": c", "id: 1", "retry: 5", "é", "🦊", "abc", " ", ":"]
            .map { Array($0.utf8) } + [[0xFF], [0xE2, 0x82]]
        let ends: [[UInt8]] = [[0x0A], [0x0D], [0x0D, 0x0A]]
        for _ in 0..<300 {
            var stream: [UInt8] = []
            for _ in 0..<Int(generator.next() % 40) {
                for _ in 0..<Int(generator.next() % 4) { stream += pieces[Int(generator.next() % UInt64(pieces.count))] }
                stream += ends[Int(generator.next() % UInt64(ends.count))]
            }
            var whole = SSEParser()
            let expected = whole.feed(stream)
            var chunked = SSEParser()
            var events: [SSEEvent] = []
            var index = 0
            while index < stream.count {
                let size = 1 + Int(generator.next() % 7)
                events += chunked.feed(stream[index..<min(stream.count, index + size)])
                index += size
            }
            #expect(events == expected)
        }
    }
}
