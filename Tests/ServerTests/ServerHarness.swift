import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Registry
import Runtime
@testable import Server
import Synchronization
import Testing
import TestSupport

/// A served embedded runtime for one test: a `RuntimeRegistry` over a
/// `WorkerRuntime` with a `TestBackend`, served on a Unix socket in a fresh
/// temporary directory and on loopback TCP with its own token store.
final class ServerHarness: Sendable {
    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try ProjectionJSON.decoder().decode(type, from: body) }
        func object() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        }
    }

    let root: URL
    let socketPath: String
    let tokens: TokenStore
    let token: String
    let backend: TestBackend
    let registry: RuntimeRegistry
    let server: APIServer
    let port: Int
    private let task: Task<Result<Void, ServerError>, Never>
    /// Every body any request of this harness received, for the leak scan.
    let bodies = Mutex<[String]>([])

    static let runtimeId = "backend-internal"
    /// Registered in the same registry but not served: must stay invisible.
    static let hiddenRuntimeId = "hidden-runtime"

    private init(root: URL, socketPath: String, tokens: TokenStore, token: String, backend: TestBackend, registry: RuntimeRegistry,
                 server: APIServer, port: Int, task: Task<Result<Void, ServerError>, Never>) {
        self.root = root
        self.socketPath = socketPath
        self.tokens = tokens
        self.token = token
        self.backend = backend
        self.registry = registry
        self.server = server
        self.port = port
        self.task = task
    }

    /// Starts a server and waits until both endpoints listen.
    static func start(streamBufferLimit: Int = 2048, tls: TLSFiles? = nil, logger: Logger? = nil) async throws -> ServerHarness {
        // Short: a socket path must stay under 108 bytes.
        let root = URL(fileURLWithPath: "/tmp").appendingPathComponent("wds-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let socketPath = root.appendingPathComponent("api.sock").path
        let tokens = TokenStore(directory: root.appendingPathComponent("tokens"))
        let token = try tokens.create(name: "test")
        let backend = TestBackend()
        let runtime = try WorkerRuntime(workspaceId: "ws-0123456789ab", store: MemoryStore(), backend: backend, now: { fixedDate })
        let registry = RuntimeRegistry()
        try registry.register(EmbeddedSource(runtime: runtime, workdirDiff: { _, _ in
            WorkdirDiff(directory: "workspace", diff: "--- a/README\n+++ b/README\n@@ -1 +1 @@\n-old\n+new\n")
        }))
        let hidden = try WorkerRuntime(id: RuntimeId("hidden-runtime"), workspaceId: "ws-0123456789ab", store: MemoryStore(),
                                       backend: TestBackend(), now: { fixedDate })
        try registry.register(EmbeddedSource(runtime: hidden))
        let logger = logger ?? {
            var quiet = Logger(label: "server-tests")
            quiet.logLevel = .critical
            return quiet
        }()
        let server = APIServer(registry: registry, runtimeIds: [runtimeId], version: "9.9.9-test", logger: logger,
                               streamBufferLimit: streamBufferLimit)
        let (ready, readyContinuation) = AsyncStream<ListeningEndpoint>.makeStream()
        let endpoints: [ServerEndpoint] = [
            .unixSocket(path: socketPath),
            .tcp(host: "127.0.0.1", port: 0, tls: tls, tokens: tokens),
        ]
        let task = Task {
            do throws(ServerError) {
                try await server.run(endpoints) { readyContinuation.yield($0) }
                readyContinuation.finish()
                return Result<Void, ServerError>.success(())
            } catch {
                readyContinuation.finish()
                return .failure(error)
            }
        }
        var port: Int?
        var listening = 0
        for await endpoint in ready {
            listening += 1
            if let bound = endpoint.port { port = bound }
            if listening == endpoints.count { break }
        }
        guard listening == endpoints.count, let port else {
            let outcome = await task.value
            throw HarnessError.didNotStart("\(outcome)")
        }
        return ServerHarness(root: root, socketPath: socketPath, tokens: tokens, token: token, backend: backend, registry: registry,
                             server: server, port: port, task: task)
    }

    enum HarnessError: Error { case didNotStart(String), timedOut(String) }

    /// Stops the server (and waits for it), then removes the directory.
    func stop() async {
        task.cancel()
        _ = await task.value
        try? FileManager.default.removeItem(at: root)
    }

    enum Via { case socket, tcp(token: String?) }

    /// One request; the whole body is read (up to 16 MiB).
    func send(_ method: HTTPMethod, _ uri: String, body: Data? = nil, via: Via = .socket,
              headers: [(String, String)] = [], scheme: String = "http") async throws -> Reply {
        var request = HTTPClientRequest(url: url(uri, via: via, scheme: scheme))
        request.method = method
        if case let .tcp(token?) = via { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        let reply = Reply(status: Int(response.status.code), headers: response.headers, body: Data(bytes.readableBytesView))
        bodies.withLock { $0.append(reply.text) }
        return reply
    }

    func url(_ uri: String, via: Via, scheme: String = "http") -> String {
        switch via {
        case .socket: URL(httpURLWithSocketPath: socketPath, uri: uri)!.absoluteString
        case .tcp: "\(scheme)://127.0.0.1:\(port)\(uri)"
        }
    }

    var client: HTTPClient { HTTPClient.shared }

    /// JSON of an Encodable, the way a client sends it.
    static func json<T: Encodable>(_ value: T) -> Data { try! ProjectionJSON.encoder().encode(value) }

    /// Creates a worker through the API and returns it.
    func createWorker(label: String = "api worker") async throws -> WorkerSummary {
        let reply = try await send(.POST, "/v1/runtimes/\(Self.runtimeId)/workers",
                                   body: Self.json(CreateWorkerBody(profile: "default", label: label)))
        #expect(reply.status == 201)
        return try reply.decode(WorkerSummary.self)
    }
}

/// Waits for a condition with a generous bound, polling with yields (no
/// fixed sleeps: the deadline only guards against a hang).
func eventually(_ what: String, timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        if ContinuousClock.now > deadline { throw ServerHarness.HarnessError.timedOut(what) }
        try await Task.sleep(for: .milliseconds(5))
    }
}

/// Runs `body` against a fresh server, always stopping it afterwards.
func withServer(streamBufferLimit: Int = 2048, tls: TLSFiles? = nil, logger: Logger? = nil,
                _ body: (ServerHarness) async throws -> Void) async throws {
    let harness = try await ServerHarness.start(streamBufferLimit: streamBufferLimit, tls: tls, logger: logger)
    do {
        try await body(harness)
    } catch {
        await harness.stop()
        throw error
    }
    await harness.stop()
}
