/// Which worker a worker command acts on, and why it may not.
public enum WorkerTarget {
    public enum Operation: String, Sendable { case interrupt, stop, cancel, reconnect }

    /// The selected worker in the lists, the open worker elsewhere.
    public static func target(_ state: AppState) -> WorkerRow? {
        switch state.focus {
        case .runtimes, .workers: return state.selectedWorker
        case .transcript, .composer: return state.openWorkerRow
        }
    }

    static let observerReason = "read-only observer: another console owns this workspace"

    /// The first reason that applies, most useful first: no target, observer
    /// mode, local source, the worker's state, then its capabilities.
    public static func disabledReason(_ state: AppState, _ op: Operation) -> String? {
        guard let w = target(state) else { return "no worker selected" }
        if state.isObserver { return observerReason }
        if w.isLocal { return "local compatibility workers are read-only" }
        switch op {
        case .interrupt:
            if !w.isBusy { return "no turn is running" }
            if !w.capabilities.interrupt { return "this worker cannot be interrupted" }
        case .stop:
            if w.status == "stopped" || w.status == "cancelled" { return "the worker is already \(w.status)" }
            if !w.capabilities.stop { return "this worker cannot be stopped" }
        case .cancel:
            if w.status == "cancelled" { return "the worker is already cancelled" }
            if !w.capabilities.cancel { return "this worker cannot be cancelled" }
        case .reconnect:
            if w.status != "stale" && w.status != "unconnected" { return "only a stale worker needs reconnecting" }
            if !w.capabilities.reconnect { return "this worker cannot be reconnected" }
        }
        return nil
    }

    public static func inputDisabledReason(_ state: AppState) -> String? {
        guard let w = target(state) ?? state.openWorkerRow else { return "no worker selected" }
        if state.isObserver { return observerReason }
        if w.isLocal { return "local compatibility workers are read-only" }
        // A busy worker refuses input now, but the composer queues it locally.
        if !w.capabilities.acceptInput && !w.isBusy { return "this worker does not accept input (\(w.status))" }
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
