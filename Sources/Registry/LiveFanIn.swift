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

    /// A new merged stream over `sources`.
    func subscribe(_ sources: [any RuntimeSource]) -> AsyncStream<LiveUpdate> {
        let (stream, continuation) = AsyncStream<LiveUpdate>.makeStream()
        let id = state.withLock { state -> UInt64 in
            let id = state.nextId
            state.nextId += 1
            state.subscribers[id] = Subscriber(continuation: continuation, pumps: [:])
            return id
        }
        continuation.onTermination = { [weak self] _ in self?.drop(id) }
        for source in sources { attach(source) }
        return stream
    }

    /// Starts (or restarts) the pump of `source` for every subscriber.
    func attach(_ source: any RuntimeSource) {
        let runtimeId = source.runtimeId
        state.withLock { state in
            for (id, var subscriber) in state.subscribers {
                subscriber.pumps[runtimeId]?.cancel()
                subscriber.pumps[runtimeId] = Self.pump(source, into: subscriber.continuation)
                state.subscribers[id] = subscriber
            }
        }
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
    private static func pump(_ source: any RuntimeSource, into continuation: AsyncStream<LiveUpdate>.Continuation) -> Task<Void, Never> {
        Task {
            var emptyEnds = 0
            while !Task.isCancelled, emptyEnds < 3 {
                guard let updates = try? await source.observeAll() else { return }
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
