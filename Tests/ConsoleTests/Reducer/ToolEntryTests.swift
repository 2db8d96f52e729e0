import Foundation
import Registry
import Runtime
import Testing
@testable import Console

/// Tool calls and results: one line each, expanded on demand.
@Suite struct ToolEntryTests {
    static let hostile = "ok\u{1B}[2J\u{1B}]52;c;cm0=\u{07} \u{202E}txt.exe"

    static func callItem(_ seq: Int) -> TranscriptRow {
        var item = TranscriptItem(sequence: seq, role: .assistant, kind: .toolCall, content: "", createdAt: Fixtures.t0)
        item.toolCall = ToolCallRequest(callId: "call_1", tool: "edit", arguments: #"{"path":"README.md","old":"a","new":"b"}"#)
        return TranscriptRow(item)
    }

    static func resultItem(_ seq: Int, output: String = "line 1\n" + hostile) -> TranscriptRow {
        var item = TranscriptItem(sequence: seq, role: .tool, kind: .toolResult, content: "", createdAt: Fixtures.t0)
        item.toolResult = ToolResult(callId: "call_1", status: .ok, output: output, truncated: true,
                                     diff: "--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-a\n+b")
        return TranscriptRow(item)
    }

    static func world() -> AppState {
        var s = Fixtures.world()
        s.openWorker = Fixtures.coderKey
        s.focus = .transcript
        s.transcripts[Fixtures.coderKey] = TranscriptState(
            total: 3, items: [Fixtures.item(1, "user", "fix the readme"), callItem(2), resultItem(3)])
        return s
    }

    @Test func toolItemsCarryTheirSanitisedDetail() {
        let call = Self.callItem(2)
        #expect(call.content == "⚙ edit  README.md")
        #expect(call.tool?.part == .call)
        #expect(call.tool?.body.contains("\"path\" : \"README.md\"") == true)
        let result = Self.resultItem(3)
        #expect(result.content == "✓ ok  +1 −1 (truncated)")
        #expect(result.tool?.truncated == true)
        #expect(result.tool?.body.unicodeScalars.contains("\u{1B}") == false)
        #expect(result.tool?.body.unicodeScalars.contains("\u{07}") == false)
        #expect(result.tool?.body.unicodeScalars.contains("\u{202E}") == false)
    }

    @Test func eExpandsTheNewestToolEntryThenFoldsIt() {
        var s = Self.world()
        _ = reduce(&s, .keyPressed(.char("e")))
        #expect(s.transcripts[Fixtures.coderKey]?.expanded == [3])
        #expect(s.transcripts[Fixtures.coderKey]?.selected == 3)
        #expect(s.flash?.message == "expanded entry 3")
        _ = reduce(&s, .keyPressed(KeyChord(.enter)))
        #expect(s.transcripts[Fixtures.coderKey]?.expanded == [])
        #expect(s.flash?.message == "folded entry 3")
    }

    @Test func eExpandsTheSelectedEntryAndRefusesAMessage() {
        var s = Self.world()
        s.transcripts[Fixtures.coderKey]?.selected = 2
        _ = reduce(&s, .keyPressed(.char("e")))
        #expect(s.transcripts[Fixtures.coderKey]?.expanded == [2])
        s.transcripts[Fixtures.coderKey]?.selected = 1
        _ = reduce(&s, .keyPressed(.char("e")))
        #expect(s.transcripts[Fixtures.coderKey]?.expanded == [2])
        #expect(s.flash?.message == "entry 1 is not a tool call or result")
    }

    @Test func anExpandedResultShowsOutputTruncationAndAColouredDiff() {
        let item = Self.resultItem(3)
        let folded = TranscriptLayout.lines(item, width: 60, offsetSeconds: 0, expanded: false)
        let lines = TranscriptLayout.lines(item, width: 60, offsetSeconds: 0, expanded: true)
        #expect(folded.count == 1)
        let texts = lines.map(\.text)
        #expect(texts.contains { $0.hasSuffix("line 1") })
        #expect(texts.contains { $0.hasSuffix("(output truncated)") })
        let roles = Set(lines.flatMap(\.spans).map(\.role.name))
        #expect(roles.isSuperset(of: ["diff.add", "diff.remove", "diff.hunk", "transcript.output"]))
        // Output is a monospace block: no Markdown, spacing kept.
        let code = TranscriptRow(sequence: 4, role: .tool, kind: .toolResult, content: "✓ ok  1 line",
                                 tool: ToolDetail(part: .result, body: "# not   a heading"))
        #expect(TranscriptLayout.lines(code, width: 60, offsetSeconds: 0, expanded: true).last?.text.hasSuffix("# not   a heading") == true)
    }

    @Test func theLayoutCacheKeepsFoldedAndExpandedApart() {
        let cache = TranscriptLayoutCache()
        let item = Self.resultItem(3)
        let folded = cache.lines(Fixtures.coderKey, item, width: 60, offset: 0, expanded: false)
        let expanded = cache.lines(Fixtures.coderKey, item, width: 60, offset: 0, expanded: true)
        #expect(folded.count == 1)
        #expect(expanded.count > 1)
        #expect(cache.lines(Fixtures.coderKey, item, width: 60, offset: 0, expanded: false) == folded)
    }

    @Test func tokenFormats() {
        #expect(TokenFormat.count(950) == "950")
        #expect(TokenFormat.count(12_345) == "12.3k")
        #expect(TokenFormat.count(4_500_000) == "4.5M")
        #expect(TokenFormat.count(123_456) == "123k")
        #expect(TokenFormat.count(1_000) == "1.0k")
        #expect(TokenFormat.count(1_250) == "1.3k")
        #expect(TokenFormat.count(99_949) == "99.9k")
        #expect(TokenFormat.count(99_950) == "100k")
        #expect(TokenFormat.count(999_999) == "1000k")
        #expect(TokenFormat.count(1_000_000) == "1.0M")
        #expect(TokenFormat.count(999_499_999) == "999M")
        #expect(TokenFormat.pair(input: 12_300, output: 4_500) == "12.3k/4.5k")
        #expect(TokenFormat.cost(1.234) == "$1.23")
        #expect(TokenFormat.cost(0.00042) == "$0.0004")
        var s = Fixtures.world()
        s.prices["openai/gpt-4o-mini"] = TokenPrice(inputPerMTok: 1_000, outputPerMTok: 2_000)
        #expect(s.cost(of: Fixtures.coder) == 0.12 + 0.096)
        #expect(s.totals(runtime: "backend-internal").input == 120)
        #expect(s.totals(runtime: "local-compat").cost == nil)
    }
}

/// The one-line form counts lines as an operator does.
@Suite struct ToolEntrySummaryTests {
    @Test func aFinalNewlineEndsTheLastLine() {
        func line(_ output: String) -> String {
            ToolEntrySummary.line(ToolResult(callId: "c", status: .ok, output: output))
        }
        #expect(line("") == "✓ ok  0 lines")
        #expect(line("one\n") == "✓ ok  1 line")
        #expect(line("one\ntwo\n") == "✓ ok  2 lines")
        #expect(line("one\ntwo") == "✓ ok  2 lines")
        #expect(ToolEntrySummary.line(ToolResult(callId: "c", status: .ok, output: "x\n", diff: "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n")) == "✓ ok  +1 −1")
        #expect(ToolEntrySummary.line(ToolResult(callId: "c", status: .denied, output: "denied by policy")) == "⊘ denied  denied by policy")
    }
}
