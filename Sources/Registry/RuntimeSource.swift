import Foundation
import Runtime

/// What a source may fail with. The registry turns these into
/// `RegistryError`s with fixed, path-free messages.
public enum SourceError: Error, Hashable, Sendable {
    case unknownWorker(String)
    case unsupported(operation: String)
    case runtime(RuntimeError)
    case invalidRequest(String)
    case unavailable(code: String, message: String)
    /// The worker runs a turn (a remote owner said so).
    case busy(worker: String)
    /// Refused with a reason (a remote owner's not running, stale, …).
    case rejected(code: String, message: String)
    /// This source only reads (a `read_only` remote).
    case readOnly
}

/// Parameters of `create`.
public struct CreateWorkerRequest: Hashable, Sendable {
    public var profile: String?
    public var label: String?
    public var initialInput: String?

    public init(profile: String? = nil, label: String? = nil, initialInput: String? = nil) {
        self.profile = profile
        self.label = label
        self.initialInput = initialInput
    }
}

/// One runtime as the registry sees it.
///
/// Required: identity, `summary`, `listWorkers`, `worker`. The rest have
/// defaults that answer `unsupported`. Worker ids passed in are already
/// validated by the registry. Implementations are `Sendable` and may be
/// called concurrently; they serialise internally.
public protocol RuntimeSource: Sendable {
    var runtimeId: String { get }
    var implementationKind: ImplementationKind { get }

    func summary() async -> RuntimeSummary
    func listWorkers(limit: Int) async throws(SourceError) -> [WorkerSummary]
    /// The workers after `after` (a worker id; nil: from the first), in the
    /// same order as `listWorkers(limit:)`.
    func listWorkers(limit: Int, after: String?) async throws(SourceError) -> [WorkerSummary]
    /// Nil when the worker does not exist in this source.
    func worker(_ id: String) async throws(SourceError) -> WorkerSummary?

    func create(_ request: CreateWorkerRequest) async throws(SourceError) -> WorkerSummary
    func sendInput(_ worker: String, text: String) async throws(SourceError) -> InputAccepted
    func interrupt(_ worker: String) async throws(SourceError) -> WorkerSummary
    func stop(_ worker: String) async throws(SourceError) -> WorkerSummary
    func cancel(_ worker: String) async throws(SourceError) -> WorkerSummary
    func reconnect(_ worker: String) async throws(SourceError) -> WorkerSummary
    /// Sets the worker's display label (cleaned like create's); any status.
    func rename(_ worker: String, label: String) async throws(SourceError) -> WorkerSummary
    /// Hides the worker from default lists (or shows it again); any status.
    func setArchived(_ worker: String, _ archived: Bool) async throws(SourceError) -> WorkerSummary
    /// Deletes the worker with its transcript and events; refused while a turn runs.
    func delete(_ worker: String) async throws(SourceError) -> DeletedWorker
    /// A new worker seeded with the transcript up to `entry` (nil: all).
    func fork(_ worker: String, at entry: Int?, label: String?) async throws(SourceError) -> WorkerSummary
    func transcript(_ worker: String, start: Int, limit: Int) async throws(SourceError) -> TranscriptPage
    /// Transcript entries of every worker holding every word of `text`,
    /// newest first (issue 16). `text` is untrusted.
    func search(_ text: String, limit: Int) async throws(SourceError) -> SearchPage
    func transcriptTail(_ worker: String, limit: Int) async throws(SourceError) -> TranscriptPage
    func events(from: Int64, limit: Int) async throws(SourceError) -> EventsPage
    func subscribe(from: Int64) async throws(SourceError) -> AsyncStream<RuntimeEventProjection>
    func observe(_ worker: String) async throws(SourceError) -> AsyncStream<LiveUpdate>
    /// Live updates for every worker of this source.
    func observeAll() async throws(SourceError) -> AsyncStream<LiveUpdate>
    /// The registry's one live subscription to this source: every update
    /// handed to `sink` until the feed is cancelled, across a runtime
    /// replaced inside the source (takeover). Default: a task forwarding
    /// `observeAll()` streams (`StreamedLiveFeed`); the embedded source hands
    /// its runtime's events to the sink directly, with no stream or task.
    func feedLive(into sink: LiveSink) async -> any LiveFeed
    /// No turn running and nothing in flight: safe to unregister.
    func isIdle() async -> Bool
    /// Re-acquire ownership of a store another console owned (observer only).
    func takeover() async throws(SourceError)
    /// Reconnects every stale worker (at start, or `R` on a runtime).
    func reconnectStale() async throws(SourceError) -> ReconnectReport
    /// A clean quit: running turns end, keeping what they streamed. Returns
    /// the failures for the caller to log.
    func close() async -> [SourceError]
    /// Tool calls waiting for an operator's answer (tools.md).
    func approvals() async throws(SourceError) -> [ApprovalProjection]
    /// Answers a pending approval; the first answer wins, later ones are refused.
    func answerApproval(_ worker: String, callId: String, _ decision: ApprovalDecision) async throws(SourceError) -> WorkerSummary
    /// `git diff` of the worker's directory (tools.md, Seeing what workers did).
    func workdirDiff(_ worker: String) async throws(SourceError) -> WorkdirDiff
}

