import Registry

/// Rewrites what the server sent into what this registry shows: the local
/// runtime id everywhere (the server's own id means nothing here) and, for a
/// `remote_worker_runtime`, the kind and diagnostic codes of another host
/// (`remote_` prefix) so an operator can tell where a worker lives. The
/// local owner (`embedded_worker_runtime`) passes through unchanged: it
/// must look exactly as if it ran in-process.
struct RemoteRelabel: Sendable {
    let runtimeId: String
    let kind: ImplementationKind
    let readOnly: Bool

    init(config: RemoteConfig) {
        runtimeId = config.runtimeId
        kind = config.implementationKind
        readOnly = config.readOnly
    }

    private var relabels: Bool { kind != .embeddedWorkerRuntime }

    func diagnostic(_ d: Diagnostic) -> Diagnostic {
        guard relabels else { return d }
        var d = d
        var code = d.code
        // The server's own prefix (`embedded_`, `local_`) gives way to ours.
        if code.hasPrefix(d.implementationKind.diagnosticPrefix) {
            code.removeFirst(d.implementationKind.diagnosticPrefix.count)
        }
        if !code.hasPrefix(kind.diagnosticPrefix) { code = kind.diagnosticPrefix + code }
        d.code = code
        d.implementationKind = kind
        return d
    }

    /// Mutations off when this remote is `read_only` (reads stay as the server says).
    func capabilities(_ c: Capabilities) -> Capabilities {
        guard readOnly else { return c }
        var c = c
        c.canCreateWorker = false
        c.canAcceptInput = false
        c.canInterrupt = false
        c.canStop = false
        c.canCancel = false
        c.canReconnect = false
        c.readOnly = true
        return c
    }

    func worker(_ w: WorkerSummary) -> WorkerSummary {
        var w = w
        w.runtimeId = runtimeId
        w.capabilities = capabilities(w.capabilities)
        if relabels {
            w.implementationKind = kind
            w.diagnostics = w.diagnostics.map(diagnostic)
        }
        return w
    }

    func transcript(_ page: TranscriptPage) -> TranscriptPage {
        var page = page
        page.runtimeId = runtimeId
        return page
    }

    func event(_ event: RuntimeEventProjection) -> RuntimeEventProjection {
        var event = event
        event.runtimeId = runtimeId
        return event
    }

    func events(_ page: EventsPage) -> EventsPage {
        var page = page
        page.runtimeId = runtimeId
        page.events = page.events.map(event)
        return page
    }

    func approval(_ approval: ApprovalProjection) -> ApprovalProjection {
        var approval = approval
        approval.runtimeId = runtimeId
        return approval
    }

    func input(_ accepted: InputAccepted) -> InputAccepted {
        var accepted = accepted
        accepted.runtimeId = runtimeId
        return accepted
    }

    func report(_ report: ReconnectReport) -> ReconnectReport {
        var report = report
        report.runtimeId = runtimeId
        return report
    }

    func live(_ update: LiveUpdate) -> LiveUpdate {
        if case let .workerChanged(summary) = update { return .workerChanged(worker(summary)) }
        return update.rekeyed(to: runtimeId)
    }

    /// The server's summary of its runtime, shown under the local id. A
    /// remote is `connected` (its own status, running or read-only, is the
    /// other host's business); the local owner passes its status through.
    func summary(_ s: RuntimeSummary, displayName: String) -> RuntimeSummary {
        var s = s
        s.runtimeId = runtimeId
        s.capabilities = capabilities(s.capabilities)
        if relabels {
            s.displayName = displayName
            s.implementationKind = kind
            s.status = .connected
            s.diagnostics = s.diagnostics.map(diagnostic)
        }
        return s
    }
}
