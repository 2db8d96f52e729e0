import Runtime

/// `edit {path, old, new, replace_all?}`: replaces text in a file. `old` must
/// occur exactly once unless `replace_all`; the file keeps its line endings
/// (in a CRLF file, the LFs of `old` and `new` are matched and written as CRLF).
enum EditTool {
    static let spec = ToolSpec(
        name: .edit,
        description: """
            Replace text in a file of the working directory. old must occur exactly once in the file \
            (include enough surrounding lines to make it unique) unless replace_all is true. \
            The file keeps its line endings. The result carries a unified diff.
            """,
        parameters: .object([
            "type": .string("object"),
            "properties": .object([
                "path": .object(["type": .string("string"), "description": .string("File path, relative to the working directory.")]),
                "old": .object(["type": .string("string"), "description": .string("The exact text to replace.")]),
                "new": .object(["type": .string("string"), "description": .string("The text to put in its place.")]),
                "replace_all": .object(["type": .string("boolean"), "description": .string("Replace every occurrence. Default false.")]),
            ]),
            "required": .array([.string("path"), .string("old"), .string("new")]),
            "additionalProperties": .bool(false),
        ])
    )

    /// `dryRun`: compute the diff an approval review shows, touching nothing.
    static func run(_ arguments: EditArguments, in workdir: Workdir, dryRun: Bool = false) throws(ToolFailure) -> ToolOutput {
        let path = try workdir.resolve(arguments.path)
        let bytes = try FileIO.read(path.real, display: path.display, maxBytes: ReadTool.maxFileBytes)
        guard !TextLines.isBinary(bytes) else { throw .error("\(path.display) is a binary file; edit changes text files only") }

        // Bytes, not Characters: in a String, CRLF is one Character and "\n"
        // would never match inside it.
        let crlf = bytes.firstRange(of: Array("\r\n".utf8)) != nil
        let old = lineEndings(arguments.old, crlf: crlf)
        let new = lineEndings(arguments.new, crlf: crlf)
        let ranges = bytes.ranges(of: old)
        if ranges.isEmpty { throw .error("\"old\" does not occur in \(path.display); nothing was changed (read the file to copy the exact text)") }
        if ranges.count > 1, arguments.replaceAll != true {
            throw .error("\"old\" occurs \(ranges.count) times in \(path.display); nothing was changed (include more surrounding text to make it unique, or set replace_all)")
        }
        var edited: [UInt8] = []
        edited.reserveCapacity(bytes.count + (new.count - old.count) * ranges.count)
        var cursor = bytes.startIndex
        for range in ranges {
            edited.append(contentsOf: bytes[cursor..<range.lowerBound])
            edited.append(contentsOf: new)
            cursor = range.upperBound
        }
        edited.append(contentsOf: bytes[cursor...])
        if !dryRun { try FileIO.write(edited, to: path.real, display: path.display) }

        let diff = UnifiedDiff.make(old: String(decoding: bytes, as: UTF8.self), new: String(decoding: edited, as: UTF8.self), path: workdir.relative(path.real))
        let count = ranges.count == 1 ? "1 replacement" : "\(ranges.count) replacements"
        return ToolOutput(text: "edited \(path.display) (\(count))\n", diff: diff)
    }

    /// The text's bytes with the file's line endings.
    private static func lineEndings(_ text: String, crlf: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            if crlf, byte == UInt8(ascii: "\n"), bytes.last != UInt8(ascii: "\r") { bytes.append(UInt8(ascii: "\r")) }
            bytes.append(byte)
        }
        return bytes
    }
}
