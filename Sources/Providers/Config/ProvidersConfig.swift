import Foundation

/// A wire scheme: how a provider is spoken to.
public enum ProviderScheme: String, Hashable, Sendable, CaseIterable {
    /// OpenAI-compatible `POST {base_url}/chat/completions`.
    case openaiChat = "openai_chat"
    /// Anthropic `POST {base_url}/v1/messages`.
    case anthropic
    /// Offline, deterministic, labelled; chosen only explicitly.
    case scripted
}

/// One `[providers.NAME]` table, merged over the built-in of that name.
public struct ProviderConfig: Hashable, Sendable {
    public var name: String
    public var scheme: ProviderScheme
    /// Nil only for `scripted`. For `openai_chat` the version is part of it
    /// (`https://api.openai.com/v1`).
    public var baseURL: String?
    public var auth: AuthReference
    /// To response headers (`headers_timeout_ms`, default 20 s).
    public var headersTimeout: Duration
    /// Between streamed chunks (`chunk_timeout_ms`, default 60 s).
    public var chunkTimeout: Duration
    /// `scripted` only: the pause before each delta (`delay_ms`, default 30 ms).
    public var scriptedDelay: Duration
    /// The model the `default` profile uses when it picks this built-in provider.
    public var defaultModel: String?

    public init(name: String, scheme: ProviderScheme, baseURL: String?, auth: AuthReference,
                headersTimeout: Duration = .seconds(20), chunkTimeout: Duration = .seconds(60),
                scriptedDelay: Duration = .milliseconds(30), defaultModel: String? = nil) {
        self.name = name
        self.scheme = scheme
        self.baseURL = baseURL
        self.auth = auth
        self.headersTimeout = headersTimeout
        self.chunkTimeout = chunkTimeout
        self.scriptedDelay = scriptedDelay
        self.defaultModel = defaultModel
    }

    /// The host of `baseURL`, for `doctor`; never the path or query.
    public var host: String? {
        baseURL.flatMap { URLComponents(string: $0)?.host }
    }
}

/// One `[profiles.NAME]` table. Never a path, a socket or a secret.
public struct ProfileConfig: Hashable, Sendable {
    public var name: String
    /// `provider/model`; nil only for `default`, whose model is then chosen
    /// from the credentials that resolve (see `ProvidersConfig.resolve`).
    public var model: String?
    public var systemPrompt: String?
    public var maxTokens: Int?
    public var temperature: Double?

    public init(name: String, model: String? = nil, systemPrompt: String? = nil,
                maxTokens: Int? = nil, temperature: Double? = nil) {
        self.name = name
        self.model = model
        self.systemPrompt = systemPrompt
        self.maxTokens = maxTokens
        self.temperature = temperature
    }
}

/// A raw TOML value of a section other modules own (`[console]`, `[keys]`,
/// `[store]`, `[local_compat]`), kept verbatim for them.
public indirect enum ConfigValue: Hashable, Sendable {
    case string(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)
    case array([ConfigValue])
    case table([String: ConfigValue])
    /// Dates and times, as TOML text.
    case other(String)
}

/// The providers and profiles of the config file, merged over the
/// built-ins, plus the sections other modules own.
///
/// Invariants after `parse`: every profile's model names a provider in
/// `providers` and a non-empty model; `defaultProfile`, when set, names a
/// profile in `profiles`; `providers` and `profiles` always hold the
/// built-ins (possibly overridden).
public struct ProvidersConfig: Hashable, Sendable {
    public var defaultProfile: String?
    public var providers: [String: ProviderConfig]
    public var profiles: [String: ProfileConfig]
    /// Top-level tables owned by other modules, by name.
    public var sections: [String: ConfigValue]

    public init(defaultProfile: String? = nil, providers: [String: ProviderConfig],
                profiles: [String: ProfileConfig], sections: [String: ConfigValue] = [:]) {
        self.defaultProfile = defaultProfile
        self.providers = providers
        self.profiles = profiles
        self.sections = sections
    }

    /// The profile for a new worker: the explicit one, else `default_profile`,
    /// else `default`.
    public func selectedProfile(explicit: String?) -> String {
        explicit ?? defaultProfile ?? "default"
    }
}

/// A key the config file holds that nothing reads: reported, never silently dropped.
public struct ConfigWarning: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var keyPath: String
    public var line: Int?
    public var message: String

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(keyPath): \(message)"
    }
}

/// A config file that cannot be used: names the file, the line (when
/// known) and the key. Never a silent fallback to defaults.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var key: String?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): " + (key.map { "\($0): " } ?? "") + message
    }
}
