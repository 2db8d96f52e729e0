import Foundation
import Synchronization

/// Actions posted from effect tasks and signal handlers to the UI thread.
///
/// Invariants: `post` may be called from any thread; the UI thread is woken
/// through a pipe (at most one pending wake byte), so it can block in
/// `poll` with no timeout while idle; `take` returns actions in post order.
/// A streamed text delta does not wake a loop that will wake by itself
/// within a frame (it waits for its next frame): the delta is drawn in that
/// frame either way, and a reply streaming at 400 deltas/s woke the UI
/// thread 400 times a second for 30 frames.
public final class Inbox: Sendable {
    private struct Queue {
        var actions: [Action] = []
        var wakePending = false
        /// The loop sleeps at most a frame and then takes what was posted.
        var wakesWithinAFrame = false
    }

    private let queue = Mutex(Queue())
    /// Read end (polled by the UI thread) and write end of the wake pipe.
    public let readFD: Int32
    let writeFD: Int32

    public init() {
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0, "cannot create the console's wake pipe")
        readFD = fds[0]
        writeFD = fds[1]
        _ = fcntl(readFD, F_SETFL, fcntl(readFD, F_GETFL) | O_NONBLOCK)
        _ = fcntl(writeFD, F_SETFL, fcntl(writeFD, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    public func post(_ action: Action) {
        let canWait = if case .turnDeltaArrived = action { true } else { false }
        let wake = queue.withLock { q -> Bool in
            q.actions.append(action)
            if q.wakePending || (canWait && q.wakesWithinAFrame) { return false }
            q.wakePending = true
            return true
        }
        if wake {
            var byte: UInt8 = 1
            _ = write(writeFD, &byte, 1)
        }
    }

    /// Set by the loop before it waits (`pollMilliseconds`: its poll(2)
    /// timeout, -1 for none) and again with -1 once awake.
    public func loopWakesItself(within pollMilliseconds: Int32) {
        let frame = Int32(FramePacer.milliseconds(FramePacer.frameInterval))
        queue.withLock { $0.wakesWithinAFrame = pollMilliseconds >= 0 && pollMilliseconds <= frame }
    }

    /// Everything posted so far; drains the wake pipe first, every time:
    /// a byte written just after a drain would otherwise stay and make
    /// every poll return at once (a loop spinning until the next post).
    public func take() -> [Action] {
        var buffer = (UInt64(0), UInt64(0))
        while withUnsafeMutableBytes(of: &buffer, { read(readFD, $0.baseAddress, $0.count) }) > 0 {}
        return queue.withLock { q in
            defer { q.actions = []; q.wakePending = false }
            return q.actions
        }
    }
}
