/// The reply being streamed, laid out incrementally, so that a delta costs
/// what its own text costs and not what the reply so far does (B12).
///
/// The rows of the raw text's completed lines (everything up to its last
/// `\n`) are kept, with the Markdown state after them (inside a fence or
/// not); only the unfinished last line is sanitised and laid out again.
/// This is exact, not an approximation:
/// - the sanitiser returns to its initial state at every `\n` (no escape
///   sequence spans a newline, and a `\n` is a grapheme of its own once
///   `\r` is dropped), so cleaning line by line equals cleaning the whole —
///   an escape sequence or a grapheme cluster split across deltas sits in
///   the unfinished line, which is always cleaned whole;
/// - `Markdown` lays a line out from that line and the fence state alone.
///
/// Invariant: the raw text given to `advance` and `lines` only grows between
/// resets (the owner resets the layout when the text is replaced); `lines`
/// then equals `TranscriptLayout.lines(role: .assistant, kind: .message,
/// content: Sanitiser.clean(raw), date: nil, width:, streaming: true)`.
public struct StreamingLayout: Hashable, Sendable {
    /// The transcript width the rows were laid out at (0: none yet).
    public private(set) var width = 0
    /// UTF-8 length of the raw text laid out: up to and including its last `\n`.
    public private(set) var consumed = 0
    /// Rows of the completed lines, gutter included.
    public private(set) var rows: [StyledLine] = []
    /// Whether the completed lines end inside a fenced code block.
    public private(set) var inFence = false

    public init() {}

    /// Lays out the completed lines of `raw` not laid out yet, at `width`
    /// (all of them again when the width changed or `raw` is shorter than
    /// what was laid out). Costs the newly completed text, not `raw`.
    public mutating func advance(_ raw: String, width: Int) {
        if width != self.width || raw.utf8.count < consumed { start(width: width) }
        guard width > 0 else { return }
        let utf8 = raw.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: consumed)
        // The last newline after `from`, searched from the end: a delta's
        // newline is found within that delta's length.
        var end = utf8.endIndex
        var newline: String.Index?
        while end > from {
            let p = utf8.index(before: end)
            if utf8[p] == 0x0A { newline = p; break }
            end = p
        }
        guard let newline else { return }
        let upTo = utf8.index(after: newline)
        let clean = Sanitiser.clean(String(raw[from..<upTo]))
        let contentWidth = TranscriptLayout.contentWidth(width, streaming: true)
        // The cleaned text ends with the `\n` it kept: its last piece is empty, not a line.
        for line in clean.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            var body: [StyledLine] = []
            Markdown.layoutLine(line, width: contentWidth, base: Self.bodyRole, inFence: &inFence, into: &body)
            rows += Self.gutter(body, width: width, first: rows.isEmpty)
        }
        consumed += utf8.distance(from: from, to: upTo)
    }

    /// The block's rows for `raw` at `width`: the last `limit` of them, and
    /// how many there are in all. Lays out only the unfinished line when the
    /// cache is current; otherwise lays out what it lacks (pure: the cache
    /// itself is advanced by its owner).
    public func lines(_ raw: String, width: Int, limit: Int = .max) -> (lines: [StyledLine], total: Int) {
        guard width > 0 else { return ([], 0) }
        var layout = self
        layout.advance(raw, width: width)
        let utf8 = raw.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: layout.consumed)
        let clean = Sanitiser.clean(String(raw[from...]))
        let contentWidth = TranscriptLayout.contentWidth(width, streaming: true)
        var inFence = layout.inFence
        var body: [StyledLine] = []
        for line in clean.split(separator: "\n", omittingEmptySubsequences: false) {
            Markdown.layoutLine(line, width: contentWidth, base: Self.bodyRole, inFence: &inFence, into: &body)
        }
        // `body` is never empty: every line gives at least one row.
        body[body.count - 1].spans.append(Span("▌", "transcript.cursor"))
        let tail = Self.gutter(body, width: width, first: layout.rows.isEmpty)
        let limit = max(0, limit)
        let total = layout.rows.count + tail.count
        guard limit < total else { return (layout.rows + tail, total) }
        let fromCache = max(0, limit - tail.count)
        return (Array(layout.rows.suffix(fromCache)) + tail.suffix(limit - fromCache), total)
    }

    private static let bodyRole: StyleRole = "transcript.text"
    /// A streaming block has no time yet: its head shows the author only.
    private static let head: [Span] = {
        let (label, role) = TranscriptLayout.author(role: .assistant, kind: .message)
        return TranscriptLayout.head(label, role, date: nil, offsetSeconds: 0)
    }()

    private mutating func start(width: Int) {
        self = StreamingLayout()
        self.width = width
        // Too narrow for a gutter: the head is a row of its own, above the body.
        if width > 0, !TranscriptLayout.usesGutter(width) { rows = [StyledLine(Self.head)] }
    }

    /// Body rows with their gutter; the block's `first` row carries the head.
    private static func gutter(_ body: [StyledLine], width: Int, first: Bool) -> [StyledLine] {
        guard TranscriptLayout.usesGutter(width) else { return body }
        return body.enumerated().map { i, l in
            StyledLine((first && i == 0 ? head : [TranscriptLayout.blankGutter]) + l.spans)
        }
    }
}
