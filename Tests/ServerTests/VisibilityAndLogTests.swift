import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import Registry
@testable import Server
import Synchronization
import Testing

/// Only the served runtimes exist for a client; the log says what was
/// asked, never who asked with what.
@Suite struct VisibilityAndLogTests {
    let hidden = ServerHarness.hiddenRuntimeId

    @Test func aRuntimeThatIsNotServedIsInvisible() async throws {
        try await withServer { h in
            let hiddenWorker = try await h.registry.createWorker(runtime: hidden, CreateWorkerRequest(profile: "default"))
            let runtimes = try await h.send(.GET, "/v1/runtimes").decode([RuntimeSummary].self)
            #expect(runtimes.map(\.runtimeId) == [ServerHarness.runtimeId])
            for uri in ["/v1/runtimes/\(hidden)", "/v1/runtimes/\(hidden)/workers", "/v1/runtimes/\(hidden)/events",
                        "/v1/runtimes/\(hidden)/workers/\(hiddenWorker.workerId)", "/v1/stream?runtime=\(hidden)"] {
                let reply = try await h.send(.GET, uri)
                #expect(reply.status == 404, "\(uri)")
                #expect(try reply.decode(APIErrorBody.self).error.code == "unknown_runtime")
            }
            let post = try await h.send(.POST, "/v1/runtimes/\(hidden)/workers/\(hiddenWorker.workerId)/stop")
            #expect(post.status == 404)

            // Its live updates stay out of the stream: a hidden worker's
            // change, then a served one's; only the second arrives.
            var (_, stream) = try await h.openStream()
            _ = try await stream.next()
            _ = try await h.registry.stop(WorkerKey(runtimeId: hidden, workerId: hiddenWorker.workerId))
            let served = try await h.createWorker()
            let seen = try await stream.read {
                if case let .live(.workerChanged(summary)) = $0 { return summary.workerId == served.workerId }
                return false
            }
            #expect(!seen.contains { if case let .live(update) = $0 { update.key?.runtimeId == hidden } else { false } })
        }
    }

    @Test func requestsAreLoggedAtDebugWithoutTokenOrHeader() async throws {
        let lines = LogLines()
        var logger = Logger(label: "server-tests") { _ in LogRecords(lines: lines) }
        logger.logLevel = .debug
        try await withServer(logger: logger) { h in
            _ = try await h.send(.GET, "/v1/runtimes/\(ServerHarness.runtimeId)/workers?limit=3", via: .tcp(token: h.token))
            _ = try await h.send(.GET, "/v1/version", via: .tcp(token: "wrong-\(h.token)"))
            let lines = lines.all
            #expect(lines.contains { $0.contains("request") && $0.contains("route=/v1/runtimes/{runtime_id}/workers")
                    && $0.contains("status=200") && $0.contains("method=GET") && $0.contains("latency_ms=") })
            #expect(lines.contains { $0.contains("route=/v1/version") && $0.contains("status=401") })
            #expect(lines.contains { $0.contains("serving on the workspace socket") })
            for line in lines {
                #expect(!line.contains(h.token) && !line.contains("Bearer") && !line.contains("uthorization"))
                #expect(!line.contains(h.socketPath) && !line.contains(".sock"))
            }
        }
    }

    @Test func aChunkedBodyOverTheLimitIs413Too() async throws {
        try await withServer { h in
            let worker = try await h.createWorker()
            var request = HTTPClientRequest(url: h.url("/v1/runtimes/\(ServerHarness.runtimeId)/workers/\(worker.workerId)/input", via: .socket))
            request.method = .POST
            let chunk = ByteBuffer(repeating: UInt8(ascii: "a"), count: 64 << 10)
            request.body = .stream(AsyncStream<ByteBuffer> { continuation in
                for _ in 0..<40 { continuation.yield(chunk) }
                continuation.finish()
            }, length: .unknown)
            let response = try await h.client.execute(request, timeout: .seconds(30))
            #expect(response.status.code == 413)
            #expect(try await response.body.collect(upTo: 1 << 20).readableBytes == 0)
        }
    }
}

/// Every line logged through `LogRecords` handlers sharing it.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

/// A log handler that keeps each line with its metadata, flattened. A
/// value, as swift-log expects: the server's copy at another level must not
/// change this one's.
struct LogRecords: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
             function: String, line: UInt) {
        let all = self.metadata.merging(metadata ?? [:]) { $1 }
        let flat = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        lines.append("\(message) \(flat)")
    }
}
