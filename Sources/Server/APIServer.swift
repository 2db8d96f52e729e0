import Dispatch
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

/// One endpoint now accepting connections, reported by `run(_:onListening:)`.
public struct ListeningEndpoint: Sendable, Hashable {
    /// The endpoint's position in the list given to `run`.
    public var index: Int
    /// The bound TCP port (the real one when 0 was asked); nil for a socket.
    public var port: Int?
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
///
/// One instance may serve several endpoints at once (`run` takes a list);
/// metrics and stream clients are shared across them.
public final class APIServer: Sendable {
    public let registry: RuntimeRegistry
    public let runtimeIds: [String]
    public let version: String
    let logger: Logger
    let metrics: ServerMetrics
    let streams: StreamClients
    /// Each listed worker's JSON while it is unchanged (`WorkersPageLines`).
    let workerRows = EncodedWorkerRows()

    /// `streamBufferLimit` bounds the messages queued for one stream client
    /// before it is sent `lagged` (tests lower it).
    public init(registry: RuntimeRegistry, runtimeIds: [String], version: String, logger: Logger,
                streamBufferLimit: Int = 2048) {
        precondition(streamBufferLimit > 0, "a stream buffer holds at least one message")
        self.registry = registry
        self.runtimeIds = runtimeIds
        self.version = version
        self.logger = logger
        self.metrics = ServerMetrics()
        self.streams = StreamClients(limit: streamBufferLimit)
    }

    /// Serves on every endpoint until the task is cancelled.
    public func run(_ endpoints: [ServerEndpoint]) async throws(ServerError) {
        try await run(endpoints, onListening: { _ in })
    }

    /// Serves on every endpoint until the task is cancelled; `onListening`
    /// is called once per endpoint when it accepts connections (a socket
    /// is already 0600 by then). If one endpoint cannot listen, the others
    /// stop and the error is thrown.
    public func run(_ endpoints: [ServerEndpoint],
                    onListening: @escaping @Sendable (ListeningEndpoint) async -> Void) async throws(ServerError) {
        // Check everything before binding anything: a bad TLS file must not
        // leave a half-started server.
        // TLS files are read here: on a Dispatch queue, off Swift's pool.
        let prepared = await withCheckedContinuation { (continuation: CheckedContinuation<Result<[Listener], ServerError>, Never>) in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { () throws(ServerError) in
                    try endpoints.enumerated().map { (index, endpoint) throws(ServerError) in try Listener.prepare(endpoint, index: index) }
                })
            }
        }
        let listeners = try prepared.get()
        // A child answers nil when it is the metrics feed (whose end must
        // not stop the listeners), else how its listener ended.
        let result: Result<Void, ServerError> = await withTaskGroup(of: Result<Void, ServerError>?.self) { group in
            group.addTask { await self.countLiveUpdates(); return nil }
            for listener in listeners {
                group.addTask {
                    do throws(ServerError) {
                        try await self.serve(listener, onListening: onListening)
                        return .success(())
                    } catch {
                        return .failure(error)
                    }
                }
            }
            var outcome: Result<Void, ServerError> = .success(())
            // The first listener to end (an error, or cancellation) ends all.
            for await finished in group {
                guard let finished else { continue }
                if case .failure = finished, case .success = outcome { outcome = finished }
                group.cancelAll()
            }
            return outcome
        }
        try result.get()
    }

    /// Feeds the turn and token counters from live updates of the served
    /// runtimes, for as long as the server runs.
    /// Turn ends and usage need no text: the subscription takes no deltas,
    /// and its handler counts on the source's thread (no stream, no task).
    private func countLiveUpdates() async {
        let served = Set(runtimeIds)
        let metrics = self.metrics
        let subscription = await registry.subscribeLive(text: .only(nil)) { update in
            guard let key = update.key, served.contains(key.runtimeId) else { return }
            metrics.record(update)
        }
        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
        subscription.cancel()
    }
}
