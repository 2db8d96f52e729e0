import Foundation
import Synchronization

/// The one thing the console talks to. Aggregates sources in registration
/// order, routes every worker operation by runtime id + worker id (validated
/// before any lookup), and maps source failures to `RegistryError`.
/// It runs no workers itself.
public final class RuntimeRegistry: Sendable {
    private let sources = Mutex<[any RuntimeSource]>([])
    private let live = LiveFanIn()

    public init() {}

    /// Adds a source after those already registered. A duplicate runtime id
    /// is rejected.
    public func register(_ source: any RuntimeSource) throws(RegistryError) {
        try Identifiers.check(source.runtimeId, .runtime)
        try sources.withLock { (list: inout [any RuntimeSource]) throws(RegistryError) in
            guard !list.contains(where: { $0.runtimeId == source.runtimeId }) else {
                throw .invalidRequest("runtime \(source.runtimeId) is already registered")
            }
            list.append(source)
        }
        // A stream already open picks the new source up (remotes registered
        // after the console started).
        let live = self.live
        Task { await live.attach(source, replacing: false) }
    }

    /// Puts `source` in the place of the registered source with the same
    /// runtime id (an attached client becoming the owner, or the reverse).
    /// Live-update streams follow the new source. Returns the old one.
    @discardableResult
    public func replace(_ source: any RuntimeSource) async throws(RegistryError) -> any RuntimeSource {
        let old = try sources.withLock { (list: inout [any RuntimeSource]) throws(RegistryError) -> any RuntimeSource in
            guard let index = list.firstIndex(where: { $0.runtimeId == source.runtimeId }) else {
                throw .unknownRuntime(source.runtimeId)
            }
            let old = list[index]
            list[index] = source
            return old
        }
        await live.attach(source, replacing: true)
        live.broadcast(.runtimeChanged(await source.summary()))
        return old
    }

    /// The registered source of a runtime (for wiring that swaps it).
    public func source(_ runtimeId: String) throws(RegistryError) -> any RuntimeSource {
        try resolve(runtimeId)
    }

    /// Removes a source; with `ifIdle`, only when it runs no turn.
    /// Returns whether it was removed.
    @discardableResult
    public func unregister(_ runtimeId: String, ifIdle: Bool = true) async throws(RegistryError) -> Bool {
        let source = try resolve(runtimeId)
        if ifIdle, !(await source.isIdle()) { return false }
        sources.withLock { $0.removeAll { $0.runtimeId == runtimeId } }
        live.detach(runtimeId)
        return true
    }

    /// Runtime ids in registration order.
    public var runtimeIds: [String] {
        sources.withLock { $0.map(\.runtimeId) }
    }

    // MARK: Runtimes

    public func runtimes() async -> [RuntimeSummary] {
        var result: [RuntimeSummary] = []
        for source in sources.withLock({ $0 }) {
            result.append(await source.summary())
        }
        return result
    }

    public func runtime(_ runtimeId: String) async throws(RegistryError) -> RuntimeSummary {
        await try resolve(runtimeId).summary()
    }

    /// Every runtime's diagnostics, each labelled with its implementation kind.
    public func diagnostics() async -> [Diagnostic] {
        await runtimes().flatMap(\.diagnostics)
    }

    // MARK: Workers

    /// The default `limit` of `workers`: every worker a runtime holds up to
    /// its own bound (`RuntimeLimits.maxWorkerList`); remote runtimes are
    /// read a page at a time.
    public static let workerListLimit = 10_000

    /// Workers of one runtime, or of all in registration order. `after`
    /// (one runtime only): the list continues after that worker's id.
    public func workers(runtime runtimeId: String? = nil, limit: Int = workerListLimit,
                        after: String? = nil) async throws(RegistryError) -> [WorkerSummary] {
        if after != nil, runtimeId == nil { throw .invalidRequest("after needs a runtime") }
        if let runtimeId {
            let source = try resolve(runtimeId)
            do {
                return try await source.listWorkers(limit: limit, after: after)
            } catch {
                throw Self.map(error, source: source, worker: nil)
            }
        }
        var result: [WorkerSummary] = []
        for source in sources.withLock({ $0 }) {
            do {
                result += try await source.listWorkers(limit: limit, after: after)
            } catch {
                // One unavailable source must not hide the others.
            }
        }
        return result
    }

