import Foundation
import Runtime

extension ProvidersConfig {
    /// The top-level keys this module reads; the executable hands every
    /// other key to its owner or reports it as unknown.
    public static let topLevelKeys: Set<String> = ["default_profile", "providers", "profiles"]

    /// Decodes `default_profile`, `[providers.*]` and `[profiles.*]` from
    /// the config document, merged over the built-ins; other top-level keys
    /// are not looked at. Unknown keys inside these sections are returned
    /// as warnings; a value of the wrong type or an impossible setting is a
    /// `ConfigError` naming the file, line and key.
    public static func decode(_ document: ConfigDocument) throws(ConfigError) -> (config: ProvidersConfig, warnings: [ConfigWarning]) {
        var reader = ConfigReader(document: document)
        let config = try reader.read(document.root)
        return (config, reader.warnings)
    }
}

/// Reads the value tree into a `ProvidersConfig`, collecting warnings.
struct ConfigReader {
    let document: ConfigDocument
    var warnings: [ConfigWarning] = []

    static let providerKeys: Set<String> = ["scheme", "base_url", "auth", "headers_timeout_ms", "chunk_timeout_ms", "delay_ms"]
    static let profileKeys = Set(["model", "system_prompt", "max_tokens", "temperature"]).union(toolSettingKeys)

    init(document: ConfigDocument) {
        self.document = document
    }

    func error(_ key: String, _ message: String) -> ConfigError {
        document.error(key, message)
    }

    mutating func warnUnknown(_ key: String) {
        warnings.append(document.unknownKey(key))
    }

    mutating func read(_ root: [String: ConfigValue]) throws(ConfigError) -> ProvidersConfig {
        var config = ProvidersConfig.builtIn
        for key in root.keys.sorted() where ProvidersConfig.topLevelKeys.contains(key) {
            let value = root[key]!
            switch key {
            case "default_profile":
                guard let name = value.string, !name.isEmpty else { throw error(key, "must be a profile name (a string)") }
                config.defaultProfile = name
            case "providers":
                for (name, table) in try tables(value, key) {
                    config.providers[name] = try readProvider(name, table, base: config.providers[name])
                }
            case "profiles":
                for (name, table) in try tables(value, key) {
                    config.profiles[name] = try readProfile(name, table, base: config.profiles[name])
                }
            default:
                preconditionFailure("\(key) is in topLevelKeys but not read")
            }
        }
        try validate(config)
        return config
    }

    private func tables(_ value: ConfigValue, _ key: String) throws(ConfigError) -> [(String, [String: ConfigValue])] {
        guard let table = value.table else { throw error(key, "must be a table") }
        var result: [(String, [String: ConfigValue])] = []
        for name in table.keys.sorted() {
            guard let inner = table[name]!.table else { throw error("\(key).\(name)", "must be a table") }
            guard Self.isName(name) else {
                throw error("\(key).\(name)", "names are 1-64 of A-Z a-z 0-9 . _ - starting alphanumeric")
            }
            result.append((name, inner))
        }
        return result
    }

