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
            spawn("send input") { () async throws(ConsoleFailure) -> Action in
                try await backend.send(key, text: text)
                return .inputAccepted(key)
            }
        case .interrupt(let key):
            lifecycle("interrupt", key) { (k: WorkerKey) async throws(ConsoleFailure) -> Void in try await backend.interrupt(k) }
        case .stop(let key):
            lifecycle("stop", key) { (k: WorkerKey) async throws(ConsoleFailure) -> Void in try await backend.stop(k) }
        case .cancel(let key):
            lifecycle("cancel", key) { (k: WorkerKey) async throws(ConsoleFailure) -> Void in try await backend.cancel(k) }
        case .reconnect(let key):
            lifecycle("reconnect", key) { (k: WorkerKey) async throws(ConsoleFailure) -> Void in try await backend.reconnect(k) }
        case .createWorker(let runtimeId, let request):
            spawn("create a worker") { () async throws(ConsoleFailure) -> Action in
                .workerCreated(try await backend.create(runtimeId: runtimeId, request))
            }
        case .takeOver:
            spawn("take over") { () async throws(ConsoleFailure) -> Action in
                try await backend.takeOver()
                return .runtimesLoaded(try await backend.runtimes())
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
        case .expireToast(let id, let seconds):
            let inbox = self.inbox
            Task {
                try? await Task.sleep(for: .seconds(seconds))
                inbox.post(.toastExpired(id))
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
    /// even if no live event reports it.
    private func lifecycle(_ what: String, _ key: WorkerKey,
                           _ body: @escaping @Sendable (WorkerKey) async throws(ConsoleFailure) -> Void) {
        let backend = self.backend
        spawn(what) { () async throws(ConsoleFailure) -> Action in
            try await body(key)
            return .workersLoaded(try await backend.workers())
        }
    }
}
