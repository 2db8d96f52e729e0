import Foundation
import Runtime
import Testing
@testable import Providers

@Suite struct ProvidersConfigParseTests {
    static let good = """
    default_profile = "work"

    [providers.openai]
    base_url = "https://proxy.example.com/v1/"

    [providers.local]
    scheme = "openai_chat"
    base_url = "http://127.0.0.1:8088/v1"
    auth = "none"
    headers_timeout_ms = 1500
    chunk_timeout_ms = 2500

    [providers.claude]
    scheme = "anthropic"
    base_url = "https://api.anthropic.com"
    auth = { file = "~/.config/workerdeck/claude.key" }

    [providers.demo]
    scheme = "scripted"
    delay_ms = 0

    [profiles.work]
    model = "local/smollm2"
    system_prompt = "Be brief."
    max_tokens = 256
    temperature = 1

    [profiles.default]
    system_prompt = "Default prompt."

    [console]
    theme = "default"
    [keys]
    quit = "q"
    [store]
    root = "/tmp/x"
    [local_compat]
    enabled = true
    """

    @Test func parsesProvidersProfilesAndPassThroughSections() throws {
        let (config, warnings) = try ProvidersConfig.parse(text: Self.good, fileName: "config.toml")
        #expect(warnings.isEmpty)
        #expect(config.defaultProfile == "work")
        #expect(config.selectedProfile(explicit: nil) == "work")
        #expect(config.selectedProfile(explicit: "scripted") == "scripted")
        // Built-in overridden field by field.
        #expect(config.providers["openai"] == ProviderConfig(
            name: "openai", scheme: .openaiChat, baseURL: "https://proxy.example.com/v1",
            auth: .env("OPENAI_API_KEY"), defaultModel: "gpt-4o-mini"))
        #expect(config.providers["local"] == ProviderConfig(
            name: "local", scheme: .openaiChat, baseURL: "http://127.0.0.1:8088/v1", auth: .none,
            headersTimeout: .milliseconds(1500), chunkTimeout: .milliseconds(2500)))
        #expect(config.providers["claude"]?.auth == .file("~/.config/workerdeck/claude.key"))
        #expect(config.providers["demo"]?.scriptedDelay == .zero)
        #expect(config.providers["ollama"]?.baseURL == "http://127.0.0.1:11434/v1")
        #expect(config.profiles["work"] == ProfileConfig(name: "work", model: "local/smollm2", systemPrompt: "Be brief.",
                                                         maxTokens: 256, temperature: 1))
        #expect(config.profiles["default"] == ProfileConfig(name: "default", systemPrompt: "Default prompt."))
        #expect(config.profiles["scripted"]?.model == "scripted/echo")
        #expect(config.sections["console"] == .table(["theme": .string("default")]))
        #expect(config.sections["local_compat"] == .table(["enabled": .bool(true)]))
        #expect(Set(config.sections.keys) == ["console", "keys", "store", "local_compat"])
    }

    @Test func emptyTextIsTheBuiltIns() throws {
        let (config, warnings) = try ProvidersConfig.parse(text: "", fileName: "c.toml")
        #expect(config == .builtIn)
        #expect(warnings.isEmpty)
    }

    @Test func missingFileIsTheBuiltIns() throws {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("no-such-\(UUID()).toml")
        let (config, warnings) = try ProvidersConfig.load(fileURL: url)
        #expect(config == .builtIn)
        #expect(warnings.isEmpty)
    }

    @Test func syntaxErrorNamesFileAndLine() {
        let text = "[providers.x]\nscheme = \"openai_chat\"\nbase_url = \"http://h\n"
        let error = #expect(throws: ConfigError.self) {
            _ = try ProvidersConfig.parse(text: text, fileName: "broken.toml")
        }
        #expect(error?.file == "broken.toml")
        #expect(error?.line == 3)
        #expect(error?.description.hasPrefix("broken.toml:3:") == true)
    }

    struct BadValue: Sendable, CustomTestStringConvertible {
        var text: String
        var key: String
        var line: Int?
        var testDescription: String { key }
    }

    @Test(arguments: ([
        ("[providers.x]\nscheme = \"grpc\"\nbase_url = \"http://h\"\n", "providers.x.scheme", 2),
        ("[providers.x]\nbase_url = \"http://h\"\n", "providers.x.scheme", nil),
        ("[providers.x]\nscheme = \"openai_chat\"\n", "providers.x.base_url", nil),
        ("[providers.x]\nscheme = \"anthropic\"\nbase_url = \"ftp://h\"\n", "providers.x.base_url", 3),
        ("\n[providers.openai]\nauth = { env = 3 }\n", "providers.openai.auth", 3),
        ("[providers.openai]\nauth = \"plain\"\n", "providers.openai.auth", 2),
        ("[providers.openai]\nheaders_timeout_ms = -5\n", "providers.openai.headers_timeout_ms", 2),
        ("[profiles.p]\nmodel = \"nomodel\"\n", "profiles.p.model", 2),
        ("[profiles.p]\nmodel = \"ghost/m\"\n", "profiles.p.model", 2),
        ("[profiles.p]\nsystem_prompt = \"x\"\n", "profiles.p.model", nil),
        ("[profiles.p]\nmodel = \"openai/m\"\ntemperature = \"hot\"\n", "profiles.p.temperature", 3),
        ("[profiles.p]\nmodel = \"openai/m\"\nmax_tokens = 0\n", "profiles.p.max_tokens", 3),
        ("default_profile = \"nope\"\n", "default_profile", 1),
        ("providers = 3\n", "providers", 1),
    ] as [(String, String, Int?)]).map { BadValue(text: $0.0, key: $0.1, line: $0.2) })
    func badValuesNameFileLineAndKey(_ bad: BadValue) {
        let error = #expect(throws: ConfigError.self) {
            _ = try ProvidersConfig.parse(text: bad.text, fileName: "c.toml")
        }
        #expect(error?.file == "c.toml")
        #expect(error?.key == bad.key)
        #expect(error?.line == bad.line)
    }

    @Test func unknownKeysAreReportedWithFileAndKeyPath() throws {
        let text = """
        colour = "red"
        [providers.openai]
        base_ur = "typo"
        [profiles.scripted]
        temprature = 0.5
        [console]
        anything = 1
        """
        let (_, warnings) = try ProvidersConfig.parse(text: text, fileName: "c.toml")
        #expect(warnings == [
            ConfigWarning(file: "c.toml", keyPath: "colour", line: 1, message: "unknown key, ignored"),
            ConfigWarning(file: "c.toml", keyPath: "profiles.scripted.temprature", line: 5, message: "unknown key, ignored"),
            ConfigWarning(file: "c.toml", keyPath: "providers.openai.base_ur", line: 3, message: "unknown key, ignored"),
        ])
        #expect(warnings[2].description == "c.toml:3: providers.openai.base_ur: unknown key, ignored")
    }

    @Test func loadReadsAFile() throws {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("wd-\(UUID()).toml")
        try "default_profile = \"scripted\"\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let (config, _) = try ProvidersConfig.load(fileURL: url)
        #expect(config.defaultProfile == "scripted")
    }
}

