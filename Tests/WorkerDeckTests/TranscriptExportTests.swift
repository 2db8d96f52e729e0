import Foundation
import Registry
import Runtime
import Testing
@testable import workerdeck

/// `workerdeck export`: JSON Lines verbatim, Markdown sanitised, the
/// transcript read page by page.
@Suite struct TranscriptExportTests {
    static let date = Date(timeIntervalSince1970: 1_800_000_000) // 2027-01-15T08:00:00Z
    static let worker = WorkerSummary(runtimeId: "backend-internal", workerId: "worker-00000001", label: "fix *the* <b>build</b>",
                                      implementationKind: .embeddedWorkerRuntime, status: .idle, runState: .idle)

    /// A transcript served from memory, recording the pages asked for.
    final class Pages: @unchecked Sendable {
        let items: [TranscriptItem]
        var asked: [(start: Int, limit: Int)] = []
        init(_ items: [TranscriptItem]) { self.items = items }

        func page(_ start: Int, _ limit: Int) -> TranscriptPage {
            asked.append((start, limit))
            let end = min(start + limit, items.count)
            return TranscriptPage(runtimeId: "backend-internal", workerId: "worker-00000001", start: start, limit: limit,
                                  totalItems: items.count, nextStart: end < items.count ? end : nil,
                                  items: Array(items[min(start, end)..<end]))
        }
    }

    func export(_ format: TranscriptExport.Format, _ pages: Pages, pageSize: Int = APIContract.maxTranscriptPage) async throws -> String {
        var text = ""
        let count = try await TranscriptExport.run(format, worker: Self.worker, pageSize: pageSize,
                                                   page: { pages.page($0, $1) }, write: { text += $0 })
        #expect(count == pages.items.count)
        return text
    }

    static func hostile() -> [TranscriptItem] {
        var call = TranscriptItem(sequence: 2, role: .assistant, kind: .toolCall, content: "", createdAt: date)
        call.toolCall = ToolCallRequest(callId: "call_`1`", tool: "bash", arguments: #"{"command":"echo ```; printf '\e[2J'"}"#)
        var result = TranscriptItem(sequence: 3, role: .tool, kind: .toolResult, content: "", createdAt: date)
        result.toolResult = ToolResult(callId: "call_`1`", status: .ok, output: "````\n## 4. user · forged\n````\n\u{1B}]0;title\u{07}done",
                                       truncated: true, diff: "-old\n+new\n")
        return [
            TranscriptItem(sequence: 1, role: .user, kind: .message,
                           content: "look:\n```\n# not a heading\n```\n<script>alert(1)</script>\u{1B}[31mred\u{1B}[0m", createdAt: date),
            call, result,
            TranscriptItem(sequence: 4, role: .assistant, kind: .message, content: "half a rep", createdAt: date, interrupted: true),
        ]
    }

    @Test func jsonLinesAreTheWireItemsVerbatimOnePerLine() async throws {
        let items = Self.hostile()
        let text = try await export(.jsonl, Pages(items))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == items.count + 1 && lines.last == "", "one line per entry, each ended")
        let decoded = try lines.dropLast().map { try ProjectionJSON.decoder().decode(TranscriptItem.self, from: Data($0.utf8)) }
        #expect(decoded == items, "verbatim: escapes, fences and tool fields survive")
        let first = String(decoding: try ProjectionJSON.wireEncoder(sortedKeys: true).encode(items[0]), as: UTF8.self)
        #expect(String(lines[0]) == first)
    }

    @Test func markdownFencesEveryContentAndKeepsEscapesOut() async throws {
        let text = try await export(.md, Pages(Self.hostile()))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no escape or control character")
        // Only our own headings: content headings stay inside fences.
        #expect(Self.headingsOutsideFences(text) == [
            #"# Transcript of fix \*the\* \<b\>build\</b\> (worker-00000001)"#,
            "## 1. user · 2027-01-15T08:00:00Z",
            "## 2. assistant · tool call · 2027-01-15T08:00:00Z",
            "## 3. tool · tool result · 2027-01-15T08:00:00Z",
            "## 4. assistant · 2027-01-15T08:00:00Z · interrupted",
        ])
        // The user's ``` cannot close our fence, which is longer.
        #expect(text.contains("""
            ## 1. user · 2027-01-15T08:00:00Z

            ````text
            look:
            ```
            # not a heading
            ```
            <script>alert(1)</script>red
            ````

            """))
        #expect(text.contains("Tool bash, call call\\_\\`1\\`, arguments:\n\n````json\n{\"command\":\"echo ```; printf '\\e[2J'\"}\n````\n"))
        #expect(text.contains("Result ok of call call\\_\\`1\\` (output truncated):\n\n`````text\n````\n## 4. user · forged\n````\ndone\n`````\n"))
        #expect(text.contains("\nChanges:\n\n```diff\n-old\n+new\n```\n"))
    }

    /// Headings as a CommonMark reader finds them: a backtick fence closes
    /// only on a run at least as long as the one that opened it.
    static func headingsOutsideFences(_ text: String) -> [String] {
        var open: Int?
        var headings: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let run = line.prefix { $0 == "`" }.count
            if let length = open {
                if run >= length, line.dropFirst(run).allSatisfy({ $0 == " " }) { open = nil }
            } else if run >= 3 {
                open = run
            } else if line.hasPrefix("#") {
                headings.append(String(line))
            }
        }
        #expect(open == nil, "every fence is closed")
        return headings
    }

    @Test func fencesAreLongerThanAnyBacktickRun() {
        #expect(TranscriptMarkdown.fenced("", info: "text") == "```text\n```\n")
        #expect(TranscriptMarkdown.fenced("a`b``c", info: "text") == "```text\na`b``c\n```\n")
        #expect(TranscriptMarkdown.fenced("``````", info: "") == "```````\n``````\n```````\n")
        #expect(TranscriptMarkdown.inline("# b [c](d) & e") == ##"\# b \[c\](d) \& e"##)
    }

    @Test func aLongTranscriptIsReadPageByPageAtTheLargestPage() async throws {
        let items = (1...600).map { TranscriptItem(sequence: $0, role: $0 % 2 == 1 ? .user : .assistant, kind: .message,
                                                   content: "entry \($0)", createdAt: Self.date) }
        let pages = Pages(items)
        let text = try await export(.jsonl, pages)
        #expect(pages.asked.map(\.start) == [0, 256, 512])
        #expect(pages.asked.allSatisfy { $0.limit == 256 })
        #expect(text.split(separator: "\n").count == 600)
        let markdownPages = Pages(items)
        let markdown = try await export(.md, markdownPages, pageSize: 7)
        #expect(markdownPages.asked.count == 86)
        #expect(markdown.components(separatedBy: "\n## ").count == 601)
        #expect(markdown.hasSuffix("## 600. assistant · 2027-01-15T08:00:00Z\n\n```text\nentry 600\n```\n"))
    }

    @Test func aSourceWhosePagesDoNotAdvanceIsAnErrorNotALoop() async throws {
        let stuck = TranscriptPage(runtimeId: "r", workerId: "w", start: 0, limit: 2, totalItems: 9, nextStart: 0, items: [])
        await #expect(throws: CLIError.self) {
            _ = try await TranscriptExport.run(.jsonl, worker: Self.worker, page: { _, _ in stuck }, write: { _ in })
        }
    }
}
