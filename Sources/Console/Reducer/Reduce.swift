import Registry

/// The console's only state transition: pure, no I/O, no clock.
/// Returns the effects the loop must run, in order.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .launched:
        return [.loadRuntimes, .loadWorkers]
    case .keyPressed(let chord):
        return state.handleKey(chord)
    case .pasted(let text):
        return state.handlePaste(text)
    case .terminalResized(let size):
        state.viewport = size
        state.clampScroll()
        return []
    case .terminationRequested:
        state.quitting = true
        return [.quit]
    case .spinnerTicked:
        if state.needsAnimation { state.spinnerPhase = (state.spinnerPhase + 1) % 10 }
        return []
    case .toastExpired(let id):
        state.toasts.removeAll { $0.id == id }
        return []
    case .operationFailed(_, let message):
        return state.toast(.error, message)
    case .noticePosted(let message):
        return state.toast(.info, message)
    case .configProblemsFound(let problems):
        guard !problems.isEmpty else { return [] }
        state.consoleDiagnostics += problems.map {
            DiagnosticRow(code: "console_config", severity: "warning", message: $0, implementationKind: "console")
        }
        let n = problems.count
        return state.toast(.error, "\(n) configuration problem\(n == 1 ? "" : "s"): \(problems[0])\(n > 1 ? " (d for all)" : "")")
    case .themeSwitched(let name):
        state.themeName = name
        return state.toast(.info, "theme \(name)")
    default:
        return state.handleRegistry(action)
    }
}

extension AppState {
    /// Posts a toast and asks the loop to expire it later.
    mutating func toast(_ level: Toast.Level, _ message: String) -> [Effect] {
        let id = nextToastId
        nextToastId += 1
        toasts.append(Toast(id: id, level: level, message: message))
        if toasts.count > 3 { toasts.removeFirst(toasts.count - 3) }
        return [.expireToast(id, afterSeconds: level == .error ? 8 : 4)]
    }

    /// Body rows of the transcript pane at the current viewport.
    var transcriptRows: Int { max(1, Layout(self, size: viewport).transcriptBody.height) }
    var transcriptWidth: Int { max(1, Layout(self, size: viewport).transcriptBody.width) }

    /// Keeps the cursors inside the lists after they changed.
    mutating func clampCursors() {
        runtimeCursor = min(max(0, runtimeCursor), runtimes.count)
        let count = visibleWorkers.count
        workerCursor = count == 0 ? 0 : min(max(0, workerCursor), count - 1)
    }

    /// Opens `key` in the transcript pane, loading its newest page if needed.
    mutating func open(_ key: WorkerKey) -> [Effect] {
        openWorker = key
        unread.remove(key)
        if transcripts[key] == nil {
            transcripts[key] = TranscriptState()
            let total = worker(key)?.transcriptLength ?? 0
            let start = max(0, total - pageSize)
            transcripts[key]?.pendingStart = start
            return [.loadTranscriptPage(key, start: start, limit: pageSize)]
        }
        return []
    }
}
