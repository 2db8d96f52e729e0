import Registry

/// What the console holds of one worker's transcript: a contiguous window
/// of committed items ending at the newest, paged in from the registry
/// (never the whole transcript), plus the turn being streamed.
///
/// Invariants: `items` are the sequences `windowStart+1 ... windowStart+items.count`
/// in order; `windowStart + items.count <= total`; `scrollFromBottom == 0`
/// whenever `following`.
public struct TranscriptState: Hashable, Sendable {
    public var total: Int
    public var windowStart: Int
    public var items: [TranscriptRow]
    /// A page request in flight (its start), so it is not sent twice.
    public var pendingStart: Int?
    /// The turn currently streaming and its raw (unsanitised) text so far.
    public var streamingTurn: String?
    public var streamingText: String {
        // An empty or shorter text is a new one: its layout starts over.
        didSet {
            if streamingText.isEmpty || streamingText.utf8.count < streamingLayout.consumed { streamingLayout = StreamingLayout() }
        }
    }
    /// The streaming text's completed lines laid out at `transcriptWidth`
    /// (advanced by the reducer as deltas arrive; a cache: render equals a
    /// fresh layout of `streamingText`). The text only grows within a turn.
    public var streamingLayout = StreamingLayout()
    /// Rows scrolled up from the bottom.
    public var scrollFromBottom: Int
    public var following: Bool
    /// Items committed while scrolled up ("↓ N new").
    public var newWhileScrolled: Int
    public var search: String?
    /// Index into the matches of `search`, counted from the newest.
    public var searchMatch: Int
    /// The selected entry's sequence (`[`/`]`, or the search match jumped
    /// to): what `y` copies. Nil: none selected, `y` copies the newest.
    public var selected: Int?
    /// Tool entries shown expanded (`e`): arguments, output, diff.
    public var expanded: Set<Int> = []
    /// A search that ran out of loaded matches continues into older pages:
    /// the oldest sequence searched so far and the pages it may still load.
    public var searchOlderThan: Int?
    public var searchPagesLeft = 0
    /// An entry to show once it is loaded (`:grep`'s Enter): older pages
    /// are requested until the window reaches it, within `revealPagesLeft`.
    public var revealSequence: Int?
    public var revealPagesLeft = 0
    /// Rows the streaming block takes at `rowCountsWidth`, kept while
    /// scrolled up so growth below the view can be added to the scroll
    /// offset (the rows on screen stay put).
    public var streamingRows = 0
    public var streamingRowsStamp = -1
    /// Memo: rows per item sequence at `rowCountsWidth` (see `itemRowCounts`).
    public var rowCounts: [Int: Int] = [:]
    public var rowCountsWidth = 0

    public init(total: Int = 0, windowStart: Int = 0, items: [TranscriptRow] = [],
                pendingStart: Int? = nil, streamingTurn: String? = nil, streamingText: String = "",
                scrollFromBottom: Int = 0, following: Bool = true, newWhileScrolled: Int = 0,
                search: String? = nil, searchMatch: Int = 0) {
        self.total = total; self.windowStart = windowStart; self.items = items
        self.pendingStart = pendingStart; self.streamingTurn = streamingTurn
        self.streamingText = streamingText; self.scrollFromBottom = scrollFromBottom
        self.following = following; self.newWhileScrolled = newWhileScrolled
        self.search = search; self.searchMatch = searchMatch
    }

    /// Whether older items exist before the loaded window.
    public var hasOlder: Bool { windowStart > 0 }
}

/// The composer of one worker: text, cursor, history and local queue.
///
/// Invariants: `cursor` is a grapheme offset in `0...text.count`;
/// `historyIndex` is nil or a valid index into `history`.
public struct ComposerState: Hashable, Sendable {
    public var text: String
    public var cursor: Int
    public var history: [String]
    public var historyIndex: Int?
    /// The draft kept while browsing history.
    public var draft: String
    /// Inputs typed while the worker was busy, sent in order when it is idle.
    public var queued: [String]
    /// Large pastes, kept whole in `text` but shown as one placeholder each
    /// (grapheme offsets; sorted, disjoint; the cursor is never inside one).
    public var folds: [Range<Int>]
    /// An input was handed to the runtime and not yet accepted: the queue
    /// waits, so two inputs never race for one idle worker.
    public var awaitingAccept = false

