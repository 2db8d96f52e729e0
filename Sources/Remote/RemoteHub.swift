import Registry

/// The subscribers of one remote's push stream: live updates (any number,
/// optionally for one worker), committed events (each with its own resume
/// point) and status watchers. The connection publishes; every stream stays
/// open across reconnects and ends only on `finishAll` (the source closes).
final class RemoteHub: Sendable {
    private struct LiveSubscriber {
        var continuation: AsyncStream<LiveUpdate>.Continuation
        var worker: String?
    }

    /// Committed events for one `subscribe(from:)`. Until its catch-up from
    /// the event log is done, pushed events wait in `pending`; `delivered`
    /// (the last id yielded) drops the duplicates a catch-up, a resume or a
    /// lagged re-read produce.
    private struct EventSubscriber {
        var continuation: AsyncStream<RuntimeEventProjection>.Continuation
        var delivered: Int64
        var caughtUp = false
        var pending: [RuntimeEventProjection] = []

        /// The event if it is new to this subscriber (the caller yields it
        /// after releasing the state lock).
        mutating func take(_ event: RuntimeEventProjection) -> (AsyncStream<RuntimeEventProjection>.Continuation, RuntimeEventProjection)? {
            guard event.id > delivered else { return nil }
            delivered = event.id
            return (continuation, event)
        }
    }

    private struct State {
        var live: [UInt64: LiveSubscriber] = [:]
        /// The registry's feeds: handed every live update directly.
        var sinks: [UInt64: LiveSink] = [:]
        var events: [UInt64: EventSubscriber] = [:]
        var statuses: [UInt64: AsyncStream<RuntimeStatus>.Continuation] = [:]
        var status: RuntimeStatus = .connecting
        var nextId: UInt64 = 0
        var finished = false

        mutating func id() -> UInt64 {
            defer { nextId += 1 }
            return nextId
        }
    }

    /// A pthread lock, not `Mutex`: the loop, every subscriber and every
    /// status watcher contend for it, and ThreadSanitizer only sees pthread
    /// hand-overs (see `PthreadMutex`).
    private let state = PthreadMutex(State())
    /// Held while yielding, never by a stream's termination handler: values
    /// leave in order, and no yield happens under `state`. (A yield under
    /// `state` deadlocked against a consumer being cancelled: cancelling
    /// holds the consumer task's status lock and runs its termination
    /// handler, which takes `state`; the yield waited for that task lock.)
    private let delivery = PthreadMutex(())
    private typealias EventDelivery = (AsyncStream<RuntimeEventProjection>.Continuation, RuntimeEventProjection)

    /// Runs `collect` under the state lock, then yields what it returned.
    private func deliver<Value: Sendable>(_ collect: (inout State) -> [(AsyncStream<Value>.Continuation, Value)]) {
        delivery.withLock { _ in
            let batch = state.withLock { collect(&$0) }
            for (continuation, value) in batch { continuation.yield(value) }
        }
    }

    // MARK: Live updates

    /// Updates for every worker, or only `worker`'s.
    func liveStream(worker: String? = nil) -> AsyncStream<LiveUpdate> {
        let (stream, continuation) = AsyncStream<LiveUpdate>.makeStream()
        let id: UInt64? = state.withLock { state in
            guard !state.finished else { return nil }
            let id = state.id()
            state.live[id] = LiveSubscriber(continuation: continuation, worker: worker)
            return id
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in self?.state.withLock { _ = $0.live.removeValue(forKey: id) } }
        return stream
    }

    /// The registry's feed (`feedLive`): every live update from now on goes
    /// to `sink` on the connection's task, in order, with no stream and no
    /// task in between (one thread hand-over per delta fewer for an
    /// attached console, B11). Nil once the hub finished.
    func addSink(_ sink: LiveSink) -> UInt64? {
        state.withLock { state in
            guard !state.finished else { return nil }
            let id = state.id()
            state.sinks[id] = sink
            return id
        }
    }

    /// No update published after this returns reaches `sink` (one being
    /// handed over may still arrive, as with a cancelled stream). Not under
    /// the delivery lock: a sink may cancel its feed while being handed one.
    func removeSink(_ id: UInt64) {
        state.withLock { _ = $0.sinks.removeValue(forKey: id) }
    }

    func publish(_ update: LiveUpdate) {
        delivery.withLock { _ in
            let (batch, sinks) = state.withLock { state in
                (state.live.values.filter { $0.worker == nil || $0.worker == update.key?.workerId }.map(\.continuation),
                 Array(state.sinks.values))
            }
            for continuation in batch { continuation.yield(update) }
            for sink in sinks {
                if case let .delta(key, _, _) = update, !sink.wantsText(key.workerId) { continue }
                sink.deliver(update)
            }
        }
    }

