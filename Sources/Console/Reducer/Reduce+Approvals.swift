import Registry

/// Workers that need the operator: `!` jumps to the next one, `a` opens
/// the review of the shown worker's pending call, and the review's keys
/// answer it (tools.md, Approvals).
extension AppState {
    /// Shows the next worker (after the shown one, wrapping) that needs you.
    /// A filter or runtime selection hiding it is cleared, so the cursor
    /// can stand on it.
    mutating func showNextNeedingYou() -> [Effect] {
        let waiting = workers.filter(\.needsYou)
        guard !waiting.isEmpty else { return flash(.info, "no worker needs you") }
        let from = openWorker.flatMap { key in waiting.firstIndex { $0.key == key } }
        let next = waiting[from.map { ($0 + 1) % waiting.count } ?? 0]
        if !visibleWorkers.contains(where: { $0.key == next.key }) {
            runtimeCursor = 0
            workerFilter = ""
            filterEditing = false
        }
        if let i = visibleWorkers.firstIndex(where: { $0.key == next.key }) { workerCursor = i }
        if focus == .runtimes { focus = .workers }
        let reviewKey = keymap.keys[.review]?.first?.description ?? "a"
        return open(next.key) + flash(.info, "\(next.displayName) needs you (\(reviewKey) reviews)"
                                      + (waiting.count > 1 ? "; \(waiting.count) workers wait" : ""))
    }

    /// `a`: the review opens over the shown worker and loads its call. Keys
    /// typed in the same burst as `a` are ignored (`confirmArmed`).
    mutating func openReview() -> [Effect] {
        guard let w = WorkerTarget.target(self) else { return [] }
        overlay = .approval(ApprovalReview(worker: w.key))
        confirmArmed = false
        return [.loadApproval(w.key)]
    }

    /// y / A / n in the review, and Enter in its message field. The review
    /// closes as the answer goes; the reply says how it went.
    mutating func answer(_ command: KeyCommand) -> [Effect] {
        guard case .approval(var review) = overlay else { return [] }
        guard let call = review.approval else { return flash(.info, "the pending call is still loading") }
        let decision: ApprovalDecision
        switch command {
        case .allowOnce: decision = .allowOnce
        case .allowAlways: decision = .allowAlways
        case .deny: decision = .deny(message: nil)
        case .denyWithMessage:
            review.denyMessage = ""
            overlay = .approval(review)
            return []
        case .confirm:
            let text = (review.denyMessage ?? "").trimmingCharacters(in: .whitespaces)
            decision = .deny(message: text.isEmpty ? nil : text)
        default: return []
        }
        overlay = nil
        return [.answerApproval(review.worker, callId: call.callId, tool: call.tool, decision)]
    }

    mutating func approvalLoaded(_ key: WorkerKey, _ row: ApprovalRow?) -> [Effect] {
        guard case .approval(var review) = overlay, review.worker == key else { return [] }
        guard let row else {
            overlay = nil
            return flash(.info, "\(name(key)) has no pending call (answered elsewhere)")
        }
        review.approval = row
        overlay = .approval(review)
        return []
    }

    mutating func approvalAnswered(_ key: WorkerKey, tool: String, _ decision: ApprovalDecision, worker row: WorkerRow) -> [Effect] {
        let name = name(key)
        let effects = workerChanged(row)
        let done: String
        switch decision {
        case .allowOnce: done = "allowed \(tool) once for \(name)"
        case .allowAlways: done = "allowed \(tool) always for \(name)"
        case .deny(let message): done = "denied \(tool) for \(name)" + (message == nil ? "" : " with a message")
        }
        return effects + flash(.info, done)
    }

    mutating func approvalAlreadyAnswered(_ key: WorkerKey) -> [Effect] {
        if case .approval(let review) = overlay, review.worker == key { overlay = nil }
        return flash(.info, "already answered elsewhere: \(name(key)) has no pending call")
    }

    /// A worker's status changed: a review of it closes once it no longer
    /// needs you (answered from the CLI or another console).
    mutating func closeReviewIfAnswered(_ row: WorkerRow) -> [Effect] {
        guard case .approval(let review) = overlay, review.worker == row.key, !row.needsYou else { return [] }
        overlay = nil
        return flash(.info, "the pending call of \(row.displayName) was answered elsewhere")
    }

    /// The notice for a change of a worker not in front of the operator:
    /// it started needing you, or failed (a turn's end has its own event).
    func notice(from old: WorkerRow?, to row: WorkerRow) -> WorkerNotice? {
        guard notifyEnabled, row.key != openWorker, let old else { return nil }
        if row.needsYou, !old.needsYou { return WorkerNotice(worker: row.key, label: row.displayName, event: .needsYou) }
        // A failed turn reports through `turnEnded`; this is an execution
        // that failed between turns.
        if row.status == .errored, old.status != .errored, !old.isBusy {
            return WorkerNotice(worker: row.key, label: row.displayName, event: .failed)
        }
        return nil
    }

    /// The notice for a turn that ended out of sight.
    func notice(turnEnded key: WorkerKey, _ outcome: TurnOutcome) -> WorkerNotice? {
        guard notifyEnabled, key != openWorker, let w = worker(key) else { return nil }
        switch outcome {
        case .completed: return WorkerNotice(worker: key, label: w.displayName, event: .finished)
        case .failed: return WorkerNotice(worker: key, label: w.displayName, event: .failed)
        case .interrupted, .stopped, .cancelled: return nil
        }
    }

    private func name(_ key: WorkerKey) -> String { worker(key)?.displayName ?? key.workerId }
}
