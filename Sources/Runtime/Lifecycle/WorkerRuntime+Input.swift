import Foundation

/// What an accepted input produced.
public struct InputReceipt: Hashable, Sendable {
    public var ref: WorkerRef
    public var transcriptSequence: Int
    public var eventId: Int64
    public var turn: TurnId
}

extension WorkerRuntime {
    /// Sends input to an idle, connected, running worker. Never queued: a busy
    /// worker is a typed `busy` error and the rejected input is not
    /// transcribed. On acceptance the user entry and `worker_input_accepted`
    /// are committed durably before the backend starts the turn.
    public func sendInput(_ ref: WorkerRef, text: String) async throws(RuntimeError) -> InputReceipt {
        let record = try record(for: ref)
        try checkMutable()
        try checkInputText(text)
        let next = try record.transition(.sendInput)
        guard let handle = handles[ref.workerId], let backend else { throw .executionUnavailable(ref) }
        guard activeTurns[ref.workerId] == nil else { throw .busy(ref) }

        let turn = mintTurn()
        var receipt: InputReceipt?
        try commit { mutation in
            var updated = record
            updated.setLifecycle(next)
            updated.execution.lastResult = LastResult(operation: .input, outcome: .accepted)
            updated.activeTurn = turn
            mutation.put(updated)
            let eventId = mutation.addEvent(.workerInputAccepted, worker: ref, message: "input accepted")
            let entry = mutation.addEntry(to: ref.workerId, role: .user, kind: .message, content: text, eventId: eventId)
            receipt = InputReceipt(ref: ref, transcriptSequence: entry.sequence, eventId: eventId, turn: turn)
        }
        activeTurns[ref.workerId] = ActiveTurn(id: turn)

        let outcome = await backend.startTurn(handle, turn: turn, input: text)
        switch outcome {
        case .accepted:
            return receipt!
        case .busy, .rejected:
            // The runtime believed the execution idle and already committed the
            // input; the transcript says truthfully that the turn never ran.
            let message: String? = if case let .rejected(text) = outcome { text } else { nil }
            let result: OperationOutcome = outcome == .busy ? .busy : .rejected
            if activeTurns[ref.workerId]?.id == turn {
                try endTurn(ref.workerId, as: .failed,
                            error: "the execution did not start the turn (\(result.rawValue))" + (message.map { ": \($0)" } ?? ""),
                            lastResult: LastResult(operation: .input, outcome: result, message: message))
            }
            throw .executionRejected(ref, .input, result, message)
        }
    }

    /// Aborts the running turn of a busy worker; it stays running and becomes
    /// idle. Completed blocks stay committed; with none, a "turn interrupted"
    /// notice follows the input.
    @discardableResult
    public func interrupt(_ ref: WorkerRef) async throws(RuntimeError) -> WorkerRecord {
        let record = try record(for: ref)
        try checkMutable()
        _ = try record.transition(.interrupt)
        guard let turn = activeTurns[ref.workerId]?.id else {
            throw .nothingToInterrupt(ref)
        }
        guard let handle = handles[ref.workerId], let backend else { throw .executionUnavailable(ref) }
        let outcome = await backend.interrupt(handle)
        guard outcome == .accepted else {
            throw .executionRejected(ref, .interrupt, outcome, nil)
        }
        // The turn may have ended on its own while we waited.
        if activeTurns[ref.workerId]?.id == turn {
            try endTurn(ref.workerId, as: .interrupted, lastResult: LastResult(operation: .interrupt, outcome: .accepted))
        }
        return workers[ref.workerId]!
    }

    /// Entry point for the backend's sink.
    func receive(_ report: TurnReport, for worker: WorkerId) {
        process(report, for: worker)
    }

