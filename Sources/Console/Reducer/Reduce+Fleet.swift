import Registry

/// `:archive`, `:unarchive`, `:delete` and `:fork` on the worker on screen
/// (issue 16, Managing a fleet of workers), and the owner's answers.
extension AppState {
    /// Why a fleet command cannot act on the shown worker, as the flash says it.
    private func fleetRefusal(_ command: String) -> String? {
        guard let w = WorkerTarget.target(self) else { return ":\(command): no worker selected" }
        if isObserver { return ":\(command): \(WorkerTarget.observerReason)" }
        if w.isLocal { return ":\(command): \(WorkerTarget.localReason)" }
        return nil
    }

    /// `:archive` / `:unarchive`: display only, so any status.
    mutating func archiveShownWorker(_ archived: Bool) -> [Effect] {
        let command = archived ? "archive" : "unarchive"
        if let refusal = fleetRefusal(command) { return flash(.error, refusal) }
        let w = WorkerTarget.target(self)!
        if w.archived == archived {
            return flash(.info, "\(w.displayName) is \(archived ? "already archived" : "not archived")")
        }
        return [.setArchived(w.key, archived)]
    }

    /// `:delete`: asks first (a confirmation ignores keys typed in the same
    /// burst, so typed text never confirms); refused here while a turn runs.
    mutating func deleteShownWorker() -> [Effect] {
        if let refusal = fleetRefusal("delete") { return flash(.error, refusal) }
        let w = WorkerTarget.target(self)!
        if w.isBusy { return flash(.error, ":delete: \(w.displayName) is running a turn; interrupt or stop it first") }
        askToConfirm(.delete(w.key))
        return []
    }

    /// `:fork [N]`: up to entry N, else the entry selected with `[`/`]`,
    /// else the whole transcript.
    mutating func forkShownWorker(_ argument: String?) -> [Effect] {
        if let refusal = fleetRefusal("fork") { return flash(.error, refusal) }
        let w = WorkerTarget.target(self)!
        var entry = transcripts[w.key]?.selected
        if let argument {
            guard let n = Int(argument), n >= 1 else { return flash(.error, ":fork takes an entry number from 1, e.g. :fork 3") }
            entry = n
        }
        return [.fork(w.key, at: entry)]
    }

    /// The owner archived or unarchived it: an archived worker leaves the
    /// default list (unless the filter asks for archived ones).
    mutating func workerArchiveChanged(_ row: WorkerRow) -> [Effect] {
        var effects = workerChanged(row)
        // The list cursor is the worker: one that left the list is not shown on.
        if openWorker == row.key, !visibleWorkers.contains(where: { $0.key == row.key }) { effects += showCursorWorker() }
        let hint = row.archived && !WorkerFilter(workerFilter).archived ? " (hidden; :filter archived shows it)" : ""
        effects += flash(.info, "\(row.archived ? "archived" : "unarchived") \(row.displayName)\(hint)")
        return effects
    }

    /// `:delete` was taken. The live removal may have come first (then it
    /// said so already): one flash either way.
    mutating func workerDeleted(_ key: WorkerKey) -> [Effect] {
        guard let name = worker(key)?.displayName else { return [] }
        return drop(key) + flash(.info, "deleted \(name)")
    }

    /// A worker was deleted (here or by another client): everything the
    /// console held for it goes, and the cursor's worker is shown instead.
    mutating func workerRemoved(_ key: WorkerKey) -> [Effect] {
        guard let name = worker(key)?.displayName else { return [] }
        return drop(key) + flash(.info, "\(name) was deleted")
    }

    private mutating func drop(_ key: WorkerKey) -> [Effect] {
        workers.removeAll { $0.key == key }
        transcripts[key] = nil
        composers[key] = nil
        unread.remove(key)
        if openWorker == key {
            openWorker = nil
            if focus == .composer || focus == .transcript { focus = .workers }
        }
        if case .confirm(.delete(key)) = overlay { overlay = nil }
        clampCursors()
        return showCursorWorkerIfNone()
    }

    /// A fork was made: it is listed and shown, like a created worker.
    mutating func workerForked(_ row: WorkerRow) -> [Effect] {
        var effects = workerChanged(row)
        runtimeCursor = 0
        workerFilter = ""
        if let i = visibleWorkers.firstIndex(where: { $0.key == row.key }) { workerCursor = i }
        effects += open(row.key)
        focus = .transcript
        let origin = row.parent.map { " from \($0)" } ?? ""
        effects += flash(.info, "forked \(row.displayName)\(origin)")
        return effects
    }
}
