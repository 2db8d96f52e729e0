import Foundation
import Registry
import Testing
@testable import Console

/// console.md, "Operating safety and feedback": typed text never acts, one
/// flash line, the cursor is the worker, scrolled-up rows stay put.
@Suite struct TypedTextNeverActsTests {
    static let printable = (0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) }

    /// The worker on screen, in each state that cannot simply take input.
    static func world(showing status: WorkerStatus, local: Bool = false) -> (AppState, WorkerKey) {
        var state = Fixtures.world()
        let key: WorkerKey
        if local {
            key = Fixtures.localKey
        } else {
            key = Fixtures.reviewKey
            state.workers[1].status = status
            state.workers[1].capabilities.acceptInput = status == .idle
        }
        state.openWorker = key
        state.focus = .workers
        state.workerCursor = state.visibleWorkers.firstIndex { $0.key == key }!
        return (state, key)
    }

    /// R10: after `i`, every printable key lands in the composer — no
    /// effect, no dialog, no focus change — at a stale, stopped, busy and
    /// local worker, whatever the keymap binds those keys to elsewhere.
    @Test(arguments: [(WorkerStatus.stale, false), (.stopped, false), (.busy, false), (.active, true)])
    func everyPrintableKeyAfterILandsInTheComposer(status: WorkerStatus, local: Bool) {
        var (state, key) = Self.world(showing: status, local: local)
        #expect(reduce(&state, .keyPressed(.char("i"))) == [])
        #expect(state.focus == .composer)
        for c in Self.printable {
            #expect(reduce(&state, .keyPressed(.char(c))).isEmpty, "key \(c) acted")
            _ = reduce(&state, .inputBurstEnded)
            #expect(state.overlay == nil, "key \(c) opened a dialog")
            #expect(state.focus == .composer)
        }
        #expect(state.composers[key]?.text == String(Self.printable))
    }

    /// Even a `[keys]` rebinding of a command to a letter cannot make
    /// typing in the composer act.
    @Test func aRebindingCannotMakeTypingAct() {
        let (keymap, _) = Keymap.rebinding(["send": ["s"], "leave": ["q"]])
        var (state, key) = Self.world(showing: .idle)
        state.keymap = keymap
        state.focus = .composer
        for c in "sq" { #expect(reduce(&state, .keyPressed(.char(c))) == []) }
        #expect(state.composers[key]?.text == "sq")
        #expect(state.focus == .composer)
    }

    /// With no worker at all, `i` opens the create dialog on its input
    /// field: the sentence typed next becomes the first input, not keys.
    @Test func iWithNoWorkerTypesIntoTheCreateDialog() {
        var state = AppState(workspaceName: "deck")
        state.runtimes = [Fixtures.embedded]
        _ = reduce(&state, .keyPressed(.char("i")))
        for c in "say yes" { #expect(reduce(&state, .keyPressed(.char(c))) == []) }
        guard case .create(let form) = state.overlay else { Issue.record("no dialog"); return }
        #expect(form.field == .input)
        #expect(form.input == "say yes")
    }

    /// The trial's `:create scripted beta` "invalid profile selector": a
    /// stray `c` had opened the create dialog, and the command was typed
    /// into its profile field. Enter now keeps the dialog and names the
    /// profiles instead of sending a bad selector.
    @Test func aCommandTypedIntoTheProfileFieldIsNotSubmitted() {
        var state = Fixtures.world()
        state.profiles = [ProfileChoice(name: "default", detail: "openai/gpt-4o-mini"), ProfileChoice(name: "scripted", detail: "scripted/echo")]
        _ = reduce(&state, .keyPressed(.char("c")))
        for c in ":create scripted beta" { _ = reduce(&state, .keyPressed(.char(c))) }
        #expect(reduce(&state, .keyPressed(KeyChord(.enter))) == [])
        guard case .create(let form) = state.overlay else { Issue.record("dialog closed"); return }
        #expect(form.profile == ":create scripted beta")
        #expect(form.problem == "no profile named \":create scripted beta\"; profiles: default, scripted")
    }

    /// A confirmation ignores the rest of the burst that opened it:
    /// typing "say yes" at a list cannot confirm a stop.
    @Test func aConfirmationIgnoresKeysOfTheBurstThatOpenedIt() {
        var (state, key) = Self.world(showing: .idle)
        var effects: [Effect] = []
        for c in "say yes" { effects += reduce(&state, .keyPressed(.char(c))) }
        #expect(state.overlay == .confirm(.stop(key)))
        #expect(!effects.contains(.stop(key)))
        _ = reduce(&state, .inputBurstEnded)
        #expect(reduce(&state, .keyPressed(.char("y"))) == [.stop(key)])
    }
}

@Suite struct ComposerSendRouteTests {
    /// Stale: Enter reconnects, then the input goes once the worker is idle.
    @Test func enterAtAStaleWorkerReconnectsThenSends() {
        var (state, key) = TypedTextNeverActsTests.world(showing: .stale)
        state.focus = .composer
        for c in "hello" { _ = reduce(&state, .keyPressed(.char(c))) }
        let effects = reduce(&state, .keyPressed(KeyChord(.enter)))
        #expect(effects.first == .reconnect(key))
        #expect(state.composers[key]?.queued == ["hello"])
        #expect(state.flash?.message.hasPrefix("reconnecting review-bot") == true)
        var idle = state.workers[1]
        idle.status = .idle
        idle.capabilities.acceptInput = true
        let after = reduce(&state, .lifecycleCompleted(.reconnect, key, workers: [state.workers[0], idle, state.workers[2]]))
        #expect(after.first == .sendInput(key, "hello"))
        #expect(state.flash?.message == "reconnected review-bot")
        #expect(state.composers[key]?.queued == [])
    }

    /// Stopped or local: Enter keeps the draft and says why.
    @Test(arguments: [(WorkerStatus.stopped, false), (.active, true)])
    func enterWhereInputCannotGoKeepsTheDraft(status: WorkerStatus, local: Bool) {
        var (state, key) = TypedTextNeverActsTests.world(showing: status, local: local)
        state.focus = .composer
        for c in "keep me" { _ = reduce(&state, .keyPressed(.char(c))) }
        let effects = reduce(&state, .keyPressed(KeyChord(.enter)))
        #expect(!effects.contains { if case .sendInput = $0 { true } else { false } })
        #expect(state.composers[key]?.text == "keep me")
        #expect(state.flash?.level == .error)
        #expect(state.flash?.message.contains("the draft is kept") == true)
    }

    /// A refused send puts the text back into the composer.
    @Test func aFailedSendGivesTheTextBack() {
        var (state, key) = TypedTextNeverActsTests.world(showing: .idle)
        state.focus = .composer
        for c in "lost?" { _ = reduce(&state, .keyPressed(.char(c))) }
        #expect(reduce(&state, .keyPressed(KeyChord(.enter))) == [.sendInput(key, "lost?")])
        #expect(state.composers[key]?.text == "")
        _ = reduce(&state, .sendFailed(key, text: "lost?", message: "could not send: busy"))
        #expect(state.composers[key]?.text == "lost?")
        #expect(state.flash?.message == "could not send: busy")
    }

    /// Only one input is in flight per worker: the queue waits for the
    /// acceptance before sending the next.
    @Test func theQueueWaitsForTheInputInFlight() {
        var (state, key) = TypedTextNeverActsTests.world(showing: .idle)
        state.focus = .composer
        _ = reduce(&state, .pasted("one"))
        #expect(reduce(&state, .keyPressed(KeyChord(.enter))) == [.sendInput(key, "one")])
        _ = reduce(&state, .pasted("two"))
        #expect(reduce(&state, .keyPressed(KeyChord(.enter))) == []) // queued behind "one"
        #expect(reduce(&state, .workersLoaded(state.workers)) == []) // still idle, but "one" is in flight
        #expect(reduce(&state, .inputAccepted(key)) == [.sendInput(key, "two")])
    }
}

@Suite struct FlashLineTests {
    /// Newest wins; the next key clears it; an old expiry does not clear a
    /// newer message; every message is kept for `:messages`.
    @Test func newestWinsAndTheNextKeyClearsIt() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.reviewKey
        state.focus = .transcript
        state.transcripts[Fixtures.reviewKey] = TranscriptState(total: 1, items: [Fixtures.item(1, "user", "hello")])
        _ = reduce(&state, .keyPressed(.char("x"))) // no turn is running
        #expect(state.flash?.message == "x: no turn is running")
        _ = reduce(&state, .keyPressed(.char("y")))
        #expect(state.flash?.message == "copied entry 1")
        #expect(state.flash?.level == .info)
        _ = reduce(&state, .flashExpired(1))
        #expect(state.flash?.message == "copied entry 1")
        _ = reduce(&state, .keyPressed(.char("k")))
        #expect(state.flash == nil)
        #expect(state.messages.map(\.message) == ["x: no turn is running", "copied entry 1"])
        _ = reduce(&state, .keyPressed(.char("m")))
        #expect(state.overlay == .messages(scroll: 0))
    }

    /// Every action reports success.
    @Test func lifecycleSuccessIsConfirmed() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.coderKey
        for (op, word) in [(WorkerTarget.Operation.interrupt, "interrupted"), (.stop, "stopped"), (.cancel, "cancelled"), (.reconnect, "reconnected")] {
            _ = reduce(&state, .lifecycleCompleted(op, Fixtures.coderKey, workers: state.workers))
            #expect(state.flash?.message == "\(word) coder")
        }
        _ = reduce(&state, .themeSwitched("dark"))
        #expect(state.flash?.message == "theme dark")
    }

    /// The flash line is its own row above the action bar: a message never
    /// covers the composer, and a long one keeps its start.
    @Test func theFlashNeverCoversTheComposer() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.reviewKey
        state.focus = .composer
        state.composers[Fixtures.reviewKey] = ComposerState(text: "my draft", cursor: 8)
        state.flash = Flash(id: 1, level: .error, message: String(repeating: "long reason ", count: 20))
        let frame = render(state, size: Size(width: 80, height: 24), theme: .fallback)
        let rows = frame.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rows[20].contains("> my draft"))
        #expect(rows[22].hasPrefix(" long reason long reason"))
        #expect(rows[22].hasSuffix("… m"))
    }

    /// The first-run error shows its fix and the offline choices within 80 columns.
    @Test func theNoProviderErrorFitsEightyColumns() {
        var state = Fixtures.world()
        let message = "no provider: set OPENAI_API_KEY; offline: profile scripted, make local-llm (profile default)"
        state.pendingCreate = CreateForm(runtimeId: "backend-internal", input: "first words")
        _ = reduce(&state, .createFailed(message: message))
        let frame = render(state, size: Size(width: 80, height: 24), theme: .fallback)
        let flashRow = frame.text.split(separator: "\n", omittingEmptySubsequences: false)[22]
        for needle in ["OPENAI_API_KEY", "scripted", "make local-llm"] { #expect(flashRow.contains(needle)) }
        // The dialog came back with what was typed.
        guard case .create(let form) = state.overlay else { Issue.record("dialog not reopened"); return }
        #expect(form.input == "first words")
        #expect(form.problem == message)
    }
}

