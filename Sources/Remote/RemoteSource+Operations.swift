import Foundation
import NIOHTTP1
import Registry
import Runtime

/// Every registry operation as its route (serve.md), answers re-labelled
/// to the local runtime id.
extension RemoteSource {
    public func listWorkers(limit: Int) async throws(SourceError) -> [WorkerSummary] {
        try await listWorkers(limit: limit, after: nil)
    }

    /// Page after page (the API gives at most `APIContract.maxLimit` a
    /// call), each after the last id of the one before, until `limit` or
    /// the end: an owner with more workers than one page is listed whole.
    public func listWorkers(limit: Int, after: String?) async throws(SourceError) -> [WorkerSummary] {
        let server = try await serverRuntime()
        var result: [WorkerSummary] = []
        var cursor = after
        while true {
            var query = [("limit", String(min(max(limit - result.count, 1), APIContract.maxLimit)))]
            if let cursor { query.append(("after", cursor)) }
            let page = try await workersPage(server: server, query: query)
            // Relabelled as decoded; one page (the usual case) is returned as it is.
            if result.isEmpty, !page.truncated { return page.workers }
            result += page.workers
            guard page.truncated, result.count < limit, let last = page.workers.last?.workerId else { return result }
            cursor = last
        }
    }

    /// One page of `GET …/workers`, relabelled; unchanged workers' lines
    /// are not decoded again.
    func workersPage(server: String, query: [(String, String)]) async throws(SourceError) -> WorkersPage {
        try await http.call(.GET, RemoteHTTP.runtimePath(server, "/workers"), query: query) { [workerRows] data in
            try WorkersPageLines.decode(data, rows: workerRows)
        }
    }

    public func worker(_ id: String) async throws(SourceError) -> WorkerSummary? {
        let server = try await serverRuntime()
        do {
            let found = try await http.call(.GET, RemoteHTTP.workerPath(server, id), worker: id, as: WorkerSummary.self)
            return relabel.worker(found)
        } catch .unknownWorker {
            return nil
        }
    }

    public func create(_ request: CreateWorkerRequest) async throws(SourceError) -> WorkerSummary {
        try writable()
        let server = try await serverRuntime()
        let created = try await http.call(.POST, RemoteHTTP.runtimePath(server, "/workers"), body: CreateWorkerBody(request),
                                          operation: "create",
                                          as: WorkerSummary.self)
        return relabel.worker(created)
    }

    public func sendInput(_ worker: String, text: String) async throws(SourceError) -> InputAccepted {
        try writable()
        let server = try await serverRuntime()
        let accepted = try await http.call(.POST, RemoteHTTP.workerPath(server, worker, "/input"), body: InputBody(text: text),
                                           worker: worker, operation: "input", as: InputAccepted.self)
        return relabel.input(accepted)
    }

    public func interrupt(_ worker: String) async throws(SourceError) -> WorkerSummary {
        try await lifecycle(worker, "interrupt")
    }

    public func stop(_ worker: String) async throws(SourceError) -> WorkerSummary {
        try await lifecycle(worker, "stop")
    }

    public func cancel(_ worker: String) async throws(SourceError) -> WorkerSummary {
        try await lifecycle(worker, "cancel")
    }

    public func reconnect(_ worker: String) async throws(SourceError) -> WorkerSummary {
        try await lifecycle(worker, "reconnect")
    }

    public func rename(_ worker: String, label: String) async throws(SourceError) -> WorkerSummary {
        try writable()
        let server = try await serverRuntime()
        let summary = try await http.call(.POST, RemoteHTTP.workerPath(server, worker, "/rename"), body: RenameBody(label: label),
                                          worker: worker, operation: "rename", as: WorkerSummary.self)
        return relabel.worker(summary)
    }

    public func setArchived(_ worker: String, _ archived: Bool) async throws(SourceError) -> WorkerSummary {
        try await lifecycle(worker, archived ? "archive" : "unarchive")
    }

    public func delete(_ worker: String) async throws(SourceError) -> DeletedWorker {
        try writable()
        let server = try await serverRuntime()
        let deleted = try await http.call(.DELETE, RemoteHTTP.workerPath(server, worker), worker: worker, operation: "delete",
                                          as: DeletedWorker.self)
        return DeletedWorker(runtimeId: runtimeId, workerId: deleted.workerId, eventId: deleted.eventId,
                             directoryRemoved: deleted.directoryRemoved)
    }

    public func fork(_ worker: String, at entry: Int?, label: String?) async throws(SourceError) -> WorkerSummary {
        try writable()
        let server = try await serverRuntime()
        let fork = try await http.call(.POST, RemoteHTTP.workerPath(server, worker, "/fork"), body: ForkBody(at: entry, label: label),
                                       worker: worker, operation: "fork", as: WorkerSummary.self)
        return relabel.worker(fork)
    }

    public func reconnectStale() async throws(SourceError) -> ReconnectReport {
        try writable()
        let server = try await serverRuntime()
        let report = try await http.call(.POST, RemoteHTTP.runtimePath(server, "/reconnect-stale"), operation: "reconnect",
                                         as: ReconnectReport.self)
        return relabel.report(report)
    }

    public func transcript(_ worker: String, start: Int, limit: Int) async throws(SourceError) -> TranscriptPage {
        let server = try await serverRuntime()
        let page = try await http.call(.GET, RemoteHTTP.workerPath(server, worker, "/transcript"),
                                       query: [("start", String(start)), ("limit", String(limit))],
                                       worker: worker, operation: "transcript", as: TranscriptPage.self)
        return relabel.transcript(page)
    }

