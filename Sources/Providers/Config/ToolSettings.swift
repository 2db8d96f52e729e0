import Runtime

/// A profile's tool settings (tools.md Profiles): which built-in tools the
/// worker may call, where they run, how each is approved, and how many
/// rounds a turn may take. The defaults are a tools-less worker.
public struct ToolSettings: Hashable, Sendable {
    /// `tools = [..]`, in the order given; empty: tools-less (no tools offered).
    public var tools: [ToolName]
    /// `workdir`.
    public var workdir: WorkdirMode
    /// `max_tool_rounds`: model requests that may ask for tools in one turn (≥ 1).
    public var maxToolRounds: Int
    /// `[profiles.X.approval]`: only the tools set explicitly; see `policy(for:)`.
    public var approval: [ToolName: ApprovalMode]
    /// `env_passthrough`: extra variable names bash may see.
    public var envPassthrough: [String]
    /// `bash_sandbox`.
    public var bashSandbox: BashSandbox

    public static let defaultMaxToolRounds = 25

    public init(tools: [ToolName] = [], workdir: WorkdirMode = .workspace, maxToolRounds: Int = Self.defaultMaxToolRounds,
                approval: [ToolName: ApprovalMode] = [:], envPassthrough: [String] = [], bashSandbox: BashSandbox = .none) {
        precondition(maxToolRounds >= 1, "max_tool_rounds must be at least 1")
        self.tools = tools
        self.workdir = workdir
        self.maxToolRounds = maxToolRounds
        self.approval = approval
        self.envPassthrough = envPassthrough
        self.bashSandbox = bashSandbox
    }

    /// The profile's mode for `tool`: as configured, else the tool's default.
    public func policy(for tool: ToolName) -> ApprovalMode {
        approval[tool] ?? tool.defaultApproval
    }
}
