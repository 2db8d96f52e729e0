import Foundation

/// Where a source hands its live updates: the registry's one subscription
/// per source (`RuntimeSource.feedLive`). Called in the source's own order
/// (the embedded runtime calls it on its executor, inside each publish), so
/// it must be quick and must never block or suspend.
public struct LiveSink: Sendable {
    /// Whether any subscriber wants `workerId`'s text deltas now. A source
    /// may drop a delta nobody wants before projecting it; every other
    /// update (turn started and ended, committed entries, worker changes)
    /// is always delivered.
    public let wantsText: @Sendable (_ workerId: String) -> Bool
    public let deliver: @Sendable (LiveUpdate) -> Void

    public init(wantsText: @escaping @Sendable (_ workerId: String) -> Bool,
                deliver: @escaping @Sendable (LiveUpdate) -> Void) {
        self.wantsText = wantsText
        self.deliver = deliver
    }
}

/// A source feeding a `LiveSink`, until `cancel`.
public protocol LiveFeed: Sendable {
    /// Whether `sendTextSoFar` works. A subscriber that shows one worker
    /// gets every delta of a source whose feed cannot: it could not catch up
    /// with a turn's text when it comes back to a worker mid-turn.
    var sendsTextSoFar: Bool { get }
    func cancel()
    /// Delivers `.textSoFar` for `workerId`'s running turn (nothing when
    /// none runs), in order with the turn's deltas: no delta delivered
    /// before it is missing from its text, none after it is in it.
    func sendTextSoFar(_ workerId: String) async
}

/// The feed of a source that only offers `observeAll()` streams (remotes,
/// local compatibility, test fakes): one task forwards the stream into the
/// sink. A stream that ends while the feed is live (its runtime was
/// replaced inside the source) is subscribed again; a source that cannot
/// be observed, or whose stream ends three times in a row without a single
/// update, is left alone. It cannot send a turn's text so far, so the
/// registry gives every subscriber all of its deltas (as before text
/// scopes existed).
final class StreamedLiveFeed: LiveFeed {
    private let task: Task<Void, Never>

    /// Subscribed (when the source allows) before it returns.
    init(_ source: any RuntimeSource, into sink: LiveSink) async {
        let first = try? await source.observeAll()
        task = Task {
            var emptyEnds = 0
            var next = first
            while !Task.isCancelled, emptyEnds < 3 {
                let subscribed: AsyncStream<LiveUpdate>? = if let next { next } else { try? await source.observeAll() }
                next = nil
                guard let updates = subscribed else { return }
                var forwarded = false
                for await update in updates {
                    forwarded = true
                    sink.deliver(update)
                }
                emptyEnds = forwarded ? 0 : emptyEnds + 1
            }
        }
    }

    var sendsTextSoFar: Bool { false }
    func cancel() { task.cancel() }
    func sendTextSoFar(_ workerId: String) async {}
}

extension RuntimeSource {
    public func feedLive(into sink: LiveSink) async -> any LiveFeed {
        await StreamedLiveFeed(self, into: sink)
    }
}
