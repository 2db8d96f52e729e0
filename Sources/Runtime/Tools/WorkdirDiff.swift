import Foundation

/// What a worker changed in its directory (tools.md, Seeing what workers
/// did): `git diff` of the workspace against `HEAD`, or of the worker's
/// worktree against the commit its branch forked from, untracked files
/// included as new files. Here so `Tools` makes it and `Registry` carries
/// it without either knowing the other.
public struct WorkdirDiff: Hashable, Sendable {
    /// `workspace`, or `worktree <worker id>`: never an absolute path.
    public var directory: String
    /// A unified diff, verbatim: file content is untrusted text, and whoever
    /// draws it sanitises it. Empty when nothing changed.
    public var diff: String
    /// The diff was cut at the size limit (at a line's end).
    public var truncated: Bool

    /// Most bytes of diff one answer holds.
    public static let defaultLimit = 2 << 20

    public init(directory: String, diff: String, truncated: Bool = false) {
        self.directory = directory
        self.diff = diff
        self.truncated = truncated
    }
}
