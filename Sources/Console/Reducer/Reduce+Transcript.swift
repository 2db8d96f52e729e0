import Registry

extension AppState {
    /// The open worker's transcript state, if loaded.
    var openTranscript: TranscriptState? { openWorker.flatMap { transcripts[$0] } }

    mutating func setOpenTranscript(_ change: (inout TranscriptState) -> Void) {
        guard let key = openWorker, var t = transcripts[key] else { return }
        change(&t)
        transcripts[key] = t
    }

    /// Rows of each loaded item at the transcript width, oldest first.
    /// Memoised per item in `t` (reset when the width changes), so paging
    /// through a long transcript lays each entry out once.
    func itemRowCounts(_ t: inout TranscriptState) -> [Int] {
        let width = transcriptWidth
        if t.rowCountsWidth != width {
            t.rowCounts = [:]
            t.rowCountsWidth = width
        }
        let items = t.items
        var counts: [Int] = []
        counts.reserveCapacity(items.count)
        for item in items {
            if let n = t.rowCounts[item.sequence] { counts.append(n); continue }
            let n = TranscriptLayout.lines(item, width: width, offsetSeconds: clockOffsetSeconds,
                                           expanded: t.expanded.contains(item.sequence)).count
            t.rowCounts[item.sequence] = n
            counts.append(n)
        }
        return counts
    }

    /// Scrolls up (positive) or down (negative) by rows. Scrolling up stops
    /// following; reaching the bottom resumes it. Near the top of the loaded
    /// window, the previous page is requested.
    mutating func scroll(by rows: Int) -> [Effect] {
        guard let key = openWorker, var t = transcripts[key] else { return [] }
        let total = itemRowCounts(&t).reduce(0, +)
        let maxScroll = max(0, total - transcriptRows)
        t.scrollFromBottom = min(maxScroll, max(0, t.scrollFromBottom + rows))
        if t.scrollFromBottom == 0 {
            t.following = true
            t.newWhileScrolled = 0
        } else {
            t.following = false
        }
        var effects: [Effect] = []
        if t.scrollFromBottom + 2 * transcriptRows >= total { effects = requestOlderPage(&t, key) }
        transcripts[key] = t
        return effects
    }

    mutating func scrollToTop() -> [Effect] {
        scroll(by: Int.max / 4)
    }

    mutating func followBottom() {
        setOpenTranscript {
            $0.following = true
            $0.scrollFromBottom = 0
            $0.newWhileScrolled = 0
        }
    }

    mutating func clampScroll() {
        guard let key = openWorker, var t = transcripts[key], t.scrollFromBottom > 0 else { return }
        let limit = max(0, itemRowCounts(&t).reduce(0, +) - transcriptRows)
        t.scrollFromBottom = min(t.scrollFromBottom, limit)
        transcripts[key] = t
    }

    /// A new width lays the streaming replies' completed lines out again,
    /// once, rather than on every frame until their next line completes.
    mutating func relayoutStreaming() {
        let width = transcriptWidth
        for (key, t) in transcripts where t.streamingTurn != nil && t.streamingLayout.width != width {
            transcripts[key]?.streamingLayout.advance(t.streamingText, width: width)
        }
    }

    /// Sequences of loaded items matching the search, newest first.
    func searchMatches(_ t: TranscriptState) -> [Int] {
        guard let q = t.search?.lowercased(), !q.isEmpty else { return [] }
        return t.items.reversed().filter { $0.content.lowercased().contains(q) }.map(\.sequence)
    }

    /// Moves to the next (`1`, older) or previous (`-1`, newer) match, or
    /// shows the current one (`0`), scrolling its first row into view.
    mutating func jumpToMatch(_ step: Int) -> [Effect] {
        guard let key = openWorker, var t = transcripts[key] else { return [] }
        let matches = searchMatches(t)
        // Past the oldest loaded match (or none loaded): look in older pages.
        let exhausted = matches.isEmpty || (step == 1 && t.searchMatch + 1 >= matches.count)
        if exhausted, step >= 0, t.hasOlder, t.search?.isEmpty == false {
            t.searchOlderThan = t.items.first?.sequence ?? (t.windowStart + 1)
            t.searchPagesLeft = Self.searchPageBudget
            let effects = requestOlderPage(&t, key)
            transcripts[key] = t
            return effects + flash(.info, "searching older entries…")
        }
        guard !matches.isEmpty else {
            return t.search.map { flash(.info, "no match for \"\($0)\" in the transcript") } ?? []
        }
        t.searchMatch = ((t.searchMatch + step) % matches.count + matches.count) % matches.count
        let target = matches[t.searchMatch]
        guard let index = t.items.firstIndex(where: { $0.sequence == target }) else { return [] }
        t.selected = target
        transcripts[key] = t
        return scrollEntryIntoView(index)
    }

