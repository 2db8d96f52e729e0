import Foundation
import Registry

/// One search match as the console shows it: its snippet sanitised to one
/// line on the way in (transcript text is untrusted).
public struct GrepMatch: Hashable, Sendable {
    public var key: WorkerKey
    public var sequence: Int
    public var role: EntryRole
    public var snippet: String

    public init(key: WorkerKey, sequence: Int, role: EntryRole, snippet: String) {
        self.key = key; self.sequence = sequence; self.role = role; self.snippet = snippet
    }

    public init(_ match: SearchMatch) {
        self.init(key: match.key, sequence: match.sequence, role: match.role, snippet: Sanitiser.cleanLine(match.snippet))
    }
}

/// The `:grep TEXT` overlay: matches across every worker, grouped by worker
/// (the group with the newest match first, each group newest first), one
/// selected; Enter opens that worker at the entry.
///
/// Invariants: `matches` is nil only while the search runs; it is in
/// display order (grouped), and `cursor` indexes it.
public struct GrepView: Hashable, Sendable {
    public var query: String
    public var matches: [GrepMatch]?
    public var cursor = 0

    public init(query: String, matches: [GrepMatch]? = nil, cursor: Int = 0) {
        self.query = query; self.matches = matches; self.cursor = cursor
    }

    /// Newest-first matches, regrouped by worker: a worker's matches stay
    /// together, the workers in order of their newest match.
    public static func grouped(_ matches: [GrepMatch]) -> [GrepMatch] {
        var order: [WorkerKey] = []
        var groups: [WorkerKey: [GrepMatch]] = [:]
        for match in matches {
            if groups[match.key] == nil { order.append(match.key) }
            groups[match.key, default: []].append(match)
        }
        return order.flatMap { groups[$0] ?? [] }
    }

    public var selected: GrepMatch? {
        guard let matches, matches.indices.contains(cursor) else { return nil }
        return matches[cursor]
    }
}
