import Foundation

/// What a provider offers the model for one tool: its name, what it does,
/// and the JSON schema of its arguments.
public struct ToolSpec: Hashable, Sendable {
    public var name: ToolName
    public var description: String
    public var parameters: JSONValue

    public init(name: ToolName, description: String, parameters: JSONValue) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}

/// Where and how one worker's calls run. Holds a private path: it stays
/// inside the process (never in a projection, the store or a message).
public struct ToolWorkspace: Hashable, Sendable {
    /// The worker's directory (workspace root or worktree); every path
    /// argument resolves against it and must stay inside its real path.
    public var directory: URL
    /// Extra environment variable names bash may see (the profile's
    /// `env_passthrough`); secret-looking names are refused all the same.
    public var envPassthrough: [String]
    public var sandbox: BashSandbox

    public init(directory: URL, envPassthrough: [String] = [], sandbox: BashSandbox = .none) {
        self.directory = directory
        self.envPassthrough = envPassthrough
        self.sandbox = sandbox
    }
}

/// Why a worker's directory could not be made ready.
public struct ToolSetupError: Error, Hashable, Sendable {
    /// Operator-facing; never a path.
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Runs the built-in tools (module `Tools`); wired into a backend by the
/// executable, so `Runtime` and `Providers` know only this protocol.
public protocol ToolExecutor: Sendable {
    /// The specs of these tools, in the order given.
    func specs(for tools: [ToolName]) -> [ToolSpec]

    /// Runs one call. Never throws: an unknown tool, bad arguments or a path
    /// outside the directory are `error`/`denied` results the model can
    /// read. When the calling task is cancelled, any process it started is
    /// ended (its whole group) and the result is `interrupted`.
    func run(_ call: ToolCallRequest, in workspace: ToolWorkspace) async -> ToolResult

    /// The directory a worker's tools run in: the workspace root, or its
    /// worktree, made with `git worktree add` when it does not exist yet
    /// (a workspace that is not a git repository is an error).
    func prepareWorkdir(_ mode: WorkdirMode, workspaceRoot: URL, worker: WorkerId) async throws(ToolSetupError) -> URL

    /// What an operator reviews before answering a call that asks: the diff
    /// an `edit` or `write` would make (computed without touching the file),
    /// the command and directory of `bash`. Nil when there is nothing to show.
    func preview(_ call: ToolCallRequest, in workspace: ToolWorkspace) async -> ApprovalPreview?

    /// Removes a worker's worktree and its branch; safe to repeat (what is
    /// already gone is skipped).
    func removeWorktree(workspaceRoot: URL, worker: WorkerId) async throws(ToolSetupError)
}

extension ToolExecutor {
    public func preview(_ call: ToolCallRequest, in workspace: ToolWorkspace) async -> ApprovalPreview? { nil }
    public func removeWorktree(workspaceRoot: URL, worker: WorkerId) async throws(ToolSetupError) {}
}

/// What the review of a pending call shows besides the call itself. Never
/// an absolute path: `directory` names the workdir as the operator knows it
/// (`workspace`, `worktree workerdeck/worker-…`).
public struct ApprovalPreview: Hashable, Sendable, Codable {
    public var diff: String?
    public var command: String?
    public var directory: String?

    public init(diff: String? = nil, command: String? = nil, directory: String? = nil) {
        self.diff = diff
        self.command = command
        self.directory = directory
    }
}
