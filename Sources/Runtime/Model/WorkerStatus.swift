/// Catalog status: the worker's life. `stopped` and `cancelled` are terminal.
public enum CatalogStatus: String, Sendable, Codable, CaseIterable {
    case running, stopped, cancelled

    public var isTerminal: Bool { self != .running }
}

/// Whether a live execution backs the worker.
public enum BackendState: String, Sendable, Codable, CaseIterable {
    /// Never connected, or the execution was lost.
    case unconnected
    /// Was connected before a restart; the live execution did not survive.
    case stale
    case connected
}

/// What the execution is doing.
public enum RunState: String, Sendable, Codable, CaseIterable {
    case idle, busy, errored, stopped, unconnected
    /// Busy, with the turn waiting on an operator's answer to a tool call.
    case awaitingApproval = "awaiting_approval"
}

/// The operation a `LastResult` reports on.
public enum ExecutionOperation: String, Sendable, Codable, CaseIterable {
    case spawn, input, interrupt, stop, cancel, reconnect
}

/// How the backend answered an operation.
public enum OperationOutcome: String, Sendable, Codable, CaseIterable {
    case accepted, busy, rejected, errored, unsupported
}

public struct LastResult: Hashable, Sendable, Codable {
    public var operation: ExecutionOperation
    public var outcome: OperationOutcome
    public var message: String?

    public init(operation: ExecutionOperation, outcome: OperationOutcome, message: String? = nil) {
        self.operation = operation
        self.outcome = outcome
        self.message = message
    }
}

/// The execution axis of a worker, independent of its catalog status.
public struct ExecutionStatus: Hashable, Sendable, Codable {
    public var backend: BackendState
    public var runState: RunState
    /// The backend id the worker's execution is bound to, if any.
    public var binding: String?
    public var lastResult: LastResult?

    public init(backend: BackendState, runState: RunState, binding: String? = nil, lastResult: LastResult? = nil) {
        self.backend = backend
        self.runState = runState
        self.binding = binding
        self.lastResult = lastResult
    }

    public static let unconnected = ExecutionStatus(backend: .unconnected, runState: .unconnected)
}