extension RuntimeSource {
    /// By position in the whole list (a source that is not paged natively).
    public func listWorkers(limit: Int, after: String?) async throws(SourceError) -> [WorkerSummary] {
        guard let after else { return try await listWorkers(limit: limit) }
        let all = try await listWorkers(limit: RuntimeRegistry.workerListLimit)
        guard let position = all.firstIndex(where: { $0.workerId == after }) else { throw .unknownWorker(after) }
        return Array(all[(position + 1)...].prefix(limit))
    }

    public func create(_ request: CreateWorkerRequest) async throws(SourceError) -> WorkerSummary { throw .unsupported(operation: "create") }
    public func sendInput(_ worker: String, text: String) async throws(SourceError) -> InputAccepted { throw .unsupported(operation: "input") }
    public func interrupt(_ worker: String) async throws(SourceError) -> WorkerSummary { throw .unsupported(operation: "interrupt") }
    public func stop(_ worker: String) async throws(SourceError) -> WorkerSummary { throw .unsupported(operation: "stop") }
    public func cancel(_ worker: String) async throws(SourceError) -> WorkerSummary { throw .unsupported(operation: "cancel") }
    public func reconnect(_ worker: String) async throws(SourceError) -> WorkerSummary { throw .unsupported(operation: "reconnect") }
    public func rename(_ worker: String, label: String) async throws(SourceError) -> WorkerSummary { throw .unsupported(operation: "rename") }
    public func setArchived(_ worker: String, _ archived: Bool) async throws(SourceError) -> WorkerSummary {
        throw .unsupported(operation: archived ? "archive" : "unarchive")
    }
    public func delete(_ worker: String) async throws(SourceError) -> DeletedWorker { throw .unsupported(operation: "delete") }
    public func fork(_ worker: String, at entry: Int?, label: String?) async throws(SourceError) -> WorkerSummary {
        throw .unsupported(operation: "fork")
    }
    public func transcript(_ worker: String, start: Int, limit: Int) async throws(SourceError) -> TranscriptPage { throw .unsupported(operation: "transcript") }
    public func transcriptTail(_ worker: String, limit: Int) async throws(SourceError) -> TranscriptPage { throw .unsupported(operation: "transcript") }
    public func search(_ text: String, limit: Int) async throws(SourceError) -> SearchPage { throw .unsupported(operation: "search") }
    public func events(from: Int64, limit: Int) async throws(SourceError) -> EventsPage { throw .unsupported(operation: "events") }
    public func subscribe(from: Int64) async throws(SourceError) -> AsyncStream<RuntimeEventProjection> { throw .unsupported(operation: "subscribe") }
    public func observe(_ worker: String) async throws(SourceError) -> AsyncStream<LiveUpdate> { throw .unsupported(operation: "observe") }
    public func observeAll() async throws(SourceError) -> AsyncStream<LiveUpdate> { throw .unsupported(operation: "observe") }
    public func isIdle() async -> Bool { true }
    public func takeover() async throws(SourceError) { throw .unsupported(operation: "takeover") }
    public func reconnectStale() async throws(SourceError) -> ReconnectReport { throw .unsupported(operation: "reconnect") }
    public func close() async -> [SourceError] { [] }
    public func approvals() async throws(SourceError) -> [ApprovalProjection] { [] }
    public func answerApproval(_ worker: String, callId: String, _ decision: ApprovalDecision) async throws(SourceError) -> WorkerSummary {
        throw .unsupported(operation: "approval")
    }
    public func workdirDiff(_ worker: String) async throws(SourceError) -> WorkdirDiff { throw .unsupported(operation: "diff") }
}
