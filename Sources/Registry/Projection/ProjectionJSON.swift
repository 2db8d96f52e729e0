import Foundation

/// The one JSON form of projections: snake_case keys, ISO-8601 dates,
/// sorted keys (stable output for scripts and tests).
///
/// Two codecs, one JSON. Every type that crosses the API (the projections
/// and `Wire`) spells its snake_case keys in `CodingKeys`, so the API's
/// codec (`wireEncoder`, `decoder`) needs no key strategy: the strategy
/// rewrote every key of every object on every call and was a third of the
/// 1,000-worker list's time through the socket (B10). `encoder` keeps
/// `.convertToSnakeCase` for the CLI's own `--json` shapes, which have no
/// `CodingKeys`; on the wire types it changes nothing (their keys are
/// already snake_case), which WireContractTests checks.
public enum ProjectionJSON {
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = wireEncoder(pretty: pretty)
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    /// The API's encoder: keys as the types spell them.
    public static func wireEncoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The API's decoder (every decoded type is a wire type).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    public static func string<T: Encodable>(_ value: T, pretty: Bool = false) -> String {
        guard let data = try? encoder(pretty: pretty).encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// A wire type's JSON (SSE frames).
    public static func wireString<T: Encodable>(_ value: T) -> String {
        guard let data = try? wireEncoder().encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
