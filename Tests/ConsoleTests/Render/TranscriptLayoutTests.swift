import Registry
import Testing
@testable import Console

@Suite struct TranscriptLayoutTests {
    static let key = WorkerKey(runtimeId: "backend-internal", workerId: "w")

    @Test func gutterOnTheFirstRowContentWrappedBeside() {
        let lines = TranscriptLayout.lines(role: .user, kind: .message, content: "alpha beta gamma delta",
                                           date: Fixtures.t0, width: 30, offsetSeconds: 0)
        #expect(lines.map(\.text) == ["you   12:01  alpha beta gamma", "             delta"])
        #expect(lines.allSatisfy { $0.width <= 30 })
    }

    @Test func narrowPanesPutTheHeaderOnItsOwnRow() {
        let lines = TranscriptLayout.lines(role: .assistant, kind: .message, content: "hi", date: nil, width: 20, offsetSeconds: 0)
        #expect(lines.map(\.text) == ["model        ", "hi"])
    }

    @Test func errorsAndNoticesAreLabelled() {
        #expect(TranscriptLayout.author(role: .system, kind: .error).0 == "error")
        #expect(TranscriptLayout.author(role: .system, kind: .notice).0 == "note")
        #expect(TranscriptLayout.author(role: .user, kind: .message).1 == "transcript.you")
    }

    @Test func markdownStylesWithoutItsDelimiters() {
        let lines = Markdown.layout("## Head\nuse `x` and **y** or *z*\n1. one\n```\ncode *no*\n```", width: 40, base: "transcript.text")
        #expect(lines.map(\.text) == ["Head", "use x and y or z", "1. one", "───", "code *no*", "───"])
        #expect(lines[1].spans.map(\.role) == ["transcript.text", "markdown.code", "transcript.text", "markdown.strong",
                                              "transcript.text", "markdown.emphasis"])
    }

    @Test func unclosedMarkupStaysLiteral() {
        #expect(Markdown.layout("a `b and **c", width: 40, base: "t").map(\.text) == ["a `b and **c"])
    }

    @Test func listItemsHangTheirContinuation() {
        let lines = Markdown.layout("- one two three four", width: 10, base: "t")
        #expect(lines.map(\.text) == ["• one two", "  three", "  four"])
    }

    @Test func paneLaysOutOnlyTheRowsItShows() {
        let items = (501...1000).map { Fixtures.item($0, "user", "entry \($0)") }
        let t = TranscriptState(total: 1000, windowStart: 500, items: items)
        let rows = TranscriptPane.lines(t, key: Self.key, width: 60, offset: 0, cache: nil, needed: 10)
        #expect(rows.count == 10)
        #expect(rows.last?.sequence == 1000)
        let all = TranscriptPane.lines(t, key: Self.key, width: 60, offset: 0, cache: nil)
        #expect(all.count == 501) // every entry plus the "older entries" marker
        #expect(all.first?.line.text == "↑ 500 older entries (PgUp)")
    }

    @Test func cacheGivesTheSameRowsAsAFreshLayout() {
        let cache = TranscriptLayoutCache()
        let item = Fixtures.item(1, "assistant", "# T\nbody text that wraps around the pane")
        let t = TranscriptState(total: 1, items: [item])
        let fresh = TranscriptPane.lines(t, key: Self.key, width: 30, offset: 0, cache: nil).map(\.line)
        #expect(TranscriptPane.lines(t, key: Self.key, width: 30, offset: 0, cache: cache).map(\.line) == fresh)
        #expect(TranscriptPane.lines(t, key: Self.key, width: 30, offset: 0, cache: cache).map(\.line) == fresh)
    }

    @Test func rowCountsAreMemoisedPerWidth() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.reviewKey
        state.focus = .transcript
        let items = (1...30).map { Fixtures.item($0, "user", "entry \($0)") }
        state.transcripts[Fixtures.reviewKey] = TranscriptState(total: 30, items: items)
        _ = reduce(&state, .keyPressed(.char("k")))
        #expect(state.transcripts[Fixtures.reviewKey]?.rowCounts.count == 30)
        let width = state.transcripts[Fixtures.reviewKey]?.rowCountsWidth
        _ = reduce(&state, .terminalResized(Size(width: 120, height: 40)))
        _ = reduce(&state, .keyPressed(.char("k")))
        #expect(state.transcripts[Fixtures.reviewKey]?.rowCountsWidth != width)
    }
}
