import Foundation
import Registry
import Testing
@testable import Console

/// The `:grep` results at both reference sizes: grouped by worker, the
/// second match selected, a hostile snippet sanitised on the way in.
@Suite struct GrepSnapshotTests {
    static func results() -> AppState {
        var s = Fixtures.world()
        let hostile = SearchMatch(runtimeId: "backend-internal", workerId: "worker-0000002a", sequence: 3, role: .assistant,
                                  kind: .message, snippet: "…" + FrameSnapshotTests.hostile + " deploy later…", createdAt: nil)
        let matches = [
            GrepMatch(key: Fixtures.reviewKey, sequence: 12, role: .assistant,
                      snippet: "…the deploy timed out after 30 s; retrying with a longer budget and a smaller batch of files to upload…"),
            GrepMatch(hostile),
            GrepMatch(key: Fixtures.reviewKey, sequence: 4, role: .user, snippet: "please deploy the staging build"),
            GrepMatch(key: Fixtures.localKey, sequence: 1, role: .system, snippet: "deploy failed: 日本語 🙂"),
        ]
        s.overlay = .grep(GrepView(query: "deploy", matches: GrepView.grouped(matches), cursor: 1))
        return s
    }

    func frame(_ state: AppState, _ w: Int, _ h: Int) -> Frame {
        render(state, size: Size(width: w, height: h), theme: .fallback)
    }

    @Test func resultsAt80x24() { Snapshot.assertMatches(frame(Self.results(), 80, 24), named: "grep-80x24") }
    @Test func resultsAt120x40() { Snapshot.assertMatches(frame(Self.results(), 120, 40), named: "grep-120x40") }

    @Test func searchingAt80x24() {
        var s = Fixtures.world()
        s.overlay = .grep(GrepView(query: "deploy"))
        Snapshot.assertMatches(frame(s, 80, 24), named: "grep-searching-80x24")
    }

    @Test func hostileSnippetNeverReachesTheFrame() {
        let f = frame(Self.results(), 120, 40)
        for cell in f.cells {
            #expect(!cell.grapheme.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
    }
}
