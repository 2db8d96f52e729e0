import Foundation

struct LiveObserver {
    /// Nil: every worker.
    let worker: WorkerId?
    /// Called on the runtime's executor, in publish order. A stream's
    /// `yield`, or a subscriber's own sink (`observeAll(_:)`), which saves
    /// the relay task a stream needs.
    let deliver: @Sendable (WorkerLiveEvent) -> Void
}

/// One `observeAll(_:)` registration, for `stopObserving` and
/// `sendTextSoFar`.
public struct LiveObservation: Hashable, Sendable {
    let id: UUID
}

struct EventWaiter {
    let after: Int64
    let continuation: CheckedContinuation<Void, Never>
}

extension WorkerRuntime {
    /// A cursor at the current end of the log: reading from it yields only
    /// events written later.
    public func nowCursor() -> EventCursor {
        EventCursor(runtimeId: runtimeId, nextEventId: state.nextEventId)
    }

    /// Events with id ≥ `cursor.nextEventId`, at most `limit`
    /// (1…`limits.maxEventPage`), the advanced cursor, and whether more follow.
    public func events(_ cursor: EventCursor, limit: Int) throws(RuntimeError) -> EventPage {
        guard cursor.runtimeId == runtimeId else {
            throw .wrongRuntimeCursor(expected: runtimeId, got: cursor.runtimeId)
        }
        try checkLimit(limit, max: limits.maxEventPage)
        let events = try store.events(from: cursor.nextEventId, limit: limit)
        let next = events.last.map { $0.id + 1 } ?? cursor.nextEventId
        let last = max(state.nextEventId - 1, lastPolledEventId)
        return EventPage(events: events, cursor: EventCursor(runtimeId: runtimeId, nextEventId: next), hasMore: next <= last)
    }

    /// Pushes every event from `cursor` on, the backlog first, then new ones
    /// as they are committed, in id order with no gaps or repeats. Ends when
    /// the consumer stops iterating.
    public nonisolated func subscribe(from cursor: EventCursor) throws(RuntimeError) -> AsyncStream<RuntimeEvent> {
        guard cursor.runtimeId == runtimeId else {
            throw .wrongRuntimeCursor(expected: runtimeId, got: cursor.runtimeId)
        }
        let pageSize = min(256, limits.maxEventPage)
        return AsyncStream { continuation in
            let task = Task {
                var cursor = cursor
                while !Task.isCancelled {
                    guard let page = try? await self.events(cursor, limit: pageSize) else { break }
                    for event in page.events { continuation.yield(event) }
                    cursor = page.cursor
                    if !page.hasMore { await self.waitForEvent(atLeast: cursor.nextEventId) }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Live turn events of one worker: deltas, retries, usage, committed
    /// entries, turn ends, catalog changes. Nothing is replayed.
    public func observe(_ ref: WorkerRef) throws(RuntimeError) -> AsyncStream<LiveEvent> {
        _ = try record(for: ref)
        let (stream, continuation) = AsyncStream<WorkerLiveEvent>.makeStream()
        addObserver(worker: ref.workerId, continuation: continuation)
        return AsyncStream { out in
            let task = Task {
                for await item in stream { out.yield(item.event) }
                out.finish()
            }
            out.onTermination = { _ in task.cancel(); continuation.finish() }
        }
    }

    /// Live events of every worker in this runtime.
    public func observeAll() -> AsyncStream<WorkerLiveEvent> {
        let (stream, continuation) = AsyncStream<WorkerLiveEvent>.makeStream()
        addObserver(worker: nil, continuation: continuation)
        return stream
    }

    /// Live events of every worker, handed to `deliver` on this actor's
    /// executor in publish order, with no stream or task in between (the
    /// registry's one subscription per source). `deliver` must be quick and
    /// must not block: it runs inside every publish. Until `stopObserving`.
    ///
    /// `wantsText` says which workers' text deltas the observer shows now
    /// (nil: every worker's); it is asked from any thread, and must be quick.
    /// A reply nobody wants the text of is read from its provider in
    /// batches: its deltas still come, a little later and fewer.
    public func observeAll(wantsText: (@Sendable (WorkerId) -> Bool)? = nil,
                           _ deliver: @escaping @Sendable (WorkerLiveEvent) -> Void) -> LiveObservation {
        let id = UUID()
        liveObservers[id] = LiveObserver(worker: nil, deliver: deliver)
        textWatchers.add(id, wants: wantsText ?? { _ in true })
        return LiveObservation(id: id)
    }

    public func stopObserving(_ observation: LiveObservation) {
        liveObservers[observation.id] = nil
        textWatchers.remove(observation.id)
    }

    /// Hands `observation` the text the worker's running turn has streamed
    /// since its last committed entry (`textSoFar`), if a turn is running.
    /// On this actor, so no delta published before it is missing from the
    /// text and none published after it is in it: a subscriber that only
    /// now wants this worker's text replaces what it had and then appends
    /// the deltas that follow.
    public func sendTextSoFar(_ ref: WorkerRef, to observation: LiveObservation) {
        guard let observer = liveObservers[observation.id], ref.runtimeId == runtimeId,
              let active = activeTurns[ref.workerId] else { return }
        // Completed blocks not yet committed, then the block in progress:
        // what the deltas of the turn since its last committed entry add up to.
        let blocks = active.pending.filter { $0.role == .assistant && $0.kind == .message }.map(\.content)
        let text = blocks.joined() + active.streamed
        observer.deliver(WorkerLiveEvent(ref: ref, event: .textSoFar(active.id, text)))
    }

    private func addObserver(worker: WorkerId?, continuation: AsyncStream<WorkerLiveEvent>.Continuation) {
        let id = UUID()
        liveObservers[id] = LiveObserver(worker: worker, deliver: { continuation.yield($0) })
        textWatchers.add(id) { worker == nil || $0 == worker }
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeObserver(id) }
        }
    }

    private func removeObserver(_ id: UUID) {
        liveObservers[id] = nil
        textWatchers.remove(id)
    }

    func publish(_ event: WorkerLiveEvent) {
        for observer in liveObservers.values where observer.worker == nil || observer.worker == event.ref.workerId {
            observer.deliver(event)
        }
    }

    /// Suspends until an event with id ≥ `id` exists, or the task is cancelled.
    func waitForEvent(atLeast id: Int64) async {
        let token = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                if cancelledWaiters.remove(token) != nil || max(state.nextEventId - 1, lastPolledEventId) >= id {
                    continuation.resume()
                } else {
                    eventWaiters[token] = EventWaiter(after: id, continuation: continuation)
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(token) }
        }
    }

    private func cancelWaiter(_ token: UUID) {
        if let waiter = eventWaiters.removeValue(forKey: token) {
            waiter.continuation.resume()
        } else {
            cancelledWaiters.insert(token)
        }
    }

    func wakeEventWaiters() {
        let last = max(state.nextEventId - 1, lastPolledEventId)
        for (token, waiter) in eventWaiters where waiter.after <= last {
            eventWaiters[token] = nil
            waiter.continuation.resume()
        }
    }
}
