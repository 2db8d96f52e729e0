import Foundation
import Hummingbird
import Logging
import NIOCore
@testable import Remote
import Registry
import Synchronization
import Testing

/// A hand-made owner for what the real server does not do on demand:
/// speak another API version, or tell a client it lagged.
final class RemoteFakeOwner: Sendable {
    let root: URL
    let socketPath: String
    private let task: Task<Void, Never>

    private init(root: URL, socketPath: String, task: Task<Void, Never>) {
        self.root = root
        self.socketPath = socketPath
        self.task = task
    }

    static func json<T: Encodable>(_ value: T) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: ProjectionJSON.string(value))))
    }

    static func start(_ routes: @Sendable (Router<BasicRequestContext>) -> Void) async throws -> RemoteFakeOwner {
        let root = URL(fileURLWithPath: "/tmp").appendingPathComponent("wdf-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let socketPath = root.appendingPathComponent("api.sock").path
        let router = Router()
        routes(router)
        var logger = Logger(label: "fake-owner")
        logger.logLevel = .critical
        let (ready, readyContinuation) = AsyncStream<Void>.makeStream()
        let app = Application(router: router, configuration: ApplicationConfiguration(address: .unixDomainSocket(path: socketPath)),
                              onServerRunning: { _ in readyContinuation.yield() }, logger: logger)
        let task = Task {
            try? await app.run()
            readyContinuation.finish()
        }
        for await _ in ready { break }
        return RemoteFakeOwner(root: root, socketPath: socketPath, task: task)
    }

    func stop() async {
        task.cancel()
        await task.value
        try? FileManager.default.removeItem(at: root)
    }

    func remote(timing: RemoteTiming = RemoteTiming()) -> RemoteSource {
        var logger = Logger(label: "remote-tests")
        logger.logLevel = .critical
        return RemoteSource(config: RemoteConfig(runtimeId: "remote:fake", displayName: "fake", endpoint: .unixSocket(path: socketPath)),
                            logger: logger, timing: timing)
    }
}

@Suite(.timeLimit(.minutes(1)))
struct RemoteFakeOwnerTests {
    static let runtime = RuntimeSummary(runtimeId: "backend-internal", displayName: "Embedded runtime",
                                        implementationKind: .embeddedWorkerRuntime, status: .running,
                                        capabilities: Capabilities(canListWorkers: true), counts: .init(workers: 1), diagnostics: [])
    static let worker = WorkerSummary(runtimeId: "backend-internal", workerId: "w-0001", label: "w", implementationKind: .embeddedWorkerRuntime,
                                      status: .idle, runState: .idle)

    static func event(_ id: Int64) -> RuntimeEventProjection {
        RuntimeEventProjection(id: id, runtimeId: "backend-internal", workerId: "w-0001", kind: "k", message: "event \(id)",
                               createdAt: Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test func anotherAPIVersionIsRefusedClearlyAndRetriedOnlyAtTheCap() async throws {
        let owner = try await RemoteFakeOwner.start { router in
            router.get("/v1/version") { _, _ in RemoteFakeOwner.json(APIVersionInfo(apiVersion: 2, version: "3.0.0")) }
        }
        let sleeper = RemoteTestSleeper(limit: 3)
        let remote = owner.remote(timing: sleeper.timing)
        let expected = SourceError.unavailable(code: "remote_incompatible", message: "remote fake speaks API v2; this workerdeck speaks v1")
        await #expect(throws: expected) { try await remote.connect() }
        remote.start()
        await sleeper.waitUntilDone()
        #expect(sleeper.delays.withLock { $0 } == [.seconds(10), .seconds(10), .seconds(10)])
        let summary = await remote.summary()
        #expect(summary.status == .unavailable)
        #expect(summary.diagnostics.map(\.code) == ["remote_incompatible"])
        #expect(summary.diagnostics.first?.message == "remote fake speaks API v2; this workerdeck speaks v1")
        _ = await remote.close()
        await owner.stop()
    }

    /// A `lagged` message: the client re-reads the log from its `from` and
    /// refreshes every worker.
    @Test func aLaggedStreamIsRecoveredFromTheEventLog() async throws {
        let reads = Mutex<[Int64]>([])
        let owner = try await RemoteFakeOwner.start { router in
            router.get("/v1/version") { _, _ in RemoteFakeOwner.json(APIVersionInfo(version: "1.0.0")) }
            router.get("/v1/runtimes") { _, _ in RemoteFakeOwner.json([Self.runtime]) }
            router.get("/v1/runtimes/backend-internal/workers") { _, _ in
                RemoteFakeOwner.json(WorkersPage(runtimeId: "backend-internal", workers: [Self.worker], truncated: false))
            }
            router.get("/v1/runtimes/backend-internal/events") { request, _ in
                let from = request.uri.queryParameters.get("from", as: Int64.self) ?? 1
                reads.withLock { $0.append(from) }
                // Two pages: 1…2, then 3…4.
                let ids: [Int64] = from <= 2 ? [1, 2].filter { $0 >= from } : [3, 4].filter { $0 >= from }
                return RemoteFakeOwner.json(EventsPage(runtimeId: "backend-internal", events: ids.map(Self.event),
                                                       nextCursor: (ids.last ?? from - 1) + 1, hasMore: from <= 2))
            }
            router.get("/v1/stream") { _, _ in
                var headers = HTTPFields()
                headers[.contentType] = "text/event-stream"
                return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                    let frames = StreamMessage.hello(StreamHello(runtimeId: "backend-internal", nextEventId: 5)).sseFrame()
                        + StreamMessage.lagged(StreamLagged(from: 2)).sseFrame()
                    // Split mid-frame, as a network may.
                    let bytes = Array(frames.utf8)
                    try await writer.write(ByteBuffer(bytes: bytes[..<17]))
                    try await writer.write(ByteBuffer(bytes: bytes[17...]))
                    // Stay open until the client leaves.
                    while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
                    try await writer.finish(nil)
                })
            }
        }
        let remote = owner.remote()
        // Live first: the refresh after the hello must not pass before it.
        let live = try await remote.observeAll()
        let events = try await remote.subscribe(from: 4)
        var iterator = events.makeAsyncIterator()
        // The catch-up from 4, then nothing twice though the lag re-read 2…4.
        #expect(await iterator.next()?.id == 4)
        // Every worker after the hello, and again after the lag.
        var liveIterator = live.makeAsyncIterator()
        var changed: [LiveUpdate] = []
        while changed.count < 2, let update = await liveIterator.next() {
            if case .workerChanged = update { changed.append(update) }
        }
        #expect(changed.last == .workerChanged(WorkerSummary(runtimeId: "remote:fake", workerId: "w-0001", label: "w",
                                                        implementationKind: .remoteWorkerRuntime, status: .idle, runState: .idle)))
        #expect(remote.status == .connected)
        // The subscription's catch-up (4) and the lag's re-read: 2, and its second page 3.
        #expect(reads.withLock { $0 }.sorted() == [2, 3, 4])
        _ = await remote.close()
        #expect(await iterator.next() == nil, "no duplicate after the re-read; the stream ends on close")
        await owner.stop()
    }
}
