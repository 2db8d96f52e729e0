import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback fake of the OpenAI-compatible `/v1/chat/completions` and the
/// Anthropic `/v1/messages` streaming endpoints, bound to 127.0.0.1 on a
/// free port. The request's `model` picks the behaviour: `MODE` or
/// `MODE.N`, where a failing mode misbehaves for the first N requests of
/// that model (default 1) and streams normally afterwards.
///
/// Modes: `normal`, `slow` (deltas 20 ms apart), `drip` (250 deltas 20 ms
/// apart), `fast` and `burst` (300 deltas), `hold` (two deltas, then
/// waits until the client goes away), `ratelimit` (429 + Retry-After: 1),
/// `flaky` (500), `drop` (two deltas, then the connection closes),
/// `garbage` (an invalid JSON chunk), `unauthorized` (401 with an error
/// body echoing the key it was sent), `hang` (never answers), `tool` (a
/// tool call a tools-less worker must not run, then text), `hostile` (every
/// time: a reply full of terminal escape sequences, bidi overrides and C1
/// controls, see `SSEFixtures.hostileText`).
///
/// Tool modes (decided by the request's content, not by a count):
/// `tools` answers a request without tool results with text and tool calls
/// whose arguments are split over many chunks (openai: two calls, `read`
/// and `grep`, interleaved by index; anthropic: one `read`), and a request
/// that carries tool results with the normal text reply; `toolloop`
/// (openai) always asks for one `read` call with the same id; `tooldrop`
/// streams text and the start of a call's arguments, then closes the
/// connection. Every request is recorded (`state.requests`, with its body)
/// so tests can check what was sent.
public final class FakeLLMServer: Sendable {
    public let port: Int
    public let state: FakeServerState
    private let channel: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
    private let acceptTask: Task<Void, Never>

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(channel: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>,
                 state: FakeServerState, acceptTask: Task<Void, Never>) {
        self.channel = channel
        self.state = state
        self.port = channel.channel.localAddress?.port ?? 0
        self.acceptTask = acceptTask
    }

