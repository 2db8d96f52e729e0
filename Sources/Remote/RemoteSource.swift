import Foundation
import Logging
import Registry

/// Where a remote runtime is served.
public enum RemoteEndpoint: Sendable, Hashable {
    /// The local owner's `api.sock` (never shown).
    case unixSocket(path: String)
    /// Another host: `http://127.0.0.1:7777` or `https://…`.
    case url(URL)
}

/// How to reach one remote runtime and how to show it.
public struct RemoteConfig: Sendable {
    /// The runtime id shown here: `backend-internal` for the local owner,
    /// `remote:NAME` for a `[[remotes]]` entry.
    public var runtimeId: String
    public var displayName: String
    public var endpoint: RemoteEndpoint
    /// The bearer token (resolved from its credential reference); never logged.
    public var token: String?
    public var readOnly: Bool
    /// `embedded_worker_runtime` when attached to the local owner (shown as
    /// if in-process); `remote_worker_runtime` for another host.
    public var implementationKind: ImplementationKind

    public init(runtimeId: String, displayName: String, endpoint: RemoteEndpoint, token: String? = nil,
                readOnly: Bool = false, implementationKind: ImplementationKind = .remoteWorkerRuntime) {
        self.runtimeId = runtimeId
        self.displayName = displayName
        self.endpoint = endpoint
        self.token = token
        self.readOnly = readOnly
        self.implementationKind = implementationKind
    }
}

/// The `remote_worker_runtime` source: a client of the owner's API.
public final class RemoteSource: RuntimeSource {
    public let config: RemoteConfig
    public var runtimeId: String { config.runtimeId }
    public var implementationKind: ImplementationKind { config.implementationKind }
    let logger: Logger

    public init(config: RemoteConfig, logger: Logger) {
        self.config = config
        self.logger = logger
    }

    public func summary() async -> RuntimeSummary {
        RuntimeSummary(runtimeId: runtimeId, displayName: config.displayName, implementationKind: implementationKind,
                       status: .unavailable, capabilities: .none, counts: .init(), diagnostics: [])
    }

    public func listWorkers(limit: Int) async throws(SourceError) -> [WorkerSummary] {
        throw .unavailable(code: "remote_unavailable", message: "the remote client is not built yet")
    }

    public func worker(_ id: String) async throws(SourceError) -> WorkerSummary? {
        throw .unavailable(code: "remote_unavailable", message: "the remote client is not built yet")
    }
}
