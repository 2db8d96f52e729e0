/// What reconnecting a runtime's stale workers did: which came back live
/// and, for the rest, why not (one operator sentence each, path-free).
public struct ReconnectReport: Hashable, Sendable, Codable {
    // Spelled out: the wire codec has no key strategy (it cost a third
    // of the 1,000-worker list's time, B10). A new property needs its key here.
    private enum CodingKeys: String, CodingKey {
        case runtimeId = "runtime_id", reconnected, failed
    }

    public struct Failure: Hashable, Sendable, Codable {
        // Spelled out: the wire codec has no key strategy (it cost a third
        // of the 1,000-worker list's time, B10). A new property needs its key here.
        private enum CodingKeys: String, CodingKey {
            case workerId = "worker_id", reason
        }

        public var workerId: String
        public var reason: String

        public init(workerId: String, reason: String) {
            self.workerId = workerId
            self.reason = reason
        }
    }

    public var runtimeId: String
    public var reconnected: [String]
    public var failed: [Failure]

    public init(runtimeId: String, reconnected: [String] = [], failed: [Failure] = []) {
        self.runtimeId = runtimeId
        self.reconnected = reconnected
        self.failed = failed
    }

    /// One line for a notice: "reconnected 3 workers; 1 stays stale (d for why)".
    public var summary: String {
        var parts: [String] = []
        if !reconnected.isEmpty {
            parts.append("reconnected \(reconnected.count) worker\(reconnected.count == 1 ? "" : "s")")
        }
        if !failed.isEmpty {
            parts.append("\(failed.count) stay\(failed.count == 1 ? "s" : "") stale: " + failed[0].reason
                         + (failed.count > 1 ? " (d for all)" : ""))
        }
        return parts.isEmpty ? "no stale worker to reconnect" : parts.joined(separator: "; ")
    }
}
