import Foundation

/// Tool rounds (tools.md): the runtime commits each call before it runs,
/// applies the policy, holds calls that ask for an operator's answer, and
/// commits each result before it enters the next request.
extension WorkerRuntime {
    /// `TurnSink.decide` for `worker`'s turn `turn`.
    func decideTool(_ worker: WorkerId, turn: TurnId, call: ToolCallRequest, policy: ApprovalMode,
                    preview: ApprovalPreview? = nil) async -> ToolDecision {
        // A create with initial input commits after its turn began: the call
        // waits for that commit (and for the reports buffered before it).
        while pendingCreates[worker] != nil {
            await withCheckedContinuation { createWaiters[worker, default: []].append($0) }
        }
        guard let active = activeTurns[worker], active.id == turn, let record = workers[worker] else { return .ended }
        let ref = record.ref
        let mode: ApprovalMode = if policy == .ask, let tool = call.toolName, record.alwaysAllowed.contains(tool) {
            .allow
        } else {
            policy
        }
        let toolLabel = call.toolName?.rawValue ?? "an unknown tool"
        do throws(RuntimeError) {
            try commit { mutation in
                var updated = record
                updated.openToolCall = call.callId
                if mode == .ask { updated.execution.runState = .awaitingApproval }
                mutation.put(updated)
                let eventId = mutation.addEvent(.workerToolCalled, worker: ref, message: "model called \(toolLabel)")
                // What the model said before the call comes first in the transcript.
                for item in active.pending {
                    mutation.addEntry(to: worker, role: item.role, kind: item.kind, content: item.content, eventId: eventId)
                }
                mutation.addEntry(to: worker, role: .assistant, kind: .toolCall,
                                  content: TranscriptEntry.content(of: call), eventId: eventId)
                if mode == .ask {
                    let requested = mutation.addEvent(.workerApprovalRequested, worker: ref,
                                                      message: "\(toolLabel) waits for an operator's answer")
                    updated = mutation.record(worker, base: workers)!
                    updated.pendingApproval = PendingApproval(call: call, requestedAt: mutation.now, eventId: requested, preview: preview)
                    mutation.put(updated)
                }
            }
        } catch {
            reportProblem(RuntimeProblem(operation: "committing a tool call", worker: ref, error: error))
            endTurnOrMarkErrored(worker, as: .failed, error: "the tool call could not be saved: \(error.message)")
            return .ended
        }
        activeTurns[worker]?.pending = []
        switch mode {
        case .allow: return .run
        case .deny: return .denied(reason: "denied by policy")
        case .ask:
            // The turn's end answers `.ended`; so does cancelling the
            // backend's task, so a waiting call never outlives its turn.
            return await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    if Task.isCancelled { return continuation.resume(returning: .ended) }
                    activeTurns[worker]?.approvalWaiter = continuation
                }
            } onCancel: {
                Task { await self.releaseApprovalWaiter(worker, turn: turn) }
            }
        }
    }

    /// Releases a waiting `decide` whose task was cancelled; the pending
    /// approval stays until the turn ends (it is never approved).
    private func releaseApprovalWaiter(_ worker: WorkerId, turn: TurnId) {
        guard activeTurns[worker]?.id == turn else { return }
        activeTurns[worker]?.approvalWaiter.take()?.resume(returning: .ended)
    }

    /// Commits a call's result as a `tool_result` entry (the `.toolResult` report).
    func commitToolResult(_ result: ToolResult, for worker: WorkerId) {
        guard let record = workers[worker], record.openToolCall == result.callId else { return }
        do throws(RuntimeError) {
            try commit { mutation in
                var updated = record
                updated.openToolCall = nil
                mutation.put(updated)
                let eventId = mutation.addEvent(.workerToolFinished, worker: record.ref,
                                                message: "tool call \(result.status.rawValue)")
                mutation.addEntry(to: worker, role: .tool, kind: .toolResult,
                                  content: TranscriptEntry.content(of: result), eventId: eventId)
            }
        } catch {
            reportProblem(RuntimeProblem(operation: "committing a tool result", worker: record.ref, error: error))
            endTurnOrMarkErrored(worker, as: .failed, error: "the tool result could not be saved: \(error.message)")
        }
    }

    /// Answers a pending approval; the first answer wins, later ones are
    /// `approvalNotPending`. One transaction: the pending row goes, the
    /// worker is busy again (and, for `allowAlways`, allows the tool from
    /// now on), and an event records the answer.
    @discardableResult
    public func answerApproval(_ ref: WorkerRef, callId: String, _ answer: ApprovalAnswer) throws(RuntimeError) -> WorkerRecord {
        let record = try record(for: ref)
        try checkMutable()
        guard let pending = record.pendingApproval, pending.call.callId == callId else {
            throw .approvalNotPending(ref, callId: callId)
        }
        let toolLabel = pending.call.toolName?.rawValue ?? "an unknown tool"
        try commit { mutation in
            var updated = record
            updated.pendingApproval = nil
            if updated.execution.runState == .awaitingApproval { updated.execution.runState = .busy }
            if answer == .allowAlways, let tool = pending.call.toolName { updated.alwaysAllowed.insert(tool) }
            mutation.put(updated)
            let message = switch answer {
            case .allowOnce: "\(toolLabel) allowed once"
            case .allowAlways: "\(toolLabel) allowed for this worker"
            case .deny: "\(toolLabel) denied"
            }
            mutation.addEvent(.workerApprovalAnswered, worker: ref, message: message)
        }
        let decision: ToolDecision = switch answer {
        case .allowOnce, .allowAlways: .run
        case let .deny(message):
            .denied(reason: "denied by the operator" + (message.flatMap { $0.isEmpty ? nil : ": \($0)" } ?? ""))
        }
        activeTurns[ref.workerId]?.approvalWaiter.take()?.resume(returning: decision)
        return workers[ref.workerId]!
    }

    /// Every pending approval, in worker order.
    public func pendingApprovals() -> [(WorkerRef, PendingApproval)] {
        workers.values.sorted { $0.ref.workerId < $1.ref.workerId }
            .compactMap { record in record.pendingApproval.map { (record.ref, $0) } }
    }

    /// Inside a turn-ending mutation: the open call (if any) gets an
    /// `interrupted` result and a pending approval goes, never approved.
    static func closeOpenCall(of record: inout WorkerRecord, reason: String, eventId: Int64, in mutation: inout Mutation) {
        let callId = record.openToolCall
        record.openToolCall = nil
        record.pendingApproval = nil
        if record.execution.runState == .awaitingApproval { record.execution.runState = .busy }
        mutation.put(record)
        guard let callId else { return }
        mutation.addEntry(to: record.ref.workerId, role: .tool, kind: .toolResult,
                          content: TranscriptEntry.content(of: ToolResult(callId: callId, status: .interrupted, output: reason)),
                          eventId: eventId)
    }

    /// Wakes tool calls that waited for a create to commit.
    func resumeCreateWaiters(_ worker: WorkerId) {
        for waiter in createWaiters.removeValue(forKey: worker) ?? [] { waiter.resume() }
    }
}

extension Optional {
    /// Takes the value out, leaving nil.
    mutating func take() -> Wrapped? {
        defer { self = nil }
        return self
    }
}
