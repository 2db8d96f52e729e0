import Foundation
import NIOHTTP1

/// What one HTTP scheme puts on the wire and how it reads the answer.
protocol WireFormat: Sendable {
    associatedtype Decoder: StreamDecoder
    /// The full endpoint for a provider's `base_url`.
    func endpoint(baseURL: String) -> String
    /// Request headers; `secret` is nil for `auth = "none"`.
    func headers(secret: Secret?) -> HTTPHeaders
    func body(_ request: ChatRequest) -> [UInt8]
    func makeDecoder() -> Decoder
    /// ` (code): message` from a non-2xx body, or empty (not yet scrubbed).
    func describeError(body: [UInt8]) -> String
}

extension WireFormat {
    static func commonHeaders() -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "accept", value: "text/event-stream")
        headers.add(name: "user-agent", value: "workerdeck")
        return headers
    }

    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Plain structs of strings and numbers always encode.
        return Array(try! encoder.encode(value))
    }
}
