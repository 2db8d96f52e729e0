/// One runtime as the registry shows it.
public struct RuntimeSummary: Hashable, Sendable, Codable {
    // Spelled out: the wire codec has no key strategy (it cost a third
    // of the 1,000-worker list's time, B10). A new property needs its key here.
    private enum CodingKeys: String, CodingKey {
        case runtimeId = "runtime_id", displayName = "display_name", implementationKind = "implementation_kind",
            status, capabilities, counts, diagnostics
    }

    public var runtimeId: String
    public var displayName: String
    public var implementationKind: ImplementationKind
    public var status: RuntimeStatus
    public var capabilities: Capabilities
    public var counts: Counts
    public var diagnostics: [Diagnostic]

    public struct Counts: Hashable, Sendable, Codable {
        private enum CodingKeys: String, CodingKey {
            case workers, active, busy, stale, stopped, cancelled, needsApproval = "needs_approval"
        }

        public var workers: Int
        public var active: Int
        public var busy: Int
        public var stale: Int
        public var stopped: Int
        public var cancelled: Int
        /// Workers waiting for an operator's answer to a tool call.
        public var needsApproval: Int

        public init(workers: Int = 0, active: Int = 0, busy: Int = 0, stale: Int = 0, stopped: Int = 0, cancelled: Int = 0,
                    needsApproval: Int = 0) {
            self.needsApproval = needsApproval
            self.workers = workers
            self.active = active
            self.busy = busy
            self.stale = stale
            self.stopped = stopped
            self.cancelled = cancelled
        }
    }

    public init(runtimeId: String, displayName: String, implementationKind: ImplementationKind, status: RuntimeStatus,
                capabilities: Capabilities, counts: Counts, diagnostics: [Diagnostic]) {
        self.runtimeId = runtimeId
        self.displayName = displayName
        self.implementationKind = implementationKind
        self.status = status
        self.capabilities = capabilities
        self.counts = counts
        self.diagnostics = diagnostics
    }
}