@Suite struct CursorIsTheWorkerTests {
    /// Moving the cursor shows that worker; worker keys act on it.
    @Test func workerKeysActOnTheShownWorker() {
        var state = Fixtures.world()
        _ = reduce(&state, .workersLoaded(state.workers))
        #expect(state.openWorker == Fixtures.coderKey) // shown at start
        _ = reduce(&state, .keyPressed(.char("j")))
        #expect(state.openWorker == Fixtures.reviewKey)
        _ = reduce(&state, .keyPressed(.char("k")))
        #expect(state.openWorker == Fixtures.coderKey)
        #expect(reduce(&state, .keyPressed(.char("x"))) == [.interrupt(Fixtures.coderKey)])
        _ = reduce(&state, .keyPressed(.char("G")))
        #expect(state.openWorker == Fixtures.localKey)
        _ = reduce(&state, .keyPressed(.char("g")))
        #expect(state.openWorker == Fixtures.coderKey)
        _ = reduce(&state, .keyPressed(KeyChord(.pageDown)))
        #expect(state.openWorker == Fixtures.localKey)
    }

    /// Esc clears a filter; the filter matches the status column.
    @Test func escClearsAFilterThatMatchesStatus() {
        var state = Fixtures.world()
        _ = reduce(&state, .keyPressed(.char("/")))
        for c in "idle" { _ = reduce(&state, .keyPressed(.char(c))) }
        _ = reduce(&state, .keyPressed(KeyChord(.enter)))
        #expect(state.visibleWorkers.map(\.key) == [Fixtures.reviewKey])
        #expect(state.openWorker == Fixtures.reviewKey)
        _ = reduce(&state, .keyPressed(KeyChord(.escape)))
        #expect(state.workerFilter == "")
        #expect(state.visibleWorkers.count == 3)
    }
}

