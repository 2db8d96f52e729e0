import Registry

/// `ConsoleBackend` over the `RuntimeRegistry`: the console's only path to
/// runtimes. Errors become one operator sentence (`RegistryError.message`,
/// which is path-free by construction), projections become sanitised rows.
public struct RegistryBackend: ConsoleBackend {
    public let registry: RuntimeRegistry
    private let live = LiveState()

    /// The live subscription of `events()` and the worker on screen, which
    /// may be set before the subscription exists (the loop subscribes in a
    /// task while the first worker opens).
    private final class LiveState: Sendable {
        struct Value {
            var shown: WorkerKey?
            var subscription: LiveSubscription?
        }
        let value = PthreadMutex(Value())
    }

    public init(registry: RuntimeRegistry) { self.registry = registry }

    static func failure(_ error: RegistryError) -> ConsoleFailure {
        ConsoleFailure(Sanitiser.cleanLine(error.message))
    }

    public func runtimes() async throws(ConsoleFailure) -> [RuntimeRow] {
        await registry.runtimes().map(RuntimeRow.init)
    }

    public func workers() async throws(ConsoleFailure) -> [WorkerRow] {
        do { return try await registry.workers().map(WorkerRow.init) } catch { throw Self.failure(error) }
    }

    public func transcript(_ key: WorkerKey, start: Int, limit: Int) async throws(ConsoleFailure) -> (total: Int, items: [TranscriptRow]) {
        do {
            let page = try await registry.transcript(key, start: start, limit: limit)
            return (page.totalItems, page.items.map(TranscriptRow.init))
        } catch { throw Self.failure(error) }
    }

    public func send(_ key: WorkerKey, text: String) async throws(ConsoleFailure) {
        do { _ = try await registry.sendInput(key, text: text) } catch { throw Self.failure(error) }
    }

    public func interrupt(_ key: WorkerKey) async throws(ConsoleFailure) {
        do { _ = try await registry.interrupt(key) } catch { throw Self.failure(error) }
    }

    public func stop(_ key: WorkerKey) async throws(ConsoleFailure) {
        do { _ = try await registry.stop(key) } catch { throw Self.failure(error) }
    }

    public func cancel(_ key: WorkerKey) async throws(ConsoleFailure) {
        do { _ = try await registry.cancel(key) } catch { throw Self.failure(error) }
    }

    public func reconnect(_ key: WorkerKey) async throws(ConsoleFailure) {
        do { _ = try await registry.reconnect(key) } catch { throw Self.failure(error) }
    }

    public func create(runtimeId: String, _ request: CreateWorkerRequest) async throws(ConsoleFailure) -> WorkerRow {
        do {
            return WorkerRow(try await registry.createWorker(runtime: runtimeId, request))
        } catch { throw Self.failure(error) }
    }

    public func rename(_ key: WorkerKey, label: String) async throws(ConsoleFailure) -> WorkerRow {
        do { return WorkerRow(try await registry.rename(key, label: label)) } catch { throw Self.failure(error) }
    }

    public func setArchived(_ key: WorkerKey, _ archived: Bool) async throws(ConsoleFailure) -> WorkerRow {
        do { return WorkerRow(try await registry.setArchived(key, archived)) } catch { throw Self.failure(error) }
    }

    public func delete(_ key: WorkerKey) async throws(ConsoleFailure) {
        do { _ = try await registry.delete(key) } catch { throw Self.failure(error) }
    }

    public func fork(_ key: WorkerKey, at entry: Int?) async throws(ConsoleFailure) -> WorkerRow {
        do { return WorkerRow(try await registry.fork(key, at: entry, label: nil)) } catch { throw Self.failure(error) }
    }

    /// Every runtime's matches, newest first across runtimes (a runtime
    /// that cannot search is left out by the registry).
    public func search(_ text: String, limit: Int) async throws(ConsoleFailure) -> [GrepMatch] {
        do {
            let matches = try await registry.searchAll(text, limit: limit).flatMap(\.matches)
            return matches.enumerated().sorted { a, b in
                switch (a.element.createdAt, b.element.createdAt) {
                case let (x?, y?) where x != y: x > y
                default: a.offset < b.offset
                }
            }.map { GrepMatch($0.element) }
        } catch { throw Self.failure(error) }
    }

