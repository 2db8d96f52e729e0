/// Which kind of source produced a value. Every diagnostic carries one, so an
/// operator can always tell where a worker comes from.
public enum ImplementationKind: String, Hashable, Sendable, Codable, CaseIterable {
    case embeddedWorkerRuntime = "embedded_worker_runtime"
    case localCompatibility = "local_compatibility"
    /// A runtime served by another host, reached over its API (serve.md).
    case remoteWorkerRuntime = "remote_worker_runtime"

    /// The prefix of diagnostic codes this kind produces.
    public var diagnosticPrefix: String {
        switch self {
        case .embeddedWorkerRuntime: "embedded_"
        case .localCompatibility: "local_"
        case .remoteWorkerRuntime: "remote_"
        }
    }

    /// A short badge for lists.
    public var badge: String {
        switch self {
        case .embeddedWorkerRuntime: "embedded"
        case .localCompatibility: "local"
        case .remoteWorkerRuntime: "remote"
        }
    }
}
