/// Help, diagnostics, create-worker and confirmation overlays: a centred
/// box over the panes. (The `:` prompt lives in the action bar.)
enum OverlayView {
    static func draw(_ state: AppState, into frame: inout Frame, size: Size, glyphs: BorderGlyphs) {
        guard let overlay = state.overlay else { return }
        switch overlay {
        case .command: return
        case .help(let query, let scroll): help(state, query: query, scroll: scroll, into: &frame, size: size, glyphs: glyphs)
        case .diagnostics(let scroll): diagnostics(state, scroll: scroll, into: &frame, size: size, glyphs: glyphs)
        case .create(let form): create(state, form: form, into: &frame, size: size, glyphs: glyphs)
        case .confirm(let kind): confirm(state, kind: kind, into: &frame, size: size, glyphs: glyphs)
        case .messages(let scroll): messages(state, scroll: scroll, into: &frame, size: size, glyphs: glyphs)
        case .approval(let review): ApprovalView.draw(state, review: review, into: &frame, size: size, glyphs: glyphs)
        case .diff(let view): DiffOverlayView.draw(state, view: view, into: &frame, size: size, glyphs: glyphs)
        case .grep(let view): GrepOverlayView.draw(state, view: view, into: &frame, size: size, glyphs: glyphs)
        }
    }

    /// Recent messages, newest first, each whole (wrapped).
    static func messages(_ state: AppState, scroll: Int, into frame: inout Frame, size: Size, glyphs: BorderGlyphs) {
        let body = panel(&frame, size: size, width: 100, height: size.height - 4, title: "Messages — newest first, Esc closes",
                         glyphs: glyphs)
        guard !body.isEmpty else { return }
        var rows: [StyledLine] = []
        for m in state.messages.reversed() {
            let role: StyleRole = m.level == .error ? "flash.error" : "flash.info"
            let mark = m.level == .error ? "✗ " : "✓ "
            for (i, line) in Wrapping.wrap(m.message, width: max(1, body.width - 2)).enumerated() {
                rows.append(StyledLine([Span(i == 0 ? mark : "  ", role), Span(line, "overlay")]))
            }
        }
        if rows.isEmpty { rows = [StyledLine("no messages yet", "muted")] }
        for (i, l) in rows.dropFirst(min(scroll, max(0, rows.count - 1))).prefix(body.height).enumerated() {
            l.draw(into: &frame, x: body.x, y: body.y + i, clip: body)
        }
    }

    static func panel(_ frame: inout Frame, size: Size, width: Int, height: Int, title: String, glyphs: BorderGlyphs) -> Rect {
        let w = min(size.width - 2, width), h = min(size.height - 2, height)
        let rect = Rect(x: (size.width - w) / 2, y: (size.height - h) / 2, width: w, height: h)
        frame.fill(rect, role: "overlay")
        frame.box(rect, title: title, role: "border.focused", glyphs: glyphs, titleRole: "overlay.title")
        return rect.inset(1)
    }

    static func help(_ state: AppState, query: String, scroll: Int, into frame: inout Frame, size: Size, glyphs: BorderGlyphs) {
        let body = panel(&frame, size: size, width: 72, height: size.height - 4, title: "Help — type to search, Esc closes", glyphs: glyphs)
        guard !body.isEmpty else { return }
        let x = frame.put("search: " + query, x: body.x, y: body.y, role: "overlay.input", clip: body)
        frame.cursor = Frame.Cursor(x: min(x, body.maxX - 1), y: body.y)
        var rows: [StyledLine] = []
        var section = ""
        for item in KeyHelp.items(state, query: query) {
            if item.section != section {
                section = item.section
                rows.append(StyledLine(section, "overlay.section"))
            }
            var text = item.help
            if let reason = item.disabledReason { text += " — " + reason }
            rows.append(StyledLine([Span(" " + Truncation.fit(item.keys, width: 25) + " ", "overlay.key"),
                                    Span(Truncation.truncate(text, toWidth: max(0, body.width - 27)),
                                         item.disabledReason == nil ? "overlay" : "overlay.disabled")]))
        }
        let visible = max(0, body.height - 2)
        let first = min(scroll, max(0, rows.count - visible))
        for (i, row) in rows.dropFirst(first).prefix(visible).enumerated() {
            row.draw(into: &frame, x: body.x, y: body.y + 2 + i, clip: body)
        }
    }

    static func diagnostics(_ state: AppState, scroll: Int, into frame: inout Frame, size: Size, glyphs: BorderGlyphs) {
        let body = panel(&frame, size: size, width: 100, height: size.height - 4, title: "Diagnostics — Esc closes", glyphs: glyphs)
        guard !body.isEmpty else { return }
        var rows: [StyledLine] = []
        for d in state.consoleDiagnostics { rows += lines(d, scope: "console", width: body.width) }
        for r in state.runtimes {
            for d in r.diagnostics { rows += lines(d, scope: r.displayName, width: body.width) }
        }
        for w in state.workers {
            for d in w.diagnostics { rows += lines(d, scope: w.displayName, width: body.width) }
        }
        if rows.isEmpty { rows = [StyledLine("no diagnostics", "muted")] }
        for (i, l) in rows.dropFirst(min(scroll, max(0, rows.count - 1))).prefix(body.height).enumerated() {
            l.draw(into: &frame, x: body.x, y: body.y + i, clip: body)
        }
    }

