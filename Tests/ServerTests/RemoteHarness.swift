import Foundation
import Logging
@testable import Remote
import Registry
import Runtime
@testable import Server
import Synchronization
import Testing
import TestSupport

/// An owner whose server can be stopped and started again on the same
/// socket, over the same registry (a restarted `workerdeck serve`).
final class RemoteOwner: Sendable {
    let root: URL
    let socketPath: String
    let backend = TestBackend()
    let registry = RuntimeRegistry()
    private let running = Mutex<Task<Void, Never>?>(nil)

    /// `workdirDiff`: the owner's diff view (nil: its source answers unsupported).
    init(workdirDiff: WorkdirDiffer? = nil) throws {
        // Short: a socket path must stay under 108 bytes.
        root = URL(fileURLWithPath: "/tmp").appendingPathComponent("wdr-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        socketPath = root.appendingPathComponent("api.sock").path
        let runtime = try WorkerRuntime(workspaceId: "ws-0123456789ab", store: MemoryStore(), backend: backend, now: { fixedDate })
        try registry.register(EmbeddedSource(runtime: runtime, workdirDiff: workdirDiff))
    }

    /// Serves until `stop()`; returns once the socket accepts connections.
    func start() async throws {
        var logger = Logger(label: "remote-owner")
        logger.logLevel = .critical
        let server = APIServer(registry: registry, runtimeIds: ["backend-internal"], version: "9.9.9-test", logger: logger)
        let (ready, readyContinuation) = AsyncStream<Void>.makeStream()
        let task = Task { [socketPath] in
            try? await server.run([.unixSocket(path: socketPath)]) { _ in readyContinuation.yield() }
            readyContinuation.finish()
        }
        running.withLock { $0 = task }
        var started = false
        for await _ in ready {
            started = true
            break
        }
        try #require(started, "the owner's server did not start")
    }

    /// Stops the server (an owner that went away) and waits for it.
    func stop() async {
        let task = running.withLock { task -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        task?.cancel()
        await task?.value
    }

    func remove() async {
        await stop()
        _ = await registry.close()
        try? FileManager.default.removeItem(at: root)
    }

    func remote(id: String = "remote:build-1", name: String = "build-1", readOnly: Bool = false,
                timing: RemoteTiming = RemoteTiming()) -> RemoteSource {
        var logger = Logger(label: "remote-tests")
        logger.logLevel = .critical
        return RemoteSource(config: RemoteConfig(runtimeId: id, displayName: name, endpoint: .unixSocket(path: socketPath),
                                                 readOnly: readOnly),
                            logger: logger, timing: timing)
    }
}

/// A sleeper the test opens: the loop's waits hold until `open()`, and pass
/// at once while open. Cancellation (close) ends a wait.
final class RemoteTestGate: Sendable {
    private struct State {
        var open = false
        var waiters: [UInt64: CheckedContinuation<Void, any Error>] = [:]
        var cancelled: Set<UInt64> = []
        var next: UInt64 = 0
        var waits = 0
    }

    private let state = Mutex(State())

    var timing: RemoteTiming { RemoteTiming(sleep: { _ in try await self.wait() }) }

    var waits: Int { state.withLock { $0.waits } }

    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        waiters.forEach { $0.resume() }
    }

    func close() { state.withLock { $0.open = false } }

    private func wait() async throws {
        let id = state.withLock { state in
            defer { state.next += 1 }
            state.waits += 1
            return state.next
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Now { case wait, go, cancel }
                let now = state.withLock { state -> Now in
                    if state.cancelled.contains(id) { return .cancel }
                    if state.open { return .go }
                    state.waiters[id] = continuation
                    return .wait
                }
                switch now {
                case .wait: break
                case .go: continuation.resume()
                case .cancel: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                state.cancelled.insert(id)
                return state.waiters.removeValue(forKey: id)
            }
            waiter?.resume(throwing: CancellationError())
        }
    }
}

extension RemoteSource {
    /// Waits until the status is `wanted` (the suite's time limit guards a hang).
    func waitFor(_ wanted: Registry.RuntimeStatus) async {
        for await status in statusUpdates() where status == wanted { return }
    }
}

/// Reads `stream` until `match` says an element is the one; returns it.
func remoteFirst<S: AsyncSequence>(_ stream: S, where match: (S.Element) -> Bool) async -> S.Element? {
    var iterator = stream.makeAsyncIterator()
    while let element = try? await iterator.next() {
        if match(element) { return element }
    }
    return nil
}
