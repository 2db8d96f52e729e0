import Testing
@testable import Console

@Suite struct FrameSnapshotTests {
    static let hostile = "Sure!\u{1B}[2J\u{1B}]0;owned\u{07}\u{1B}]52;c;cm0gLXJm\u{07}\u{9B}6n \u{202E}gnp.exe\u{202C} done"

    /// The coder worker open mid-stream, with CJK, emoji, Markdown and a
    /// hostile reply in its transcript.
    static func busyWorld() -> AppState {
        var s = Fixtures.world()
        s.openWorker = Fixtures.coderKey
        s.focus = .transcript
        s.unread = [Fixtures.reviewKey]
        s.spinnerPhase = 3
        s.transcripts[Fixtures.coderKey] = TranscriptState(
            total: 4,
            items: [
                Fixtures.item(1, "user", "Why does the pool leak? 日本語で説明して 🙂"),
                Fixtures.item(2, "assistant", "# Cause\n`release` returns early when the **lease** is *stale*:\n- first 👨‍👩‍👧\n- second\n```\nfunc release() {}\n```"),
                Fixtures.item(3, "assistant", Sanitiser.clean(hostile)),
                Fixtures.item(4, "user", "and the fix?"),
            ],
            streamingTurn: "t9", streamingText: "Move the `return` \u{1B}[31mbelow")
        return s
    }

    func frame(_ state: AppState, _ w: Int, _ h: Int) -> Frame {
        render(state, size: Size(width: w, height: h), theme: .fallback)
    }

    @Test func busyWorkerAt80x24() { Snapshot.assertMatches(frame(Self.busyWorld(), 80, 24), named: "busy-80x24") }
    @Test func busyWorkerAt120x40() { Snapshot.assertMatches(frame(Self.busyWorld(), 120, 40), named: "busy-120x40") }
    @Test func busyWorkerAt60x15() { Snapshot.assertMatches(frame(Self.busyWorld(), 60, 15), named: "busy-60x15") }

    @Test func composerWithQueueAt80x24() {
        var s = Self.busyWorld()
        s.focus = .composer
        s.composers[Fixtures.coderKey] = ComposerState(text: "日本語 and 🙂\nsecond line", cursor: 8, queued: ["earlier"])
        Snapshot.assertMatches(frame(s, 80, 24), named: "composer-80x24")
    }

    @Test func helpOverlayAt80x24() {
        var s = Fixtures.world()
        s.overlay = .help(query: "")
        Snapshot.assertMatches(frame(s, 80, 24), named: "help-80x24")
    }

    @Test func observerWithDiagnosticsAt120x40() {
        var s = Fixtures.world()
        s.runtimes[0].status = .readOnly
        s.overlay = .diagnostics(scroll: 0)
        Snapshot.assertMatches(frame(s, 120, 40), named: "observer-diagnostics-120x40")
    }

    @Test func createDialogAt80x24() {
        var s = Fixtures.world()
        s.overlay = .create(CreateForm(runtimeId: "backend-internal", profile: "scripted", label: "日本 bot", field: .label))
        Snapshot.assertMatches(frame(s, 80, 24), named: "create-80x24")
    }

    /// The dialog lists the profiles (with why one cannot be used) and,
    /// after a failed create, says why in full, keeping what was typed.
    @Test func createDialogWithChoicesAndAProblemAt80x24() {
        var s = Fixtures.world()
        s.profiles = [ProfileChoice(name: "default", detail: "", problem: "no provider: set OPENAI_API_KEY; offline: profile scripted, make local-llm"),
                      ProfileChoice(name: "scripted", detail: "scripted/echo")]
        var form = CreateForm(runtimeId: "backend-internal", input: "hello there", field: .input)
        form.problem = "no provider: set OPENAI_API_KEY; offline: profile scripted, make local-llm (profile default)"
        s.overlay = .create(form)
        s.flash = Flash(id: 3, level: .error, message: form.problem!)
        Snapshot.assertMatches(frame(s, 80, 24), named: "create-choices-80x24")
    }

