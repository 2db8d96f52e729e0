import Foundation

/// The order of the workers pane (`:sort`). Whatever the order, workers
/// that need you come first (`AppState.visibleWorkers`).
public enum WorkerSort: String, Hashable, Sendable, CaseIterable {
    /// As the registry lists them: by runtime, then creation (id) order.
    case id
    /// Most recent activity first; a worker with none recorded goes last.
    case activity

    /// `workers` in this order. Stable: equal times keep the listed order,
    /// so the list does not shuffle between two refreshes.
    func ordered(_ workers: [WorkerRow]) -> [WorkerRow] {
        guard self == .activity else { return workers }
        return workers.enumerated().sorted { a, b in
            switch (a.element.lastActivityAt, b.element.lastActivityAt) {
            case let (x?, y?) where x != y: x > y
            case (.some, nil): true
            case (nil, .some): false
            default: a.offset < b.offset
            }
        }.map(\.element)
    }
}