    static func isName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.count <= 64,
              CharacterSet.alphanumerics.contains(first), first.isASCII else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
    }

    private mutating func readProvider(_ name: String, _ table: [String: ConfigValue],
                                       base: ProviderConfig?) throws(ConfigError) -> ProviderConfig {
        let path = "providers.\(name)"
        for key in table.keys.sorted() where !Self.providerKeys.contains(key) { warnUnknown("\(path).\(key)") }
        let scheme: ProviderScheme
        if let value = table["scheme"] {
            guard let text = value.string, let parsed = ProviderScheme(rawValue: text) else {
                throw error("\(path).scheme", "must be one of openai_chat, anthropic, scripted")
            }
            scheme = parsed
        } else if let base {
            scheme = base.scheme
        } else {
            throw error("\(path).scheme", "is required (openai_chat, anthropic or scripted)")
        }
        var provider = base ?? ProviderConfig(name: name, scheme: scheme, baseURL: nil, auth: .none)
        if provider.scheme != scheme { provider.defaultModel = nil }
        provider.scheme = scheme
        if let value = table["base_url"] {
            guard let text = value.string, let url = URLComponents(string: text),
                  url.scheme == "http" || url.scheme == "https", url.host?.isEmpty == false, url.query == nil
            else {
                throw error("\(path).base_url", "must be an http or https URL with a host and no query")
            }
            provider.baseURL = text.hasSuffix("/") ? String(text.dropLast()) : text
        }
        if let value = table["auth"] { provider.auth = try readAuth(value, "\(path).auth") }
        if let value = table["headers_timeout_ms"] { provider.headersTimeout = try millis(value, "\(path).headers_timeout_ms") }
        if let value = table["chunk_timeout_ms"] { provider.chunkTimeout = try millis(value, "\(path).chunk_timeout_ms") }
        if let value = table["delay_ms"] {
            guard let ms = value.integer, ms >= 0, ms <= 60_000 else {
                throw error("\(path).delay_ms", "must be an integer from 0 to 60000")
            }
            provider.scriptedDelay = .milliseconds(ms)
        }
        if scheme != .scripted, provider.baseURL == nil {
            throw error("\(path).base_url", "is required for scheme \(scheme.rawValue)")
        }
        if provider.sendsCredentialInClear {
            // Named at the key that made it so: this table's base_url, else its auth.
            throw error(table["base_url"] != nil ? "\(path).base_url" : "\(path).auth",
                        "would send the credential unencrypted over http to \(provider.endpoint ?? "a remote host"); "
                            + #"use https, a loopback address, or auth = "none""#)
        }
        return provider
    }

    private func readAuth(_ value: ConfigValue, _ key: String) throws(ConfigError) -> AuthReference {
        if let reference = AuthReference(config: value) { return reference }
        throw error(key, #"must be { env = "NAME" }, { file = "PATH" } or "none""#)
    }

    private func millis(_ value: ConfigValue, _ key: String) throws(ConfigError) -> Duration {
        guard let ms = value.integer, ms > 0, ms <= 3_600_000 else {
            throw error(key, "must be a positive integer of milliseconds (at most 3600000)")
        }
        return .milliseconds(ms)
    }

    private mutating func readProfile(_ name: String, _ table: [String: ConfigValue],
                                      base: ProfileConfig?) throws(ConfigError) -> ProfileConfig {
        let path = "profiles.\(name)"
        for key in table.keys.sorted() where !Self.profileKeys.contains(key) { warnUnknown("\(path).\(key)") }
        var profile = base ?? ProfileConfig(name: name)
        if let value = table["model"] {
            guard let text = value.string, ModelName(text) != nil else {
                throw error("\(path).model", #"must be "provider/model""#)
            }
            profile.model = text
        }
        if let value = table["system_prompt"] {
            guard let text = value.string else { throw error("\(path).system_prompt", "must be a string") }
            profile.systemPrompt = text
        }
        if let value = table["max_tokens"] {
            guard let count = value.integer, count > 0, count <= 1_000_000 else {
                throw error("\(path).max_tokens", "must be a positive integer")
            }
            profile.maxTokens = count
        }
        if let value = table["temperature"] {
            guard let number = value.number, number >= 0, number <= 2 else {
                throw error("\(path).temperature", "must be a number from 0 to 2")
            }
            profile.temperature = number
        }
        profile.tools = try readToolSettings(path, table, base: profile.tools)
        if profile.model == nil, name != "default" {
            throw error("\(path).model", #"is required ("provider/model")"#)
        }
        return profile
    }

    private func validate(_ config: ProvidersConfig) throws(ConfigError) {
        for name in config.profiles.keys.sorted() {
            guard let model = config.profiles[name]!.model, let parsed = ModelName(model) else { continue }
            guard config.providers[parsed.provider] != nil else {
                throw error("profiles.\(name).model", "names unknown provider \(parsed.provider)")
            }
        }
        if let name = config.defaultProfile, config.profiles[name] == nil {
            throw error("default_profile", "names unknown profile \(name)")
        }
    }
}