    /// Takes over every runtime this console only observes.
    public func takeOver() async throws(ConsoleFailure) {
        for summary in await registry.runtimes() where summary.status == .readOnly {
            do { try await registry.takeover(runtime: summary.runtimeId) } catch { throw Self.failure(error) }
        }
    }

    public func reconnectStale(runtimeId: String?) async throws(ConsoleFailure) -> [ReconnectReport] {
        if let runtimeId {
            do { return [try await registry.reconnectStale(runtime: runtimeId)] } catch { throw Self.failure(error) }
        }
        var reports: [ReconnectReport] = []
        for summary in await registry.runtimes() where summary.status == .running {
            do {
                reports.append(try await registry.reconnectStale(runtime: summary.runtimeId))
            } catch {
                if case .unsupported = error { continue } // a source with nothing to reconnect
                throw Self.failure(error)
            }
        }
        return reports
    }

    public func pendingApproval(_ key: WorkerKey) async throws(ConsoleFailure) -> ApprovalRow? {
        do {
            return try await registry.approvals(runtime: key.runtimeId).first { $0.workerId == key.workerId }.map(ApprovalRow.init)
        } catch { throw Self.failure(error) }
    }

    public func answerApproval(_ key: WorkerKey, callId: String, _ decision: ApprovalDecision) async throws(ConsoleFailure) -> ApprovalOutcome {
        do {
            return .answered(WorkerRow(try await registry.answerApproval(key, callId: callId, decision)))
        } catch {
            if case .rejected(code: "approval_not_pending", _) = error { return .alreadyAnswered }
            throw Self.failure(error)
        }
    }

    /// Sanitising up to 2 MiB happens here, in the effect's task, not on
    /// the UI thread.
    public func workdirDiff(_ key: WorkerKey) async throws(ConsoleFailure) -> DiffText {
        do { return DiffText(try await registry.workdirDiff(key)) } catch { throw Self.failure(error) }
    }

    public func watch(_ key: WorkerKey) async -> AsyncStream<Action> {
        do throws(RegistryError) {
            return Self.actions(from: try await registry.observe(key))
        } catch {
            let failure = Action.operationFailed("watch", message: "cannot follow \(key.workerId): \(Sanitiser.cleanLine(error.message))")
            return AsyncStream { $0.yield(failure); $0.finish() }
        }
    }

    /// One relay from the runtime to the loop: each source hands its
    /// updates to the registry, which calls this subscriber's handler on the
    /// source's thread; the handler makes the action and hands it to
    /// `deliver` (the loop's inbox). Text deltas come only for the worker on
    /// screen (`showText`).
    public func events(_ deliver: @escaping @Sendable (Action) -> Void) async -> @Sendable () -> Void {
        let subscription = await registry.subscribeLive(text: .only(nil)) { update in
            if let action = Action(update) { deliver(action) }
        }
        live.value.withLock { value in
            subscription.showText(of: value.shown)
            value.subscription = subscription
        }
        return { subscription.cancel() }
    }

    public func showText(of key: WorkerKey?) {
        live.value.withLock { value in
            value.shown = key
            value.subscription?.showText(of: key)
        }
    }

    /// Live updates as actions (those the console shows), until `updates`
    /// ends or the consumer stops listening.
    private static func actions(from updates: AsyncStream<LiveUpdate>) -> AsyncStream<Action> {
        let (stream, continuation) = AsyncStream<Action>.makeStream()
        let task = Task {
            for await update in updates {
                if let action = Action(update) { continuation.yield(action) }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}

extension ConsoleApp {
    /// Runs the TUI over `registry` until the operator quits; returns the
    /// process exit code. See `ConsoleOptions.fromEnvironment` for options.
    public static func run(registry: RuntimeRegistry, options: ConsoleOptions) async throws(ConsoleFailure) -> Int32 {
        try await run(backend: RegistryBackend(registry: registry), options: options)
    }
}
