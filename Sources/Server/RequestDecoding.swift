import Foundation
import Registry

/// Pure decoding of what a client sends (query strings and JSON bodies),
/// shared by the routes and the fuzz harness (R14). Every failure is one
/// of `APIFailure.BadRequest`'s fixed messages: decoder text, which can
/// quote the input back, never reaches a response.
package enum RequestDecoding {
    /// `a=1&b=x%20y` → ["a": "1", "b": "x y"]; the first of a repeated name
    /// wins; an undecodable value drops the pair. A name that is empty or
    /// does not decode is kept as sent, so a route that checks its names
    /// (`only`) refuses it instead of ignoring it.
    package static func query(_ raw: String?) -> [String: String] {
        guard let raw, !raw.isEmpty else { return [:] }
        var result: [String: String] = [:]
        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decodeComponent(parts[0]) ?? String(parts[0])
            guard let value = parts.count > 1 ? decodeComponent(parts[1]) : "" else { continue }
            if result[name] == nil { result[name] = value }
        }
        return result
    }

    private static func decodeComponent(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// Refuses a query parameter the route does not take: a misspelt
    /// `limit` would otherwise be ignored without a word.
    static func only(_ query: [String: String], _ allowed: Set<String>) throws(APIFailure) {
        guard query.keys.allSatisfy(allowed.contains) else { throw .badRequest(.unknownParameter) }
    }

    /// A whole number of plain ASCII digits within `range`, or `fallback`
    /// when absent (nil fallback: absent is allowed and answers nil).
    static func number(_ query: [String: String], _ name: String, in range: ClosedRange<Int64>, fallback: Int64?,
                       else reason: APIFailure.BadRequest) throws(APIFailure) -> Int64? {
        guard let text = query[name] else { return fallback }
        guard let value = parseNumber(text), range.contains(value) else { throw .badRequest(reason) }
        return value
    }

    /// Digits only (no sign, no spaces), at most 18 of them: never traps.
    package static func parseNumber(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard (1...18).contains(bytes.count), bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return bytes.reduce(Int64(0)) { $0 * 10 + Int64($1 - 0x30) }
    }

    /// Decodes a JSON body; an empty body is `empty` when the route allows
    /// one (every field optional), else a bad request.
    static func body<T: Decodable>(_ type: T.Type, from bytes: Data, empty: T? = nil) throws(APIFailure) -> T {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }), let empty { return empty }
        guard let value = try? ProjectionJSON.decoder().decode(T.self, from: bytes) else {
            throw .badRequest(.body)
        }
        return value
    }

    /// Feeds one input to every decoder, for the fuzz harness: must never
    /// trap, whatever the bytes.
    package static func exercise(_ bytes: Data) {
        _ = try? body(CreateWorkerBody.self, from: bytes, empty: CreateWorkerBody())
        _ = try? body(InputBody.self, from: bytes)
        _ = try? body(RenameBody.self, from: bytes)
        _ = try? body(ForkBody.self, from: bytes, empty: ForkBody())
        let text = String(decoding: bytes, as: UTF8.self)
        let parsed = query(text)
        for (name, reason) in [("limit", APIFailure.BadRequest.limit), ("start", .start), ("tail", .tail), ("from", .from)] {
            _ = try? number(parsed, name, in: 0...Int64(APIContract.maxLimit), fallback: nil, else: reason)
        }
        _ = parseNumber(text)
        _ = try? searchText(parsed)
        // The worker list as a client reads it (its one-line-a-worker fast
        // path and the whole-page fallback), with rows kept across inputs.
        _ = try? WorkersPageLines.decode(bytes, rows: fuzzRows)
    }

    private static let fuzzRows = DecodedWorkerRows(capacity: 64)

    /// `q` of the search route: present, not blank, at most 1000 characters
    /// (a person's query; the owner splits it into words and refuses one
    /// without any).
    static func searchText(_ query: [String: String]) throws(APIFailure) -> String {
        guard let text = query["q"], !text.allSatisfy(\.isWhitespace), text.count <= 1000 else {
            throw .badRequest(.searchText)
        }
        return text
    }
}