@Suite struct ProfileResolutionTests {
    let config = ProvidersConfig.builtIn

    @Test func defaultPrefersOpenAIThenAnthropic() {
        #expect(config.resolveProfile(named: "default", environment: ["OPENAI_API_KEY": "k", "ANTHROPIC_API_KEY": "k"])
            == .resolved(ResolvedProfile(name: "default", model: "openai/gpt-4o-mini")))
        #expect(config.resolveProfile(named: "default", environment: ["ANTHROPIC_API_KEY": "k"])
            == .resolved(ResolvedProfile(name: "default", model: "anthropic/claude-3-5-haiku-latest")))
    }

    @Test func defaultWithoutCredentialsIsUnresolvedWithTheExactReason() {
        #expect(config.resolveProfile(named: "default", environment: ["OPENAI_API_KEY": "  "]) == .unresolved(
            reason: "no provider: set OPENAI_API_KEY; offline: profile scripted, make local-llm"))
    }

    @Test func configuredDefaultModelWins() throws {
        let (config, _) = try ProvidersConfig.parse(text: "[profiles.default]\nmodel = \"ollama/llama3.2\"\n", fileName: "c")
        #expect(config.resolveProfile(named: "default", environment: ["OPENAI_API_KEY": "k"])
            == .resolved(ResolvedProfile(name: "default", model: "ollama/llama3.2")))
    }

    @Test func scriptedAndUnknownProfiles() {
        #expect(config.resolveProfile(named: "scripted", environment: [:])
            == .resolved(ResolvedProfile(name: "scripted", model: "scripted/echo")))
        #expect(config.resolveProfile(named: "nope", environment: [:]) == .unknown)
    }

    @Test func profileReportShowsHowEachProfileResolves() {
        #expect(config.profileReport(environment: ["ANTHROPIC_API_KEY": "k"]) == [
            ProfileDoctorInfo(name: "default", configuredModel: nil,
                              resolution: .resolved(ResolvedProfile(name: "default", model: "anthropic/claude-3-5-haiku-latest"))),
            ProfileDoctorInfo(name: "scripted", configuredModel: "scripted/echo",
                              resolution: .resolved(ResolvedProfile(name: "scripted", model: "scripted/echo"))),
        ])
    }

    @Test func explicitProfileWithMissingCredentialNamesTheReference() throws {
        let (config, _) = try ProvidersConfig.parse(text: "[profiles.p]\nmodel = \"anthropic/claude\"\n", fileName: "c")
        #expect(config.resolveProfile(named: "p", environment: [:]) == .unresolved(reason: "env ANTHROPIC_API_KEY is not set"))
    }
}

