import Dispatch
import Foundation
import Registry

/// The only effect runner. Owns the terminal, the state and the renderer on
/// the UI thread.
///
/// Invariants: `reduce` and `render` are called only here; a frame is drawn
/// only when state changed, at most 30 per second (actions arriving between
/// frames are reduced together, so streamed deltas coalesce per frame);
/// when nothing changes and no worker is busy the thread blocks in `poll`
/// with no timeout (no wake-ups while idle).
final class ConsoleLoop {
    let backend: any ConsoleBackend
    let options: ConsoleOptions
    let inbox = Inbox()
    let terminal: NcursesTerminal
    let renderer: FrameRenderer
    let cache = TranscriptLayoutCache()
    let panes = PaneCache()
    let events: TestEventLog
    var state: AppState
    var decoder = InputDecoder()
    var dirty = true
    var pacer = FramePacer(lastTick: .now)
    var frames = 0
    var lastFlashId = 0
    var signalSources: [DispatchSourceSignal] = []
    var eventsTask: Task<Void, Never>?
    let liveEvents = LiveEventsHandle()
    /// Follows the shown local compatibility worker (`Effect.watch`).
    var watchTask: Task<Void, Never>?
    /// The worker whose text the backend streams (`showText`): kept equal
    /// to `state.openWorker` after every action, whichever action moved it.
    var textShown: WorkerKey?
    let notifier: Notifier

    /// `eventsFile`: `WORKERDECK_TEST_EVENTS`, already opened by `TestEventLog.open`.
    static func runOnCurrentThread(backend: any ConsoleBackend, options: ConsoleOptions,
                                   eventsFile: FileHandle?) -> Result<Int32, ConsoleFailure> {
        do {
            let loop = try ConsoleLoop(backend: backend, options: options, eventsFile: eventsFile)
            return .success(loop.run())
        } catch {
            return .failure(error)
        }
    }

    init(backend: any ConsoleBackend, options: ConsoleOptions, eventsFile: FileHandle?) throws(ConsoleFailure) {
        self.backend = backend
        self.options = options
        events = TestEventLog(handle: eventsFile)
        let (keymap, keyProblems) = Keymap.rebinding(options.keyBindings)
        state = AppState(workspaceName: options.workspaceName, themeName: options.themeName, keymap: keymap)
        state.clockOffsetSeconds = options.clockOffsetSeconds
        state.profiles = options.profiles.map {
            ProfileChoice(name: Sanitiser.cleanLine($0.name), detail: Sanitiser.cleanLine($0.detail),
                          problem: $0.problem.map(Sanitiser.cleanLine))
        }
        state.themeNames = options.themeLoader.available()
        state.reconnectOnStart = options.reconnectOnStart
        state.notifyEnabled = options.notify.isOn
        state.prices = options.prices
        notifier = Notifier(settings: options.notify, environment: ProcessInfo.processInfo.environment)
        let loaded = options.themeLoader.load(options.themeName)
        terminal = try NcursesTerminal(noColor: options.noColor, mouse: options.mouse)
        let theme = loaded?.0 ?? .fallback
        renderer = FrameRenderer(surface: terminal, theme: options.noColor ? theme.monochrome : theme)
        state.viewport = terminal.size
        var notices = keyProblems
        if loaded == nil { notices.append("no theme named \"\(options.themeName)\"; using the built-in one") }
        notices += (loaded?.1 ?? []).map(\.description)
        dispatch(.configProblemsFound(notices))
    }

    func run() -> Int32 {
        let inbox = self.inbox
        // SIGWINCH: re-read the size. SIGTERM/SIGHUP/SIGINT: leave cleanly
        // (restore the terminal) instead of dying in raw mode.
        signalSources = [SIGWINCH, SIGTERM, SIGHUP, SIGINT].map { signo in
            signal(signo, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signo, queue: .global())
            let action: Action = signo == SIGWINCH ? .terminalResized(Size(width: 0, height: 0)) : .terminationRequested
            source.setEventHandler { inbox.post(action) }
            source.resume()
            return source
        }
        let backend = self.backend
        let live = liveEvents
        eventsTask = Task.detached {
            live.hold(await backend.events { inbox.post($0) })
        }
        dispatch(.launched)
        while !state.quitting {
            drawIfDue()
            let timeout = nextTimeout()
            inbox.loopWakesItself(within: timeout)
            let ready = wait(timeoutMilliseconds: timeout)
            inbox.loopWakesItself(within: -1)
            if ready & 1 != 0 { readInput() }
            // Also on a timeout: deltas posted meanwhile did not wake us.
            for action in inbox.take() { receive(action) }
            tickSpinnerIfDue()
        }
        eventsTask?.cancel()
        live.cancel()
        watchTask?.cancel()
        signalSources.forEach { $0.cancel() }
        terminal.close()
        events.emit("exit", ["code": 0])
        return 0
    }

