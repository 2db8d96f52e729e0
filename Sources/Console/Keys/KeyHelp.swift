import Foundation

extension AppState {
    /// The key contexts active now, most specific first.
    public var activeContexts: [KeyContext] {
        switch overlay {
        case .confirm: return [.confirmation]
        case .command, .create: return [.textField]
        case .help, .diagnostics: return [.overlay]
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

    /// Every binding, for the `?` overlay; `query` filters by key, command or help.
    public static func items(_ state: AppState, query: String = "") -> [Item] {
        let q = query.lowercased()
        return BindingTable.all.compactMap { b in
            let keys = state.keymap.keys(for: b).map(\.description).joined(separator: " ")
            let item = Item(keys: keys, help: b.help, section: b.section, disabledReason: b.disabledReason(state))
            if q.isEmpty || keys.lowercased().contains(q) || b.help.lowercased().contains(q)
                || b.command.rawValue.contains(q) || b.section.lowercased().contains(q) {
                return item
            }
            return nil
        }
    }

    /// The action bar entries: `help` first, then the focused pane's
    /// bindings, then the other global ones (table order within each).
    /// Disabled entries are kept (drawn dimmed) so the operator sees them.
    public static func actionBar(_ state: AppState) -> [Item] {
        let contexts = state.activeContexts
        var seen = Set<KeyCommand>()
        var out: [Item] = []
        if contexts.contains(.global) {
            let help = BindingTable.binding(for: .help)
            if let key = state.keymap.keys(for: help).first {
                out.append(Item(keys: key.shortName, help: help.barLabel ?? help.help, section: help.section, disabledReason: nil))
                seen.insert(.help)
            }
        }
        for context in contexts {
            for b in BindingTable.all where b.inActionBar && b.contexts.contains(context) && !seen.contains(b.command) {
                seen.insert(b.command)
                guard let first = state.keymap.keys(for: b).first else { continue }
                out.append(Item(keys: first.shortName, help: b.barLabel ?? b.help,
                                section: b.section, disabledReason: b.disabledReason(state)))
            }
        }
        return out
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
