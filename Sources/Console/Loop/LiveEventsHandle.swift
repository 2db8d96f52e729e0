import Synchronization

/// The cancel of the loop's live-events subscription, which arrives from a
/// task after the loop has started: cancelling before it arrived cancels it
/// as soon as it does.
final class LiveEventsHandle: Sendable {
    private let state = Mutex<(cancel: (@Sendable () -> Void)?, cancelled: Bool)>((nil, false))

    func hold(_ cancel: @escaping @Sendable () -> Void) {
        let now = state.withLock { state -> Bool in
            if state.cancelled { return true }
            state.cancel = cancel
            return false
        }
        if now { cancel() }
    }

    func cancel() {
        let cancel = state.withLock { state in
            state.cancelled = true
            defer { state.cancel = nil }
            return state.cancel
        }
        cancel?()
    }
}
