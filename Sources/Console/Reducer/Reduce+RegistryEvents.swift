import Registry

extension AppState {
    mutating func handleRegistry(_ action: Action) -> [Effect] {
        switch action {
        case .runtimesLoaded(let rows):
            runtimes = rows
            clampCursors()
            var effects = showCursorWorkerIfNone()
            if !listRefreshScheduled, rows.contains(where: \.needsPolling) {
                listRefreshScheduled = true
                effects.append(.refreshListAfter(seconds: Self.listRefreshSeconds))
            }
            return effects
        case .workersLoaded(let rows):
            return replaceWorkers(rows)
        case .runtimeChanged:
            return [.loadRuntimes, .loadWorkers]
        case .workerChanged(let row):
            return workerChanged(row)
        case .workerCreated(let row):
            // Whatever the list update asks for (it may already open the
            // new worker and request its page) is kept, not dropped.
            var effects = workerChanged(row)
            runtimeCursor = 0
            workerFilter = ""
            pendingCreate = nil
            if let i = visibleWorkers.firstIndex(where: { $0.key == row.key }) { workerCursor = i }
            effects += open(row.key)
            focus = .composer
            overlay = nil
            effects += flash(.info, "created \(row.displayName)")
            return effects
        case .createFailed(let message):
            // The dialog comes back with everything typed, saying why.
            if overlay == nil, var form = pendingCreate {
                form.problem = message
                overlay = .create(form)
            }
            pendingCreate = nil
            return flash(.error, message)
        case .inputAccepted(let key):
            composers[key]?.awaitingAccept = false
            return drainQueues()
        case .sendFailed(let key, let text, let message):
            // The text goes back to the composer (or stays in its history
            // when a new draft was started meanwhile): nothing typed is lost.
            var c = composers[key, default: ComposerState()]
            c.awaitingAccept = false
            if c.text.isEmpty { c.replaceText(text) }
            composers[key] = c
            return flash(.error, message)
        case .lifecycleCompleted(let operation, let key, let rows):
            let name = worker(key)?.displayName ?? key.workerId
            var effects = replaceWorkers(rows)
            let done: String
            switch operation {
            case .interrupt: done = "interrupted"
            case .stop: done = "stopped"
            case .cancel: done = "cancelled"
            case .reconnect: done = "reconnected"
            }
            effects += flash(.info, "\(done) \(name)")
            return effects
        case .workerArchived(let row):
            return workerArchiveChanged(row)
        case .workerDeleted(let key):
            return workerDeleted(key)
        case .workerRemoved(let key):
            return workerRemoved(key)
        case .workerForked(let row):
            return workerForked(row)
        case .workerRenamed(let row):
            return workerChanged(row) + flash(.info, "renamed \(row.key.workerId) to \(row.displayName)")
        case .staleReconnected(let reports):
            // Said only when there was something to reconnect.
            let failed = reports.flatMap(\.failed)
            let done = reports.flatMap(\.reconnected)
            guard !failed.isEmpty || !done.isEmpty else { return [.loadWorkers] }
            let merged = ReconnectReport(runtimeId: "", reconnected: done, failed: failed)
            return [.loadWorkers] + flash(failed.isEmpty ? .info : .error, Sanitiser.cleanLine(merged.summary))
        case .tookOver(let rows):
            runtimes = rows
            clampCursors()
            return flash(.info, isObserver ? "some runtimes are still owned by another console" : "this console now owns the workspace")
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
            if t.revealSequence != nil { return continueReveal(key) }
            return t.searchOlderThan == nil ? [] : continueSearch(key)
        case .turnStarted(let key, let turn):
            return changeAtBottom(key) { t in
                t.streamingTurn = turn
                t.streamingText = ""
                return []
            }
        case .turnDeltaArrived(let key, let turn, let text):
            let width = transcriptWidth
            return changeAtBottom(key) { t in
                if t.streamingTurn == nil { t.streamingTurn = turn }
                guard t.streamingTurn == turn else { return [] } // a stale turn's delta
                t.streamingText += text
                // Only a delta that completes a line (or a new width) changes the cached rows.
                if t.streamingLayout.width != width || text.utf8.contains(0x0A) {
                    t.streamingLayout.advance(t.streamingText, width: width)
                }
                return []
            }
        case .turnTextSoFar(let key, let turn, let text):
            let width = transcriptWidth
            return changeAtBottom(key) { t in
                t.streamingTurn = turn
                t.streamingText = "" // a fresh layout: the text is replaced, not extended
                t.streamingText = text
                t.streamingRowsStamp = -1
                t.streamingLayout.advance(t.streamingText, width: width)
                return []
            }
        case .entryCommitted(let key, let item):
            return entryCommitted(key, item)
        case .approvalLoaded(let key, let row):
            return approvalLoaded(key, row)
        case .approvalAnswered(let key, let tool, let decision, let row):
            return approvalAnswered(key, tool: tool, decision, worker: row)
        case .approvalAlreadyAnswered(let key):
            return approvalAlreadyAnswered(key)
        case .diffLoaded(let key, let text):
            return diffLoaded(key, text)
        case .diffFailed(let key, let message):
            return diffFailed(key, message: message)
        case .searchLoaded(let query, let matches):
            return searchLoaded(query, matches)
        case .searchFailed(let query, let message):
            return searchFailed(query, message: message)
        case .turnEnded(let key, let turn, let outcome):
            let notices = notice(turnEnded: key, outcome).map { [Effect.notify($0)] } ?? []
            return notices + changeAtBottom(key) { t in
                if t.streamingTurn == turn {
                    t.streamingTurn = nil
                    t.streamingText = ""
                }
                return []
            }
        default:
            return []
        }
    }

