import Foundation
import Runtime
import Synchronization

/// The embedded runtime as a registry source: every operation is a direct
/// library call on a `WorkerRuntime`. No endpoint, token, socket or path.
///
/// The runtime may be missing (the store failed to open: status
/// `unavailable` with the diagnostic) or replaced (takeover after the owning
/// console left).
public final class EmbeddedSource: RuntimeSource {
    public enum State: Sendable {
        case available(WorkerRuntime)
        case unavailable(code: String, message: String)
    }

    public let runtimeId: String
    public let implementationKind = ImplementationKind.embeddedWorkerRuntime
    public let displayName: String
    private let state: Mutex<State>
    private let takeoverHandler: (@Sendable () async throws(RuntimeError) -> WorkerRuntime)?
    /// Computes a worker's directory diff (the executable wires `Tools`);
    /// nil: this source answers `unsupported`.
    let workdirDiffer: WorkdirDiffer?
    /// `observeAll` streams of the current runtime: finished on takeover so
    /// their subscribers (the registry) subscribe again, to the new one.
    let liveStreams = Mutex<[UInt64: AsyncStream<LiveUpdate>.Continuation]>([:])
    let liveStreamIds = Atomic<UInt64>(0)
    /// The registry's feeds (`feedLive`): moved to the new runtime on
    /// takeover, so the registry's one subscription survives it.
    let liveFeeds = Mutex<[EmbeddedLiveFeed]>([])

    /// `takeover` builds an owning runtime once the other console has gone;
    /// `workdirDiff` computes the diff view of a worker's directory.
    public init(runtime: WorkerRuntime,
                takeover: (@Sendable () async throws(RuntimeError) -> WorkerRuntime)? = nil,
                workdirDiff: WorkdirDiffer? = nil) {
        self.runtimeId = runtime.runtimeId.rawValue
        self.displayName = runtime.displayName
        self.state = Mutex(.available(runtime))
        self.takeoverHandler = takeover
        self.workdirDiffer = workdirDiff
        // An owner's start finishes the directory removals a delete left
        // pending (a crash between its two steps, a failed removal); in the
        // background, as it may run git.
        if !runtime.isReadOnly { Task { await runtime.completePendingRemovals() } }
    }

    /// A source whose store could not be opened: listed as `unavailable`
    /// with a diagnostic, every operation answers `runtimeUnavailable`.
    public init(unavailable error: RuntimeError, runtimeId: RuntimeId = .embedded,
                displayName: String = "Embedded runtime") {
        self.runtimeId = runtimeId.rawValue
        self.displayName = displayName
        let mapped = RuntimeRegistry.map(error, runtimeId: runtimeId.rawValue, worker: nil)
        if case let .runtimeUnavailable(code, message) = mapped {
            self.state = Mutex(.unavailable(code: code, message: message))
        } else {
            self.state = Mutex(.unavailable(code: "store_unavailable", message: mapped.message))
        }
        self.takeoverHandler = nil
        self.workdirDiffer = nil
    }

    /// This process owns the store (it may write and should serve it).
    public var ownsStore: Bool {
        if case let .available(runtime) = state.withLock({ $0 }) { return !runtime.isReadOnly }
        return false
    }

    /// The store opened (read-only or owned).
    public var isAvailable: Bool {
        if case .available = state.withLock({ $0 }) { return true }
        return false
    }

    /// The runtime, or the failure that stands in for it.
    func runtime() throws(SourceError) -> WorkerRuntime {
        switch state.withLock({ $0 }) {
        case let .available(runtime): return runtime
        case let .unavailable(code, message): throw .unavailable(code: code, message: message)
        }
    }

    public func summary() async -> RuntimeSummary {
        switch state.withLock({ $0 }) {
        case let .unavailable(code, message):
            return RuntimeSummary(
                runtimeId: runtimeId, displayName: displayName, implementationKind: implementationKind,
                status: .unavailable, capabilities: .none, counts: .init(),
                diagnostics: [Diagnostic(code: "embedded_" + code, severity: .error, message: message,
                                         implementationKind: implementationKind)]
            )
        case let .available(runtime):
            let overview = await runtime.summary()
            let diagnostics = await runtime.allDiagnostics().map(project)
            return Projector.summary(overview, runtimeId: runtimeId, diagnostics: Diagnostic.capped(diagnostics, kind: implementationKind))
        }
    }

    public func listWorkers(limit: Int) async throws(SourceError) -> [WorkerSummary] {
        try await listWorkers(limit: limit, after: nil)
    }

    public func listWorkers(limit: Int, after: String?) async throws(SourceError) -> [WorkerSummary] {
        let runtime = try runtime()
        var cursor: WorkerId?
        if let after {
            guard let id = WorkerId(rawValue: after) else { throw .invalidRequest("after must be a worker id") }
            cursor = id
        }
        do {
            let records = try await runtime.listWorkers(limit: limit, after: cursor)
            // Each worker's own diagnostics, projected (and redacted) once:
            // after a restart every worker has one, so projecting them all
            // per worker was quadratic (2,000,000 redactions for 1,000).
            var own: [WorkerId: [RuntimeDiagnostic]] = [:]
            for diagnostic in await runtime.allDiagnostics() {
                if let ref = diagnostic.workerRef { own[ref.workerId, default: []].append(diagnostic) }
            }
            return records.map { Projector.worker($0, runtime: runtime, diagnostics: (own[$0.ref.workerId] ?? []).map(project)) }
        } catch {
            throw .runtime(error)
        }
    }

    public func worker(_ id: String) async throws(SourceError) -> WorkerSummary? {
        let runtime = try runtime()
        guard let workerId = WorkerId(rawValue: id) else { return nil }
        let ref = WorkerRef(runtimeId: runtime.runtimeId, workerId: workerId)
        guard let record = try? await runtime.worker(ref) else { return nil }
        let diagnostics = await runtime.allDiagnostics().filter { $0.workerRef == ref }.map(project)
        return Projector.worker(record, runtime: runtime, diagnostics: diagnostics)
    }

    func project(_ diagnostic: RuntimeDiagnostic) -> Diagnostic {
        Self.project(diagnostic, kind: implementationKind)
    }

    func ref(_ runtime: WorkerRuntime, _ id: String) throws(SourceError) -> WorkerRef {
        guard let workerId = WorkerId(rawValue: id) else { throw .unknownWorker(id) }
        return WorkerRef(runtimeId: runtime.runtimeId, workerId: workerId)
    }

    public func isIdle() async -> Bool {
        guard let runtime = try? runtime() else { return true }
        return await runtime.summary().counts.busy == 0
    }

    public func takeover() async throws(SourceError) {
        let current = try runtime()
        guard current.isReadOnly else {
            throw .invalidRequest("this console already owns the store")
        }
        guard let takeoverHandler else { throw .unsupported(operation: "takeover") }
        do {
            let fresh = try await takeoverHandler()
            await current.stopPolling()
            state.withLock { $0 = .available(fresh) }
            Task { await fresh.completePendingRemovals() }
            let stale = liveStreams.withLock { streams in
                defer { streams.removeAll() }
                return Array(streams.values)
            }
            stale.forEach { $0.finish() }
            for feed in liveFeeds.withLock({ $0 }) { await feed.rebind(to: fresh) }
        } catch {
            throw .runtime(error)
        }
    }
}

extension EmbeddedSource {
    /// For a read-only observer: follow the owner's writes by polling the
    /// store's event cursor (at most 4 times a second). No-op for an owner.
    public func startObserving() async {
        guard let runtime = try? runtime(), runtime.isReadOnly else { return }
        await runtime.startPolling()
    }
}
