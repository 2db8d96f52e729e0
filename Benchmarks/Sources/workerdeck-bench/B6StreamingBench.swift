// B6 (quality.md): 100 workers streaming concurrently from a loopback
// server at 50 deltas/s each for 30 s, through the real WorkerRuntime and
// LLMBackend (openai_chat over AsyncHTTPClient). Checks every committed
// entry is present and complete; measures process CPU (getrusage, server
// included: it runs in this process) and delta latency from the server
// writing the delta's bytes to the delta reaching an `observeAll` stream.
// The console side: every delta goes through the console's reducer, with
// one of the streaming workers open in a 200×60 view, and a frame is
// rendered (pure render, layout cache as the loop keeps it) at most 30
// times a second as the loop paces it; the render times give "render p99".
//
// Wiring (in the Benchmarks package, which depends on the root by path and
// needs library products for `Runtime` and `Providers`): add NIOCore,
// NIOPosix, NIOHTTP1 to the `workerdeck-bench` target, then call
// `try await runB6()` from main and print its rows.
import Console
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Providers
import Registry
import Runtime

/// One printed line of the B6 table.
struct B6Row: Sendable {
    var metric: String
    var value: String
    var target: String
    var verdict = "info"
}

/// Runs B6 and returns its table rows.
func runB6(workers: Int = 100, deltasPerSecond: Int = 50, seconds: Int = 30) async throws -> [B6Row] {
    let deltasPerTurn = deltasPerSecond * seconds
    let server = try await B6Server.start(deltas: deltasPerTurn, interval: .milliseconds(1000 / deltasPerSecond))
    let (backend, runtime) = try server.loopbackRuntime()

    var refs: [WorkerRef] = []
    for _ in 0..<workers { refs.append(try await runtime.createWorker(profile: "bench").ref) }
    let live = await runtime.observeAll()
    // The console: all workers listed, the first one open and streaming.
    var console = ConsoleWorld.state(entries: 60, streamingText: "")
    let keys = refs.map { WorkerKey(runtimeId: ConsoleWorld.runtimeId, workerId: $0.workerId.description) }
    console.workers = keys.map { WorkerRow(key: $0, status: .busy, profile: "bench", model: "bench/stream") }
    console.transcripts[keys[0]] = console.transcripts[ConsoleWorld.openKey]
    console.openWorker = keys[0]
    let consoleState = console
    let theme = ConsoleWorld.theme()
    let collector = Task { () -> (latencies: [UInt64], ended: Int, deltas: Int, renders: [Double]) in
        var state = consoleState
        let cache = TranscriptLayoutCache()
        var latencies: [UInt64] = []
        latencies.reserveCapacity(workers * deltasPerTurn)
        var renders: [Double] = []
        var ended = 0
        var deltas = 0
        var lastFrame = ContinuousClock.now
        var dirty = false
        for await item in live {
            switch item.event {
            case let .textDelta(turn, text):
                let now = DispatchTime.now().uptimeNanoseconds
                deltas += 1
                // Each delta is "<send-ns>;" — the server's clock, same process.
                if let sent = UInt64(text.dropLast()) { latencies.append(now &- sent) }
                let key = WorkerKey(runtimeId: ConsoleWorld.runtimeId, workerId: item.ref.workerId.description)
                _ = reduce(&state, .turnDeltaArrived(key, turn: "\(turn)", text: text + " "))
                dirty = true
            case .turnEnded:
                ended += 1
                if ended == workers { return (latencies, ended, deltas, renders) }
            default:
                break
            }
            // The loop's pacing: at most one frame per 1/30 s while streaming.
            if dirty, ContinuousClock.now - lastFrame >= .milliseconds(33) {
                renders.append(Measure.ms { _ = render(state, size: ConsoleWorld.size, theme: theme, cache: cache) })
                lastFrame = ContinuousClock.now
                dirty = false
            }
        }
        return (latencies, ended, deltas, renders)
    }

    let cpuBefore = processCPUSeconds()
    let wallStart = ContinuousClock.now
    for ref in refs { _ = try await runtime.sendInput(ref, text: "stream please") }
    let (latencies, ended, deltas, renders) = await collector.value
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
    func latency(_ p: Double) -> Double {
        sorted.isEmpty ? .infinity : Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1e6
    }
    let wallSeconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
    let cores = cpu / max(wallSeconds, 0.001)
    let renderP99 = renders.isEmpty ? .infinity : Measure.percentile(renders, 99)
    func verdict(_ ok: Bool) -> String { ok ? "met" : "MISSED" }
    return [
        B6Row(metric: "turns ended", value: "\(ended)/\(workers)", target: "all", verdict: verdict(ended == workers)),
        B6Row(metric: "committed replies complete", value: "\(complete)/\(workers)", target: "all",
              verdict: verdict(complete == workers)),
        B6Row(metric: "deltas observed", value: "\(deltas)/\(workers * deltasPerTurn)", target: "all",
              verdict: verdict(deltas == workers * deltasPerTurn)),
        B6Row(metric: "delta latency, server write → observeAll, p50 / p99",
              value: String(format: "%.2f / %.2f ms", latency(0.5), latency(0.99)), target: "—"),
        B6Row(metric: "console render (200×60, open worker streaming, \(renders.count) frames) p50 / p99",
              value: String(format: "%.2f / %.2f ms", renders.isEmpty ? .infinity : Measure.percentile(renders, 50), renderP99),
              target: "p99 < 16 ms", verdict: verdict(renderP99 < 16)),
        B6Row(metric: "process CPU (server, runtime and console render in one process)",
              value: String(format: "%.2f cores", cores), target: "< 1 core", verdict: verdict(cores < 1)),
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

    /// Prose deltas for B6 (real binary), B12 and B13: `wN ` words, a newline
    /// after every tenth, JSON-escaped as `content` needs them.
    static let prose: @Sendable (Int) -> String = { "w\($0)" + ($0 % 10 == 9 ? "\\n" : " ") }

    /// The text `count` prose deltas make once decoded.
    static func proseText(_ count: Int) -> String {
        (0..<count).map { "w\($0)" + ($0 % 10 == 9 ? "\n" : " ") }.joined()
    }

    /// A real `LLMBackend` (openai_chat, profile `bench`) and `WorkerRuntime`
    /// over a memory store, streaming from this server (B6's in-process runs).
    func loopbackRuntime() throws -> (backend: LLMBackend, runtime: WorkerRuntime) {
        let config = try ProvidersConfig.decode(ConfigDocument(file: "b6.toml", entries: [
            ("providers.bench.scheme", "openai_chat"),
            ("providers.bench.base_url", .string("http://127.0.0.1:\(port)/v1")),
            ("providers.bench.auth", "none"),
            ("profiles.bench.model", "bench/stream"),
        ])).config
        let backend = LLMBackend(config: config, environment: [:])
        return (backend, try WorkerRuntime(workspaceId: "bench-b6", store: MemoryStore(), backend: backend))
    }

    /// `content(i)` is the text of delta `i` (default: its send time, for B6's latency).
    static func start(deltas: Int, interval: Duration,
                      content: (@Sendable (Int) -> String)? = nil) async throws -> B6Server {
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
                            group.addTask { await serve(connection, deltas: deltas, interval: interval, content: content) }
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

    private static func serve(_ connection: Connection, deltas: Int, interval: Duration,
                              content: (@Sendable (Int) -> String)?) async {
        try? await connection.executeThenClose { inbound, outbound in
            for try await part in inbound {
                guard case .end = part else { continue }
                var headers = HTTPHeaders()
                headers.add(name: "content-type", value: "text/event-stream")
                try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers)))
                let clock = ContinuousClock()
                var deadline = clock.now
                for index in 0..<deltas {
                    deadline += interval
                    try await clock.sleep(until: deadline)
                    let text = content?(index) ?? "\(DispatchTime.now().uptimeNanoseconds);"
                    let chunk = #"data: {"choices":[{"index":0,"delta":{"content":"\#(text)"}}]}"# + "\n\n"
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
