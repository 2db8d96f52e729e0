import Registry

/// The console's only state transition: pure, no I/O, no clock.
/// Returns the effects the loop must run, in order.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .launched:
        return [.loadRuntimes, .loadWorkers] + (state.reconnectOnStart ? [.reconnectStale(runtimeId: nil)] : [])
    case .keyPressed(let chord):
        // The next action clears the flash line; what it reports replaces it.
        state.flash = nil
        return state.handleKey(chord)
    case .pasted(let text):
        state.flash = nil
        return state.handlePaste(text)
    case .inputBurstEnded:
        state.confirmArmed = true
        return []
    case .terminalResized(let size):
        state.viewport = size
        state.relayoutStreaming()
        state.clampScroll()
        return []
    case .terminationRequested:
        state.quitting = true
        return [.quit]
    case .spinnerTicked:
        if state.needsAnimation { state.spinnerPhase = (state.spinnerPhase + 1) % 10 }
        return []
    case .listRefreshDue:
        // Only while a source that cannot push is there to be re-read.
        guard state.runtimes.contains(where: \.needsPolling) else {
            state.listRefreshScheduled = false
            return []
        }
        return [.loadWorkers, .refreshListAfter(seconds: AppState.listRefreshSeconds)]
    case .flashExpired(let id):
        if state.flash?.id == id { state.flash = nil }
        return []
    case .operationFailed(_, let message):
        return state.flash(.error, message)
    case .noticePosted(let message):
        return state.flash(.info, message)
    case .configProblemsFound(let problems):
        guard !problems.isEmpty else { return [] }
        state.consoleDiagnostics += problems.map {
            DiagnosticRow(code: "console_config", severity: "warning", message: $0, implementationKind: "console")
        }
        let n = problems.count
        return state.flash(.error, "\(n) configuration problem\(n == 1 ? "" : "s"): \(problems[0])\(n > 1 ? " (d for all)" : "")")
    case .themeSwitched(let name):
        state.themeName = name
        return state.flash(.info, "theme \(name)")
    default:
        return state.handleRegistry(action)
    }
}

extension AppState {
    /// Shows `message` on the flash line (newest wins), keeps it for
    /// `:messages`, and asks the loop to clear it after a few seconds.
    mutating func flash(_ level: Flash.Level, _ message: String) -> [Effect] {
        let item = Flash(id: nextFlashId, level: level, message: message)
        nextFlashId += 1
        flash = item
        messages.append(item)
        if messages.count > Self.messageLimit { messages.removeFirst(messages.count - Self.messageLimit) }
        return [.expireFlash(item.id, afterSeconds: level == .error ? 10 : 5)]
    }

    /// Opens a confirmation. Keys from the burst that opened it are ignored.
    mutating func askToConfirm(_ kind: ConfirmKind) {
        overlay = .confirm(kind)
        confirmArmed = false
    }

    /// Body rows of the transcript pane at the current viewport.
    var transcriptRows: Int { max(1, Layout(self, size: viewport).transcriptBody.height) }
    var transcriptWidth: Int { max(1, Layout(self, size: viewport).transcriptBody.width) }
    /// Rows of the workers list at the current viewport.
    var workerListRows: Int { max(1, Layout(self, size: viewport).workers.height - 2) }

    /// Keeps the cursors inside the lists after they changed.
    mutating func clampCursors() {
        runtimeCursor = min(max(0, runtimeCursor), runtimes.count)
        let count = visibleWorkers.count
        workerCursor = count == 0 ? 0 : min(max(0, workerCursor), count - 1)
    }

    /// The list cursor is the worker: shows the worker under the cursor
    /// (when the list has one and it is not shown already).
    mutating func showCursorWorker() -> [Effect] {
        guard let w = selectedWorker, w.key != openWorker else { return [] }
        return open(w.key)
    }

    /// Opens `key` in the transcript pane, loading its newest page if needed.
    /// A local compatibility worker is followed while it is shown (its
    /// source polls its files only then).
    mutating func open(_ key: WorkerKey) -> [Effect] {
        let wasWatched = openWorker.flatMap(worker)?.isLocal == true
        openWorker = key
        unread.remove(key)
        var effects: [Effect] = []
        if worker(key)?.isLocal == true {
            effects.append(.watch(key))
        } else if wasWatched {
            effects.append(.watch(nil))
        }
        if transcripts[key] == nil {
            transcripts[key] = TranscriptState()
            let total = worker(key)?.transcriptLength ?? 0
            let start = max(0, total - pageSize)
            transcripts[key]?.pendingStart = start
            effects.append(.loadTranscriptPage(key, start: start, limit: pageSize))
        }
        return effects
    }

    /// Seconds between re-reads of lists whose source does not push
    /// changes (new legacy workers appear within this).
    static let listRefreshSeconds = 5
}
