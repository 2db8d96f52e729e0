import Foundation
import Registry
import Testing
@testable import Console

@Suite struct ReducerTests {
    @Test func launchingLoadsRuntimesAndWorkers() {
        var state = AppState(workspaceName: "deck")
        let expected = state
        #expect(reduce(&state, .launched) == [.loadRuntimes, .loadWorkers])
        #expect(state == expected)
    }

    /// A runtime that connected, went away or changed owner is re-read with
    /// its workers (serve.md: consoles show an owner's loss and recovery).
    @Test func aRuntimeChangeReloadsBothLists() {
        var state = AppState(workspaceName: "deck")
        let summary = RuntimeSummary(runtimeId: "remote:b1", displayName: "Remote b1", implementationKind: .remoteWorkerRuntime,
                                     status: .unavailable, capabilities: .none, counts: .init(), diagnostics: [])
        let action = try? #require(Action(LiveUpdate.runtimeChanged(summary)))
        #expect(action.map { reduce(&state, $0) } == [.loadRuntimes, .loadWorkers])
    }

    /// The list cursor is the worker: moving it shows that worker.
    @Test func movingDownSelectsAndShowsTheNextWorker() {
        var state = Fixtures.world()
        var expected = state
        expected.workerCursor = 1
        expected.openWorker = Fixtures.reviewKey
        expected.transcripts[Fixtures.reviewKey] = TranscriptState(pendingStart: 0)
        #expect(reduce(&state, .keyPressed(.char("j"))) == [.loadTranscriptPage(Fixtures.reviewKey, start: 0, limit: 64)])
        #expect(state == expected)
    }

    @Test func enterOpensTheWorkerAndLoadsItsNewestPage() {
        var state = Fixtures.world()
        var expected = state
        expected.openWorker = Fixtures.coderKey
        expected.focus = .transcript
        expected.transcripts[Fixtures.coderKey] = TranscriptState(pendingStart: 0)
        #expect(reduce(&state, .keyPressed(KeyChord(.enter))) == [.loadTranscriptPage(Fixtures.coderKey, start: 0, limit: 64)])
        #expect(state == expected)
    }

    @Test func selectingARuntimeFiltersTheWorkers() {
        var state = Fixtures.world()
        state.focus = .runtimes
        _ = reduce(&state, .keyPressed(.char("j")))
        _ = reduce(&state, .keyPressed(.char("j")))
        #expect(state.runtimeCursor == 2)
        #expect(state.visibleWorkers.map(\.key) == [Fixtures.localKey])
    }

    @Test func filterTypingNarrowsTheList() {
        var state = Fixtures.world()
        _ = reduce(&state, .keyPressed(.char("/")))
        for c in "rev" { _ = reduce(&state, .keyPressed(.char(c))) }
        #expect(state.filterEditing)
        #expect(state.workerFilter == "rev")
        #expect(state.visibleWorkers.map(\.key) == [Fixtures.reviewKey])
        _ = reduce(&state, .keyPressed(KeyChord(.enter)))
        #expect(!state.filterEditing)
        #expect(state.workerFilter == "rev")
    }

