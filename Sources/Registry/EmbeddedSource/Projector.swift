import Foundation
import Runtime

/// Pure mappings from runtime values to registry projections.
enum Projector {
    static func summary(_ overview: RuntimeOverview, runtimeId: String, diagnostics: [Diagnostic]) -> RuntimeSummary {
        let status: RuntimeStatus = overview.readOnly ? .readOnly : overview.status == .running ? .running : .stopped
        let running = overview.status == .running
        let writable = running && !overview.readOnly
        let capabilities = Capabilities(
            canListWorkers: true, canGetWorker: true,
            canCreateWorker: writable && overview.backendAttached,
            canAcceptInput: writable && overview.backendAttached,
            canInterrupt: writable, canStop: writable, canCancel: writable,
            canReconnect: writable && overview.backendAttached,
            canReadTranscript: true, canStreamEvents: true, readOnly: overview.readOnly
        )
        let counts = RuntimeSummary.Counts(
            workers: overview.counts.workers, active: overview.counts.active, busy: overview.counts.busy,
            stale: overview.counts.stale, stopped: overview.counts.stopped, cancelled: overview.counts.cancelled,
            needsApproval: overview.counts.needsApproval
        )
        return RuntimeSummary(runtimeId: runtimeId, displayName: overview.displayName,
                              implementationKind: .embeddedWorkerRuntime, status: status,
                              capabilities: capabilities, counts: counts, diagnostics: diagnostics)
    }

    /// The status an operator reads, from the two axes.
    static func operatorStatus(_ record: WorkerRecord) -> WorkerStatus {
        switch record.status {
        case .stopped: return .stopped
        case .cancelled: return .cancelled
        case .running:
            switch record.execution.backend {
            case .stale: return .stale
            case .unconnected: return record.execution.runState == .errored ? .errored : .unconnected
            case .connected:
                switch record.execution.runState {
                case .busy: return record.pendingApproval == nil ? .busy : .needsApproval
                case .awaitingApproval: return .needsApproval
                case .errored: return .errored
                case .idle: return .idle
                case .stopped: return .stopped
                case .unconnected: return .unconnected
                }
            }
        }
    }

    static func worker(_ record: WorkerRecord, runtime: WorkerRuntime, diagnostics: [Diagnostic]) -> WorkerSummary {
        let writable = !runtime.isReadOnly
        let capabilities = Capabilities(
            canListWorkers: true, canGetWorker: true, canCreateWorker: false,
            canAcceptInput: writable && record.canAcceptInput,
            canInterrupt: writable && record.canInterrupt,
            canStop: writable && record.canStop, canCancel: writable && record.canCancel,
            canReconnect: writable && record.isReconnectable && runtime.backendAttached,
            canReadTranscript: true, canStreamEvents: true, readOnly: !writable
        )
        let id = record.ref.workerId.rawValue
        let own = diagnostics.filter { $0.workerId == id }
        return WorkerSummary(
            runtimeId: record.ref.runtimeId.rawValue, workerId: id,
            label: record.label ?? id, implementationKind: .embeddedWorkerRuntime,
            status: operatorStatus(record), runState: WorkerRunState(record.execution.runState),
            profile: record.profile, model: record.model, transcriptLen: record.transcriptLength,
            lastActivityAt: record.lastActivityAt, usage: Usage(record.usage), capabilities: capabilities,
            diagnostics: Diagnostic.capped(own, kind: .embeddedWorkerRuntime),
            createdAt: record.createdAt, updatedAt: record.updatedAt, lastEventId: record.lastEventId,
            binding: record.execution.binding, lastResult: record.execution.lastResult.map(redacted),
            configBundle: record.configBundle.id,
            pendingApprovals: record.pendingApproval == nil ? 0 : 1, alwaysAllowed: record.alwaysAllowed.sorted(),
            archived: record.archived, parent: record.parent.map { ForkParent(workerId: $0.workerId.rawValue, entry: $0.entry) }
        )
    }

    static func redacted(_ result: LastResult) -> LastResult {
        var copy = result
        copy.message = result.message.map(Redactor.redact)
        return copy
    }

    /// An error entry's text comes from the execution (a backend or
    /// provider refusal), not from the user or the model, so it passes the
    /// redactor like event messages do; messages stay verbatim.
    static func item(_ entry: TranscriptEntry) -> TranscriptItem {
        var item = TranscriptItem(entry)
        item.toolCall = entry.toolCall
        item.toolResult = entry.toolResult
        if item.kind == .error { item.content = Redactor.redact(item.content) }
        return item
    }

    static func page(_ slice: TranscriptSlice) -> TranscriptPage {
        TranscriptPage(runtimeId: slice.ref.runtimeId.rawValue, workerId: slice.ref.workerId.rawValue,
                       start: slice.start, limit: slice.limit, totalItems: slice.totalItems,
                       nextStart: slice.nextStart, items: slice.items.map(item))
    }

    static func approval(_ pending: PendingApproval, of record: WorkerRecord) -> ApprovalProjection {
        ApprovalProjection(runtimeId: record.ref.runtimeId.rawValue, workerId: record.ref.workerId.rawValue,
                           workerLabel: record.label ?? record.ref.workerId.rawValue,
                           callId: pending.call.callId, tool: pending.call.tool, arguments: pending.call.arguments,
                           requestedAt: pending.requestedAt, diff: pending.preview?.diff,
                           command: pending.preview?.command, directory: pending.preview?.directory)
    }

    static func event(_ event: RuntimeEvent, runtimeId: String) -> RuntimeEventProjection {
        RuntimeEventProjection(id: event.id, runtimeId: runtimeId,
                               workerId: event.workerRef?.workerId.rawValue, kind: event.kind.rawValue,
                               message: Redactor.redact(event.message), createdAt: event.createdAt)
    }

    static func update(_ event: LiveEvent, ref: WorkerRef, runtime: WorkerRuntime,
                       project: (RuntimeDiagnostic) -> Diagnostic) -> LiveUpdate {
        let key = WorkerKey(runtimeId: ref.runtimeId.rawValue, workerId: ref.workerId.rawValue)
        switch event {
        case let .turnStarted(turn): return .turnStarted(key, turn: turn.rawValue)
        case let .textDelta(turn, text): return .delta(key, turn: turn.rawValue, text: text)
        case let .textSoFar(turn, text): return .textSoFar(key, turn: turn.rawValue, text: text)
        case let .retrying(turn, text): return .retrying(key, turn: turn.rawValue, message: Redactor.redact(text))
        case let .usage(turn, usage): return .usage(key, turn: turn.rawValue, Usage(usage))
        case let .entryCommitted(entry): return .entry(key, item(entry))
        case let .turnEnded(turn, ending): return .turnEnded(key, turn: turn.rawValue, ending: TurnOutcome(ending))
        case .workerDeleted: return .workerDeleted(key)
        case let .workerChanged(record, diagnostics):
            return .workerChanged(worker(record, runtime: runtime, diagnostics: diagnostics.map(project)))
        }
    }
}
