extension AppState {
    /// Resolves a key through the keymap for the active contexts; typed
    /// characters that no binding claims go to the active text field.
    /// A confirmation ignores keys of the burst that opened it.
    mutating func handleKey(_ chord: KeyChord) -> [Effect] {
        // A confirmation or review ignores keys of the burst that opened it.
        switch overlay {
        case .confirm, .approval: if !confirmArmed { return [] }
        default: break
        }
        let contexts = activeContexts
        if let command = keymap.command(for: chord, in: contexts) {
            if let reason = BindingTable.all.first(where: { $0.command == command && !$0.contexts.isDisjoint(with: contexts) })?
                .disabledReason(self) {
                return flash(.error, "\(chord): \(reason)")
            }
            return run(command)
        }
        if let c = chord.typedCharacter { return typeText(String(c)) }
        return []
    }

    mutating func run(_ command: KeyCommand) -> [Effect] {
        if let effects = runInDiff(command) { return effects }
        if let effects = runInGrep(command) { return effects }
        switch command {
        case .help: overlay = .help(query: ""); return []
        case .command: overlay = .command(""); return []
        case .diagnostics: overlay = .diagnostics(scroll: 0); return []
        case .messages: overlay = .messages(scroll: 0); return []
        case .quit: return requestQuit()
        case .quitAsking:
            askToConfirm(.quit(runningTurns: isObserver ? 0 : runningTurns, drafts: unsentDrafts))
            return []
        case .focusNext: cycleFocus(1); return []
        case .focusPrevious: cycleFocus(-1); return []
        case .create: openCreateDialog(field: .profile); return []
        case .moveUp, .moveDown:
            return move(command == .moveUp ? -1 : 1)
        case .open: return openSelection()
        case .filter: focus = .workers; filterEditing = true; return []
        case .focusComposer:
            // Never refused: with a worker on screen its composer opens
            // (Enter says why a draft cannot go yet); with none, what is
            // typed goes to the create dialog's first-input field.
            guard openWorker != nil else {
                openCreateDialog(field: .input)
                return []
            }
            focus = .composer
            return []
        case .interrupt: return WorkerTarget.target(self).map { [.interrupt($0.key)] } ?? []
        case .reconnect:
            // On the runtimes pane: every stale worker of the selected runtime (or all).
            if focus == .runtimes { return [.reconnectStale(runtimeId: selectedRuntime?.id)] }
            return WorkerTarget.target(self).map { [.reconnect($0.key)] } ?? []
        case .stop:
            if let w = WorkerTarget.target(self) { askToConfirm(.stop(w.key)) }
            return []
        case .cancel:
            if let w = WorkerTarget.target(self) { askToConfirm(.cancel(w.key)) }
            return []
        case .pageUp, .pageDown:
            let down = command == .pageDown
            if overlay != nil { return move(down ? 10 : -10) }
            if focus == .runtimes || focus == .workers { return move(down ? workerListRows : -workerListRows) }
            return scroll(by: down ? -(transcriptRows - 1) : transcriptRows - 1)
        case .top:
            if focus == .runtimes || focus == .workers { return move(-(workers.count + runtimes.count + 1)) }
            return scrollToTop()
        case .bottom:
            if focus == .runtimes || focus == .workers { return move(workers.count + runtimes.count + 1) }
            followBottom()
            return []
        case .toggleFollow:
            if openTranscript?.following == true { setOpenTranscript { $0.following = false } } else { followBottom() }
            return []
        case .search:
            searchEditing = true
            setOpenTranscript { $0.search = ""; $0.searchMatch = 0; $0.searchOlderThan = nil }
            return []
        case .nextMatch: return jumpToMatch(1)
        case .previousMatch: return jumpToMatch(-1)
        case .copy:
            // The selected entry (or search match), else the newest.
            guard let key = openWorker, let t = transcripts[key], let newest = t.items.last else {
                return flash(.error, "nothing to copy yet")
            }
            let entry = t.selected.flatMap { s in t.items.first { $0.sequence == s } } ?? newest
            return [.copyToClipboard(entry.content)] + flash(.info, "copied entry \(entry.sequence)")
        case .expand: return toggleExpansion()
        case .nextNeedsYou: return showNextNeedingYou()
        case .review: return openReview()
        case .diff: return openDiff()
        case .allowOnce, .allowAlways, .deny, .denyWithMessage: return answer(command)
        case .entryPrevious: return selectEntry(-1)
        case .entryNext: return selectEntry(1)
        case .confirm: return confirmOverlay()
        case .dismiss, .leave: return leave()
        case .nextField, .previousField:
            if case .create(var form) = overlay {
                form.cycleField(command == .nextField ? 1 : -1)
                overlay = .create(form)
            }
            return []
        case .send, .newline, .lineStart, .lineEnd, .deleteWord, .killBefore, .killAfter,
             .wordBack, .wordForward, .cursorLeft, .cursorRight, .historyPrevious, .historyNext,
             .deleteBack, .deleteForward:
            return edit(command)
        }
    }

    /// The create dialog, on `field`. It opens even when nothing can be
    /// created (it says why), so keys typed next land in its fields.
    mutating func openCreateDialog(field: CreateForm.Field) {
        var form = CreateForm(runtimeId: WorkerTarget.createRuntime(self)?.id ?? "", field: field)
        form.problem = WorkerTarget.createDisabledReason(self)
        overlay = .create(form)
    }

