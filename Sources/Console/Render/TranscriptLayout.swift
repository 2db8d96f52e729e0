import Foundation
import Registry

/// Lays transcript entries out as rows: a gutter (`you   12:01  `) on the
/// first row of each entry, then the content wrapped to the remaining width
/// (model text through light Markdown). Pure; results may be memoised per
/// entry and width by `TranscriptLayoutCache`.
public enum TranscriptLayout {
    public static let gutterWidth = 13

    /// The label and role of an entry's author.
    public static func author(role: EntryRole, kind: EntryKind) -> (String, StyleRole) {
        switch (role, kind) {
        case (_, .error): return ("error", "transcript.error")
        case (_, .notice): return ("note", "transcript.notice")
        case (_, .toolCall): return ("tool", "transcript.system")
        case (.tool, _): return ("tool", "transcript.system")
        case (.user, _): return ("you", "transcript.you")
        case (.assistant, _): return ("model", "transcript.model")
        case (.system, _): return ("system", "transcript.system")
        }
    }

    /// `HH:mm` at a fixed UTC offset (injected, so tests are stable).
    public static func clock(_ date: Date?, offsetSeconds: Int) -> String {
        guard let date else { return "     " }
        let t = Int(date.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        let minutes = ((t / 60) % 1440 + 1440) % 1440
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    /// Rows for one committed entry; `expanded` shows a tool entry's detail.
    public static func lines(_ item: TranscriptRow, width: Int, offsetSeconds: Int, expanded: Bool) -> [StyledLine] {
        lines(role: item.role, kind: item.kind, content: item.content, date: item.createdAt, width: width,
              offsetSeconds: offsetSeconds, interrupted: item.interrupted, detail: expanded ? item.tool : nil)
    }

    /// Rows for one entry at `width` (content already sanitised); `detail`
    /// is drawn under the summary line as monospace blocks.
    public static func lines(role: EntryRole, kind: EntryKind, content: String, date: Date?,
                             width: Int, offsetSeconds: Int, streaming: Bool = false,
                             interrupted: Bool = false, detail: ToolDetail? = nil) -> [StyledLine] {
        guard width > 0 else { return [] }
        let (label, labelRole) = author(role: role, kind: kind)
        let bodyRole: StyleRole = kind == .error ? "transcript.error" : kind == .notice ? "transcript.notice" : "transcript.text"
        let useGutter = Self.usesGutter(width)
        let contentWidth = Self.contentWidth(width, streaming: streaming)
        var body = role == .assistant && kind == .message
            ? Markdown.layout(content, width: contentWidth, base: bodyRole)
            : content.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
                StyledWrapping.wrap($0.map { ($0, bodyRole) }, width: contentWidth)
            }
        if streaming {
            if body.isEmpty { body = [StyledLine()] }
            body[body.count - 1].spans.append(Span("▌", "transcript.cursor"))
        }
        if let detail { body += detailLines(detail, width: contentWidth) }
        // A reply cut short says so under what was kept.
        if interrupted { body.append(StyledLine("⏸ interrupted", "transcript.notice")) }
        let head = Self.head(label, labelRole, date: date, offsetSeconds: offsetSeconds)
        guard useGutter else {
            return [StyledLine(head)] + body
        }
        return body.enumerated().map { i, l in StyledLine((i == 0 ? head : [blankGutter]) + l.spans) }
    }

    /// Whether entries at `width` get a gutter (else the head is a row of its own).
    static func usesGutter(_ width: Int) -> Bool { width >= gutterWidth + 16 }

    /// The width left for an entry's content at `width`.
    static func contentWidth(_ width: Int, streaming: Bool) -> Int {
        // A streaming block keeps one column free for its cursor.
        max(1, (usesGutter(width) ? width - gutterWidth : width) - (streaming ? 1 : 0))
    }

    /// The gutter of an entry's first row: author label and time.
    static func head(_ label: String, _ labelRole: StyleRole, date: Date?, offsetSeconds: Int) -> [Span] {
        [Span(label.padding(toLength: 6, withPad: " ", startingAt: 0), labelRole),
         Span(clock(date, offsetSeconds: offsetSeconds) + "  ", "transcript.time")]
    }

    /// The gutter of an entry's other rows.
    static let blankGutter = Span(String(repeating: " ", count: gutterWidth), "transcript.text")
}

extension TranscriptLayout {
    /// An expanded tool entry: a call's arguments; a result's output (or
    /// that it had none), whether it was cut, and its diff coloured.
    static func detailLines(_ d: ToolDetail, width: Int) -> [StyledLine] {
        var out: [StyledLine] = []
        switch d.part {
        case .call:
            out.append(StyledLine("arguments", "transcript.time"))
            out += MonoBlock.lines(d.body, width: width, role: "transcript.output")
        case .result:
            out += d.body.isEmpty ? [StyledLine("(no output)", "transcript.time")]
                : MonoBlock.lines(d.body, width: width, role: "transcript.output")
            if d.truncated { out.append(StyledLine("(output truncated)", "transcript.notice")) }
            if let diff = d.diff, !diff.isEmpty { out += MonoBlock.diff(diff, width: width, base: "transcript.output") }
        }
        return out
    }
}

/// Memo of laid-out entries per (worker, sequence, width, expanded). Owned by the
/// loop's UI thread (not `Sendable`); a cache only: results equal a fresh
/// layout, so `render` stays a function of its inputs.
public final class TranscriptLayoutCache {
    struct Key: Hashable { var worker: WorkerKey; var sequence: Int; var width: Int; var offset: Int; var expanded: Bool }
    private var entries: [Key: [StyledLine]] = [:]
    private let capacity: Int

    public init(capacity: Int = 4096) { self.capacity = capacity }

    func lines(_ worker: WorkerKey, _ item: TranscriptRow, width: Int, offset: Int, expanded: Bool) -> [StyledLine] {
        let key = Key(worker: worker, sequence: item.sequence, width: width, offset: offset, expanded: expanded)
        if let hit = entries[key] { return hit }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        let lines = TranscriptLayout.lines(item, width: width, offsetSeconds: offset, expanded: expanded)
        entries[key] = lines
        return lines
    }
}
