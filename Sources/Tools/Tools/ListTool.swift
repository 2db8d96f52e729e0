import Runtime

/// `list {path?, glob?}`: entries under a folder, recursively, one per line
/// relative to the working directory, folders with a trailing `/`.
enum ListTool {
    static let maxEntries = 1_000

    static let spec = ToolSpec(
        name: .list,
        description: """
            List the files and folders under a folder of the working directory, recursively (folders end with /, \
            .git is skipped, symlinks are listed but not followed). Optional glob: without a slash it matches names \
            (*.swift), with a slash the path under the folder. At most \(maxEntries) entries.
            """,
        parameters: .object([
            "type": .string("object"),
            "properties": .object([
                "path": .object(["type": .string("string"), "description": .string("Folder to list, relative to the working directory. Default: the working directory.")]),
                "glob": .object(["type": .string("string"), "description": .string("Only entries matching this glob (fnmatch).")]),
            ]),
            "additionalProperties": .bool(false),
        ])
    )

    static func run(_ arguments: ListArguments, in workdir: Workdir, cancellation: CancellationFlag) throws(ToolFailure) -> ToolOutput {
        let path = try workdir.resolve(arguments.path ?? ".")
        switch FileIO.kind(path.real) {
        case .missing: throw .error("no such folder: \(path.display)")
        case .directory: break
        case .file, .other: return ToolOutput(text: workdir.relative(path.real) + "\n")
        }
        let glob = arguments.glob.map(Glob.init)
        var lines: [String] = []
        var truncated = false
        try TreeWalk(start: path.real, cancellation: cancellation).walk { entry in
            guard glob?.matches(entry) ?? true else { return true }
            guard lines.count < maxEntries else { truncated = true; return false }
            lines.append(workdir.relative(entry.real) + (entry.kind == .directory ? "/" : ""))
            return true
        }
        guard !lines.isEmpty else {
            return ToolOutput(text: arguments.glob == nil ? "(\(path.display) is empty)\n" : "(nothing under \(path.display) matches the glob)\n")
        }
        var text = lines.joined(separator: "\n") + "\n"
        if truncated { text += "[stopped at \(maxEntries) entries; narrow the listing with path or glob]\n" }
        return ToolOutput(text: text, truncated: truncated)
    }
}