    /// Pages one search step may load before it asks the operator to go on
    /// (`n` continues): bounds what a search pulls into memory at once.
    static let searchPageBudget = 16

    /// Asks for the page before the loaded window, unless one is in flight.
    func requestOlderPage(_ t: inout TranscriptState, _ key: WorkerKey) -> [Effect] {
        guard t.hasOlder, t.pendingStart == nil else { return [] }
        let start = max(0, t.windowStart - pageSize)
        t.pendingStart = start
        return [.loadTranscriptPage(key, start: start, limit: t.windowStart - start)]
    }

    /// After an older page arrived for a search: jump to the newest match
    /// older than what was searched, or keep paging within the budget.
    mutating func continueSearch(_ key: WorkerKey) -> [Effect] {
        guard var t = transcripts[key], let boundary = t.searchOlderThan, t.pendingStart == nil else { return [] }
        let matches = searchMatches(t)
        if let index = matches.firstIndex(where: { $0 < boundary }) {
            t.searchOlderThan = nil
            t.searchMatch = index
            transcripts[key] = t
            return key == openWorker ? jumpToMatch(0) : []
        }
        t.searchPagesLeft -= 1
        if t.hasOlder, t.searchPagesLeft > 0 {
            t.searchOlderThan = t.items.first?.sequence ?? boundary
            let effects = requestOlderPage(&t, key)
            transcripts[key] = t
            return effects
        }
        t.searchOlderThan = nil
        transcripts[key] = t
        let query = t.search ?? ""
        if t.hasOlder { return flash(.info, "no match for \"\(query)\" in the last \(t.items.count) entries; n searches further") }
        return flash(.info, matches.isEmpty ? "no match for \"\(query)\" in the transcript" : "no older match for \"\(query)\"")
    }

    /// Moves the entry selection one entry older (-1) or newer (1). With
    /// none selected it starts at the entry at the bottom of the view;
    /// moving past the newest clears it and follows again.
    mutating func selectEntry(_ step: Int) -> [Effect] {
        guard let key = openWorker, var t = transcripts[key], !t.items.isEmpty else { return [] }
        let counts = itemRowCounts(&t)
        let current: Int
        if let s = t.selected, let i = t.items.firstIndex(where: { $0.sequence == s }) {
            current = i + step
        } else {
            // The entry showing at the bottom of the view.
            var below = 0
            var i = t.items.count - 1
            while i > 0, below + counts[i] <= t.scrollFromBottom { below += counts[i]; i -= 1 }
            current = step < 0 ? i : min(i + step, t.items.count)
        }
        if current >= t.items.count {
            t.selected = nil
            transcripts[key] = t
            followBottom()
            return []
        }
        let index = max(0, current)
        t.selected = t.items[index].sequence
        transcripts[key] = t
        return scrollEntryIntoView(index)
    }

    /// Scrolls the least that shows the top of the entry at `index` (and
    /// all of it when it fits); near the top of the window, older entries
    /// are paged in.
    mutating func scrollEntryIntoView(_ index: Int) -> [Effect] {
        guard let key = openWorker, var t = transcripts[key], t.items.indices.contains(index) else { return [] }
        let counts = itemRowCounts(&t)
        let top = counts[index...].reduce(0, +)   // rows from the entry's first row to the bottom
        let bottom = top - counts[index]          // rows below the entry
        var wanted = t.scrollFromBottom
        if top > wanted + transcriptRows { wanted = top - transcriptRows }
        if bottom < wanted { wanted = counts[index] > transcriptRows ? top - transcriptRows : bottom }
        transcripts[key] = t
        return scroll(by: wanted - t.scrollFromBottom)
    }
}
