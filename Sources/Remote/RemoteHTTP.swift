import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Registry

/// Requests to one owner over the shared `HTTPClient`: builds the URL for
/// the endpoint (Unix socket or base URL), adds the bearer token, decodes
/// JSON with `ProjectionJSON`, and maps failures through `RemoteErrors`.
struct RemoteHTTP: Sendable {
    let client: HTTPClient
    let endpoint: RemoteEndpoint
    /// Sent as `Authorization: Bearer …`; never logged, never in a message.
    let token: String?
    let errors: RemoteErrors
    let timeout: Duration

    /// Largest body read for one answer (a transcript page of 1000 long items).
    static let maxBody = 64 << 20

    static func makeClient(trust: RemoteTrust? = nil) -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            // A redirect would carry the token to another host: never follow one.
            redirectConfiguration: .disallow,
            // The push stream carries a keepalive comment every 15 s when
            // idle, so four missed ones mean a dead peer (a cut network
            // never closes the socket): the loop then reconnects.
            timeout: .init(connect: .seconds(5), read: .seconds(60))
        )
        configuration.httpVersion = .http1Only
        if let trust { configuration.tlsConfiguration = trust.tlsConfiguration }
        // Fail fast when nobody listens: the connection loop has its own
        // backoff, and a CLI call must not hang for the connect timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// `path` starts with `/v1`; query values are numbers and validated ids.
    func url(_ path: String, query: [(String, String)] = []) -> String {
        var uri = path
        if !query.isEmpty {
            uri += "?" + query.map { "\($0.0)=\(Self.escape($0.1, .queryValue))" }.joined(separator: "&")
        }
        switch endpoint {
        case let .unixSocket(socketPath):
            return URL(httpURLWithSocketPath: socketPath, uri: uri)?.absoluteString ?? "http+unix://invalid" + uri
        case let .url(base):
            var string = base.absoluteString
            while string.hasSuffix("/") { string.removeLast() }
            return string + uri
        }
    }

    enum Allowed { case pathSegment, queryValue }

    static func escape(_ value: String, _ allowed: Allowed) -> String {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-_.~")
        if allowed == .pathSegment { set.insert(charactersIn: ":") }
        return value.addingPercentEncoding(withAllowedCharacters: set) ?? value
    }

    /// `/v1/runtimes/{runtime}` + `rest` (already escaped segments).
    static func runtimePath(_ runtime: String, _ rest: String = "") -> String {
        "\(APIContract.prefix)/runtimes/\(escape(runtime, .pathSegment))\(rest)"
    }

    static func workerPath(_ runtime: String, _ worker: String, _ rest: String = "") -> String {
        runtimePath(runtime, "/workers/\(escape(worker, .pathSegment))\(rest)")
    }

    /// `accept`, the bearer token and, for a request with a body, its type.
    func headers(accept: String, withBody: Bool) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "accept", value: accept)
        if let token { headers.add(name: "authorization", value: "Bearer \(token)") }
        if withBody { headers.add(name: "content-type", value: "application/json") }
        return headers
    }

    /// One request and its decoded answer. `worker` names the addressed worker
    /// for error mapping.
    func call<Answer: Decodable>(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [],
                                 body: (any Encodable)? = nil, worker: String? = nil, operation: String? = nil,
                                 as: Answer.Type = Answer.self) async throws(SourceError) -> Answer {
        var bytes: [UInt8]?
        if let body {
            guard let data = try? ProjectionJSON.wireEncoder().encode(body) else {
                throw .invalidRequest("the request cannot be encoded")
            }
            bytes = Array(data)
        }
        return try await call(method, path, query: query, body: bytes, worker: worker, operation: operation) { data in
            try ProjectionJSON.decoder().decode(Answer.self, from: data)
        }
    }

    /// One request and its answer as `decode` reads it; a failure to
    /// decode is `badResponse`.
    func call<Answer>(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: [UInt8]? = nil,
                      worker: String? = nil, operation: String? = nil,
                      decode: (Data) throws -> Answer) async throws(SourceError) -> Answer {
        let (status, answer) = try await send(method, path, query: query, body: body)
        guard (200..<300).contains(status) else { throw errors.status(status, body: Array(answer), worker: worker, operation: operation) }
        do {
            return try decode(answer)
        } catch {
            throw errors.badResponse
        }
    }

    /// Sends and reads the whole answer. The body is gathered on the
    /// connection's event loop (AsyncHTTPClient's `ResponseAccumulator`)
    /// and handed over once: through the async body, an 800 KiB list woke
    /// this task for every part.
    func send(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [],
              body: [UInt8]? = nil) async throws(SourceError) -> (Int, Data) {
        do {
            let request = try HTTPClient.Request(url: url(path, query: query), method: method,
                                                 headers: headers(accept: "application/json", withBody: body != nil),
                                                 body: body.map { .bytes($0) })
            let task = client.execute(request: request, delegate: ResponseAccumulator(request: request, maxBodySize: Self.maxBody),
                                      deadline: .now() + timeout.timeAmount)
            let response = try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
            return (Int(response.status.code), response.body.map { Data($0.readableBytesView) } ?? Data())
        } catch {
            throw errors.transport(error)
        }
    }

    /// Opens the push stream; the caller reads its body. A non-200 answer
    /// is read and mapped.
    func openStream(runtime: String, from: Int64?) async throws(SourceError) -> HTTPClientResponse {
        var query = [("runtime", runtime)]
        if let from { query.append(("from", String(from))) }
        var request = HTTPClientRequest(url: url("\(APIContract.prefix)/stream", query: query))
        request.headers = headers(accept: "text/event-stream", withBody: false)
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, deadline: .distantFuture)
        } catch {
            throw errors.transport(error)
        }
        guard response.status == .ok else {
            let body = (try? await response.body.collect(upTo: 64 * 1024)).map { Array($0.readableBytesView) } ?? []
            throw errors.status(Int(response.status.code), body: body, worker: nil)
        }
        return response
    }
}

extension Duration {
    /// As a NIO `TimeAmount`, in nanoseconds.
    var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
