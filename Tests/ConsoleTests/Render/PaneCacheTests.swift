import Registry
import Testing
@testable import Console

/// `PaneCache`: a frame rendered with cached list panes is the frame
/// rendered from scratch, through every change the panes show; and while
/// only the transcript changes (a reply streaming), they are pasted, not drawn.
@Suite struct PaneCacheTests {
    /// One state after another, each changing something a list pane shows.
    static func steps() -> [(String, (inout AppState) -> Void)] {
        [
            ("first frame", { _ in }),
            ("workers cursor", { $0.workerCursor = 1 }),
            ("focus on runtimes", { $0.focus = .runtimes }),
            ("runtimes cursor", { $0.runtimeCursor = 1 }),
            ("all runtimes again", { $0.runtimeCursor = 0; $0.focus = .workers }),
            ("spinner", { $0.spinnerPhase += 1 }),
            ("unread read", { $0.unread = [] }),
            ("filter typed", { $0.filterEditing = true; $0.workerFilter = "co" }),
            ("filter kept", { $0.filterEditing = false }),
            ("filter cleared", { $0.workerFilter = "" }),
            ("sorted by activity", { $0.workerSort = .activity }),
            ("a worker needs you", { $0.workers[1].status = .needsApproval }),
            ("tokens", { $0.workers[0].inputTokens += 5_000 }),
            ("a worker renamed", { $0.workers[2].label = "renamed" }),
            ("a worker gone", { $0.workers.removeLast() }),
            ("a runtime degraded", { $0.runtimes[1].status = .unavailable }),
            ("an overlay", { $0.overlay = .help(query: "", scroll: 0) }),
            ("overlay closed", { $0.overlay = nil }),
            ("streaming text", { $0.transcripts[Fixtures.coderKey]?.streamingText += " more" }),
            // The action bar keeps its entries per contexts and keymap; what
            // each entry says about the state is asked every frame.
            ("focus on the composer", { $0.focus = .composer }),
            ("focus on the transcript", { $0.focus = .transcript }),
            ("back to the workers", { $0.focus = .workers }),
            ("the selected worker idles", { $0.workers[$0.workerCursor].status = .idle }),
            ("keys rebound", { $0.keymap = Keymap.rebinding(["interrupt": ["X"], "help": ["F1"]]).0 }),
            ("keys back", { $0.keymap = .defaults }),
        ]
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 60, height: 15)])
    func cachedPanesDrawWhatAFreshRenderDraws(size: Size) {
        let panes = PaneCache()
        var state = FrameSnapshotTests.busyWorld()
        for (name, change) in Self.steps() {
            change(&state)
            let cached = render(state, size: size, theme: .fallback, panes: panes)
            let fresh = render(state, size: size, theme: .fallback)
            let same = cached == fresh
            #expect(same, "after \(name) at \(size.width)×\(size.height), cached:\n\(Snapshot.serialise(cached))")
        }
    }

    @Test func aResizeRedrawsThePanes() {
        let panes = PaneCache()
        let state = FrameSnapshotTests.busyWorld()
        _ = render(state, size: Size(width: 120, height: 40), theme: .fallback, panes: panes)
        let small = render(state, size: Size(width: 80, height: 24), theme: .fallback, panes: panes)
        #expect(panes.reused == 0)
        #expect(small == render(state, size: Size(width: 80, height: 24), theme: .fallback))
    }

    /// A reply streaming into the open worker: the list panes are pasted.
    @Test func whileAReplyStreamsTheListPanesAreReused() {
        let panes = PaneCache()
        var state = FrameSnapshotTests.busyWorld()
        let size = Size(width: 120, height: 40)
        _ = render(state, size: size, theme: .fallback, panes: panes)
        for word in 0..<10 {
            state.transcripts[Fixtures.coderKey]?.streamingText += " w\(word)"
            _ = render(state, size: size, theme: .fallback, panes: panes)
        }
        #expect(panes.reused == 20)
    }
}
