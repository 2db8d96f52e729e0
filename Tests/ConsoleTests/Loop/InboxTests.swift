import Foundation
import Registry
import Testing
@testable import Console

/// The UI thread's wake rules: every action wakes an idle loop; a streamed
/// delta waits for a loop that wakes by itself within a frame; nothing is
/// lost or reordered either way.
@Suite struct InboxTests {
    let key = WorkerKey(runtimeId: "backend-internal", workerId: "worker-00000001")

    /// Whether the wake pipe has a byte (poll with no wait).
    func woken(_ inbox: Inbox) -> Bool {
        var fd = pollfd(fd: inbox.readFD, events: Int16(POLLIN), revents: 0)
        return poll(&fd, 1, 0) == 1
    }

    func delta(_ text: String) -> Action { .turnDeltaArrived(key, turn: "t1", text: text) }

    @Test func aDeltaWakesALoopThatBlocks() {
        let inbox = Inbox()
        inbox.loopWakesItself(within: -1)
        inbox.post(delta("a"))
        #expect(woken(inbox))
    }

    @Test func aDeltaWakesALoopWaitingLongerThanAFrame() {
        let inbox = Inbox()
        inbox.loopWakesItself(within: 100) // the spinner's tick
        inbox.post(delta("a"))
        #expect(woken(inbox))
    }

    @Test func deltasWaitForALoopThatWakesWithinAFrameAndKeepTheirOrder() {
        let inbox = Inbox()
        inbox.loopWakesItself(within: 20)
        for text in ["a", "b", "c"] { inbox.post(delta(text)) }
        #expect(!woken(inbox))
        let taken = inbox.take()
        #expect(taken.count == 3)
        let texts = taken.compactMap { action -> String? in
            if case let .turnDeltaArrived(_, _, text) = action { return text } else { return nil }
        }
        #expect(texts == ["a", "b", "c"])
    }

    @Test func anyOtherActionWakesAtOnceBehindTheDeltasBeforeIt() {
        let inbox = Inbox()
        inbox.loopWakesItself(within: 20)
        inbox.post(delta("a"))
        inbox.post(.turnEnded(key, turn: "t1", outcome: .completed))
        #expect(woken(inbox))
        let taken = inbox.take()
        #expect(taken.count == 2)
        if case .turnDeltaArrived = taken[0] {} else { Issue.record("the delta came second") }
        #expect(!woken(inbox)) // take drained the pipe
    }

    /// A wake byte written after the loop took the actions is drained by the
    /// next take, so the loop does not spin on a ready pipe.
    @Test func aLateWakeByteIsDrainedByTheNextTake() {
        let inbox = Inbox()
        inbox.post(delta("a")) // wakes: the loop blocks
        _ = inbox.take()
        var byte: UInt8 = 1
        _ = write(inbox.writeFD, &byte, 1) // as a post racing that take would
        #expect(woken(inbox))
        #expect(inbox.take().isEmpty)
        #expect(!woken(inbox))
    }
}
