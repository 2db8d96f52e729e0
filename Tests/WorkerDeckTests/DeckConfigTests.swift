import Foundation
import Providers
import Runtime
import Testing
@testable import workerdeck

/// The config file is parsed once, here, and every section's problems name
/// the file, the line and the key (`file:line: key: message`).
@Suite struct DeckConfigTests {
    static let file = "~/.config/workerdeck/config.toml"

    func decode(_ text: String) throws(ConfigError) -> DeckConfig {
        try DeckConfig.decode(ConfigFile.parse(text, file: Self.file))
    }

    func failure(_ text: String) -> ConfigError? {
        #expect(throws: ConfigError.self) { _ = try decode(text) }
    }

    @Test func everySectionIsDecodedIntoItsOwnersTypedConfig() throws {
        let config = try decode("""
        default_profile = "work"

        [providers.local]
        scheme = "openai_chat"
        base_url = "http://127.0.0.1:8088/v1"
        auth = "none"

        [profiles.work]
        model = "local/smollm2"
        max_tokens = 256

        [store]
        root = "/somewhere/else"

        [runtime]
        reconnect_on_start = false

        [local_compat]
        enabled = false
        data_dir = "~/.yoi"

        [console]
        theme = "dark"

        [keys]
        stop = "S"
        quit = ["q", "Q"]
        """)
        #expect(config.warnings.isEmpty)
        #expect(config.app == AppConfig(storeRoot: "/somewhere/else", localCompatEnabled: false, localCompatDataDir: "~/.yoi",
                                        theme: "dark", reconnectOnStart: false, keys: ["stop": ["S"], "quit": ["q", "Q"]]))
        #expect(config.providers.defaultProfile == "work")
        #expect(config.providers.providers["local"]?.baseURL == "http://127.0.0.1:8088/v1")
        #expect(config.providers.profiles["work"] == ProfileConfig(name: "work", model: "local/smollm2", maxTokens: 256))
    }

    @Test func anEmptyFileIsTheDefaults() throws {
        #expect(try decode("") == DeckConfig())
        #expect(try decode("# nothing yet\n") == DeckConfig())
    }

    @Test func aMissingFileIsTheDefaults() throws {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("no-such-\(UUID()).toml")
        #expect(try DeckConfig.load(url, home: NSHomeDirectory()) == DeckConfig())
    }

    @Test func aFileIsReadAndNamedByItsFullPathWithHomeFolded() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("wd-home-\(UUID())")
        let url = dir.appendingPathComponent(".config/workerdeck/config.toml")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "[store]\nroot = \"/x\"\n\n[console]\ntheme = 7\n".write(to: url, atomically: true, encoding: .utf8)
        let error = #expect(throws: ConfigError.self) { _ = try DeckConfig.load(url, home: dir.path) }
        #expect(error?.description == "~/.config/workerdeck/config.toml:5: console.theme: must be a string")
    }

    @Test func aSyntaxErrorNamesFileLineAndColumn() {
        let error = failure("[console]\ntheme = \n")
        #expect(error?.file == Self.file)
        #expect(error?.line == 2)
        #expect(error?.description.hasPrefix("\(Self.file):2:") == true)
    }

    /// The executable's own sections used to name neither line nor path.
    @Test(arguments: [
        ("[store]\nroot = 3\n", "~/.config/workerdeck/config.toml:2: store.root: must be a string"),
        ("\n[local_compat]\nenabled = \"yes\"\n", "~/.config/workerdeck/config.toml:3: local_compat.enabled: must be true or false"),
        ("[runtime]\nreconnect_on_start = 1\n", "~/.config/workerdeck/config.toml:2: runtime.reconnect_on_start: must be true or false"),
        ("[local_compat]\ndata_dir = false\n", "~/.config/workerdeck/config.toml:2: local_compat.data_dir: must be a string"),
        ("[console]\n\ntheme = [\"dark\"]\n", "~/.config/workerdeck/config.toml:3: console.theme: must be a string"),
        ("[keys]\nstop = 5\n", "~/.config/workerdeck/config.toml:2: keys.stop: must be a key name or a list of key names"),
        ("[keys]\nquit = [\"q\", 1]\n", "~/.config/workerdeck/config.toml:2: keys.quit: must be a key name or a list of key names"),
        ("store = \"x\"\n", "~/.config/workerdeck/config.toml:1: store: must be a table"),
        ("keys = 1\n", "~/.config/workerdeck/config.toml:1: keys: must be a table"),
        ("[providers.x]\nscheme = \"grpc\"\nbase_url = \"http://h\"\n",
         "~/.config/workerdeck/config.toml:2: providers.x.scheme: must be one of openai_chat, anthropic, scripted"),
        ("[profiles.p]\nmodel = \"openai/m\"\ntemperature = \"hot\"\n",
         "~/.config/workerdeck/config.toml:3: profiles.p.temperature: must be a number from 0 to 2"),
        ("\n[providers.openai]\nauth = { env = 3 }\n",
         #"~/.config/workerdeck/config.toml:3: providers.openai.auth: must be { env = "NAME" }, { file = "PATH" } or "none""#),
        ("[profiles.c]\nmodel = \"openai/m\"\ntools = [\"read\", \"shell\"]\n",
         "~/.config/workerdeck/config.toml:3: profiles.c.tools: unknown tool shell (read, list, grep, write, edit, bash)"),
        ("[profiles.c]\nmodel = \"openai/m\"\n[profiles.c.approval]\nread = \"allow\"\nshell = \"allow\"\n",
         "~/.config/workerdeck/config.toml:5: profiles.c.approval.shell: unknown tool (read, list, grep, write, edit, bash)"),
        ("[profiles.c]\nmodel = \"openai/m\"\n[profiles.c.approval]\nbash = \"maybe\"\n",
         "~/.config/workerdeck/config.toml:4: profiles.c.approval.bash: must be one of allow, ask, deny"),
        ("[profiles.c]\nmodel = \"openai/m\"\nworkdir = \"home\"\n",
         "~/.config/workerdeck/config.toml:3: profiles.c.workdir: must be one of workspace, worktree"),
        ("[profiles.c]\nmodel = \"openai/m\"\nmax_tool_rounds = 0\n",
         "~/.config/workerdeck/config.toml:3: profiles.c.max_tool_rounds: must be an integer from 1 to 1000"),
    ])
    func everyErrorNamesFileLineAndKey(text: String, expected: String) {
        #expect(failure(text)?.description == expected)
    }

    @Test func aProfileWithToolsIsDecodedFromTheFile() throws {
        let config = try decode("""
        [profiles.coder]
        model = "openai/gpt-4o-mini"
        tools = ["read", "list", "grep", "edit", "write", "bash"]
        workdir = "worktree"
        max_tool_rounds = 10
        env_passthrough = ["GOPATH"]
        bash_sandbox = "bwrap"
        [profiles.coder.approval]
        read = "allow"
        bash = "deny"
        """)
        #expect(config.warnings.isEmpty)
        #expect(config.providers.profiles["coder"]?.tools == ToolSettings(
            tools: [.read, .list, .grep, .edit, .write, .bash], workdir: .worktree, maxToolRounds: 10,
            approval: [.read: .allow, .bash: .deny], envPassthrough: ["GOPATH"], bashSandbox: .bwrap))
    }

    @Test func aKeyOverPlainHTTPToARemoteHostIsRefusedNamingFileLineAndKey() {
        let text = """
        [providers.proxy]
        scheme = "openai_chat"
        base_url = "http://llm.internal.example:8080/v1"
        auth = { env = "PROXY_KEY" }
        """
        #expect(failure(text)?.description == "~/.config/workerdeck/config.toml:3: providers.proxy.base_url: "
            + #"would send the credential unencrypted over http to llm.internal.example:8080; use https, a loopback address, or auth = "none""#)
        #expect(throws: Never.self) { _ = try decode(text.replacingOccurrences(of: "llm.internal.example", with: "localhost")) }
    }

    @Test func unknownKeysAndUnusableKeyBindingsAreWarningsWithFileLineAndKey() throws {
        let config = try decode("""
        colour = "red"
        [providers.openai]
        base_ur = "typo"
        [store]
        rooot = "/x"
        [console]
        anything = 1
        [keys]
        stpo = "S"
        quit = ["q", "Ctrl-Alt-Nope"]
        [runtime]
        reconnect_on_start = true
        """)
        // `[runtime]` is known to its decoder (it was once reported as unknown by another).
        #expect(config.warnings.map(\.description) == [
            "\(Self.file):1: colour: unknown key, ignored",
            "\(Self.file):3: providers.openai.base_ur: unknown key, ignored",
            "\(Self.file):5: store.rooot: unknown key, ignored",
            "\(Self.file):7: console.anything: unknown key, ignored",
            "\(Self.file):9: keys.stpo: unknown command, ignored",
            "\(Self.file):10: keys.quit: cannot read key \"Ctrl-Alt-Nope\", ignored",
        ])
    }

    @Test func linesAreFoundForTableHeadersDottedKeysAndInlineTables() throws {
        let document = try ConfigFile.parse("""
        # comment
        default_profile = "p"
        [providers.a]
        auth = { env = "X" }
        profiles.p.model = "a/m"
        [providers."dotted.name"]
        scheme = "scripted"
        """, file: "c.toml")
        #expect(document.line(of: "default_profile") == 2)
        #expect(document.line(of: "providers.a") == 3)
        #expect(document.line(of: "providers.a.auth") == 4)
        #expect(document.line(of: "providers.a.auth.env") == 4)
        #expect(document.line(of: "providers.a.profiles.p.model") == 5)
        #expect(document.line(of: "providers.dotted.name.scheme") == 7)
        #expect(document.root["providers"]?.table?["dotted.name"] == ["scheme": "scripted"])
    }
}