    static func lines(_ d: DiagnosticRow, scope: String, width: Int) -> [StyledLine] {
        let head = [Span("[\(d.implementationKind)] ", "diagnostic.kind"), Span(d.severity + " ", StyleRole("diagnostic." + d.severity)),
                    Span(scope + " · " + d.code, "overlay")]
        // The head wraps like the message, so a long scope or code stays whole.
        let headLines = StyledWrapping.wrap(head.flatMap { span in span.text.map { ($0, span.role) } }, width: max(1, width))
        let msg = Wrapping.wrap(d.message, width: max(1, width - 2)).map { StyledLine([Span("  " + $0, "overlay")]) }
        return headLines + msg
    }

    /// The create dialog: runtime, three fields (the focused one
    /// highlighted), the profiles to choose from, and why the last Enter
    /// did not create.
    static func create(_ state: AppState, form: CreateForm, into frame: inout Frame, size: Size, glyphs: BorderGlyphs) {
        let width = min(size.width - 2, 76)
        let choices = Array(state.profiles.prefix(6))
        let problem = form.problem.map { Wrapping.wrap($0, width: max(1, width - 2)) } ?? []
        let height = 9 + (choices.isEmpty ? 0 : choices.count + 1) + problem.count
        let body = panel(&frame, size: size, width: width, height: height, title: "Create worker", glyphs: glyphs)
        guard !body.isEmpty else { return }
        let runtime = state.runtimes.first { $0.id == form.runtimeId }?.displayName ?? "none can create workers"
        frame.put("runtime  " + runtime, x: body.x, y: body.y, role: "overlay", clip: body)
        let fields: [(name: String, text: String, field: CreateForm.Field, placeholder: String)] = [
            ("profile ", form.profile, .profile, "(default)"),
            ("label   ", form.label, .label, "(none)"),
            ("input   ", form.input, .input, "(optional first message)"),
        ]
        for (i, f) in fields.enumerated() {
            let y = body.y + 2 + i
            let focused = form.field == f.field
            frame.put(focused ? "▸" : " ", x: body.x, y: y, role: focused ? "overlay.key" : "overlay", clip: body)
            var x = frame.put(f.name, x: body.x + 1, y: y, role: "overlay", clip: body)
            let fieldRect = Rect(x: x, y: y, width: max(0, body.maxX - x), height: 1)
            if focused { frame.fill(fieldRect, role: "overlay.field.focused") }
            let role: StyleRole = focused ? "overlay.field.focused" : "overlay.input"
            // Long text keeps its end (where the cursor is) in view.
            let room = max(1, fieldRect.width - 1)
            let shown = DisplayWidth.of(f.text) > room ? "…" + Truncation.suffix(f.text, width: room - 1) : f.text
            x = frame.put(shown, x: x, y: y, role: role, clip: body)
            if f.text.isEmpty { frame.put(f.placeholder, x: x, y: y, role: focused ? role : "overlay.disabled", clip: body) }
            if focused { frame.cursor = Frame.Cursor(x: min(x, body.maxX - 1), y: y) }
        }
        var y = body.y + 6
        if !choices.isEmpty {
            frame.put("profiles", x: body.x, y: y, role: "overlay.section", clip: body)
            y += 1
            let nameWidth = min(16, choices.map { DisplayWidth.of($0.name) }.max() ?? 0)
            for c in choices {
                let x = frame.put(" " + Truncation.fit(c.name, width: nameWidth) + "  ", x: body.x, y: y, role: "overlay.key", clip: body)
                let text = c.problem ?? c.detail
                frame.put(Truncation.truncate(text, toWidth: max(0, body.maxX - x)), x: x, y: y,
                          role: c.problem == nil ? "overlay" : "overlay.disabled", clip: body)
                y += 1
            }
        }
        for line in problem {
            frame.put(line, x: body.x, y: y, role: "overlay.error", clip: body)
            y += 1
        }
        frame.put("Tab/Shift-Tab field · Enter create · Esc cancel", x: body.x, y: body.maxY - 1, role: "overlay.disabled", clip: body)
    }

    static func confirm(_ state: AppState, kind: ConfirmKind, into frame: inout Frame, size: Size, glyphs: BorderGlyphs) {
        let question: String
        switch kind {
        case .stop(let k):
            let name = state.worker(k)?.displayName ?? k.workerId
            let turn = state.worker(k)?.isBusy == true ? " Its running turn ends first." : ""
            question = "Stop \(name)? It takes no more input; its transcript stays readable.\(turn)"
        case .cancel(let k):
            let name = state.worker(k)?.displayName ?? k.workerId
            let turn = state.worker(k)?.isBusy == true ? " Its running turn is aborted." : ""
            question = "Cancel \(name)? It cannot be resumed.\(turn)"
        case .delete(let k):
            let name = state.worker(k)?.displayName ?? k.workerId
            question = "Delete \(name)? Its transcript, events and worktree are removed; this cannot be undone."
        case .quit(let n, let drafts):
            var parts: [String] = []
            if n > 0 { parts.append("\(n) running turn\(n == 1 ? "" : "s") will be interrupted") }
            if drafts > 0 { parts.append("\(drafts) unsent draft\(drafts == 1 ? "" : "s") will be lost") }
            question = parts.isEmpty ? "Quit? Workers and transcripts are kept." : "Quit? " + parts.joined(separator: "; ") + "."
        }
        let body = panel(&frame, size: size, width: min(70, DisplayWidth.of(question) + 6), height: 6, title: "Confirm", glyphs: glyphs)
        guard !body.isEmpty else { return }
        for (i, l) in Wrapping.wrap(question, width: body.width).prefix(body.height - 1).enumerated() {
            frame.put(l, x: body.x, y: body.y + i, role: "overlay", clip: body)
        }
        frame.put("y/Enter confirm · n/Esc dismiss", x: body.x, y: body.maxY - 1, role: "overlay.key", clip: body)
    }
}