    /// A fresh worker list: the cursor stays on its worker, the shown worker
    /// follows the cursor when none is shown, and idle workers get their
    /// queued input.
    mutating func replaceWorkers(_ rows: [WorkerRow]) -> [Effect] {
        let selected = selectedWorker?.key
        workers = rows
        if let selected, let i = visibleWorkers.firstIndex(where: { $0.key == selected }) { workerCursor = i }
        clampCursors()
        var effects = showCursorWorkerIfNone() + drainQueues()
        if case .approval(let r) = overlay, let w = worker(r.worker) { effects += closeReviewIfAnswered(w) }
        return effects
    }

    /// At start (and when the shown worker went away), show the cursor's worker.
    /// A worker missing from a list only because its runtime cannot answer
    /// now (an owner going away, a remote host down) stays shown with the
    /// focus where it was: keys typed for the composer must not land in a
    /// list as commands because of something that happened elsewhere.
    mutating func showCursorWorkerIfNone() -> [Effect] {
        if let key = openWorker, worker(key) != nil { return [] }
        if let key = openWorker, runtimes.contains(where: { $0.id == key.runtimeId }) { return [] }
        if openWorker != nil { openWorker = nil; if focus == .composer || focus == .transcript { focus = .workers } }
        return showCursorWorker()
    }

    mutating func workerChanged(_ row: WorkerRow) -> [Effect] {
        // A legacy transcript that shrank was rewritten at its source (a
        // segment reset): drop what is loaded and read it again. (An embedded
        // transcript only grows; a shorter row is just an older one.)
        var effects: [Effect] = []
        if row.isLocal, let t = transcripts[row.key], row.transcriptLength < t.total {
            transcripts[row.key] = nil
            if openWorker == row.key {
                let start = max(0, row.transcriptLength - pageSize)
                transcripts[row.key] = TranscriptState(pendingStart: start)
                effects.append(.loadTranscriptPage(row.key, start: start, limit: pageSize))
            }
        }
        // Not busy while its turn still streams here: that turn ended out of
        // sight (its owner died; the new owner restored it as interrupted).
        // Re-read the newest page, which says so, instead of a reply that
        // never ends.
        if !row.isBusy, let t = transcripts[row.key], t.streamingTurn != nil {
            transcripts[row.key] = nil
            if openWorker == row.key {
                let start = max(0, row.transcriptLength - pageSize)
                transcripts[row.key] = TranscriptState(pendingStart: start)
                effects.append(.loadTranscriptPage(row.key, start: start, limit: pageSize))
            }
        }
        if let notice = notice(from: worker(row.key), to: row) { effects.append(.notify(notice)) }
        let selected = selectedWorker?.key
        if let i = workers.firstIndex(where: { $0.key == row.key }) { workers[i] = row } else { workers.append(row) }
        if let selected, let i = visibleWorkers.firstIndex(where: { $0.key == selected }) { workerCursor = i }
        clampCursors()
        // A queued input goes out once the worker is idle again.
        return effects + closeReviewIfAnswered(row) + showCursorWorkerIfNone() + drainQueues()
    }

    mutating func entryCommitted(_ key: WorkerKey, _ item: TranscriptRow) -> [Effect] {
        if item.role == .assistant, key != openWorker { unread.insert(key) }
        let pageSize = self.pageSize
        return changeAtBottom(key) { t in
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
            if item.role == .assistant || item.kind == .error {
                t.streamingTurn = nil
                t.streamingText = ""
            }
            return effects
        }
    }

    /// Applies a change at the bottom of a transcript. While scrolled up,
    /// the rows it adds (or removes) below the view are added to the
    /// scroll offset, so the rows on screen stay where they are.
    /// The transcript is changed in place (or taken out while changed), never
    /// through a second copy: appending a delta to a shared streaming text
    /// would copy all of it, a cost growing with the reply.
    mutating func changeAtBottom(_ key: WorkerKey, _ change: (inout TranscriptState) -> [Effect]) -> [Effect] {
        guard let following = transcripts[key]?.following else { return [] }
        if following { return change(&transcripts[key]!) }
        guard var t = transcripts.removeValue(forKey: key) else { return [] }
        let before = rowsBelowTop(&t)
        let effects = change(&t)
        let after = rowsBelowTop(&t)
        t.scrollFromBottom = max(0, t.scrollFromBottom + after - before)
        transcripts[key] = t
        return effects
    }

    /// Rows of the loaded window plus the streaming block at the current width.
    func rowsBelowTop(_ t: inout TranscriptState) -> Int {
        itemRowCounts(&t).reduce(0, +) + streamingRowCount(&t)
    }

    /// Rows of the streaming block, memoised by its text length and width.
    func streamingRowCount(_ t: inout TranscriptState) -> Int {
        guard t.streamingTurn != nil else { return 0 }
        let width = transcriptWidth
        let stamp = t.streamingText.utf8.count &* 31 &+ width
        if t.streamingRowsStamp == stamp { return t.streamingRows }
        t.streamingLayout.advance(t.streamingText, width: width)
        t.streamingRows = t.streamingLayout.lines(t.streamingText, width: width, limit: 0).total
        t.streamingRowsStamp = stamp
        return t.streamingRows
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