    public static func start() async throws -> FakeLLMServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: child)
                }
            }
        let state = FakeServerState()
        let task = Task<Void, Never> {
            _ = try? await channel.executeThenClose { inbound in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await connection in inbound {
                            group.addTask { await serve(connection, state: state) }
                        }
                    } catch {}
                }
            }
        }
        return FakeLLMServer(channel: channel, state: state, acceptTask: task)
    }

    public func close() async {
        try? await channel.channel.close()
        acceptTask.cancel()
    }

    private static func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>,
                              state: FakeServerState) async {
        let closed = connection.channel.closeFuture
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body = ByteBuffer()
            for try await part in inbound {
                switch part {
                case let .head(value):
                    head = value
                    body.clear()
                case var .body(buffer):
                    body.writeBuffer(&buffer)
                case .end:
                    guard let head else { return }
                    let keepOpen = try await respond(head, body: body, outbound: outbound, closed: closed, state: state)
                    if !keepOpen { return }
                }
            }
        }
    }

    /// Answers one request; false closes the connection.
    private static func respond(_ head: HTTPRequestHead, body: ByteBuffer, outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>,
                                closed: EventLoopFuture<Void>, state: FakeServerState) async throws -> Bool {
        let data = Data(body.readableBytesView)
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        let model = json["model"] as? String ?? "normal"
        let parts = model.split(separator: ".", maxSplits: 1)
        let mode = String(parts.first ?? "normal")
        let badCount = parts.count > 1 ? Int(parts[1]) ?? 1 : 1
        let headers = Dictionary(head.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        let hit = await state.record(FakeServerState.Request(path: head.uri, headers: headers, body: data, model: model))
        let anthropic = head.uri == "/v1/messages"
        let misbehave = hit <= badCount
        let stream = anthropic ? SSEFixtures.anthropic : SSEFixtures.openAI

        func writeHead(_ status: HTTPResponseStatus, _ extra: [(String, String)] = [], contentLength: Int? = nil) async throws {
            var headers = HTTPHeaders(extra)
            if let contentLength { headers.add(name: "content-length", value: String(contentLength)) }
            else { headers.add(name: "content-type", value: "text/event-stream") }
            try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
        }
        func write(_ text: String) async throws {
            try await outbound.write(.body(.byteBuffer(ByteBuffer(string: text))))
        }
        func errorResponse(_ status: HTTPResponseStatus, _ text: String, _ extra: [(String, String)] = []) async throws -> Bool {
            try await writeHead(status, extra + [("content-type", "application/json")], contentLength: text.utf8.count)
            try await write(text)
            try await outbound.write(.end(nil))
            return true
        }
        func waitForClientToLeave() async {
            _ = try? await closed.get()
            await state.noteClientLeft()
        }

        if let toolStream = SSEFixtures.toolStream(mode: mode, anthropic: anthropic, json: json) {
            try await writeHead(.ok)
            for chunk in toolStream.chunks { try await write(chunk) }
            if toolStream.drops {
                // As for `drop`: let the writes reach the socket before closing.
                try await closed.eventLoop.submit {}.get()
                await state.waitBeforeDropping()
                return false
            }
            try await outbound.write(.end(nil))
            return true
        }
        if mode == "burst" {
            // The 300 deltas of `fast` as 300 HTTP chunks flushed at once:
            // the client reads them together, and its HTTP client hands
            // them over in runs of 50 parts.
            try await writeHead(.ok)
            try await outbound.write(contentsOf: SSEFixtures.openAIFast.map { .body(.byteBuffer(ByteBuffer(string: $0))) })
            try await outbound.write(.end(nil))
            return true
        }
        if mode == "drip" {
            // 250 deltas 20 ms apart: a reply that streams for five seconds.
            try await writeHead(.ok)
            for chunk in SSEFixtures.openAIDrip.dropLast(2) {
                try await write(chunk)
                try await Task.sleep(for: .milliseconds(20))
            }
            for chunk in SSEFixtures.openAIDrip.suffix(2) { try await write(chunk) }
            try await outbound.write(.end(nil))
            return true
        }
        if mode == "fast" {
            // 300 deltas in bursts of ten a millisecond apart, faster than
            // `ReadPacer`'s pace: the client holds its reads and takes
            // several parts per read.
            try await writeHead(.ok)
            for (index, chunk) in SSEFixtures.openAIFast.dropLast(2).enumerated() {
                try await write(chunk)
                if index % 10 == 9 { try await Task.sleep(for: .milliseconds(1)) }
            }
            for chunk in SSEFixtures.openAIFast.suffix(2) { try await write(chunk) }
            try await outbound.write(.end(nil))
            return true
        }
        if mode == "hostile" {
            try await writeHead(.ok)
            for chunk in SSEFixtures.openAIHostile { try await write(chunk) }
            try await outbound.write(.end(nil))
            return true
        }
        guard misbehave else {
            try await writeHead(.ok)
            for chunk in stream { try await write(chunk) }
            try await outbound.write(.end(nil))
            return true
        }
        switch mode {
        case "slow":
            try await writeHead(.ok)
            for chunk in stream {
                try await write(chunk)
                try await Task.sleep(for: .milliseconds(20))
            }
            try await outbound.write(.end(nil))
            return true
        case "hold", "drop":
            try await writeHead(.ok)
            for chunk in stream.prefix(anthropic ? 4 : 2) { try await write(chunk) }
            if mode == "hold" { await waitForClientToLeave() }
            // Closing right away could drop writes the channel has not taken
            // yet (close fails pending writes): a task queued on the event
            // loop after them runs once they are handed over. The client's
            // HTTP stack also discards body parts it has read but not yet
            // handed on when the connection fails, so a test that asserts
            // which deltas arrived holds the drop until it has seen them
            // (`holdDrops` / `releaseDrop`).
            try await closed.eventLoop.submit {}.get()
            if mode == "drop" { await state.waitBeforeDropping() }
            return false
        case "ratelimit":
            return try await errorResponse(.tooManyRequests,
                #"{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}"#,
                [("retry-after", "1")])
        case "flaky":
            return try await errorResponse(.internalServerError, #"{"error":{"message":"The server had an error","type":"server_error"}}"#)
        case "garbage":
            try await writeHead(.ok)
            try await write(stream[0])
            try await write("data: {\"choices\": [oops\n\n")
            for chunk in stream.dropFirst() { try await write(chunk) }
            try await outbound.write(.end(nil))
            return true
        case "unauthorized":
            let sent = headers["authorization"].map { String($0.dropFirst("Bearer ".count)) } ?? headers["x-api-key"] ?? ""
            if anthropic {
                return try await errorResponse(.unauthorized,
                    #"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key "# + sent + #""}}"#)
            }
            return try await errorResponse(.unauthorized,
                #"{"error":{"message":"Incorrect API key provided: "# + sent + #". See https://platform.example.com/keys?token="# + sent + #"","type":"invalid_request_error","code":"invalid_api_key"}}"#)
        case "hang":
            await waitForClientToLeave()
            return false
        case "tool":
            try await writeHead(.ok)
            for chunk in SSEFixtures.openAIToolCall { try await write(chunk) }
            try await outbound.write(.end(nil))
            return true
        default:
            try await writeHead(.ok)
            for chunk in stream { try await write(chunk) }
            try await outbound.write(.end(nil))
            return true
        }
    }
}

/// What the fake server saw.
public actor FakeServerState {
    public struct Request: Sendable {
        public var path: String
        public var headers: [String: String]
        /// The raw JSON body.
        public var body: Data
        public var model: String

        /// The body as JSON text, for `contains` checks.
        public var bodyText: String { String(decoding: body, as: UTF8.self) }

        /// The body parsed as a JSON object (empty when it is not one).
        public var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        }

        /// `messages[].role` and `content` pairs.
        public var messages: [[String]] {
            let json = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
            let list = json?["messages"] as? [[String: Any]] ?? []
            return list.map { [$0["role"] as? String ?? "", $0["content"] as? String ?? ""] }
        }
    }

    public private(set) var requests: [Request] = []
    private var hits: [String: Int] = [:]
    public private(set) var clientsLeft = 0
    private var leaveWaiters: [(Int, CheckedContinuation<Void, Never>)] = []
    private var hitWaiters: [(model: String, count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    /// Records a request; returns how many requests this model has had.
    func record(_ request: Request) -> Int {
        requests.append(request)
        hits[request.model, default: 0] += 1
        let count = hits[request.model]!
        let ready = hitWaiters.filter { $0.model == request.model && $0.count <= count }
        hitWaiters.removeAll { $0.model == request.model && $0.count <= count }
        for waiter in ready { waiter.continuation.resume() }
        return count
    }

    /// Suspends until `count` requests for `model` have arrived.
    public func waitForRequests(model: String, count: Int) async {
        if hits[model, default: 0] >= count { return }
        await withCheckedContinuation { hitWaiters.append((model, count, $0)) }
    }

    private var dropsHeld = false
    private var dropsReleased = 0
    private var dropWaiters: [CheckedContinuation<Void, Never>] = []

    /// From now on a `drop` (or `tooldrop`) response waits for
    /// `releaseDrop()` before it closes the connection.
    public func holdDrops() { dropsHeld = true }

    /// Lets one held drop (the next, if none waits yet) close its connection.
    public func releaseDrop() {
        if dropWaiters.isEmpty { dropsReleased += 1 } else { dropWaiters.removeFirst().resume() }
    }

    func waitBeforeDropping() async {
        guard dropsHeld else {
            // Unheld: a short grace for the async writer's last parts.
            try? await Task.sleep(for: .milliseconds(200))
            return
        }
        if dropsReleased > 0 { dropsReleased -= 1; return }
        await withCheckedContinuation { dropWaiters.append($0) }
    }

    func noteClientLeft() {
        clientsLeft += 1
        let ready = leaveWaiters.filter { $0.0 <= clientsLeft }
        leaveWaiters.removeAll { $0.0 <= clientsLeft }
        for (_, continuation) in ready { continuation.resume() }
    }

    /// Suspends until `count` held connections were closed by the client.
    public func waitForClientsLeft(_ count: Int) async {
        if clientsLeft >= count { return }
        await withCheckedContinuation { leaveWaiters.append((count, $0)) }
    }
}

/// The streams the fake sends, one element per write.
public enum SSEFixtures {
    public static let openAI: [String] = [
        #"data: {"id":"c1","choices":[{"index":0,"delta":{"role":"assistant","content":"Hello"},"finish_reason":null}]}"# + "\n\n",
        #"data: {"id":"c1","choices":[{"index":0,"delta":{"content":", "},"finish_reason":null}]}"# + "\r\n\r\n",
        #"data: {"id":"c1","choices":[{"index":0,"delta":{"content":"world"},"finish_reason":null}]}"# + "\n\n",
        #"data: {"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"# + "\n\n",
        #"data: {"id":"c1","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":3,"prompt_tokens_details":{"cached_tokens":2}}}"# + "\n\n",
        "data: [DONE]\n\n",
    ]

    /// `fast` and `burst`: 300 deltas `d0 `…`d299 `, then the finish and `[DONE]`.
    public static let fastDeltas = (0..<300).map { "d\($0) " }
    public static let openAIFast: [String] = fastDeltas.map {
        #"data: {"id":"f1","choices":[{"index":0,"delta":{"content":""# + $0 + #""},"finish_reason":null}]}"# + "\n\n"
    } + [#"data: {"id":"f1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"# + "\n\n", "data: [DONE]\n\n"]

    /// `drip`: 250 deltas `p0 `…`p249 `, 20 ms apart, then the finish and `[DONE]`.
    public static let dripDeltas = (0..<250).map { "p\($0) " }
    public static let openAIDrip: [String] = dripDeltas.map {
        #"data: {"id":"p1","choices":[{"index":0,"delta":{"content":""# + $0 + #""},"finish_reason":null}]}"# + "\n\n"
    } + [#"data: {"id":"p1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"# + "\n\n", "data: [DONE]\n\n"]

    /// What a hostile model replies: it tries to set the window title,
    /// clear and recolour the screen, move the cursor, set the clipboard
    /// (OSC 52) and reverse text with a bidi override.
    public static let hostileText = "Plain start \u{1B}]0;pwned-title\u{07}\u{1B}[2J\u{1B}[H\u{1B}[31mred\u{1B}[0m "
        + "\u{1B}]52;c;cHduZWQ=\u{07}\u{9B}31m\u{202E}desrever\u{202C} \u{1B}[10;10Hmoved end-of-hostile"

    /// One line of 1 MiB with no space to break at (R3), sent as one delta.
    public static let megabyteLine = String(repeating: "0123456789abcdef", count: 65_536)

    /// `hostileText` as an OpenAI stream, split mid-sequence across deltas,
    /// with `megabyteLine` on a line of its own before the last words.
    public static var openAIHostile: [String] {
        let text = hostileText
        let cut = text.index(text.startIndex, offsetBy: 15)
        let end = text.range(of: "moved end-of-hostile")!.lowerBound
        let deltas = [String(text[..<cut]), String(text[cut..<end]), "\n" + megabyteLine + "\n", String(text[end...])]
        func chunk(_ delta: [String: Any], finish: String? = nil) -> String {
            var choice: [String: Any] = ["index": 0, "delta": delta]
            choice["finish_reason"] = finish ?? NSNull()
            let json = try! JSONSerialization.data(withJSONObject: ["id": "h1", "choices": [choice]])
            return "data: " + String(decoding: json, as: UTF8.self) + "\n\n"
        }
        return deltas.map { chunk(["content": $0]) } + [chunk([:], finish: "stop"), "data: [DONE]\n\n"]
    }

    public static let openAIToolCall: [String] = [
        #"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"t1","type":"function","function":{"name":"shell","arguments":""}}]}}]}"# + "\n\n",
        #"data: {"choices":[{"index":0,"delta":{"content":"Let me check"}}]}"# + "\n\n",
        #"data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"# + "\n\n",
        "data: [DONE]\n\n",
    ]

    public static let anthropic: [String] = [
        "event: message_start\n" + #"data: {"type":"message_start","message":{"id":"m1","usage":{"input_tokens":9,"cache_read_input_tokens":2,"output_tokens":1}}}"# + "\n\n",
        "event: content_block_start\n" + #"data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"# + "\n\n",
        "event: content_block_delta\n" + #"data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}"# + "\n\n",
        "event: content_block_delta\n" + #"data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":", "}}"# + "\n\n",
        "event: content_block_delta\n" + #"data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"world"}}"# + "\n\n",
        "event: content_block_stop\n" + #"data: {"type":"content_block_stop","index":0}"# + "\n\n",
        "event: message_delta\n" + #"data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":3}}"# + "\n\n",
        "event: message_stop\n" + #"data: {"type":"message_stop"}"# + "\n\n",
    ]
}
