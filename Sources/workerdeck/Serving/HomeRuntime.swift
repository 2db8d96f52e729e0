import Foundation
import Logging
import Registry
import Remote
import Runtime
import Server
import Synchronization

/// The workspace's own runtime (`backend-internal`) in this process: either
/// owned here (an `EmbeddedSource`, served on `api.sock`) or a client of the
/// process that owns it (a `RemoteSource` over that socket). A console that
/// is a client becomes the owner when the owner goes (`failover`), and the
/// registry's live streams follow the swap.
final class HomeRuntime: Sendable {
    enum Mode: Sendable {
        case owner(EmbeddedSource)
        case client(RemoteSource)
        /// Read-only (CLI reads without an owner, ephemeral, unavailable store).
        case local(EmbeddedSource)
    }

    struct Wiring: Sendable {
        var options: GlobalOptions
        var paths: Paths
        var backend: any ExecutionBackend
        var logger: Logger
        var registry: RuntimeRegistry
        var version: String
        /// The diff view's git run, for the embedded source.
        var workdirDiff: WorkdirDiffer?
    }

    private let wiring: Wiring
    private let state: Mutex<(mode: Mode, server: Task<Void, Never>?, failover: Task<Void, Never>?)>

    var mode: Mode { state.withLock { $0.mode } }
    var isClient: Bool { if case .client = mode { true } else { false } }
    var source: any RuntimeSource {
        switch mode {
        case let .owner(source), let .local(source): source
        case let .client(source): source
        }
    }

    private init(wiring: Wiring, mode: Mode) {
        self.wiring = wiring
        self.state = Mutex((mode, nil, nil))
    }

    var socketPath: String { wiring.paths.storeRoot.appendingPathComponent(FileStore.apiSocketFileName).path }

    /// Decides owner or client for `role` and builds the source.
    static func open(_ role: DeckRole, _ wiring: Wiring) async throws(CLIError) -> HomeRuntime {
        let options = wiring.options
        let root = wiring.paths.storeRoot
        if options.ephemeral {
            return HomeRuntime(wiring: wiring, mode: .local(await openStore(wiring, mode: .memory)))
        }
        if role == .handOff, !FileStore.isOwned(root: root) {
            try await BackgroundOwner.start(options, storeRoot: root, logger: wiring.logger)
            FileHandle.standardError.write(Data(
                "workerdeck: started a background owner for this workspace (workerdeck serve); it exits after \(BackgroundOwner.idleExitSeconds) s without turns\n".utf8))
        }
        if role != .serve, FileStore.isOwned(root: root) {
            let remote = attachSource(wiring)
            do throws(SourceError) {
                try await connectToStartingOwner(remote, root: root, retries: role == .console ? 0 : 4, logger: wiring.logger)
                wiring.logger.info("attached to the workspace's owner")
                return HomeRuntime(wiring: wiring, mode: .client(remote))
            } catch where !FileStore.isOwned(root: root) {
                // The owner quit while this call waited for it: open the store below.
                _ = await remote.close()
            } catch {
                _ = await remote.close()
                wiring.logger.notice("the workspace's owner did not answer", metadata: ["code": "\(error)"])
                guard role == .read || role == .follow || role == .console else {
                    throw CLIError(code: "owner_unreachable",
                                   message: "another process owns this workspace but does not answer; retry, or stop it", exitCode: 6)
                }
                // A console starts anyway and takes over once that process is gone.
                if role != .console { return HomeRuntime(wiring: wiring, mode: .local(await openStore(wiring, mode: .observer))) }
                return HomeRuntime(wiring: wiring, mode: .client(attachSource(wiring)))
            }
        }
        switch role {
        case .follow:
            let exists = FileManager.default.fileExists(atPath: root.appendingPathComponent(FileStore.defaultFileName).path)
            return HomeRuntime(wiring: wiring, mode: .local(await openStore(wiring, mode: exists ? .observer : .automatic)))
        case .read, .serve, .console, .write, .handOff:
            let source = await openStore(wiring, mode: role == .serve ? .owner : .automatic)
            let owned = source.ownsStore
            if role == .serve, !owned, source.isAvailable {
                throw CLIError(code: "already_owned", message: "another process already owns and serves this workspace", exitCode: 6)
            }
            return HomeRuntime(wiring: wiring, mode: owned ? .owner(source) : .local(source))
        }
    }

    /// An owner that has just taken the lock is still restoring and not yet
    /// serving: a call made in that moment (a console started in the next
    /// pane) retries for up to about 3 s, as long as the lock stays held,
    /// instead of failing with `owner_unreachable`.
    private static func connectToStartingOwner(_ remote: RemoteSource, root: URL, retries: Int,
                                               logger: Logger) async throws(SourceError) {
        var delay = Duration.milliseconds(200)
        for attempt in 0... {
            do throws(SourceError) {
                return try await remote.connect()
            } catch {
                guard attempt < retries, FileStore.isOwned(root: root) else { throw error }
            }
            logger.info("the workspace's owner does not answer yet; retrying", metadata: ["attempt": "\(attempt + 1)"])
            try? await Task.sleep(for: delay)
            delay *= 2
        }
    }

