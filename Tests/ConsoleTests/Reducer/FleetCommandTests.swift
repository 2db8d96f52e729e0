@testable import Console
import Registry
import Testing

/// `:archive`, `:unarchive`, `:delete`, `:fork` act on the worker on
/// screen; archived workers leave the default list; `:filter archived`
/// shows them.
@Suite struct FleetCommandTests {
    static func shown(_ key: WorkerKey = Fixtures.reviewKey) -> AppState {
        var s = Fixtures.world()
        s.openWorker = key
        return s
    }

    static func message(_ state: AppState, _ line: String) -> (message: String?, effects: [Effect]) {
        var state = state
        let effects = state.runCommandLine(line)
        return (state.flash?.message, effects)
    }

    @Test func archivedWorkersAreHiddenUnlessTheFilterAsksForThem() {
        var state = Fixtures.world()
        state.workers[1].archived = true
        #expect(state.visibleWorkers.map(\.key) == [Fixtures.coderKey, Fixtures.localKey])
        state.workerFilter = "archived"
        #expect(state.visibleWorkers.map(\.key) == [Fixtures.reviewKey])
        state.workerFilter = "archived coder"
        #expect(state.visibleWorkers.isEmpty, "combinable with text")
        state.workerFilter = "archived status:idle review"
        #expect(state.visibleWorkers.map(\.key) == [Fixtures.reviewKey])
        state.workerFilter = "status:idle"
        #expect(state.visibleWorkers.isEmpty)
    }

    @Test func archiveAndUnarchiveAskForTheShownWorker() {
        var state = Self.shown()
        let before = state
        #expect(state.runCommandLine("archive") == [.setArchived(Fixtures.reviewKey, true)])
        #expect(state == before)
        var archived = Self.shown()
        archived.workers[1].archived = true
        #expect(archived.runCommandLine("unarchive") == [.setArchived(Fixtures.reviewKey, false)])
        let again = Self.message(archived, "archive")
        #expect(again.message == "review-bot is already archived" && again.effects == [.expireFlash(1, afterSeconds: 5)])
    }

    @Test func theAnswerHidesTheWorkerAndSaysHowToSeeIt() {
        var state = Self.shown()
        state.workerCursor = 1
        var row = Fixtures.review
        row.archived = true
        let effects = reduce(&state, .workerArchived(row))
        #expect(state.visibleWorkers.map(\.key) == [Fixtures.coderKey, Fixtures.localKey])
        #expect(state.flash?.message == "archived review-bot (hidden; :filter archived shows it)")
        #expect(effects.last == .expireFlash(1, afterSeconds: 5))
    }

    @Test func deleteAsksFirstAndOnlyAConfirmationSendsIt() {
        var state = Self.shown()
        #expect(state.runCommandLine("delete") == [])
        #expect(state.overlay == .confirm(.delete(Fixtures.reviewKey)))
        #expect(!state.confirmArmed, "keys of the same burst do not confirm")
        #expect(reduce(&state, .keyPressed(.char("y"))) == [])
        #expect(state.overlay == .confirm(.delete(Fixtures.reviewKey)))
        _ = reduce(&state, .inputBurstEnded)
        #expect(reduce(&state, .keyPressed(.char("y"))) == [.delete(Fixtures.reviewKey)])
        #expect(state.overlay == nil)

        var dismissed = Self.shown()
        _ = dismissed.runCommandLine("delete")
        _ = reduce(&dismissed, .inputBurstEnded)
        #expect(reduce(&dismissed, .keyPressed(.char("n"))) == [])
        #expect(dismissed.overlay == nil)
    }

    @Test func deleteTypedOnTheCommandLineNeverConfirmsItself() {
        var state = Self.shown()
        _ = reduce(&state, .keyPressed(.char(":")))
        for c in "delete" { _ = reduce(&state, .keyPressed(.char(c))) }
        #expect(reduce(&state, .keyPressed(KeyChord(.enter))) == [])
        // Enter and y arriving in the same burst as the one that opened it.
        #expect(reduce(&state, .keyPressed(KeyChord(.enter))) == [])
        #expect(reduce(&state, .keyPressed(.char("y"))) == [])
        #expect(state.overlay == .confirm(.delete(Fixtures.reviewKey)))
    }

