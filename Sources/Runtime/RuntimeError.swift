/// Every failure the runtime reports. Messages are operator-facing, fixed
/// where possible, and never contain file paths, credentials or raw provider
/// bodies: callers may show `message` as it is.
public enum RuntimeError: Error, Hashable, Sendable, CustomStringConvertible {
    case runtimeStopped
    case wrongRuntime(expected: RuntimeId, got: RuntimeId)
    case wrongRuntimeCursor(expected: RuntimeId, got: RuntimeId)
    case workerNotFound(WorkerRef)
    case invalidRequest(String)
    case limitTooLarge(requested: Int, max: Int)
    case busy(WorkerRef)
    case workerNotRunning(WorkerRef, CatalogStatus)
    /// Interrupt asked of a worker with no turn running: its state, not the
    /// request, is what refuses it (a conflict, not invalid input).
    case nothingToInterrupt(WorkerRef)
    /// Reconnect asked of a worker that already has a live execution.
    case alreadyConnected(WorkerRef)
    /// The worker has no live execution (stale after restart, or unconnected).
    case executionUnavailable(WorkerRef)
    case executionBackendUnavailable
    case executionRejected(WorkerRef, ExecutionOperation, OperationOutcome, String?)
    case configBundleMissing(id: String)
    case configBundleDigestMismatch
    case invalidProfileSelector(String)
    case unsupportedConfigDeclaration(kind: String)
    case profileUnresolved(profile: String, reason: String)
    case storeUnavailable(String)
    case storeCorrupt(String)
    /// This process only observes the store: another one owns it.
    case readOnly
    /// No approval with this call id is pending for the worker: answered
    /// already (the first answer wins) or never asked.
    case approvalNotPending(WorkerRef, callId: String)

    /// A stable snake_case name for the case, for logs and projections.
    public var code: String {
        switch self {
        case .runtimeStopped: "runtime_stopped"
        case .wrongRuntime: "wrong_runtime"
        case .wrongRuntimeCursor: "wrong_runtime_cursor"
        case .workerNotFound: "worker_not_found"
        case .invalidRequest: "invalid_request"
        case .limitTooLarge: "limit_too_large"
        case .busy: "busy"
        case .workerNotRunning: "worker_not_running"
        case .nothingToInterrupt: "nothing_to_interrupt"
        case .alreadyConnected: "already_connected"
        case .executionUnavailable: "execution_unavailable"
        case .executionBackendUnavailable: "execution_backend_unavailable"
        case .executionRejected: "execution_rejected"
        case .configBundleMissing: "config_bundle_missing"
        case .configBundleDigestMismatch: "config_bundle_digest_mismatch"
        case .invalidProfileSelector: "invalid_profile_selector"
        case .unsupportedConfigDeclaration: "unsupported_config_declaration"
        case .profileUnresolved: "profile_unresolved"
        case .storeUnavailable: "store_unavailable"
        case .storeCorrupt: "store_corrupt"
        case .readOnly: "read_only"
        case .approvalNotPending: "approval_not_pending"
        }
    }

    public var message: String {
        switch self {
        case .runtimeStopped:
            "the runtime is stopped; reads still work"
        case let .wrongRuntime(expected, got):
            "worker belongs to runtime \(got), not \(expected)"
        case let .wrongRuntimeCursor(expected, got):
            "event cursor belongs to runtime \(got), not \(expected)"
        case let .workerNotFound(ref):
            "no worker \(ref.workerId) in runtime \(ref.runtimeId)"
        case let .invalidRequest(text):
            text
        case let .limitTooLarge(requested, max):
            "limit \(requested) is above the maximum \(max)"
        case let .busy(ref):
            "\(ref.workerId) is busy with a turn; wait for it or interrupt it"
        case let .workerNotRunning(ref, status):
            "\(ref.workerId) is \(status.rawValue)"
        case let .nothingToInterrupt(ref):
            "nothing to interrupt: \(ref.workerId) is not running a turn"
        case let .alreadyConnected(ref):
            "\(ref.workerId) is already connected"
        case let .executionUnavailable(ref):
            "\(ref.workerId) has no live execution (stale or unconnected); reconnect it first"
        case .executionBackendUnavailable:
            "no execution backend is attached to this runtime"
        case let .executionRejected(ref, operation, outcome, text):
            "the execution answered \(outcome.rawValue) to \(operation.rawValue) for \(ref.workerId)"
                + (text.map { ": \($0)" } ?? "")
        case let .configBundleMissing(id):
            "config bundle \(id) does not exist"
        case .configBundleDigestMismatch:
            "config bundle digest does not match its contents"
        case let .invalidProfileSelector(text):
            "invalid profile selector: \(text)"
        case let .unsupportedConfigDeclaration(kind):
            "unsupported config declaration kind \(kind)"
        case let .profileUnresolved(profile, reason):
            "profile \(profile) cannot be used: \(reason)"
        case let .storeUnavailable(reason):
            "store unavailable: \(reason)"
        case let .storeCorrupt(reason):
            "store corrupt: \(reason)"
        case .readOnly:
            "owned by another console; this one is a read-only observer"
        case let .approvalNotPending(ref, callId):
            "no approval for call \(callId) is pending on \(ref.workerId): answered already, or never asked"
        }
    }

    public var description: String { message }
}
