/// Every command a key can trigger. Raw values are the `[keys]` config names.
public enum KeyCommand: String, Hashable, Sendable, CaseIterable {
    // Global
    case help, quit, quitAsking = "quit_asking", command, focusNext = "focus_next", focusPrevious = "focus_previous"
    case create, diagnostics, messages
    // Lists and transcript
    case moveUp = "move_up", moveDown = "move_down", open, filter
    case focusComposer = "focus_composer", interrupt, stop, cancel, reconnect
    case pageUp = "page_up", pageDown = "page_down", top, bottom
    case toggleFollow = "toggle_follow", search, nextMatch = "next_match", previousMatch = "previous_match"
    case copy, entryPrevious = "entry_previous", entryNext = "entry_next", expand
    // Tool approvals
    case nextNeedsYou = "next_needs_you", review
    // Seeing what workers did
    case diff
    case allowOnce = "allow_once", allowAlways = "allow_always", deny, denyWithMessage = "deny_with_message"
    // Composer and text fields
    case send, newline, leave, lineStart = "line_start", lineEnd = "line_end"
    case deleteWord = "delete_word", killBefore = "kill_before", killAfter = "kill_after"
    case wordBack = "word_back", wordForward = "word_forward"
    case cursorLeft = "cursor_left", cursorRight = "cursor_right"
    case historyPrevious = "history_previous", historyNext = "history_next"
    case deleteBack = "delete_back", deleteForward = "delete_forward"
    // Overlays
    case confirm, dismiss, nextField = "next_field", previousField = "previous_field"
}

/// Where a binding applies. The reducer derives the active contexts from
/// the state (overlay first, then the focused pane, then global).
public enum KeyContext: String, Hashable, Sendable, CaseIterable {
    case global, lists, transcript, composer, textField = "text_field", confirmation, overlay
    /// The approval review: its answer keys exist nowhere else.
    case review
    /// The diff view: scrolling and searching the diff.
    case diffView = "diff_view"
    /// The `:grep` results: choosing a match to open.
    case searchResults = "search_results"

    /// A context where typed characters are text: no binding may claim a
    /// printable key here, whatever `[keys]` says.
    public var takesText: Bool { self == .composer || self == .textField }
}

/// A binding declared once: command, default keys, help, section, where it
/// applies, whether it shows in the action bar, and why it may be disabled.
public struct Binding: Sendable {
    public var command: KeyCommand
    public var keys: [KeyChord]
    public var help: String
    public var section: String
    public var contexts: Set<KeyContext>
    /// The action bar's short label; nil keeps the binding out of the bar.
    public var barLabel: String?
    public var inActionBar: Bool { barLabel != nil }
    /// Why the command cannot run now, or nil when it can.
    public var disabledReason: @Sendable (AppState) -> String?

    init(_ command: KeyCommand, _ keys: [String], _ help: String, section: String,
         _ contexts: Set<KeyContext>, bar: String? = nil,
         disabled: @escaping @Sendable (AppState) -> String? = { _ in nil }) {
        self.command = command
        self.keys = keys.map { KeyChord(parsing: $0)! }
        self.help = help
        self.section = section
        self.contexts = contexts
        self.barLabel = bar
        self.disabledReason = disabled
    }
}