    // MARK: Waiting

    private func wait(timeoutMilliseconds: Int32) -> Int32 {
        terminal.waitForInput(wakeFD: inbox.readFD, timeoutMilliseconds: timeoutMilliseconds)
    }

    /// -1 (block) unless a frame is pending or the spinner animates.
    private func nextTimeout() -> Int32 {
        FramePacer.milliseconds(pacer.waitTimeout(at: .now, dirty: dirty, animating: state.needsAnimation))
    }

    private func tickSpinnerIfDue() {
        let now = ContinuousClock.now
        guard state.needsAnimation else { pacer.lastTick = now; return }
        if pacer.spinnerDue(at: now, animating: true) {
            pacer.lastTick = now
            dispatch(.spinnerTicked)
        }
    }

    // MARK: Input and actions

    private func readInput() {
        var out: [InputEvent] = []
        for raw in terminal.readAvailable() { out += decoder.feed(raw) }
        out += decoder.endOfBatch()
        for event in out {
            switch event {
            case .key(let chord): dispatch(.keyPressed(chord))
            case .paste(let text): dispatch(.pasted(text))
            case .resize: resized()
            }
        }
        if !out.isEmpty { dispatch(.inputBurstEnded) }
    }

    private func receive(_ action: Action) {
        if case .terminalResized = action { resized(); return }
        dispatch(action)
    }

    private func resized() {
        let size = terminal.resize()
        renderer.invalidate()
        dispatch(.terminalResized(size))
    }

    func dispatch(_ action: Action) {
        let effects = reduce(&state, action)
        dirty = true
        if state.openWorker != textShown {
            textShown = state.openWorker
            backend.showText(of: textShown)
        }
        for effect in effects { run(effect) }
        if let flash = state.flash, flash.id > lastFlashId {
            lastFlashId = flash.id
            options.log(flash.level, flash.message)
            events.emit("toast", ["level": .text(flash.level.rawValue), "message": .text(flash.message)])
        }
    }

    // MARK: Drawing

    private func drawIfDue() {
        guard dirty else { return }
        let now = ContinuousClock.now
        guard pacer.mayDraw(at: now) else { return }
        let frame = render(state, size: terminal.size, theme: renderer.theme, cache: cache, panes: panes)
        let written = renderer.present(frame)
        // Render + present, for the frame-time benchmarks (B14) reading test events.
        let drawn = ContinuousClock.now - now
        let drawMicros = drawn.components.seconds * 1_000_000 + drawn.components.attoseconds / 1_000_000_000_000
        pacer.lastFrame = now
        dirty = false
        frames += 1
        if frames == 1 { events.emit("ready", ["width": .int(frame.size.width), "height": .int(frame.size.height)]) }
        if events.isEnabled { events.emit(frameEvent(frame, drawMicros: Int(drawMicros), written: written)) }
    }

    private func frameEvent(_ frame: Frame, drawMicros: Int, written: Int) -> FrameEvent {
        var event = FrameEvent(n: frames, width: frame.size.width, height: frame.size.height,
                               focus: state.focus.rawValue, workers: state.workers.count,
                               needsYou: state.workers.count(where: \.needsYou), drawMicros: drawMicros,
                               written: written)
        event.overlay = state.overlay.map(Self.name(of:))
        event.open = state.openWorker?.description
        event.status = state.openWorkerRow?.status.rawValue
        if let key = state.openWorker { event.draft = state.composers[key]?.text.count ?? 0 }
        event.flash = state.flash?.message
        if let t = state.openTranscript {
            event.entries = t.total
            event.streaming = t.streamingTurn != nil
        }
        return event
    }

    static func name(of overlay: Overlay) -> String {
        switch overlay {
        case .help: return "help"
        case .diagnostics: return "diagnostics"
        case .create: return "create"
        case .confirm: return "confirm"
        case .command: return "command"
        case .messages: return "messages"
        case .approval: return "approval"
        case .diff: return "diff"
        case .grep: return "grep"
        }
    }
}
