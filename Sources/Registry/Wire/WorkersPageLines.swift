import Foundation

/// `WorkersPage` as the API writes it: ordinary JSON, one worker to a line,
///
///     {"runtime_id":"backend-internal","truncated":false,"workers":[
///     {"label":"alpha",…},
///     {"label":"beta",…}
///     ]}
///
/// so that neither end redoes the JSON of a worker that has not changed
/// since the last list. Foundation's codec costs about 16 µs a worker each
/// way, so a 1,000-worker list was 32 ms of codec alone (B10). The owner
/// keeps each worker's bytes while its summary stays equal
/// (`EncodedWorkerRows`); a client keeps the worker each line decoded to
/// (`DecodedWorkerRows`). Any other reader sees the same JSON document as
/// before (`curl | jq` included).
///
/// A line is exactly one worker because `JSONEncoder` without
/// `.prettyPrinted` writes no raw newline (strings escape it); the encoder
/// checks that of every row it makes. A page in any other layout (an owner
/// that predates this one, a pretty-printed page) is decoded whole, as is
/// one whose lines do not decode, so it fails with the decoder's own error.
public enum WorkersPageLines {
    private struct Head: Codable {
        enum CodingKeys: String, CodingKey { case runtimeId = "runtime_id", truncated }
        var runtimeId: String
        var truncated: Bool
    }

    private static let newline = UInt8(ascii: "\n")
    private static let headEnd = Data(#","workers":["#.utf8)
    private static let tail = Data("]}".utf8)

    /// A page's JSON in pieces (the head, each worker's row, the separators
    /// between them), for the answer to copy once into its own buffer.
    public struct Encoded: Sendable {
        public let pieces: [Data]
        /// The bytes in all the pieces.
        public let count: Int

        /// The pieces joined.
        public var data: Data {
            var out = [UInt8]()
            out.reserveCapacity(count)
            for piece in pieces { piece.withUnsafeBytes { out.append(contentsOf: $0) } }
            return Data(out)
        }
    }

    private static let separator = Data(",\n".utf8)
    private static let lastLine = Data("\n]}".utf8)

    public static func encode(_ page: WorkersPage, rows: EncodedWorkerRows) throws -> Data {
        try encodePieces(page, rows: rows).data
    }

    public static func encodePieces(_ page: WorkersPage, rows: EncodedWorkerRows) throws -> Encoded {
        let encoder = ProjectionJSON.wireEncoder()
        var head = try encoder.encode(Head(runtimeId: page.runtimeId, truncated: page.truncated))
        guard head.last == UInt8(ascii: "}") else { throw EncodingError.invalidValue(page, .init(codingPath: [], debugDescription: "not an object")) }
        head.removeLast()
        head.append(headEnd)
        head.append(newline)
        let lines = try rows.lines(for: page.workers, encoder: encoder)
        var pieces = [head]
        pieces.reserveCapacity(2 * lines.count + 2)
        var count = head.count
        for (i, line) in lines.enumerated() {
            if i > 0 { pieces.append(separator); count += separator.count }
            pieces.append(line)
            count += line.count
        }
        let end = lines.isEmpty ? tail : lastLine
        pieces.append(end)
        return Encoded(pieces: pieces, count: count + end.count)
    }

    public static func decode(_ data: Data, rows: DecodedWorkerRows) throws -> WorkersPage {
        let decoder = ProjectionJSON.decoder()
        if let page = try? fastDecode(data, rows: rows, decoder: decoder) { return page }
        var page = try decoder.decode(WorkersPage.self, from: data)
        page.workers = page.workers.map(rows.transform)
        return page
    }

    /// The lines of `data`, as slices of it. (Found with `memchr`: a
    /// generic `split` over `Data` was most of a cached list's time.)
    private static func lines(of data: Data) -> [Data] {
        let ranges = data.withUnsafeBytes { raw -> [Range<Int>] in
            guard let base = raw.baseAddress else { return [0..<0] }
            var ranges: [Range<Int>] = []
            var start = 0
            while let found = memchr(base + start, Int32(newline), raw.count - start) {
                let end = base.distance(to: UnsafeRawPointer(found))
                ranges.append(start..<end)
                start = end + 1
            }
            ranges.append(start..<raw.count)
            return ranges
        }
        let origin = data.startIndex
        return ranges.map { data[(origin + $0.lowerBound)..<(origin + $0.upperBound)] }
    }

    static func holdsNewline(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in raw.baseAddress.map { memchr($0, Int32(newline), raw.count) != nil } ?? false }
    }

