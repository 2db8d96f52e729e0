import AsyncHTTPClient
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
    /// `ca_file`: an `https://` endpoint is verified against these
    /// certificates instead of the system's; nil: the system's.
    public var trust: RemoteTrust?

    public init(runtimeId: String, displayName: String, endpoint: RemoteEndpoint, token: String? = nil,
                readOnly: Bool = false, implementationKind: ImplementationKind = .remoteWorkerRuntime, trust: RemoteTrust? = nil) {
        self.runtimeId = runtimeId
        self.displayName = displayName
        self.endpoint = endpoint
        self.token = token
        self.readOnly = readOnly
        self.implementationKind = implementationKind
        self.trust = trust
    }
}

/// The `remote_worker_runtime` source: a client of the owner's API
/// (serve.md), also used as `backend-internal` when attached to the local
/// owner.
///
/// One `HTTPClient` carries every request and the one push stream. `start()`
/// runs the connection loop (handshake, stream, capped backoff); operations
/// work without it once `connect()` (or the first operation) has learnt the
/// server's runtime id. Call `close()` when done: it ends the streams and
/// shuts the client down.
public final class RemoteSource: RuntimeSource {
    public let config: RemoteConfig
    public var runtimeId: String { config.runtimeId }
    public var implementationKind: ImplementationKind { config.implementationKind }
    let logger: Logger
    let http: RemoteHTTP
    let relabel: RemoteRelabel
    let errors: RemoteErrors
    let timing: RemoteTiming
    let hub = RemoteHub()
    /// The worker each line of the last lists decoded to, relabelled (`WorkersPageLines`).
    let workerRows: DecodedWorkerRows
    /// Behind a pthread lock for ThreadSanitizer, as `RemoteHub` (see `PthreadMutex`).
    let state = PthreadMutex(State())

    struct State {
        /// The runtime id the server uses (learnt at the handshake).
        var serverRuntimeId: String?
        /// Why the remote is unavailable (shown in `summary()`).
        var failure: SourceError?
        /// The last committed event id the push stream delivered: where a
        /// reconnect resumes.
        var lastEventId: Int64?
        var loop: Task<Void, Never>?
        var closed = false
    }

    public convenience init(config: RemoteConfig, logger: Logger) {
        self.init(config: config, logger: logger, timing: RemoteTiming())
    }

    /// `timing` decides how the connection loop waits between attempts (tests inject it).
    public init(config: RemoteConfig, logger: Logger, timing: RemoteTiming) {
        self.config = config
        self.logger = logger
        self.timing = timing
        self.errors = RemoteErrors(config: config)
        self.relabel = RemoteRelabel(config: config)
        workerRows = DecodedWorkerRows(transform: { [relabel] in relabel.worker($0) })
        self.http = RemoteHTTP(client: RemoteHTTP.makeClient(trust: config.trust), endpoint: config.endpoint, token: config.token,
                               errors: errors, timeout: timing.requestTimeout)
    }

    deinit {
        // A source dropped without `close()`: its client must still be shut
        // down (AsyncHTTPClient traps otherwise in debug builds).
        if !state.withLock({ $0.closed }) { http.client.shutdown { _ in } }
    }

    /// `connecting`, `connected` or `unavailable`: the current status, then
    /// every change (the wiring watches it to notice an owner that went away).
    public func statusUpdates() -> AsyncStream<RuntimeStatus> {
        hub.statusStream()
    }

    /// The current connection status.
    public var status: RuntimeStatus { hub.status }

    // MARK: Summary

    public func summary() async -> RuntimeSummary {
        let (server, failure, closed) = state.withLock { ($0.serverRuntimeId, $0.failure, $0.closed) }
        if closed { return unavailableSummary(errors.closed) }
        if let server, hub.status == .connected || !isLooping {
            do {
                let remote = try await http.call(.GET, RemoteHTTP.runtimePath(server), as: RuntimeSummary.self)
                return relabel.summary(remote, displayName: config.displayName)
            } catch {
                return unavailableSummary(error)
            }
        }
        if let failure, hub.status == .unavailable { return unavailableSummary(failure) }
        if implementationKind == .embeddedWorkerRuntime {
            return unavailableSummary(.unavailable(code: "owner_connecting", message: "connecting to the workspace's owner"))
        }
        return RuntimeSummary(runtimeId: runtimeId, displayName: config.displayName, implementationKind: implementationKind,
                              status: .connecting, capabilities: relabel.capabilities(.none), counts: .init(), diagnostics: [])
    }

