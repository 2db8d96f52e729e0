/// A unified diff (`git diff` style, 3 lines of context) of two texts, built
/// from the standard library's `CollectionDifference`.
///
/// Lines keep their terminator while compared, so `a` and `a⏎` differ and
/// the last line says `\ No newline at end of file` as git does; a CR before
/// the LF is not shown.
public enum UnifiedDiff {
    public static let context = 3

    /// The diff of `old` to `new` with `--- a/PATH` / `+++ b/PATH` headers
    /// (`--- /dev/null` when `old` is nil: a new file), or nil when nothing changed.
    public static func make(old: String?, new: String, path: String) -> String? {
        let oldLines = old.map(splitKeepingTerminators) ?? []
        let newLines = splitKeepingTerminators(new)
        guard oldLines != newLines || (old == nil && !new.isEmpty) else { return nil }
        let difference = newLines.difference(from: oldLines)
        let operations = editScript(oldCount: oldLines.count, newCount: newLines.count, difference: difference)

        var out = (old == nil ? "--- /dev/null\n" : "--- a/\(path)\n") + "+++ b/\(path)\n"
        for hunk in hunks(of: operations) {
            let oldStart = hunk.oldCount == 0 ? hunk.oldStart : hunk.oldStart + 1
            let newStart = hunk.newCount == 0 ? hunk.newStart : hunk.newStart + 1
            out += "@@ -\(range(oldStart, hunk.oldCount)) +\(range(newStart, hunk.newCount)) @@\n"
            for operation in operations[hunk.operations] {
                switch operation {
                case let .keep(oldIndex, _): out += line(" ", oldLines[oldIndex])
                case let .remove(oldIndex): out += line("-", oldLines[oldIndex])
                case let .insert(newIndex): out += line("+", newLines[newIndex])
                }
            }
        }
        return out
    }

    enum Operation: Equatable {
        case keep(old: Int, new: Int)
        case remove(old: Int)
        case insert(new: Int)
    }

    /// Walks both sides in order; within a change, removals come before
    /// insertions (as git prints them).
    static func editScript(oldCount: Int, newCount: Int, difference: CollectionDifference<Substring>) -> [Operation] {
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case let .remove(offset, _, _): removed.insert(offset)
            case let .insert(offset, _, _): inserted.insert(offset)
            }
        }
        var operations: [Operation] = []
        var i = 0, j = 0
        while i < oldCount || j < newCount {
            if i < oldCount, removed.contains(i) {
                operations.append(.remove(old: i)); i += 1
            } else if j < newCount, inserted.contains(j) {
                operations.append(.insert(new: j)); j += 1
            } else {
                operations.append(.keep(old: i, new: j)); i += 1; j += 1
            }
        }
        return operations
    }

    struct Hunk {
        var operations: Range<Int>
        var oldStart: Int, oldCount: Int, newStart: Int, newCount: Int
    }

    /// Changes with up to `context` kept lines around them; changes closer
    /// than twice that share a hunk.
    static func hunks(of operations: [Operation]) -> [Hunk] {
        let changed = operations.indices.filter { if case .keep = operations[$0] { false } else { true } }
        guard let first = changed.first else { return [] }
        var ranges: [Range<Int>] = []
        var start = max(0, first - context), end = first + 1
        for index in changed.dropFirst() {
            if index - end <= 2 * context { end = index + 1 } else {
                ranges.append(start..<min(operations.count, end + context))
                start = index - context; end = index + 1
            }
        }
        ranges.append(start..<min(operations.count, end + context))

        return ranges.map { range in
            // Lines before the hunk on each side.
            var oldBefore = 0, newBefore = 0
            for operation in operations[..<range.lowerBound] {
                switch operation {
                case .keep: oldBefore += 1; newBefore += 1
                case .remove: oldBefore += 1
                case .insert: newBefore += 1
                }
            }
            var oldCount = 0, newCount = 0
            for operation in operations[range] {
                switch operation {
                case .keep: oldCount += 1; newCount += 1
                case .remove: oldCount += 1
                case .insert: newCount += 1
                }
            }
            return Hunk(operations: range, oldStart: oldBefore, oldCount: oldCount, newStart: newBefore, newCount: newCount)
        }
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(start),\(count)"
    }

    private static func line(_ marker: String, _ text: Substring) -> String {
        // CRLF is one Character: dropLast() drops both bytes.
        if text.hasSuffix("\r\n") { return marker + text.dropLast() + "\n" }
        if text.hasSuffix("\n") { return marker + text }
        return marker + text + "\n\\ No newline at end of file\n"
    }

    /// Lines with their terminators, split on LF. Split on the UTF-8 view:
    /// `Character` treats CRLF as one character.
    static func splitKeepingTerminators(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var start = text.utf8.startIndex
        for index in text.utf8.indices where text.utf8[index] == UInt8(ascii: "\n") {
            let end = text.utf8.index(after: index)
            lines.append(text[start..<end])
            start = end
        }
        if start < text.utf8.endIndex { lines.append(text[start...]) }
        return lines
    }
}
