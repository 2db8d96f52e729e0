/// The composer below the transcript: divider (`├ input · queued (1) ┤`),
/// 1–8 lines of text with a `> ` prompt, the cursor, and folding for large
/// pastes (the first lines are replaced by "… N more lines").
enum ComposerPane {
    static func draw(_ state: AppState, into frame: inout Frame, layout: Layout, glyphs: BorderGlyphs) {
        let focused = state.focus == .composer && state.overlay == nil
        // The divider belongs to the right box, focused with it.
        let boxFocused = (state.focus == .composer || state.focus == .transcript) && state.overlay == nil
        let body = layout.composerBody
        let composer = state.openWorker.flatMap { state.composers[$0] } ?? ComposerState()
        var title = "input"
        if !composer.queued.isEmpty { title += " · queued (\(composer.queued.count))" }
        if state.searchEditing, let q = state.openTranscript?.search { title = "search /" + q + "▏" }
        frame.divider(layout.right, y: layout.dividerY, title: title,
                      role: boxFocused ? "border.focused" : "border", glyphs: glyphs,
                      titleRole: composer.queued.isEmpty ? "title" : "composer.queued")
        guard !body.isEmpty, state.openWorker != nil else { return }
        if let reason = WorkerTarget.inputDisabledReason(state) {
            frame.put(Truncation.truncate("⊘ " + reason, toWidth: body.width), x: body.x, y: body.y,
                      role: "composer.disabled", clip: body)
            return
        }
        frame.put("> ", x: body.x, y: body.y, role: "composer.prompt", clip: body)
        let textRect = Rect(x: body.x + 2, y: body.y, width: body.width - 2, height: body.height)
        guard !textRect.isEmpty else { return }
        let shown = Sanitiser.clean(composer.text)
        let lines = shown.split(separator: "\n", omittingEmptySubsequences: false)
        // The cursor's line and column (graphemes → display width).
        let before = String(composer.text.prefix(composer.cursor))
        let cursorLine = before.filter { $0 == "\n" }.count
        let cursorColumn = DisplayWidth.of(Sanitiser.clean(String(before.split(separator: "\n", omittingEmptySubsequences: false).last ?? "")))
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
            for c in line {
                let w = DisplayWidth.of(c)
                if col >= skip { x = frame.put(String(c), x: x, y: y, role: "composer.text", clip: textRect) }
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
