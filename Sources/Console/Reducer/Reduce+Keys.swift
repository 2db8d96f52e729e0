extension AppState {
    /// Resolves a key through the keymap for the active contexts; typed
    /// characters that no binding claims go to the active text field.
    mutating func handleKey(_ chord: KeyChord) -> [Effect] {
        let contexts = activeContexts
        if let command = keymap.command(for: chord, in: contexts) {
            if let reason = BindingTable.all.first(where: { $0.command == command && !$0.contexts.isDisjoint(with: contexts) })?
                .disabledReason(self) {
                return toast(.error, "\(chord): \(reason)")
            }
            return run(command)
        }
        if let c = chord.typedCharacter { return typeText(String(c)) }
        return []
    }

    mutating func run(_ command: KeyCommand) -> [Effect] {
        switch command {
        case .help: overlay = .help(query: ""); return []
        case .command: overlay = .command(""); return []
        case .diagnostics: overlay = .diagnostics(scroll: 0); return []
        case .quit: return requestQuit()
        case .focusNext: cycleFocus(1); return []
        case .focusPrevious: cycleFocus(-1); return []
        case .create:
            overlay = .create(CreateForm(runtimeId: WorkerTarget.createRuntime(self)?.id ?? ""))
            return []
        case .moveUp, .moveDown:
            return move(command == .moveUp ? -1 : 1)
        case .open: return openSelection()
        case .filter: focus = .workers; filterEditing = true; return []
        case .focusComposer:
            guard let w = WorkerTarget.target(self) ?? openWorkerRow else { return [] }
            var effects: [Effect] = []
            if openWorker != w.key { effects = open(w.key) }
            focus = .composer
            return effects
        case .interrupt: return WorkerTarget.target(self).map { [.interrupt($0.key)] } ?? []
        case .reconnect: return WorkerTarget.target(self).map { [.reconnect($0.key)] } ?? []
        case .stop:
            if let w = WorkerTarget.target(self) { overlay = .confirm(.stop(w.key)) }
            return []
        case .cancel:
            if let w = WorkerTarget.target(self) { overlay = .confirm(.cancel(w.key)) }
            return []
        case .pageUp: return scroll(by: transcriptRows - 1)
        case .pageDown: return scroll(by: -(transcriptRows - 1))
        case .top: return scrollToTop()
        case .bottom: followBottom(); return []
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
                return toast(.error, "nothing to copy yet")
            }
            let entry = t.selected.flatMap { s in t.items.first { $0.sequence == s } } ?? newest
            return [.copyToClipboard(entry.content)] + toast(.info, "copied entry \(entry.sequence)")
        case .entryPrevious: return selectEntry(-1)
        case .entryNext: return selectEntry(1)
        case .confirm: return confirmOverlay()
        case .dismiss, .leave: return leave()
        case .nextField:
            if case .create(var form) = overlay {
                form.cycleField(1)
                overlay = .create(form)
            }
            return []
        case .previousField:
            if case .create(var form) = overlay {
                form.cycleField(-1)
                overlay = .create(form)
            }
            return []
        case .send, .newline, .lineStart, .lineEnd, .deleteWord, .killBefore, .killAfter,
             .wordBack, .wordForward, .cursorLeft, .cursorRight, .historyPrevious, .historyNext,
             .deleteBack, .deleteForward:
            return edit(command)
        }
    }

    mutating func requestQuit() -> [Effect] {
        let running = runningTurns
        if running > 0 && !isObserver {
            overlay = .confirm(.quit(runningTurns: running))
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

    mutating func move(_ step: Int) -> [Effect] {
        switch overlay {
        case .diagnostics(let s): overlay = .diagnostics(scroll: max(0, s + step)); return []
        case .help(let q, let s): overlay = .help(query: q, scroll: max(0, s + step)); return []
        default: break
        }
        switch focus {
        case .runtimes:
            runtimeCursor += step
            workerCursor = 0
            clampCursors()
            return []
        case .workers:
            workerCursor += step
            clampCursors()
            return []
        case .transcript: return scroll(by: -step)
        case .composer: return []
        }
    }

    mutating func openSelection() -> [Effect] {
        switch focus {
        case .runtimes:
            focus = .workers
            return []
        default:
            guard let w = selectedWorker else { return [] }
            let effects = open(w.key)
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
        case .confirm(.quit): overlay = nil; quitting = true; return [.quit]
        case .command(let text): overlay = nil; return runCommandLine(text)
        case .create(let form):
            guard !form.runtimeId.isEmpty else { overlay = nil; return toast(.error, "no runtime can create workers") }
            overlay = nil
            return [.createWorker(runtimeId: form.runtimeId, form.request)]
        default: return []
        }
    }

    /// Esc: closes the overlay or text field, or leaves the composer
    /// (dropping the local queue when the composer is empty).
    mutating func leave() -> [Effect] {
        if overlay != nil { overlay = nil; return [] }
        if filterEditing { filterEditing = false; workerFilter = ""; clampCursors(); return [] }
        if searchEditing { searchEditing = false; setOpenTranscript { $0.search = nil; $0.searchOlderThan = nil }; return [] }
        if focus == .transcript, openTranscript?.selected != nil { setOpenTranscript { $0.selected = nil }; return [] }
        if focus == .composer {
            focus = openWorker == nil ? .workers : .transcript
            if let key = openWorker, let c = composers[key], c.text.isEmpty, !c.queued.isEmpty {
                composers[key]?.queued = []
                return toast(.info, "dropped \(c.queued.count) queued input(s)")
            }
        }
        return []
    }
}
