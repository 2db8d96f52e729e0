/// The one declaration of every default binding. Help, the action bar and
/// the README keys table are generated from this table.
public enum BindingTable {
    public static let all: [Binding] = global + navigation + workerActions + composer + overlays + review + diffView + searchResults

    public static func binding(for command: KeyCommand) -> Binding {
        all.first { $0.command == command }!
    }

    /// The entry of `command` that applies in `context`.
    static func binding(for command: KeyCommand, in context: KeyContext) -> Binding {
        all.first { $0.command == command && $0.contexts.contains(context) }!
    }

    static let global: [Binding] = [
        Binding(.help, ["?"], "help", section: "General", [.global], bar: "help"),
        Binding(.focusNext, ["Tab"], "next pane", section: "General", [.global]),
        Binding(.focusPrevious, ["Shift-Tab"], "previous pane", section: "General", [.global]),
        // Never refused: the dialog itself says why it cannot create, so
        // text typed after `c` always lands in a field.
        Binding(.create, ["c"], "create worker", section: "General", [.global], bar: "create"),
        Binding(.diagnostics, ["d"], "diagnostics", section: "General", [.global]),
        Binding(.messages, ["m"], "recent messages in full (:messages)", section: "General", [.global]),
        Binding(.command, [":"], "command", section: "General", [.global], bar: "cmd"),
        Binding(.quit, ["q"], "quit (asks while turns run or drafts are unsent)", section: "General", [.global], bar: "quit"),
        // Anywhere, even in a field; it only ever asks, so no Ctrl chord quits.
        Binding(.quitAsking, ["Ctrl-C"], "quit, always asking first", section: "General",
                [.global, .composer, .textField, .overlay, .confirmation]),
    ]

    static let navigation: [Binding] = [
        Binding(.moveUp, ["Up", "k"], "move up", section: "Navigation", [.lists]),
        Binding(.moveDown, ["Down", "j"], "move down", section: "Navigation", [.lists]),
        Binding(.open, ["Enter"], "go to the transcript", section: "Navigation", [.lists]),
        Binding(.filter, ["/"], "filter workers (name, id, status)", section: "Navigation", [.lists], bar: "filter"),
        Binding(.pageUp, ["PgUp"], "page up", section: "Navigation", [.lists]),
        Binding(.pageDown, ["PgDn"], "page down", section: "Navigation", [.lists]),
        Binding(.top, ["Home", "g"], "first", section: "Navigation", [.lists]),
        Binding(.bottom, ["End", "G"], "last", section: "Navigation", [.lists]),
        Binding(.leave, ["Esc"], "clear the filter", section: "Navigation", [.lists]),
        Binding(.pageUp, ["PgUp"], "page up", section: "Transcript", [.transcript, .overlay]),
        Binding(.pageDown, ["PgDn"], "page down", section: "Transcript", [.transcript, .overlay]),
        Binding(.moveUp, ["Up", "k"], "scroll up", section: "Transcript", [.transcript]),
        Binding(.moveDown, ["Down", "j"], "scroll down", section: "Transcript", [.transcript]),
        Binding(.top, ["Home", "g"], "oldest", section: "Transcript", [.transcript]),
        Binding(.bottom, ["End", "G"], "newest, follow", section: "Transcript", [.transcript]),
        Binding(.toggleFollow, ["f"], "toggle follow", section: "Transcript", [.transcript], bar: "follow"),
        Binding(.search, ["/"], "search", section: "Transcript", [.transcript], bar: "search"),
        Binding(.nextMatch, ["n"], "next match", section: "Transcript", [.transcript]),
        Binding(.previousMatch, ["N"], "previous match", section: "Transcript", [.transcript]),
        Binding(.entryPrevious, ["["], "select the previous entry", section: "Transcript", [.transcript]),
        Binding(.entryNext, ["]"], "select the next entry (past the newest: none)", section: "Transcript", [.transcript]),
        Binding(.leave, ["Esc"], "clear the entry selection", section: "Transcript", [.transcript]),
        Binding(.copy, ["y"], "copy the selected entry, else the newest (OSC 52)", section: "Transcript", [.transcript],
                bar: "copy", disabled: { $0.openWorker == nil ? "no worker is open" : nil }),
        Binding(.expand, ["e", "Enter"], "expand or fold the selected tool entry (else the newest)", section: "Transcript",
                [.transcript], disabled: { $0.openWorker == nil ? "no worker is open" : nil }),
    ]

