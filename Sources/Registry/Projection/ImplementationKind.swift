/// Which kind of source produced a value. Every diagnostic carries one, so an
/// operator can always tell where a worker comes from.
public enum ImplementationKind: String, Hashable, Sendable, Codable, CaseIterable {
    case embeddedWorkerRuntime = "embedded_worker_runtime"
    case localCompatibility = "local_compatibility"

    /// The prefix of diagnostic codes this kind produces.
    public var diagnosticPrefix: String {
        switch self {
        case .embeddedWorkerRuntime: "embedded_"
        case .localCompatibility: "local_"
        }
    }

    /// A short badge for lists.
    public var badge: String {
        switch self {
        case .embeddedWorkerRuntime: "embedded"
        case .localCompatibility: "local"
        }
    }
}
