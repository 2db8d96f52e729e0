import AsyncHTTPClient
import Foundation
import NIOCore
import Registry

/// Reads `/v1/stream` through AsyncHTTPClient and decodes its frames.
struct SSEReader {
    private var iterator: HTTPClientResponse.Body.AsyncIterator
    private var pending = ""
    private(set) var comments = 0

    init(_ response: HTTPClientResponse) {
        iterator = response.body.makeAsyncIterator()
    }

    /// The next message, skipping comments; nil when the stream ends.
    mutating func next() async throws -> StreamMessage? {
        while true {
            if let range = pending.range(of: "\n\n") {
                let frame = String(pending[..<range.lowerBound])
                pending.removeSubrange(..<range.upperBound)
                var event: String?
                var data = ""
                for line in frame.split(separator: "\n") {
                    if line.hasPrefix(":") { comments += 1 }
                    if line.hasPrefix("event: ") { event = String(line.dropFirst(7)) }
                    if line.hasPrefix("data: ") { data = String(line.dropFirst(6)) }
                }
                if event == nil { continue }
                if let message = try StreamMessage.decode(event: event, data: data) { return message }
                continue
            }
            guard let chunk = try await iterator.next() else { return nil }
            pending += String(buffer: chunk)
        }
    }

    /// Reads until `match` returns true; returns everything read.
    mutating func read(until match: (StreamMessage) -> Bool) async throws -> [StreamMessage] {
        var seen: [StreamMessage] = []
        while let message = try await next() {
            seen.append(message)
            if match(message) { return seen }
        }
        return seen
    }
}

extension ServerHarness {
    /// Opens the push stream over the socket.
    func openStream(query: String = "") async throws -> (HTTPClientResponse, SSEReader) {
        var request = HTTPClientRequest(url: url("/v1/stream\(query)", via: .socket))
        request.method = .GET
        let response = try await client.execute(request, timeout: .seconds(60))
        return (response, SSEReader(response))
    }
}
