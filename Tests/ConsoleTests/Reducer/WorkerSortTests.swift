import Foundation
@testable import Console
import Registry
import Testing

/// `:sort activity|id`: newest activity first, needs-you workers first
/// whatever the order, the cursor kept on its worker.
@Suite struct WorkerSortTests {
    static let t = Date(timeIntervalSince1970: 1_800_000_000)

    static func key(_ n: Int) -> WorkerKey { WorkerKey(runtimeId: "backend-internal", workerId: "worker-0000000\(n)") }
    static func row(_ n: Int, _ status: WorkerStatus = .idle, at seconds: Double?) -> WorkerRow {
        WorkerRow(key: key(n), label: "w\(n)", status: status, lastActivityAt: seconds.map { t.addingTimeInterval($0) })
    }

    /// w1 oldest, w2 never active, w3 newest, w4 needs you but older than w3, w5 same time as w1.
    static func world() -> AppState {
        var s = AppState(workspaceName: "deck")
        s.runtimes = [Fixtures.embedded]
        s.workers = [row(1, at: 10), row(2, at: nil), row(3, at: 30), row(4, .needsApproval, at: 20), row(5, at: 10)]
        return s
    }

    @Test func byIdIsTheListedOrderWithNeedsYouFirst() {
        #expect(Self.world().visibleWorkers.map(\.label) == ["w4", "w1", "w2", "w3", "w5"])
    }

    @Test func byActivityIsNewestFirstStableAndNeedsYouStillFirst() {
        var state = Self.world()
        let effects = state.runCommandLine("sort activity")
        #expect(state.workerSort == .activity)
        #expect(state.visibleWorkers.map(\.label) == ["w4", "w3", "w1", "w5", "w2"])
        #expect(state.flash?.message == "workers by last activity, newest first; needs you stays first")
        #expect(effects == [.expireFlash(1, afterSeconds: 5)])
    }

    @Test func theCursorStaysOnItsWorkerAndNoArgumentToggles() {
        var state = Self.world()
        state.workerCursor = 3 // w3
        _ = state.runCommandLine("sort")
        #expect(state.workerSort == .activity)
        #expect(state.selectedWorker?.label == "w3" && state.workerCursor == 1)
        _ = state.runCommandLine("sort")
        #expect(state.workerSort == .id)
        #expect(state.selectedWorker?.label == "w3" && state.workerCursor == 3)
    }

    @Test func anUnknownOrderIsRefusedAndChangesNothing() {
        var state = Self.world()
        let before = state
        let effects = state.runCommandLine("sort name")
        #expect(effects == [.expireFlash(1, afterSeconds: 10)])
        #expect(state.flash?.message == ":sort takes activity or id")
        state.flash = nil; state.messages = []; state.nextFlashId = 1
        #expect(state == before)
    }

    @Test func activityArrivingReordersTheList() {
        var state = Self.world()
        _ = state.runCommandLine("sort activity")
        _ = reduce(&state, .workerChanged(Self.row(2, at: 40)))
        #expect(state.visibleWorkers.map(\.label) == ["w4", "w2", "w3", "w1", "w5"])
    }

    @Test func theWorkersPaneTitleSaysTheOrder() {
        var state = Self.world()
        #expect(render(state, size: Size(width: 120, height: 40), theme: .fallback).text.contains("Workers (/ filter)"))
        _ = state.runCommandLine("sort activity")
        #expect(render(state, size: Size(width: 120, height: 40), theme: .fallback).text.contains("Workers by activity (/ filter)"))
    }
}
