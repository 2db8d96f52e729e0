/// Wrapping text into lines of a display width.
///
/// Invariants: every produced line has `DisplayWidth` ≤ `width` (for
/// `width ≥ 2`; a width-1 column drops wide graphemes rather than overflow);
/// explicit newlines always break; words break at spaces, and a word longer
/// than the width is hard-broken between graphemes; trailing spaces at a
/// soft break are dropped. An empty input gives one empty line.
public enum Wrapping {
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            wrapParagraph(paragraph, width: width, into: &lines)
        }
        return lines
    }

    private static func wrapParagraph(_ text: Substring, width: Int, into lines: inout [String]) {
        if text.isEmpty { lines.append(""); return }
        var line = ""
        var lineWidth = 0
        var word = ""
        var wordWidth = 0

        func flushLine() {
            while line.last == " " { line.removeLast(); lineWidth -= 1 }
            lines.append(line)
            line = ""
            lineWidth = 0
        }
        func placeWord() {
            if word.isEmpty { return }
            if lineWidth + wordWidth <= width {
                line += word; lineWidth += wordWidth
            } else if wordWidth <= width {
                flushLine()
                line = word; lineWidth = wordWidth
            } else {
                // Hard break: fill the current line, then continue.
                for c in word {
                    let w = DisplayWidth.of(c)
                    if w > width { continue }
                    if lineWidth + w > width { flushLine() }
                    line.append(c); lineWidth += w
                }
            }
            word = ""; wordWidth = 0
        }

        for c in text {
            if c == " " {
                placeWord()
                if lineWidth + 1 <= width { line.append(" "); lineWidth += 1 } else { flushLine() }
            } else {
                word.append(c)
                wordWidth += DisplayWidth.of(c)
            }
        }
        placeWord()
        while line.last == " " { line.removeLast(); lineWidth -= 1 }
        lines.append(line)
    }
}