    /// Handles one report synchronously, so a replay of buffered reports is
    /// never interleaved with new ones. Deltas posted before it are handled
    /// first: an awaited report can reach this actor while it is already
    /// running, ahead of the queue's posted bodies.
    func process(_ report: TurnReport, for worker: WorkerId) {
        executor.runPosted()
        if pendingCreates[worker] != nil {
            pendingCreates[worker]!.append(report)
            return
        }
        guard let ref = workers[worker]?.ref, activeTurns[worker]?.id == report.turn else {
            return // a turn that is no longer current
        }
        switch report {
        case let .started(turn):
            publish(WorkerLiveEvent(ref: ref, event: .turnStarted(turn)))
        case let .textDelta(turn, text):
            // Appended in place: a copy of the turn would copy all it has
            // streamed on every delta, so a long reply got slower per delta.
            activeTurns[worker]!.streamed += text
            publish(WorkerLiveEvent(ref: ref, event: .textDelta(turn, text)))
        case let .retrying(turn, text):
            publish(WorkerLiveEvent(ref: ref, event: .retrying(turn, text)))
        case let .usage(turn, usage):
            var active = activeTurns[worker]!
            active.usage = (active.usage ?? .zero) + usage
            activeTurns[worker] = active
            publish(WorkerLiveEvent(ref: ref, event: .usage(turn, usage)))
        case let .blockCompleted(_, text):
            var active = activeTurns.removeValue(forKey: worker)!
            active.pending.append((.assistant, .message, text))
            active.completedBlocks += 1
            active.streamed = "" // the block replaces its deltas
            activeTurns[worker] = active
        case let .notice(_, text):
            var active = activeTurns.removeValue(forKey: worker)!
            active.pending.append((.system, .notice, text))
            activeTurns[worker] = active
        case let .toolResult(_, result):
            commitToolResult(result, for: worker)
        case .finished:
            endTurnOrMarkErrored(worker, as: .completed)
        case let .failed(_, message):
            endTurnOrMarkErrored(worker, as: .failed, error: message)
        }
    }

    /// Ends a turn its backend reported as over. When the store refuses the
    /// commit, nothing may pretend the turn is still running: the worker
    /// becomes `errored` (its execution is dropped, so `R` reconnects it from
    /// what the store holds), with a diagnostic, a live update and a report
    /// for the log.
    func endTurnOrMarkErrored(_ worker: WorkerId, as ending: TurnEnding, error message: String? = nil) {
        do throws(RuntimeError) {
            try endTurn(worker, as: ending, error: message)
        } catch {
            guard let active = activeTurns[worker], var record = workers[worker] else { return }
            activeTurns[worker] = nil
            active.approvalWaiter?.resume(returning: .ended)
            if let handle = handles.removeValue(forKey: worker), let backend {
                Task { _ = await backend.cancel(handle) }
            }
            record.activeTurn = nil
            record.setLifecycle(.errored)
            record.execution.lastResult = LastResult(operation: .input, outcome: .errored,
                                                     message: "the end of the turn could not be saved: \(error.message)")
            workers[worker] = record
            transientDiagnostics.removeAll { $0.code == DiagnosticCode.workerTurnNotSaved && $0.workerRef == record.ref }
            transientDiagnostics.append(RuntimeDiagnostic(
                id: 0, severity: .error, code: DiagnosticCode.workerTurnNotSaved,
                message: "\(worker) is errored: the end of its turn could not be saved (\(error.message)); R reconnects it",
                workerRef: record.ref))
            reportProblem(RuntimeProblem(operation: "committing the end of a turn", worker: record.ref, error: error))
            publish(WorkerLiveEvent(ref: record.ref, event: .turnEnded(active.id, .failed)))
            publish(WorkerLiveEvent(ref: record.ref, event: .workerChanged(record, diagnostics: diagnostics(of: record.ref))))
        }
    }

