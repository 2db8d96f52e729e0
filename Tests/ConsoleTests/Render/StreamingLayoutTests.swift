import Registry
import Testing
import TestSupport
@testable import Console

/// The streaming block laid out line by line as deltas arrive must give
/// exactly the rows of laying the whole text out at once.
@Suite struct StreamingLayoutTests {
    /// Pieces of model replies: Markdown, CJK, emoji, CRLF, tabs, and
    /// hostile escapes (some split over two pieces, some ended by a newline).
    static let fragments: [String] = [
        "Here is the plan", " for the pool", ".\n", "\n", "\n\n", "# Cause\n", "## Steps", "\n- the lease ",
        "timer fires\n", "* starred item\n", "  - nested item that is long enough to wrap around\n",
        "1. first step\n", "12. twelfth ", "```swift\n", "```\n", "  ```\n", "    let x = 1 // *not emphasis*\n",
        "func release() {\n", "}\n", "use `release()` and **strong** or *em* and _under_ ", "`unclosed ",
        "日本語で説明してください", "次のステップは何ですか？", "👨‍👩‍👧", "🇯🇵🇫🇷", "e\u{301}", "\u{1F44D}\u{1F3FD}",
        "\u{1B}[31mred\u{1B}[0m", "\u{1B}]0;title\u{07}", "\u{1B}]52;c;aGVsbG8=\u{1B}\\", "\u{9B}2J", "\u{1B}P1$r\u{1B}\\",
        "\u{1B}(B", "\u{202E}evil\u{202C}", "\u{200B}", "\u{1B}[", "38;5;", "1m", "\u{1B}]8;;http://x\n", "\u{1B}",
        "line\r\n", "\r", "\r\n", "\t", "tab\tbed", "a\u{2028}b", "\u{2029}", "\u{7}", "\u{85}",
        "supercalifragilisticexpialidocious-antidisestablishmentarianism ", "word ", "  ", "x",
    ]
    static let widths = [1, 5, 20, 28, 29, 30, 47, 80, 200]

    static func oneShot(_ raw: String, width: Int) -> [StyledLine] {
        TranscriptLayout.lines(role: .assistant, kind: .message, content: Sanitiser.clean(raw), date: nil,
                               width: width, offsetSeconds: 0, streaming: true)
    }

    /// A reply from random fragments, cut into deltas at random scalars (so
    /// escapes, CRLF and grapheme clusters are split across deltas).
    static func reply(seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        var text = ""
        for _ in 0..<Int.random(in: 10...80, using: &rng) { text += fragments.randomElement(using: &rng)! }
        let scalars = Array(text.unicodeScalars)
        var deltas: [String] = []
        var i = 0
        while i < scalars.count {
            let n = min(scalars.count - i, Int.random(in: 1...12, using: &rng))
            deltas.append(String(String.UnicodeScalarView(scalars[i..<(i + n)])))
            i += n
        }
        return deltas
    }

    /// UTF-8 length of `raw` up to and including its last newline.
    static func completed(_ raw: String) -> Int {
        guard let i = raw.utf8.lastIndex(of: 0x0A) else { return 0 }
        return raw.utf8.distance(from: raw.utf8.startIndex, to: i) + 1
    }

    @Test func streamedRowsEqualAOneShotLayout() {
        for seed in UInt64(1)...40 {
            let deltas = Self.reply(seed: seed)
            for width in Self.widths {
                var layout = StreamingLayout()
                var raw = ""
                for (i, delta) in deltas.enumerated() {
                    raw += delta
                    // As the reducer does: only a delta completing a line advances the cache.
                    if delta.utf8.contains(0x0A) { layout.advance(raw, width: width) }
                    guard i % 5 == 0 || i == deltas.count - 1 else { continue }
                    let got = layout.lines(raw, width: width)
                    let want = Self.oneShot(raw, width: width)
                    if got.lines != want || got.total != want.count {
                        Issue.record("seed \(seed), width \(width), delta \(i): \(got.lines.map(\.text)) ≠ \(want.map(\.text))")
                        break
                    }
                }
                // The cache holds every completed line: only the last one is laid out per frame.
                #expect(layout.consumed == Self.completed(raw), "seed \(seed), width \(width)")
                #expect(layout.width == (raw.utf8.contains(0x0A) ? width : 0))
                let want = Self.oneShot(raw, width: width)
                for limit in [0, 1, 3, 10] {
                    let got = layout.lines(raw, width: width, limit: limit)
                    #expect(got.lines == Array(want.suffix(limit)) && got.total == want.count, "seed \(seed), limit \(limit)")
                }
            }
        }
    }

