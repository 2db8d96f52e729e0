import Foundation
import Runtime
import Testing
@testable import Providers

/// Decoding `default_profile`, `[providers.*]` and `[profiles.*]` from a
/// config document (the executable turns the TOML file into one; its own
/// tests cover that step and the lines it finds). Documents here are built
/// with one key per line, in order.
@Suite struct ProvidersConfigDecodeTests {
    static let good = ConfigDocument(file: "config.toml", entries: [
        ("default_profile", "work"),
        ("providers.openai.base_url", "https://proxy.example.com/v1/"),
        ("providers.local.scheme", "openai_chat"),
        ("providers.local.base_url", "http://127.0.0.1:8088/v1"),
        ("providers.local.auth", "none"),
        ("providers.local.headers_timeout_ms", 1500),
        ("providers.local.chunk_timeout_ms", 2500),
        ("providers.claude.scheme", "anthropic"),
        ("providers.claude.base_url", "https://api.anthropic.com"),
        ("providers.claude.auth", ["file": "~/.config/workerdeck/claude.key"]),
        ("providers.demo.scheme", "scripted"),
        ("providers.demo.delay_ms", 0),
        ("profiles.work.model", "local/smollm2"),
        ("profiles.work.system_prompt", "Be brief."),
        ("profiles.work.max_tokens", 256),
        ("profiles.work.temperature", 1),
        ("profiles.default.system_prompt", "Default prompt."),
        // Other modules' sections: not looked at, not reported.
        ("console.theme", "default"),
        ("keys.quit", "q"),
        ("store.root", "/tmp/x"),
    ])

    @Test func decodesProvidersAndProfilesOverTheBuiltIns() throws {
        let (config, warnings) = try ProvidersConfig.decode(Self.good)
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
        #expect(Set(config.providers.keys) == ["openai", "anthropic", "ollama", "scripted", "local", "claude", "demo"])
    }

    @Test func anEmptyDocumentIsTheBuiltIns() throws {
        let (config, warnings) = try ProvidersConfig.decode(ConfigDocument(file: "c.toml"))
        #expect(config == .builtIn)
        #expect(warnings.isEmpty)
    }

    struct BadValue: Sendable, CustomTestStringConvertible {
        var entries: [(String, ConfigValue)]
        var key: String
        var testDescription: String { key }
    }

