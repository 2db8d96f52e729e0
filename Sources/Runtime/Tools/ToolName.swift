/// The built-in tools of tools.md, by the names the model sees.
public enum ToolName: String, Sendable, Codable, CaseIterable, Comparable {
    case read, list, grep, write, edit, bash

    /// tools.md: reading tools run without asking; the rest ask.
    public var defaultApproval: ApprovalMode {
        switch self {
        case .read, .list, .grep: .allow
        case .write, .edit, .bash: .ask
        }
    }

    public static func < (lhs: ToolName, rhs: ToolName) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A profile's policy for one tool.
public enum ApprovalMode: String, Sendable, Codable, CaseIterable {
    case allow, ask, deny
}

/// Where a worker's tools run (tools.md, Working directory).
public enum WorkdirMode: String, Sendable, Codable, CaseIterable {
    /// The workspace root.
    case workspace
    /// `git worktree add -b workerdeck/<worker id>` under the workspace's
    /// `.workerdeck/worktrees/<worker id>`.
    case worktree
}

/// How bash is confined beyond its working directory.
public enum BashSandbox: String, Sendable, Codable, CaseIterable {
    /// Not a sandbox: bash reaches what the user can (that is why it asks).
    case none
    /// bubblewrap: read-only root, writable workdir, no network.
    case bwrap
}
