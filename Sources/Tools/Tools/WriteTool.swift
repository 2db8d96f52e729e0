import Runtime

/// `write {path, content}`: creates or overwrites a file (and the folders it
/// needs, inside the working directory); the result carries a unified diff.
enum WriteTool {
    static let maxContentBytes = 1024 * 1024

    static let spec = ToolSpec(
        name: .write,
        description: """
            Create or overwrite a file in the working directory with the given content (at most 1 MiB), \
            creating missing folders. Prefer edit for changing part of an existing file.
            """,
        parameters: .object([
            "type": .string("object"),
            "properties": .object([
                "path": .object(["type": .string("string"), "description": .string("File path, relative to the working directory.")]),
                "content": .object(["type": .string("string"), "description": .string("The whole new content of the file.")]),
            ]),
            "required": .array([.string("path"), .string("content")]),
            "additionalProperties": .bool(false),
        ])
    )

    /// `dryRun`: compute the diff an approval review shows, touching nothing.
    static func run(_ arguments: WriteArguments, in workdir: Workdir, dryRun: Bool = false) throws(ToolFailure) -> ToolOutput {
        let path = try workdir.resolve(arguments.path)
        let shown = workdir.relative(path.real)
        var old: [UInt8]? = nil
        switch FileIO.kind(path.real) {
        case .missing:
            let parent = String(path.real[..<(path.real.lastIndex(of: "/") ?? path.real.startIndex)])
            if !parent.isEmpty, !dryRun { try FileIO.makeDirectories(parent, display: path.display) }
        case .file:
            old = try FileIO.read(path.real, display: path.display, maxBytes: ReadTool.maxFileBytes)
        case .directory: throw .error("\(path.display) is a folder")
        case .other: throw .error("\(path.display) is not a regular file")
        }
        let new = Array(arguments.content.utf8)
        if !dryRun { try FileIO.write(new, to: path.real, display: path.display) }

        let diff: String?
        if let old, TextLines.isBinary(old) {
            diff = "Binary file \(shown) replaced by text\n"
        } else {
            diff = UnifiedDiff.make(old: old.map { String(decoding: $0, as: UTF8.self) }, new: arguments.content, path: shown)
        }
        let lines = TextLines(new).lines.count
        let verb = old == nil ? "created" : (old == new ? "unchanged" : "wrote")
        return ToolOutput(text: "\(verb) \(path.display) (\(lines) lines, \(new.count) bytes)\n", diff: diff)
    }
}
