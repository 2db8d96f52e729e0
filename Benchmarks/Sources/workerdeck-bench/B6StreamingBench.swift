// B6 (quality.md): 100 workers streaming concurrently from a loopback
// server at 50 deltas/s each for 30 s, through the real WorkerRuntime and
// LLMBackend (openai_chat over AsyncHTTPClient). Checks every committed
// entry is present and complete; measures process CPU (getrusage, server
// included: it runs in this process) and delta latency from the server
// writing the delta's bytes to the delta reaching an `observeAll` stream.
//
// Wiring (in the Benchmarks package, which depends on the root by path and
// needs library products for `Runtime` and `Providers`): add NIOCore,
// NIOPosix, NIOHTTP1 to the `workerdeck-bench` target, then call
// `try await runB6()` from main and print its rows.
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Providers
import Runtime

/// One printed line of the B6 table.
struct B6Row: Sendable {
    var metric: String
    var value: String
    var target: String
}

/// Runs B6 and returns its table rows.
func runB6(workers: Int = 100, deltasPerSecond: Int = 50, seconds: Int = 30) async throws -> [B6Row] {
    let deltasPerTurn = deltasPerSecond * seconds
    let server = try await B6Server.start(deltas: deltasPerTurn, interval: .milliseconds(1000 / deltasPerSecond))
    let config = try ProvidersConfig.parse(text: """
        [providers.bench]
        scheme = "openai_chat"
        base_url = "http://127.0.0.1:\(server.port)/v1"
        auth = "none"
        [profiles.bench]
        model = "bench/stream"
        """, fileName: "b6.toml").config
    let backend = LLMBackend(config: config, environment: [:])
    let runtime = try WorkerRuntime(workspaceId: "bench-b6", store: MemoryStore(), backend: backend)

    var refs: [WorkerRef] = []
    for _ in 0..<workers { refs.append(try await runtime.createWorker(profile: "bench").ref) }
    let live = await runtime.observeAll()
    let collector = Task { () -> (latencies: [UInt64], ended: Int, deltas: Int) in
        var latencies: [UInt64] = []
        latencies.reserveCapacity(workers * deltasPerTurn)
        var ended = 0
        var deltas = 0
        for await item in live {
            switch item.event {
            case let .textDelta(_, text):
                let now = DispatchTime.now().uptimeNanoseconds
                deltas += 1
                // Each delta is "<send-ns>;" — the server's clock, same process.
                if let sent = UInt64(text.dropLast()) { latencies.append(now &- sent) }
            case .turnEnded:
                ended += 1
                if ended == workers { return (latencies, ended, deltas) }
            default:
                break
            }
        }
        return (latencies, ended, deltas)
    }

    let cpuBefore = processCPUSeconds()
    let wallStart = ContinuousClock.now
    for ref in refs { _ = try await runtime.sendInput(ref, text: "stream please") }
    let (latencies, ended, deltas) = await collector.value
    let wall = ContinuousClock.now - wallStart
    let cpu = processCPUSeconds() - cpuBefore

    var complete = 0
    for ref in refs {
        let items = try await runtime.transcript(ref, start: 0, limit: 10).items
        if items.count == 2, items[1].role == .assistant,
           items[1].content.split(separator: ";").count == deltasPerTurn {
            complete += 1
        }
    }
    await backend.shutdown()
    await server.close()

    let sorted = latencies.sorted()
    func percentile(_ p: Double) -> String {
        guard !sorted.isEmpty else { return "n/a" }
        let ns = sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
        return String(format: "%.2f ms", Double(ns) / 1e6)
    }
    let wallSeconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
    return [
        B6Row(metric: "B6 turns ended", value: "\(ended)/\(workers)", target: "all"),
        B6Row(metric: "B6 committed replies complete", value: "\(complete)/\(workers)", target: "all"),
        B6Row(metric: "B6 deltas observed", value: "\(deltas)/\(workers * deltasPerTurn)", target: "all"),
        B6Row(metric: "B6 delta latency p50", value: percentile(0.50), target: "-"),
        B6Row(metric: "B6 delta latency p99", value: percentile(0.99), target: "< 16 ms"),
        B6Row(metric: "B6 process CPU (cores, server included)",
              value: String(format: "%.2f", cpu / max(wallSeconds, 0.001)), target: "< 1"),
    ]
}

/// User plus system CPU seconds of this process.
func processCPUSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// A loopback OpenAI-compatible server that streams `deltas` chunks per
/// request, `interval` apart, each carrying its send time in nanoseconds.
final class B6Server: Sendable {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>
    let port: Int
    private let channel: NIOAsyncChannel<Connection, Never>
    private let task: Task<Void, Never>

    private init(port: Int, channel: NIOAsyncChannel<Connection, Never>, task: Task<Void, Never>) {
        self.port = port
        self.channel = channel
        self.task = task
    }

    static func start(deltas: Int, interval: Duration) async throws -> B6Server {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 512)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try Connection(wrappingChannelSynchronously: child)
                }
            }
        let task = Task<Void, Never> {
            _ = try? await channel.executeThenClose { inbound in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await connection in inbound {
                            group.addTask { await serve(connection, deltas: deltas, interval: interval) }
                        }
                    } catch {}
                }
            }
        }
        return B6Server(port: channel.channel.localAddress?.port ?? 0, channel: channel, task: task)
    }

    func close() async {
        try? await channel.channel.close()
        task.cancel()
    }

    private static func serve(_ connection: Connection, deltas: Int, interval: Duration) async {
        try? await connection.executeThenClose { inbound, outbound in
            for try await part in inbound {
                guard case .end = part else { continue }
                var headers = HTTPHeaders()
                headers.add(name: "content-type", value: "text/event-stream")
                try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers)))
                let clock = ContinuousClock()
                var deadline = clock.now
                for _ in 0..<deltas {
                    deadline += interval
                    try await clock.sleep(until: deadline)
                    let stamp = DispatchTime.now().uptimeNanoseconds
                    let chunk = #"data: {"choices":[{"index":0,"delta":{"content":"\#(stamp);"}}]}"# + "\n\n"
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(string: chunk))))
                }
                let tail = #"data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"# + "\n\n"
                    + #"data: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":\#(deltas)}}"# + "\n\ndata: [DONE]\n\n"
                try await outbound.write(.body(.byteBuffer(ByteBuffer(string: tail))))
                try await outbound.write(.end(nil))
            }
        }
    }
}
