/// A pure byte parser shared by the provider clients and the remote source
/// (the owner's push stream), so it lives in Runtime, which both import.

/// One server-sent event: its `event:` name (nil when none was given), its
/// `data:` lines joined with `\n`, and its last `id:`.
public struct SSEEvent: Hashable, Sendable {
    public var event: String?
    public var data: String
    public var id: String?

    public init(event: String? = nil, data: String, id: String? = nil) {
        self.event = event
        self.data = data
        self.id = id
    }
}

/// Incremental server-sent-events parser over raw bytes.
///
/// Invariants: bytes may arrive split anywhere — inside a line, between CR
/// and LF, inside a UTF-8 sequence — and the events are the same as for the
/// whole stream at once. Lines end at LF, CR or CRLF; a line is decoded as
/// UTF-8 only once complete (invalid sequences become U+FFFD). `:` lines are
/// comments; `retry:` and unknown fields are ignored; a blank line
/// dispatches the event if it has data. A leading byte-order mark is
/// skipped. An unterminated event at the end of the stream is dropped, as the
/// SSE specification says.
public struct SSEParser: Sendable {
    private var line: [UInt8] = []
    /// The previous byte was CR: a following LF belongs to the same line end.
    private var afterCR = false
    private var atStreamStart = true
    private var dataLines: [String] = []
    private var hasData = false
    private var eventName: String?
    private var lastId: String?

    public init() {}

    /// Feeds bytes; returns the events they completed, in order.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [SSEEvent] where Bytes.Element == UInt8 {
        var events: [SSEEvent] = []
        let done: Void? = bytes.withContiguousStorageIfAvailable { self.scan($0, into: &events) }
        if done == nil {
            Array(bytes).withUnsafeBufferPointer { self.scan($0, into: &events) }
        }
        return events
    }

    /// Splits `bytes` at line ends, appending each run to `line` in bulk.
    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, into events: inout [SSEEvent]) {
        var index = 0
        let count = bytes.count
        while index < count {
            if afterCR {
                afterCR = false
                if bytes[index] == 0x0A { // the LF of a CRLF split across feeds
                    index += 1
                    continue
                }
            }
            var end = index
            while end < count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
            guard end < count else { return }
            afterCR = bytes[end] == 0x0D
            endLine(into: &events)
            index = end + 1
        }
    }

    private mutating func endLine(into events: inout [SSEEvent]) {
        var bytes = line[...]
        line.removeAll(keepingCapacity: true)
        if atStreamStart {
            atStreamStart = false
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        }
        if bytes.isEmpty {
            if hasData {
                events.append(SSEEvent(event: eventName, data: dataLines.joined(separator: "\n"), id: lastId))
            }
            dataLines.removeAll(keepingCapacity: true)
            hasData = false
            eventName = nil
            return
        }
        if bytes.first == UInt8(ascii: ":") { return } // comment
        let field: String
        var value: ArraySlice<UInt8>
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            value = bytes[(colon + 1)...]
            if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
            field = String(decoding: bytes[..<colon], as: UTF8.self)
        } else {
            value = []
            field = String(decoding: bytes, as: UTF8.self)
        }
        switch field {
        case "data":
            dataLines.append(String(decoding: value, as: UTF8.self))
            hasData = true
        case "event":
            eventName = String(decoding: value, as: UTF8.self)
        case "id":
            if !value.contains(0) { lastId = String(decoding: value, as: UTF8.self) }
        default:
            break // retry:, unknown fields
        }
    }
}