    /// The client of the local owner: shown as `backend-internal`, exactly
    /// as if in-process.
    private static func attachSource(_ wiring: Wiring) -> RemoteSource {
        let config = RemoteConfig(runtimeId: RuntimeId.embedded.rawValue, displayName: "Embedded runtime",
                                  endpoint: .unixSocket(path: wiring.paths.storeRoot.appendingPathComponent(FileStore.apiSocketFileName).path),
                                  implementationKind: .embeddedWorkerRuntime)
        let source = RemoteSource(config: config, logger: wiring.logger)
        return source
    }

    private enum StoreMode { case memory, observer, automatic, owner }

    /// Opening (and migrating, and restoring) writes and fsyncs: off the
    /// cooperative pool.
    private static func openStore(_ wiring: Wiring, mode: StoreMode) async -> EmbeddedSource {
        await BlockingIO.run {
            Deck.makeEmbeddedSource(paths: wiring.paths, backend: wiring.backend, logger: wiring.logger,
                                    workdirDiff: wiring.workdirDiff, storeMode: {
                switch mode {
                case .memory: nil
                case .observer: .observer
                case .automatic: .automatic
                case .owner: .owner
                }
            }())
        }
    }

    /// An owner serves its runtime on `api.sock` (plus `extra` endpoints
    /// for `workerdeck serve --listen`). No-op for a client.
    func startServing(extra: [ServerEndpoint] = []) {
        guard let server = ownerServer() else { return }
        let endpoints = [ServerEndpoint.unixSocket(path: socketPath)] + extra
        let logger = wiring.logger
        let task = Task {
            do throws(ServerError) {
                try await server.run(endpoints)
            } catch {
                logger.error("cannot serve the workspace's runtime", metadata: ["reason": .string(error.description)])
            }
        }
        state.withLock { $0.server = task }
    }

    /// Serves like `startServing` but waits until the server stops and
    /// reports why (`workerdeck serve`).
    func serve(extra: [ServerEndpoint]) async throws(ServerError) {
        guard let server = ownerServer() else { return }
        try await server.run([ServerEndpoint.unixSocket(path: socketPath)] + extra)
    }

    /// The API server over the owned runtime; nil for a client.
    private func ownerServer() -> APIServer? {
        guard case let .owner(source) = mode else { return nil }
        return APIServer(registry: wiring.registry, runtimeIds: [source.runtimeId], version: wiring.version,
                         logger: wiring.logger)
    }

    /// A client console watches its owner; when it stops answering, this
    /// process tries to become the owner (restore, reconnect on start,
    /// serve) and swaps its source in the registry. If another client won,
    /// this one stays attached and reaches the new owner through its retries.
    func startFailover(reconnectOnStart: Bool, onOwner: @escaping @Sendable (String) -> Void) {
        guard case let .client(remote) = mode else { return }
        remote.start()
        let task = Task { [self] in
            let statuses = remote.statusUpdates()
            // Started while the owner was not answering: try at once.
            if await remote.summary().status == .unavailable,
               await keepTryingToOwn(remote, reconnectOnStart: reconnectOnStart, onOwner: onOwner) { return }
            for await status in statuses where status == .unavailable {
                if await keepTryingToOwn(remote, reconnectOnStart: reconnectOnStart, onOwner: onOwner) { return }
            }
        }
        state.withLock { $0.failover = task }
    }

    /// While the owner does not answer: the old owner may still hold the
    /// lock for a moment as it exits, or another client may win; retry
    /// (every 200 ms, then up to 2 s apart) until this process owns the
    /// store or the remote answers again (another client became the owner).
    private func keepTryingToOwn(_ remote: RemoteSource, reconnectOnStart: Bool,
                                 onOwner: @escaping @Sendable (String) -> Void) async -> Bool {
        var pause = Duration.milliseconds(200)
        while !Task.isCancelled {
            if await takeOverIfFree(reconnectOnStart: reconnectOnStart, onOwner: onOwner) { return true }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .seconds(2))
            if await remote.summary().status != .unavailable { return false }
        }
        return false
    }

    /// Tries once to own the store; true when this process is now the owner.
    func takeOverIfFree(reconnectOnStart: Bool, onOwner: @escaping @Sendable (String) -> Void) async -> Bool {
        guard case let .client(remote) = mode else { return true }
        guard !FileStore.isOwned(root: wiring.paths.storeRoot) else { return false }
        let source = await Self.openStore(wiring, mode: .automatic)
        guard source.ownsStore else {
            _ = await source.close()
            return false
        }
        state.withLock { $0.mode = .owner(source) }
        do { try await wiring.registry.replace(source) } catch {
            wiring.logger.error("could not swap in the owned runtime", metadata: ["code": .string(error.code)])
        }
        _ = await remote.close()
        wiring.logger.notice("the owner went away; this console now owns and serves the workspace")
        startServing()
        var note = "the owner went away; this console now owns the workspace"
        if reconnectOnStart, let report = try? await source.reconnectStale(), !report.reconnected.isEmpty || !report.failed.isEmpty {
            note += "; " + report.summary
        }
        onOwner(note)
        return true
    }

    /// A read-only local source follows another writer by polling the
    /// store (no-op for an owner or a client: the owner pushes).
    func followLocalWrites() async {
        if case let .local(source) = mode { await source.startObserving() }
    }

    /// Stops serving and watching. The registry closes the source itself.
    func close() async {
        let (server, failover) = state.withLock { ($0.server, $0.failover) }
        failover?.cancel()
        server?.cancel()
        _ = await server?.value
        if case .owner = mode {
            try? FileManager.default.removeItem(atPath: socketPath)
        }
    }
}
