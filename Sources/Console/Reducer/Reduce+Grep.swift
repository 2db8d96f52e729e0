import Registry

/// `:grep TEXT` (issue 16): every worker's transcript searched by the
/// runtimes (FTS5 in the embedded store), the matches listed by worker in
/// an overlay; Enter opens the worker with the transcript at the entry,
/// Esc closes.
extension AppState {
    /// Most matches asked of each runtime.
    static let grepLimit = 100
    /// Older pages one Enter may load to reach an entry (pages of
    /// `pageSize`): bounds what one jump pulls into memory.
    static let revealPageBudget = 64

    mutating func startGrep(_ text: String) -> [Effect] {
        let query = text.trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else { return flash(.error, ":grep needs text, e.g. :grep timeout") }
        overlay = .grep(GrepView(query: query))
        return [.search(query)]
    }

    mutating func searchLoaded(_ query: String, _ matches: [GrepMatch]) -> [Effect] {
        // A later :grep replaced this one, or the overlay was closed.
        guard case .grep(var v) = overlay, v.query == query else { return [] }
        v.matches = GrepView.grouped(matches)
        v.cursor = 0
        overlay = .grep(v)
        return []
    }

    mutating func searchFailed(_ query: String, message: String) -> [Effect] {
        if case .grep(let v) = overlay, v.query == query { overlay = nil }
        return flash(.error, ":grep \(query): \(message)")
    }

    /// The overlay's own commands; nil when it is not up or `command` is
    /// not one of them.
    mutating func runInGrep(_ command: KeyCommand) -> [Effect]? {
        guard case .grep(var v) = overlay else { return nil }
        let count = v.matches?.count ?? 0
        switch command {
        case .moveUp: v.cursor -= 1
        case .moveDown: v.cursor += 1
        case .pageUp: v.cursor -= 10
        case .pageDown: v.cursor += 10
        case .top: v.cursor = 0
        case .bottom: v.cursor = count - 1
        case .open, .confirm: return openGrepSelection()
        default: return nil
        }
        v.cursor = min(max(0, v.cursor), max(0, count - 1))
        overlay = .grep(v)
        return []
    }

    /// Enter: closes the overlay, shows the match's worker and scrolls its
    /// transcript to the entry (loading older pages when it is not loaded).
    mutating func openGrepSelection() -> [Effect] {
        guard case .grep(let v) = overlay, let match = v.selected else { return [] }
        guard worker(match.key) != nil else {
            return flash(.error, "\(match.key.workerId) is no longer listed")
        }
        overlay = nil
        runtimeCursor = 0
        workerFilter = ""
        if let i = visibleWorkers.firstIndex(where: { $0.key == match.key }) { workerCursor = i }
        var effects = open(match.key)
        focus = .transcript
        transcripts[match.key]?.revealSequence = match.sequence
        transcripts[match.key]?.revealPagesLeft = Self.revealPageBudget
        if transcripts[match.key]?.pendingStart == nil { effects += continueReveal(match.key) }
        return effects
    }

    /// Shows the entry `revealSequence` once the window holds it: selected,
    /// scrolled into view. Until then asks for the page before the window.
    mutating func continueReveal(_ key: WorkerKey) -> [Effect] {
        guard var t = transcripts[key], let target = t.revealSequence, t.pendingStart == nil else { return [] }
        if let index = t.items.firstIndex(where: { $0.sequence == target }) {
            t.revealSequence = nil
            t.selected = target
            t.following = false
            transcripts[key] = t
            return key == openWorker ? scrollEntryIntoView(index) : []
        }
        let older = target <= t.windowStart
        t.revealPagesLeft -= 1
        guard older, t.hasOlder, t.revealPagesLeft >= 0 else {
            t.revealSequence = nil
            transcripts[key] = t
            return flash(.info, older ? "entry \(target) is further back than one jump loads; scroll up to reach it"
                                      : "entry \(target) is not in the transcript any more")
        }
        let effects = requestOlderPage(&t, key)
        transcripts[key] = t
        return effects
    }
}
