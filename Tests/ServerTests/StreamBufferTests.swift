import Foundation
import Registry
@testable import Server
import Testing

/// The per-client buffer on its own: bounded by count and bytes, and a
/// lagged client is told where to reread from.
@Suite struct StreamBufferTests {
    func event(_ id: Int64, _ text: String = "e") -> StreamMessage {
        .event(RuntimeEventProjection(id: id, runtimeId: "backend-internal", workerId: nil, kind: "k", message: text,
                                      createdAt: Date(timeIntervalSince1970: 0)))
    }

    func messages(_ batch: [StreamBuffer.Item]?) throws -> [StreamMessage] {
        try #require(batch).map { item in
            let lines = item.text.split(separator: "\n")
            let event = lines.first { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
            let data = lines.first { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) } ?? ""
            return try #require(try StreamMessage.decode(event: event, data: data))
        }
    }

    @Test func aFullBufferDropsEverythingAndLagsFromTheLastDeliveredEvent() async throws {
        let buffer = StreamBuffer(limit: 3, startingAt: 5)
        buffer.push(event(5))
        #expect(try messages(await buffer.take()) == [event(5)])
        for id in Int64(6)...9 { buffer.push(event(id)) }
        // The fourth push found three waiting: they went, the fourth stayed.
        #expect(try messages(await buffer.take()) == [.lagged(StreamLagged(from: 6)), event(9)])
        #expect(buffer.stats.highWater == 3 && buffer.stats.lagged == 1)
    }

    @Test func aLaggedClientThatHadNothingRereadsFromItsStart() async throws {
        let buffer = StreamBuffer(limit: 1, startingAt: 40)
        buffer.push(event(40))
        buffer.push(event(41))
        #expect(try messages(await buffer.take()) == [.lagged(StreamLagged(from: 40)), event(41)])
    }

    @Test func bytesAreBoundedToo() async throws {
        let big = String(repeating: "x", count: 600)
        let buffer = StreamBuffer(limit: 100, byteLimit: 1000, startingAt: 1)
        buffer.push(event(1, big))
        buffer.push(event(2, big))
        #expect(try messages(await buffer.take()) == [.lagged(StreamLagged(from: 1)), event(2, big)])
    }

    @Test func closingWakesTheWriterAndEndsTheStream() async throws {
        let buffer = StreamBuffer(limit: 4, startingAt: 1)
        async let taken = buffer.take()
        buffer.close()
        #expect(await taken == nil)
        buffer.push(event(1))
        #expect(await buffer.take() == nil)
    }

    @Test func aCancelledWriterStopsWaiting() async throws {
        let buffer = StreamBuffer(limit: 4, startingAt: 1)
        let writer = Task { await buffer.take() }
        writer.cancel()
        #expect(await writer.value == nil)
    }

    @Test func keepalivesOnlyGoOutWhenIdle() async throws {
        let buffer = StreamBuffer(limit: 4, startingAt: 1)
        buffer.push(event(1))
        buffer.pushKeepaliveIfIdle()
        #expect(try await #require(buffer.take()).count == 1)
        buffer.pushKeepaliveIfIdle()
        #expect(try await #require(buffer.take()) == [.keepalive])
    }
}
