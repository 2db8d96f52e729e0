import Synchronization

/// What a tool produced when it succeeded.
struct ToolOutput: Hashable, Sendable {
    var text: String
    var truncated = false
    var diff: String? = nil
}

/// Set when the calling task is cancelled; long file walks (list, grep)
/// check it between files and stop with an `interrupted` result.
final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func cancel() { flag.store(true, ordering: .relaxed) }
    var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
