import Foundation
import Registry

/// A worker's directory diff as the console shows it: every line sanitised
/// on the way in (file content is untrusted text).
public struct DiffText: Hashable, Sendable {
    /// `workspace`, or `worktree <worker id>`.
    public var directory: String
    /// The diff's lines; empty when nothing changed.
    public var lines: [String]
    /// Cut at the size limit.
    public var truncated: Bool
    /// Counted once here, not at every frame: files (`diff --git` headers),
    /// added and removed lines.
    public private(set) var files = 0
    public private(set) var added = 0
    public private(set) var removed = 0

    public init(directory: String, lines: [String], truncated: Bool = false) {
        self.directory = directory; self.lines = lines; self.truncated = truncated
        for line in lines {
            if line.hasPrefix("diff --git ") { files += 1 }
            else if line.hasPrefix("+"), !line.hasPrefix("+++ ") { added += 1 }
            else if line.hasPrefix("-"), !line.hasPrefix("--- ") { removed += 1 }
        }
    }

    public init(_ page: WorkdirDiffPage) {
        var lines = page.diff.isEmpty ? [] : Sanitiser.clean(page.diff).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        self.init(directory: Sanitiser.cleanLine(page.directory), lines: lines, truncated: page.truncated)
    }
}

/// The diff view overlay (`D`): the shown worker's directory diff, loaded
/// on request, scrolled by whole diff lines, searched with `/`.
///
/// Invariants: `text` is nil only while loading; `scroll` and `match` index
/// `text.lines`; `editing` means the search field has the keys.
public struct DiffView: Hashable, Sendable {
    public var worker: WorkerKey
    public var text: DiffText?
    /// The first line shown.
    public var scroll = 0
    /// The search text (nil: no search).
    public var query: String?
    public var editing = false
    /// The line of the current match.
    public var match: Int?

    public init(worker: WorkerKey, text: DiffText? = nil, scroll: Int = 0, query: String? = nil, editing: Bool = false,
                match: Int? = nil) {
        self.worker = worker; self.text = text; self.scroll = scroll; self.query = query; self.editing = editing; self.match = match
    }

    /// Lines holding `query`, ignoring case, in order.
    public var matches: [Int] {
        guard let query, !query.isEmpty, let lines = text?.lines else { return [] }
        return lines.indices.filter { lines[$0].range(of: query, options: .caseInsensitive) != nil }
    }
}