    static let workerActions: [Binding] = [
        // Never refused: whatever is typed after `i` lands in a composer
        // (or, with no worker yet, in the create dialog's input field).
        Binding(.focusComposer, ["i"], "input (the draft is kept per worker)", section: "Worker", [.lists, .transcript],
                bar: "input"),
        Binding(.interrupt, ["x"], "interrupt turn", section: "Worker", [.lists, .transcript], bar: "interrupt",
                disabled: { WorkerTarget.disabledReason($0, .interrupt) }),
        Binding(.stop, ["s"], "stop (confirm)", section: "Worker", [.lists, .transcript], bar: "stop",
                disabled: { WorkerTarget.disabledReason($0, .stop) }),
        Binding(.cancel, ["C"], "cancel (confirm)", section: "Worker", [.lists, .transcript],
                disabled: { WorkerTarget.disabledReason($0, .cancel) }),
        Binding(.reconnect, ["R"], "reconnect (on a runtime: all its stale workers)", section: "Worker", [.lists, .transcript], bar: "reconnect",
                disabled: { WorkerTarget.disabledReason($0, .reconnect) }),
        Binding(.nextNeedsYou, ["!"], "show the next worker that needs you", section: "Worker", [.lists, .transcript]),
        // Opens only when asked, and never from a text field.
        Binding(.review, ["a"], "review the shown worker's pending tool call", section: "Worker", [.lists, .transcript],
                bar: "review", disabled: { WorkerTarget.reviewDisabledReason($0) }),
        Binding(.diff, ["D"], "diff of the shown worker's directory (git diff; its worktree against its base)",
                section: "Worker", [.lists, .transcript], disabled: { $0.openWorker == nil ? "no worker is shown" : nil }),
    ]

    static let composer: [Binding] = [
        Binding(.send, ["Enter"], "send (queued while busy)", section: "Composer", [.composer], bar: "send"),
        Binding(.newline, ["Alt-Enter", "Ctrl-J"], "newline", section: "Composer", [.composer], bar: "newline"),
        Binding(.leave, ["Esc"], "leave (drops the queue when empty)", section: "Composer", [.composer, .textField], bar: "leave"),
        Binding(.lineStart, ["Ctrl-A", "Home"], "start of line", section: "Composer", [.composer]),
        Binding(.lineEnd, ["Ctrl-E", "End"], "end of line", section: "Composer", [.composer]),
        Binding(.deleteWord, ["Ctrl-W"], "delete word", section: "Composer", [.composer, .textField]),
        Binding(.killBefore, ["Ctrl-U"], "delete to start", section: "Composer", [.composer, .textField]),
        Binding(.killAfter, ["Ctrl-K"], "delete to end", section: "Composer", [.composer]),
        Binding(.wordBack, ["Alt-b"], "word back", section: "Composer", [.composer]),
        Binding(.wordForward, ["Alt-f"], "word forward", section: "Composer", [.composer]),
        Binding(.cursorLeft, ["Left", "Ctrl-B"], "left", section: "Composer", [.composer]),
        Binding(.cursorRight, ["Right", "Ctrl-F"], "right", section: "Composer", [.composer]),
        Binding(.historyPrevious, ["Up"], "previous input (first line)", section: "Composer", [.composer]),
        Binding(.historyNext, ["Down"], "next input (last line)", section: "Composer", [.composer]),
        Binding(.deleteBack, ["Backspace"], "delete left", section: "Composer", [.composer, .textField]),
        Binding(.deleteForward, ["Delete", "Ctrl-D"], "delete right", section: "Composer", [.composer]),
    ]

