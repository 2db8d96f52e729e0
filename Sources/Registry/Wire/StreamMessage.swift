import Foundation

/// One message of the push stream `GET /v1/stream?from=EVENT_ID` (SSE). The
/// SSE `event:` field is `kind`, `data:` the JSON of the payload, and `id:`
/// the event id for committed events (so a client resumes from it).
public enum StreamMessage: Hashable, Sendable {
    /// First message: the API version and the next committed event id.
    case hello(StreamHello)
    /// A committed runtime event.
    case event(RuntimeEventProjection)
    /// A live, unpersisted update (deltas, turn boundaries, worker changes).
    case live(LiveUpdate)
    /// The server dropped messages for this client: reread the event log
    /// from `from` and refresh every worker.
    case lagged(StreamLagged)

    public enum Kind: String, Sendable, CaseIterable {
        case hello, event, live, lagged
    }

    public var kind: Kind {
        switch self {
        case .hello: .hello
        case .event: .event
        case .live: .live
        case .lagged: .lagged
        }
    }

    /// The SSE `id:` field: set for committed events only.
    public var sseId: String? {
        if case let .event(event) = self { return String(event.id) }
        return nil
    }

    /// The JSON of the payload.
    public func data() -> String {
        switch self {
        case let .hello(value): ProjectionJSON.wireString(value)
        case let .event(value): ProjectionJSON.wireString(value)
        case let .live(value): ProjectionJSON.wireString(value)
        case let .lagged(value): ProjectionJSON.wireString(value)
        }
    }

    /// One SSE frame, ending with the blank line that dispatches it.
    public func sseFrame() -> String {
        var frame = "event: \(kind.rawValue)\n"
        if let sseId { frame += "id: \(sseId)\n" }
        // JSON from ProjectionJSON never holds a raw newline.
        frame += "data: \(data())\n\n"
        return frame
    }

    /// Decodes one received SSE event; nil for an unknown `event:` name
    /// (a newer server may add kinds; a client skips them).
    public static func decode(event: String?, data: String) throws -> StreamMessage? {
        guard let name = event, let kind = Kind(rawValue: name) else { return nil }
        let decoder = ProjectionJSON.decoder()
        let bytes = Data(data.utf8)
        switch kind {
        case .hello: return .hello(try decoder.decode(StreamHello.self, from: bytes))
        case .event: return .event(try decoder.decode(RuntimeEventProjection.self, from: bytes))
        case .live: return .live(try decoder.decode(LiveUpdate.self, from: bytes))
        case .lagged: return .lagged(try decoder.decode(StreamLagged.self, from: bytes))
        }
    }
}

public struct StreamHello: Hashable, Sendable, Codable {

    // Spelled out: the wire codec has no key strategy (it cost a third

    // of the 1,000-worker list's time, B10). A new property needs its key here.

    private enum CodingKeys: String, CodingKey {

        case apiVersion = "api_version", runtimeId = "runtime_id", nextEventId = "next_event_id"

    }

    public var apiVersion: Int
    public var runtimeId: String
    /// The id the next committed event will carry (resume point).
    public var nextEventId: Int64

    public init(apiVersion: Int = APIContract.version, runtimeId: String, nextEventId: Int64) {
        self.apiVersion = apiVersion
        self.runtimeId = runtimeId
        self.nextEventId = nextEventId
    }
}

public struct StreamLagged: Hashable, Sendable, Codable {
    /// Reread the event log from here.
    public var from: Int64
    public init(from: Int64) { self.from = from }
}