    /// Quitting asks while turns run (they will be interrupted) or drafts
    /// are unsent (they would be lost); an observer runs no turns.
    mutating func requestQuit() -> [Effect] {
        let running = isObserver ? 0 : runningTurns
        let drafts = unsentDrafts
        if running > 0 || drafts > 0 {
            askToConfirm(.quit(runningTurns: running, drafts: drafts))
            return []
        }
        quitting = true
        return [.quit]
    }

    mutating func cycleFocus(_ step: Int) {
        let order: [Focus] = openWorker == nil ? [.runtimes, .workers] : [.runtimes, .workers, .transcript]
        let i = order.firstIndex(of: focus) ?? 0
        focus = order[(i + step + order.count) % order.count]
    }

    /// Moves the cursor of the focused list (the shown worker follows it),
    /// scrolls an overlay, or scrolls the transcript.
    mutating func move(_ step: Int) -> [Effect] {
        switch overlay {
        case .diagnostics(let s): overlay = .diagnostics(scroll: max(0, s + step)); return []
        case .messages(let s): overlay = .messages(scroll: max(0, s + step)); return []
        case .help(let q, let s): overlay = .help(query: q, scroll: max(0, s + step)); return []
        case .approval(var r): r.scroll = max(0, r.scroll + step); overlay = .approval(r); return []
        default: break
        }
        switch focus {
        case .runtimes:
            let before = runtimeCursor
            runtimeCursor += step
            clampCursors()
            if runtimeCursor != before { workerCursor = 0; clampCursors() }
            return showCursorWorker()
        case .workers:
            workerCursor += step
            clampCursors()
            return showCursorWorker()
        case .transcript: return scroll(by: -step)
        case .composer: return []
        }
    }

    /// Enter on a list: runtimes → the workers list; workers → the transcript.
    mutating func openSelection() -> [Effect] {
        switch focus {
        case .runtimes:
            focus = .workers
            return []
        default:
            guard let w = selectedWorker else { return [] }
            let effects = w.key == openWorker ? [] : open(w.key)
            focus = .transcript
            return effects
        }
    }

    /// Enter in a confirmation or text-field overlay.
    mutating func confirmOverlay() -> [Effect] {
        if filterEditing { filterEditing = false; return [] }
        if searchEditing { searchEditing = false; return jumpToMatch(0) }
        switch overlay {
        case .confirm(.stop(let key)): overlay = nil; return [.stop(key)]
        case .confirm(.cancel(let key)): overlay = nil; return [.cancel(key)]
        case .confirm(.delete(let key)): overlay = nil; return [.delete(key)]
        case .confirm(.quit): overlay = nil; quitting = true; return [.quit]
        case .command(let text): overlay = nil; return runCommandLine(text)
        case .create(var form): return submit(&form)
        case .approval(let r) where r.denyMessage != nil: return answer(.confirm)
        case .diff(var v) where v.editing:
            v.editing = false
            overlay = .diff(v)
            return jumpInDiff(0)
        default: return []
        }
    }

    /// Enter in the create dialog: creates, or keeps the dialog open (with
    /// everything typed) and says what is wrong.
    private mutating func submit(_ form: inout CreateForm) -> [Effect] {
        // The dialog may have opened before the runtimes were listed.
        if form.runtimeId.isEmpty { form.runtimeId = WorkerTarget.createRuntime(self)?.id ?? "" }
        if let reason = WorkerTarget.createDisabledReason(self) {
            form.problem = reason
        } else if let problem = profileProblem(form.profile) {
            form.problem = problem
            form.field = .profile
        } else {
            form.problem = nil
            pendingCreate = form
            overlay = nil
            return [.createWorker(runtimeId: form.runtimeId, form.request)]
        }
        overlay = .create(form)
        return []
    }

    /// Why `name` is not a profile this console knows (empty: the default).
    func profileProblem(_ name: String) -> String? {
        guard !name.isEmpty, !profiles.isEmpty, !profiles.contains(where: { $0.name == name }) else { return nil }
        return "no profile named \"\(name)\"; profiles: " + profiles.map(\.name).joined(separator: ", ")
    }

    /// Esc: closes the overlay or text field, clears the selection or the
    /// filter, or leaves the composer (dropping the local queue when the
    /// composer is empty).
    mutating func leave() -> [Effect] {
        if case .approval(var r) = overlay, r.denyMessage != nil {
            r.denyMessage = nil
            overlay = .approval(r)
            return []
        }
        if case .diff(var v) = overlay, v.editing {
            v.editing = false
            v.query = nil
            v.match = nil
            overlay = .diff(v)
            return []
        }
        if overlay != nil { overlay = nil; return [] }
        if filterEditing { filterEditing = false; workerFilter = ""; clampCursors(); return showCursorWorker() }
        if searchEditing { searchEditing = false; setOpenTranscript { $0.search = nil; $0.searchOlderThan = nil }; return [] }
        if focus == .transcript, openTranscript?.selected != nil { setOpenTranscript { $0.selected = nil }; return [] }
        if (focus == .workers || focus == .runtimes), !workerFilter.isEmpty {
            workerFilter = ""
            clampCursors()
            return showCursorWorker() + flash(.info, "filter cleared")
        }
        if focus == .composer {
            focus = openWorker == nil ? .workers : .transcript
            if let key = openWorker, let c = composers[key], c.text.isEmpty, !c.queued.isEmpty {
                composers[key]?.queued = []
                return flash(.info, "dropped \(c.queued.count) queued input(s)")
            }
        }
        return []
    }
}
