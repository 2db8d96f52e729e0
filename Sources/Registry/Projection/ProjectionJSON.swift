import Foundation

/// The one JSON form of projections: snake_case keys, ISO-8601 dates
/// (`WireDate`), sorted keys where a person or a script reads the text
/// (the CLI's `--json`, exports), unsorted on the API.
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
        let encoder = wireEncoder(pretty: pretty, sortedKeys: true)
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    /// The API's encoder: keys as the types spell them. `sortedKeys` for
    /// text that is compared or diffed (an export); the API leaves keys in
    /// the encoder's own order: sorting every object's keys was a tenth of
    /// the 1,000-worker list's encoding (B10), and JSON readers don't care.
    public static func wireEncoder(pretty: Bool = false, sortedKeys: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(WireDate.string(date))
        }
        var formatting: JSONEncoder.OutputFormatting = [.withoutEscapingSlashes]
        if sortedKeys { formatting.insert(.sortedKeys) }
        if pretty { formatting.insert(.prettyPrinted) }
        encoder.outputFormatting = formatting
        return encoder
    }

    /// The API's decoder (every decoded type is a wire type). Dates as
    /// `.iso8601` reads them (`WireDate`), with the same error.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let string = try container.decode(String.self)
            guard let date = WireDate.date(string) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected date string to be ISO8601-formatted.")
            }
            return date
        }
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
