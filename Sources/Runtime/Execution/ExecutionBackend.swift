import Foundation

/// A profile as a backend resolved it: what the worker runs with.
/// Never a path, a socket or a secret.
public struct ResolvedProfile: Hashable, Sendable, Codable {
    public var name: String
    /// `provider/model`, shown to operators (`scripted/…` for the scripted scheme).
    public var model: String

    public init(name: String, model: String) {
        self.name = name
        self.model = model
    }
}

public enum ProfileResolution: Hashable, Sendable {
    case resolved(ResolvedProfile)
    case unknown
    /// Known but not usable now (for example no credential resolves).
    case unresolved(reason: String)
}

/// An opaque token for one live execution, minted by the backend at spawn.
public struct ExecutionHandle: Hashable, Sendable {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

public enum SpawnOutcome: Hashable, Sendable {
    case connected(ExecutionHandle)
    case rejected(String)
    case errored(String)
}

public enum TurnStartOutcome: Hashable, Sendable {
    case accepted
    case busy
    case rejected(String)
}

/// Where a backend sends a turn's progress. The runtime persists completed
/// blocks and failures and forwards everything live to `observe` streams.
///
/// Reports for one turn must be sent in order, awaiting each; they may come
/// from any task, including from inside `startTurn` before it returns.
/// Reports carrying a turn that is no longer current (interrupted, stopped)
/// are dropped.
public struct TurnSink: Sendable {
    private let deliver: @Sendable (TurnReport) async -> Void
    private let decideCall: @Sendable (TurnId, ToolCallRequest, ApprovalMode, ApprovalPreview?) async -> ToolDecision

    /// - Parameter decide: see `decide(_:_:policy:preview:)`; without one,
    ///   every call is denied (a sink that knows nothing of tools).
    /// - Parameter post: hands a report over without waiting, in order with
    ///   the reports awaited after it (see `poster`).
    /// - Parameter isWatched: see `isWatched`.
    public init(_ deliver: @escaping @Sendable (TurnReport) async -> Void,
                decide: @escaping @Sendable (TurnId, ToolCallRequest, ApprovalMode, ApprovalPreview?) async -> ToolDecision,
                post: (@Sendable (TurnReport) -> Void)? = nil,
                isWatched: @escaping @Sendable () -> Bool = { true }) {
        self.deliver = deliver
        self.decideCall = decide
        self.poster = post
        self.isWatched = isWatched
    }

    /// For streamed deltas: hands a report over without the caller waiting
    /// for it to be handled; it is handled before any report delivered
    /// (`report`) after it. Nil for a sink that only takes awaited reports.
    public let poster: (@Sendable (TurnReport) -> Void)?

    /// Whether anyone watches the worker's streamed text now (a console
    /// showing it, a stream of every worker's text). Asked from any thread,
    /// as the reply is read: one nobody watches may be read in batches.
    public let isWatched: @Sendable () -> Bool

    /// A sink whose `decide` ignores previews (tests), or that denies every
    /// call when given none.
    public init(_ deliver: @escaping @Sendable (TurnReport) async -> Void,
                decide: @escaping @Sendable (TurnId, ToolCallRequest, ApprovalMode) async -> ToolDecision = { _, _, _ in
                    .denied(reason: "tools are not available to this worker")
                }) {
        self.deliver = deliver
        self.decideCall = { turn, call, policy, _ in await decide(turn, call, policy) }
        self.poster = nil
        self.isWatched = { true }
    }

    public func report(_ report: TurnReport) async {
        await deliver(report)
    }

    /// Before a call runs: the runtime commits the `tool_call` entry, then
    /// applies `policy` (the profile's mode for this tool; `ask` may be
    /// already answered "always" for the worker). For `ask` it records a
    /// pending approval, the worker `awaiting_approval`, and returns only
    /// when an operator answered or the turn ended. The backend then runs
    /// the call (or not) and reports `.toolResult`, which is committed
    /// before the result enters the next request.
    /// `preview` is what the operator reviews for `ask` (see `ToolExecutor.preview`).
    public func decide(_ turn: TurnId, _ call: ToolCallRequest, policy: ApprovalMode,
                       preview: ApprovalPreview? = nil) async -> ToolDecision {
        await decideCall(turn, call, policy, preview)
    }
}

/// What a backend says about a turn in progress.
public enum TurnReport: Hashable, Sendable {
    case started(TurnId)
    /// Streamed text; live only, never persisted.
    case textDelta(TurnId, String)
    /// A retry is scheduled before the first byte ("retrying in 2 s (429)"); live only.
    case retrying(TurnId, String)
    case usage(TurnId, TokenUsage)
    /// A complete assistant block: committed as an assistant entry.
    case blockCompleted(TurnId, String)
    /// A tool call's result (after `TurnSink.decide`): committed as a
    /// `tool_result` entry before the report returns.
    case toolResult(TurnId, ToolResult)
    /// Something the model did that is recorded but not executed (a tool
    /// call offered by a tools-less worker): committed as a system notice.
    case notice(TurnId, String)
    case finished(TurnId)
    /// The turn failed; `message` is already scrubbed of secrets. Committed as
    /// a system `error` entry; the worker stays idle and usable.
    case failed(TurnId, String)
}

/// Runs workers. The runtime calls it without holding its own state across
/// the call; a backend may call the sink from any task. No backend ever
/// fabricates a model reply.
public protocol ExecutionBackend: Sendable {
    /// Non-blank; recorded as the worker's execution binding.
    var backendId: String { get }

    /// Tells whether a profile name is usable, and what model it runs.
    func resolveProfile(named name: String) async -> ProfileResolution

    /// Starts one execution for `ref`. `history` is empty for a new worker
    /// and the persisted transcript for `reconnect`.
    func spawn(_ ref: WorkerRef, profile: ResolvedProfile, history: [TranscriptEntry], sink: TurnSink) async -> SpawnOutcome

    func startTurn(_ handle: ExecutionHandle, turn: TurnId, input: String) async -> TurnStartOutcome

    func interrupt(_ handle: ExecutionHandle) async -> OperationOutcome
    func stop(_ handle: ExecutionHandle) async -> OperationOutcome
    func cancel(_ handle: ExecutionHandle) async -> OperationOutcome

    /// Removes what the backend made on disk for a deleted worker (its git
    /// worktree, for a worktree profile). Idempotent: a repeat after a
    /// crash finds less to remove. Messages never hold a path.
    func removeWorkdir(_ ref: WorkerRef, profile: String) async throws(ToolSetupError)
}

extension ExecutionBackend {
    public func interrupt(_ handle: ExecutionHandle) async -> OperationOutcome { .unsupported }
    public func stop(_ handle: ExecutionHandle) async -> OperationOutcome { .unsupported }
    public func cancel(_ handle: ExecutionHandle) async -> OperationOutcome { .unsupported }
    /// A backend that makes no directories has nothing to remove.
    public func removeWorkdir(_ ref: WorkerRef, profile: String) async throws(ToolSetupError) {}
}
