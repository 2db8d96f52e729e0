import Foundation
import Runtime

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
    /// The tools the worker may call, and how (tools.md Profiles).
    public var tools: ToolSettings

    public init(name: String, model: String? = nil, systemPrompt: String? = nil,
                maxTokens: Int? = nil, temperature: Double? = nil, tools: ToolSettings = ToolSettings()) {
        self.name = name
        self.model = model
        self.systemPrompt = systemPrompt
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.tools = tools
    }
}

/// The providers and profiles of the config file, merged over the
/// built-ins.
///
/// Invariants after `decode`: every profile's model names a provider in
/// `providers` and a non-empty model; `defaultProfile`, when set, names a
/// profile in `profiles`; `providers` and `profiles` always hold the
/// built-ins (possibly overridden).
public struct ProvidersConfig: Hashable, Sendable {
    public var defaultProfile: String?
    public var providers: [String: ProviderConfig]
    public var profiles: [String: ProfileConfig]

    public init(defaultProfile: String? = nil, providers: [String: ProviderConfig], profiles: [String: ProfileConfig]) {
        self.defaultProfile = defaultProfile
        self.providers = providers
        self.profiles = profiles
    }

    /// The profile for a new worker: the explicit one, else `default_profile`,
    /// else `default`.
    public func selectedProfile(explicit: String?) -> String {
        explicit ?? defaultProfile ?? "default"
    }
}