@Suite struct SmallGapsTests {
    @Test func helpSearchTakesBackspaceAndListsCommands() {
        var state = Fixtures.world()
        _ = reduce(&state, .keyPressed(.char("?")))
        for c in "themex" { _ = reduce(&state, .keyPressed(.char(c))) }
        _ = reduce(&state, .keyPressed(KeyChord(.backspace)))
        #expect(state.overlay == .help(query: "theme"))
        #expect(KeyHelp.items(state, query: "theme").contains { $0.section == "Commands" && $0.keys == ":theme [NAME]" })
        #expect(Set(KeyHelp.items(state).filter { $0.section == "Commands" }.map(\.keys)).count == ColonCommand.all.count)
    }

    @Test func themeWithoutANameListsTheThemes() {
        var state = Fixtures.world()
        state.themeNames = ["dark", "default", "light", "mono"]
        _ = state.runCommandLine("theme")
        #expect(state.flash?.message == "themes: dark, default, light, mono (now default); :theme NAME switches")
    }

    /// Ctrl-C asks like q — and always asks, so no Ctrl chord quits.
    @Test func ctrlCAlwaysAsks() {
        var state = Fixtures.world()
        state.workers[0].status = .idle
        state.focus = .composer
        state.openWorker = Fixtures.reviewKey
        #expect(reduce(&state, .keyPressed(.ctrl("c"))) == [])
        #expect(state.overlay == .confirm(.quit(runningTurns: 0, drafts: 0)))
        #expect(!state.quitting)
    }

