import NIOCore
import Testing
@testable import Providers

/// `ReadPacer`: a fast stream is read at most once per pace; a slow one,
/// and the parts of one read, are never held.
@Suite struct ReadPacerTests {
    static let start = NIODeadline.uptimeNanoseconds(1_000_000_000)
    static func at(_ milliseconds: Double) -> NIODeadline {
        start + .nanoseconds(Int64(milliseconds * 1_000_000))
    }

    @Test func aStreamSlowerThanThePaceIsNeverHeld() {
        var pacer = ReadPacer(pace: .milliseconds(16))
        for part in 0..<50 {
            #expect(pacer.hold(partAt: Self.at(Double(part) * 20)) == nil, "part \(part) was held")
        }
    }

    /// At 400 parts a second with a 16 ms pace: the first part of each new
    /// read is held to the next pace boundary, and the parts read then are
    /// let through together.
    @Test func aFastStreamIsReadOncePerPace() {
        var pacer = ReadPacer(pace: .milliseconds(16))
        #expect(pacer.hold(partAt: Self.at(0)) == nil) // the first read
        #expect(pacer.hold(partAt: Self.at(2.5)) == Self.at(16)) // a new read within the pace
        // Released at 16: the parts that waited come in one read.
        #expect(pacer.hold(partAt: Self.at(16.01)) == nil)
        #expect(pacer.hold(partAt: Self.at(16.02)) == nil)
        #expect(pacer.hold(partAt: Self.at(16.03)) == nil)
        // The next part to arrive on its own waits for the next boundary.
        #expect(pacer.hold(partAt: Self.at(17.5)) == Self.at(32))
        #expect(pacer.hold(partAt: Self.at(32.05)) == nil)
    }

    @Test func partsOfOneReadAreNotHeld() {
        var pacer = ReadPacer(pace: .milliseconds(16))
        #expect(pacer.hold(partAt: Self.at(0)) == nil)
        // 60 parts handed over one after another from one read.
        for part in 1...60 {
            #expect(pacer.hold(partAt: Self.at(0.001 * Double(part))) == nil, "part \(part) of one read was held")
        }
    }

    @Test func aStreamThatSlowsDownIsNoLongerHeld() {
        var pacer = ReadPacer(pace: .milliseconds(16))
        #expect(pacer.hold(partAt: Self.at(0)) == nil)
        #expect(pacer.hold(partAt: Self.at(1)) == Self.at(16))
        #expect(pacer.hold(partAt: Self.at(40)) == nil)
        #expect(pacer.hold(partAt: Self.at(80)) == nil)
    }
}
