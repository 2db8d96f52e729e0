/// Cutting text to a display width.
///
/// Invariants: the result's `DisplayWidth` is ≤ the requested width; a wide
/// grapheme is never split (it is dropped whole and the column left for `…`
/// or padding); text that already fits is returned unchanged.
public enum Truncation {
    public static let ellipsis: Character = "…"

    /// `text` cut to at most `width` columns, ending in `…` when cut.
    public static func truncate<S: StringProtocol>(_ text: S, toWidth width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return String(text) }
        var out = ""
        var used = 0
        let budget = width - 1 // room for the ellipsis
        for c in text {
            let w = DisplayWidth.of(c)
            if used + w > budget { break }
            out.append(c)
            used += w
        }
        out.append(ellipsis)
        return out
    }

    /// The longest prefix of `text` that fits `width` columns, without an
    /// ellipsis, and the width it occupies.
    public static func prefix<S: StringProtocol>(_ text: S, fitting width: Int) -> (text: Substring, width: Int) {
        var used = 0
        var end = text.startIndex
        var i = text.startIndex
        while i < text.endIndex {
            let w = DisplayWidth.of(text[i])
            if used + w > width { break }
            used += w
            i = text.index(after: i)
            end = i
        }
        return (Substring(text[text.startIndex..<end]), used)
    }

    /// The longest suffix of `text` that fits `width` columns (for fields
    /// whose end, where typing happens, must stay visible).
    public static func suffix<S: StringProtocol>(_ text: S, width: Int) -> Substring {
        var used = 0
        var start = text.endIndex
        while start > text.startIndex {
            let previous = text.index(before: start)
            let w = DisplayWidth.of(text[previous])
            if used + w > width { break }
            used += w
            start = previous
        }
        return Substring(text[start..<text.endIndex])
    }

    /// `text` padded with spaces (or cut with `…`) to exactly `width` columns.
    public static func fit<S: StringProtocol>(_ text: S, width: Int) -> String {
        guard width > 0 else { return "" }
        let cut = truncate(text, toWidth: width)
        let w = DisplayWidth.of(cut)
        return w < width ? cut + String(repeating: " ", count: width - w) : cut
    }
}