    public init(text: String = "", cursor: Int = 0, history: [String] = [], historyIndex: Int? = nil,
                draft: String = "", queued: [String] = [], folds: [Range<Int>] = []) {
        self.text = text; self.cursor = cursor; self.history = history
        self.historyIndex = historyIndex; self.draft = draft; self.queued = queued; self.folds = folds
    }

    /// Lines shown: 1–8 depending on content (a fold is one line).
    public var visibleLines: Int { min(8, max(1, displayLines.count)) }
}

public enum Focus: String, Hashable, Sendable, CaseIterable {
    case runtimes, workers, transcript, composer
}

/// What a confirmation is for.
public enum ConfirmKind: Hashable, Sendable {
    case stop(WorkerKey)
    case cancel(WorkerKey)
    /// Deleting removes the transcript, events and worktree: no undo.
    case delete(WorkerKey)
    /// Quitting interrupts running turns and drops unsent drafts.
    case quit(runningTurns: Int, drafts: Int)
}

/// A profile the create dialog offers, with why it cannot be used now
/// (from the executable's provider config; never a credential value).
public struct ProfileChoice: Hashable, Sendable {
    public var name: String
    /// `provider/model`, or what the profile resolves to.
    public var detail: String
    /// Why the profile cannot create a worker now; nil when it can.
    public var problem: String?

    public init(name: String, detail: String, problem: String? = nil) {
        self.name = name; self.detail = detail; self.problem = problem
    }
}

/// The create-worker dialog's fields.
public struct CreateForm: Hashable, Sendable {
    public enum Field: Hashable, Sendable, CaseIterable { case profile, label, input }
    public var runtimeId: String
    public var profile: String
    public var label: String
    /// The first input, sent as part of the create (one transaction in the runtime).
    public var input: String
    public var field: Field
    /// Why Enter did not create (shown in the dialog, which stays open).
    public var problem: String?

    public init(runtimeId: String, profile: String = "", label: String = "", input: String = "", field: Field = .profile) {
        self.runtimeId = runtimeId; self.profile = profile; self.label = label; self.input = input; self.field = field
    }

    /// The text of the active field.
    public var activeText: String {
        get {
            switch field {
            case .profile: profile
            case .label: label
            case .input: input
            }
        }
        set {
            switch field {
            case .profile: profile = newValue
            case .label: label = newValue
            case .input: input = newValue
            }
        }
    }

    /// Moves to the next (`step` 1) or previous (-1) field, wrapping.
    public mutating func cycleField(_ step: Int) {
        let all = Field.allCases
        let i = all.firstIndex(of: field) ?? 0
        field = all[(i + step + all.count) % all.count]
    }

    /// What the registry is asked to create; empty fields mean "default"/"none".
    public var request: CreateWorkerRequest {
        let trimmedInput = input.trimmingCharacters(in: .whitespaces)
        return CreateWorkerRequest(profile: profile.isEmpty ? nil : profile, label: label.isEmpty ? nil : label,
                                   initialInput: trimmedInput.isEmpty ? nil : input)
    }
}

public enum Overlay: Hashable, Sendable {
    case help(query: String, scroll: Int = 0)
    case diagnostics(scroll: Int)
    case create(CreateForm)
    case confirm(ConfirmKind)
    /// The `:` command prompt with its text.
    case command(String)
    /// Recent flash messages in full (`:messages`, `m`), newest first.
    case messages(scroll: Int)
    /// The review of a worker's pending tool call (`a`).
    case approval(ApprovalReview)
    /// The diff of a worker's directory (`D`).
    case diff(DiffView)
    /// Search results across every worker (`:grep TEXT`).
    case grep(GrepView)
}

/// One message of the flash line (and of `:messages`).
public struct Flash: Hashable, Sendable {
    public enum Level: String, Hashable, Sendable { case info, error }
    public var id: Int
    public var level: Level
    public var message: String

    public init(id: Int, level: Level, message: String) {
        self.id = id; self.level = level; self.message = message
    }
}
