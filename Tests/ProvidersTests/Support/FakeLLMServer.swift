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
/// Modes: `normal`, `slow` (deltas 20 ms apart), `hold` (two deltas, then
/// waits until the client goes away), `ratelimit` (429 + Retry-After: 1),
/// `flaky` (500), `drop` (two deltas, then the connection closes),
/// `garbage` (an invalid JSON chunk), `unauthorized` (401 with an error
/// body echoing the key it was sent), `hang` (never answers), `tool` (a
/// tool call, then text).
final class FakeLLMServer: Sendable {
    let port: Int
    let state: FakeServerState
    private let channel: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
    private let acceptTask: Task<Void, Never>

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(channel: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>,
                 state: FakeServerState, acceptTask: Task<Void, Never>) {
        self.channel = channel
        self.state = state
        self.port = channel.channel.localAddress?.port ?? 0
        self.acceptTask = acceptTask
    }

    static func start() async throws -> FakeLLMServer {
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

    func close() async {
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
actor FakeServerState {
    struct Request: Sendable {
        var path: String
        var headers: [String: String]
        /// The raw JSON body.
        var body: Data
        var model: String

        /// The body as JSON text, for `contains` checks.
        var bodyText: String { String(decoding: body, as: UTF8.self) }

        /// `messages[].role` and `content` pairs.
        var messages: [[String]] {
            let json = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
            let list = json?["messages"] as? [[String: Any]] ?? []
            return list.map { [$0["role"] as? String ?? "", $0["content"] as? String ?? ""] }
        }
    }

    private(set) var requests: [Request] = []
    private var hits: [String: Int] = [:]
    private(set) var clientsLeft = 0
    private var leaveWaiters: [(Int, CheckedContinuation<Void, Never>)] = []

    /// Records a request; returns how many requests this model has had.
    func record(_ request: Request) -> Int {
        requests.append(request)
        hits[request.model, default: 0] += 1
        return hits[request.model]!
    }

    func noteClientLeft() {
        clientsLeft += 1
        let ready = leaveWaiters.filter { $0.0 <= clientsLeft }
        leaveWaiters.removeAll { $0.0 <= clientsLeft }
        for (_, continuation) in ready { continuation.resume() }
    }

    /// Suspends until `count` held connections were closed by the client.
    func waitForClientsLeft(_ count: Int) async {
        if clientsLeft >= count { return }
        await withCheckedContinuation { leaveWaiters.append((count, $0)) }
    }
}

/// The streams the fake sends, one element per write.
enum SSEFixtures {
    static let openAI: [String] = [
        #"data: {"id":"c1","choices":[{"index":0,"delta":{"role":"assistant","content":"Hello"},"finish_reason":null}]}"# + "\n\n",
        #"data: {"id":"c1","choices":[{"index":0,"delta":{"content":", "},"finish_reason":null}]}"# + "\r\n\r\n",
        #"data: {"id":"c1","choices":[{"index":0,"delta":{"content":"world"},"finish_reason":null}]}"# + "\n\n",
        #"data: {"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"# + "\n\n",
        #"data: {"id":"c1","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":3,"prompt_tokens_details":{"cached_tokens":2}}}"# + "\n\n",
        "data: [DONE]\n\n",
    ]

    static let openAIToolCall: [String] = [
        #"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"t1","type":"function","function":{"name":"shell","arguments":""}}]}}]}"# + "\n\n",
        #"data: {"choices":[{"index":0,"delta":{"content":"Let me check"}}]}"# + "\n\n",
        #"data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"# + "\n\n",
        "data: [DONE]\n\n",
    ]

    static let anthropic: [String] = [
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