    static let overlays: [Binding] = [
        Binding(.confirm, ["y", "Enter"], "confirm", section: "Dialogs", [.confirmation], bar: "confirm"),
        Binding(.confirm, ["Enter"], "accept", section: "Dialogs", [.textField], bar: "accept"),
        Binding(.dismiss, ["n", "Esc"], "dismiss", section: "Dialogs", [.confirmation], bar: "dismiss"),
        Binding(.dismiss, ["Esc"], "close", section: "Dialogs", [.overlay], bar: "close"),
        Binding(.moveUp, ["Up"], "scroll up", section: "Dialogs", [.overlay]),
        Binding(.moveDown, ["Down"], "scroll down", section: "Dialogs", [.overlay]),
        Binding(.nextField, ["Tab"], "next field", section: "Dialogs", [.textField]),
        Binding(.previousField, ["Shift-Tab"], "previous field", section: "Dialogs", [.textField]),
    ]

    /// Keys of the approval review only (keys typed in the burst that
    /// opened it are ignored; no text field reaches them).
    static let review: [Binding] = [
        Binding(.allowOnce, ["y"], "allow this call once", section: "Approval review", [.review], bar: "allow once"),
        Binding(.allowAlways, ["A"], "allow this tool always for this worker", section: "Approval review", [.review],
                bar: "always"),
        Binding(.deny, ["n"], "deny", section: "Approval review", [.review], bar: "deny"),
        Binding(.denyWithMessage, ["m"], "deny with a message to the model (Enter sends, Esc back)",
                section: "Approval review", [.review], bar: "deny with message"),
        Binding(.dismiss, ["Esc"], "close (the call stays pending)", section: "Approval review", [.review], bar: "close"),
        Binding(.moveUp, ["Up", "k"], "scroll up", section: "Approval review", [.review]),
        Binding(.moveDown, ["Down", "j"], "scroll down", section: "Approval review", [.review]),
    ]

    /// Keys of the diff view (`D`); `/` types into its search field.
    static let diffView: [Binding] = [
        Binding(.moveUp, ["Up", "k"], "scroll up", section: "Diff view", [.diffView]),
        Binding(.moveDown, ["Down", "j"], "scroll down", section: "Diff view", [.diffView]),
        Binding(.pageUp, ["PgUp"], "page up", section: "Diff view", [.diffView]),
        Binding(.pageDown, ["PgDn"], "page down", section: "Diff view", [.diffView]),
        Binding(.top, ["Home", "g"], "first line", section: "Diff view", [.diffView]),
        Binding(.bottom, ["End", "G"], "last line", section: "Diff view", [.diffView]),
        Binding(.search, ["/"], "search (Enter jumps to the first match, Esc clears)", section: "Diff view", [.diffView],
                bar: "search"),
        Binding(.nextMatch, ["n"], "next match", section: "Diff view", [.diffView], bar: "next"),
        Binding(.previousMatch, ["N"], "previous match", section: "Diff view", [.diffView], bar: "previous"),
        Binding(.dismiss, ["Esc"], "close", section: "Diff view", [.diffView], bar: "close"),
    ]

    /// Keys of the `:grep` results: pick a match, Enter opens its worker there.
    static let searchResults: [Binding] = [
        Binding(.open, ["Enter"], "open the worker at this entry", section: "Search results", [.searchResults], bar: "open"),
        Binding(.moveUp, ["Up", "k"], "previous match", section: "Search results", [.searchResults]),
        Binding(.moveDown, ["Down", "j"], "next match", section: "Search results", [.searchResults]),
        Binding(.top, ["Home", "g"], "first match", section: "Search results", [.searchResults]),
        Binding(.bottom, ["End", "G"], "last match", section: "Search results", [.searchResults]),
        Binding(.dismiss, ["Esc"], "close", section: "Search results", [.searchResults], bar: "close"),
    ]
}