    private var isLooping: Bool { state.withLock { $0.loop != nil } }

    func unavailableSummary(_ error: SourceError) -> RuntimeSummary {
        RuntimeSummary(runtimeId: runtimeId, displayName: config.displayName, implementationKind: implementationKind,
                       status: .unavailable, capabilities: relabel.capabilities(.none), counts: .init(),
                       diagnostics: [diagnostic(for: error)])
    }

    /// A failure as a runtime diagnostic: its code under this kind's prefix.
    func diagnostic(for error: SourceError) -> Diagnostic {
        let (code, message): (String, String) = switch error {
        case let .unavailable(code, message), let .rejected(code, message): (code, message)
        case .readOnly: ("read_only", "this remote is read-only")
        case let .invalidRequest(message): ("invalid_request", message)
        case let .unsupported(operation): ("unsupported", "\(operation) is not supported")
        case let .unknownWorker(id): ("unknown_worker", "no worker \(id)")
        case let .busy(worker): ("busy", "\(worker) is busy")
        case .runtime: ("runtime_error", "the remote runtime failed")
        }
        // `remote_…` codes (incompatible, unauthorized) say what the attachment
        // found, whichever kind it shows; the rest take this kind's prefix.
        let prefix = implementationKind.diagnosticPrefix
        let keep = code.hasPrefix(prefix) || code.hasPrefix(ImplementationKind.remoteWorkerRuntime.diagnosticPrefix)
        return Diagnostic(code: keep ? code : prefix + code, severity: .error, message: message,
                          implementationKind: implementationKind)
    }

    // MARK: Connection

    /// Starts the connection loop (idempotent; streams start it too).
    public func start() {
        state.withLock { state in
            guard state.loop == nil, !state.closed else { return }
            state.loop = Task { [weak self] in await self?.runLoop() }
        }
    }

    /// A remote that cannot be used as configured (its token does not
    /// resolve): listed `unavailable` with why, and never started.
    public func refuse(_ failure: SourceError) {
        state.withLock { $0.failure = failure }
        hub.publish(status: .unavailable)
    }

    /// A one-shot handshake for CLI calls: version, then the server's runtime.
    /// Fails fast, without retrying.
    public func connect() async throws(SourceError) {
        _ = try await handshake()
    }

    /// Version check and the server's runtime id (its first runtime).
    @discardableResult
    func handshake() async throws(SourceError) -> String {
        if state.withLock({ $0.closed }) { throw errors.closed }
        let version = try await http.call(.GET, "\(APIContract.prefix)/version", as: APIVersionInfo.self)
        guard version.apiVersion == APIContract.version else { throw errors.incompatible(server: version.apiVersion) }
        let runtimes = try await http.call(.GET, "\(APIContract.prefix)/runtimes", as: [RuntimeSummary].self)
        guard let first = runtimes.first else { throw errors.noRuntime }
        state.withLock { $0.serverRuntimeId = first.runtimeId }
        return first.runtimeId
    }

    /// The server's runtime id, learnt now if not yet.
    func serverRuntime() async throws(SourceError) -> String {
        let (known, closed) = state.withLock { ($0.serverRuntimeId, $0.closed) }
        if closed { throw errors.closed }
        if let known { return known }
        return try await handshake()
    }

    // MARK: Close

    public func close() async -> [SourceError] {
        let loop: Task<Void, Never>? = state.withLock { state in
            guard !state.closed else { return nil }
            state.closed = true
            defer { state.loop = nil }
            return state.loop ?? Task {}
        }
        guard let loop else { return [] }
        loop.cancel()
        await loop.value
        hub.finishAll()
        do {
            try await http.client.shutdown()
            return []
        } catch {
            logger.debug("remote client shutdown failed", metadata: ["runtime": "\(runtimeId)"])
            return []
        }
    }
}