    /// q asks when a draft would be lost.
    @Test func quitAsksWhenADraftWouldBeLost() {
        var state = Fixtures.world()
        state.workers[0].status = .idle
        state.composers[Fixtures.reviewKey] = ComposerState(text: "unsent", cursor: 6)
        #expect(reduce(&state, .keyPressed(.char("q"))) == [])
        #expect(state.overlay == .confirm(.quit(runningTurns: 0, drafts: 1)))
    }
}

@Suite struct ScrollAnchoringTests {
    /// While scrolled up, a streaming reply and its commit leave the rows
    /// on screen where they were; only "↓ N new" changes.
    @Test func scrolledUpRowsStayPutWhileAReplyStreams() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.reviewKey
        state.focus = .transcript
        let items = (1...40).map { Fixtures.item($0, $0 % 2 == 1 ? "user" : "assistant", "entry \($0)") }
        state.transcripts[Fixtures.reviewKey] = TranscriptState(total: 40, items: items)
        for _ in 0..<10 { _ = reduce(&state, .keyPressed(.char("k"))) }
        let size = Size(width: 80, height: 24)
        func body() -> [String] {
            let layout = Layout(state, size: size)
            let rows = render(state, size: size, theme: .fallback).text.split(separator: "\n", omittingEmptySubsequences: false)
            return (layout.transcriptBody.y..<layout.transcriptBody.maxY).map { String(rows[$0]) }
        }
        let before = body()
        _ = reduce(&state, .turnStarted(Fixtures.reviewKey, turn: "t1"))
        for i in 0..<200 { _ = reduce(&state, .turnDeltaArrived(Fixtures.reviewKey, turn: "t1", text: "word\(i) ")) }
        #expect(body() == before)
        let reply = (0..<200).map { "word\($0)" }.joined(separator: " ")
        _ = reduce(&state, .entryCommitted(Fixtures.reviewKey, Fixtures.item(41, "assistant", reply)))
        #expect(body() == before)
        let frame = render(state, size: size, theme: .fallback).text
        #expect(frame.contains("↓ 1 new"))
    }
}

@Suite struct ReconnectOnStartConsoleTests {
    @Test func launchReconnectsWhenConfiguredAndSaysWhatHappened() {
        var state = Fixtures.world()
        #expect(reduce(&state, .launched) == [.loadRuntimes, .loadWorkers])
        state.reconnectOnStart = true
        #expect(reduce(&state, .launched) == [.loadRuntimes, .loadWorkers, .reconnectStale(runtimeId: nil)])
        let report = ReconnectReport(runtimeId: "backend-internal", reconnected: ["worker-1", "worker-2"],
                                     failed: [.init(workerId: "worker-3", reason: "worker-3: env CODER_KEY is not set (profile coder)")])
        let effects = reduce(&state, .staleReconnected([report]))
        #expect(effects.first == .loadWorkers)
        #expect(state.flash?.message == "reconnected 2 workers; 1 stays stale: worker-3: env CODER_KEY is not set (profile coder)")
        // Nothing to reconnect: no message.
        state.flash = nil
        _ = reduce(&state, .staleReconnected([ReconnectReport(runtimeId: "backend-internal")]))
        #expect(state.flash == nil)
    }

    /// `R` on the runtimes pane reconnects all stale workers of the selected runtime.
    @Test func reconnectOnARuntimeRowReconnectsItsStaleWorkers() {
        var state = Fixtures.world()
        state.focus = .runtimes
        #expect(reduce(&state, .keyPressed(.char("R"))) == [.reconnectStale(runtimeId: nil)])
        _ = reduce(&state, .keyPressed(.char("j")))
        #expect(reduce(&state, .keyPressed(.char("R"))) == [.reconnectStale(runtimeId: "backend-internal")])
    }
}

