import Foundation
import Runtime

/// The transcript of one legacy worker, read from its active segment and
/// kept up to date by `refresh()` (incremental: only bytes after the last
/// complete line are read again).
///
/// Invariants:
/// - `entries` are numbered 1…n, contiguous, `eventId` 0, like embedded ones;
/// - only newline-terminated lines are ever parsed; a torn tail is re-read
///   on the next refresh once complete;
/// - a file shorter than what was read, or whose bytes before the read
///   offset changed (a rewind rewrote it), is read again from the start,
///   and the update says `reset`;
/// - at most `window` bytes (4 MiB) are read per refresh: a larger segment,
///   or a larger growth, is read from its last `window` bytes only
///   (`local_transcript_truncated`);
/// - holds the segment's path, so `description` and the mirror are redacted.
///
/// A value type: each copy reads on its own; not for concurrent mutation.
public struct LegacyTranscript: Sendable, CustomStringConvertible, CustomReflectable {
    public static let window = 4 << 20
    /// Bytes before the read offset compared on refresh to detect rewrites.
    static let anchorLength = 64

    public let ref: WorkerRef
    /// The segment this reader follows; a record pointing elsewhere needs a new reader.
    let segment: LegacySegmentRef?
    private let file: URL?
    public private(set) var entries: [TranscriptEntry] = []
    /// Next byte to read; always just after a newline (or a window start).
    private var offset: UInt64 = 0
    /// Up to `anchorLength` bytes just before `offset`.
    private var anchor = Data()
    /// Complete lines consumed since the read started at `windowed` origin.
    private var lineCount = 0
    /// Whether the current read began inside the file (line numbers relative).
    private var windowed = false
    private var started = false

    /// What one refresh changed.
    public struct Update: Hashable, Sendable {
        /// Entries were dropped and renumbered from 1 (file rewound or missing).
        public var reset: Bool
        /// Sequences of the entries added by this refresh.
        public var appended: ClosedRange<Int>?
        public var diagnostics: [Diagnostic]
    }

    /// Whether the worker points at a segment (status active or live);
    /// only then is a missing file worth a diagnostic.
    private let expectsTranscript: Bool

    /// Prepares a reader; nothing is read until `refresh()`.
    public init(worker: LegacyWorker, paths: LegacyPaths) {
        self.init(
            ref: WorkerRef(runtimeId: LocalCompatIdentity.runtimeId, workerId: worker.workerId),
            segment: worker.segment, file: worker.segment.map(paths.segmentFile),
            expectsTranscript: worker.status == .active || worker.status == .live)
    }

    private init(ref: WorkerRef, segment: LegacySegmentRef?, file: URL?, expectsTranscript: Bool) {
        self.ref = ref
        self.segment = segment
        self.file = file
        self.expectsTranscript = expectsTranscript
    }

    /// The same reader with nothing read yet.
    private var fresh: Self { Self(ref: ref, segment: segment, file: file, expectsTranscript: expectsTranscript) }

    /// Reads what is new. Never throws: every problem is a diagnostic.
    public mutating func refresh() -> Update {
        guard expectsTranscript else { return Update(reset: false, appended: nil, diagnostics: []) }
        guard let file, let reader = LegacyFile.Reader(file) else { return vanished() }
        defer { reader.close() }
        guard let size = reader.size() else { return vanished() }
        var reset = false
        if started, size < offset || size - offset > UInt64(Self.window) || !anchorMatches(reader) {
            reset = !entries.isEmpty
            self = fresh
        }
        var diagnostics: [Diagnostic] = []
        let data: Data?
        if started {
            data = reader.read(from: offset, count: Int(size - offset))
        } else if size > UInt64(Self.window) {
            diagnostics.append(truncated())
            data = startInWindow(reader, size: size)
        } else {
            data = reader.read(from: 0, count: Int(size))
        }
        started = true
        guard let data else { return vanished() }

        let parsed = LegacySegmentParser.parse(data: data)
        let first = entries.count + 1
        for entry in parsed.entries {
            entries.append(TranscriptEntry(
                sequence: entries.count + 1, role: entry.role, kind: entry.kind,
                content: entry.content, eventId: 0, createdAt: entry.createdAt))
        }
        diagnostics += invalidLines(parsed.invalidLines.map { $0 + lineCount })
        lineCount += parsed.lineCount
        if parsed.consumedBytes > 0 {
            anchor = (anchor + data.prefix(parsed.consumedBytes)).suffix(Self.anchorLength)
            offset += UInt64(parsed.consumedBytes)
        }
        return Update(reset: reset, appended: entries.count >= first ? first...entries.count : nil,
                      diagnostics: diagnostics)
    }

    /// The segment cannot be opened or read: forget what was read.
    private mutating func vanished() -> Update {
        let hadEntries = !entries.isEmpty
        self = fresh
        return Update(reset: hadEntries, appended: nil, diagnostics: [missing()])
    }

    /// Reads the last `window` bytes, from the first line that starts inside
    /// them; sets `offset` to that line's start.
    private mutating func startInWindow(_ reader: LegacyFile.Reader, size: UInt64) -> Data? {
        let before = size - UInt64(Self.window) - 1
        guard let raw = reader.read(from: before, count: Self.window + 1) else { return nil }
        windowed = true
        anchor = Data()
        guard let newline = raw.firstIndex(of: UInt8(ascii: "\n")) else {
            offset = before + UInt64(raw.count)
            return Data()
        }
        let skipped = raw.distance(from: raw.startIndex, to: newline) + 1
        offset = before + UInt64(skipped)
        return Data(raw[raw.index(after: newline)...])
    }

    private func anchorMatches(_ reader: borrowing LegacyFile.Reader) -> Bool {
        guard !anchor.isEmpty else { return true }
        let at = offset - UInt64(anchor.count)
        return reader.read(from: at, count: anchor.count) == anchor
    }

    // MARK: Diagnostics

    private func missing() -> Diagnostic {
        Diagnostic.local(
            code: LocalCompatDiagnosticCode.transcriptMissing, severity: .warning,
            message: "the transcript of legacy worker \(ref.workerId) was not found; it is shown without one",
            workerId: ref.workerId)
    }

    private func truncated() -> Diagnostic {
        Diagnostic.local(
            code: LocalCompatDiagnosticCode.transcriptTruncated, severity: .info,
            message: "the transcript of legacy worker \(ref.workerId) is large; only its last 4 MiB are shown",
            workerId: ref.workerId)
    }

    /// One diagnostic per invalid line, up to 10, then one with the count.
    private func invalidLines(_ numbers: [Int]) -> [Diagnostic] {
        let place = windowed ? " of the shown part" : ""
        var out = numbers.prefix(10).map { number in
            Diagnostic.local(
                code: LocalCompatDiagnosticCode.transcriptLineInvalid, severity: .warning,
                message: "line \(number)\(place) of the transcript of legacy worker \(ref.workerId) is not valid and was skipped",
                workerId: ref.workerId)
        }
        if numbers.count > 10 {
            out.append(Diagnostic.local(
                code: LocalCompatDiagnosticCode.transcriptLineInvalid, severity: .warning,
                message: "+\(numbers.count - 10) more invalid lines in the transcript of legacy worker \(ref.workerId)",
                workerId: ref.workerId))
        }
        return out
    }

    public var description: String { "LegacyTranscript(\(ref), \(entries.count) entries)" }
    public var customMirror: Mirror { Mirror(self, children: ["ref": ref, "entries": entries.count]) }
}
