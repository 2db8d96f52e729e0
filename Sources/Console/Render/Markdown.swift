/// Light Markdown for model text: fenced code blocks, headings, bullet and
/// numbered lists, inline code, emphasis (`*x*`, `_x_`) and strong (`**x**`).
/// Input is sanitised text; output is wrapped styled lines. Markup that does
/// not close is shown literally. Never fails.
public enum Markdown {
    public static func layout(_ text: String, width: Int, base: StyleRole) -> [StyledLine] {
        guard width > 0 else { return [] }
        var out: [StyledLine] = []
        var inFence = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            layoutLine(rawLine, width: width, base: base, inFence: &inFence, into: &out)
        }
        return out
    }

    /// Lays out one line (no `\n` in it). A line's rows depend only on the
    /// line and on whether it is inside a fence (`inFence`, updated here):
    /// what lets a streaming reply lay out its lines one at a time.
    static func layoutLine(_ rawLine: Substring, width: Int, base: StyleRole, inFence: inout Bool,
                           into out: inout [StyledLine]) {
        let trimmed = rawLine.drop { $0 == " " }
        if trimmed.hasPrefix("```") {
            inFence.toggle()
            out.append(StyledLine(String(repeating: "─", count: min(width, 3)), "markdown.fence"))
            return
        }
        if inFence {
            let chars = rawLine.map { ($0, StyleRole("markdown.code")) }
            out += StyledWrapping.wrap(chars, width: width)
            return
        }
        if let level = headingLevel(trimmed) {
            let body = trimmed.dropFirst(level).drop { $0 == " " }
            out += StyledWrapping.wrap(inline(body, base: "markdown.heading"), width: width)
            return
        }
        if let item = listItem(trimmed) {
            let (marker, body) = item
            let indent = rawLine.count - trimmed.count
            let prefix = String(repeating: " ", count: min(indent, 8)) + marker
            let pw = DisplayWidth.of(prefix)
            guard width > pw + 1 else {
                out += StyledWrapping.wrap(inline(Substring(prefix) + body, base: base), width: width)
                return
            }
            let wrapped = StyledWrapping.wrap(inline(body, base: base), width: width - pw)
            for (i, l) in wrapped.enumerated() {
                let lead = i == 0 ? Span(prefix, "markdown.bullet") : Span(String(repeating: " ", count: pw), base)
                out.append(StyledLine([lead] + l.spans))
            }
            return
        }
        out += StyledWrapping.wrap(inline(rawLine, base: base), width: width)
    }

    static func headingLevel(_ line: Substring) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    static func listItem(_ line: Substring) -> (String, Substring)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") {
            return ("• ", line.dropFirst(2))
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 3, line.dropFirst(digits.count).hasPrefix(". ") {
            return (String(digits) + ". ", line.dropFirst(digits.count + 2))
        }
        return nil
    }

    /// Inline markup → characters with roles. Delimiters are removed only
    /// when they close on the same line.
    static func inline(_ text: Substring, base: StyleRole) -> [(Character, StyleRole)] {
        let chars = Array(text)
        var out: [(Character, StyleRole)] = []
        out.reserveCapacity(chars.count)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "`", let close = find("`", in: chars, from: i + 1) {
                for j in (i + 1)..<close { out.append((chars[j], "markdown.code")) }
                i = close + 1; continue
            }
            if c == "*", i + 1 < chars.count, chars[i + 1] == "*",
               let close = findPair("*", in: chars, from: i + 2), close > i + 2 {
                for j in (i + 2)..<close { out.append((chars[j], "markdown.strong")) }
                i = close + 2; continue
            }
            if (c == "*" || c == "_"), i + 1 < chars.count, chars[i + 1] != " ", chars[i + 1] != c,
               (i == 0 || chars[i - 1] == " "), let close = find(c, in: chars, from: i + 1), close > i + 1 {
                for j in (i + 1)..<close { out.append((chars[j], "markdown.emphasis")) }
                i = close + 1; continue
            }
            out.append((c, base))
            i += 1
        }
        return out
    }

    private static func find(_ c: Character, in chars: [Character], from: Int) -> Int? {
        var j = from
        while j < chars.count { if chars[j] == c { return j }; j += 1 }
        return nil
    }

    private static func findPair(_ c: Character, in chars: [Character], from: Int) -> Int? {
        var j = from
        while j + 1 < chars.count { if chars[j] == c && chars[j + 1] == c { return j }; j += 1 }
        return nil
    }
}
