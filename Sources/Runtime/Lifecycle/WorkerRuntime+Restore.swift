import Foundation

extension WorkerRuntime {
    /// Writes what a restart changed, in one transaction: a fresh store gets
    /// its first state; a running runtime logs `runtime_started`; connected
    /// workers become stale (their live execution did not survive) with a
    /// diagnostic and an event; an interrupted turn gets one notice.
    static func restore(
        snapshotWasEmpty: Bool, state: inout RuntimeState, workers: inout [WorkerId: WorkerRecord],
        diagnostics: inout [RuntimeDiagnostic], store: any RuntimeStore, now: Date
    ) throws(RuntimeError) {
        var mutation = Mutation(state: state, now: now)
        if state.status == .running {
            mutation.addEvent(.runtimeStarted, worker: nil, message: snapshotWasEmpty ? "runtime created" : "runtime restarted")
        }
        for record in workers.values.sorted(by: { $0.ref.workerId < $1.ref.workerId }) {
            var record = record
            let wasConnected = record.execution.backend == .connected
            let interruptedTurn = record.activeTurn != nil
            let openCall = record.openToolCall != nil || record.pendingApproval != nil
            guard wasConnected || interruptedTurn || openCall else { continue }
            if wasConnected, case let .move(next, _) = record.lifecycle.next(on: .restarted) {
                record.setLifecycle(next)
            }
            record.activeTurn = nil
            mutation.put(record)
            if interruptedTurn || openCall {
                let eventId = mutation.addEvent(.workerTurnInterrupted, worker: record.ref, message: "turn interrupted by restart")
                // The call never ran to a result and nothing is approved implicitly.
                closeOpenCall(of: &record, reason: "interrupted by restart", eventId: eventId, in: &mutation)
                mutation.addEntry(to: record.ref.workerId, role: .system, kind: .notice,
                                  content: "turn interrupted by restart", eventId: eventId)
            }
            if wasConnected, record.status == .running {
                mutation.addEvent(.workerExecutionStale, worker: record.ref,
                                  message: "live execution did not survive the restart; reconnect to continue")
                mutation.removeDiagnostics(code: DiagnosticCode.workerExecutionStale, worker: record.ref.workerId)
                mutation.addDiagnostic(.warning, code: DiagnosticCode.workerExecutionStale,
                                       message: "\(record.ref.workerId) has no live execution after restart; reconnect to continue",
                                       worker: record.ref)
            }
        }
        guard snapshotWasEmpty || !mutation.isEmpty else { return }
        try store.commit(mutation.transaction(.acknowledged))
        state = mutation.state
        for (id, record) in mutation.touched { workers[id] = record }
        for removal in mutation.removedDiagnostics {
            diagnostics.removeAll { $0.code == removal.code && $0.workerRef?.workerId == removal.worker }
        }
        diagnostics += mutation.addedDiagnostics
    }
}
