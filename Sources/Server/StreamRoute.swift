import Foundation
import Hummingbird
import NIOCore
import Registry
import Synchronization

/// The attached stream clients' buffers, for the metrics gauge and tests.
final class StreamClients: Sendable {
    let limit: Int
    private let buffers = Mutex<[UInt64: StreamBuffer]>([:])
    private let nextId = Atomic<UInt64>(0)

    init(limit: Int) { self.limit = limit }

    func attach(_ buffer: StreamBuffer) -> UInt64 {
        let id = nextId.wrappingAdd(1, ordering: .relaxed).oldValue
        buffers.withLock { $0[id] = buffer }
        return id
    }

    func detach(_ id: UInt64) { buffers.withLock { $0[id] = nil } }

    var count: Int { buffers.withLock { $0.count } }

    /// Per attached client: the most it ever buffered, and its lag count.
    var stats: [(highWater: Int, lagged: Int)] { buffers.withLock { $0.values.map(\.stats) } }
}

extension APIServer {
    /// Seconds between keepalive comments on an idle stream.
    static let keepaliveInterval: Duration = .seconds(15)

    /// `GET /v1/stream?from=EVENT_ID[&runtime=ID]`: `hello`, then committed
    /// events of that runtime and live updates of every served runtime, in
    /// the order they reach the server. Without `from`, events start at the
    /// next one committed.
    func stream(_ request: Request) async throws -> Response {
        let query = Self.query(request)
        guard let defaultRuntime = runtimeIds.first else { throw APIFailure.registry(.unknownRuntime("")) }
        let runtimeId = query["runtime"] ?? defaultRuntime
        guard runtimeIds.contains(runtimeId) else {
            _ = try await Self.call { () async throws(RegistryError) in try registry.source(runtimeId) }
            throw APIFailure.registry(.unknownRuntime(runtimeId))
        }
        let requested = try RequestDecoding.number(query, "from", in: 0...Int64.max / 2, fallback: nil, else: .from)
        let from = try await Self.call { () async throws(RegistryError) in
            if let requested { return max(1, requested) }
            return try await nextEventId(runtimeId)
        }
        // Subscribed before answering, so an unknown or unavailable runtime
        // is an error status rather than a stream that ends at once.
        let events = try await Self.call { () async throws(RegistryError) in try await registry.subscribe(runtime: runtimeId, from: from) }
        let served = Set(runtimeIds)
        let buffer = StreamBuffer(limit: streams.limit, startingAt: from)
        buffer.push(.hello(StreamHello(runtimeId: runtimeId, nextEventId: from)))
        // Live updates go straight into the bounded buffer from the
        // source's thread: no stream or pump task per client. The buffer
        // never blocks; a client that falls behind gets `lagged` and
        // re-reads committed events, so nothing committed is lost.
        let live = await registry.subscribeLive(text: .all) { update in
            guard let key = update.key, served.contains(key.runtimeId) else { return }
            buffer.push(.live(update))
        }

        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: ResponseBody { [streams, metrics, logger] writer in
            let id = streams.attach(buffer)
            metrics.streamClients.increment()
            // The pumps drain the registry's streams at once into the
            // bounded buffer, whatever the client's pace.
            let pumps = [
                Task {
                    for await event in events { buffer.push(.event(event)) }
                },
                Task {
                    while (try? await Task.sleep(for: Self.keepaliveInterval)) != nil { buffer.pushKeepaliveIfIdle() }
                },
            ]
            defer {
                live.cancel()
                pumps.forEach { $0.cancel() }
                buffer.close()
                streams.detach(id)
                metrics.streamClients.decrement()
                logger.debug("stream client detached", metadata: ["lagged": "\(buffer.stats.lagged)"])
            }
            while let batch = await buffer.take() {
                var bytes = ByteBuffer()
                for item in batch { bytes.writeString(item.text) }
                try await writer.write(bytes)
            }
            try await writer.finish(nil)
        })
    }

    /// The id the runtime's next committed event will carry: the first id
    /// with no event at or after it (ids ascend, gaps allowed), found by
    /// galloping then bisecting with one-event pages.
    func nextEventId(_ runtimeId: String) async throws(RegistryError) -> Int64 {
        func hasEvent(atOrAfter id: Int64) async throws(RegistryError) -> Bool {
            try await !registry.events(runtime: runtimeId, from: id, limit: 1).events.isEmpty
        }
        var low: Int64 = 1
        guard try await hasEvent(atOrAfter: low) else { return low }
        var high: Int64 = 2
        while try await hasEvent(atOrAfter: high) {
            low = high
            high *= 2
        }
        // Invariant: an event at or after `low`, none at or after `high`.
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if try await hasEvent(atOrAfter: middle) { low = middle } else { high = middle }
        }
        return high
    }
}
