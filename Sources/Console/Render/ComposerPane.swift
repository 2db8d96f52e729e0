/// The composer below the transcript: divider (`├ input · queued (1) ┤`),
/// 1–8 lines of text with a `> ` prompt and the cursor. A large paste is
/// one placeholder line ("[pasted 120 lines, 4.2 KB]"); text taller than the
/// pane starts with "… N more lines above".
enum ComposerPane {
    static func draw(_ state: AppState, into frame: inout Frame, layout: Layout, glyphs: BorderGlyphs) {
        let focused = state.focus == .composer && state.overlay == nil
        // The divider belongs to the right box, focused with it.
        let boxFocused = (state.focus == .composer || state.focus == .transcript) && state.overlay == nil
        let body = layout.composerBody
        let composer = state.openWorker.flatMap { state.composers[$0] } ?? ComposerState()
        // The divider says what Enter will do when it cannot simply send;
        // the draft itself is always shown and kept.
        var title = "input"
        var titleRole: StyleRole = "title"
        if let note = WorkerTarget.composerNote(state) { title += " · " + note; titleRole = "composer.disabled" }
        if !composer.queued.isEmpty { title += " · queued (\(composer.queued.count))"; titleRole = "composer.queued" }
        if state.searchEditing, let q = state.openTranscript?.search { title = "search /" + q + "▏"; titleRole = "title" }
        let indicatorRoom = 16
        title = Truncation.truncate(title, toWidth: max(1, layout.right.width - 6 - indicatorRoom))
        frame.divider(layout.right, y: layout.dividerY, title: title,
                      role: boxFocused ? "border.focused" : "border", glyphs: glyphs, titleRole: titleRole)
        guard !body.isEmpty, state.openWorker != nil else { return }
        frame.put("> ", x: body.x, y: body.y, role: "composer.prompt", clip: body)
        let textRect = Rect(x: body.x + 2, y: body.y, width: body.width - 2, height: body.height)
        guard !textRect.isEmpty else { return }
        let view = composer.display()
        // Each shown line as (grapheme, role) cells; the cursor column in display width.
        let lines: [[(Character, StyleRole)]] = view.lines.map { segments in
            segments.flatMap { seg in
                (seg.isFold ? seg.text : Sanitiser.clean(seg.text)).map { ($0, seg.isFold ? StyleRole("composer.fold") : "composer.text") }
            }
        }
        let cursorLine = view.cursorLine
        let cursorColumn = lines.isEmpty ? 0 : lines[cursorLine].prefix(view.cursorColumn).reduce(0) { $0 + DisplayWidth.of($1.0) }
        var first = 0
        var fold = 0
        if lines.count > textRect.height {
            first = min(max(0, cursorLine - textRect.height + 1), lines.count - textRect.height)
            fold = first
        }
        for row in 0..<min(textRect.height, lines.count - first) {
            let y = textRect.y + row
            let line = lines[first + row]
            if row == 0 && fold > 0 {
                frame.put("… \(fold) more line\(fold == 1 ? "" : "s") above", x: textRect.x, y: y, role: "composer.fold", clip: textRect)
                continue
            }
            // Keep the cursor visible on long lines by scrolling horizontally.
            let skip = first + row == cursorLine ? max(0, cursorColumn - textRect.width + 1) : 0
            var col = 0
            var x = textRect.x
            for (c, role) in line {
                let w = DisplayWidth.of(c)
                if col >= skip { x = frame.put(String(c), x: x, y: y, role: role, clip: textRect) }
                col += w
            }
        }
        if focused {
            let row = cursorLine - first
            let skip = max(0, cursorColumn - textRect.width + 1)
            if row >= 0, row < textRect.height {
                frame.cursor = Frame.Cursor(x: min(textRect.maxX - 1, textRect.x + cursorColumn - skip), y: textRect.y + row)
            }
        }
    }
}
