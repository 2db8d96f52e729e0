import Foundation

/// When to retry a turn's request, as a pure function: no clock, no sleep,
/// no randomness of its own. The HTTP client feeds it the failure, the
/// attempt number, the server's `Retry-After`, the time spent so far and a
/// random number, and sleeps for what it says.
///
/// Only failures before the first streamed byte reach it: connect errors,
/// timeouts, and the statuses in `retryableStatuses`. Backoff is exponential
/// with full jitter: `random × min(maxDelay, baseDelay × 2^(attempt-1))`; a
/// `Retry-After` from the server wins over the computed delay. No retry may
/// make the turn's total time exceed `totalBudget`, and there are at most
/// `maxAttempts` attempts in all — `refusedAttempts` for a refused
/// connection, which means nothing listens on that port: one quick retry
/// covers a server that is just restarting, more would only keep the
/// operator waiting for a server that is not there.
public struct RetryPolicy: Hashable, Sendable {
    public var baseDelay: Duration
    public var maxDelay: Duration
    public var maxAttempts: Int
    public var refusedAttempts: Int
    public var totalBudget: Duration

    public init(baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8),
                maxAttempts: Int = 4, refusedAttempts: Int = 2, totalBudget: Duration = .seconds(40)) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxAttempts = maxAttempts
        self.refusedAttempts = refusedAttempts
        self.totalBudget = totalBudget
    }

    public static let retryableStatuses: Set<Int> = [408, 425, 429, 500, 502, 503, 504, 529]

    /// A failure before the first streamed byte.
    public enum Failure: Hashable, Sendable, CustomStringConvertible {
        case status(Int)
        case timeout
        /// Nothing listens at the provider's host and port.
        case refused
        case connection

        public var description: String {
            switch self {
            case let .status(code): String(code)
            case .timeout: "timeout"
            case .refused: "connection refused"
            case .connection: "connection failed"
            }
        }
    }

    public enum Decision: Hashable, Sendable {
        case retry(after: Duration)
        case giveUp
    }

    /// - Parameters:
    ///   - attempt: the 1-based number of the attempt that just failed.
    ///   - retryAfter: the server's `Retry-After`, already parsed.
    ///   - elapsed: time since the turn's first attempt started.
    ///   - random: uniform in `0..<1`.
    public func decide(after failure: Failure, attempt: Int, retryAfter: Duration?,
                       elapsed: Duration, random: Double) -> Decision {
        if case let .status(code) = failure, !Self.retryableStatuses.contains(code) { return .giveUp }
        guard attempt < (failure == .refused ? min(refusedAttempts, maxAttempts) : maxAttempts) else { return .giveUp }
        let delay: Duration
        if let retryAfter {
            delay = max(.zero, retryAfter)
        } else {
            let exponent = min(max(attempt - 1, 0), 30)
            let ceiling = min(maxDelay, baseDelay * (1 << exponent))
            delay = ceiling * min(max(random, 0), 1)
        }
        guard elapsed + delay <= totalBudget else { return .giveUp }
        return .retry(after: delay)
    }

    /// The live message for a scheduled retry: `retrying in 1.2 s (429)`.
    /// The delay shown is the one the client then sleeps, to the tenth of a
    /// second below 10 s (a rounded "1 s" for 1.4 s would not be the real wait).
    public static func message(delay: Duration, failure: Failure) -> String {
        "retrying in \(format(delay)) (\(failure))"
    }

    /// Tenths below 10 s without a trailing `.0` (`0.3 s`, `1.2 s`, `2 s`),
    /// whole seconds from 10 s up.
    static func format(_ delay: Duration) -> String {
        let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
        if seconds >= 9.95 { return "\(Int(seconds.rounded())) s" }
        let tenths = Int((seconds * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10) s" : "\(tenths / 10).\(tenths % 10) s"
    }

    /// Parses `Retry-After`: delta-seconds, or an HTTP date relative to `now`.
    /// Nil when absent or unparseable.
    public static func parseRetryAfter(_ value: String?, now: Date) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) {
            return seconds >= 0 ? .seconds(seconds) : nil
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: value) {
                let interval = max(0, date.timeIntervalSince(now))
                return .milliseconds(Int64((interval * 1000).rounded()))
            }
        }
        return nil
    }
}

/// The clock, sleeps and randomness the HTTP clients use for retries and
/// the headers timeout, so tests can drive both without waiting.
public struct RetryEnvironment: Sendable {
    public var policy: RetryPolicy
    /// Suspends for a retry delay; throws when the task is cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// Suspends until a headers timeout of the given length has elapsed;
    /// must throw promptly when the task is cancelled (the response came
    /// first, and the request waits for the timer to end).
    public var timeout: @Sendable (Duration) async throws -> Void
    /// Uniform in `0..<1`.
    public var random: @Sendable () -> Double
    /// Monotonic time, for the total budget.
    public var now: @Sendable () -> ContinuousClock.Instant
    /// Wall time, for HTTP-date `Retry-After`.
    public var wallNow: @Sendable () -> Date

    public init(policy: RetryPolicy = RetryPolicy(),
                sleep: @escaping @Sendable (Duration) async throws -> Void,
                timeout: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
                random: @escaping @Sendable () -> Double,
                now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
                wallNow: @escaping @Sendable () -> Date = { Date() }) {
        self.policy = policy
        self.sleep = sleep
        self.timeout = timeout
        self.random = random
        self.now = now
        self.wallNow = wallNow
    }

    /// Real sleeping and system randomness.
    public static let live = RetryEnvironment(
        sleep: { try await Task.sleep(for: $0) },
        random: { Double.random(in: 0..<1) }
    )
}
