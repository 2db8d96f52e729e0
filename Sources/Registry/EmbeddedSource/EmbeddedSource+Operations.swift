import Foundation
import Runtime

extension EmbeddedSource {
    /// Runs a runtime operation, wrapping its typed error.
    private func run<T>(_ body: (WorkerRuntime) async throws(RuntimeError) -> T) async throws(SourceError) -> T {
        let runtime = try runtime()
        do { return try await body(runtime) } catch { throw .runtime(error) }
    }

    func summary(of record: WorkerRecord, in runtime: WorkerRuntime) async -> WorkerSummary {
        Projector.worker(record, runtime: runtime, diagnostics: await runtime.allDiagnostics().map(project))
    }

    public func create(_ request: CreateWorkerRequest) async throws(SourceError) -> WorkerSummary {
        let runtime = try runtime()
        do {
            let record = try await runtime.createWorker(
                profile: request.profile ?? "default", label: request.label, initialInput: request.initialInput
            )
            return await summary(of: record, in: runtime)
        } catch {
            throw .runtime(error)
        }
    }

    public func sendInput(_ worker: String, text: String) async throws(SourceError) -> InputAccepted {
        let runtime = try runtime()
        let ref = try ref(runtime, worker)
        do {
            let receipt = try await runtime.sendInput(ref, text: text)
            return InputAccepted(runtimeId: runtimeId, workerId: worker, transcriptSequence: receipt.transcriptSequence,
                                 eventId: receipt.eventId, turn: receipt.turn.rawValue)
        } catch {
            throw .runtime(error)
        }
    }

    public func interrupt(_ worker: String) async throws(SourceError) -> WorkerSummary {
        let runtime = try runtime()
        let ref = try ref(runtime, worker)
        do { return await summary(of: try await runtime.interrupt(ref), in: runtime) } catch { throw .runtime(error) }
    }

    public func stop(_ worker: String) async throws(SourceError) -> WorkerSummary {
        let runtime = try runtime()
        let ref = try ref(runtime, worker)
        do {
            _ = try await runtime.stop(ref)
            return await summary(of: try await runtime.worker(ref), in: runtime)
        } catch { throw .runtime(error) }
    }

    public func cancel(_ worker: String) async throws(SourceError) -> WorkerSummary {
        let runtime = try runtime()
        let ref = try ref(runtime, worker)
        do {
            _ = try await runtime.cancel(ref)
            return await summary(of: try await runtime.worker(ref), in: runtime)
        } catch { throw .runtime(error) }
    }

    public func reconnect(_ worker: String) async throws(SourceError) -> WorkerSummary {
        let runtime = try runtime()
        let ref = try ref(runtime, worker)
        do { return await summary(of: try await runtime.reconnect(ref), in: runtime) } catch { throw .runtime(error) }
    }

    public func rename(_ worker: String, label: String) async throws(SourceError) -> WorkerSummary {
        let runtime = try runtime()
        let ref = try ref(runtime, worker)
        do { return await summary(of: try await runtime.rename(ref, label: label), in: runtime) } catch { throw .runtime(error) }
    }

    public func approvals() async throws(SourceError) -> [ApprovalProjection] {
        let runtime = try runtime()
        var result: [ApprovalProjection] = []
        for (ref, pending) in await runtime.pendingApprovals() {
            guard let record = try? await runtime.worker(ref) else { continue }
            result.append(Projector.approval(pending, of: record))
        }
        return result
    }

    public func answerApproval(_ worker: String, callId: String, _ decision: ApprovalDecision) async throws(SourceError) -> WorkerSummary {
        let runtime = try runtime()
        let ref = try ref(runtime, worker)
        let answer: ApprovalAnswer = switch decision {
        case .allowOnce: .allowOnce
        case .allowAlways: .allowAlways
        case let .deny(message): .deny(message: message)
        }
        do { return await summary(of: try await runtime.answerApproval(ref, callId: callId, answer), in: runtime) } catch {
            throw .runtime(error)
        }
    }

    public func transcript(_ worker: String, start: Int, limit: Int) async throws(SourceError) -> TranscriptPage {
        let runtime = try runtime()
        let ref = try ref(runtime, worker)
        do { return Projector.page(try await runtime.transcript(ref, start: start, limit: limit)) } catch { throw .runtime(error) }
    }

