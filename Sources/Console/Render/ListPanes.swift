import Registry

/// Status glyphs and spinner frames shared by the list panes and headers.
enum StatusGlyph {
    static let spinner: [String] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func glyph(_ status: WorkerStatus) -> String {
        switch status {
        case .idle, .busy, .live: return "●"
        case .stale, .unconnected: return "◌"
        case .stopped: return "■"
        case .cancelled: return "✕"
        case .errored: return "!"
        case .needsApproval: return "◆"
        case .active: return "○"
        case .pending: return "◔"
        case .metadataOnly: return "·"
        }
    }

    static func glyph(_ status: RuntimeStatus) -> String {
        switch status {
        case .running, .available, .connected: return "●"
        case .degraded, .connecting: return "◌"
        case .stopped, .readOnly: return "■"
        case .unavailable: return "!"
        }
    }

    static func role(_ status: WorkerStatus) -> StyleRole {
        status == .needsApproval ? "status.attention" : StyleRole("status." + status.rawValue)
    }
    static func role(_ status: RuntimeStatus) -> StyleRole { StyleRole("status." + status.rawValue) }
}

enum RuntimesPane {
    /// Below this body width the panes leave token totals out.
    static let tokensMinWidth = 34

    /// Everything `draw` reads besides its rectangle (`PaneCache`).
    struct Key: Hashable {
        let glyphs: BorderGlyphs
        let focused: Bool
        let cursor: Int
        let runtimes: [RuntimeRow]
        let workers: [WorkerRow]

        init(_ state: AppState, glyphs: BorderGlyphs) {
            self.glyphs = glyphs
            focused = state.focus == .runtimes && state.overlay == nil
            cursor = state.runtimeCursor
            runtimes = state.runtimes
            workers = state.workers
        }
    }

    static func draw(_ state: AppState, into frame: inout Frame, rect: Rect, glyphs: BorderGlyphs) {
        let focused = state.focus == .runtimes && state.overlay == nil
        frame.box(rect, title: "Runtimes", role: focused ? "border.focused" : "border", glyphs: glyphs)
        let body = rect.inset(1)
        guard !body.isEmpty else { return }
        let total = state.workers.count
        // Wide enough: each runtime's tokens in/out (the cost is in the
        // transcript header; here it would crowd out the name).
        let showTokens = body.width >= tokensMinWidth
        func tokens(_ id: String?) -> String {
            guard showTokens else { return "" }
            let t = state.totals(runtime: id)
            guard t.input + t.output > 0 else { return "" }
            return TokenFormat.pair(input: t.input, output: t.output) + " "
        }
        let waitingAll = state.workers.count(where: \.needsYou)
        var rows: [(name: String, badge: String, count: String, role: StyleRole, waiting: Int, tokens: String)] =
            [("All runtimes", "", "\(total)", "muted", waitingAll, tokens(nil))]
        for r in state.runtimes {
            // Counted from the worker list, so it never lags behind it.
            let mine = state.workers.filter { $0.key.runtimeId == r.id }
            let count = state.workers.isEmpty ? r.workerCount : mine.count
            let waiting = state.workers.isEmpty ? r.needsYouCount : mine.count(where: \.needsYou)
            rows.append((r.displayName, r.badge, "\(StatusGlyph.glyph(r.status))\(count)", StatusGlyph.role(r.status), waiting,
                         tokens(r.id)))
        }
        let first = max(0, state.runtimeCursor - body.height + 1)
        for (i, row) in rows.enumerated().dropFirst(first).prefix(body.height) {
            let y = body.y + i - first
            let selected = i == state.runtimeCursor
            if selected { frame.fill(Rect(x: body.x, y: y, width: body.width, height: 1), role: focused ? "list.selected" : "list.selected.unfocused") }
            let base: StyleRole = selected ? (focused ? "list.selected" : "list.selected.unfocused") : "text"
            let badge = row.badge.isEmpty ? "" : "[\(row.badge)] "
            // Workers that need you, counted before the total: `◆1 ●3`.
            let waiting = row.waiting > 0 ? "◆\(row.waiting) " : ""
            let rightWidth = DisplayWidth.of(row.tokens + badge + waiting + row.count)
            frame.put(selected ? "▸" : " ", x: body.x, y: y, role: base, clip: body)
            let name = Truncation.truncate(row.name, toWidth: max(0, body.width - rightWidth - 3))
            frame.put(name, x: body.x + 2, y: y, role: base, clip: body)
            var x = frame.putRight(row.count, maxX: body.maxX, y: y, role: selected ? base : row.role, clip: body)
            x = frame.putRight(waiting, maxX: x, y: y, role: selected ? base : "status.attention", clip: body)
            x = frame.putRight(badge, maxX: x, y: y, role: selected ? base : "list.badge", clip: body)
            frame.putRight(row.tokens, maxX: x, y: y, role: selected ? base : "list.tokens", clip: body)
        }
    }
}

