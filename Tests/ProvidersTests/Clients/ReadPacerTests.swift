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
        var pacer = ReadPacer(pace: .milliseconds(16))
        for read in 0..<50 {
            #expect(pacer.hold(readAt: Self.at(Double(read) * 20)) == nil, "read \(read) was held")
        }
    }

    /// At 400 parts a second with a 16 ms pace: each new read is held to the
    /// next pace boundary (what arrived meanwhile is read then, with it).
    @Test func aFastStreamIsReadOncePerPace() {
        var pacer = ReadPacer(pace: .milliseconds(16))
        #expect(pacer.hold(readAt: Self.at(0)) == nil) // the first read
        #expect(pacer.hold(readAt: Self.at(2.5)) == Self.at(16)) // a new read within the pace
        #expect(pacer.hold(readAt: Self.at(17.5)) == Self.at(32))
        #expect(pacer.hold(readAt: Self.at(33)) == Self.at(48))
    }

    @Test func aStreamThatSlowsDownIsNoLongerHeld() {
        var pacer = ReadPacer(pace: .milliseconds(16))
        #expect(pacer.hold(readAt: Self.at(0)) == nil)
        #expect(pacer.hold(readAt: Self.at(1)) == Self.at(16))
        #expect(pacer.hold(readAt: Self.at(40)) == nil)
        #expect(pacer.hold(readAt: Self.at(80)) == nil)
    }

    /// Streams nobody watches are held to the next multiple of the
    /// background tick, however they arrive: one wake-up releases them all.
    @Test func repliesNobodyWatchesAreReadOnSharedTicks() {
        var first = ReadPacer(pace: .milliseconds(16), background: .milliseconds(100))
        var second = ReadPacer(pace: .milliseconds(16), background: .milliseconds(100))
        #expect(first.hold(readAt: Self.at(3), watched: false) == Self.at(100))
        #expect(second.hold(readAt: Self.at(71.5), watched: false) == Self.at(100))
        // Slow or fast, a read after the tick waits for the next one.
        #expect(first.hold(readAt: Self.at(100.2), watched: false) == Self.at(200))
        #expect(second.hold(readAt: Self.at(180), watched: false) == Self.at(200))
    }

    /// Shown again (watched): paced as a watched stream from its last tick.
    @Test func aReplyWatchedAgainIsReadAsItArrives() {
        var pacer = ReadPacer(pace: .milliseconds(16), background: .milliseconds(100))
        #expect(pacer.hold(readAt: Self.at(20), watched: false) == Self.at(100))
        #expect(pacer.hold(readAt: Self.at(105), watched: true) == Self.at(116))
        #expect(pacer.hold(readAt: Self.at(140), watched: true) == nil)
        #expect(pacer.hold(readAt: Self.at(170), watched: true) == nil)
    }
}
