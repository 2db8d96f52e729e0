import Testing
@testable import Console

/// Records what the renderer asks of the terminal.
final class RecordingSurface: TerminalSurface {
    struct Put: Hashable { var x: Int; var y: Int; var grapheme: String }
    var puts: [Put] = []
    var flushes = 0
    var clears = 0
    var cursor: Frame.Cursor?? = nil

    func put(x: Int, y: Int, grapheme: String, width: Int, style: RoleStyle) { puts.append(Put(x: x, y: y, grapheme: grapheme)) }
    func setCursor(_ cursor: Frame.Cursor?) { self.cursor = .some(cursor) }
    func clear() { clears += 1 }
    func flush() { flushes += 1 }
}

@Suite struct FrameRendererContractTests {
    @Test func firstFrameWritesEveryCellOnce() {
        let surface = RecordingSurface()
        let renderer = FrameRenderer(surface: surface, theme: .fallback)
        renderer.present(Frame(size: Size(width: 10, height: 3)))
        #expect(surface.puts.count == 30)
        #expect(surface.flushes == 1)
    }

    @Test func onlyChangedCellsAreWritten() {
        let surface = RecordingSurface()
        let renderer = FrameRenderer(surface: surface, theme: .fallback)
        var state = FrameSnapshotTests.busyWorld()
        let size = Size(width: 80, height: 24)
        renderer.present(render(state, size: size, theme: .fallback))
        surface.puts = []
        state.transcripts[Fixtures.coderKey]?.streamingText += " it"
        renderer.present(render(state, size: size, theme: .fallback))
        // The streamed text grew by three columns and the cursor block moved.
        #expect(surface.puts.count <= 6)
        #expect(surface.puts.allSatisfy { $0.y < 21 })
        #expect(surface.flushes == 2)
    }

    @Test func identicalFrameWritesNothing() {
        let surface = RecordingSurface()
        let renderer = FrameRenderer(surface: surface, theme: .fallback)
        let f = render(Fixtures.world(), size: Size(width: 80, height: 24), theme: .fallback)
        renderer.present(f)
        surface.puts = []
        #expect(renderer.present(f) == 0)
        #expect(surface.puts.isEmpty)
    }

    @Test func changedWideGraphemeIsWrittenFromItsLead() {
        let surface = RecordingSurface()
        let renderer = FrameRenderer(surface: surface, theme: .fallback)
        var a = Frame(size: Size(width: 6, height: 1))
        a.put("ab日", x: 0, y: 0, role: "text")
        renderer.present(a)
        surface.puts = []
        var b = a
        b.put("本", x: 2, y: 0, role: "text")
        renderer.present(b)
        #expect(surface.puts == [RecordingSurface.Put(x: 2, y: 0, grapheme: "本")])
    }

    @Test func invalidateRepaintsEverything() {
        let surface = RecordingSurface()
        let renderer = FrameRenderer(surface: surface, theme: .fallback)
        let f = Frame(size: Size(width: 4, height: 2))
        renderer.present(f)
        renderer.invalidate()
        surface.puts = []
        renderer.present(f)
        #expect(surface.puts.count == 8)
        #expect(surface.clears == 1)
    }

    @Test func diffRunsCoverExactlyTheChangedCells() {
        let a = Frame(size: Size(width: 8, height: 2))
        var b = a
        b.put("xy", x: 2, y: 1, role: "text")
        b.put("z", x: 6, y: 1, role: "text")
        let runs = b.diff(from: a)
        #expect(runs.map { [$0.x, $0.y, $0.cells.count] } == [[2, 1, 2], [6, 1, 1]])
    }
}