    public func transcriptTail(_ worker: String, limit: Int) async throws(SourceError) -> TranscriptPage {
        let server = try await serverRuntime()
        let page = try await http.call(.GET, RemoteHTTP.workerPath(server, worker, "/transcript"),
                                       query: [("tail", String(limit))], worker: worker, operation: "transcript", as: TranscriptPage.self)
        return relabel.transcript(page)
    }

    public func events(from: Int64, limit: Int) async throws(SourceError) -> EventsPage {
        let server = try await serverRuntime()
        let page = try await http.call(.GET, RemoteHTTP.runtimePath(server, "/events"),
                                       query: [("from", String(from)), ("limit", String(limit))], operation: "events",
                                       as: EventsPage.self)
        return relabel.events(page)
    }

    /// Committed events from `from`: first the log up to now, then what the
    /// push stream brings (resuming across reconnects, re-reading after a lag).
    public func subscribe(from: Int64) async throws(SourceError) -> AsyncStream<RuntimeEventProjection> {
        if state.withLock({ $0.closed }) { throw errors.closed }
        // Subscribed before reading the log (and before the loop starts), so
        // nothing pushed meanwhile is missed.
        let (id, stream) = hub.eventStream(from: from)
        start()
        let first: EventsPage
        do {
            // Fails now if the owner cannot be reached (a CLI `events --follow`).
            first = try await events(from: from, limit: APIContract.maxLimit)
        } catch {
            hub.dropEvents(id)
            throw error
        }
        hub.deliver(first.events, to: id)
        guard first.hasMore else {
            hub.caughtUp(id)
            return stream
        }
        Task { [weak self] in
            var cursor = first.nextCursor
            while let self, self.hub.isSubscribed(id) {
                guard let page = try? await self.events(from: cursor, limit: APIContract.maxLimit) else { break }
                self.hub.deliver(page.events, to: id)
                guard page.hasMore, page.nextCursor > cursor else { break }
                cursor = page.nextCursor
            }
            self?.hub.caughtUp(id)
        }
        return stream
    }

    public func observe(_ worker: String) async throws(SourceError) -> AsyncStream<LiveUpdate> {
        if state.withLock({ $0.closed }) { throw errors.closed }
        let updates = hub.liveStream(worker: worker)
        start()
        return updates
    }

    /// Every worker's live updates. Stays open across reconnects; ends on `close()`.
    public func observeAll() async throws(SourceError) -> AsyncStream<LiveUpdate> {
        if state.withLock({ $0.closed }) { throw errors.closed }
        let updates = hub.liveStream()
        start()
        return updates
    }

    /// The registry's live feed: the hub hands updates to `sink` directly.
    public func feedLive(into sink: LiveSink) async -> any LiveFeed {
        let feed = RemoteLiveFeed(hub: hub, id: hub.addSink(sink))
        start()
        return feed
    }

    /// Waits until the push stream is open (`connected`: the server has
    /// subscribed this client) or the remote is `unavailable`. A CLI call
    /// that subscribes before acting waits here, so the first deltas of the
    /// turn it starts are not missed. Starts the loop if needed.
    public func waitUntilStreaming() async {
        start()
        for await status in hub.statusStream() where status != .connecting { return }
    }

    public func isIdle() async -> Bool {
        // Turns run in the owner, not here: dropping this client loses nothing.
        true
    }

    // MARK: Helpers

    /// A `read_only` remote refuses every mutation without a request.
    func writable() throws(SourceError) {
        if config.readOnly { throw .readOnly }
    }

    public func approvals() async throws(SourceError) -> [ApprovalProjection] {
        let server = try await serverRuntime()
        let page = try await http.call(.GET, RemoteHTTP.runtimePath(server, "/approvals"), as: ApprovalsPage.self)
        return page.approvals.map(relabel.approval)
    }

    public func answerApproval(_ worker: String, callId: String, _ decision: ApprovalDecision) async throws(SourceError) -> WorkerSummary {
        try writable()
        let server = try await serverRuntime()
        let path = RemoteHTTP.workerPath(server, worker, "/approvals/\(RemoteHTTP.escape(callId, .pathSegment))")
        let summary = try await http.call(.POST, path, body: ApprovalAnswerBody(decision), worker: worker,
                                          operation: "approval", as: WorkerSummary.self)
        return relabel.worker(summary)
    }

    /// Reads, so a `read_only` remote answers it too. An older owner
    /// without the route is `unsupported` (its 404 `not_found`).
    public func workdirDiff(_ worker: String) async throws(SourceError) -> WorkdirDiff {
        let server = try await serverRuntime()
        let page = try await http.call(.GET, RemoteHTTP.workerPath(server, worker, "/diff"), worker: worker,
                                       operation: "diff", as: WorkdirDiffPage.self)
        return page.workdirDiff
    }

    private func lifecycle(_ worker: String, _ operation: String) async throws(SourceError) -> WorkerSummary {
        try writable()
        let server = try await serverRuntime()
        let summary = try await http.call(.POST, RemoteHTTP.workerPath(server, worker, "/\(operation)"), worker: worker,
                                          operation: operation,
                                          as: WorkerSummary.self)
        return relabel.worker(summary)
    }
}

extension RemoteSource {
    /// The owner's index answers; matches come back under this remote's id.
    public func search(_ text: String, limit: Int) async throws(SourceError) -> SearchPage {
        let server = try await serverRuntime()
        var page = try await http.call(.GET, RemoteHTTP.runtimePath(server, "/search"),
                                       query: [("q", text), ("limit", String(limit))], operation: "search", as: SearchPage.self)
        page.runtimeId = relabel.runtimeId
        for index in page.matches.indices { page.matches[index].runtimeId = relabel.runtimeId }
        return page
    }
}
