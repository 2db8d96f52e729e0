/// The cells of list panes as an earlier frame drew them, reused while
/// what they show is unchanged, and the action bar's entries. While a reply
/// streams only the transcript changes: the runtimes and workers panes then
/// cost a comparison of their inputs (arrays compare by identity first)
/// instead of a redraw (B12).
///
/// A pane's key must hold everything its `draw` reads; the pane must draw
/// only inside its rectangle onto blank cells (as `render` draws them,
/// first). `PaneCacheTests` renders with and without the cache and
/// compares the frames.
public final class PaneCache {
    enum Pane: Hashable { case runtimes, workers }

    private struct Entry {
        var key: AnyHashable
        var rect: Rect
        var cells: [Cell]
    }

    private var entries: [Pane: Entry] = [:]
    /// Panes pasted rather than drawn, for tests.
    private(set) var reused = 0

    /// The action bar's entries, for the contexts and keymap they were
    /// made for (working them out walked the whole binding table a frame).
    private var bar: (contexts: [KeyContext], keymap: Keymap, entries: [KeyHelp.BarEntry])?

    public init() {}

    func barEntries(_ contexts: [KeyContext], keymap: Keymap) -> [KeyHelp.BarEntry] {
        if let bar, bar.contexts == contexts, bar.keymap == keymap { return bar.entries }
        let entries = KeyHelp.barEntries(contexts, keymap: keymap)
        bar = (contexts, keymap, entries)
        return entries
    }

    /// Draws `pane` into `rect` of `frame` with `draw`, or pastes the cells
    /// it drew last time when `key` and `rect` are the same.
    func draw(_ pane: Pane, key: some Hashable, rect: Rect, into frame: inout Frame, _ draw: (inout Frame) -> Void) {
        let key = AnyHashable(key)
        if let entry = entries[pane], entry.rect == rect, entry.key == key, frame.paste(entry.cells, in: rect) {
            reused += 1
            return
        }
        draw(&frame)
        entries[pane] = Entry(key: key, rect: rect, cells: frame.cells(in: rect))
    }
}

extension Frame {
    /// The cells of `rect` row by row; empty when it is not inside the frame.
    func cells(in rect: Rect) -> [Cell] {
        guard contains(rect) else { return [] }
        var out: [Cell] = []
        out.reserveCapacity(rect.width * rect.height)
        for y in rect.y..<rect.maxY {
            let start = y * size.width + rect.x
            out.append(contentsOf: cells[start..<start + rect.width])
        }
        return out
    }

    /// Puts back cells taken by `cells(in:)` from the same rectangle.
    /// False (nothing changed) when they do not fit it.
    mutating func paste(_ saved: [Cell], in rect: Rect) -> Bool {
        guard contains(rect), saved.count == rect.width * rect.height, !rect.isEmpty else { return false }
        for row in 0..<rect.height {
            let start = (rect.y + row) * size.width + rect.x
            replaceCells(start..<start + rect.width, with: saved[row * rect.width..<(row + 1) * rect.width])
        }
        return true
    }

    private func contains(_ rect: Rect) -> Bool {
        rect.x >= 0 && rect.y >= 0 && rect.maxX <= size.width && rect.maxY <= size.height
    }
}