@Suite struct CredentialTests {
    func keyFile(mode: mode_t, content: String = "sk-file-secret-0123456789\n") throws -> String {
        let path = NSTemporaryDirectory() + "wd-key-\(UUID())"
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, mode)
        return path
    }

    @Test func envReferenceResolvesAndNamesTheVariableWhenMissing() throws {
        let resolver = CredentialResolver(environment: ["K": "value"])
        #expect(try resolver.resolve(.env("K"))?.withValue { $0 } == "value")
        #expect(try resolver.resolve(.none) == nil)
        #expect(throws: ProviderError(.credential, "env OPENAI_API_KEY is not set")) {
            try resolver.resolve(.env("OPENAI_API_KEY"))
        }
    }

    @Test func privateFileResolves() throws {
        let path = try keyFile(mode: 0o600)
        defer { unlink(path) }
        #expect(try CredentialResolver(environment: [:]).resolve(.file(path))?.withValue { $0 } == "sk-file-secret-0123456789")
    }

    @Test(arguments: [0o640, 0o604, 0o644] as [mode_t])
    func groupOrWorldReadableFileIsRefused(mode: mode_t) throws {
        let path = try keyFile(mode: mode)
        defer { unlink(path) }
        let name = URL(fileURLWithPath: path).lastPathComponent
        #expect(throws: ProviderError(.credential,
                                      "file \(name) is readable by group or others (mode \(String(mode, radix: 8))); run chmod 600 on it")) {
            try CredentialResolver(environment: [:]).resolve(.file(path))
        }
    }

    @Test func doctorShowsReferencesNeverValues() throws {
        let path = try keyFile(mode: 0o600)
        defer { unlink(path) }
        let text = "[providers.anthropic]\nauth = { file = \"\(path)\" }\n"
        let (config, _) = try ProvidersConfig.parse(text: text, fileName: "c")
        let report = config.doctorReport(environment: ["OPENAI_API_KEY": "sk-env-secret-0123456789"])
        let byName = Dictionary(uniqueKeysWithValues: report.map { ($0.name, $0) })
        #expect(report.map(\.name) == ["anthropic", "ollama", "openai", "scripted"])
        #expect(byName["openai"] == ProviderDoctorInfo(name: "openai", scheme: .openaiChat, host: "api.openai.com",
                                                        authKind: "env", reference: "OPENAI_API_KEY", credential: .present))
        #expect(byName["anthropic"]?.authKind == "file")
        #expect(byName["anthropic"]?.reference == URL(fileURLWithPath: path).lastPathComponent)
        #expect(byName["anthropic"]?.credential == .present)
        #expect(byName["ollama"]?.credential == .notRequired)
        #expect(byName["scripted"]?.host == nil)
        let missing = ProvidersConfig.builtIn.doctorReport(environment: [:]).first { $0.name == "openai" }
        #expect(missing?.credential == .missing)
        #expect(missing?.problem == "env OPENAI_API_KEY is not set")
        #expect(!"\(report)".contains("secret"))
    }
}
