/// A run of text in one role.
public struct Span: Hashable, Sendable {
    public var text: String
    public var role: StyleRole
    public init(_ text: String, _ role: StyleRole) { self.text = text; self.role = role }
}

/// One laid-out row: spans whose total display width fits the width it was
/// laid out for.
public struct StyledLine: Hashable, Sendable {
    public var spans: [Span]
    public init(_ spans: [Span] = []) { self.spans = spans }
    public init(_ text: String, _ role: StyleRole) { self.spans = [Span(text, role)] }

    public var text: String { spans.map(\.text).joined() }
    public var width: Int { spans.reduce(0) { $0 + DisplayWidth.of($1.text) } }

    /// Draws the line at (x, y), clipped to `clip`.
    public func draw(into frame: inout Frame, x: Int, y: Int, clip: Rect) {
        var col = x
        for s in spans { col = frame.put(s.text, x: col, y: y, role: s.role, clip: clip) }
    }
}

/// Word wrapping of styled text (each grapheme keeps its role).
/// Same invariants as `Wrapping.wrap`: lines fit `width`, words break at
/// spaces, long words hard-break between graphemes, a wide grapheme is never split.
public enum StyledWrapping {
    public static func wrap(_ chars: [(Character, StyleRole)], width: Int) -> [StyledLine] {
        guard width > 0 else { return [] }
        var lines: [StyledLine] = []
        var line: [(Character, StyleRole)] = []
        var lineWidth = 0
        var word: [(Character, StyleRole)] = []
        var wordWidth = 0

        func flush() {
            while let last = line.last, last.0 == " " { line.removeLast(); lineWidth -= 1 }
            lines.append(makeLine(line))
            line = []; lineWidth = 0
        }
        func place() {
            guard !word.isEmpty else { return }
            if lineWidth + wordWidth <= width {
                line += word; lineWidth += wordWidth
            } else if wordWidth <= width {
                flush(); line = word; lineWidth = wordWidth
            } else {
                for ch in word {
                    let w = DisplayWidth.of(ch.0)
                    if w > width { continue }
                    if lineWidth + w > width { flush() }
                    line.append(ch); lineWidth += w
                }
            }
            word = []; wordWidth = 0
        }
        for ch in chars {
            if ch.0 == " " {
                place()
                if lineWidth + 1 <= width { line.append(ch); lineWidth += 1 } else { flush() }
            } else {
                word.append(ch); wordWidth += DisplayWidth.of(ch.0)
            }
        }
        place()
        while let last = line.last, last.0 == " " { line.removeLast() }
        lines.append(makeLine(line))
        return lines
    }

    static func makeLine(_ chars: [(Character, StyleRole)]) -> StyledLine {
        var spans: [Span] = []
        for (c, role) in chars {
            if let last = spans.last, last.role == role { spans[spans.count - 1].text.append(c) } else { spans.append(Span(String(c), role)) }
        }
        return StyledLine(spans)
    }
}