    @Test(arguments: ([
        ([("providers.x.scheme", "grpc"), ("providers.x.base_url", "http://h")], "providers.x.scheme"),
        ([("providers.x.base_url", "http://h")], "providers.x.scheme"),
        ([("providers.x.scheme", "openai_chat")], "providers.x.base_url"),
        ([("providers.x.scheme", "anthropic"), ("providers.x.base_url", "ftp://h")], "providers.x.base_url"),
        ([("providers.openai.auth", ["env": 3])], "providers.openai.auth"),
        ([("providers.openai.auth", "plain")], "providers.openai.auth"),
        ([("providers.openai.headers_timeout_ms", -5)], "providers.openai.headers_timeout_ms"),
        ([("profiles.p.model", "nomodel")], "profiles.p.model"),
        ([("profiles.p.model", "ghost/m")], "profiles.p.model"),
        ([("profiles.p.system_prompt", "x")], "profiles.p.model"),
        ([("profiles.p.model", "openai/m"), ("profiles.p.temperature", "hot")], "profiles.p.temperature"),
        ([("profiles.p.model", "openai/m"), ("profiles.p.max_tokens", 0)], "profiles.p.max_tokens"),
        ([("default_profile", "nope")], "default_profile"),
        ([("providers", 3)], "providers"),
    ] as [([(String, ConfigValue)], String)]).map { BadValue(entries: $0.0, key: $0.1) })
    func badValuesNameFileLineAndKey(_ bad: BadValue) {
        let document = ConfigDocument(file: "c.toml", entries: bad.entries)
        let error = #expect(throws: ConfigError.self) {
            _ = try ProvidersConfig.decode(document)
        }
        #expect(error?.file == "c.toml")
        #expect(error?.key == bad.key)
        #expect(error?.line == document.line(of: bad.key))
        #expect(error?.description.hasPrefix("c.toml:\(document.line(of: bad.key).map(String.init) ?? "")") == true)
    }

    @Test func unknownKeysInItsSectionsAreReportedWithFileLineAndKeyPath() throws {
        let document = ConfigDocument(file: "c.toml", entries: [
            ("colour", "red"),
            ("providers.openai.base_ur", "typo"),
            ("profiles.scripted.temprature", 0.5),
            ("console.anything", 1),
        ])
        let (_, warnings) = try ProvidersConfig.decode(document)
        // Top-level keys and other sections belong to the executable's decoder.
        #expect(warnings == [
            ConfigWarning(file: "c.toml", keyPath: "profiles.scripted.temprature", line: 3, message: "unknown key, ignored"),
            ConfigWarning(file: "c.toml", keyPath: "providers.openai.base_ur", line: 2, message: "unknown key, ignored"),
        ])
        #expect(warnings[1].description == "c.toml:2: providers.openai.base_ur: unknown key, ignored")
    }

    /// A key sent over plain http to another machine can be read on the way.
    @Test(arguments: [
        "http://proxy.example.com/v1", "http://10.0.0.5:8080/v1", "http://127.0.0.1.example.com/v1",
        "http://localhost.example.com/v1", "http://[fe80::1]:8080/v1", "http://[::2]/v1",
    ])
    func aCredentialOverHTTPToARemoteHostIsRefused(url: String) {
        let document = ConfigDocument(file: "c.toml", entries: [
            ("providers.remote.scheme", "openai_chat"),
            ("providers.remote.base_url", .string(url)),
            ("providers.remote.auth", ["env": "REMOTE_KEY"]),
        ])
        let error = #expect(throws: ConfigError.self) {
            _ = try ProvidersConfig.decode(document)
        }
        #expect(error?.key == "providers.remote.base_url")
        #expect(error?.line == 2)
        #expect(error?.description.hasPrefix("c.toml:2: providers.remote.base_url: would send the credential unencrypted over http to ") == true)
    }

    @Test func overridingABuiltInWithAnHTTPURLKeepsItsCredentialAndIsRefused() {
        let document = ConfigDocument(file: "c.toml", entries: [("providers.openai.base_url", "http://proxy.example.com/v1")])
        let error = #expect(throws: ConfigError.self) {
            _ = try ProvidersConfig.decode(document)
        }
        #expect(error == ConfigError(file: "c.toml", line: 1, key: "providers.openai.base_url",
                                     message: #"would send the credential unencrypted over http to proxy.example.com; use https, a loopback address, or auth = "none""#))
    }

    @Test(arguments: [
        ("http://127.0.0.1:8088/v1", ["env": "K"]), ("http://127.9.8.7/v1", ["file": "/k"]),
        ("http://localhost:11434/v1", ["env": "K"]), ("http://LOCALHOST/v1", ["env": "K"]),
        ("http://[::1]:8080/v1", ["env": "K"]), ("https://proxy.example.com/v1", ["env": "K"]),
        ("http://10.0.0.5:11434/v1", "none"),
    ] as [(String, ConfigValue)])
    func loopbackHTTPOrNoCredentialOrHTTPSIsAllowed(url: String, auth: ConfigValue) throws {
        let document = ConfigDocument(file: "c.toml", entries: [
            ("providers.p.scheme", "openai_chat"), ("providers.p.base_url", .string(url)), ("providers.p.auth", auth),
        ])
        #expect(try ProvidersConfig.decode(document).config.providers["p"]?.baseURL == url)
    }

    @Test func aLoopbackBuiltInMayTakeACredential() throws {
        let document = ConfigDocument(file: "c.toml", entries: [("providers.ollama.auth", ["env": "OLLAMA_KEY"])])
        #expect(try ProvidersConfig.decode(document).config.providers["ollama"]?.auth == .env("OLLAMA_KEY"))
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
        let (config, _) = try ProvidersConfig.decode(ConfigDocument(file: "c", entries: [("profiles.default.model", "ollama/llama3.2")]))
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
        let (config, _) = try ProvidersConfig.decode(ConfigDocument(file: "c", entries: [("profiles.p.model", "anthropic/claude")]))
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

    /// The file whose mode was checked is the file that is read: swapping a
    /// group-readable file in at the path after the check changes nothing.
    @Test func theKeyFileIsCheckedAndReadThroughOneDescriptor() throws {
        let path = try keyFile(mode: 0o600, content: "sk-checked-0123456789\n")
        let swapped = try keyFile(mode: 0o644, content: "sk-swapped-0123456789\n")
        defer { unlink(path); unlink(swapped) }
        let secret = try KeyFile.read(path, reference: .file(path), beforeRead: {
            #expect(rename(swapped, path) == 0)
        })
        #expect(secret.withValue { $0 } == "sk-checked-0123456789")
        // The path now holds the group-readable file, which a fresh read refuses.
        #expect(throws: ProviderError.self) { try CredentialResolver(environment: [:]).resolve(.file(path)) }
    }

    @Test func aKeyPathThatIsNotARegularFileIsRefusedWithoutBlocking() throws {
        let fifo = NSTemporaryDirectory() + "wd-fifo-\(UUID())"
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let name = URL(fileURLWithPath: fifo).lastPathComponent
        // A FIFO with no writer would block a plain read forever.
        #expect(throws: ProviderError(.credential, "file \(name) is not a regular file")) {
            try CredentialResolver(environment: [:]).resolve(.file(fifo))
        }
        let directory = NSTemporaryDirectory()
        #expect(throws: ProviderError(.credential, "file \(URL(fileURLWithPath: directory).lastPathComponent) is not a regular file")) {
            try CredentialResolver(environment: [:]).resolve(.file(directory))
        }
    }

    @Test func aMissingKeyFileNamesTheFileNotItsDirectory() {
        let path = NSTemporaryDirectory() + "private-dir/wd-none"
        #expect(throws: ProviderError(.credential, "file wd-none cannot be read (No such file or directory)")) {
            try CredentialResolver(environment: [:]).resolve(.file(path))
        }
    }

    /// Other programs' tokens and private paths in the environment are
    /// never held by the backend: only the variables credentials name.
    @Test func theBackendKeepsOnlyTheVariablesItsCredentialsName() async throws {
        let document = ConfigDocument(file: "c", entries: [
            ("providers.local.scheme", "openai_chat"), ("providers.local.base_url", "http://127.0.0.1:1/v1"),
            ("providers.local.auth", ["env": "LOCAL_KEY"]),
        ])
        let config = try ProvidersConfig.decode(document).config
        #expect(config.credentialVariables == ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "LOCAL_KEY"])
        let backend = LLMBackend(config: config, environment: [
            "OPENAI_API_KEY": "sk-o", "LOCAL_KEY": "sk-l", "AWS_SECRET_ACCESS_KEY": "aws", "GITHUB_TOKEN": "ghp",
            "HOME": "/home/operator", "PATH": "/usr/bin",
        ])
        #expect(await backend.environment == ["OPENAI_API_KEY": "sk-o", "LOCAL_KEY": "sk-l"])
        #expect(await backend.resolveProfile(named: "default") == .resolved(ResolvedProfile(name: "default", model: "openai/gpt-4o-mini")))
        await backend.shutdown()
    }

    @Test func doctorShowsReferencesNeverValues() throws {
        let path = try keyFile(mode: 0o600)
        defer { unlink(path) }
        let (config, _) = try ProvidersConfig.decode(ConfigDocument(file: "c", entries: [
            ("providers.anthropic.auth", ["file": .string(path)]),
        ]))
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