    @Test func refusalsSayWhyAndAskNothing() {
        let error: [Effect] = [.expireFlash(1, afterSeconds: 10)]
        let busy = Self.message(Self.shown(Fixtures.coderKey), "delete")
        #expect(busy.message == ":delete: coder is running a turn; interrupt or stop it first" && busy.effects == error)
        let none = Self.message(Fixtures.world(), "fork")
        #expect(none.message == ":fork: no worker selected" && none.effects == error)
        let local = Self.message(Self.shown(Fixtures.localKey), "archive")
        #expect(local.message == ":archive: local compatibility workers are read-only" && local.effects == error)
        var observer = Self.shown()
        observer.runtimes[0].status = .readOnly
        let observed = Self.message(observer, "delete")
        #expect(observed.message == ":delete: read-only observer: another console owns this workspace" && observed.effects == error)
        let bad = Self.message(Self.shown(), "fork zero")
        #expect(bad.message == ":fork takes an entry number from 1, e.g. :fork 3" && bad.effects == error)
    }

    @Test func forkTakesTheNumberOrTheSelectedEntryOrEverything() {
        var state = Self.shown(Fixtures.coderKey)
        #expect(state.runCommandLine("fork 2") == [.fork(Fixtures.coderKey, at: 2)])
        #expect(state.runCommandLine("fork") == [.fork(Fixtures.coderKey, at: nil)])
        var t = TranscriptState()
        t.selected = 1
        state.transcripts[Fixtures.coderKey] = t
        #expect(state.runCommandLine("fork") == [.fork(Fixtures.coderKey, at: 1)])
    }

    @Test func aDeletedWorkerLeavesAndTheCursorsWorkerIsShown() {
        var state = Self.shown()
        state.workerCursor = 1
        state.composers[Fixtures.reviewKey] = ComposerState()
        let effects = reduce(&state, .workerDeleted(Fixtures.reviewKey))
        #expect(state.workers.map(\.key) == [Fixtures.coderKey, Fixtures.localKey])
        #expect(state.composers[Fixtures.reviewKey] == nil)
        #expect(state.openWorker == state.selectedWorker?.key && state.openWorker != nil)
        #expect(state.flash?.message == "deleted review-bot")
        #expect(effects.last == .expireFlash(1, afterSeconds: 5))
    }

    @Test func anotherClientsDeletionIsDroppedLiveWithOneFlash() {
        var state = Self.shown()
        state.workerCursor = 1
        let live = reduce(&state, .workerRemoved(Fixtures.reviewKey))
        #expect(state.workers.map(\.key) == [Fixtures.coderKey, Fixtures.localKey])
        #expect(state.flash?.message == "review-bot was deleted")
        #expect(live.last == .expireFlash(1, afterSeconds: 5))
        // This console's own answer arriving after the live removal says nothing more.
        #expect(reduce(&state, .workerDeleted(Fixtures.reviewKey)) == [])
        #expect(reduce(&state, .workerRemoved(Fixtures.reviewKey)) == [])
        #expect(state.messages.count == 1)
        #expect(Action(LiveUpdate.workerDeleted(Fixtures.reviewKey)) == .workerRemoved(Fixtures.reviewKey))
    }

    @Test func aForkIsListedShownAndNamesItsParent() {
        var state = Self.shown(Fixtures.coderKey)
        let fork = WorkerRow(key: WorkerKey(runtimeId: "backend-internal", workerId: "worker-0000002c"), status: .idle,
                             profile: "default", transcriptLength: 2, parent: "worker-0000002a @2")
        _ = reduce(&state, .workerForked(fork))
        #expect(state.workers.last == fork)
        #expect(state.openWorker == fork.key)
        #expect(state.flash?.message == "forked worker-0000002c from worker-0000002a @2")
        #expect(TranscriptPane.header(fork, runtime: Fixtures.embedded).contains("fork of worker-0000002a @2"))
    }
}
