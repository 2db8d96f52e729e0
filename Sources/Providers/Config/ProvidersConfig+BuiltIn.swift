extension ProvidersConfig {
    /// Built-in providers: `openai` (env OPENAI_API_KEY), `anthropic` (env
    /// ANTHROPIC_API_KEY), `ollama` (local, no auth, used only when a profile
    /// names it), `scripted` (offline). Built-in profiles: `default` (model
    /// chosen at resolution) and `scripted` (`scripted/echo`).
    public static let builtIn = ProvidersConfig(
        providers: Dictionary(uniqueKeysWithValues: builtInProviders.map { ($0.name, $0) }),
        profiles: [
            "default": ProfileConfig(name: "default"),
            "scripted": ProfileConfig(name: "scripted", model: "scripted/echo"),
        ]
    )

    static let builtInProviders: [ProviderConfig] = [
        ProviderConfig(name: "openai", scheme: .openaiChat, baseURL: "https://api.openai.com/v1",
                       auth: .env("OPENAI_API_KEY"), defaultModel: "gpt-4o-mini"),
        ProviderConfig(name: "anthropic", scheme: .anthropic, baseURL: "https://api.anthropic.com",
                       auth: .env("ANTHROPIC_API_KEY"), defaultModel: "claude-3-5-haiku-latest"),
        ProviderConfig(name: "ollama", scheme: .openaiChat, baseURL: "http://127.0.0.1:11434/v1", auth: .none),
        ProviderConfig(name: "scripted", scheme: .scripted, baseURL: nil, auth: .none, defaultModel: "echo"),
    ]

    /// The order in which the `default` profile looks for a usable provider.
    static let defaultProviderOrder = ["openai", "anthropic"]

    /// The exact reason `default` is unresolved when nothing is configured.
    /// Shown where a worker could not be created, often at 80 columns: the
    /// fix and the offline choices come first, within 73 characters
    /// (ANTHROPIC_API_KEY and `[profiles.default] model` are in the README).
    public static let noProviderReason =
        "no provider: set OPENAI_API_KEY; offline: profile scripted, make local-llm"
}