/// issue 11: local compatibility workers refresh while shown — the shown
/// one is followed (its source polls only then) and the lists of sources
/// that cannot push are re-read on a bounded timer.
@Suite struct LocalCompatRefreshTests {
    @Test func theShownLocalWorkerIsFollowedAndReleased() {
        var state = Fixtures.world()
        state.workerCursor = 1
        state.openWorker = Fixtures.reviewKey
        state.transcripts[Fixtures.reviewKey] = TranscriptState()
        let toLocal = reduce(&state, .keyPressed(.char("j")))
        #expect(toLocal.first == .watch(Fixtures.localKey))
        let back = reduce(&state, .keyPressed(.char("k")))
        #expect(back.first == .watch(nil))
        // Between two embedded workers nothing is watched or released.
        #expect(!reduce(&state, .keyPressed(.char("k"))).contains { if case .watch = $0 { true } else { false } })
    }

    @Test func listsOfSourcesThatCannotPushAreReReadOnATimer() {
        var state = AppState(workspaceName: "deck")
        #expect(reduce(&state, .runtimesLoaded([Fixtures.embedded])) == [])
        let effects = reduce(&state, .runtimesLoaded([Fixtures.embedded, Fixtures.local]))
        #expect(effects == [.refreshListAfter(seconds: AppState.listRefreshSeconds)])
        #expect(reduce(&state, .runtimesLoaded([Fixtures.embedded, Fixtures.local])) == []) // one timer
        #expect(reduce(&state, .listRefreshDue) == [.loadWorkers, .refreshListAfter(seconds: AppState.listRefreshSeconds)])
        state.runtimes = [Fixtures.embedded]
        #expect(reduce(&state, .listRefreshDue) == [])
    }

    /// A legacy segment that was rewritten (shorter) is read again.
    @Test func aTranscriptThatShrankIsReloaded() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.localKey
        state.transcripts[Fixtures.localKey] = TranscriptState(total: 5, windowStart: 0,
                                                               items: (1...5).map { Fixtures.item($0, "assistant", "old \($0)") })
        var rewritten = Fixtures.api
        rewritten.transcriptLength = 2
        #expect(reduce(&state, .workerChanged(rewritten)) == [.loadTranscriptPage(Fixtures.localKey, start: 0, limit: 64)])
        #expect(state.transcripts[Fixtures.localKey]?.items.isEmpty == true)
    }
}

@Suite struct CreateFlowTests {
    /// The first worker: the list update opens it, and its page is still
    /// requested (a dropped effect left the transcript "loading…" forever).
    @Test func theFirstCreatedWorkerLoadsItsTranscript() {
        var state = AppState(workspaceName: "deck")
        state.runtimes = [Fixtures.embedded]
        let row = WorkerRow(key: WorkerKey(runtimeId: "backend-internal", workerId: "worker-1"), label: "demo", transcriptLength: 1)
        let effects = reduce(&state, .workerCreated(row))
        #expect(effects.contains(.loadTranscriptPage(row.key, start: 0, limit: 64)))
    }

    /// A dialog opened before the runtimes were listed still creates in
    /// the runtime that can, once they are.
    @Test func aDialogOpenedBeforeTheRuntimesArrivedCreatesOnceTheyHave() {
        var state = AppState(workspaceName: "deck")
        _ = reduce(&state, .keyPressed(.char("c")))
        _ = reduce(&state, .runtimesLoaded([Fixtures.embedded]))
        for c in "scripted" { _ = reduce(&state, .keyPressed(.char(c))) }
        #expect(reduce(&state, .keyPressed(KeyChord(.enter)))
                == [.createWorker(runtimeId: "backend-internal", CreateWorkerRequest(profile: "scripted"))])
    }
}

extension CreateFlowTests {
    /// An embedded row older than what live events already showed (the
    /// create reply) does not throw the loaded transcript away.
    @Test func anOlderEmbeddedRowKeepsTheLoadedTranscript() {
        var state = Fixtures.world()
        state.openWorker = Fixtures.reviewKey
        let items = (1...3).map { Fixtures.item($0, "user", "entry \($0)") }
        state.transcripts[Fixtures.reviewKey] = TranscriptState(total: 3, items: items)
        var older = Fixtures.review
        older.transcriptLength = 1
        #expect(reduce(&state, .workerChanged(older)) == [])
        #expect(state.transcripts[Fixtures.reviewKey]?.items == items)
    }
}
