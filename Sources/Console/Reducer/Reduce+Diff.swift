import Registry

/// The diff view (`D`, tools.md "Seeing what workers did"): opened over
/// the shown worker, loaded on request, scrolled and searched with its own
/// keys; Esc closes it (or, while typing a search, clears the search).
extension AppState {
    mutating func openDiff() -> [Effect] {
        guard let w = WorkerTarget.target(self) else { return [] }
        overlay = .diff(DiffView(worker: w.key))
        return [.loadDiff(w.key)]
    }

    mutating func diffLoaded(_ key: WorkerKey, _ text: DiffText) -> [Effect] {
        guard case .diff(var v) = overlay, v.worker == key else { return [] }
        v.text = text
        v.scroll = 0
        overlay = .diff(v)
        return []
    }

    mutating func diffFailed(_ key: WorkerKey, message: String) -> [Effect] {
        if case .diff(let v) = overlay, v.worker == key { overlay = nil }
        return flash(.error, "no diff for \(worker(key)?.displayName ?? key.workerId): \(message)")
    }

    /// Diff lines the view shows at the current viewport.
    var diffRows: Int { DiffOverlayView.diffRows(viewport) }

    /// The view's own commands; nil when the diff view is not up (or its
    /// search field has the keys) or `command` is not one of them.
    mutating func runInDiff(_ command: KeyCommand) -> [Effect]? {
        guard case .diff(var v) = overlay, !v.editing else { return nil }
        let page = diffRows
        switch command {
        case .moveUp: v.scroll -= 1
        case .moveDown: v.scroll += 1
        case .pageUp: v.scroll -= max(1, page - 1)
        case .pageDown: v.scroll += max(1, page - 1)
        case .top: v.scroll = 0
        case .bottom: v.scroll = Int.max / 2
        case .search:
            v.editing = true
            v.query = ""
            v.match = nil
        case .nextMatch: return jumpInDiff(1)
        case .previousMatch: return jumpInDiff(-1)
        default: return nil
        }
        v.scroll = Self.clampDiffScroll(v.scroll, lines: v.text?.lines.count ?? 0, page: page)
        overlay = .diff(v)
        return []
    }

    /// Moves to a match: `0` the first at or below the top line (Enter in
    /// the search field), `1` the next, `-1` the previous, wrapping.
    mutating func jumpInDiff(_ step: Int) -> [Effect] {
        guard case .diff(var v) = overlay else { return [] }
        guard let query = v.query, !query.isEmpty else {
            let key = keymap.keys[.search]?.first?.description ?? "/"
            return flash(.info, "no search yet: \(key) searches the diff")
        }
        let matches = v.matches
        guard let first = matches.first, let last = matches.last else {
            v.match = nil
            overlay = .diff(v)
            return flash(.info, "no line of the diff holds \"\(query)\"")
        }
        let target: Int
        switch (step, v.match) {
        case (1, let current?): target = matches.first { $0 > current } ?? first
        case (-1, let current?): target = matches.last { $0 < current } ?? last
        case (-1, nil): target = matches.last { $0 < v.scroll } ?? last
        default: target = matches.first { $0 >= v.scroll } ?? first
        }
        v.match = target
        let page = diffRows
        // Keep the view still when the match is already on screen; else
        // show it with two lines of context above.
        if target < v.scroll || target >= v.scroll + page {
            v.scroll = Self.clampDiffScroll(target - 2, lines: v.text?.lines.count ?? 0, page: page)
        }
        overlay = .diff(v)
        return []
    }

    static func clampDiffScroll(_ scroll: Int, lines: Int, page: Int) -> Int {
        min(max(0, scroll), max(0, lines - page))
    }
}