    @Test func stopAsksForConfirmationThenStops() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.coderKey
        #expect(reduce(&state, .keyPressed(.char("s"))) == [])
        #expect(state.overlay == .confirm(.stop(Fixtures.coderKey)))
        _ = reduce(&state, .inputBurstEnded)
        var expected = state
        expected.overlay = nil
        #expect(reduce(&state, .keyPressed(.char("y"))) == [.stop(Fixtures.coderKey)])
        #expect(state == expected)
    }

    @Test func disabledCommandExplainsOnTheFlashLine() {
        var state = Fixtures.world()
        state.workerCursor = 2 // the local worker, shown
        state.openWorker = Fixtures.localKey
        var expected = state
        let flash = Flash(id: 1, level: .error, message: "s: local compatibility workers are read-only")
        expected.flash = flash
        expected.messages = [flash]
        expected.nextFlashId = 2
        #expect(reduce(&state, .keyPressed(.char("s"))) == [.expireFlash(1, afterSeconds: 10)])
        #expect(state == expected)
    }

    @Test func quitWhileTurnsRunAsksFirst() {
        var state = Fixtures.world()
        #expect(reduce(&state, .keyPressed(.char("q"))) == [])
        #expect(state.overlay == .confirm(.quit(runningTurns: 1, drafts: 0)))
        _ = reduce(&state, .inputBurstEnded)
        #expect(reduce(&state, .keyPressed(.char("n"))) == [])
        #expect(state.overlay == nil)
        #expect(!state.quitting)
    }

    @Test func quitWhenIdleQuitsAtOnce() {
        var state = Fixtures.world()
        state.workers[0].status = .idle
        #expect(reduce(&state, .keyPressed(.char("q"))) == [.quit])
        #expect(state.quitting)
    }

    @Test func deltasStreamThenTheCommittedEntryReplacesThem() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.coderKey
        state.transcripts[Fixtures.coderKey] = TranscriptState(total: 1, items: [Fixtures.item(1, "user", "hi")])
        _ = reduce(&state, .turnStarted(Fixtures.coderKey, turn: "t1"))
        _ = reduce(&state, .turnDeltaArrived(Fixtures.coderKey, turn: "t1", text: "Hel"))
        _ = reduce(&state, .turnDeltaArrived(Fixtures.coderKey, turn: "t0", text: "stale"))
        _ = reduce(&state, .turnDeltaArrived(Fixtures.coderKey, turn: "t1", text: "lo"))
        #expect(state.transcripts[Fixtures.coderKey]?.streamingText == "Hello")
        #expect(reduce(&state, .entryCommitted(Fixtures.coderKey, Fixtures.item(2, "assistant", "Hello"))) == [])
        #expect(state.transcripts[Fixtures.coderKey] == TranscriptState(
            total: 2, items: [Fixtures.item(1, "user", "hi"), Fixtures.item(2, "assistant", "Hello")]))
    }

    /// An owner killed mid-reply never sends the turn's end: when the worker
    /// comes back not busy (the new owner restored it), the console re-reads
    /// the newest page (which says the turn was interrupted) instead of
    /// showing a reply that never ends.
    @Test func aTurnLostWithItsOwnerReloadsTheNewestPage() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.coderKey
        state.transcripts[Fixtures.coderKey] = TranscriptState(total: 1, items: [Fixtures.item(1, "user", "hi")])
        _ = reduce(&state, .turnStarted(Fixtures.coderKey, turn: "t1"))
        _ = reduce(&state, .turnDeltaArrived(Fixtures.coderKey, turn: "t1", text: "Hel"))
        var restored = Fixtures.coder
        restored.status = .idle
        restored.transcriptLength = 2
        let effects = reduce(&state, .workerChanged(restored))
        #expect(effects.contains(.loadTranscriptPage(Fixtures.coderKey, start: 0, limit: state.pageSize)))
        #expect(state.transcripts[Fixtures.coderKey]?.streamingTurn == nil)
        // A busy worker's stream is left alone.
        var other = Fixtures.world()
        other.openWorker = Fixtures.coderKey
        other.transcripts[Fixtures.coderKey] = TranscriptState(total: 1, items: [Fixtures.item(1, "user", "hi")])
        _ = reduce(&other, .turnStarted(Fixtures.coderKey, turn: "t1"))
        _ = reduce(&other, .turnDeltaArrived(Fixtures.coderKey, turn: "t1", text: "Hel"))
        #expect(reduce(&other, .workerChanged(Fixtures.coder)).isEmpty || other.transcripts[Fixtures.coderKey]?.streamingText == "Hel")
        #expect(other.transcripts[Fixtures.coderKey]?.streamingText == "Hel")
    }

    /// The owner going away empties its runtime's list for a moment; the
    /// operator in the composer keeps the composer (typing must not become
    /// list commands because of something that happened elsewhere).
    @Test func aWorkerMissingWhileItsRuntimeCannotAnswerKeepsTheComposer() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.coderKey
        state.focus = .composer
        _ = reduce(&state, .workersLoaded([Fixtures.review, Fixtures.api].filter { $0.key.runtimeId != Fixtures.coderKey.runtimeId }))
        #expect(state.openWorker == Fixtures.coderKey)
        #expect(state.focus == .composer)
        #expect(reduce(&state, .keyPressed(.char("q"))) == [])
        #expect(!state.quitting)
    }

    @Test func replyToAnotherWorkerMarksItUnread() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.coderKey
        _ = reduce(&state, .entryCommitted(Fixtures.reviewKey, Fixtures.item(1, "assistant", "done")))
        #expect(state.unread == [Fixtures.reviewKey])
    }

    @Test func gapInCommittedEntriesReloadsTheNewestPage() {
        var state = Fixtures.world()
        state.transcripts[Fixtures.coderKey] = TranscriptState(total: 1, items: [Fixtures.item(1, "user", "hi")])
        let effects = reduce(&state, .entryCommitted(Fixtures.coderKey, Fixtures.item(5, "assistant", "x")))
        #expect(effects == [.loadTranscriptPage(Fixtures.coderKey, start: 0, limit: 64)])
        #expect(state.transcripts[Fixtures.coderKey]?.items.count == 1)
    }

    @Test func olderPagesArePrepended() {
        var t = TranscriptState(total: 4, windowStart: 2, items: [Fixtures.item(3, "user", "c"), Fixtures.item(4, "assistant", "d")],
                                pendingStart: 0)
        t.merge(start: 0, total: 4, items: [Fixtures.item(1, "user", "a"), Fixtures.item(2, "assistant", "b")])
        #expect(t == TranscriptState(total: 4, windowStart: 0, items: [
            Fixtures.item(1, "user", "a"), Fixtures.item(2, "assistant", "b"),
            Fixtures.item(3, "user", "c"), Fixtures.item(4, "assistant", "d"),
        ]))
    }

    @Test func sendingToABusyWorkerQueuesThenSendsWhenIdle() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.coderKey
        state.focus = .composer
        for c in "next" { _ = reduce(&state, .keyPressed(.char(c))) }
        #expect(reduce(&state, .keyPressed(KeyChord(.enter))) == [])
        #expect(state.composers[Fixtures.coderKey] == ComposerState(history: ["next"], queued: ["next"]))
        var idle = Fixtures.coder
        idle.status = .idle
        #expect(reduce(&state, .workerChanged(idle)) == [.sendInput(Fixtures.coderKey, "next")])
        #expect(state.composers[Fixtures.coderKey]?.queued == [])
        #expect(state.composers[Fixtures.coderKey]?.awaitingAccept == true)
    }

    @Test func sendingToAnIdleWorkerSendsAtOnce() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.reviewKey
        state.focus = .composer
        _ = reduce(&state, .pasted("line one\r\nline two"))
        #expect(reduce(&state, .keyPressed(KeyChord(.enter))) == [.sendInput(Fixtures.reviewKey, "line one\nline two")])
    }

    @Test func aLargePasteIsFoldedButSentWhole() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.reviewKey
        state.focus = .composer
        let big = (1...40).map { "row \($0)" }.joined(separator: "\r\n")
        _ = reduce(&state, .pasted(big))
        #expect(state.composers[Fixtures.reviewKey]?.folds.count == 1)
        #expect(state.composers[Fixtures.reviewKey]?.visibleLines == 1)
        let sent = big.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(reduce(&state, .keyPressed(KeyChord(.enter))) == [.sendInput(Fixtures.reviewKey, sent)])
        #expect(state.composers[Fixtures.reviewKey]?.folds == [])
    }

    @Test func escOnAnEmptyComposerDropsTheQueue() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.coderKey
        state.focus = .composer
        state.composers[Fixtures.coderKey] = ComposerState(queued: ["a", "b"])
        #expect(reduce(&state, .keyPressed(KeyChord(.escape))) == [.expireFlash(1, afterSeconds: 5)])
        #expect(state.composers[Fixtures.coderKey]?.queued == [])
        #expect(state.focus == .transcript)
    }

    @Test func scrollingUpStopsFollowingAndCountsNewEntries() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.reviewKey
        state.focus = .transcript
        let items = (1...40).map { Fixtures.item($0, $0 % 2 == 1 ? "user" : "assistant", "entry \($0)") }
        state.transcripts[Fixtures.reviewKey] = TranscriptState(total: 40, items: items)
        _ = reduce(&state, .keyPressed(.char("k")))
        #expect(state.transcripts[Fixtures.reviewKey]?.following == false)
        #expect(state.transcripts[Fixtures.reviewKey]?.scrollFromBottom == 1)
        _ = reduce(&state, .entryCommitted(Fixtures.reviewKey, Fixtures.item(41, "assistant", "new")))
        #expect(state.transcripts[Fixtures.reviewKey]?.newWhileScrolled == 1)
        _ = reduce(&state, .keyPressed(.char("G")))
        #expect(state.transcripts[Fixtures.reviewKey]?.following == true)
        #expect(state.transcripts[Fixtures.reviewKey]?.newWhileScrolled == 0)
    }

    @Test func commandLineGotoOpensAWorker() {
        var state = Fixtures.world()
        _ = reduce(&state, .keyPressed(.char(":")))
        for c in "goto review-bot" { _ = reduce(&state, .keyPressed(.char(c))) }
        let effects = reduce(&state, .keyPressed(KeyChord(.enter)))
        #expect(effects == [.loadTranscriptPage(Fixtures.reviewKey, start: 0, limit: 64)])
        #expect(state.openWorker == Fixtures.reviewKey)
        #expect(state.overlay == nil)
    }

    @Test func commandLineThemeAndCreate() {
        var state = Fixtures.world()
        #expect(state.runCommandLine("theme dark") == [.switchTheme("dark")])
        #expect(state.runCommandLine("create scripted my bot") ==
                [.createWorker(runtimeId: "backend-internal", CreateWorkerRequest(profile: "scripted", label: "my bot"))])
        #expect(state.runCommandLine("bogus") == [.expireFlash(1, afterSeconds: 10)])
    }

    @Test func observerModeDisablesMutations() {
        var state = Fixtures.world()
        state.runtimes[0].status = .readOnly
        state.openWorker = Fixtures.coderKey
        _ = reduce(&state, .keyPressed(.char("x")))
        #expect(state.flash?.message == "x: read-only observer: another console owns this workspace")
        // The create dialog opens (so typing lands in it) and says why it cannot create.
        #expect(reduce(&state, .keyPressed(.char("c"))) == [])
        guard case .create(let form) = state.overlay else { Issue.record("no create dialog"); return }
        #expect(form.problem == "read-only observer: another console owns this workspace")
        #expect(reduce(&state, .keyPressed(KeyChord(.enter))) == [])
        #expect(state.overlay != nil)
    }

    @Test func createDialogSubmitsProfileAndLabel() {
        var state = Fixtures.world()
        _ = reduce(&state, .keyPressed(.char("c")))
        for c in "scripted" { _ = reduce(&state, .keyPressed(.char(c))) }
        _ = reduce(&state, .keyPressed(KeyChord(.tab)))
        for c in "bot" { _ = reduce(&state, .keyPressed(.char(c))) }
        #expect(reduce(&state, .keyPressed(KeyChord(.enter))) ==
                [.createWorker(runtimeId: "backend-internal", CreateWorkerRequest(profile: "scripted", label: "bot"))])
    }

    @Test func createDialogSendsAnInitialInputAndCyclesBothWays() {
        var state = Fixtures.world()
        _ = reduce(&state, .keyPressed(.char("c")))
        _ = reduce(&state, .keyPressed(KeyChord(.backTab))) // wraps to the input field
        for c in "hello there" { _ = reduce(&state, .keyPressed(.char(c))) }
        _ = reduce(&state, .keyPressed(KeyChord(.tab))) // wraps to profile
        for c in "scripted" { _ = reduce(&state, .keyPressed(.char(c))) }
        #expect(reduce(&state, .keyPressed(KeyChord(.enter))) ==
                [.createWorker(runtimeId: "backend-internal", CreateWorkerRequest(profile: "scripted", initialInput: "hello there"))])
    }

    @Test func blankInitialInputIsNoInput() {
        let form = CreateForm(runtimeId: "backend-internal", input: "   ")
        #expect(form.request == CreateWorkerRequest())
    }
}

