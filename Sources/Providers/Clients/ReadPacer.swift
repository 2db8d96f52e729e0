import NIOCore

/// When a streamed response may be read again: a fast stream (parts closer
/// together than `pace`) is read at most once per `pace`, so the event
/// loop wakes once for several deltas instead of once each (B12); a stream
/// slower than that is read as its parts arrive, never held.
///
/// Parts delivered within `chainGap` of the one before came from the same
/// read (the HTTP client hands a read's parts over one after another) and
/// are never held: only the first part of a new read is.
struct ReadPacer: Sendable {
    /// Half a console frame: text still reaches the screen in the frame it would have.
    static let defaultPace = TimeAmount.milliseconds(16)
    static let chainGap = TimeAmount.microseconds(200)

    let pace: TimeAmount
    /// When the last read that was not held (or the last hold) began.
    private var readAt: NIODeadline?
    /// When the last part arrived, or the last hold ends.
    private var lastPart: NIODeadline?

    init(pace: TimeAmount = ReadPacer.defaultPace) {
        self.pace = pace
    }

    /// Called as a part arrives at `now`: when to let the client read on,
    /// or nil for at once.
    mutating func hold(partAt now: NIODeadline) -> NIODeadline? {
        let chained = lastPart.map { now - $0 < Self.chainGap } ?? false
        if !chained {
            if let readAt, now < readAt + pace {
                let release = readAt + pace
                self.readAt = release
                lastPart = release
                return release
            }
            readAt = now
        }
        lastPart = now
        return nil
    }
}
