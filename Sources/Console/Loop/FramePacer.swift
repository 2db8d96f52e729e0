/// When the loop may draw and how long it may sleep. Pure (instants are
/// passed in), so the "no wake-ups when idle" rule is testable.
///
/// Invariants: frames are at least `frameInterval` apart (≤ 30/s); with
/// nothing to draw and nothing animating, `waitTimeout` is nil: block until
/// input or an event arrives.
public struct FramePacer: Hashable, Sendable {
    public static let frameInterval = Duration.microseconds(33_334)
    public static let spinnerInterval = Duration.milliseconds(100)

    public var lastFrame: ContinuousClock.Instant?
    public var lastTick: ContinuousClock.Instant

    public init(lastFrame: ContinuousClock.Instant? = nil, lastTick: ContinuousClock.Instant) {
        self.lastFrame = lastFrame
        self.lastTick = lastTick
    }

    /// Whether a dirty state may be drawn at `now`.
    public func mayDraw(at now: ContinuousClock.Instant) -> Bool {
        guard let lastFrame else { return true }
        return now - lastFrame >= Self.frameInterval
    }

    /// Whether the spinner should advance at `now`.
    public func spinnerDue(at now: ContinuousClock.Instant, animating: Bool) -> Bool {
        animating && now - lastTick >= Self.spinnerInterval
    }

    /// How long to wait for input: nil blocks indefinitely.
    public func waitTimeout(at now: ContinuousClock.Instant, dirty: Bool, animating: Bool) -> Duration? {
        var deadline: ContinuousClock.Instant?
        if dirty { deadline = lastFrame.map { $0 + Self.frameInterval } ?? now }
        if animating {
            let tick = lastTick + Self.spinnerInterval
            deadline = deadline.map { min($0, tick) } ?? tick
        }
        guard let deadline else { return nil }
        return max(.zero, deadline - now)
    }

    /// `waitTimeout` in poll(2) milliseconds (-1 blocks), rounded up so a
    /// wait never ends just before its deadline.
    public static func milliseconds(_ timeout: Duration?) -> Int32 {
        guard let timeout else { return -1 }
        let (s, atto) = timeout.components
        let ms = s * 1000 + (atto + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(max(0, min(60_000, ms)))
    }
}