    /// Nil where the page is not in this layout (the caller decodes it whole).
    private static func fastDecode(_ data: Data, rows: DecodedWorkerRows, decoder: JSONDecoder) throws -> WorkersPage? {
        let lines = lines(of: data)
        guard lines.count >= 2, let first = lines.first, first.count > headEnd.count, first.suffix(headEnd.count) == headEnd,
              lines.last == tail else { return nil }
        // The envelope with no workers: the decoder checks it as it checks any page.
        var envelope = Data(first)
        envelope.append(tail)
        var page = try decoder.decode(WorkersPage.self, from: envelope)
        guard page.workers.isEmpty else { return nil }
        var workerLines: [Data] = []
        workerLines.reserveCapacity(lines.count - 2)
        for (i, line) in lines.dropFirst().dropLast().enumerated() {
            let isLast = i == lines.count - 3
            if isLast { workerLines.append(line); continue }
            guard line.last == UInt8(ascii: ",") else { return nil }
            workerLines.append(line.dropLast())
        }
        page.workers = try rows.workers(for: workerLines, decoder: decoder)
        return page
    }
}

/// An owner's encoded list rows: a worker's JSON, kept while its summary
/// is equal (comparing 1,000 summaries takes about 0.15 ms; encoding them,
/// 16 ms). Bounded: past `capacity` rows only the last list's are kept.
public final class EncodedWorkerRows: Sendable {
    /// A class: looking a row up copies a reference, not a whole summary.
    private final class Row: Sendable {
        let summary: WorkerSummary
        let bytes: Data
        init(summary: WorkerSummary, bytes: Data) {
            self.summary = summary
            self.bytes = bytes
        }
    }

    private let rows = PthreadMutex([WorkerKey: Row]())
    private let capacity: Int

    public init(capacity: Int = 4 * APIContract.maxLimit) { self.capacity = capacity }

    /// How many rows are kept (for tests).
    public var count: Int { rows.withLock { $0.count } }

    func lines(for workers: [WorkerSummary], encoder: JSONEncoder) throws -> [Data] {
        let known = rows.withLock { $0 }
        var made: [WorkerKey: Row] = [:]
        var lines: [Data] = []
        lines.reserveCapacity(workers.count)
        for worker in workers {
            if let row = known[worker.key], row.summary == worker {
                lines.append(row.bytes)
                continue
            }
            let bytes = try encoder.encode(worker)
            guard !WorkersPageLines.holdsNewline(bytes) else {
                throw EncodingError.invalidValue(worker, .init(codingPath: [], debugDescription: "a row holds a raw newline"))
            }
            made[worker.key] = Row(summary: worker, bytes: bytes)
            lines.append(bytes)
        }
        guard !made.isEmpty else { return lines }
        rows.withLock { kept in
            if kept.count + made.count > capacity {
                var last = made
                for worker in workers where last[worker.key] == nil { last[worker.key] = known[worker.key] }
                kept = last
            } else {
                kept.merge(made) { _, new in new }
            }
        }
        return lines
    }
}

/// A client's decoded list rows: the worker each line of JSON decoded to,
/// after `transform` (a remote's relabelling). A line equal to one seen
/// before is that worker again, with no decoding (an owner sends an
/// unchanged worker's row byte for byte). Bounded: past `capacity` lines
/// only the last list's are kept.
public final class DecodedWorkerRows: Sendable {
    private struct Kept: Sendable {
        var byLine: [Data: WorkerSummary] = [:]
        /// The last list in order: most lists repeat it, and comparing a
        /// line with the one at its place needs no hashing.
        var lastLines: [Data] = []
        var lastWorkers: [WorkerSummary] = []
    }

    private let rows = PthreadMutex(Kept())
    private let capacity: Int
    let transform: @Sendable (WorkerSummary) -> WorkerSummary

    public init(capacity: Int = 4 * APIContract.maxLimit,
                transform: @escaping @Sendable (WorkerSummary) -> WorkerSummary = { $0 }) {
        self.capacity = capacity
        self.transform = transform
    }

    /// How many lines are kept (for tests).
    public var count: Int { rows.withLock { $0.byLine.count } }

    func workers(for lines: [Data], decoder: JSONDecoder) throws -> [WorkerSummary] {
        let known = rows.withLock { $0 }
        var made: [Data: WorkerSummary] = [:]
        var workers: [WorkerSummary] = [], owned: [Data] = []
        workers.reserveCapacity(lines.count)
        owned.reserveCapacity(lines.count)
        for (i, line) in lines.enumerated() {
            if i < known.lastLines.count, known.lastLines[i] == line {
                workers.append(known.lastWorkers[i])
                owned.append(known.lastLines[i])
            } else if let index = known.byLine.index(forKey: line) {
                workers.append(known.byLine[index].value)
                owned.append(known.byLine[index].key)
            } else {
                let worker = transform(try decoder.decode(WorkerSummary.self, from: line))
                // A copy: the line is a slice of the whole answer, which the cache must not keep alive.
                let copy = Data(line)
                made[copy] = worker
                workers.append(worker)
                owned.append(copy)
            }
        }
        rows.withLock { kept in
            kept.lastLines = owned
            kept.lastWorkers = workers
            guard !made.isEmpty else { return }
            if kept.byLine.count + made.count > capacity {
                kept.byLine = Dictionary(zip(owned, workers), uniquingKeysWith: { first, _ in first })
            } else {
                kept.byLine.merge(made) { _, new in new }
            }
        }
        return workers
    }
}
