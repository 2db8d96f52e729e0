import Foundation
import Synchronization

/// The registry's live-update subscriptions: one pump per source for each
/// `observeAll()` stream, re-made when a source is registered or replaced
/// (an owner taking over, an attached client becoming the owner) so live
/// updates keep flowing after every takeover.
final class LiveFanIn: Sendable {
    private struct Subscriber {
        var continuation: AsyncStream<LiveUpdate>.Continuation
        var pumps: [String: Task<Void, Never>]
    }

    private struct State {
        var subscribers: [UInt64: Subscriber] = [:]
        var nextId: UInt64 = 0
    }

    private let state = Mutex(State())

    /// A new merged stream over `sources`, subscribed to each before it
    /// returns (a caller that acts next sees the updates its action causes).
    func subscribe(_ sources: [any RuntimeSource]) async -> AsyncStream<LiveUpdate> {
        let (stream, continuation) = AsyncStream<LiveUpdate>.makeStream()
        var initial: [String: AsyncStream<LiveUpdate>] = [:]
        for source in sources {
            if let updates = try? await source.observeAll() { initial[source.runtimeId] = updates }
        }
        let id = state.withLock { state -> UInt64 in
            let id = state.nextId
            state.nextId += 1
            var subscriber = Subscriber(continuation: continuation, pumps: [:])
            for source in sources where initial[source.runtimeId] != nil {
                subscriber.pumps[source.runtimeId] = Self.pump(source, first: initial[source.runtimeId], into: continuation)
            }
            state.subscribers[id] = subscriber
            return id
        }
        continuation.onTermination = { [weak self] _ in self?.drop(id) }
        return stream
    }

    /// Starts (or restarts) the pump of `source` for every subscriber,
    /// subscribed before it returns.
    func attach(_ source: any RuntimeSource) async {
        let runtimeId = source.runtimeId
        let ids = state.withLock { Array($0.subscribers.keys) }
        var first: [UInt64: AsyncStream<LiveUpdate>] = [:]
        for id in ids {
            if let updates = try? await source.observeAll() { first[id] = updates }
        }
        state.withLock { state in
            for (id, var subscriber) in state.subscribers {
                subscriber.pumps[runtimeId]?.cancel()
                subscriber.pumps[runtimeId] = Self.pump(source, first: first[id], into: subscriber.continuation)
                state.subscribers[id] = subscriber
            }
        }
    }

    /// Sends one update to every subscriber (a runtime replaced).
    func broadcast(_ update: LiveUpdate) {
        // Yielded outside the lock: a subscriber being cancelled runs its
        // termination handler (which takes the lock) while holding its
        // task's own lock, which a yield needs.
        let continuations = state.withLock { $0.subscribers.values.map(\.continuation) }
        for continuation in continuations { continuation.yield(update) }
    }

    /// Stops the pumps of a source that left the registry.
    func detach(_ runtimeId: String) {
        state.withLock { state in
            for (id, var subscriber) in state.subscribers {
                subscriber.pumps.removeValue(forKey: runtimeId)?.cancel()
                state.subscribers[id] = subscriber
            }
        }
    }

    private func drop(_ id: UInt64) {
        let pumps = state.withLock { $0.subscribers.removeValue(forKey: id)?.pumps.values.map { $0 } ?? [] }
        pumps.forEach { $0.cancel() }
    }

    /// Forwards a source's updates. A source whose stream ends while it is
    /// still registered (its runtime was replaced inside it) is subscribed
    /// again; one that cannot be observed, or ends three times in a row
    /// without a single update, is left alone.
    private static func pump(_ source: any RuntimeSource, first: AsyncStream<LiveUpdate>?,
                             into continuation: AsyncStream<LiveUpdate>.Continuation) -> Task<Void, Never> {
        Task {
            var emptyEnds = 0
            var next = first
            while !Task.isCancelled, emptyEnds < 3 {
                let subscribed: AsyncStream<LiveUpdate>? = if let next { next } else { try? await source.observeAll() }
                next = nil
                guard let updates = subscribed else { return }
                var forwarded = false
                for await update in updates {
                    forwarded = true
                    continuation.yield(update)
                }
                emptyEnds = forwarded ? 0 : emptyEnds + 1
            }
        }
    }
}
