import Registry

extension AppState {
    mutating func handleRegistry(_ action: Action) -> [Effect] {
        switch action {
        case .runtimesLoaded(let rows):
            runtimes = rows
            clampCursors()
            return []
        case .workersLoaded(let rows):
            let selected = selectedWorker?.key
            workers = rows
            if let selected, let i = visibleWorkers.firstIndex(where: { $0.key == selected }) { workerCursor = i }
            clampCursors()
            return []
        case .runtimeChanged(let row):
            if let i = runtimes.firstIndex(where: { $0.id == row.id }) { runtimes[i] = row } else { runtimes.append(row) }
            clampCursors()
            return []
        case .workerChanged(let row):
            return workerChanged(row)
        case .workerCreated(let row):
            _ = workerChanged(row)
            runtimeCursor = 0
            workerFilter = ""
            if let i = visibleWorkers.firstIndex(where: { $0.key == row.key }) { workerCursor = i }
            var effects = open(row.key)
            focus = .composer
            overlay = nil
            effects += toast(.info, "created \(row.displayName)")
            return effects
        case .inputAccepted:
            return []
        case .transcriptPageLoaded(let key, let start, let total, let items):
            guard var t = transcripts[key] else { return [] }
            if items.isEmpty, total > 0, start >= total, t.items.isEmpty {
                // The worker row was older than the transcript: ask for the real tail.
                let tail = max(0, total - pageSize)
                t.total = total
                t.pendingStart = tail
                transcripts[key] = t
                return [.loadTranscriptPage(key, start: tail, limit: pageSize)]
            }
            t.merge(start: start, total: total, items: items)
            transcripts[key] = t
            return t.searchOlderThan == nil ? [] : continueSearch(key)
        case .turnStarted(let key, let turn):
            guard transcripts[key] != nil else { return [] }
            transcripts[key]?.streamingTurn = turn
            transcripts[key]?.streamingText = ""
            return []
        case .turnDeltaArrived(let key, let turn, let text):
            guard var t = transcripts[key] else { return [] }
            if t.streamingTurn == nil { t.streamingTurn = turn }
            guard t.streamingTurn == turn else { return [] } // a stale turn's delta
            t.streamingText += text
            transcripts[key] = t
            return []
        case .entryCommitted(let key, let item):
            return entryCommitted(key, item)
        case .turnEnded(let key, let turn, _):
            if transcripts[key]?.streamingTurn == turn {
                transcripts[key]?.streamingTurn = nil
                transcripts[key]?.streamingText = ""
            }
            return []
        default:
            return []
        }
    }

    mutating func workerChanged(_ row: WorkerRow) -> [Effect] {
        let selected = selectedWorker?.key
        if let i = workers.firstIndex(where: { $0.key == row.key }) { workers[i] = row } else { workers.append(row) }
        if let selected, let i = visibleWorkers.firstIndex(where: { $0.key == selected }) { workerCursor = i }
        clampCursors()
        // A queued input goes out once the worker is idle again.
        if row.status == "idle", var c = composers[row.key], !c.queued.isEmpty {
            let next = c.queued.removeFirst()
            composers[row.key] = c
            return [.sendInput(row.key, next)]
        }
        return []
    }

    mutating func entryCommitted(_ key: WorkerKey, _ item: TranscriptRow) -> [Effect] {
        if item.role == "assistant", key != openWorker { unread.insert(key) }
        guard var t = transcripts[key] else { return [] }
        let next = t.windowStart + t.items.count + 1
        var effects: [Effect] = []
        if item.sequence == next {
            t.items.append(item)
            t.total = max(t.total, item.sequence)
            if !t.following { t.newWhileScrolled += 1 }
        } else if item.sequence > next {
            // A gap: reload the newest page instead of showing a hole.
            t.total = max(t.total, item.sequence)
            let start = max(0, t.total - pageSize)
            if t.pendingStart == nil {
                t.pendingStart = start
                effects.append(.loadTranscriptPage(key, start: start, limit: pageSize))
            }
        }
        if item.role == "assistant" || item.kind == "error" {
            t.streamingTurn = nil
            t.streamingText = ""
        }
        transcripts[key] = t
        return effects
    }
}

extension TranscriptState {
    /// Merges a loaded page into the window: prepends older, appends newer,
    /// or replaces a disjoint window with the page.
    mutating func merge(start: Int, total: Int, items page: [TranscriptRow]) {
        if pendingStart == start { pendingStart = nil }
        self.total = max(self.total, total)
        let end = windowStart + items.count
        if items.isEmpty {
            windowStart = start
            items = page
        } else if start + page.count == windowStart {
            windowStart = start
            items = page + items
        } else if start == end {
            items += page
        } else if start < windowStart, start + page.count > windowStart {
            let overlap = start + page.count - windowStart
            windowStart = start
            items = Array(page.dropLast(overlap)) + items
        } else if start >= windowStart, start < end {
            let keep = start - windowStart
            items = Array(items.prefix(keep)) + page
        } else {
            windowStart = start
            items = page
        }
    }
}
