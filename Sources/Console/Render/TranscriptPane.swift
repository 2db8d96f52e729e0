import Registry

/// The transcript: header in the top border, rows bottom-aligned, the
/// follow indicator (`↓ following`, `↓ N new`) at the right of the divider.
enum TranscriptPane {
    static func header(_ w: WorkerRow, runtime: RuntimeRow?, cost: Double? = nil, reviewKey: String = "a") -> String {
        // Needing you leads, so the hint survives a narrow header.
        var parts = w.needsYou ? ["◆ needs you (\(reviewKey) reviews)", w.displayName] : [w.displayName]
        if w.label != nil { parts.append(w.key.workerId) }
        parts.append(runtime?.displayName ?? w.key.runtimeId)
        if !w.needsYou { parts.append(w.status.rawValue) }
        if w.archived { parts.append("archived") }
        if let parent = w.parent { parts.append("fork of " + parent) }
        let pm = [w.profile, w.model].compactMap { $0 }.joined(separator: " ")
        if !pm.isEmpty { parts.append(pm) }
        if w.totalTokens > 0 {
            parts.append("tokens " + TokenFormat.pair(input: w.inputTokens, output: w.outputTokens)
                         + (cost.map { " " + TokenFormat.cost($0) } ?? ""))
        }
        return parts.joined(separator: " · ")
    }

    static func draw(_ state: AppState, into frame: inout Frame, layout: Layout, glyphs: BorderGlyphs,
                     cache: TranscriptLayoutCache?) {
        let focused = (state.focus == .transcript || state.focus == .composer) && state.overlay == nil
        let role: StyleRole = focused ? "border.focused" : "border"
        let w = state.openWorkerRow
        let title = w.map { row in
            header(row, runtime: state.runtimes.first { $0.id == row.key.runtimeId }, cost: state.cost(of: row),
                   reviewKey: state.keymap.keys[.review]?.first?.description ?? "a")
        } ?? "Transcript"
        frame.box(layout.right, title: title, role: role, glyphs: glyphs, titleRole: "header")
        let body = layout.transcriptBody
        guard !body.isEmpty else { return }
        guard let key = state.openWorker, let t = state.transcripts[key] else {
            let hint = state.workers.isEmpty ? "create a worker with c, or :create" : "select a worker with j/k"
            frame.put(Truncation.truncate(hint, toWidth: body.width), x: body.x, y: body.y, role: "muted", clip: body)
            return
        }
        // Only the rows up to the top of the view are laid out (newest first).
        let rows = lines(t, key: key, width: body.width, offset: state.clockOffsetSeconds, cache: cache,
                         needed: t.scrollFromBottom + body.height)
        let maxScroll = max(0, rows.count - body.height)
        let scroll = min(t.scrollFromBottom, maxScroll)
        let end = rows.count - scroll
        let start = max(0, end - body.height)
        let matchSeq = currentMatch(state, t)
        for (i, line) in rows[start..<end].enumerated() {
            let y = body.maxY - (end - start) + i
            line.line.draw(into: &frame, x: body.x, y: y, clip: body)
            guard line.first else { continue }
            // The role label of the selected entry (what `y` copies) and of the search match.
            if let matchSeq, line.sequence == matchSeq {
                frame.restyle(Rect(x: body.x, y: y, width: 6, height: 1), role: "transcript.match")
            } else if line.sequence == t.selected {
                frame.restyle(Rect(x: body.x, y: y, width: 6, height: 1), role: "transcript.selected")
            }
        }
        if t.pendingStart != nil && start == 0 {
            frame.put("loading…", x: body.x, y: body.y, role: "muted", clip: body)
        }
    }

    /// Drawn after the composer's divider, at its right end, so it never
    /// covers transcript text.
    static func drawIndicator(_ state: AppState, into frame: inout Frame, layout: Layout) {
        guard let t = state.openTranscript, layout.right.width > 20 else { return }
        let indicator: String
        // While scrolled up only the count of what arrived below changes
        // (a reply still streaming counts as one).
        let below = t.newWhileScrolled + (t.streamingTurn == nil ? 0 : 1)
        if t.following, let w = state.openWorkerRow, w.needsYou {
            // The pending call is the newest entry, just above: say how to review it.
            let key = state.keymap.keys[.review]?.first?.description ?? "a"
            frame.putRight(" ◆ \(key) reviews ", maxX: layout.right.maxX - 2, y: layout.dividerY, role: "status.attention")
            return
        }
        if t.following { indicator = "↓ following" }
        else if below > 0 { indicator = "↓ \(below) new" }
        else { indicator = "↑ \(t.scrollFromBottom) rows up" }
        frame.putRight(" " + indicator + " ", maxX: layout.right.maxX - 2, y: layout.dividerY, role: "transcript.indicator")
    }

    struct Row { var line: StyledLine; var sequence: Int; var first: Bool }

    /// The bottom `needed` rows (or all, when fewer) of the loaded window
    /// plus the streaming block, top to bottom. Laid out newest first and
    /// stopping early, so a long loaded window costs only what is shown.
    static func lines(_ t: TranscriptState, key: WorkerKey, width: Int, offset: Int, cache: TranscriptLayoutCache?,
                      needed: Int = .max) -> [Row] {
        var reversed: [Row] = []
        if t.streamingTurn != nil {
            // Only the unfinished line is laid out here, and only the rows shown are taken.
            let ls = t.streamingLayout.lines(t.streamingText, width: width, limit: needed).lines
            for l in ls.reversed() { reversed.append(Row(line: l, sequence: -1, first: false)) }
        }
        var index = t.items.count - 1
        while index >= 0, reversed.count < needed {
            let item = t.items[index]
            let expanded = t.expanded.contains(item.sequence)
            let ls = cache?.lines(key, item, width: width, offset: offset, expanded: expanded)
                ?? TranscriptLayout.lines(item, width: width, offsetSeconds: offset, expanded: expanded)
            for (i, l) in ls.enumerated().reversed() { reversed.append(Row(line: l, sequence: item.sequence, first: i == 0)) }
            index -= 1
        }
        if index < 0, t.hasOlder {
            reversed.append(Row(line: StyledLine("↑ \(t.windowStart) older entries (PgUp)", "muted"), sequence: 0, first: false))
        }
        return reversed.reversed()
    }

    static func currentMatch(_ state: AppState, _ t: TranscriptState) -> Int? {
        let m = state.searchMatches(t)
        return m.isEmpty ? nil : m[min(t.searchMatch, m.count - 1)]
    }
}
