import Foundation
import Registry

/// Plain CLI output is sanitised like the console's: no escape sequence from
/// a model or a legacy file reaches the terminal.
enum PlainText {
    /// Keeps newlines (and tabs as spaces); drops ESC and every other C0/C1
    /// control; shows bidi overrides and other invisible format characters
    /// as `⍰`.
    static func sanitise(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out.append(scalar)
            case 0x09: out.append(contentsOf: "    ".unicodeScalars)
            case 0x00...0x1F, 0x7F...0x9F: continue
            default:
                if scalar.properties.generalCategory == .format {
                    out.append("⍰")
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    /// One line: sanitised, newlines folded to spaces.
    static func line(_ text: String) -> String {
        sanitise(text).replacingOccurrences(of: "\n", with: " ")
    }
}

/// Writes to stdout without buffering surprises for streamed output.
func out(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

func printJSON<T: Encodable>(_ value: T) {
    out(ProjectionJSON.string(value) + "\n")
}
