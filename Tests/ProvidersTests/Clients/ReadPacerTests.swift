import NIOCore
import Testing
@testable import Providers

/// `ReadPacer`: a watched fast stream is read at most once per pace, a
/// watched slow one as it arrives; one nobody watches on shared ticks.
@Suite struct ReadPacerTests {
    static let start = NIODeadline.uptimeNanoseconds(1_000_000_000)
    static func at(_ milliseconds: Double) -> NIODeadline {
        start + .nanoseconds(Int64(milliseconds * 1_000_000))
    }

    @Test func aStreamSlowerThanThePaceIsNeverHeld() {
        var pacer = ReadPacer(pace: .milliseconds(33), fastGap: .milliseconds(16))
        for read in 0..<50 {
            #expect(pacer.hold(readAt: Self.at(Double(read) * 20)) == nil, "read \(read) was held")
        }
    }

    /// At 400 parts a second (a 33 ms pace, fast below 16 ms): each new read
    /// is held to the next pace boundary (what arrived meanwhile is read
    /// then, with it, and held to the next).
    @Test func aFastStreamIsReadOncePerPace() {
        var pacer = ReadPacer(pace: .milliseconds(33), fastGap: .milliseconds(16))
        #expect(pacer.hold(readAt: Self.at(0)) == nil) // the first read
        #expect(pacer.hold(readAt: Self.at(2.5)) == Self.at(33)) // a new read soon after
        #expect(pacer.hold(readAt: Self.at(33.1)) == Self.at(66)) // read as the hold ends
        #expect(pacer.hold(readAt: Self.at(66.2)) == Self.at(99))
    }

    /// Reads 20 ms apart (B11's streams) are not fast: never held.
    @Test func readsHalfAFrameApartAreNotHeld() {
        var pacer = ReadPacer(pace: .milliseconds(33), fastGap: .milliseconds(16))
        for read in 0..<50 {
            #expect(pacer.hold(readAt: Self.at(Double(read) * 17)) == nil, "read \(read) was held")
        }
    }

    @Test func aStreamThatSlowsDownIsNoLongerHeld() {
        var pacer = ReadPacer(pace: .milliseconds(33), fastGap: .milliseconds(16))
        #expect(pacer.hold(readAt: Self.at(0)) == nil)
        #expect(pacer.hold(readAt: Self.at(1)) == Self.at(33))
        #expect(pacer.hold(readAt: Self.at(60)) == nil)
        #expect(pacer.hold(readAt: Self.at(80)) == nil)
    }

    /// Streams nobody watches are held to the next multiple of the
    /// background tick, however they arrive: one wake-up releases them all.
    @Test func repliesNobodyWatchesAreReadOnSharedTicks() {
        var first = ReadPacer(pace: .milliseconds(33), fastGap: .milliseconds(16), background: .milliseconds(100))
        var second = ReadPacer(pace: .milliseconds(33), fastGap: .milliseconds(16), background: .milliseconds(100))
        #expect(first.hold(readAt: Self.at(3), watched: false) == Self.at(100))
        #expect(second.hold(readAt: Self.at(71.5), watched: false) == Self.at(100))
        // Slow or fast, a read after the tick waits for the next one.
        #expect(first.hold(readAt: Self.at(100.2), watched: false) == Self.at(200))
        #expect(second.hold(readAt: Self.at(180), watched: false) == Self.at(200))
    }

    /// Shown again (watched): paced as a watched stream from its last tick.
    @Test func aReplyWatchedAgainIsReadAsItArrives() {
        var pacer = ReadPacer(pace: .milliseconds(33), fastGap: .milliseconds(16), background: .milliseconds(100))
        #expect(pacer.hold(readAt: Self.at(20), watched: false) == Self.at(100))
        #expect(pacer.hold(readAt: Self.at(105), watched: true) == Self.at(133))
        #expect(pacer.hold(readAt: Self.at(160), watched: true) == nil)
        #expect(pacer.hold(readAt: Self.at(190), watched: true) == nil)
    }
}
