import Registry

/// The workers filter as typed: `status:NAME` tokens plus free text
/// (`status:needs coder`). A status token matches a worker whose status
/// starts with NAME (`needs` → `needs_approval`, `busy`, `stale`); several
/// status tokens match any of them. The free text matches the name, the id
/// or the status column as before. The word `archived` lists archived
/// workers instead of the others (the default list hides them).
public struct WorkerFilter: Hashable, Sendable {
    public var statuses: [String]
    public var text: String
    /// `archived` was typed: archived workers only.
    public var archived = false

    public init(_ typed: String) {
        var statuses: [String] = []
        var words: [Substring] = []
        for word in typed.lowercased().split(separator: " ") {
            if word == "archived" { archived = true; continue }
            if word.hasPrefix("status:"), word.count > 7 { statuses.append(String(word.dropFirst(7))) } else { words.append(word) }
        }
        self.statuses = statuses
        text = words.joined(separator: " ")
    }

    public func matches(_ w: WorkerRow) -> Bool {
        guard w.archived == archived else { return false }
        if !statuses.isEmpty, !statuses.contains(where: { w.status.rawValue.hasPrefix($0) || ($0 == "needs" && w.needsYou) }) {
            return false
        }
        guard !text.isEmpty else { return true }
        return w.displayName.lowercased().contains(text) || w.key.workerId.lowercased().contains(text)
            || w.status.rawValue.contains(text) || (w.needsYou && "needs you".contains(text))
    }
}
