import Foundation
import Logging
@testable import Remote
import Registry
import Synchronization
import Testing

/// Records the loop's waits without waiting; after `limit` waits it stops
/// the loop (as cancellation would) and says so.
final class RemoteTestSleeper: Sendable {
    let delays = Mutex<[Duration]>([])
    let limit: Int
    let done: AsyncStream<Void>
    private let signal: AsyncStream<Void>.Continuation

    init(limit: Int) {
        self.limit = limit
        (done, signal) = AsyncStream<Void>.makeStream()
    }

    func sleep(_ delay: Duration) async throws {
        let count = delays.withLock { $0.append(delay); return $0.count }
        if count >= limit {
            signal.finish()
            throw CancellationError()
        }
    }

    func waitUntilDone() async { for await _ in done {} }

    var timing: RemoteTiming { RemoteTiming(sleep: { try await self.sleep($0) }) }
}

/// A temporary directory whose path the tests look for in every message.
func remoteTempDir() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("wd-remote-\(UUID().uuidString.prefix(8))")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

struct RemoteConnectionTests {
    let dir = remoteTempDir()
    var socket: String { dir.appendingPathComponent("api.sock").path }

    func source(readOnly: Bool = false, kind: ImplementationKind = .remoteWorkerRuntime,
                timing: RemoteTiming = RemoteTiming()) -> RemoteSource {
        RemoteSource(config: RemoteConfig(runtimeId: "remote:build-1", displayName: "build-1", endpoint: .unixSocket(path: socket),
                                          token: "sekrit-token", readOnly: readOnly, implementationKind: kind),
                     logger: Logger(label: "test"), timing: timing)
    }

    @Test func anAbsentOwnerIsRetriedWithCappedBackoffAndShownUnavailable() async throws {
        let sleeper = RemoteTestSleeper(limit: 9)
        let remote = source(timing: sleeper.timing)
        let statuses = remote.statusUpdates()
        #expect(await remote.summary().status == .connecting)
        remote.start()
        await sleeper.waitUntilDone()
        #expect(sleeper.delays.withLock { $0 } == [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2),
                                                    .seconds(4), .seconds(8), .seconds(10), .seconds(10), .seconds(10)])
        #expect(remote.status == .unavailable)
        let summary = await remote.summary()
        #expect(summary.status == .unavailable)
        #expect(summary.diagnostics.map(\.code) == ["remote_owner_unreachable"])
        #expect(summary.diagnostics.first?.message == "cannot reach remote build-1")
        let json = ProjectionJSON.string(summary)
        #expect(!json.contains(dir.path) && !json.contains(".sock") && !json.contains("sekrit"))
        _ = await remote.close()
        // Connecting, then unavailable once (not once per attempt), then the end.
        #expect(await remoteCollect(statuses) == [.connecting, .unavailable])
    }

    @Test func connectFailsFastWhenNobodyListens() async {
        let remote = source()
        await #expect(throws: SourceError.unavailable(code: "owner_unreachable", message: "cannot reach remote build-1")) {
            try await remote.connect()
        }
        await #expect(throws: SourceError.unavailable(code: "owner_unreachable", message: "cannot reach remote build-1")) {
            _ = try await remote.listWorkers(limit: 10)
        }
        _ = await remote.close()
    }

    @Test func theLocalOwnerUnreachableIsAnUnavailableEmbeddedRuntime() async {
        let remote = source(kind: .embeddedWorkerRuntime)
        let before = await remote.summary()
        #expect(before.status == .unavailable && before.implementationKind == .embeddedWorkerRuntime)
        #expect(before.diagnostics.map(\.code) == ["embedded_owner_connecting"])
        _ = await remote.close()
    }

    @Test func aReadOnlyRemoteRefusesMutationsWithoutARequest() async {
        // Nobody listens: a request would fail `unavailable`, not `readOnly`.
        let remote = source(readOnly: true)
        await #expect(throws: SourceError.readOnly) { _ = try await remote.create(CreateWorkerRequest()) }
        await #expect(throws: SourceError.readOnly) { _ = try await remote.sendInput("w-1", text: "hi") }
        await #expect(throws: SourceError.readOnly) { _ = try await remote.interrupt("w-1") }
        await #expect(throws: SourceError.readOnly) { _ = try await remote.stop("w-1") }
        await #expect(throws: SourceError.readOnly) { _ = try await remote.cancel("w-1") }
        await #expect(throws: SourceError.readOnly) { _ = try await remote.reconnect("w-1") }
        await #expect(throws: SourceError.readOnly) { _ = try await remote.reconnectStale() }
        let summary = await remote.summary()
        #expect(summary.capabilities.readOnly && !summary.capabilities.canCreateWorker)
        _ = await remote.close()
    }

    @Test func closeEndsEveryStreamAndLaterCallsFailClosed() async throws {
        // The loop's waits are an hour long: only close (cancellation) ends them.
        let remote = source(timing: RemoteTiming(backoff: Backoff(initial: .seconds(3600), cap: .seconds(3600)),
                                                 sleep: { try await Task.sleep(for: $0) }))
        let live = try await remote.observeAll()
        let one = try await remote.observe("w-1")
        let statuses = remote.statusUpdates()
        _ = await remote.close()
        #expect(await remoteCollect(live).isEmpty)
        #expect(await remoteCollect(one).isEmpty)
        #expect(await remoteCollect(statuses).last == .unavailable)
        await #expect(throws: SourceError.self) { _ = try await remote.observeAll() }
        await #expect(throws: SourceError.self) { _ = try await remote.listWorkers(limit: 1) }
        #expect(await remote.summary().status == .unavailable)
        #expect(await remote.close().isEmpty) // twice is harmless
    }
}
