import Foundation
import Providers
import Runtime

/// The whole config file, decoded once: each top-level key goes to the
/// decoder that owns it (Providers, or `AppConfig` for the executable's
/// own sections); any other is an unknown key. Errors and warnings name
/// the file as its user knows it (full path, home folded to `~`), the line
/// and the key.
struct DeckConfig: Hashable, Sendable {
    var app = AppConfig()
    var providers = ProvidersConfig.builtIn
    var warnings: [ConfigWarning] = []

    /// Reads `url`; a missing file is the built-in defaults.
    static func load(_ url: URL, home: String) throws(ConfigError) -> DeckConfig {
        guard let document = try ConfigFile.read(url, shownAs: displayPath(url, home: home)) else { return DeckConfig() }
        return try decode(document)
    }

    static func decode(_ document: ConfigDocument) throws(ConfigError) -> DeckConfig {
        let (providers, providerWarnings) = try ProvidersConfig.decode(document)
        let (app, appWarnings) = try AppConfig.decode(document)
        let owned = ProvidersConfig.topLevelKeys.union(AppConfig.sections)
        let unknown = document.root.keys.sorted().filter { !owned.contains($0) }.map(document.unknownKey)
        let warnings = (unknown + providerWarnings + appWarnings).sorted { ($0.line ?? .max, $0.keyPath) < ($1.line ?? .max, $1.keyPath) }
        return DeckConfig(app: app, providers: providers, warnings: warnings)
    }
}
