/// The active key → command mapping: the defaults of `BindingTable` with
/// `[keys]` rebinding applied. A value, held in `AppState`.
///
/// Invariants: a rebound command loses all its default keys; lookups try
/// contexts in the order given and return the first match.
public struct Keymap: Hashable, Sendable {
    /// Per command, the keys it answers to.
    public private(set) var keys: [KeyCommand: [KeyChord]]

    public static let defaults: Keymap = {
        var keys: [KeyCommand: [KeyChord]] = [:]
        for b in BindingTable.all where keys[b.command] == nil { keys[b.command] = b.keys }
        return Keymap(keys: keys)
    }()

    init(keys: [KeyCommand: [KeyChord]]) { self.keys = keys }

    /// Applies `[keys]` config: `command = "Key"` or `command = ["Key", ...]`.
    /// Returns the keymap and one problem sentence per unknown command or
    /// unparsable key (naming the key), which the caller reports as diagnostics.
    public static func rebinding(_ config: [String: [String]], source: String = "config") -> (Keymap, [String]) {
        var map = Keymap.defaults
        var problems: [String] = []
        for (name, names) in config.sorted(by: { $0.key < $1.key }) {
            guard let command = KeyCommand(rawValue: name) else {
                problems.append("\(source): [keys] \(name): unknown command")
                continue
            }
            var chords: [KeyChord] = []
            for n in names {
                if let c = KeyChord(parsing: n) { chords.append(c) } else {
                    problems.append("\(source): [keys] \(name): cannot read key \"\(n)\"")
                }
            }
            if !chords.isEmpty { map.keys[command] = chords }
        }
        return (map, problems)
    }

    /// The keys of one binding entry in this keymap: the rebound keys of its
    /// command, or the entry's own defaults when not rebound.
    public func keys(for binding: Binding) -> [KeyChord] {
        let current = keys[binding.command] ?? binding.keys
        let firstDefaults = Keymap.defaults.keys[binding.command] ?? []
        return current == firstDefaults ? binding.keys : current
    }

    /// The command bound to `chord` in the first of `contexts` that has one.
    /// Where the contexts take text, a typed character is never a command
    /// (so a rebinding cannot make typing act).
    public func command(for chord: KeyChord, in contexts: [KeyContext]) -> KeyCommand? {
        if chord.typedCharacter != nil, contexts.contains(where: \.takesText) { return nil }
        for context in contexts {
            for b in BindingTable.all where b.contexts.contains(context) {
                if keys(for: b).contains(chord) { return b.command }
            }
        }
        return nil
    }
}