enum WorkersPane {
    /// Everything `draw` reads besides its rectangle (`PaneCache`).
    struct Key: Hashable {
        let glyphs: BorderGlyphs
        let focused: Bool
        let sort: WorkerSort
        let filter: String
        let filterEditing: Bool
        let runtimeCursor: Int
        let runtimes: [RuntimeRow]
        let workers: [WorkerRow]
        let cursor: Int
        let spinnerPhase: Int
        let unread: Set<WorkerKey>

        init(_ state: AppState, glyphs: BorderGlyphs) {
            self.glyphs = glyphs
            focused = state.focus == .workers && state.overlay == nil
            sort = state.workerSort
            filter = state.workerFilter
            filterEditing = state.filterEditing
            runtimeCursor = state.runtimeCursor
            runtimes = state.runtimes
            workers = state.workers
            cursor = state.workerCursor
            // Only a spinning row shows the phase: without one, a tick redraws nothing.
            spinnerPhase = state.workers.contains { $0.isBusy && !$0.needsYou }
                ? state.spinnerPhase % StatusGlyph.spinner.count : 0
            unread = state.unread
        }
    }

    static func draw(_ state: AppState, into frame: inout Frame, rect: Rect, glyphs: BorderGlyphs) {
        let focused = state.focus == .workers && state.overlay == nil
        let title: String
        let name = state.workerSort == .activity ? "Workers by activity" : "Workers"
        if state.filterEditing { title = name + " /" + state.workerFilter + "▏" }
        else if !state.workerFilter.isEmpty { title = name + " /" + state.workerFilter }
        else { title = name + " (/ filter)" }
        frame.box(rect, title: title, role: focused ? "border.focused" : "border", glyphs: glyphs)
        let body = rect.inset(1)
        guard !body.isEmpty else { return }
        let visible = state.visibleWorkers
        if visible.isEmpty {
            let msg = state.workers.isEmpty ? "no workers · c to create" : "no worker matches"
            frame.put(Truncation.truncate(msg, toWidth: body.width), x: body.x, y: body.y, role: "muted", clip: body)
            return
        }
        let first = max(0, state.workerCursor - body.height + 1)
        for (i, w) in visible.enumerated().dropFirst(first).prefix(body.height) {
            let y = body.y + i - first
            let selected = i == state.workerCursor
            let base: StyleRole = selected ? (focused ? "list.selected" : "list.selected.unfocused") : "text"
            if selected { frame.fill(Rect(x: body.x, y: y, width: body.width, height: 1), role: base) }
            frame.put(selected ? "▸" : " ", x: body.x, y: y, role: base, clip: body)
            frame.put(StatusGlyph.glyph(w.status), x: body.x + 1, y: y, role: selected ? base : StatusGlyph.role(w.status), clip: body)
            let spinning = w.isBusy && !w.needsYou
            let state_ = w.needsYou ? "needs you"
                : spinning ? StatusGlyph.spinner[state.spinnerPhase % StatusGlyph.spinner.count] : w.status.rawValue
            let unread = state.unread.contains(w.key) ? "•" : " "
            let right = unread + state_
            // Wide enough: tokens in/out before the status.
            let tokens = body.width >= RuntimesPane.tokensMinWidth && w.totalTokens > 0
                ? TokenFormat.pair(input: w.inputTokens, output: w.outputTokens) + " " : ""
            let rightWidth = DisplayWidth.of(tokens + right)
            let name = (w.isLocal ? w.displayName + " (local)" : w.displayName)
            frame.put(Truncation.truncate(name, toWidth: max(0, body.width - rightWidth - 4)), x: body.x + 3, y: y, role: base, clip: body)
            let rx = frame.putRight(right, maxX: body.maxX, y: y, role: selected ? base : (spinning ? "spinner" : StatusGlyph.role(w.status)), clip: body)
            if unread == "•" { frame.put("•", x: rx, y: y, role: selected ? base : "list.unread", clip: body) }
            frame.putRight(tokens, maxX: rx, y: y, role: selected ? base : "list.tokens", clip: body)
        }
    }
}
