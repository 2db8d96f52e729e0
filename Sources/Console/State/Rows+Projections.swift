import Registry

/// Registry projections → the console's rows. Every string an operator
/// will see is sanitised here, before it enters the state.
extension DiagnosticRow {
    public init(_ d: Diagnostic) {
        self.init(code: Sanitiser.cleanLine(d.code), severity: d.severity.rawValue,
                  message: Sanitiser.cleanLine(d.message), implementationKind: d.implementationKind.rawValue)
    }
}

extension RuntimeRow {
    /// `readOnly` means observer mode: the embedded store is owned by
    /// another console (status `read_only`). A source that is read-only by
    /// nature (local compatibility) is not an observer.
    public init(_ s: RuntimeSummary) {
        self.init(id: s.runtimeId, displayName: Sanitiser.cleanLine(s.displayName),
                  implementationKind: s.implementationKind, status: s.status,
                  canCreateWorker: s.capabilities.canCreateWorker,
                  workerCount: s.counts.workers, busyCount: s.counts.busy,
                  diagnostics: s.diagnostics.map(DiagnosticRow.init))
        needsYouCount = s.counts.needsApproval
    }
}

extension WorkerRow {
    public init(_ w: WorkerSummary) {
        let label = Sanitiser.cleanLine(w.label)
        let c = w.capabilities
        self.init(key: w.key, label: label.isEmpty || label == w.workerId ? nil : label,
                  implementationKind: w.implementationKind, status: w.status,
                  profile: w.profile.map(Sanitiser.cleanLine), model: w.model.map(Sanitiser.cleanLine),
                  transcriptLength: w.transcriptLen, inputTokens: w.usage?.input ?? 0, outputTokens: w.usage?.output ?? 0,
                  capabilities: WorkerCapabilities(acceptInput: c.canAcceptInput, interrupt: c.canInterrupt, stop: c.canStop,
                                                   cancel: c.canCancel, reconnect: c.canReconnect,
                                                   readTranscript: c.canReadTranscript),
                  diagnostics: w.diagnostics.map(DiagnosticRow.init), lastActivityAt: w.lastActivityAt,
                  archived: w.archived, parent: w.parent.map { "\(Sanitiser.cleanLine($0.workerId)) @\($0.entry)" })
    }
}

extension TranscriptRow {
    public init(_ item: TranscriptItem) {
        let content = item.toolCall.map(ToolEntrySummary.line) ?? item.toolResult.map(ToolEntrySummary.line) ?? item.content
        let tool = item.toolCall.map { ToolDetail(part: .call, body: Sanitiser.clean(PrettyJSON.format($0.arguments))) }
            ?? item.toolResult.map { ToolDetail(part: .result, body: Sanitiser.clean($0.output), truncated: $0.truncated,
                                                diff: $0.diff.map(Sanitiser.clean)) }
        self.init(sequence: item.sequence, role: item.role, kind: item.kind,
                  content: Sanitiser.clean(content), createdAt: item.createdAt, interrupted: item.interrupted, tool: tool)
    }
}

extension Action {
    /// The action for a live registry update; nil for updates the console
    /// does not show (token usage arrives with `workerChanged`).
    public init?(_ update: LiveUpdate) {
        switch update {
        case let .turnStarted(key, turn): self = .turnStarted(key, turn: String(turn))
        case let .delta(key, turn, text): self = .turnDeltaArrived(key, turn: String(turn), text: text)
        case let .textSoFar(key, turn, text): self = .turnTextSoFar(key, turn: String(turn), text: text)
        case let .retrying(_, _, message): self = .noticePosted(Sanitiser.cleanLine(message))
        case .usage: return nil
        case let .entry(key, item): self = .entryCommitted(key, TranscriptRow(item))
        case let .turnEnded(key, turn, ending): self = .turnEnded(key, turn: String(turn), outcome: ending)
        case let .workerChanged(summary): self = .workerChanged(WorkerRow(summary))
        case .runtimeChanged: self = .runtimeChanged
        case let .workerDeleted(key): self = .workerRemoved(key)
        }
    }
}
