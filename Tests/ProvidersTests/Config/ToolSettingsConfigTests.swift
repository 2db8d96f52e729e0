import Runtime
import Testing
@testable import Providers

/// `[profiles.X]` tool settings (tools.md Profiles) and their errors.
@Suite struct ToolSettingsConfigTests {
    @Test func decodesEveryToolSetting() throws {
        let document = ConfigDocument(file: "c.toml", entries: [
            ("profiles.coder.model", "openai/gpt-4o-mini"),
            ("profiles.coder.tools", ["read", "list", "grep", "edit", "write", "bash"]),
            ("profiles.coder.workdir", "worktree"),
            ("profiles.coder.max_tool_rounds", 7),
            ("profiles.coder.approval.read", "ask"),
            ("profiles.coder.approval.bash", "deny"),
            ("profiles.coder.env_passthrough", ["CARGO_HOME", "GOPATH"]),
            ("profiles.coder.bash_sandbox", "bwrap"),
        ])
        let (config, warnings) = try ProvidersConfig.decode(document)
        #expect(warnings.isEmpty)
        let settings = try #require(config.profiles["coder"]?.tools)
        #expect(settings == ToolSettings(tools: [.read, .list, .grep, .edit, .write, .bash], workdir: .worktree, maxToolRounds: 7,
                                         approval: [.read: .ask, .bash: .deny], envPassthrough: ["CARGO_HOME", "GOPATH"],
                                         bashSandbox: .bwrap))
        #expect(settings.policy(for: .read) == .ask)
        #expect(settings.policy(for: .bash) == .deny)
        // Not configured: the tool's default.
        #expect(settings.policy(for: .grep) == .allow)
        #expect(settings.policy(for: .edit) == .ask)
    }

    @Test func profilesWithoutToolSettingsAreToolsLess() throws {
        let (config, _) = try ProvidersConfig.decode(ConfigDocument(file: "c", entries: [("profiles.p.model", "openai/m")]))
        #expect(config.profiles["p"]?.tools == ToolSettings())
        #expect(ToolSettings().tools.isEmpty)
        #expect(ToolSettings().workdir == .workspace)
        #expect(ToolSettings().maxToolRounds == 25)
        #expect(ToolSettings().bashSandbox == BashSandbox.none)
        #expect(config.profiles["scripted"]?.tools == ToolSettings())
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var entries: [(String, ConfigValue)]
        var key: String
        var message: String
        var testDescription: String { key + ": " + message }
    }

    static let bad: [Bad] = [
        Bad(entries: [("profiles.p.tools", ["read", "rm"])], key: "profiles.p.tools",
            message: "unknown tool rm (read, list, grep, write, edit, bash)"),
        Bad(entries: [("profiles.p.tools", "read")], key: "profiles.p.tools",
            message: "must be an array of tool names (read, list, grep, write, edit, bash)"),
        Bad(entries: [("profiles.p.tools", [1])], key: "profiles.p.tools",
            message: "must be an array of tool names (read, list, grep, write, edit, bash)"),
        Bad(entries: [("profiles.p.workdir", "home")], key: "profiles.p.workdir", message: "must be one of workspace, worktree"),
        Bad(entries: [("profiles.p.max_tool_rounds", 0)], key: "profiles.p.max_tool_rounds", message: "must be an integer from 1 to 1000"),
        Bad(entries: [("profiles.p.max_tool_rounds", "many")], key: "profiles.p.max_tool_rounds",
            message: "must be an integer from 1 to 1000"),
        Bad(entries: [("profiles.p.approval.bash", "sometimes")], key: "profiles.p.approval.bash",
            message: "must be one of allow, ask, deny"),
        Bad(entries: [("profiles.p.approval.shell", "allow")], key: "profiles.p.approval.shell",
            message: "unknown tool (read, list, grep, write, edit, bash)"),
        Bad(entries: [("profiles.p.approval", "allow")], key: "profiles.p.approval",
            message: #"must be a table of tool = "allow" | "ask" | "deny""#),
        Bad(entries: [("profiles.p.env_passthrough", ["OK", "NOT-A-NAME"])], key: "profiles.p.env_passthrough",
            message: "must be an array of environment variable names ([A-Za-z_][A-Za-z0-9_]*)"),
        Bad(entries: [("profiles.p.env_passthrough", "PATH")], key: "profiles.p.env_passthrough",
            message: "must be an array of environment variable names"),
        Bad(entries: [("profiles.p.bash_sandbox", "docker")], key: "profiles.p.bash_sandbox", message: "must be one of none, bwrap"),
    ]

    @Test(arguments: bad)
    func unknownToolsModesAndBadValuesNameFileLineAndKey(_ bad: Bad) {
        // Line 1 is the model; the bad setting is on line 2.
        let document = ConfigDocument(file: "c.toml", entries: [("profiles.p.model", "openai/m")] + bad.entries)
        let error = #expect(throws: ConfigError.self) {
            _ = try ProvidersConfig.decode(document)
        }
        #expect(error == ConfigError(file: "c.toml", line: 2, key: bad.key, message: bad.message))
        #expect(error?.description.hasPrefix("c.toml:2: \(bad.key): ") == true)
    }

    /// Unknown keys elsewhere in a profile stay warnings, as before.
    @Test func anUnknownProfileKeyIsStillAWarning() throws {
        let (_, warnings) = try ProvidersConfig.decode(ConfigDocument(file: "c.toml", entries: [
            ("profiles.p.model", "openai/m"), ("profiles.p.tool", ["read"]),
        ]))
        #expect(warnings == [ConfigWarning(file: "c.toml", keyPath: "profiles.p.tool", line: 2, message: "unknown key, ignored")])
    }
}
