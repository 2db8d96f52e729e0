import Foundation
import Runtime

/// `grep {pattern, path?, glob?, regex?}`: matching lines as `file:line: text`,
/// files relative to the working directory, in `list` order.
enum GrepTool {
    static let maxMatches = 500
    static let maxOutputBytes = 64 * 1024
    /// Longer lines show their start only.
    static let maxLineBytes = 512
    /// Larger files are skipped (and counted in the output).
    static let maxFileBytes = 16 * 1024 * 1024

    static let spec = ToolSpec(
        name: .grep,
        description: """
            Search text files under the working directory (or one file) for a pattern: literal text by default, \
            a regular expression (ICU syntax) when regex is true. Prints file:line: text. Skips binary files and .git. \
            At most \(maxMatches) matches and 64 KiB.
            """,
        parameters: .object([
            "type": .string("object"),
            "properties": .object([
                "pattern": .object(["type": .string("string"), "description": .string("Text (or regular expression) to find.")]),
                "path": .object(["type": .string("string"), "description": .string("File or folder to search, relative to the working directory. Default: the working directory.")]),
                "glob": .object(["type": .string("string"), "description": .string("Only files matching this glob (fnmatch; without a slash it matches names).")]),
                "regex": .object(["type": .string("boolean"), "description": .string("Treat pattern as a regular expression. Default false.")]),
            ]),
            "required": .array([.string("pattern")]),
            "additionalProperties": .bool(false),
        ])
    )

    private enum Matcher {
        case literal([UInt8])
        case regex(NSRegularExpression)

        func matches(_ line: ArraySlice<UInt8>) -> Bool {
            switch self {
            case let .literal(bytes): return line.firstRange(of: bytes) != nil
            case let .regex(expression):
                let text = String(decoding: line, as: UTF8.self)
                return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            }
        }
    }

    static func run(_ arguments: GrepArguments, in workdir: Workdir, cancellation: CancellationFlag) throws(ToolFailure) -> ToolOutput {
        let matcher: Matcher
        if arguments.regex == true {
            guard let expression = try? NSRegularExpression(pattern: arguments.pattern) else {
                throw .error("invalid regular expression: \(ToolArguments.quoted(arguments.pattern))")
            }
            matcher = .regex(expression)
        } else {
            matcher = .literal(Array(arguments.pattern.utf8))
        }
        let path = try workdir.resolve(arguments.path ?? ".")
        let glob = arguments.glob.map(Glob.init)

        var out: [UInt8] = []
        var matches = 0
        var capped = false
        var skippedLarge = 0

        /// Searches one file; false once a cap is reached.
        func search(_ real: String) -> Bool {
            guard let size = FileIO.size(real), size <= maxFileBytes else { skippedLarge += 1; return true }
            guard let bytes = try? FileIO.read(real, display: "", maxBytes: maxFileBytes), !TextLines.isBinary(bytes) else { return true }
            let name = workdir.relative(real)
            for (index, line) in TextLines(bytes).lines.enumerated() where matcher.matches(line) {
                var entry = Array("\(name):\(index + 1): ".utf8)
                entry.append(contentsOf: UTF8Cut.prefix(line, maxBytes: maxLineBytes))
                if line.count > maxLineBytes { entry.append(contentsOf: "…".utf8) }
                entry.append(UInt8(ascii: "\n"))
                guard matches < maxMatches, out.count + entry.count <= maxOutputBytes else { capped = true; return false }
                out.append(contentsOf: entry)
                matches += 1
            }
            return true
        }

        switch FileIO.kind(path.real) {
        case .missing: throw .error("no such file or folder: \(path.display)")
        case .file: _ = search(path.real)
        case .other: throw .error("\(path.display) is not a file or folder")
        case .directory:
            try TreeWalk(start: path.real, cancellation: cancellation).walk { entry in
                guard entry.kind == .file, glob?.matches(entry) ?? true else { return true }
                return search(entry.real)
            }
        }
        var text = matches == 0 ? "(no matches)\n" : String(decoding: out, as: UTF8.self)
        if capped { text += "[stopped at \(matches) matches (caps: \(maxMatches) matches, 64 KiB); narrow the search with path or glob]\n" }
        if skippedLarge > 0 { text += "[skipped \(skippedLarge) file(s) over 16 MiB]\n" }
        return ToolOutput(text: text, truncated: capped)
    }
}