@Suite struct ReducerTranscriptTests {
    @Test func copyTakesTheSearchMatchElseTheNewest() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.reviewKey
        state.focus = .transcript
        state.transcripts[Fixtures.reviewKey] = TranscriptState(total: 2, items: [
            Fixtures.item(1, "user", "alpha"), Fixtures.item(2, "assistant", "beta")])
        #expect(reduce(&state, .keyPressed(.char("y"))).first == .copyToClipboard("beta"))
        for key in [KeyChord.char("/"), .char("a"), .char("l"), .char("p"), KeyChord(.enter)] { _ = reduce(&state, .keyPressed(key)) }
        #expect(state.transcripts[Fixtures.reviewKey]?.selected == 1)
        #expect(reduce(&state, .keyPressed(.char("y"))).first == .copyToClipboard("alpha"))
    }

    /// `[`/`]` move an entry cursor; `y` copies what it is on; Esc or moving
    /// past the newest drops it.
    @Test func entryCursorSelectsWhatYCopies() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.reviewKey
        state.focus = .transcript
        state.transcripts[Fixtures.reviewKey] = TranscriptState(total: 3, items: [
            Fixtures.item(1, "user", "one"), Fixtures.item(2, "assistant", "two"), Fixtures.item(3, "user", "three")])
        _ = reduce(&state, .keyPressed(.char("[")))
        #expect(state.transcripts[Fixtures.reviewKey]?.selected == 3) // starts at the bottom of the view
        // The selected entry's role label is drawn in the selection role.
        let frame = render(state, size: Size(width: 80, height: 24), theme: .fallback)
        let marked = (0..<24).flatMap { y in (0..<80).map { (x: $0, y: y) } }.filter { frame[$0.x, $0.y].role == "transcript.selected" }
        #expect(marked.count == 6)
        #expect(marked.map { frame[$0.x, $0.y].grapheme }.joined() == "you   ")
        _ = reduce(&state, .keyPressed(.char("[")))
        _ = reduce(&state, .keyPressed(.char("[")))
        _ = reduce(&state, .keyPressed(.char("["))) // stays on the oldest
        #expect(state.transcripts[Fixtures.reviewKey]?.selected == 1)
        #expect(reduce(&state, .keyPressed(.char("y"))).first == .copyToClipboard("one"))
        _ = reduce(&state, .keyPressed(.char("]")))
        #expect(reduce(&state, .keyPressed(.char("y"))).first == .copyToClipboard("two"))
        _ = reduce(&state, .keyPressed(.char("]")))
        _ = reduce(&state, .keyPressed(.char("]")))
        #expect(state.transcripts[Fixtures.reviewKey]?.selected == nil)
        #expect(state.transcripts[Fixtures.reviewKey]?.following == true)
        _ = reduce(&state, .keyPressed(.char("[")))
        _ = reduce(&state, .keyPressed(KeyChord(.escape)))
        #expect(state.transcripts[Fixtures.reviewKey]?.selected == nil)
        #expect(state.focus == .transcript)
    }

    /// A search with no match in the loaded window pages older entries in
    /// until it finds one, then jumps to it.
    @Test func searchContinuesIntoOlderPages() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.reviewKey
        state.focus = .transcript
        func page(_ range: ClosedRange<Int>) -> [TranscriptRow] {
            range.map { Fixtures.item($0, "user", $0 == 10 ? "the needle" : "hay \($0)") }
        }
        state.transcripts[Fixtures.reviewKey] = TranscriptState(total: 200, windowStart: 136, items: page(137...200))
        var effects: [Effect] = []
        for key in [KeyChord.char("/")] + "needle".map { KeyChord.char($0) } + [KeyChord(.enter)] {
            effects = reduce(&state, .keyPressed(key))
        }
        #expect(effects.first == .loadTranscriptPage(Fixtures.reviewKey, start: 72, limit: 64))
        effects = reduce(&state, .transcriptPageLoaded(Fixtures.reviewKey, start: 72, total: 200, items: page(73...136)))
        #expect(effects == [.loadTranscriptPage(Fixtures.reviewKey, start: 8, limit: 64)])
        _ = reduce(&state, .transcriptPageLoaded(Fixtures.reviewKey, start: 8, total: 200, items: page(9...72)))
        let t = state.transcripts[Fixtures.reviewKey]!
        #expect(t.selected == 10)
        #expect(t.searchOlderThan == nil)
        #expect(!t.following)
        #expect(reduce(&state, .keyPressed(.char("y"))).first == .copyToClipboard("the needle"))
    }

    @Test func searchGivesUpAfterItsPageBudgetAndSaysSo() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.reviewKey
        state.focus = .transcript
        state.transcripts[Fixtures.reviewKey] = TranscriptState(total: 100_000, windowStart: 99_990,
                                                                items: (99_991...100_000).map { Fixtures.item($0, "user", "hay") })
        var effects: [Effect] = []
        for key in [KeyChord.char("/"), .char("z"), KeyChord(.enter)] { effects = reduce(&state, .keyPressed(key)) }
        var loads = 0
        while case .loadTranscriptPage(_, let start, let limit)? = effects.first {
            loads += 1
            let items = ((start + 1)...(start + limit)).map { Fixtures.item($0, "user", "hay") }
            effects = reduce(&state, .transcriptPageLoaded(Fixtures.reviewKey, start: start, total: 100_000, items: items))
        }
        #expect(loads == AppState.searchPageBudget)
        #expect(state.flash?.message.contains("n searches further") == true)
    }

    /// Selecting an entry above the view scrolls just enough to show it.
    @Test func selectingAnEntryScrollsItIntoView() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.reviewKey
        state.focus = .transcript
        let items = (1...60).map { Fixtures.item($0, $0 % 2 == 0 ? "assistant" : "user", "entry \($0)") }
        state.transcripts[Fixtures.reviewKey] = TranscriptState(total: 60, items: items)
        for _ in 0..<40 { _ = reduce(&state, .keyPressed(.char("["))) }
        let t = state.transcripts[Fixtures.reviewKey]!
        #expect(t.selected == 21)
        #expect(!t.following)
        #expect(t.scrollFromBottom > 0)
        // The selected entry is drawn, marked, inside the pane.
        let frame = render(state, size: Size(width: 80, height: 24), theme: .fallback)
        #expect(frame.text.contains("entry 21"))
    }

    @Test func pageBeyondTheTranscriptAsksForTheRealTail() {
        var state = Fixtures.world()
        state.transcripts[Fixtures.reviewKey] = TranscriptState(pendingStart: 100)
        let effects = reduce(&state, .transcriptPageLoaded(Fixtures.reviewKey, start: 100, total: 70, items: []))
        #expect(effects == [.loadTranscriptPage(Fixtures.reviewKey, start: 6, limit: 64)])
        #expect(state.transcripts[Fixtures.reviewKey] == TranscriptState(total: 70, pendingStart: 6))
    }

    @Test func searchJumpsToTheNewestMatchThenOlder() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.reviewKey
        state.focus = .transcript
        let items = (1...60).map { Fixtures.item($0, "user", $0 % 20 == 0 ? "needle \($0)" : "hay \($0)") }
        state.transcripts[Fixtures.reviewKey] = TranscriptState(total: 60, items: items)
        _ = reduce(&state, .keyPressed(.char("/")))
        for c in "needle" { _ = reduce(&state, .keyPressed(.char(c))) }
        _ = reduce(&state, .keyPressed(KeyChord(.enter)))
        let rows = state.transcriptRows
        // Entry 60 is the newest row: it is already visible, no scroll.
        #expect(state.transcripts[Fixtures.reviewKey]?.scrollFromBottom == 0)
        _ = reduce(&state, .keyPressed(.char("n")))
        // Entry 40 starts 21 rows from the bottom; the view scrolls so it is the top row.
        #expect(state.transcripts[Fixtures.reviewKey]?.scrollFromBottom == 21 - rows)
        #expect(state.transcripts[Fixtures.reviewKey]?.following == false)
    }
}