    public func transcriptTail(_ worker: String, limit: Int) async throws(SourceError) -> TranscriptPage {
        let runtime = try runtime()
        let ref = try ref(runtime, worker)
        do { return Projector.page(try await runtime.transcriptTail(ref, limit: limit)) } catch { throw .runtime(error) }
    }

    public func events(from: Int64, limit: Int) async throws(SourceError) -> EventsPage {
        let runtime = try runtime()
        do {
            let page = try await runtime.events(EventCursor(runtimeId: runtime.runtimeId, nextEventId: from), limit: limit)
            return EventsPage(runtimeId: runtimeId, events: page.events.map { Projector.event($0, runtimeId: runtimeId) },
                              nextCursor: page.cursor.nextEventId, hasMore: page.hasMore)
        } catch {
            throw .runtime(error)
        }
    }

    public func subscribe(from: Int64) async throws(SourceError) -> AsyncStream<RuntimeEventProjection> {
        let runtime = try runtime()
        let events: AsyncStream<RuntimeEvent>
        do { events = try runtime.subscribe(from: EventCursor(runtimeId: runtime.runtimeId, nextEventId: from)) } catch {
            throw .runtime(error)
        }
        return AsyncStream { continuation in
            let task = Task {
                for await event in events { continuation.yield(Projector.event(event, runtimeId: self.runtimeId)) }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    public func observe(_ worker: String) async throws(SourceError) -> AsyncStream<LiveUpdate> {
        let runtime = try runtime()
        let ref = try ref(runtime, worker)
        let live: AsyncStream<LiveEvent>
        do { live = try await runtime.observe(ref) } catch { throw .runtime(error) }
        return AsyncStream { continuation in
            let task = Task {
                for await event in live { continuation.yield(Projector.update(event, ref: ref, runtime: runtime, project: project)) }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    public func observeAll() async throws(SourceError) -> AsyncStream<LiveUpdate> {
        let runtime = try runtime()
        let live = await runtime.observeAll()
        let id = liveStreamIds.wrappingAdd(1, ordering: .relaxed).oldValue
        return AsyncStream { continuation in
            liveStreams.withLock { $0[id] = continuation }
            let task = Task {
                for await item in live {
                    continuation.yield(Projector.update(item.event, ref: item.ref, runtime: runtime, project: project))
                }
                continuation.finish()
            }
            continuation.onTermination = { [weak self] _ in
                task.cancel()
                self?.liveStreams.withLock { _ = $0.removeValue(forKey: id) }
            }
        }
    }

    public func reconnectStale() async throws(SourceError) -> ReconnectReport {
        let runtime = try runtime()
        if runtime.isReadOnly { throw .runtime(.readOnly) }
        var report = ReconnectReport(runtimeId: runtimeId)
        for (ref, error) in await runtime.reconnectAll() {
            if let error {
                let mapped = RuntimeRegistry.map(error, runtimeId: runtimeId, worker: WorkerKey(runtimeId: runtimeId, workerId: ref.workerId.rawValue))
                report.failed.append(.init(workerId: ref.workerId.rawValue, reason: "\(ref.workerId): \(mapped.message)"))
            } else {
                report.reconnected.append(ref.workerId.rawValue)
            }
        }
        return report
    }

    public func close() async -> [SourceError] {
        guard let runtime = try? runtime() else { return [] } // unavailable: nothing runs
        return await runtime.interruptAllTurns().failures.map { .runtime($0.1) }
    }
}

extension EmbeddedSource {
    /// Every worker's transcript through the store's index (FTS5 on disk).
    public func search(_ text: String, limit: Int) async throws(SourceError) -> SearchPage {
        let runtime = try runtime()
        do {
            let matches = try await runtime.search(text, limit: limit)
            return SearchPage(runtimeId: runtimeId, query: text, limit: limit, matches: matches.map {
                SearchMatch(runtimeId: runtimeId, workerId: $0.ref.workerId.rawValue, sequence: $0.sequence,
                            role: EntryRole($0.role), kind: EntryKind($0.kind), snippet: $0.snippet, createdAt: $0.createdAt)
            })
        } catch { throw .runtime(error) }
    }
}
