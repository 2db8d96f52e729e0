import Registry
import Synchronization

/// What one stream client has waiting: at most `limit` frames and
/// `byteLimit` bytes of them. When a push finds it full, everything buffered
/// is dropped and the writer's next take starts with one `lagged` message,
/// so a client that stops reading costs the server a bounded amount of
/// memory (what is buffered, plus the one batch being written).
///
/// Producers (the pumps) push from any task; one writer takes. Thread-safe.
final class StreamBuffer: Sendable {
    /// One SSE frame, rendered when pushed so its size is known.
    struct Item: Hashable, Sendable {
        var text: String
        /// Set for committed events: what a lagged client rereads after.
        var eventId: Int64?

        init(_ message: StreamMessage) {
            text = message.sseFrame()
            if case let .event(event) = message { eventId = event.id }
        }

        /// An SSE comment that keeps idle connections (and proxies) open.
        static let keepalive = Item(text: ": keepalive\n\n", eventId: nil)

        private init(text: String, eventId: Int64?) {
            self.text = text
            self.eventId = eventId
        }
    }

    private struct State {
        var items: [Item] = []
        var bytes = 0
        var lagged = false
        var closed = false
        /// Where a lagged client rereads from: the id after the last
        /// committed event taken for delivery (the stream's start before).
        var resumeFrom: Int64
        var waiter: CheckedContinuation<Void, Never>?
        var highWater = 0
        var laggedCount = 0
    }

    let limit: Int
    let byteLimit: Int
    private let state: Mutex<State>

    init(limit: Int, byteLimit: Int = 8 << 20, startingAt cursor: Int64) {
        self.limit = limit
        self.byteLimit = byteLimit
        self.state = Mutex(State(resumeFrom: cursor))
    }

    func push(_ message: StreamMessage) { push(Item(message)) }

    func push(_ item: Item) {
        let size = item.text.utf8.count
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.closed else { return nil }
            if state.items.count >= limit || state.bytes + size > byteLimit {
                state.items.removeAll(keepingCapacity: true)
                state.bytes = 0
                if !state.lagged { state.laggedCount += 1 }
                state.lagged = true
            }
            state.items.append(item)
            state.bytes += size
            state.highWater = max(state.highWater, state.items.count)
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// A keepalive only when nothing else is waiting to go out.
    func pushKeepaliveIfIdle() {
        let idle = state.withLock { $0.items.isEmpty && !$0.lagged }
        if idle { push(.keepalive) }
    }

    /// Everything buffered, oldest first (a `lagged` first if messages were
    /// dropped); waits while there is nothing. Nil once closed or when the
    /// calling task is cancelled.
    func take() async -> [Item]? {
        while true {
            if let batch = takeNow() { return batch.isEmpty ? nil : batch }
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let ready = state.withLock { state -> Bool in
                        if state.closed || !state.items.isEmpty || state.lagged { return true }
                        state.waiter = continuation
                        return false
                    }
                    if ready { continuation.resume() }
                }
            } onCancel: {
                close()
            }
        }
    }

    /// The batch if one is ready; [] when closed; nil when empty.
    private func takeNow() -> [Item]? {
        state.withLock { state -> [Item]? in
            if state.closed { return [] }
            guard state.lagged || !state.items.isEmpty else { return nil }
            var batch: [Item] = []
            if state.lagged {
                batch.append(Item(.lagged(StreamLagged(from: state.resumeFrom))))
                state.lagged = false
            }
            for case let id? in state.items.map(\.eventId) { state.resumeFrom = max(state.resumeFrom, id + 1) }
            batch += state.items
            state.items.removeAll(keepingCapacity: true)
            state.bytes = 0
            return batch
        }
    }

    func close() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.closed = true
            state.items = []
            state.bytes = 0
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// For tests and the log: the most ever buffered, and how many times
    /// this client lagged.
    var stats: (highWater: Int, lagged: Int) {
        state.withLock { ($0.highWater, $0.laggedCount) }
    }
}
