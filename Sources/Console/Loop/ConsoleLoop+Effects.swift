import Registry

/// Running effects: registry calls as tasks whose results come back through
/// the inbox as actions; terminal and theme effects directly on the UI thread.
extension ConsoleLoop {
    func run(_ effect: Effect) {
        let backend = self.backend
        switch effect {
        case .loadRuntimes:
            spawn("list runtimes") { () async throws(ConsoleFailure) -> Action in .runtimesLoaded(try await backend.runtimes()) }
        case .loadWorkers:
            spawn("list workers") { () async throws(ConsoleFailure) -> Action in .workersLoaded(try await backend.workers()) }
        case .loadTranscriptPage(let key, let start, let limit):
            spawn("read the transcript") { () async throws(ConsoleFailure) -> Action in
                let page = try await backend.transcript(key, start: start, limit: limit)
                return .transcriptPageLoaded(key, start: start, total: page.total, items: page.items)
            }
        case .sendInput(let key, let text):
            let inbox = self.inbox
            Task {
                do throws(ConsoleFailure) {
                    try await backend.send(key, text: text)
                    inbox.post(.inputAccepted(key))
                } catch {
                    inbox.post(.sendFailed(key, text: text, message: "could not send: \(error.message); the text is back in the composer"))
                }
            }
        case .interrupt(let key):
            lifecycle(.interrupt, key) { (k: WorkerKey) async throws(ConsoleFailure) -> Void in try await backend.interrupt(k) }
        case .stop(let key):
            lifecycle(.stop, key) { (k: WorkerKey) async throws(ConsoleFailure) -> Void in try await backend.stop(k) }
        case .cancel(let key):
            lifecycle(.cancel, key) { (k: WorkerKey) async throws(ConsoleFailure) -> Void in try await backend.cancel(k) }
        case .reconnect(let key):
            lifecycle(.reconnect, key) { (k: WorkerKey) async throws(ConsoleFailure) -> Void in try await backend.reconnect(k) }
        case .createWorker(let runtimeId, let request):
            let inbox = self.inbox
            Task {
                // The reason comes first (it names its fix), with nothing
                // before it, so a flash at 80 columns shows it whole.
                do throws(ConsoleFailure) { inbox.post(.workerCreated(try await backend.create(runtimeId: runtimeId, request))) }
                catch { inbox.post(.createFailed(message: error.message)) }
            }
        case .rename(let key, let label):
            spawn("rename the worker") { () async throws(ConsoleFailure) -> Action in
                .workerRenamed(try await backend.rename(key, label: label))
            }
        case .setArchived(let key, let archived):
            spawn(archived ? "archive the worker" : "unarchive the worker") { () async throws(ConsoleFailure) -> Action in
                .workerArchived(try await backend.setArchived(key, archived))
            }
        case .delete(let key):
            spawn("delete the worker") { () async throws(ConsoleFailure) -> Action in
                try await backend.delete(key)
                return .workerDeleted(key)
            }
        case .fork(let key, let entry):
            spawn("fork the worker") { () async throws(ConsoleFailure) -> Action in
                .workerForked(try await backend.fork(key, at: entry))
            }
        case .reconnectStale(let runtimeId):
            spawn("reconnect stale workers") { () async throws(ConsoleFailure) -> Action in
                .staleReconnected(try await backend.reconnectStale(runtimeId: runtimeId))
            }
        case .takeOver:
            spawn("take over") { () async throws(ConsoleFailure) -> Action in
                try await backend.takeOver()
                return .tookOver(try await backend.runtimes())
            }
        case .switchTheme(let name):
            guard let loaded = options.themeLoader.load(name) else {
                let names = options.themeLoader.available().joined(separator: ", ")
                dispatch(.operationFailed("theme", message: "no theme named \"\(name)\" (available: \(names))"))
                return
            }
            let (theme, problems) = loaded
            renderer.setTheme(options.noColor ? theme.monochrome : theme)
            dispatch(.themeSwitched(name))
            dispatch(.configProblemsFound(problems.map(\.description)))
        case .copyToClipboard(let text):
            terminal.copyToClipboard(text)
        case .watch(let key):
            watchTask?.cancel()
            watchTask = nil
            guard let key else { return }
            let inbox = self.inbox
            watchTask = Task.detached {
                for await action in await backend.watch(key) { inbox.post(action) }
            }
        case .refreshListAfter(let seconds):
            let inbox = self.inbox
            Task {
                try? await Task.sleep(for: .seconds(seconds))
                inbox.post(.listRefreshDue)
            }
        case .expireFlash(let id, let seconds):
            let inbox = self.inbox
            Task {
                try? await Task.sleep(for: .seconds(seconds))
                inbox.post(.flashExpired(id))
            }
        case .loadApproval(let key):
            spawn("read the pending call") { () async throws(ConsoleFailure) -> Action in
                .approvalLoaded(key, try await backend.pendingApproval(key))
            }
        case .answerApproval(let key, let callId, let tool, let decision):
            spawn("answer the pending call") { () async throws(ConsoleFailure) -> Action in
                switch try await backend.answerApproval(key, callId: callId, decision) {
                case .answered(let row): return .approvalAnswered(key, tool: tool, decision, worker: row)
                case .alreadyAnswered: return .approvalAlreadyAnswered(key)
                }
            }
        case .loadDiff(let key):
            let inbox = self.inbox
            Task {
                do throws(ConsoleFailure) { inbox.post(.diffLoaded(key, try await backend.workdirDiff(key))) }
                catch { inbox.post(.diffFailed(key, message: error.message)) }
            }
        case .search(let text):
            let inbox = self.inbox
            Task {
                do throws(ConsoleFailure) {
                    inbox.post(.searchLoaded(query: text, try await backend.search(text, limit: AppState.grepLimit)))
                } catch { inbox.post(.searchFailed(query: text, message: error.message)) }
            }
        case .notify(let notice):
            events.emit("notify", ["worker": .text(notice.label), "status": .text(notice.event.rawValue)])
            if let problem = notifier.notify(notice, write: NcursesTerminal.writeRaw) {
                dispatch(.operationFailed("notify", message: problem))
            }
        case .quit:
            state.quitting = true
        }
    }

    /// Runs `body` as a task and posts its action, or `operationFailed`.
    private func spawn(_ what: String, _ body: @escaping @Sendable () async throws(ConsoleFailure) -> Action) {
        let inbox = self.inbox
        Task {
            do throws(ConsoleFailure) { inbox.post(try await body()) } catch { inbox.post(.operationFailed(what, message: "could not \(what): \(error.message)")) }
        }
    }

    /// A lifecycle operation, then a fresh worker list so the change shows
    /// even if no live event reports it; the reducer confirms it.
    private func lifecycle(_ operation: WorkerTarget.Operation, _ key: WorkerKey,
                           _ body: @escaping @Sendable (WorkerKey) async throws(ConsoleFailure) -> Void) {
        let backend = self.backend
        spawn(operation.rawValue) { () async throws(ConsoleFailure) -> Action in
            try await body(key)
            return .lifecycleCompleted(operation, key, workers: try await backend.workers())
        }
    }
}
