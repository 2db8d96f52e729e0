/// Capped exponential backoff between connection attempts: `initial`,
/// doubling, never above `cap`. Deterministic (a remote is one client of
/// its server; the cap, not jitter, keeps a dead owner from being hammered).
public struct Backoff: Hashable, Sendable {
    public var initial: Duration
    public var cap: Duration

    public init(initial: Duration = .milliseconds(250), cap: Duration = .seconds(10)) {
        self.initial = initial
        self.cap = cap
    }

    /// The wait before retry number `attempt` (0 for the first retry).
    public func delay(attempt: Int) -> Duration {
        var delay = initial
        for _ in 0..<max(0, attempt) {
            delay *= 2
            if delay >= cap { return cap }
        }
        return min(delay, cap)
    }
}

/// How a remote waits between attempts: injected so tests decide when time
/// passes instead of waiting on the wall clock.
public struct RemoteTiming: Sendable {
    public var backoff: Backoff
    /// Waits `duration`; throws when cancelled (the source is closing).
    public var sleep: @Sendable (Duration) async throws -> Void
    /// The most a single request (not the stream) may take.
    public var requestTimeout: Duration

    public init(backoff: Backoff = Backoff(), requestTimeout: Duration = .seconds(30),
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.backoff = backoff
        self.requestTimeout = requestTimeout
        self.sleep = sleep
    }
}
