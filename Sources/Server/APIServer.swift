import Foundation
import Logging
import Registry

/// Where the owner serves its API.
public enum ServerEndpoint: Sendable {
    /// `api.sock` in the store root: created 0600, any stale file replaced.
    case unixSocket(path: String)
    /// Another host's way in: every request needs a bearer token.
    case tcp(host: String, port: Int, tls: TLSFiles?, tokens: TokenStore)
}

/// A certificate chain and key in PEM files (`[serve] tls_cert`, `tls_key`).
public struct TLSFiles: Sendable, Hashable {
    public var certificate: String
    public var key: String
    public init(certificate: String, key: String) {
        self.certificate = certificate
        self.key = key
    }
}

/// What the server may fail with, path-free.
public enum ServerError: Error, Sendable, Hashable, CustomStringConvertible {
    case cannotListen(String)
    case tls(String)
    case insecureListen(String)

    public var description: String {
        switch self {
        case let .cannotListen(message), let .tls(message), let .insecureListen(message): message
        }
    }
}

/// The owner's API (serve.md) over a registry: serves the runtimes named in
/// `runtimeIds` (the owner's embedded runtime; never another host's).
public final class APIServer: Sendable {
    public let registry: RuntimeRegistry
    public let runtimeIds: [String]
    public let version: String
    let logger: Logger

    public init(registry: RuntimeRegistry, runtimeIds: [String], version: String, logger: Logger) {
        self.registry = registry
        self.runtimeIds = runtimeIds
        self.version = version
        self.logger = logger
    }

    /// Serves on every endpoint until the task is cancelled.
    public func run(_ endpoints: [ServerEndpoint]) async throws(ServerError) {
        throw .cannotListen("the API server is not built yet")
    }
}
