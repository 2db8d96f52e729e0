/// Tool output, arguments and diffs as monospace blocks: no Markdown, no
/// word wrapping (columns stay where the tool put them); lines longer than
/// the width continue on the next row. Input is sanitised text.
enum MonoBlock {
    static func lines(_ text: String, width: Int, role: StyleRole) -> [StyledLine] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { chunks($0, width: width).map { StyledLine($0, role) } }
    }

    /// A unified diff: added lines `diff.add`, removed `diff.remove`, hunk
    /// and file headers `diff.hunk`, context in `base`.
    static func diff(_ text: String, width: Int, base: StyleRole) -> [StyledLine] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            chunks(line, width: width).map { StyledLine($0, role(of: line, base: base)) }
        }
    }

    static func role(of line: Substring, base: StyleRole) -> StyleRole {
        if line.hasPrefix("@@") || line.hasPrefix("+++") || line.hasPrefix("---") { return "diff.hunk" }
        if line.hasPrefix("+") { return "diff.add" }
        if line.hasPrefix("-") { return "diff.remove" }
        return base
    }

    /// `line` cut into pieces of at most `width` columns (a wide character
    /// that cannot fit at all is dropped rather than split).
    static func chunks(_ line: Substring, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        var rest = line
        repeat {
            let piece = Truncation.prefix(rest, fitting: width).text
            if piece.isEmpty, !rest.isEmpty { rest = rest.dropFirst(); continue }
            out.append(String(piece))
            rest = rest[piece.endIndex...]
        } while !rest.isEmpty
        return out
    }
}
