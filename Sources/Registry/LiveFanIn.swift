import Foundation

/// Which workers' text deltas a live subscriber wants. Every other update
/// (turns starting and ending, committed entries, worker and runtime
/// changes) reaches every subscriber.
public enum LiveTextScope: Hashable, Sendable {
    /// Every worker's deltas (the API's stream, `workerdeck send`).
    case all
    /// Only this worker's, or none (a console: the worker on screen).
    case only(WorkerKey?)

    func wants(_ key: WorkerKey) -> Bool {
        switch self {
        case .all: true
        case let .only(shown): shown == key
        }
    }
}

/// The registry's live updates: one feed per source (`RuntimeSource.feedLive`),
/// shared by every subscriber, re-made when a source is registered or
/// replaced (an attached client becoming the owner); a source whose runtime
/// is replaced inside it (takeover) keeps its feed flowing itself.
///
/// Per update: the source's sink asks `wantsText` (one lock) and hands the
/// update here; `deliver` picks the subscribers under the lock and calls
/// their handlers outside it. No stream or task in between, so a delta of a
/// worker nobody shows costs a lock and a set lookup and stops at the source.
final class LiveFanIn: Sendable {
    private struct Subscriber {
        var deliver: @Sendable (LiveUpdate) -> Void
        var text: LiveTextScope
    }

    private struct State {
        var subscribers: [UInt64: Subscriber] = [:]
        var nextId: UInt64 = 0
        /// Subscribers wanting every delta, and how many show each worker:
        /// what `wantsText` answers from, without walking the subscribers.
        var allText = 0
        var shown: [WorkerKey: Int] = [:]
        /// One feed per source; a task while it is being set up, so two
        /// subscribers arriving together share one.
        var feeds: [String: Task<any LiveFeed, Never>] = [:]
        /// Sources whose feed sends a turn's text so far: only for these do
        /// text scopes hold back deltas (see `LiveFeed.sendsTextSoFar`).
        var scoped: Set<String> = []

        mutating func count(_ scope: LiveTextScope, _ delta: Int) {
            switch scope {
            case .all: allText += delta
            case let .only(key?): shown[key, default: 0] += delta; if shown[key] == 0 { shown[key] = nil }
            case .only(nil): break
            }
        }
    }

    /// A pthread lock: taken by every source's publish and every subscriber
    /// change, on many threads (see `PthreadMutex` for why not `Mutex`).
    private let state = PthreadMutex(State())

    /// A new subscriber over `sources`, whose feeds are in place before it
    /// returns (a caller that acts next sees the updates its action causes).
    func subscribe(_ sources: [any RuntimeSource], text: LiveTextScope,
                   _ deliver: @escaping @Sendable (LiveUpdate) -> Void) async -> UInt64 {
        let id = state.withLock { state -> UInt64 in
            let id = state.nextId
            state.nextId += 1
            state.subscribers[id] = Subscriber(deliver: deliver, text: text)
            state.count(text, 1)
            return id
        }
        for source in sources { _ = await feed(source, replacing: false) }
        return id
    }

    func unsubscribe(_ id: UInt64) {
        state.withLock { state in
            guard let gone = state.subscribers.removeValue(forKey: id) else { return }
            state.count(gone.text, -1)
        }
    }

    /// From now on `id` gets text deltas only as `text` says. Showing a
    /// worker asks its source for the turn's text so far, which arrives in
    /// order with the deltas (so the subscriber can replace what it had).
    func setText(_ id: UInt64, _ text: LiveTextScope) {
        let ask: (Task<any LiveFeed, Never>, String)? = state.withLock { state in
            guard var subscriber = state.subscribers[id], subscriber.text != text else { return nil }
            state.count(subscriber.text, -1)
            state.count(text, 1)
            subscriber.text = text
            state.subscribers[id] = subscriber
            guard case let .only(key?) = text, let feed = state.feeds[key.runtimeId] else { return nil }
            return (feed, key.workerId)
        }
        guard case let (feed, worker)? = ask else { return }
        Task { await feed.value.sendTextSoFar(worker) }
    }

    /// Feeds a source registered while subscribers exist, or one put in the
    /// place of another (`replacing`: the old feed is cancelled).
    func attach(_ source: any RuntimeSource, replacing: Bool) async {
        let anyone = state.withLock { !$0.subscribers.isEmpty || $0.feeds[source.runtimeId] != nil }
        guard anyone else { return }
        _ = await feed(source, replacing: replacing)
    }

    /// Sends one update to every subscriber (a runtime replaced).
    func broadcast(_ update: LiveUpdate) {
        let handlers = state.withLock { $0.subscribers.values.map(\.deliver) }
        for deliver in handlers { deliver(update) }
    }

    /// Stops the feed of a source that left the registry.
    func detach(_ runtimeId: String) {
        guard let feed = state.withLock({ state in
            state.scoped.remove(runtimeId)
            return state.feeds.removeValue(forKey: runtimeId)
        }) else { return }
        Task { await feed.value.cancel() }
    }

    /// The source's feed, set up once (or again, `replacing` the old one).
    private func feed(_ source: any RuntimeSource, replacing: Bool) async -> any LiveFeed {
        let runtimeId = source.runtimeId
        let sink = LiveSink(
            wantsText: { [weak self] worker in self?.wantsText(WorkerKey(runtimeId: runtimeId, workerId: worker)) ?? false },
            deliver: { [weak self] update in self?.deliver(update) }
        )
        let (task, old) = state.withLock { state -> (Task<any LiveFeed, Never>, Task<any LiveFeed, Never>?) in
            if !replacing, let existing = state.feeds[runtimeId] { return (existing, nil) }
            let task = Task<any LiveFeed, Never> { await source.feedLive(into: sink) }
            let old = state.feeds.updateValue(task, forKey: runtimeId)
            return (task, old)
        }
        if let old { await old.value.cancel() }
        let feed = await task.value
        state.withLock { state in
            guard state.feeds[runtimeId] == task else { return }
            if feed.sendsTextSoFar { state.scoped.insert(runtimeId) } else { state.scoped.remove(runtimeId) }
        }
        return feed
    }

    private func wantsText(_ key: WorkerKey) -> Bool {
        state.withLock { $0.allText > 0 || $0.shown[key] != nil || !$0.scoped.contains(key.runtimeId) }
    }

    /// Hands `update` to the subscribers that want it. Called outside the
    /// lock: a handler yields into a stream, and a stream being cancelled
    /// runs its termination handler (which takes the lock) while holding
    /// its task's own lock, which a yield needs. A source delivers in order,
    /// so each subscriber sees one source's updates in order.
    private func deliver(_ update: LiveUpdate) {
        let handlers: [@Sendable (LiveUpdate) -> Void] = state.withLock { state in
            switch update {
            case let .delta(key, _, _) where state.scoped.contains(key.runtimeId):
                return state.subscribers.values.filter { $0.text.wants(key) }.map(\.deliver)
            case let .textSoFar(key, _, _):
                // Only to those showing the worker: a subscriber of every
                // delta already has the text.
                return state.subscribers.values.filter { $0.text == .only(key) }.map(\.deliver)
            default:
                return state.subscribers.values.map(\.deliver)
            }
        }
        for deliver in handlers { deliver(update) }
    }
}
