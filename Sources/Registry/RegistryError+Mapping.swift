import Runtime

extension RuntimeRegistry {
    /// Rewrites a source failure into a registry error with a fixed,
    /// path-free message. Free text from below passes the redactor.
    static func map(_ error: SourceError, source: any RuntimeSource, worker: WorkerKey?) -> RegistryError {
        let kind = source.implementationKind
        switch error {
        case let .unknownWorker(id):
            return .unknownWorker(runtime: source.runtimeId, worker: id)
        case let .unsupported(operation):
            return .unsupported(operation: operation, implementationKind: kind)
        case let .invalidRequest(message):
            return .invalidRequest(Redactor.redact(message))
        case let .unavailable(code, message):
            return .runtimeUnavailable(code: code, message: Redactor.redact(message))
        case let .runtime(runtimeError):
            return map(runtimeError, runtimeId: source.runtimeId, worker: worker)
        case let .busy(id):
            return .busy(WorkerKey(runtimeId: source.runtimeId, workerId: id))
        case let .rejected(code, message):
            return .rejected(code: code, message: Redactor.redact(message))
        case .readOnly:
            return .readOnly
        }
    }

    static func map(_ error: RuntimeError, runtimeId: String, worker: WorkerKey?) -> RegistryError {
        switch error {
        case .runtimeStopped:
            return .runtimeUnavailable(code: "runtime_stopped", message: "runtime \(runtimeId) is stopped; reads still work")
        case .wrongRuntime, .workerNotFound:
            return .unknownWorker(runtime: runtimeId, worker: worker?.workerId ?? "?")
        case .wrongRuntimeCursor:
            return .invalidRequest("the event cursor belongs to another runtime")
        case let .invalidRequest(message):
            return .invalidRequest(Redactor.redact(message))
        case let .limitTooLarge(requested, max):
            return .invalidRequest("limit \(requested) is above the maximum \(max)")
        case let .busy(ref):
            return .busy(WorkerKey(runtimeId: ref.runtimeId.rawValue, workerId: ref.workerId.rawValue))
        case let .workerNotRunning(ref, status):
            return .rejected(code: "worker_not_running", message: "\(ref.workerId) is \(status.rawValue)")
        // State conflicts: the request was well formed, the worker's state
        // refuses it (409 on the API, exit 4 in the CLI, like busy).
        case let .nothingToInterrupt(ref):
            return .rejected(code: "nothing_to_interrupt", message: "nothing to interrupt: \(ref.workerId) is not running a turn")
        case let .alreadyConnected(ref):
            return .rejected(code: "already_connected", message: "\(ref.workerId) is already connected")
        case let .executionUnavailable(ref):
            return .rejected(code: "worker_stale",
                             message: "\(ref.workerId) has no live execution (stale or unconnected); reconnect it first")
        case .executionBackendUnavailable:
            return .runtimeUnavailable(code: "execution_backend_unavailable",
                                       message: "no execution backend is attached to runtime \(runtimeId)")
        case let .executionRejected(ref, operation, outcome, message):
            let detail = message.map { ": " + Redactor.redact($0) } ?? ""
            return .rejected(code: "execution_rejected",
                             message: "the execution answered \(outcome.rawValue) to \(operation.rawValue) for \(ref.workerId)\(detail)")
        case let .configBundleMissing(id):
            return .invalidRequest("config bundle \(Redactor.redact(id)) does not exist")
        case .configBundleDigestMismatch:
            return .invalidRequest("config bundle digest does not match its contents")
        case let .invalidProfileSelector(message):
            return .invalidRequest("invalid profile selector: \(Redactor.redact(message))")
        case let .unsupportedConfigDeclaration(kind):
            return .invalidRequest("unsupported config declaration kind \(Redactor.redact(kind))")
        case let .profileUnresolved(profile, reason):
            // The reason (and its fix) first: a one-line flash at 80 columns shows it whole.
            return .invalidRequest("\(Redactor.redact(reason)) (profile \(profile))")
        case .readOnly:
            return .readOnly
        case let .approvalNotPending(ref, callId):
            return .rejected(code: "approval_not_pending",
                             message: "no approval for call \(Redactor.redact(callId)) is pending on \(ref.workerId): answered already, or never asked")
        case let .storeUnavailable(reason):
            return .runtimeUnavailable(code: "store_unavailable", message: "store unavailable: \(Redactor.redact(reason))")
        case let .storeCorrupt(reason):
            return .runtimeUnavailable(code: "store_corrupt", message: "store corrupt: \(Redactor.redact(reason))")
        }
    }
}
