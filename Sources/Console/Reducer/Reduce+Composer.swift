import Registry

extension AppState {
    /// Inserts typed text into whichever field is active.
    mutating func typeText(_ text: String) -> [Effect] {
        switch overlay {
        case .help(let q, _): overlay = .help(query: q + text); return []
        case .command(let t): overlay = .command(t + text); return []
        case .create(var form):
            form.activeText += text
            overlay = .create(form)
            return []
        case .approval(var r):
            if let m = r.denyMessage { r.denyMessage = m + text; overlay = .approval(r) }
            return []
        case .diff(var v):
            if v.editing { v.query = (v.query ?? "") + text; v.match = nil; overlay = .diff(v) }
            return []
        case .confirm, .diagnostics, .messages, .grep: return []
        case nil: break
        }
        if filterEditing { workerFilter += text; workerCursor = 0; clampCursors(); return showCursorWorker() }
        if searchEditing { setOpenTranscript { $0.search = ($0.search ?? "") + text; $0.searchMatch = 0 }; return [] }
        if focus == .composer, let key = openWorker {
            composers[key, default: ComposerState()].insert(text)
        }
        return []
    }

    /// Pasted text into the composer: large pastes stay whole but are shown
    /// folded, so the composer stays usable.
    private mutating func pasteIntoComposer(_ text: String) -> [Effect] {
        guard let key = openWorker else { return [] }
        composers[key, default: ComposerState()].insert(text, folded: ComposerState.shouldFold(text))
        return []
    }

    /// A bracketed paste arrives as one insertion. Outside a text field it
    /// goes to the shown worker's composer (kept there as a draft whatever
    /// the worker's state), or with no worker to the create dialog's input.
    mutating func handlePaste(_ raw: String) -> [Effect] {
        let text = Sanitiser.clean(raw)
        if overlay == nil, !filterEditing, !searchEditing, openWorker == nil { openCreateDialog(field: .input) }
        if case .create(var form) = overlay, form.field == .input {
            form.input += text
            overlay = .create(form)
            return []
        }
        if overlay != nil || filterEditing || searchEditing {
            return typeText(String(text.prefix { $0 != "\n" }))
        }
        focus = .composer
        return pasteIntoComposer(text)
    }

    /// Composer and text-field editing commands.
    mutating func edit(_ command: KeyCommand) -> [Effect] {
        if overlay != nil || filterEditing || searchEditing { return editField(command) }
        guard let key = openWorker else { return [] }
        var c = composers[key, default: ComposerState()]
        var effects: [Effect] = []
        switch command {
        case .send: effects = send(&c, to: key)
        case .newline: c.insert("\n")
        case .lineStart: c.cursor = c.lineStart
        case .lineEnd: c.cursor = c.lineEnd
        case .deleteWord: c.deleteWordBack()
        case .killBefore:
            if c.text.isEmpty && !c.queued.isEmpty {
                effects = flash(.info, "dropped \(c.queued.count) queued input(s)")
                c.queued = []
            } else { c.delete(c.lineStart..<c.cursor) }
        case .killAfter: c.delete(c.cursor..<c.lineEnd)
        case .wordBack: c.cursor = c.wordBoundary(back: true)
        case .wordForward: c.cursor = c.wordBoundary(back: false)
        case .cursorLeft: c.cursor = c.step(from: c.cursor, back: true)
        case .cursorRight: c.cursor = c.step(from: c.cursor, back: false)
        case .historyPrevious: c.moveVertically(-1)
        case .historyNext: c.moveVertically(1)
        case .deleteBack: c.delete(c.step(from: c.cursor, back: true)..<c.cursor)
        case .deleteForward: c.delete(c.cursor..<c.step(from: c.cursor, back: false))
        default: break
        }
        composers[key] = c
        return effects
    }

    /// Enter in the composer: sends, queues while busy, reconnects a stale
    /// worker and then sends, or keeps the draft and says why it cannot go.
    private mutating func send(_ c: inout ComposerState, to key: WorkerKey) -> [Effect] {
        let text = c.text
        guard !text.allSatisfy({ $0 == " " || $0 == "\n" }) else { return [] }
        guard let w = worker(key) else { return flash(.error, "this worker is no longer listed; the draft is kept") }
        let route = WorkerTarget.sendRoute(self, w, queued: !c.queued.isEmpty || c.awaitingAccept)
        if case .refuse(let why) = route { return flash(.error, why) }
        if c.history.last != text { c.history.append(text) }
        if c.history.count > 100 { c.history.removeFirst(c.history.count - 100) }
        c.clear()
        followBottom()
        switch route {
        case .send:
            c.awaitingAccept = true
            return [.sendInput(key, text)]
        case .queue:
            c.queued.append(text)
            return []
        case .reconnectThenSend:
            c.queued.append(text)
            return [.reconnect(key)] + flash(.info, "reconnecting \(w.displayName); the input goes once it is live")
        case .refuse:
            return []
        }
    }

    /// Sends the next queued input of every worker that is idle again and
    /// has nothing in flight.
    mutating func drainQueues() -> [Effect] {
        guard !isObserver else { return [] }
        var effects: [Effect] = []
        for (key, c) in composers.sorted(by: { $0.key.description < $1.key.description })
        where !c.queued.isEmpty && !c.awaitingAccept {
            guard let w = worker(key), w.status == .idle, w.capabilities.acceptInput else { continue }
            composers[key]?.queued.removeFirst()
            composers[key]?.awaitingAccept = true
            effects.append(.sendInput(key, c.queued[0]))
        }
        return effects
    }

    /// Editing inside single-line fields (filter, search, `:`, dialogs).
    private mutating func editField(_ command: KeyCommand) -> [Effect] {
        func apply(_ s: String) -> String {
            switch command {
            case .deleteBack: return String(s.dropLast())
            case .killBefore: return ""
            case .deleteWord:
                var t = Substring(s)
                while t.last == " " { t = t.dropLast() }
                while let l = t.last, l != " " { t = t.dropLast(); _ = l }
                return String(t)
            default: return s
            }
        }
        switch overlay {
        case .help(let q, _): overlay = .help(query: apply(q))
        case .command(let t): overlay = .command(apply(t))
        case .create(var form):
            form.activeText = apply(form.activeText)
            overlay = .create(form)
        case .approval(var r):
            if let m = r.denyMessage { r.denyMessage = apply(m); overlay = .approval(r) }
        case .diff(var v):
            if v.editing { v.query = apply(v.query ?? ""); v.match = nil; overlay = .diff(v) }
        case .confirm, .diagnostics, .messages, .grep: break
        case nil:
            if filterEditing { workerFilter = apply(workerFilter); clampCursors(); return showCursorWorker() }
            if searchEditing { setOpenTranscript { $0.search = apply($0.search ?? "") } }
        }
        return []
    }
}
