/// Makes untrusted text (model replies, legacy files, labels) safe to lay out.
///
/// Invariants of the output:
/// - no ESC and no C0/C1 control character except `\n`;
/// - escape sequences are removed whole: CSI (`ESC [` … final byte), OSC,
///   DCS, SOS, PM and APC (`ESC ]`, `ESC P`, `ESC X`, `ESC ^`, `ESC _` …
///   up to BEL, ST or the end of the line), their 8-bit C1 forms (U+009B,
///   U+009D, U+0090, …) and two-byte `ESC x` sequences;
/// - a tab becomes `tabWidth` spaces; `\r` is dropped (CRLF → LF); U+2028 and
///   U+2029 become `\n`;
/// - bidi embeddings/overrides/isolates (U+202A–202E, U+2066–2069) and every
///   other invisible format character (general category Cf) are shown as
///   `placeholder` (U+2370 `⍰`), except ZWJ/ZWNJ which shape emoji and
///   scripts and cannot reorder text;
/// - invalid UTF-8 becomes U+FFFD `�` (the standard replacement character).
/// Linear in the input; safe on a 1 MiB line.
public enum Sanitiser {
    public static let placeholder: Unicode.Scalar = "\u{2370}"
    public static let tabWidth = 4

    /// Decodes bytes, replacing invalid UTF-8 with U+FFFD, then cleans.
    public static func clean(bytes: some Collection<UInt8>) -> String {
        clean(String(decoding: bytes, as: UTF8.self))
    }

    /// Cleans text for display. Multi-line text keeps its newlines.
    public static func clean(_ text: String) -> String {
        if isAlreadyClean(text) { return text }
        var out = String.UnicodeScalarView()
        var state = ParseState.text
        for s in text.unicodeScalars {
            let v = s.value
            switch state {
            case .text:
                break
            case .escape:
                // Second byte of an ESC sequence decides its kind.
                switch v {
                case 0x5B: state = .csi
                case 0x5D, 0x50, 0x58, 0x5E, 0x5F: state = .string
                case 0x20...0x2F: state = .escapeIntermediate
                default: state = .text
                }
                if v == 0x0A { out.append(s); state = .text }
                continue
            case .escapeIntermediate:
                if v == 0x0A { out.append(s); state = .text } else if !(0x20...0x2F).contains(v) { state = .text }
                continue
            case .csi:
                if v == 0x0A { out.append(s); state = .text } else if (0x40...0x7E).contains(v) || v == 0x1B { state = v == 0x1B ? .escape : .text }
                continue
            case .string:
                if v == 0x07 || v == 0x9C { state = .text } else if v == 0x1B { state = .stringEscape } else if v == 0x0A { out.append(s); state = .text }
                continue
            case .stringEscape:
                // ESC \ is ST; any other ESC x ends the string and starts over.
                state = v == 0x5C ? .text : .string
                if v == 0x0A { out.append(s); state = .text }
                continue
            }
            switch v {
            case 0x0A: out.append(s)
            case 0x09: for _ in 0..<tabWidth { out.append(" ") }
            case 0x1B: state = .escape
            case 0x9B: state = .csi
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F: state = .string
            case 0x2028, 0x2029: out.append("\n")
            case 0x200C, 0x200D: out.append(s)
            case 0x00...0x1F, 0x7F...0x9F: continue
            default:
                if s.properties.generalCategory == .format { out.append(placeholder) } else { out.append(s) }
            }
        }
        return String(out)
    }

    /// Strips newlines too: for labels, ids and other single-line fields.
    public static func cleanLine(_ text: String) -> String {
        let c = clean(text)
        return c.contains("\n") ? c.replacingNewlines() : c
    }

    private enum ParseState { case text, escape, escapeIntermediate, csi, string, stringEscape }

    /// Fast path: printable ASCII and newlines need no work.
    private static func isAlreadyClean(_ text: String) -> Bool {
        for b in text.utf8 where b >= 0x7F || (b < 0x20 && b != 0x0A) { return false }
        return true
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\n" ? " " : $0 }))
    }
}
