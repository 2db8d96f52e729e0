import Foundation
import Synchronization

/// Actions posted from effect tasks and signal handlers to the UI thread.
///
/// Invariants: `post` may be called from any thread; the UI thread is woken
/// through a pipe (at most one pending wake byte), so it can block in
/// `poll` with no timeout while idle; `take` returns actions in post order.
public final class Inbox: Sendable {
    private let queue = Mutex<(actions: [Action], wakePending: Bool)>(([], false))
    /// Read end (polled by the UI thread) and write end of the wake pipe.
    public let readFD: Int32
    private let writeFD: Int32

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
        let wake = queue.withLock { q -> Bool in
            q.actions.append(action)
            defer { q.wakePending = true }
            return !q.wakePending
        }
        if wake {
            var byte: UInt8 = 1
            _ = write(writeFD, &byte, 1)
        }
    }

    /// Everything posted so far; drains the wake pipe.
    public func take() -> [Action] {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readFD, &buffer, buffer.count) > 0 {}
        return queue.withLock { q in
            let a = q.actions
            q.actions = []
            q.wakePending = false
            return a
        }
    }
}