    public func worker(_ key: WorkerKey) async throws(RegistryError) -> WorkerSummary {
        let source = try await route(key)
        let found = try await call(source, key) { () async throws(SourceError) in try await source.worker(key.workerId) }
        guard let found else { throw .unknownWorker(runtime: key.runtimeId, worker: key.workerId) }
        return found
    }

    public func createWorker(runtime runtimeId: String, _ request: CreateWorkerRequest) async throws(RegistryError) -> WorkerSummary {
        let source = try resolve(runtimeId)
        do {
            return try await source.create(request)
        } catch {
            throw Self.map(error, source: source, worker: nil)
        }
    }

    public func sendInput(_ key: WorkerKey, text: String) async throws(RegistryError) -> InputAccepted {
        let source = try await route(key)
        return try await call(source, key) { () async throws(SourceError) in try await source.sendInput(key.workerId, text: text) }
    }

    /// Pending approvals of one runtime, or of all (an unavailable source
    /// does not hide the others').
    public func approvals(runtime runtimeId: String? = nil) async throws(RegistryError) -> [ApprovalProjection] {
        let targets: [any RuntimeSource] = if let runtimeId { [try resolve(runtimeId)] } else { sources.withLock { $0 } }
        var result: [ApprovalProjection] = []
        for source in targets {
            do {
                result += try await source.approvals()
            } catch {
                if runtimeId != nil { throw Self.map(error, source: source, worker: nil) }
            }
        }
        return result
    }

    /// Answers a pending approval; `rejected` (`approval_not_pending`) when
    /// another client answered first.
    public func answerApproval(_ key: WorkerKey, callId: String, _ decision: ApprovalDecision) async throws(RegistryError) -> WorkerSummary {
        let source = try await route(key)
        return try await call(source, key) { () async throws(SourceError) in
            try await source.answerApproval(key.workerId, callId: callId, decision)
        }
    }

    /// `git diff` of the worker's directory; `directory` passes the
    /// redactor (a source's own naming, never a path), `diff` is verbatim.
    public func workdirDiff(_ key: WorkerKey) async throws(RegistryError) -> WorkdirDiffPage {
        let source = try await route(key)
        var diff = try await call(source, key) { () async throws(SourceError) in try await source.workdirDiff(key.workerId) }
        diff.directory = Redactor.redact(diff.directory)
        return WorkdirDiffPage(key, diff)
    }

    public func interrupt(_ key: WorkerKey) async throws(RegistryError) -> WorkerSummary {
        let source = try await route(key)
        return try await call(source, key) { () async throws(SourceError) in try await source.interrupt(key.workerId) }
    }

    public func stop(_ key: WorkerKey) async throws(RegistryError) -> WorkerSummary {
        let source = try await route(key)
        return try await call(source, key) { () async throws(SourceError) in try await source.stop(key.workerId) }
    }

    public func cancel(_ key: WorkerKey) async throws(RegistryError) -> WorkerSummary {
        let source = try await route(key)
        return try await call(source, key) { () async throws(SourceError) in try await source.cancel(key.workerId) }
    }

    public func reconnect(_ key: WorkerKey) async throws(RegistryError) -> WorkerSummary {
        let source = try await route(key)
        return try await call(source, key) { () async throws(SourceError) in try await source.reconnect(key.workerId) }
    }

    /// Sets the worker's display label; local-compat sources answer `unsupported`.
    public func rename(_ key: WorkerKey, label: String) async throws(RegistryError) -> WorkerSummary {
        let source = try await route(key)
        return try await call(source, key) { () async throws(SourceError) in try await source.rename(key.workerId, label: label) }
    }

    public func transcript(_ key: WorkerKey, start: Int, limit: Int) async throws(RegistryError) -> TranscriptPage {
        let source = try await route(key)
        return try await call(source, key) { () async throws(SourceError) in
            try await source.transcript(key.workerId, start: start, limit: limit)
        }
    }

    public func transcriptTail(_ key: WorkerKey, limit: Int) async throws(RegistryError) -> TranscriptPage {
        let source = try await route(key)
        return try await call(source, key) { () async throws(SourceError) in
            try await source.transcriptTail(key.workerId, limit: limit)
        }
    }

    public func observe(_ key: WorkerKey) async throws(RegistryError) -> AsyncStream<LiveUpdate> {
        let source = try await route(key)
        return try await call(source, key) { () async throws(SourceError) in try await source.observe(key.workerId) }
    }

    // MARK: Events

    public func events(runtime runtimeId: String, from cursor: Int64, limit: Int) async throws(RegistryError) -> EventsPage {
        let source = try resolve(runtimeId)
        do { return try await source.events(from: cursor, limit: limit) } catch {
            throw Self.map(error, source: source, worker: nil)
        }
    }

