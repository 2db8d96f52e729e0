import Foundation

/// Decides whether a record's `workspace_root` is the console's workspace.
///
/// First lexically (`\` → `/`, trailing slashes trimmed), then, failing that,
/// after resolving symlinks on both sides. Symlink results are cached per
/// distinct root text, so a scan costs one `realpath` per distinct root.
struct LegacyWorkspaceMatch: Sendable {
    private let lexicalRoot: String
    private let resolvedRoot: String?
    private var cache: [String: Bool] = [:]

    init(workspaceRoot: String) {
        lexicalRoot = Self.normalised(workspaceRoot)
        resolvedRoot = LegacyFile.resolvingSymlinks(workspaceRoot).map(Self.normalised)
    }

    /// `\` → `/`; trailing slashes trimmed, keeping a lone `/`.
    static func normalised(_ path: String) -> String {
        var text = path.replacingOccurrences(of: "\\", with: "/")
        while text.count > 1, text.hasSuffix("/") { text.removeLast() }
        return text
    }

    mutating func matches(_ recordRoot: String) -> Bool {
        if let known = cache[recordRoot] { return known }
        let lexical = Self.normalised(recordRoot)
        var result = lexical == lexicalRoot
        if !result, let resolvedRoot, let resolved = LegacyFile.resolvingSymlinks(lexical) {
            result = Self.normalised(resolved) == resolvedRoot
        }
        cache[recordRoot] = result
        return result
    }
}