    /// Commits the end of a worker's active turn in one transaction: the
    /// pending blocks and notices, an error or interruption notice, the event,
    /// usage totals, and the run state. On a store failure the turn stays
    /// active in memory, so a later report or operation can end it.
    func endTurn(_ worker: WorkerId, as ending: TurnEnding, error: String? = nil,
                 lastResult: LastResult? = nil, status: CatalogStatus? = nil) throws(RuntimeError) {
        executor.runPosted() // the partial reply keeps every delta posted so far
        guard let active = activeTurns[worker], let record = workers[worker] else { return }
        let ref = record.ref
        try commit { mutation in
            var updated = record
            updated.activeTurn = nil
            if let usage = active.usage { updated.usage = updated.usage + usage }
            if let lastResult { updated.execution.lastResult = lastResult }
            if let status {
                updated.setLifecycle(status == .stopped ? .stopped : .cancelled)
            } else if case let .move(next, _) = updated.lifecycle.next(on: .turnEnded) {
                updated.setLifecycle(next)
            }
            mutation.put(updated)
            let kind: RuntimeEventKind = switch ending {
            case .completed: .workerTurnCompleted
            case .failed: .workerTurnFailed
            case .interrupted: .workerTurnInterrupted
            case .stopped: .workerStopped
            case .cancelled: .workerCancelled
            }
            let message = switch ending {
            case .completed: "turn completed"
            case .failed: "turn failed"
            case .interrupted: "turn interrupted"
            case .stopped: "worker stopped"
            case .cancelled: "worker cancelled"
            }
            let eventId = mutation.addEvent(kind, worker: ref, message: message)
            Self.addTurnEntries(active, ending: ending, to: worker, eventId: eventId, in: &mutation)
            if var current = mutation.record(worker, base: workers), current.openToolCall != nil || current.pendingApproval != nil {
                Self.closeOpenCall(of: &current, reason: message, eventId: eventId, in: &mutation)
            }
            if let error {
                mutation.addEntry(to: worker, role: .system, kind: .error, content: error, eventId: eventId)
            } else if ending != .completed, active.completedBlocks == 0, active.streamed.isEmpty {
                let notice = switch ending {
                case .stopped: "turn ended: worker stopped"
                case .cancelled: "turn ended: worker cancelled"
                default: "turn interrupted"
                }
                mutation.addEntry(to: worker, role: .system, kind: .notice, content: notice, eventId: eventId)
            }
        }
        activeTurns[worker] = nil
        // A call waiting for an answer is never approved by the turn's end.
        active.approvalWaiter?.resume(returning: .ended)
        publish(WorkerLiveEvent(ref: ref, event: .turnEnded(active.id, ending)))
    }
}

extension WorkerRuntime {
    /// The entries a turn's end commits: its completed blocks and notices,
    /// then — when it ended early — the text streamed since the last block,
    /// flagged `interrupted` (the operator saw it; it must not vanish). The
    /// turn's usage goes with the last assistant entry.
    static func addTurnEntries(_ active: ActiveTurn, ending: TurnEnding, to worker: WorkerId, eventId: Int64,
                               in mutation: inout Mutation) {
        let partial = ending != .completed && !active.streamed.isEmpty
        let lastBlock = partial ? nil : active.pending.lastIndex { $0.role == .assistant }
        for (index, item) in active.pending.enumerated() {
            mutation.addEntry(to: worker, role: item.role, kind: item.kind, content: item.content,
                              eventId: eventId, usage: index == lastBlock ? active.usage : nil)
        }
        if partial {
            mutation.addEntry(to: worker, role: .assistant, kind: .message, content: active.streamed,
                              eventId: eventId, usage: active.usage, interrupted: true)
        }
    }
}

extension TurnReport {
    /// The turn a report belongs to.
    public var turn: TurnId {
        switch self {
        case let .started(id), let .textDelta(id, _), let .retrying(id, _), let .usage(id, _),
             let .blockCompleted(id, _), let .notice(id, _), let .finished(id), let .failed(id, _),
             let .toolResult(id, _):
            id
        }
    }
}
