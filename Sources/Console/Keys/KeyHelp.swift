import Foundation

extension AppState {
    /// The key contexts active now, most specific first. Routing depends on
    /// this alone: in a context that takes text, typed characters are text.
    public var activeContexts: [KeyContext] {
        switch overlay {
        case .confirm: return [.confirmation]
        case .command, .create: return [.textField]
        case .help: return [.textField, .overlay]
        case .diagnostics, .messages: return [.overlay]
        case .approval(let r): return r.denyMessage == nil ? [.review, .overlay] : [.textField]
        case .diff(let v): return v.editing ? [.textField] : [.diffView, .overlay]
        case .grep: return [.searchResults, .overlay]
        case nil: break
        }
        if filterEditing || searchEditing { return [.textField] }
        switch focus {
        case .composer: return [.composer]
        case .runtimes, .workers: return [.lists, .global]
        case .transcript: return [.transcript, .global]
        }
    }
}

/// Help, action bar and README text, all generated from `BindingTable`.
public enum KeyHelp {
    public struct Item: Hashable, Sendable {
        public var keys: String
        public var help: String
        public var section: String
        public var disabledReason: String?
    }

    /// Every binding, then the `:` commands, for the `?` overlay; `query`
    /// filters by key, command or help.
    public static func items(_ state: AppState, query: String = "") -> [Item] {
        let q = query.lowercased()
        func matches(_ texts: String...) -> Bool { q.isEmpty || texts.contains { $0.lowercased().contains(q) } }
        let keys: [Item] = BindingTable.all.compactMap { b in
            let keys = state.keymap.keys(for: b).map(\.description).joined(separator: " ")
            guard matches(keys, b.help, b.command.rawValue, b.section) else { return nil }
            return Item(keys: keys, help: b.help, section: b.section, disabledReason: b.disabledReason(state))
        }
        let commands: [Item] = ColonCommand.all.compactMap { c in
            guard matches(c.usage, c.help, "commands") else { return nil }
            return Item(keys: c.usage, help: c.help, section: "Commands", disabledReason: nil)
        }
        return keys + commands
    }

    /// The action bar entries: `help` first, then the focused pane's
    /// bindings, then the other global ones (table order within each).
    /// Disabled entries are kept (drawn dimmed) so the operator sees them.
    public static func actionBar(_ state: AppState) -> [Item] {
        actionBar(state, entries: barEntries(state.activeContexts, keymap: state.keymap))
    }

    /// One action-bar entry before the state is asked whether it can run.
    struct BarEntry: Sendable {
        var binding: Binding
        var keys: String
        /// False for `help`, which is always available.
        var canBeDisabled: Bool
    }

    /// Which bindings the bar shows for `contexts` under `keymap`, with the
    /// key each shows: depends on neither the workers nor the selection, so
    /// the renderer keeps it while those change (`PaneCache`).
    static func barEntries(_ contexts: [KeyContext], keymap: Keymap) -> [BarEntry] {
        var seen = Set<KeyCommand>()
        var out: [BarEntry] = []
        if contexts.contains(.global) {
            let help = BindingTable.binding(for: .help)
            if let key = keymap.keys(for: help).first {
                out.append(BarEntry(binding: help, keys: key.shortName, canBeDisabled: false))
                seen.insert(.help)
            }
        }
        var seenKeys = Set<KeyChord>()
        for context in contexts {
            for b in BindingTable.all where b.inActionBar && b.contexts.contains(context) && !seen.contains(b.command) {
                seen.insert(b.command)
                // A key shown once: the first context's meaning is the one it has.
                guard let first = keymap.keys(for: b).first, seenKeys.insert(first).inserted else { continue }
                out.append(BarEntry(binding: b, keys: first.shortName, canBeDisabled: true))
            }
        }
        return out
    }

    /// The entries with why each cannot run in `state`, if it cannot.
    static func actionBar(_ state: AppState, entries: [BarEntry]) -> [Item] {
        entries.map { e in
            Item(keys: e.keys, help: e.binding.barLabel ?? e.binding.help, section: e.binding.section,
                 disabledReason: e.canBeDisabled ? e.binding.disabledReason(state) : nil)
        }
    }

    /// The README keys table (markdown), generated from the default keymap.
    public static func markdownTable(_ keymap: Keymap = .defaults) -> String {
        var lines = ["| Section | Keys | Command (`[keys]` name) | Does |", "|---|---|---|---|"]
        for b in BindingTable.all {
            let keys = keymap.keys(for: b).map { "`\($0.description)`" }.joined(separator: " ")
            lines.append("| \(b.section) | \(keys.replacingOccurrences(of: "|", with: "\\|")) | `\(b.command.rawValue)` | \(b.help) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
