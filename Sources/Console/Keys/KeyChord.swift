/// One key press as the keymap sees it: a key plus Ctrl/Alt.
///
/// Invariants: printable characters are `.char` with `ctrl == false`
/// (Shift is part of the character: `G`, `?`); Ctrl chords are stored with a
/// lowercase letter; Tab, Enter, Esc and Backspace are their own keys, never
/// Ctrl-I, Ctrl-M, Ctrl-[ or Ctrl-H (so Ctrl-J stays distinct from Enter).
public struct KeyChord: Hashable, Sendable, CustomStringConvertible {
    public enum Key: Hashable, Sendable {
        case char(Character)
        case enter, tab, backTab, escape, backspace, delete
        case up, down, left, right, home, end, pageUp, pageDown
        case function(Int)
    }

    public var key: Key
    public var ctrl: Bool
    public var alt: Bool

    public init(_ key: Key, ctrl: Bool = false, alt: Bool = false) {
        self.key = key; self.ctrl = ctrl; self.alt = alt
    }

    public static func char(_ c: Character) -> KeyChord { KeyChord(.char(c)) }
    public static func ctrl(_ c: Character) -> KeyChord { KeyChord(.char(Character(c.lowercased())), ctrl: true) }
    public static func alt(_ c: Character) -> KeyChord { KeyChord(.char(c), alt: true) }

    /// A printable character typed without modifiers, for text fields.
    public var typedCharacter: Character? {
        if case .char(let c) = key, !ctrl, !alt { return c }
        return nil
    }

    /// The name used in config files and help: `Ctrl-W`, `Alt-Enter`, `PgUp`, `?`.
    public var description: String {
        var name: String
        switch key {
        case .char(" "): name = "Space"
        case .char(let c): name = ctrl ? c.uppercased() : String(c)
        case .enter: name = "Enter"
        case .tab: name = "Tab"
        case .backTab: name = "Shift-Tab"
        case .escape: name = "Esc"
        case .backspace: name = "Backspace"
        case .delete: name = "Delete"
        case .up: name = "Up"
        case .down: name = "Down"
        case .left: name = "Left"
        case .right: name = "Right"
        case .home: name = "Home"
        case .end: name = "End"
        case .pageUp: name = "PgUp"
        case .pageDown: name = "PgDn"
        case .function(let n): name = "F\(n)"
        }
        if ctrl { name = "Ctrl-" + name }
        if alt { name = "Alt-" + name }
        return name
    }

    /// Short glyph form for the action bar and help (`↑`, `⏎`).
    public var shortName: String {
        guard !ctrl, !alt else { return description }
        switch key {
        case .up: return "↑"
        case .down: return "↓"
        case .enter: return "Enter"
        default: return description
        }
    }

    /// Parses a config name (case-insensitive for named keys): `Ctrl-J`,
    /// `Alt-b`, `Shift-Tab`, `PgDn`, `Space`, `q`, `G`, `F1`.
    public init?(parsing text: String) {
        var rest = Substring(text)
        var ctrl = false, alt = false
        while true {
            let lower = rest.lowercased()
            if lower.hasPrefix("ctrl-") && rest.count > 5 { ctrl = true; rest = rest.dropFirst(5) }
            else if lower.hasPrefix("alt-") && rest.count > 4 { alt = true; rest = rest.dropFirst(4) }
            else if lower.hasPrefix("meta-") && rest.count > 5 { alt = true; rest = rest.dropFirst(5) }
            else { break }
        }
        let named: [String: Key] = [
            "enter": .enter, "return": .enter, "tab": .tab, "shift-tab": .backTab, "backtab": .backTab,
            "esc": .escape, "escape": .escape, "backspace": .backspace, "delete": .delete, "del": .delete,
            "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
            "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown, "space": .char(" "),
        ]
        let lower = rest.lowercased()
        if let k = named[lower] {
            self.init(k, ctrl: ctrl, alt: alt)
        } else if lower.count >= 2, lower.first == "f", let n = Int(lower.dropFirst()), (1...24).contains(n) {
            self.init(.function(n), ctrl: ctrl, alt: alt)
        } else if rest.count == 1, let c = rest.first {
            self.init(.char(ctrl ? Character(c.lowercased()) : c), ctrl: ctrl, alt: alt)
        } else {
            return nil
        }
    }
}