@Suite struct ReducerConfigTests {
    @Test func configProblemsGoToDiagnosticsWithOneFlash() {
        var state = Fixtures.world()
        let effects = reduce(&state, .configProblemsFound(["config.toml: [keys] bogus: unknown command",
                                                           "user themes/x.toml: roles.\"y\": unknown role"]))
        #expect(effects == [.expireFlash(1, afterSeconds: 10)])
        #expect(state.flash == Flash(id: 1, level: .error,
                                     message: "2 configuration problems: config.toml: [keys] bogus: unknown command (d for all)"))
        #expect(state.consoleDiagnostics.map(\.implementationKind) == ["console", "console"])
    }

    @Test func escWhileFilteringClearsTheFilter() {
        var state = Fixtures.world()
        _ = reduce(&state, .keyPressed(.char("/")))
        _ = reduce(&state, .keyPressed(.char("z")))
        #expect(state.visibleWorkers.isEmpty)
        _ = reduce(&state, .keyPressed(KeyChord(.escape)))
        #expect(state.workerFilter == "")
        #expect(!state.filterEditing)
        #expect(state.visibleWorkers.count == 3)
    }
}

@Suite struct ReducerLifecycleTests {
    @Test func terminationQuitsWithoutConfirmingEvenWithTurnsRunning() {
        var state = Fixtures.world()
        #expect(reduce(&state, .terminationRequested) == [.quit])
        #expect(state.quitting)
        #expect(state.overlay == nil)
    }