    /// The flash line sits above the action bar, below the composer: a
    /// long message keeps its start and points at `m`.
    @Test func flashLineNeverCoversTheComposerAt80x24() {
        var s = Fixtures.world()
        s.openWorker = Fixtures.reviewKey
        s.focus = .composer
        s.composers[Fixtures.reviewKey] = ComposerState(text: "my draft", cursor: 8)
        s.transcripts[Fixtures.reviewKey] = TranscriptState(total: 1, items: [Fixtures.item(1, "user", "hello")])
        s.flash = Flash(id: 1, level: .error, message: "could not send: " + String(repeating: "a long reason ", count: 10))
        Snapshot.assertMatches(frame(s, 80, 24), named: "flash-80x24")
    }

    @Test func quitConfirmationAt60x15() {
        var s = Self.busyWorld()
        s.overlay = .confirm(.quit(runningTurns: 1, drafts: 0))
        Snapshot.assertMatches(frame(s, 60, 15), named: "confirm-quit-60x15")
    }

    @Test func localWorkerComposerExplainsWhyAt80x24() {
        var s = Fixtures.world()
        s.openWorker = Fixtures.localKey
        s.focus = .transcript
        s.workerCursor = 2
        s.transcripts[Fixtures.localKey] = TranscriptState(total: 1, items: [Fixtures.item(1, "assistant", "legacy reply")])
        Snapshot.assertMatches(frame(s, 80, 24), named: "local-worker-80x24")
    }

    @Test func hostileReplyNeverReachesTheFrame() {
        let f = frame(Self.busyWorld(), 120, 40)
        for cell in f.cells {
            #expect(!cell.grapheme.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
        #expect(f.text.contains("Sure! ⍰gnp.exe⍰ done"))
    }

    @Test func tooSmallBelowMinimum() {
        let f = frame(Self.busyWorld(), 59, 15)
        #expect(f.text.contains("terminal too small"))
        #expect(f.text.contains("need 60×15, have 59×15"))
    }

    /// Any size renders (no trap), every row is exactly the width asked for
    /// (no wide character spills over), below the minimum the frame says
    /// so when there is room, and at the minimum the panes are drawn.
    @Test func everySizeSurvivesDegenerateTerminals() {
        var overlaid = Self.busyWorld()
        overlaid.overlay = .help(query: "")
        for state in [Self.busyWorld(), overlaid] {
            for (w, h) in [(0, 0), (1, 1), (0, 5), (5, 0), (2, 2), (30, 3), (59, 15), (60, 14), (60, 15), (61, 16)] {
                let f = frame(state, w, h)
                let rows = h == 0 || w == 0 ? [] : f.text.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(rows.count == (w == 0 ? 0 : h))
                #expect(rows.allSatisfy { DisplayWidth.of(String($0)) == w }, "a row is not \(w) wide at \(w)×\(h)")
                if w >= 20, h >= 2, w < 60 || h < 15 { #expect(f.text.contains("terminal too small")) }
                if w >= 60, h >= 15 {
                    #expect(f.text.contains("Runtimes"))
                    #expect(!f.text.contains("too small"))
                }
            }
        }
    }

    @Test func wideGraphemesOccupyTwoCells() {
        var f = Frame(size: Size(width: 5, height: 1))
        f.put("日本語", x: 0, y: 0, role: "text")
        #expect(f.text == "日本 ")
        #expect(f[1, 0].isContinuation)
        #expect(f[4, 0] == .blank())
    }

    @Test func overwritingHalfAWideGraphemeBlanksTheOtherHalf() {
        var f = Frame(size: Size(width: 4, height: 1))
        f.put("日本", x: 0, y: 0, role: "text")
        f.put("x", x: 1, y: 0, role: "text")
        #expect(f.text == " x本")
    }
}