    public func subscribe(runtime runtimeId: String, from cursor: Int64) async throws(RegistryError) -> AsyncStream<RuntimeEventProjection> {
        let source = try resolve(runtimeId)
        do { return try await source.subscribe(from: cursor) } catch {
            throw Self.map(error, source: source, worker: nil)
        }
    }

    /// Live updates from every source that offers them, merged, with every
    /// worker's text deltas. The stream follows sources registered or
    /// replaced later.
    public func observeAll() async -> AsyncStream<LiveUpdate> {
        let (stream, continuation) = AsyncStream<LiveUpdate>.makeStream()
        let subscription = await subscribeLive(text: .all) { continuation.yield($0) }
        continuation.onTermination = { _ in subscription.cancel() }
        return stream
    }

    /// Live updates from every source, handed to `deliver` as the sources
    /// produce them (on their threads, one source's in order; `deliver`
    /// must be quick and must not block), with text deltas only as `text`
    /// says. In place before it returns; follows sources registered or
    /// replaced later; until `cancel` or the subscription is released. No stream or task of its own: the
    /// caller decides where updates go (a console turns them into actions
    /// and queues those for its UI thread).
    public func subscribeLive(text: LiveTextScope,
                              _ deliver: @escaping @Sendable (LiveUpdate) -> Void) async -> LiveSubscription {
        let id = await live.subscribe(sources.withLock { $0 }, text: text, deliver)
        return LiveSubscription(fanIn: live, id: id)
    }

    /// Reconnects the stale workers of one runtime.
    public func reconnectStale(runtime runtimeId: String) async throws(RegistryError) -> ReconnectReport {
        let source = try resolve(runtimeId)
        do { return try await source.reconnectStale() } catch {
            throw Self.map(error, source: source, worker: nil)
        }
    }

    /// A clean quit: every source ends what it runs. Returns the failures
    /// (already path-free) for the caller's log.
    public func close() async -> [RegistryError] {
        var failures: [RegistryError] = []
        for source in sources.withLock({ $0 }) {
            failures += await source.close().map { Self.map($0, source: source, worker: nil) }
        }
        return failures
    }

    public func takeover(runtime runtimeId: String) async throws(RegistryError) {
        let source = try resolve(runtimeId)
        do { try await source.takeover() } catch {
            throw Self.map(error, source: source, worker: nil)
        }
    }

    // MARK: Routing

    func resolve(_ runtimeId: String) throws(RegistryError) -> any RuntimeSource {
        try Identifiers.check(runtimeId, .runtime)
        guard let source = sources.withLock({ $0.first { $0.runtimeId == runtimeId } }) else {
            throw .unknownRuntime(runtimeId)
        }
        return source
    }

    /// Validates both ids, resolves the runtime, and checks the worker
    /// exists in that runtime.
    func route(_ key: WorkerKey) async throws(RegistryError) -> any RuntimeSource {
        try Identifiers.check(key.runtimeId, .runtime)
        try Identifiers.check(key.workerId, .worker)
        let source = try resolve(key.runtimeId)
        let found: WorkerSummary?
        do { found = try await source.worker(key.workerId) } catch {
            throw Self.map(error, source: source, worker: key)
        }
        guard found != nil else { throw .unknownWorker(runtime: key.runtimeId, worker: key.workerId) }
        return source
    }

    func call<T>(_ source: any RuntimeSource, _ key: WorkerKey,
                         _ body: () async throws(SourceError) -> T) async throws(RegistryError) -> T {
        do { return try await body() } catch {
            throw Self.map(error, source: source, worker: key)
        }
    }
}

/// One `subscribeLive` subscriber.
public final class LiveSubscription: Sendable {
    private let fanIn: LiveFanIn
    private let id: UInt64

    init(fanIn: LiveFanIn, id: UInt64) {
        self.fanIn = fanIn
        self.id = id
    }

    /// From now on only `key`'s text deltas come (nil: none); every other
    /// update still comes for every worker. When `key`'s turn is running,
    /// a `.textSoFar` follows shortly, in order with its deltas, from a
    /// source that can send it (the embedded one). Takes effect before it
    /// returns, so calls made in order apply in order.
    public func showText(of key: WorkerKey?) {
        fanIn.setText(id, .only(key))
    }

    public func cancel() {
        fanIn.unsubscribe(id)
    }

    deinit { fanIn.unsubscribe(id) }
}
