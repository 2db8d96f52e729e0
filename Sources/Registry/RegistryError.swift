/// Every failure the registry reports. Messages are fixed or built from
/// validated ids only: no path, credential or raw error text passes through.
public enum RegistryError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum IdentifierKind: String, Sendable, Hashable, Codable {
        case runtime, worker
    }

    case invalidIdentifier(IdentifierKind, value: String)
    case unknownRuntime(String)
    case unknownWorker(runtime: String, worker: String)
    case busy(WorkerKey)
    /// Not running, stale, or the execution refused.
    case rejected(code: String, message: String)
    case unsupported(operation: String, implementationKind: ImplementationKind)
    /// Stopped, store unavailable, read-only observer.
    case runtimeUnavailable(code: String, message: String)
    /// This runtime only reads from here (a `read_only` remote, or a store
    /// opened read-only).
    case readOnly
    case invalidRequest(String)

    /// The CLI exit code (layout.md): 2 invalid input, 3 unknown, 4 rejected,
    /// 5 unsupported, 6 unavailable.
    public var exitCode: Int32 {
        switch self {
        case .invalidIdentifier, .invalidRequest: 2
        case .unknownRuntime, .unknownWorker: 3
        case .busy, .rejected: 4
        case .unsupported: 5
        case .runtimeUnavailable, .readOnly: 6
        }
    }

    /// A stable snake_case code for `--json` and logs.
    public var code: String {
        switch self {
        case .invalidIdentifier: "invalid_identifier"
        case .unknownRuntime: "unknown_runtime"
        case .unknownWorker: "unknown_worker"
        case .busy: "busy"
        case let .rejected(code, _): code
        case .unsupported: "unsupported"
        case let .runtimeUnavailable(code, _): code
        case .readOnly: "read_only"
        case .invalidRequest: "invalid_request"
        }
    }

    /// One clear sentence for the operator.
    public var message: String {
        switch self {
        case let .invalidIdentifier(kind, _):
            "invalid \(kind.rawValue) id: use 1-120 characters of A-Z a-z 0-9 _ : -"
        case let .unknownRuntime(id):
            "no runtime \(id)"
        case let .unknownWorker(runtime, worker):
            "no worker \(worker) in runtime \(runtime)"
        case let .busy(key):
            "\(key.workerId) is busy with a turn; wait for it or interrupt it"
        case let .rejected(_, message), let .runtimeUnavailable(_, message):
            message
        case .readOnly:
            "this runtime is read-only from here"
        case let .unsupported(operation, kind):
            "\(operation) is not supported by the \(kind.rawValue) source"
        case let .invalidRequest(message):
            message
        }
    }

    /// The `<op>_unsupported` diagnostic that goes with an unsupported operation.
    public var diagnostic: Diagnostic? {
        guard case let .unsupported(operation, kind) = self else { return nil }
        return Diagnostic(code: "\(kind.diagnosticPrefix)\(operation)_unsupported", severity: .info,
                          message: message, implementationKind: kind)
    }

    public var description: String { "\(code): \(message)" }
}
