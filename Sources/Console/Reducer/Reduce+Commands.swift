import Registry

/// `:` commands: `:create [profile] [label]`, `:theme NAME`, `:filter TEXT`,
/// `:goto WORKER`, `:takeover`, `:quit`.
extension AppState {
    mutating func runCommandLine(_ line: String) -> [Effect] {
        let words = line.split(separator: " ").map(String.init)
        guard let name = words.first else { return [] }
        let args = Array(words.dropFirst())
        switch name {
        case "create":
            if let reason = WorkerTarget.createDisabledReason(self) { return toast(.error, reason) }
            guard let runtime = WorkerTarget.createRuntime(self) else { return [] }
            return [.createWorker(runtimeId: runtime.id,
                                  CreateWorkerRequest(profile: args.first,
                                                      label: args.count > 1 ? args.dropFirst().joined(separator: " ") : nil))]
        case "theme":
            guard let theme = args.first else { return toast(.error, ":theme needs a theme name") }
            return [.switchTheme(theme)]
        case "filter":
            workerFilter = args.joined(separator: " ")
            focus = .workers
            workerCursor = 0
            clampCursors()
            return []
        case "goto":
            guard let needle = args.first else { return toast(.error, ":goto needs a worker id or label") }
            guard let w = workers.first(where: { $0.key.workerId == needle || $0.label == needle })
                ?? workers.first(where: { $0.displayName.lowercased().contains(needle.lowercased()) }) else {
                return toast(.error, "no worker matches \"\(needle)\"")
            }
            runtimeCursor = 0
            workerFilter = ""
            if let i = visibleWorkers.firstIndex(where: { $0.key == w.key }) { workerCursor = i }
            let effects = open(w.key)
            focus = .transcript
            return effects
        case "takeover":
            guard isObserver else { return toast(.info, "this console already owns the workspace") }
            return [.takeOver]
        case "quit", "q":
            return requestQuit()
        default:
            return toast(.error, "unknown command :\(name) (try :create, :theme, :filter, :goto, :takeover, :quit)")
        }
    }
}
