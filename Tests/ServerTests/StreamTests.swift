import AsyncHTTPClient
import Dispatch
import Foundation
import Registry
import Runtime
@testable import Server
import Testing
import TestSupport

/// `GET /v1/stream`: order, resumption, and a bounded buffer per client.
@Suite struct StreamTests {
    let r = ServerHarness.runtimeId

    @Test func aTurnArrivesAsHelloInputEventDeltasEntryAndTurnEndedInOrder() async throws {
        try await withServer { h in
            let (_, opened) = try await h.openStream()
            var stream = opened
            guard case let .hello(hello) = try await stream.next() else { Issue.record("hello first"); return }
            #expect(hello == StreamHello(runtimeId: r, nextEventId: hello.nextEventId))

            let worker = try await h.createWorker()
            let accepted = try await h.send(.POST, "/v1/runtimes/\(r)/workers/\(worker.workerId)/input",
                                            body: ServerHarness.json(InputBody(text: "ping"))).decode(InputAccepted.self)
            let untilInput = try await stream.read {
                if case let .event(event) = $0 { return event.id == accepted.eventId }
                return false
            }
            guard case let .event(inputEvent) = untilInput.last else { Issue.record("no input event"); return }
            #expect(inputEvent.kind == "worker_input_accepted" && inputEvent.workerId == worker.workerId)
            #expect(inputEvent.id >= hello.nextEventId)

            await h.backend.replyToLast("pong!")
            let turn = try await stream.read {
                if case .live(.turnEnded) = $0 { return true }
                return false
            }
            let live = turn.compactMap { message -> String? in
                guard case let .live(update) = message, update.key?.workerId == worker.workerId else { return nil }
                switch update {
                case .turnStarted: return "started"
                case let .delta(_, _, text): return "delta:\(text)"
                case .usage: return "usage"
                case let .entry(_, item): return "entry:\(item.content)"
                case let .turnEnded(_, _, ending): return "ended:\(ending.rawValue)"
                case .retrying, .workerChanged, .runtimeChanged, .workerDeleted, .textSoFar: return nil
                }
            }
            #expect(live.filter { $0 != "started" } == ["delta:po", "delta:ng!", "usage", "entry:pong!", "ended:completed"])
        }
    }

    @Test func fromReplaysCommittedEventsWithTheirIds() async throws {
        try await withServer { h in
            _ = try await h.createWorker()
            _ = try await h.createWorker()
            var (_, stream) = try await h.openStream(query: "?from=1&runtime=\(r)")
            guard case .hello(let hello) = try await stream.next() else { Issue.record("hello first"); return }
            #expect(hello.nextEventId == 1)
            let replayed = try await stream.read {
                if case let .event(event) = $0 { return event.kind == "worker_created" && event.id > 2 }
                return false
            }
            let ids = replayed.compactMap { if case let .event(event) = $0 { event.id } else { nil } }
            #expect(ids == Array(1...Int64(ids.count)))
        }
    }

    @Test func anUnknownRuntimeIs404NotAnEmptyStream() async throws {
        try await withServer { h in
            let reply = try await h.send(.GET, "/v1/stream?runtime=local-compat")
            #expect(reply.status == 404)
            #expect(try reply.decode(APIErrorBody.self).error.code == "unknown_runtime")
        }
    }

    /// R12: a client that never reads while a turn streams thousands of
    /// deltas. The server's buffer for it stays within the bound; when the
    /// client finally reads, it finds `lagged`.
    @Test func aClientThatNeverReadsStaysBoundedAndIsToldItLagged() async throws {
        let bound = 32
        try await withServer(streamBufferLimit: bound) { h in
            let worker = try await h.createWorker()
            let connection = try await RawConnection.open(h.socketPath, request: "GET /v1/stream HTTP/1.1\r\nHost: owner\r\n\r\n")
            defer { connection.close() }
            try await eventually("the silent client is attached") { h.server.streams.count == 1 }

            _ = try await h.send(.POST, "/v1/runtimes/\(r)/workers/\(worker.workerId)/input", body: ServerHarness.json(InputBody(text: "go")))
            let last = try #require(h.backend.lastInput)
            let sink = h.backend.sink(last.handle)
            await sink.report(.started(last.turn))
            let chunk = String(repeating: "x", count: 2048)
            for _ in 0..<3000 { await sink.report(.textDelta(last.turn, chunk)) }

            try await eventually("the silent client lagged") { h.server.streams.stats.first?.lagged ?? 0 > 0 }
            let stats = try #require(h.server.streams.stats.first)
            #expect(stats.highWater <= bound)

            let received = try await connection.read(until: "event: lagged")
            #expect(received.contains("event: lagged\ndata: {\"from\":"))
            await sink.report(.finished(last.turn))
        }
    }
}

/// A Unix-socket client written with plain syscalls, so it can do what no
/// HTTP client does: send a request and then never read. Its blocking calls
/// run on a Dispatch queue, off Swift's cooperative pool.
final class RawConnection: Sendable {
    let fd: Int32
    private static let queue = DispatchQueue(label: "server-tests.raw", attributes: .concurrent)

    private init(fd: Int32) { self.fd = fd }

    static func open(_ path: String, request: String) async throws -> RawConnection {
        try await blocking {
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw POSIXError(.EIO) }
            // A small receive buffer fills quickly, so the server's writes block.
            var size: Int32 = 4096
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
            var timeout = timeval(tv_sec: 30, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                let bytes = Array(path.utf8)
                raw.copyBytes(from: bytes)
                raw[bytes.count] = 0
            }
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard connected == 0 else { Glibc.close(fd); throw POSIXError(.ECONNREFUSED) }
            let bytes = Array(request.utf8)
            guard write(fd, bytes, bytes.count) == bytes.count else { Glibc.close(fd); throw POSIXError(.EIO) }
            return RawConnection(fd: fd)
        }
    }

    /// Reads until `marker` shows up (or the stream ends or times out).
    func read(until marker: String) async throws -> String {
        let fd = fd
        return try await Self.blocking {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = Glibc.read(fd, &buffer, buffer.count)
                guard count > 0 else { break }
                received += buffer[0..<count]
                // Only the tail can newly hold the marker.
                let tail = String(decoding: received.suffix(count + marker.utf8.count), as: UTF8.self)
                if tail.contains(marker) { break }
            }
            let text = String(decoding: received, as: UTF8.self)
            guard let range = text.range(of: marker) else { return "" }
            return String(text[range.lowerBound...])
        }
    }

    func close() { Glibc.close(fd) }

    private static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
