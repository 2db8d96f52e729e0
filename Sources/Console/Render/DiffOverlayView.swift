import Foundation

/// The diff view: a worker's directory diff, coloured like the review's
/// (`diff.add`, `diff.remove`, `diff.hunk`), from its top line down, long
/// lines continued on the next row, search matches highlighted. The text
/// was sanitised on the way into the state.
enum DiffOverlayView {
    /// Diff lines shown at `size`: the panel's body less its header and footer.
    static func diffRows(_ size: Size) -> Int { max(1, size.height - 6) }

    static func draw(_ state: AppState, view: DiffView, into frame: inout Frame, size: Size, glyphs: BorderGlyphs) {
        let name = state.worker(view.worker)?.displayName ?? view.worker.workerId
        let title = "Diff — " + name + (view.text.map { " · " + $0.directory } ?? "")
        let body = OverlayView.panel(&frame, size: size, width: 120, height: size.height - 2, title: title, glyphs: glyphs)
        guard !body.isEmpty else { return }
        let rows = max(0, body.height - 2)
        let top = body.y + 1
        if let text = view.text {
            frame.put(Truncation.truncate(header(text, view: view, rows: rows), toWidth: body.width), x: body.x, y: body.y,
                      role: "overlay.section", clip: body)
            if text.lines.isEmpty {
                frame.put("no changes: git diff is empty", x: body.x, y: top, role: "overlay.disabled", clip: body)
            } else {
                drawLines(text.lines, view: view, into: &frame, x: body.x, y: top, width: body.width, rows: rows, clip: body)
            }
        } else {
            frame.put("loading the diff…", x: body.x, y: body.y, role: "overlay.disabled", clip: body)
        }
        let footerY = body.maxY - 1
        if view.editing {
            let x = frame.put("/" + (view.query ?? ""), x: body.x, y: footerY, role: "overlay.field.focused", clip: body)
            frame.cursor = Frame.Cursor(x: min(x, body.maxX - 1), y: footerY)
        } else {
            frame.put(Truncation.truncate(keysLine(state), toWidth: body.width), x: body.x, y: footerY, role: "overlay.key", clip: body)
        }
    }

    /// `3 files · +12 -4 · lines 1–18 of 240 · /query 2 of 5`.
    static func header(_ text: DiffText, view: DiffView, rows: Int) -> String {
        var parts = ["\(text.files) file\(text.files == 1 ? "" : "s")", "+\(text.added) -\(text.removed)"]
        if !text.lines.isEmpty {
            parts.append("lines \(view.scroll + 1)–\(min(text.lines.count, view.scroll + rows)) of \(text.lines.count)")
        }
        if text.truncated { parts.append("cut at 2 MiB") }
        if let query = view.query, !query.isEmpty, !view.editing {
            let matches = view.matches
            let position = view.match.flatMap { matches.firstIndex(of: $0) }.map { "\($0 + 1) of \(matches.count)" }
            parts.append("/" + query + " " + (position ?? "\(matches.count) match\(matches.count == 1 ? "" : "es")"))
        }
        return parts.joined(separator: " · ")
    }

    /// From the top line (moved down if the current match would not show:
    /// lines above it may take several rows each).
    static func drawLines(_ lines: [String], view: DiffView, into frame: inout Frame, x: Int, y: Int, width: Int, rows: Int,
                          clip: Rect) {
        var first = min(max(0, view.scroll), lines.count - 1)
        if let match = view.match, match >= first,
           lines[first..<match].reduce(0, { $0 + MonoBlock.chunks(Substring($1), width: width).count }) >= rows {
            first = match
        }
        let query = view.editing ? nil : view.query.flatMap { $0.isEmpty ? nil : $0 }
        var row = 0
        var index = first
        while row < rows, index < lines.count {
            let line = Substring(lines[index])
            // A file's first line (`diff --git a/… b/…`) reads as its header.
            let role: StyleRole = line.hasPrefix("diff --git ") ? "diff.hunk" : MonoBlock.role(of: line, base: "overlay")
            for piece in MonoBlock.chunks(line, width: width) where row < rows {
                highlighted(piece, role: role, query: query).draw(into: &frame, x: x, y: y + row, clip: clip)
                row += 1
            }
            index += 1
        }
    }

    /// `text` with every occurrence of `query` (ignoring case) in `transcript.match`.
    static func highlighted(_ text: String, role: StyleRole, query: String?) -> StyledLine {
        guard let query else { return StyledLine(text, role) }
        var spans: [Span] = []
        var rest = text[...]
        while let found = rest.range(of: query, options: .caseInsensitive) {
            if found.lowerBound > rest.startIndex { spans.append(Span(String(rest[..<found.lowerBound]), role)) }
            spans.append(Span(String(rest[found]), "transcript.match"))
            rest = rest[found.upperBound...]
        }
        if !rest.isEmpty { spans.append(Span(String(rest), role)) }
        return StyledLine(spans)
    }

    /// `↑↓ scroll · / search · n next · N previous · Esc close`, from the keymap.
    static func keysLine(_ state: AppState) -> String {
        let up = state.keymap.keys(for: BindingTable.binding(for: .moveUp, in: .diffView)).first?.shortName ?? ""
        let down = state.keymap.keys(for: BindingTable.binding(for: .moveDown, in: .diffView)).first?.shortName ?? ""
        let labelled = BindingTable.diffView.compactMap { b -> String? in
            guard let label = b.barLabel, let key = state.keymap.keys(for: b).first else { return nil }
            return key.shortName + " " + label
        }
        return ([up + down + " scroll"] + labelled).joined(separator: " · ")
    }
}
