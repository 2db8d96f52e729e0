import Foundation
import Registry
import Testing
@testable import Console

/// tools.md, Seeing what workers did: notifications only for workers not
/// in front of the operator.
@Suite struct NotificationTests {
    /// coder (busy) is shown; review-bot is out of sight.
    static func world(enabled: Bool = true) -> AppState {
        var s = Fixtures.world()
        s.notifyEnabled = enabled
        s.openWorker = Fixtures.coderKey
        s.transcripts[Fixtures.coderKey] = TranscriptState()
        return s
    }

    @Test func aBackgroundWorkerNeedingYouNotifies() {
        var s = Self.world()
        var row = Fixtures.review
        row.status = .needsApproval
        #expect(reduce(&s, .workerChanged(row))
                == [.notify(WorkerNotice(worker: Fixtures.reviewKey, label: "review-bot", event: .needsYou))])
        // Still needing you: no second notice.
        #expect(reduce(&s, .workerChanged(row)) == [])
    }

    @Test func theWorkerInFrontOfYouDoesNotNotify() {
        var s = Self.world()
        var row = Fixtures.coder
        row.status = .needsApproval
        #expect(reduce(&s, .workerChanged(row)) == [])
        #expect(reduce(&s, .turnEnded(Fixtures.coderKey, turn: "t1", outcome: .completed)) == [])
    }

    @Test func turnsThatFinishOrFailOutOfSightNotify() {
        var s = Self.world()
        #expect(reduce(&s, .turnEnded(Fixtures.reviewKey, turn: "t1", outcome: .completed))
                == [.notify(WorkerNotice(worker: Fixtures.reviewKey, label: "review-bot", event: .finished))])
        #expect(reduce(&s, .turnEnded(Fixtures.reviewKey, turn: "t2", outcome: .failed))
                == [.notify(WorkerNotice(worker: Fixtures.reviewKey, label: "review-bot", event: .failed))])
        #expect(reduce(&s, .turnEnded(Fixtures.reviewKey, turn: "t3", outcome: .interrupted)) == [])
    }

    @Test func anExecutionFailingBetweenTurnsNotifies() {
        var s = Self.world()
        var row = Fixtures.review
        row.status = .errored
        #expect(reduce(&s, .workerChanged(row))
                == [.notify(WorkerNotice(worker: Fixtures.reviewKey, label: "review-bot", event: .failed))])
    }

    @Test func nothingIsEmittedWhenEveryChannelIsOff() {
        var s = Self.world(enabled: false)
        var row = Fixtures.review
        row.status = .needsApproval
        #expect(reduce(&s, .workerChanged(row)) == [])
        #expect(reduce(&s, .turnEnded(Fixtures.reviewKey, turn: "t1", outcome: .completed)) == [])
    }

    @Test func oscSequencesAndTmuxPassthrough() {
        #expect(NotifyEscape.sequence(.none, title: "workerdeck", text: "coder needs you", tmux: false) == nil)
        #expect(NotifyEscape.sequence(.osc9, title: "workerdeck", text: "coder needs you", tmux: false)
                == "\u{1B}]9;coder needs you\u{07}")
        #expect(NotifyEscape.sequence(.osc777, title: "workerdeck", text: "coder failed", tmux: false)
                == "\u{1B}]777;notify;workerdeck;coder failed\u{07}")
        #expect(NotifyEscape.sequence(.osc9, title: "workerdeck", text: "x", tmux: true)
                == "\u{1B}Ptmux;\u{1B}\u{1B}]9;x\u{07}\u{1B}\\")
    }

    @Test func theNotifierRingsWritesOSCAndRunsItsCommandWithoutAShell() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wd-notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path
        // `$WORKERDECK_WORKER` reaches the child through its environment; `;`
        // and `>` in an argument are not shell syntax.
        let settings = NotifySettings(bell: true, osc: .osc9,
                                      command: ["sh", "-c", "printf '%s %s' \"$WORKERDECK_WORKER\" \"$WORKERDECK_STATUS\" > \"$1\"", "x", out])
        var written: [String] = []
        let notifier = Notifier(settings: settings, environment: ["PATH": "/usr/bin:/bin"])
        let problem = notifier.notify(WorkerNotice(worker: Fixtures.reviewKey, label: "review-bot", event: .needsYou)) { written.append($0) }
        #expect(problem == nil)
        #expect(written == ["\u{07}", "\u{1B}]9;review-bot needs you\u{07}"])
        // The child writes once it runs: wait on the file, bounded.
        var text = ""
        for _ in 0..<500 where text.isEmpty {
            text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            if text.isEmpty { usleep(10_000) }
        }
        #expect(text == "review-bot needs_approval")
        #expect(Notifier(settings: NotifySettings(command: ["no-such-notifier"]), environment: ["PATH": "/nonexistent"])
            .notify(WorkerNotice(worker: Fixtures.reviewKey, label: "r", event: .finished)) { _ in } == "notify command no-such-notifier not found")
    }
}
