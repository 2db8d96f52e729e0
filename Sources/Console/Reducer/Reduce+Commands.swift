import Registry

/// One `:` command as help lists it.
public struct ColonCommand: Hashable, Sendable {
    public var name: String
    public var usage: String
    public var help: String

    /// Every command, in the order help lists them.
    public static let all: [ColonCommand] = [
        ColonCommand(name: "create", usage: ":create [profile] [label]", help: "create a worker (c lists the profiles)"),
        ColonCommand(name: "theme", usage: ":theme [NAME]", help: "switch theme; without a name, list the themes"),
        ColonCommand(name: "filter", usage: ":filter [TEXT]", help: "filter workers by name, id or status (status:needs, status:busy…; archived lists archived ones); no text clears"),
        ColonCommand(name: "sort", usage: ":sort [activity|id]", help: "order workers by last activity or by id (needs you stays first); no argument toggles"),
        ColonCommand(name: "goto", usage: ":goto WORKER", help: "show a worker by id or label"),
        ColonCommand(name: "grep", usage: ":grep TEXT", help: "search every worker's transcript; Enter opens the worker at the entry"),
        ColonCommand(name: "rename", usage: ":rename LABEL", help: "rename the shown worker (display only; stopped workers too)"),
        ColonCommand(name: "archive", usage: ":archive", help: "hide the shown worker from the list (:filter archived shows it)"),
        ColonCommand(name: "unarchive", usage: ":unarchive", help: "list the shown archived worker again"),
        ColonCommand(name: "delete", usage: ":delete", help: "delete the shown worker, transcript and worktree (confirm)"),
        ColonCommand(name: "fork", usage: ":fork [N]", help: "a new worker seeded with the transcript up to entry N (or the selected one)"),
        ColonCommand(name: "messages", usage: ":messages", help: "recent messages in full (also m)"),
        ColonCommand(name: "takeover", usage: ":takeover", help: "own the workspace now (automatic when its owner goes)"),
        ColonCommand(name: "quit", usage: ":quit", help: "quit (asks like q)"),
    ]
}

/// `:` commands (see `ColonCommand.all`).
extension AppState {
    mutating func runCommandLine(_ line: String) -> [Effect] {
        let words = line.split(separator: " ").map(String.init)
        guard let name = words.first else { return [] }
        let args = Array(words.dropFirst())
        switch name {
        case "create":
            if let reason = WorkerTarget.createDisabledReason(self) { return flash(.error, reason) }
            guard let runtime = WorkerTarget.createRuntime(self) else { return [] }
            if let problem = profileProblem(args.first ?? "") { return flash(.error, problem) }
            let label = args.count > 1 ? args.dropFirst().joined(separator: " ") : nil
            pendingCreate = CreateForm(runtimeId: runtime.id, profile: args.first ?? "", label: label ?? "")
            return [.createWorker(runtimeId: runtime.id, CreateWorkerRequest(profile: args.first, label: label))]
        case "theme":
            guard let theme = args.first else {
                let names = themeNames.isEmpty ? themeName : themeNames.joined(separator: ", ")
                return flash(.info, "themes: \(names) (now \(themeName)); :theme NAME switches")
            }
            return [.switchTheme(theme)]
        case "filter":
            workerFilter = args.joined(separator: " ")
            focus = .workers
            workerCursor = 0
            clampCursors()
            let shown = visibleWorkers.count
            return showCursorWorker() + flash(.info, workerFilter.isEmpty ? "filter cleared"
                                               : "filter \"\(workerFilter)\": \(shown) worker\(shown == 1 ? "" : "s"); Esc clears")
        case "goto":
            guard let needle = args.first else { return flash(.error, ":goto needs a worker id or label") }
            guard let w = workers.first(where: { $0.key.workerId == needle || $0.label == needle })
                ?? workers.first(where: { $0.displayName.lowercased().contains(needle.lowercased()) }) else {
                return flash(.error, "no worker matches \"\(needle)\"")
            }
            runtimeCursor = 0
            workerFilter = ""
            if let i = visibleWorkers.firstIndex(where: { $0.key == w.key }) { workerCursor = i }
            let effects = open(w.key)
            focus = .transcript
            return effects
        case "rename":
            return renameShownWorker(args.joined(separator: " "))
        case "archive":
            return archiveShownWorker(true)
        case "unarchive":
            return archiveShownWorker(false)
        case "delete":
            return deleteShownWorker()
        case "fork":
            return forkShownWorker(args.first)
        case "grep":
            return startGrep(args.joined(separator: " "))
        case "sort":
            return sortWorkers(args.first)
        case "messages":
            overlay = .messages(scroll: 0)
            return []
        case "takeover":
            guard isObserver else { return flash(.info, "nothing to take over: this console drives the workspace") }
            return [.takeOver]
        case "quit", "q":
            return requestQuit()
        default:
            let names = ColonCommand.all.map { ":" + $0.name }.joined(separator: ", ")
            return flash(.error, "unknown command :\(name) (try \(names); ? lists them)")
        }
    }

    /// `:sort [activity|id]`: the cursor stays on the worker it was on.
    private mutating func sortWorkers(_ argument: String?) -> [Effect] {
        let next: WorkerSort
        if let argument {
            guard let named = WorkerSort(rawValue: argument.lowercased()) else {
                return flash(.error, ":sort takes activity or id")
            }
            next = named
        } else {
            next = workerSort == .id ? .activity : .id
        }
        let selected = selectedWorker?.key
        workerSort = next
        if let selected, let i = visibleWorkers.firstIndex(where: { $0.key == selected }) { workerCursor = i }
        return flash(.info, next == .activity ? "workers by last activity, newest first; needs you stays first"
                                              : "workers by id; needs you stays first")
    }

    /// `:rename LABEL` on the worker on screen. The owner cleans the label
    /// (and refuses one blank after cleaning); an empty one is refused here.
    private mutating func renameShownWorker(_ label: String) -> [Effect] {
        guard let w = WorkerTarget.target(self) else { return flash(.error, ":rename: no worker selected") }
        if isObserver { return flash(.error, ":rename: \(WorkerTarget.observerReason)") }
        if w.isLocal { return flash(.error, ":rename: \(WorkerTarget.localReason)") }
        guard !label.isEmpty else { return flash(.error, ":rename needs a label, e.g. :rename nightly build") }
        return [.rename(w.key, label: label)]
    }
}