    // MARK: Committed events

    /// A stream of events with ids from `from` on; the caller catches it up
    /// with `deliver` and then `caughtUp`.
    func eventStream(from: Int64) -> (id: UInt64, stream: AsyncStream<RuntimeEventProjection>) {
        let (stream, continuation) = AsyncStream<RuntimeEventProjection>.makeStream()
        let id: UInt64? = state.withLock { state in
            guard !state.finished else { return nil }
            let id = state.id()
            state.events[id] = EventSubscriber(continuation: continuation, delivered: from - 1)
            return id
        }
        guard let id else {
            continuation.finish()
            return (.max, stream)
        }
        continuation.onTermination = { [weak self] _ in self?.state.withLock { _ = $0.events.removeValue(forKey: id) } }
        return (id, stream)
    }

    /// Catch-up events read from the log for one subscriber, in order.
    func deliver(_ events: [RuntimeEventProjection], to id: UInt64) {
        deliver { (state: inout State) -> [EventDelivery] in
            guard var subscriber = state.events[id] else { return [] }
            let batch = events.compactMap { subscriber.take($0) }
            state.events[id] = subscriber
            return batch
        }
    }

    /// The catch-up is done: what was pushed meanwhile follows, then live.
    func caughtUp(_ id: UInt64) {
        deliver { (state: inout State) -> [EventDelivery] in
            guard var subscriber = state.events[id] else { return [] }
            let batch = subscriber.pending.sorted { $0.id < $1.id }.compactMap { subscriber.take($0) }
            subscriber.pending = []
            subscriber.caughtUp = true
            state.events[id] = subscriber
            return batch
        }
    }

    /// Whether the subscriber is still there (its consumer may have gone).
    func isSubscribed(_ id: UInt64) -> Bool {
        state.withLock { $0.events[id] != nil }
    }

    /// Ends one event stream (its subscription failed).
    func dropEvents(_ id: UInt64) {
        let continuation = state.withLock { $0.events.removeValue(forKey: id)?.continuation }
        continuation?.finish()
    }

    /// The oldest resume point among caught-up event subscribers (one still
    /// catching up reads the log to its end itself): after a (re)connect
    /// the log is re-read from there so no event falls between a catch-up
    /// and the stream.
    func lowestUndelivered() -> Int64? {
        state.withLock { $0.events.values.filter(\.caughtUp).map { $0.delivered + 1 }.min() }
    }

    func publish(_ event: RuntimeEventProjection) {
        deliver { state in
            var batch: [EventDelivery] = []
            for (id, var subscriber) in state.events {
                if subscriber.caughtUp {
                    if let item = subscriber.take(event) { batch.append(item) }
                } else if event.id > subscriber.delivered {
                    subscriber.pending.append(event)
                }
                state.events[id] = subscriber
            }
            return batch
        }
    }

    // MARK: Status

    var status: RuntimeStatus { state.withLock { $0.status } }

    /// The current status, then every change.
    func statusStream() -> AsyncStream<RuntimeStatus> {
        let (stream, continuation) = AsyncStream<RuntimeStatus>.makeStream()
        // Registered and given the current status under the delivery lock,
        // so no change is yielded before it or lost in between.
        let id: UInt64? = delivery.withLock { _ in
            let (id, current): (UInt64?, RuntimeStatus) = state.withLock { state in
                guard !state.finished else { return (nil, state.status) }
                let id = state.id()
                state.statuses[id] = continuation
                return (id, state.status)
            }
            continuation.yield(current)
            return id
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in self?.state.withLock { _ = $0.statuses.removeValue(forKey: id) } }
        return stream
    }

    /// Records and announces a status; repeats are not announced.
    func publish(status: RuntimeStatus) {
        deliver { (state: inout State) -> [(AsyncStream<RuntimeStatus>.Continuation, RuntimeStatus)] in
            guard state.status != status, !state.finished else { return [] }
            state.status = status
            return state.statuses.values.map { ($0, status) }
        }
    }

    /// Ends every stream (the source closed); later subscribers get an ended stream.
    func finishAll() {
        let (state, announce) = delivery.withLock { _ in
            let (state, announce) = self.state.withLock { state -> (State, Bool) in
                defer {
                    state.live = [:]
                    state.sinks = [:]
                    state.events = [:]
                    state.statuses = [:]
                    state.finished = true
                }
                let announce = state.status != .unavailable
                state.status = .unavailable
                return (state, announce)
            }
            if announce { state.statuses.values.forEach { $0.yield(.unavailable) } }
            return (state, announce)
        }
        _ = announce
        state.live.values.forEach { $0.continuation.finish() }
        state.events.values.forEach { $0.continuation.finish() }
        state.statuses.values.forEach { $0.finish() }
    }
}
