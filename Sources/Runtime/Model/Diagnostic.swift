public enum DiagnosticSeverity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, warning, error

    private var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// A persisted runtime diagnostic. Messages are operator-facing and path-free.
public struct RuntimeDiagnostic: Hashable, Sendable, Codable {
    public var id: Int64
    public var severity: DiagnosticSeverity
    public var code: String
    public var message: String
    public var workerRef: WorkerRef?

    public init(id: Int64, severity: DiagnosticSeverity, code: String, message: String, workerRef: WorkerRef? = nil) {
        self.id = id
        self.severity = severity
        self.code = code
        self.message = message
        self.workerRef = workerRef
    }
}

/// The codes the runtime writes.
public enum DiagnosticCode {
    public static let workerExecutionStale = "worker_execution_stale"
    /// The end of a turn could not be saved: the worker is errored until reconnected.
    public static let workerTurnNotSaved = "worker_turn_not_saved"
    /// A reconnect (at start or asked for) failed; the message says why.
    public static let workerReconnectFailed = "worker_reconnect_failed"
    public static let storeRecovered = "store_recovered"
    public static let storeReadOnly = "store_read_only"
    public static let providerUnresolved = "provider_unresolved"
}
