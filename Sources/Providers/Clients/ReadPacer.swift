import NIOCore

/// When a streamed response may be read again, asked as the first part of
/// each new read arrives (the other parts of a read are already read, and
/// are never held).
///
/// - A reply somebody watches: a fast stream (a read within `fastGap` of
///   the one before) is read at most once per `pace`, so the event loop,
///   the runtime and the console wake once a frame for several deltas
///   instead of once each (B12); a slower stream is read as its parts
///   arrive, never held.
/// - A reply nobody watches (`TextPost.isWatched`): read once per tick of
///   `background`, on ticks every such stream shares (multiples of it on
///   the loop's clock), so a hundred of them cost the loop one wake-up a
///   tick between them, not one per part (B6). Its text is stored as ever;
///   only nobody sees it stream. What a read takes in waits for the next
///   tick to be handed on, so text and the turn's end come at most two
///   ticks after they arrived.
struct ReadPacer: Sendable {
    /// One console frame (it draws at most 30 a second): what is read in a
    /// pace is drawn in one frame, at most two frames after it arrived.
    static let defaultPace = TimeAmount.milliseconds(33)
    /// Half a frame: a stream whose reads come closer than this is fast.
    static let defaultFastGap = TimeAmount.milliseconds(16)
    static let backgroundPace = TimeAmount.milliseconds(100)

    let pace: TimeAmount
    let fastGap: TimeAmount
    let background: TimeAmount
    /// When the last read that was not held began, or the last hold ends.
    private var readAt: NIODeadline?

    init(pace: TimeAmount = ReadPacer.defaultPace, fastGap: TimeAmount = ReadPacer.defaultFastGap,
         background: TimeAmount = ReadPacer.backgroundPace) {
        self.pace = pace
        self.fastGap = fastGap
        self.background = background
    }

    /// Called as the first part of a read arrives at `now`: when to let the
    /// client read on, or nil for at once.
    mutating func hold(readAt now: NIODeadline, watched: Bool = true) -> NIODeadline? {
        guard watched else {
            let tick = UInt64(max(1, background.nanoseconds))
            let release = NIODeadline.uptimeNanoseconds((now.uptimeNanoseconds / tick + 1) * tick)
            readAt = release
            return release
        }
        if let readAt, now < readAt + fastGap {
            let release = readAt + pace
            self.readAt = release
            return release
        }
        readAt = now
        return nil
    }
}
