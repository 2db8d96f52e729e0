import Testing
@testable import Console

@Suite struct FramePacerTests {
    let t0 = ContinuousClock.now

    @Test func idleConsoleBlocksWithoutTimeout() {
        let pacer = FramePacer(lastFrame: t0, lastTick: t0)
        #expect(pacer.waitTimeout(at: t0 + .seconds(5), dirty: false, animating: false) == nil)
        #expect(FramePacer.milliseconds(nil) == -1)
    }

    @Test func dirtyStateWaitsOnlyForTheNextFrameSlot() {
        let pacer = FramePacer(lastFrame: t0, lastTick: t0)
        #expect(pacer.waitTimeout(at: t0 + .milliseconds(10), dirty: true, animating: false) == .microseconds(23_334))
        #expect(!pacer.mayDraw(at: t0 + .milliseconds(10)))
        #expect(!pacer.mayDraw(at: t0 + .milliseconds(33)))
        #expect(pacer.mayDraw(at: t0 + .milliseconds(34)))
        #expect(pacer.waitTimeout(at: t0 + .milliseconds(50), dirty: true, animating: false) == .zero)
    }

    /// A state that is dirty all the time (a stream delivering a delta
    /// every millisecond), driven the way the loop drives the pacer over one
    /// simulated second: at most 30 frames are drawn, and not far fewer.
    @Test func framesAreAtMostThirtyPerSecond() {
        var pacer = FramePacer(lastTick: t0)
        var frames = 0
        var now = t0
        while now < t0 + .seconds(1) {
            if pacer.mayDraw(at: now) {
                frames += 1
                pacer.lastFrame = now
            }
            // The loop sleeps for the pacer's timeout, or until the next delta.
            let wait = pacer.waitTimeout(at: now, dirty: true, animating: false) ?? .seconds(1)
            now = now + max(.milliseconds(1), min(wait, .milliseconds(1)))
        }
        #expect(frames <= 30)
        #expect(frames >= 28)
    }

    @Test func firstFrameIsImmediate() {
        let pacer = FramePacer(lastTick: t0)
        #expect(pacer.mayDraw(at: t0))
        #expect(pacer.waitTimeout(at: t0, dirty: true, animating: false) == .zero)
    }

    @Test func spinnerWakesOnlyWhileAnimating() {
        let pacer = FramePacer(lastFrame: t0, lastTick: t0)
        #expect(pacer.waitTimeout(at: t0 + .milliseconds(40), dirty: false, animating: true) == .milliseconds(60))
        #expect(pacer.spinnerDue(at: t0 + .milliseconds(100), animating: true))
        #expect(!pacer.spinnerDue(at: t0 + .milliseconds(100), animating: false))
    }

    @Test func millisecondsRoundUp() {
        #expect(FramePacer.milliseconds(.microseconds(1500)) == 2)
        #expect(FramePacer.milliseconds(.zero) == 0)
    }
}
