import Runtime

/// `read {path, offset?, limit?}`: numbered lines of a text file, `cat -n`
/// style (the number right-aligned in 6 columns, a tab, the text).
enum ReadTool {
    static let maxLines = 2_000
    static let maxOutputBytes = 64 * 1024
    /// Larger files are refused (bash reads parts of them without loading them whole).
    static let maxFileBytes = 16 * 1024 * 1024

    static let spec = ToolSpec(
        name: .read,
        description: """
            Read a text file in the working directory. Lines are numbered from 1 (number, tab, text). \
            Shows at most \(maxLines) lines and 64 KiB per call; use offset and limit to page through longer files. \
            Binary files are refused.
            """,
        parameters: .object([
            "type": .string("object"),
            "properties": .object([
                "path": .object(["type": .string("string"), "description": .string("File path, relative to the working directory.")]),
                "offset": .object(["type": .string("integer"), "minimum": .number(1), "description": .string("First line to show (1-based). Default 1.")]),
                "limit": .object(["type": .string("integer"), "minimum": .number(1), "maximum": .number(Double(maxLines)), "description": .string("How many lines to show. Default and maximum \(maxLines).")]),
            ]),
            "required": .array([.string("path")]),
            "additionalProperties": .bool(false),
        ])
    )

    static func run(_ arguments: ReadArguments, in workdir: Workdir) throws(ToolFailure) -> ToolOutput {
        let path = try workdir.resolve(arguments.path)
        let bytes = try FileIO.read(path.real, display: path.display, maxBytes: maxFileBytes)
        guard !TextLines.isBinary(bytes) else { throw .error("\(path.display) is a binary file; read shows text files only") }
        let lines = TextLines(bytes).lines
        guard !lines.isEmpty else { return ToolOutput(text: "(\(path.display) is empty)") }
        let first = arguments.offset ?? 1
        guard first <= lines.count else {
            throw .error("offset \(first) is past the end of \(path.display) (\(lines.count) lines)")
        }
        let wanted = min(arguments.limit ?? maxLines, maxLines)
        let last = min(lines.count, first + wanted - 1)

        var out: [UInt8] = []
        var shownLast = first - 1
        var cutLine = false
        for number in first...last {
            var line = Array(numberPrefix(number).utf8)
            line.append(contentsOf: lines[number - 1])
            line.append(UInt8(ascii: "\n"))
            if out.count + line.count > maxOutputBytes {
                if shownLast < first {
                    // One line longer than the whole cap: show its start.
                    out.append(contentsOf: UTF8Cut.prefix(line, maxBytes: maxOutputBytes - 1))
                    out.append(UInt8(ascii: "\n"))
                    shownLast = number
                    cutLine = true
                }
                break
            }
            out.append(contentsOf: line)
            shownLast = number
        }
        var text = String(decoding: out, as: UTF8.self)
        // Capped: less than asked for (all of the rest, without a limit).
        // (A limit may be any Int: clamp before adding.)
        let asked = min(lines.count, arguments.limit.map { first - 1 + min($0, lines.count) } ?? lines.count)
        let truncated = cutLine || shownLast < asked
        if cutLine {
            text += "[line \(shownLast) is longer than 64 KiB and was cut; use bash to see all of it]\n"
        }
        if shownLast < lines.count {
            text += "[showed lines \(first)–\(shownLast) of \(lines.count); continue with offset \(shownLast + 1)]\n"
        }
        return ToolOutput(text: text, truncated: truncated)
    }

    private static func numberPrefix(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: " ", count: max(0, 6 - digits.count)) + digits + "\t"
    }
}
