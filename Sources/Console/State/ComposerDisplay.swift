import Foundation

/// What the composer shows: its text with each folded paste replaced by a
/// one-line placeholder, split into lines of segments, and where the cursor
/// falls in that view.
public struct ComposerSegment: Hashable, Sendable {
    public var text: String
    /// A placeholder standing for a folded paste.
    public var isFold: Bool
}

extension ComposerState {
    /// Pastes with more lines or characters than this are folded.
    public static let foldLineThreshold = 8
    public static let foldCharacterThreshold = 1_000

    /// Whether pasted `text` is large enough to be shown folded.
    public static func shouldFold(_ text: String) -> Bool {
        text.count > foldCharacterThreshold || lineCount(text[...]) > foldLineThreshold
    }

    /// Lines in `text`; a final newline ends the last line, it does not start one.
    static func lineCount(_ text: Substring) -> Int {
        let newlines = text.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
        return text.last == "\n" || text.isEmpty ? newlines : newlines + 1
    }

    /// "[pasted 120 lines, 4.2 KB]": the placeholder for `text`.
    public static func foldLabel(_ text: Substring) -> String {
        let lines = lineCount(text)
        let bytes = text.utf8.count
        let size = bytes < 1024 ? "\(bytes) B" : String(format: "%.1f KB", Double(bytes) / 1024)
        return "[pasted \(lines) line\(lines == 1 ? "" : "s"), \(size)]"
    }

    /// The shown lines; each is a list of plain and placeholder segments.
    public var displayLines: [[ComposerSegment]] { display().lines }

    /// The shown lines and the cursor's (line, grapheme column) in them.
    public func display() -> (lines: [[ComposerSegment]], cursorLine: Int, cursorColumn: Int) {
        var lines: [[ComposerSegment]] = [[]]
        var plain = ""
        var cursorLine = 0, cursorColumn = 0
        var column = 0 // graphemes on the current shown line
        var offset = 0
        var i = text.startIndex
        var foldIndex = 0
        func flushPlain() {
            if !plain.isEmpty { lines[lines.count - 1].append(ComposerSegment(text: plain, isFold: false)); plain = "" }
        }
        while true {
            if offset == cursor { cursorLine = lines.count - 1; cursorColumn = column }
            guard i < text.endIndex else { break }
            if foldIndex < folds.count, folds[foldIndex].lowerBound == offset {
                let fold = folds[foldIndex]
                let end = text.index(i, offsetBy: fold.count, limitedBy: text.endIndex) ?? text.endIndex
                flushPlain()
                let label = Self.foldLabel(text[i..<end])
                lines[lines.count - 1].append(ComposerSegment(text: label, isFold: true))
                column += label.count
                offset = fold.upperBound
                i = end
                foldIndex += 1
                continue
            }
            let c = text[i]
            if c == "\n" {
                flushPlain()
                lines.append([])
                column = 0
            } else {
                plain.append(c)
                column += 1
            }
            offset += 1
            i = text.index(after: i)
        }
        flushPlain()
        return (lines, cursorLine, cursorColumn)
    }
}
