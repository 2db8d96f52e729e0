import Registry

/// The whole console state: a value, changed only by `reduce`.
///
/// Invariants: `workers` is in registry order; `workerCursor` indexes
/// `visibleWorkers` (or is 0 when it is empty); `runtimeCursor` 0 means
/// "all runtimes", `i > 0` means `runtimes[i-1]`; all strings are sanitised.
public struct AppState: Hashable, Sendable {
    public var workspaceName: String
    public var runtimes: [RuntimeRow] = []
    public var workers: [WorkerRow] = []
    public var runtimeCursor = 0
    public var workerCursor = 0
    /// The worker whose transcript is shown.
    public var openWorker: WorkerKey?
    public var focus: Focus = .workers
    public var workerFilter = ""
    /// `:sort activity|id`; needs-you workers stay first either way.
    public var workerSort = WorkerSort.id
    /// Typing into the workers filter (`/` on the workers pane).
    public var filterEditing = false
    /// Typing a transcript search (`/` on the transcript pane).
    public var searchEditing = false
    public var overlay: Overlay?
    public var transcripts: [WorkerKey: TranscriptState] = [:]
    public var composers: [WorkerKey: ComposerState] = [:]
    public var unread: Set<WorkerKey> = []
    /// The one flash line: newest wins; cleared by the next key or its expiry.
    public var flash: Flash?
    /// Recent flash messages, oldest first, for `:messages` (at most `messageLimit`).
    public var messages: [Flash] = []
    public static let messageLimit = 50
    /// False while a confirmation opened by the current input burst is up:
    /// keys typed in the same burst as the one that opened it are ignored.
    public var confirmArmed = true
    /// Profiles and themes the create dialog and `:theme` offer.
    public var profiles: [ProfileChoice] = []
    public var themeNames: [String] = []
    /// A `listRefreshDue` is pending (one at a time).
    public var listRefreshScheduled = false
    /// Reconnect stale workers once at launch (`[runtime] reconnect_on_start`).
    public var reconnectOnStart = false
    /// The create dialog as submitted, reopened with its text if creating fails.
    public var pendingCreate: CreateForm?
    /// Problems in the console's own configuration (theme files, `[keys]`),
    /// shown in the diagnostics overlay with implementation kind `console`.
    public var consoleDiagnostics: [DiagnosticRow] = []
    public var nextFlashId = 1
    public var themeName: String
    public var keymap: Keymap
    public var spinnerPhase = 0
    /// The terminal size, for page sizes; rendering gets its own size.
    public var viewport = Size(width: 80, height: 24)
    /// Set once `quit` was requested and confirmed.
    public var quitting = false
    /// Transcript page size requested from the registry.
    public var pageSize = 64
    /// Offset from UTC for transcript clocks, injected at start (tests use 0).
    public var clockOffsetSeconds = 0
    /// Some `[notify]` channel is on: the reducer emits `notify` effects
    /// for workers out of sight.
    public var notifyEnabled = false
    /// `[prices."provider/model"]`: cost per million tokens, for a cost figure.
    public var prices: [String: TokenPrice] = [:]

    public init(workspaceName: String, themeName: String = "default", keymap: Keymap = .defaults) {
        self.workspaceName = workspaceName
        self.themeName = themeName
        self.keymap = keymap
    }

    /// The store is owned by another console: nothing may be changed.
    public var isObserver: Bool { runtimes.contains { $0.readOnly } }

    public var selectedRuntime: RuntimeRow? {
        runtimeCursor > 0 && runtimeCursor <= runtimes.count ? runtimes[runtimeCursor - 1] : nil
    }

    /// Workers of the selected runtime (or all) matching the filter
    /// (`WorkerFilter`), those that need the operator first (otherwise in
    /// registry order: a stable partition).
    public var visibleWorkers: [WorkerRow] {
        let rid = selectedRuntime?.id
        let filter = WorkerFilter(workerFilter)
        let shown = workerSort.ordered(workers.filter { w in (rid == nil || w.key.runtimeId == rid) && filter.matches(w) })
        return shown.filter(\.needsYou) + shown.filter { !$0.needsYou }
    }

    public var selectedWorker: WorkerRow? {
        let visible = visibleWorkers
        return workerCursor < visible.count ? visible[workerCursor] : nil
    }

    public func worker(_ key: WorkerKey) -> WorkerRow? { workers.first { $0.key == key } }

    public var openWorkerRow: WorkerRow? { openWorker.flatMap(worker) }

    public var runningTurns: Int { workers.filter(\.isBusy).count }

    /// Composers holding text or queued inputs that quitting would drop.
    public var unsentDrafts: Int {
        composers.values.filter { !$0.text.isEmpty || !$0.queued.isEmpty }.count
    }

    /// The spinner animates only while some worker is busy working: one
    /// waiting for an answer shows `needs you`, and may wait for hours
    /// without waking the console.
    public var needsAnimation: Bool { workers.contains { $0.isBusy && !$0.needsYou } }
}