    @Test func aCacheLaidOutAtAnotherWidthIsLaidOutAgain() {
        let raw = "# Plan\n```\nlet a = 1\n```\n- one two three four five six seven\nand the rest of the line"
        var layout = StreamingLayout()
        layout.advance(raw, width: 80)
        #expect(layout.width == 80 && layout.inFence == false && layout.consumed == Self.completed(raw))
        // Read at a width it was not laid out for: still exact.
        #expect(layout.lines(raw, width: 24).lines == Self.oneShot(raw, width: 24))
        layout.advance(raw, width: 24)
        #expect(layout.width == 24)
        #expect(layout.lines(raw, width: 24).lines == Self.oneShot(raw, width: 24))
    }

    @Test func anOpenFenceCarriesIntoTheUnfinishedLine() {
        var layout = StreamingLayout()
        let raw = "```\n# not a heading\n- not a list *x*"
        layout.advance(raw, width: 40)
        #expect(layout.inFence)
        let rows = layout.lines(raw, width: 40).lines
        #expect(rows == Self.oneShot(raw, width: 40))
        #expect(rows.last?.spans.dropFirst().first?.role == "markdown.code")
    }

    @Test func reducerKeepsTheCacheAcrossDeltasAResizeAndANewTurn() {
        var state = Fixtures.world()
        let key = Fixtures.coderKey
        state.openWorker = key
        state.transcripts[key] = TranscriptState(total: 1, items: [Fixtures.item(1, "user", "hi")])
        _ = reduce(&state, .turnStarted(key, turn: "t1"))
        let deltas = Self.reply(seed: 99)
        for (i, delta) in deltas.enumerated() {
            if i == deltas.count / 2 {
                let before = state.transcripts[key]?.streamingLayout.consumed
                _ = reduce(&state, .terminalResized(Size(width: 100, height: 30)))
                // Laid out again at the new width at once, nothing more consumed.
                #expect(state.transcripts[key]?.streamingLayout.width == state.transcriptWidth)
                #expect(state.transcripts[key]?.streamingLayout.consumed == before)
            }
            _ = reduce(&state, .turnDeltaArrived(key, turn: "t1", text: delta))
        }
        let t = state.transcripts[key]!
        let width = state.transcriptWidth
        #expect(t.streamingLayout.width == width)
        #expect(t.streamingLayout.consumed == Self.completed(t.streamingText))
        #expect(t.streamingLayout.consumed > 0)
        let streamed = TranscriptPane.lines(t, key: key, width: width, offset: 0, cache: nil)
            .filter { $0.sequence == -1 }.map(\.line)
        #expect(streamed == Self.oneShot(t.streamingText, width: width))
        // The turn ends: the next one starts from nothing.
        _ = reduce(&state, .turnEnded(key, turn: "t1", outcome: .completed))
        #expect(state.transcripts[key]?.streamingLayout == StreamingLayout())
    }

    @Test func scrolledUpGrowthCountsTheIncrementalRows() {
        var state = Fixtures.world()
        let key = Fixtures.coderKey
        state.openWorker = key
        let items = (1...40).map { Fixtures.item($0, "user", "entry \($0)") }
        state.transcripts[key] = TranscriptState(total: 40, items: items, streamingTurn: "t1",
                                                 streamingText: "# Head\nfirst line\n", scrollFromBottom: 5, following: false)
        _ = reduce(&state, .turnDeltaArrived(key, turn: "t1", text: "second\nthird\nfourth"))
        // Two rows more below the view (three lines replace the empty
        // unfinished one): the rows on screen stay put.
        #expect(state.transcripts[key]?.scrollFromBottom == 7)
    }
}
