/// Which worker a worker command acts on, and why it may not.
public enum WorkerTarget {
    public enum Operation: String, Sendable { case interrupt, stop, cancel, reconnect }

    /// The worker on screen. The workers-pane cursor opens the worker it is
    /// on, so this is also the cursor's worker whenever the list shows it.
    public static func target(_ state: AppState) -> WorkerRow? { state.openWorkerRow }

    static let observerReason = "read-only observer: another console owns this workspace"
    static let localReason = "local compatibility workers are read-only"

    /// The first reason that applies, most useful first: no target, observer
    /// mode, local source, the worker's state, then its capabilities.
    public static func disabledReason(_ state: AppState, _ op: Operation) -> String? {
        if op == .reconnect, state.focus == .runtimes {
            if state.isObserver { return observerReason }
            if let r = state.selectedRuntime, !r.canCreateWorker { return "this runtime has no workers to reconnect" }
            return nil
        }
        guard let w = target(state) else { return "no worker selected" }
        if state.isObserver { return observerReason }
        if w.isLocal { return localReason }
        switch op {
        case .interrupt:
            if !w.isBusy { return "no turn is running" }
            if !w.capabilities.interrupt { return "this worker cannot be interrupted" }
        case .stop:
            if w.status.isTerminal { return "the worker is already \(w.status.rawValue)" }
            if !w.capabilities.stop { return "this worker cannot be stopped" }
        case .cancel:
            if w.status == .cancelled { return "the worker is already cancelled" }
            if !w.capabilities.cancel { return "this worker cannot be cancelled" }
        case .reconnect:
            if !w.status.needsReconnect { return "only a stale worker needs reconnecting" }
            if !w.capabilities.reconnect { return "this worker cannot be reconnected" }
        }
        return nil
    }

    /// Why `a` cannot open a review now: only a worker that needs you has
    /// a call to review, and an observer cannot answer it.
    public static func reviewDisabledReason(_ state: AppState) -> String? {
        guard let w = target(state) else { return "no worker selected" }
        if state.isObserver { return observerReason }
        if !w.needsYou { return "\(w.displayName) has no tool call waiting for an answer" }
        return nil
    }

    /// What Enter in the composer does with the draft of the shown worker.
    public enum SendRoute: Hashable, Sendable {
        case send
        /// Busy, or earlier inputs still wait: queue it, send when idle.
        case queue
        /// Stale: reconnect first, then send (queued until it is live).
        case reconnectThenSend
        /// It cannot go; the draft stays, and this says why.
        case refuse(String)
    }

    public static func sendRoute(_ state: AppState, _ w: WorkerRow, queued: Bool) -> SendRoute {
        if state.isObserver { return .refuse(observerReason + "; the draft is kept") }
        if w.isLocal { return .refuse(localReason + "; the draft is kept") }
        if w.status.needsReconnect {
            return w.capabilities.reconnect ? .reconnectThenSend
                : .refuse("\(w.displayName) is \(w.status.rawValue) and cannot be reconnected; the draft is kept")
        }
        if w.isBusy || queued { return .queue }
        if !w.capabilities.acceptInput {
            return .refuse("\(w.displayName) is \(w.status.rawValue): it takes no more input; the draft is kept")
        }
        return .send
    }

    /// The note on the composer's divider: what Enter will do when it
    /// cannot simply send (nil when it can).
    public static func composerNote(_ state: AppState) -> String? {
        guard let w = target(state) else { return nil }
        if state.isObserver { return "read-only observer" }
        if w.isLocal { return "read-only (local)" }
        if w.status.needsReconnect { return w.capabilities.reconnect ? "\(w.status.rawValue): Enter reconnects" : w.status.rawValue }
        if w.needsYou { return "needs you: Enter queues" }
        if w.isBusy { return "busy: Enter queues" }
        if !w.capabilities.acceptInput { return "\(w.status.rawValue): takes no input" }
        return nil
    }

    public static func createDisabledReason(_ state: AppState) -> String? {
        if state.isObserver { return observerReason }
        guard createRuntime(state) != nil else {
            return state.selectedRuntime != nil ? "this runtime cannot create workers" : "no runtime can create workers"
        }
        return nil
    }

    /// The runtime a new worker goes to: the selected one, or the first that can create.
    public static func createRuntime(_ state: AppState) -> RuntimeRow? {
        if let r = state.selectedRuntime { return r.canCreateWorker ? r : nil }
        return state.runtimes.first { $0.canCreateWorker }
    }
}
