/// Grapheme-based editing of the composer text. Offsets count `Character`s,
/// so a wide CJK character or a ZWJ emoji moves and deletes as one; a
/// folded paste moves and deletes as one too.
extension ComposerState {
    /// Inserts at the cursor; `folded` shows the insertion as one placeholder.
    mutating func insert(_ s: String, folded: Bool = false) {
        let i = text.index(text.startIndex, offsetBy: cursor)
        text.insert(contentsOf: s, at: i)
        let n = s.count
        folds = folds.map { $0.lowerBound >= cursor ? ($0.lowerBound + n)..<($0.upperBound + n) : $0 }
        if folded && n > 0 {
            folds.append(cursor..<(cursor + n))
            folds.sort { $0.lowerBound < $1.lowerBound }
        }
        cursor += n
        historyIndex = nil
    }

    /// Deletes `range`, widened to take any fold it touches whole.
    mutating func delete(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        var lo = range.lowerBound, hi = range.upperBound
        for f in folds where f.overlaps(lo..<hi) {
            lo = min(lo, f.lowerBound)
            hi = max(hi, f.upperBound)
        }
        let a = text.index(text.startIndex, offsetBy: lo)
        let b = text.index(a, offsetBy: hi - lo)
        text.removeSubrange(a..<b)
        let n = hi - lo
        folds = folds.compactMap { f in
            if f.upperBound <= lo { return f }
            if f.lowerBound >= hi { return (f.lowerBound - n)..<(f.upperBound - n) }
            return nil
        }
        cursor = lo
    }

    /// Replaces the whole text (history recall): a large one is shown folded.
    mutating func replaceText(_ new: String) {
        text = new
        cursor = new.count
        folds = Self.shouldFold(new) && !new.isEmpty ? [0..<new.count] : []
    }

    /// Clears the text after sending.
    mutating func clear() {
        text = ""; cursor = 0; folds = []; historyIndex = nil; draft = ""
    }

    func fold(endingAt offset: Int) -> Range<Int>? { folds.first { $0.upperBound == offset } }
    func fold(startingAt offset: Int) -> Range<Int>? { folds.first { $0.lowerBound == offset } }

    /// One step left or right; a fold is one step.
    func step(from offset: Int, back: Bool) -> Int {
        if back {
            guard offset > 0 else { return 0 }
            return fold(endingAt: offset)?.lowerBound ?? offset - 1
        }
        guard offset < text.count else { return text.count }
        return fold(startingAt: offset)?.upperBound ?? offset + 1
    }

    /// `offset` moved out of any fold it falls inside (to the end it is nearer
    /// in the direction of travel).
    func snapped(_ offset: Int, back: Bool) -> Int {
        guard let f = folds.first(where: { $0.lowerBound < offset && offset < $0.upperBound }) else { return offset }
        return back ? f.lowerBound : f.upperBound
    }

    private var chars: [Character] { Array(text) }

    /// Offset of the start of the cursor's shown line (newlines inside a
    /// fold do not count).
    var lineStart: Int {
        let c = chars
        var i = cursor
        while i > 0 {
            if let f = fold(endingAt: i) { i = f.lowerBound; continue }
            if c[i - 1] == "\n" { break }
            i -= 1
        }
        return i
    }

    /// Offset of the end of the cursor's shown line.
    var lineEnd: Int {
        let c = chars
        var i = cursor
        while i < c.count {
            if let f = fold(startingAt: i) { i = f.upperBound; continue }
            if c[i] == "\n" { break }
            i += 1
        }
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
        // A fold next to the cursor is one word.
        if back, let f = fold(endingAt: i) { return f.lowerBound }
        if !back, let f = fold(startingAt: i) { return f.upperBound }
        // Word motion stops at a fold's edge.
        if back {
            while i > 0, fold(endingAt: i) == nil, !c[i - 1].isLetterOrNumber { i -= 1 }
            while i > 0, fold(endingAt: i) == nil, c[i - 1].isLetterOrNumber { i -= 1 }
        } else {
            while i < c.count, fold(startingAt: i) == nil, !c[i].isLetterOrNumber { i += 1 }
            while i < c.count, fold(startingAt: i) == nil, c[i].isLetterOrNumber { i += 1 }
        }
        return i
    }

    /// Up/Down: moves between lines, or through history at the first/last line.
    mutating func moveVertically(_ step: Int) {
        let c = chars
        let start = lineStart, end = lineEnd
        let column = cursor - start
        if step < 0 && start > 0 {
            cursor = start - 1
            let prevStart = lineStart
            cursor = snapped(min(prevStart + column, start - 1), back: true)
            return
        }
        if step > 0 && end < c.count {
            cursor = end + 1
            let nextEnd = lineEnd
            cursor = snapped(min(end + 1 + column, nextEnd), back: true)
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
                historyIndex = nil; replaceText(draft); return
            }
        }
        replaceText(history[historyIndex!])
    }
}

extension Character {
    var isLetterOrNumber: Bool { isLetter || isNumber }
}
