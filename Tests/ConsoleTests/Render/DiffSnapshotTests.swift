import Foundation
import Registry
import Testing
@testable import Console

/// The diff view at both reference sizes, with hostile text in the diff
/// (sanitised before layout), a long line continued on the next row, and a
/// search's matches highlighted.
@Suite struct DiffSnapshotTests {
    static let hostile = FrameSnapshotTests.hostile

    static let page = WorkdirDiffPage(
        runtimeId: "backend-internal", workerId: "worker-0000002b", directory: "worktree worker-0000002b",
        diff: """
        diff --git a/README.md b/README.md
        --- a/README.md
        +++ b/README.md
        @@ -1,4 +1,4 @@
         # deck
        -old line
        +\(hostile)
         context\tafter a tab
        diff --git a/notes.txt b/notes.txt
        new file mode 100644
        --- /dev/null
        +++ b/notes.txt
        @@ -0,0 +1,2 @@
        +a note written by the worker, long enough to continue on the next row of the view at eighty columns and beyond
        +second note line

        """, truncated: true)

    static func viewing() -> AppState {
        var s = ToolSnapshotTests.needsYouWorld()
        s.overlay = .diff(DiffView(worker: Fixtures.reviewKey, text: DiffText(page)))
        return s
    }

    static func searching() -> AppState {
        var s = viewing()
        s.overlay = .diff(DiffView(worker: Fixtures.reviewKey, text: DiffText(page), query: "note", match: 11))
        return s
    }

    func frame(_ state: AppState, _ w: Int, _ h: Int) -> Frame {
        render(state, size: Size(width: w, height: h), theme: .fallback)
    }

    @Test func diffAt80x24() { Snapshot.assertMatches(frame(Self.viewing(), 80, 24), named: "diff-80x24") }
    @Test func diffAt120x40() { Snapshot.assertMatches(frame(Self.viewing(), 120, 40), named: "diff-120x40") }
    @Test func searchAt80x24() { Snapshot.assertMatches(frame(Self.searching(), 80, 24), named: "diff-search-80x24") }
    @Test func searchAt120x40() { Snapshot.assertMatches(frame(Self.searching(), 120, 40), named: "diff-search-120x40") }
    @Test func typingASearchAt80x24() {
        var s = Self.viewing()
        s.overlay = .diff(DiffView(worker: Fixtures.reviewKey, text: DiffText(Self.page), query: "not", editing: true))
        Snapshot.assertMatches(frame(s, 80, 24), named: "diff-search-typing-80x24")
    }
    @Test func loadingAt80x24() {
        var s = Self.viewing()
        s.overlay = .diff(DiffView(worker: Fixtures.reviewKey))
        Snapshot.assertMatches(frame(s, 80, 24), named: "diff-loading-80x24")
    }

    @Test func addedRemovedAndHunkLinesTakeTheirRoles() {
        let f = frame(Self.viewing(), 120, 40)
        func roles(inRowContaining text: String) -> Set<StyleRole> {
            let rows = f.text.split(separator: "\n", omittingEmptySubsequences: false)
            guard let y = rows.firstIndex(where: { $0.contains(text) }) else { return [] }
            return Set((0..<f.size.width).map { f[$0, y].role })
        }
        #expect(roles(inRowContaining: "-old line").contains("diff.remove"))
        #expect(roles(inRowContaining: "+second note line").contains("diff.add"))
        #expect(roles(inRowContaining: "@@ -0,0 +1,2 @@").contains("diff.hunk"))
    }

    /// No escape or control character reaches a cell.
    @Test func noControlCharacterIsDrawn() {
        for state in [Self.viewing(), Self.searching()] {
            for (w, h) in [(80, 24), (120, 40)] {
                let text = frame(state, w, h).text
                #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x80..<0xA0).contains($0.value) || $0 == "\u{202E}" })
            }
        }
    }

    @Test func survivesTinySizes() {
        for state in [Self.viewing(), Self.searching()] {
            for (w, h) in [(0, 0), (1, 1), (20, 6), (60, 15)] { #expect(frame(state, w, h).size == Size(width: w, height: h)) }
        }
    }
}
