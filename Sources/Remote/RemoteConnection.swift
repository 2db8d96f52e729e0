import AsyncHTTPClient
import Foundation
import Logging
import Registry
import Runtime

/// The connection loop: handshake, then the one push stream feeding the
/// hub; on any failure `unavailable`, then retry after a capped exponential
/// backoff (the injected `timing` decides the waits).
extension RemoteSource {
    func runLoop() async {
        var attempt = 0
        while !Task.isCancelled {
            let failure: SourceError
            do throws(SourceError) {
                let server = try await handshake()
                let from = state.withLock { $0.lastEventId.map { $0 + 1 } }
                let response = try await http.openStream(runtime: server, from: from)
                failure = await consume(response, server: server, connected: { attempt = 0 })
            } catch {
                failure = error
            }
            if Task.isCancelled { break }
            markUnavailable(failure)
            // Another API version will not change by retrying soon: wait the longest.
            let incompatible = if case .unavailable("remote_incompatible", _) = failure { true } else { false }
            let delay = incompatible ? timing.backoff.cap : timing.backoff.delay(attempt: attempt)
            attempt += 1
            do { try await timing.sleep(delay) } catch { break }
        }
    }

    private func markUnavailable(_ failure: SourceError) {
        let changed = state.withLock { state -> Bool in
            defer { state.failure = failure }
            return state.failure != failure
        }
        let wasUnavailable = hub.status == .unavailable
        if changed || !wasUnavailable {
            logger.info("remote runtime unavailable", metadata: ["runtime": "\(runtimeId)", "reason": "\(diagnostic(for: failure).code)"])
        }
        hub.publish(status: .unavailable)
        // Consoles redraw the runtime (and its workers) without polling.
        if !wasUnavailable { hub.publish(.runtimeChanged(unavailableSummary(failure))) }
    }

    /// Reads the push stream until it ends; returns why it ended.
    private func consume(_ response: HTTPClientResponse, server: String, connected: () -> Void) async -> SourceError {
        var parser = SSEParser()
        do {
            for try await buffer in response.body {
                for sse in parser.feed(buffer.readableBytesView) {
                    let message: StreamMessage?
                    do {
                        message = try StreamMessage.decode(event: sse.event, data: sse.data)
                    } catch {
                        logger.debug("remote stream: undecodable message skipped", metadata: ["kind": "\(sse.event ?? "")"])
                        continue
                    }
                    guard let message else { continue }
                    if case let .hello(hello) = message {
                        guard hello.apiVersion == APIContract.version else { return errors.incompatible(server: hello.apiVersion) }
                        connected()
                    }
                    try await handle(message, server: server)
                }
            }
        } catch let error as SourceError {
            return error
        } catch {
            if Task.isCancelled { return errors.closed }
            return errors.transport(error)
        }
        return .unavailable(code: "owner_unreachable", message: "the connection to \(errors.name) was lost")
    }

    private func handle(_ message: StreamMessage, server: String) async throws(SourceError) {
        switch message {
        case let .hello(hello):
            state.withLock { state in
                state.failure = nil
                if state.lastEventId == nil { state.lastEventId = hello.nextEventId - 1 }
            }
            hub.publish(status: .connected)
            logger.info("remote runtime connected", metadata: ["runtime": "\(runtimeId)"])
            hub.publish(.runtimeChanged(await summary()))
            // Events committed while no stream was open: re-read them (the
            // hub drops what each subscriber already has).
            if let gap = hub.lowestUndelivered(), gap < hello.nextEventId {
                try await reread(from: gap, server: server)
            }
            // Whatever changed while away (or before the first connection):
            // every worker once, so consoles resynchronise.
            try await refreshWorkers(server: server)
        case let .event(event):
            state.withLock { $0.lastEventId = max($0.lastEventId ?? event.id, event.id) }
            hub.publish(relabel.event(event))
        case let .live(update):
            hub.publish(relabel.live(update))
        case let .lagged(lagged):
            logger.info("remote stream lagged; rereading the event log", metadata: ["runtime": "\(runtimeId)"])
            try await reread(from: lagged.from, server: server)
            try await refreshWorkers(server: server)
        }
    }

    /// Re-reads the event log from `from` to its end and publishes it (the
    /// hub drops what a subscriber already has).
    private func reread(from: Int64, server: String) async throws(SourceError) {
        var cursor = from
        while true {
            let page = try await http.call(.GET, RemoteHTTP.runtimePath(server, "/events"),
                                           query: [("from", String(cursor)), ("limit", String(APIContract.maxLimit))],
                                           as: EventsPage.self)
            for event in page.events {
                state.withLock { $0.lastEventId = max($0.lastEventId ?? event.id, event.id) }
                hub.publish(relabel.event(event))
            }
            guard page.hasMore, page.nextCursor > cursor else { return }
            cursor = page.nextCursor
        }
    }

    private func refreshWorkers(server: String) async throws(SourceError) {
        let page = try await workersPage(server: server, query: [("limit", String(APIContract.maxLimit))])
        for worker in page.workers { hub.publish(.workerChanged(worker)) }
    }
}
