import Registry

/// What the loop needs from the registry, in the console's own terms.
/// `RegistryBackend` implements it over `RuntimeRegistry`; tests use fakes.
///
/// Invariants: every method may be called concurrently from effect tasks;
/// failures are `ConsoleFailure` with one operator-facing sentence (never a
/// path, a key or a stack trace); every string returned is sanitised.
public protocol ConsoleBackend: Sendable {
    func runtimes() async throws(ConsoleFailure) -> [RuntimeRow]
    func workers() async throws(ConsoleFailure) -> [WorkerRow]
    func transcript(_ key: WorkerKey, start: Int, limit: Int) async throws(ConsoleFailure) -> (total: Int, items: [TranscriptRow])
    func send(_ key: WorkerKey, text: String) async throws(ConsoleFailure)
    func interrupt(_ key: WorkerKey) async throws(ConsoleFailure)
    func stop(_ key: WorkerKey) async throws(ConsoleFailure)
    func cancel(_ key: WorkerKey) async throws(ConsoleFailure)
    func reconnect(_ key: WorkerKey) async throws(ConsoleFailure)
    func create(runtimeId: String, _ request: CreateWorkerRequest) async throws(ConsoleFailure) -> WorkerRow
    /// Sets the worker's label; the worker as it is after it.
    func rename(_ key: WorkerKey, label: String) async throws(ConsoleFailure) -> WorkerRow
    /// Archives or unarchives; the worker as it is after it.
    func setArchived(_ key: WorkerKey, _ archived: Bool) async throws(ConsoleFailure) -> WorkerRow
    /// Deletes the worker (refused while a turn runs).
    func delete(_ key: WorkerKey) async throws(ConsoleFailure)
    /// A new worker seeded with the transcript up to `entry` (nil: all).
    func fork(_ key: WorkerKey, at entry: Int?) async throws(ConsoleFailure) -> WorkerRow
    func takeOver() async throws(ConsoleFailure)
    /// Live updates of one worker whose source does not push them with
    /// `events()` (local compatibility: the source polls its files while
    /// this stream is consumed, and stops when it is dropped).
    func watch(_ key: WorkerKey) async -> AsyncStream<Action>
    /// Reconnects the stale workers of one runtime, or of every runtime
    /// that can (nil); runtimes that cannot are skipped.
    func reconnectStale(runtimeId: String?) async throws(ConsoleFailure) -> [ReconnectReport]
    /// The worker's pending tool call, or nil when none is pending.
    func pendingApproval(_ key: WorkerKey) async throws(ConsoleFailure) -> ApprovalRow?
    /// Answers the worker's pending call `callId`. Another client having
    /// answered first is an outcome, not a failure.
    func answerApproval(_ key: WorkerKey, callId: String, _ decision: ApprovalDecision) async throws(ConsoleFailure) -> ApprovalOutcome
    /// `git diff` of the worker's directory, sanitised.
    func workdirDiff(_ key: WorkerKey) async throws(ConsoleFailure) -> DiffText
    /// Transcript matches of every runtime that can search, newest first
    /// within each runtime, snippets sanitised.
    func search(_ text: String, limit: Int) async throws(ConsoleFailure) -> [GrepMatch]
    /// Live events as actions (`workerChanged`, `turnDeltaArrived`, …),
    /// handed to `deliver` on the source's thread (in order per source)
    /// until the returned cancel is called. The subscription is in place
    /// when this returns: nothing that happens afterwards is missed.
    /// A handler, not a stream: a stream and the task reading it were a
    /// thread hop per streamed delta (B12).
    func events(_ deliver: @escaping @Sendable (Action) -> Void) async -> @Sendable () -> Void
    /// The worker on screen (nil: none), set by the loop whenever it
    /// changes: `events` brings text deltas only for it, every other
    /// worker's turns as turn-level changes, and — when its turn is
    /// running — a `turnTextSoFar` with what it streamed before. Called on
    /// the UI thread, in order; must not block.
    func showText(of key: WorkerKey?)
}

extension ConsoleBackend {
    /// A backend that cannot narrow its stream sends every delta.
    public func showText(of key: WorkerKey?) {}
}

/// How answering an approval went.
public enum ApprovalOutcome: Hashable, Sendable {
    /// Taken; the worker as it is after the answer.
    case answered(WorkerRow)
    /// Another client answered first (`approval_not_pending`).
    case alreadyAnswered
}

/// A failed operation, already worded for the operator.
public struct ConsoleFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// What the executable's exit code says about it.
    public enum Code: Hashable, Sendable {
        /// The operation or the console failed (exit 1).
        case failed
        /// A setting the console was started with is refused (exit 2).
        case invalidInput
    }

    public var code: Code
    public var message: String
    public init(_ message: String, code: Code = .failed) {
        self.message = message
        self.code = code
    }
    public var description: String { message }
}
