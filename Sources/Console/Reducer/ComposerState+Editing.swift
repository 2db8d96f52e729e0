/// Grapheme-based editing of the composer text. Offsets count `Character`s,
/// so a wide CJK character or a ZWJ emoji moves and deletes as one.
extension ComposerState {
    mutating func insert(_ s: String) {
        let i = text.index(text.startIndex, offsetBy: cursor)
        text.insert(contentsOf: s, at: i)
        cursor += s.count
        historyIndex = nil
    }

    mutating func delete(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let lo = text.index(text.startIndex, offsetBy: range.lowerBound)
        let hi = text.index(lo, offsetBy: range.count)
        text.removeSubrange(lo..<hi)
        cursor = range.lowerBound
    }

    private var chars: [Character] { Array(text) }

    /// Offset of the start of the cursor's line.
    var lineStart: Int {
        let c = chars
        var i = cursor
        while i > 0, c[i - 1] != "\n" { i -= 1 }
        return i
    }

    /// Offset of the end of the cursor's line.
    var lineEnd: Int {
        let c = chars
        var i = cursor
        while i < c.count, c[i] != "\n" { i += 1 }
        return i
    }

    /// Ctrl-W: deletes spaces then the word before the cursor.
    mutating func deleteWordBack() {
        let c = chars
        var i = cursor
        while i > 0, c[i - 1] == " " { i -= 1 }
        while i > 0, c[i - 1] != " ", c[i - 1] != "\n" { i -= 1 }
        delete(i..<cursor)
    }

    func wordBoundary(back: Bool) -> Int {
        let c = chars
        var i = cursor
        if back {
            while i > 0, !c[i - 1].isLetterOrNumber { i -= 1 }
            while i > 0, c[i - 1].isLetterOrNumber { i -= 1 }
        } else {
            while i < c.count, !c[i].isLetterOrNumber { i += 1 }
            while i < c.count, c[i].isLetterOrNumber { i += 1 }
        }
        return i
    }

    /// Up/Down: moves between lines, or through history at the first/last line.
    mutating func moveVertically(_ step: Int) {
        let c = chars
        let start = lineStart, end = lineEnd
        let column = cursor - start
        if step < 0 && start > 0 {
            var prevStart = start - 1
            while prevStart > 0, c[prevStart - 1] != "\n" { prevStart -= 1 }
            cursor = min(prevStart + column, start - 1)
            return
        }
        if step > 0 && end < c.count {
            let nextStart = end + 1
            var nextEnd = nextStart
            while nextEnd < c.count, c[nextEnd] != "\n" { nextEnd += 1 }
            cursor = min(nextStart + column, nextEnd)
            return
        }
        browseHistory(step)
    }

    mutating func browseHistory(_ step: Int) {
        guard !history.isEmpty else { return }
        if step < 0 {
            if historyIndex == nil { draft = text; historyIndex = history.count - 1 }
            else if let h = historyIndex, h > 0 { historyIndex = h - 1 }
            else { return }
        } else {
            guard let h = historyIndex else { return }
            if h + 1 < history.count { historyIndex = h + 1 } else {
                historyIndex = nil; text = draft; cursor = text.count; return
            }
        }
        text = history[historyIndex!]
        cursor = text.count
    }
}

extension Character {
    var isLetterOrNumber: Bool { isLetter || isNumber }
}