    @Test func spinnerAdvancesOnlyWhileAWorkerIsBusy() {
        var state = Fixtures.world()
        _ = reduce(&state, .spinnerTicked)
        #expect(state.spinnerPhase == 1)
        state.workers[0].status = .idle
        _ = reduce(&state, .spinnerTicked)
        #expect(state.spinnerPhase == 1)
    }

    @Test func createdWorkerIsOpenedWithTheComposerFocused() {
        var state = Fixtures.world()
        state.workerFilter = "zzz"
        let bot = WorkerRow(key: WorkerKey(runtimeId: "backend-internal", workerId: "w9"), label: "bot")
        let effects = reduce(&state, .workerCreated(bot))
        #expect(effects == [.loadTranscriptPage(bot.key, start: 0, limit: 64), .expireFlash(1, afterSeconds: 5)])
        #expect(state.openWorker == bot.key)
        #expect(state.focus == .composer)
        #expect(state.workerFilter == "")
        #expect(state.selectedWorker?.key == bot.key)
    }
}

@Suite struct ReducerBusyComposerTests {
    @Test func busyWorkerWithoutInputCapabilityStillQueues() {
        var state = Fixtures.world()
        state.workers[0].capabilities.acceptInput = false // the registry refuses input mid-turn
        state.openWorker = Fixtures.coderKey
        state.focus = .transcript
        _ = reduce(&state, .keyPressed(.char("i")))
        #expect(state.focus == .composer)
        _ = reduce(&state, .pasted("later"))
        #expect(reduce(&state, .keyPressed(KeyChord(.enter))) == [])
        #expect(state.composers[Fixtures.coderKey]?.queued == ["later"])
    }
}
