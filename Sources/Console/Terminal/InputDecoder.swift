/// Raw input as the terminal layer reads it (ncurses-independent).
public enum RawInput: Hashable, Sendable {
    /// A character read by `get_wch` (OK).
    case char(UInt32)
    /// A function key read by `get_wch` (KEY_CODE_YES), already named.
    case key(RawKey)
}

public enum RawKey: Hashable, Sendable {
    case up, down, left, right, home, end, pageUp, pageDown, backspace, delete, backTab, enter
    case function(Int)
    case resize
    /// `ESC [ 200 ~` and `ESC [ 201 ~` when ncurses knows them (`define_key`).
    case pasteStart, pasteEnd
    case mouseWheelUp, mouseWheelDown
    case unknown
}

public enum InputEvent: Hashable, Sendable {
    case key(KeyChord)
    case paste(String)
    case resize
}

/// Turns raw input into keys and pastes. Pure and incremental.
///
/// Invariants: a bracketed paste (`ESC [200~ … ESC [201~`, or the
/// `pasteStart`/`pasteEnd` keys) becomes exactly one `.paste` with CR → LF;
/// `ESC x` read together is Alt-x; a lone ESC at the end of a read batch is
/// Esc (ncurses already waited ESCDELAY for a follower); navigation keys
/// that terminfo did not name (`ESC [4~` for End when TERM says xterm but
/// the terminal is tmux, `ESC O F`, xterm modifiers `ESC [1;5C`) are
/// decoded here; other CSI sequences are swallowed, never typed.
public struct InputDecoder: Sendable {
    private var pendingEscape = false
    private var csi: String?
    /// After `ESC O`: the next character names the key (SS3).
    private var ss3 = false
    private var pasting = false
    private var paste = ""

    public init() {}

    public mutating func feed(_ input: RawInput) -> [InputEvent] {
        if pasting { return feedPaste(input) }
        if var seq = csi {
            guard case .char(let v) = input, let s = Unicode.Scalar(v) else { csi = nil; return feed(input) }
            seq.unicodeScalars.append(s)
            if (0x40...0x7E).contains(v) {
                csi = nil
                if seq == "200~" { pasting = true; paste = "" }
                return Self.csiKey(seq).map { [.key($0)] } ?? []
            }
            csi = seq.count > 16 ? nil : seq
            return []
        }
        if ss3 {
            ss3 = false
            if case .char(let v) = input, let s = Unicode.Scalar(v), let key = Self.ss3Key(Character(s)) {
                return [.key(KeyChord(key))]
            }
            // Not a key after all: it was Alt-O.
            return [.key(.alt("O"))] + feed(input)
        }
        switch input {
        case .key(let k):
            var out: [InputEvent] = []
            if pendingEscape { pendingEscape = false; out.append(.key(KeyChord(.escape))) }
            if k == .pasteStart { pasting = true; paste = ""; return out }
            if let event = Self.event(for: k) { out.append(event) }
            return out
        case .char(let v):
            if pendingEscape {
                pendingEscape = false
                if v == 0x5B { csi = ""; return [] } // ESC [
                if v == 0x4F { ss3 = true; return [] } // ESC O
                if v == 0x1B { pendingEscape = true; return [.key(KeyChord(.escape))] }
                guard var chord = Self.chord(for: v) else { return [] }
                chord.alt = true
                return [.key(chord)]
            }
            if v == 0x1B { pendingEscape = true; return [] }
            return Self.chord(for: v).map { [.key($0)] } ?? []
        }
    }

    /// Called when no more input is immediately available.
    public mutating func endOfBatch() -> [InputEvent] {
        if ss3 { ss3 = false; return [.key(.alt("O"))] }
        if pendingEscape { pendingEscape = false; return [.key(KeyChord(.escape))] }
        return []
    }

    private mutating func feedPaste(_ input: RawInput) -> [InputEvent] {
        switch input {
        case .key(.pasteEnd):
            pasting = false
            return [.paste(paste)]
        case .key(.enter):
            paste.append("\n")
        case .key:
            break
        case .char(let v):
            // Raw `ESC [ 201 ~` when ncurses does not know the key.
            if let s = Unicode.Scalar(v) { paste.unicodeScalars.append(s == "\r" ? "\n" : s) }
            if paste.hasSuffix("\u{1B}[201~") {
                paste.removeLast(6)
                pasting = false
                return [.paste(paste)]
            }
        }
        return []
    }

    /// A finished CSI sequence (without `ESC [`) that names a key, with
    /// xterm modifiers (`1;5C`: 5 = Ctrl, 3 = Alt, 2 = Shift).
    static func csiKey(_ sequence: String) -> KeyChord? {
        guard let final = sequence.last else { return nil }
        let body = sequence.dropLast()
        let params = body.isEmpty ? [] : body.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        guard params.allSatisfy({ $0 != nil }) else { return nil }
        let numbers = params.compactMap { $0 }
        let modifier = numbers.count > 1 ? numbers[1] - 1 : 0
        let key: KeyChord.Key?
        switch final {
        case "~":
            switch numbers.first {
            case 1, 7: key = .home
            case 4, 8: key = .end
            case 3: key = .delete
            case 5: key = .pageUp
            case 6: key = .pageDown
            case let n? where (11...15).contains(n): key = .function(n - 10)
            case let n? where (17...21).contains(n): key = .function(n - 11)
            case let n? where (23...24).contains(n): key = .function(n - 12)
            default: key = nil
            }
        case "Z": key = .backTab
        default: key = ss3Key(final)
        }
        guard let key, modifier >= 0 else { return nil }
        return KeyChord(key, ctrl: modifier & 4 != 0, alt: modifier & 2 != 0)
    }

    /// The key after `ESC O` (and the final of `ESC [ A` … `ESC [ F`).
    static func ss3Key(_ final: Character) -> KeyChord.Key? {
        switch final {
        case "A": .up
        case "B": .down
        case "C": .right
        case "D": .left
        case "H": .home
        case "F": .end
        case "M": .enter
        case "P": .function(1)
        case "Q": .function(2)
        case "R": .function(3)
        case "S": .function(4)
        default: nil
        }
    }

    static func event(for key: RawKey) -> InputEvent? {
        let k: KeyChord.Key
        switch key {
        case .up: k = .up
        case .down: k = .down
        case .left: k = .left
        case .right: k = .right
        case .home: k = .home
        case .end: k = .end
        case .pageUp: k = .pageUp
        case .pageDown: k = .pageDown
        case .backspace: k = .backspace
        case .delete: k = .delete
        case .backTab: k = .backTab
        case .enter: k = .enter
        case .function(let n): k = .function(n)
        case .resize: return .resize
        case .mouseWheelUp: k = .pageUp
        case .mouseWheelDown: k = .pageDown
        case .pasteStart, .pasteEnd, .unknown: return nil
        }
        return .key(KeyChord(k))
    }

    /// A character code → chord: control codes become Ctrl chords, except
    /// Tab (9), Enter (13), Ctrl-J (10, kept as Ctrl-J) and Backspace (8, 127).
    static func chord(for v: UInt32) -> KeyChord? {
        switch v {
        case 9: return KeyChord(.tab)
        case 13: return KeyChord(.enter)
        case 8, 127: return KeyChord(.backspace)
        case 0: return KeyChord(.char(" "), ctrl: true)
        case 1...26: return KeyChord(.char(Character(Unicode.Scalar(v + 0x60)!)), ctrl: true)
        case 27...31: return nil
        default:
            guard let s = Unicode.Scalar(v), !(0x80...0x9F).contains(v) else { return nil }
            return KeyChord(.char(Character(s)))
        }
    }
}
