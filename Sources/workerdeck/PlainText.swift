import Console
import Foundation
import Registry

/// Plain CLI output is sanitised exactly like the console's (one sanitiser,
/// in `Console`): no escape sequence from a model or a legacy file reaches
/// the terminal.
enum PlainText {
    /// Keeps newlines; removes escape sequences whole and every other control.
    static func sanitise(_ text: String) -> String {
        Sanitiser.clean(text)
    }

    /// One line: sanitised, newlines folded.
    static func line(_ text: String) -> String {
        Sanitiser.cleanLine(text)
    }
}

/// Writes to stdout without buffering surprises for streamed output.
func out(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

func printJSON<T: Encodable>(_ value: T) {
    out(ProjectionJSON.string(value) + "\n")
}
