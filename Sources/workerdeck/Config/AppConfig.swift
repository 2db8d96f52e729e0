import Console
import Foundation
import Providers
import Remote
import Runtime

/// The sections of the config file that the executable decodes for itself
/// and the modules without a decoder of their own: `[store]`, `[runtime]`,
/// `[local_compat]`, `[console]`, `[keys]`. Providers and profiles are
/// decoded by `ProvidersConfig.decode`.
struct AppConfig: Hashable, Sendable {
    var storeRoot: String?
    var localCompatEnabled = true
    var localCompatDataDir: String?
    var theme: String?
    /// `[runtime] reconnect_on_start`: the owner reconnects stale workers once at start.
    var reconnectOnStart = true
    /// `[keys]`: command name → key names.
    var keys: [String: [String]] = [:]
    /// `[serve]`: how `workerdeck serve` listens beyond the workspace socket.
    var serve = ServeConfig()
    /// `[[remotes]]`: runtimes served by other hosts, in file order.
    var remotes: [RemoteEntry] = []
    /// `[notify]`: bell, OSC notification and command for workers out of sight.
    var notify = NotifySettings()
    /// `[prices."provider/model"]`: dollars per million tokens.
    var prices: [String: TokenPrice] = [:]

    struct ServeConfig: Hashable, Sendable {
        /// `listen = "HOST:PORT"`: also serve over TCP (tokens required).
        var listen: String?
        var tlsCert: String?
        var tlsKey: String?
    }

    /// One `[[remotes]]` entry: shown as runtime `remote:NAME`.
    struct RemoteEntry: Hashable, Sendable {
        var name: String
        var url: URL
        var token: AuthReference
        var readOnly: Bool
        /// `ca_file`: the PEM certificates an https remote is checked
        /// against instead of the system's (read when the config is).
        var trust: RemoteTrust? = nil
    }

    /// The top-level keys decoded here.
    static let sections: Set<String> = ["store", "runtime", "local_compat", "console", "keys", "serve", "remotes", "notify", "prices"]

    /// Decodes the sections above. A value of the wrong type is a
    /// `ConfigError` naming file, line and key; an unknown key, a `[keys]`
    /// entry naming no command or a key name the console cannot read is a
    /// warning naming them (the console still starts).
    static func decode(_ document: ConfigDocument) throws(ConfigError) -> (config: AppConfig, warnings: [ConfigWarning]) {
        var config = AppConfig()
        var warnings: [ConfigWarning] = []
        var reader = SectionReader(document: document)
        if let store = try reader.section("store", known: ["root"]) {
            config.storeRoot = try reader.string(store, "root")
        }
        if let runtime = try reader.section("runtime", known: ["reconnect_on_start"]) {
            config.reconnectOnStart = try reader.bool(runtime, "reconnect_on_start") ?? true
        }
        if let local = try reader.section("local_compat", known: ["enabled", "data_dir"]) {
            config.localCompatEnabled = try reader.bool(local, "enabled") ?? true
            config.localCompatDataDir = try reader.string(local, "data_dir")
        }
        if let console = try reader.section("console", known: ["theme"]) {
            config.theme = try reader.string(console, "theme")
        }
        if let serve = try reader.section("serve", known: ["listen", "tls_cert", "tls_key"]) {
            config.serve.listen = try reader.string(serve, "listen")
            config.serve.tlsCert = try reader.string(serve, "tls_cert")
            config.serve.tlsKey = try reader.string(serve, "tls_key")
            if (config.serve.tlsCert == nil) != (config.serve.tlsKey == nil) {
                throw document.error(config.serve.tlsCert == nil ? "serve.tls_cert" : "serve.tls_key",
                                     "tls_cert and tls_key go together")
            }
        }
        config.remotes = try decodeRemotes(document, warnings: &warnings)
        config.notify = try decodeNotify(document, warnings: &warnings)
        config.prices = try decodePrices(document, warnings: &warnings)
        if let keys = try reader.section("keys", known: nil) {
            for command in keys.keys.sorted() {
                let path = "keys.\(command)"
                let names: [String]
                switch keys[command]! {
                case let .string(single):
                    names = [single]
                case let .array(list) where list.allSatisfy({ $0.string != nil }):
                    names = list.compactMap(\.string)
                default:
                    throw document.error(path, "must be a key name or a list of key names")
                }
                if KeyCommand(rawValue: command) == nil {
                    warnings.append(document.warning(path, "unknown command, ignored"))
                }
                for name in names where KeyChord(parsing: name) == nil {
                    warnings.append(document.warning(path, "cannot read key \"\(name)\", ignored"))
                }
                config.keys[command] = names
            }
        }
        return (config, reader.warnings + warnings)
    }
}

extension AppConfig {
    static let remoteKeys: Set<String> = ["name", "url", "token", "read_only", "ca_file"]

    /// `[[remotes]]`: each needs a unique `name` (a runtime id part) and an
    /// `http://` (loopback, or through an SSH tunnel) or `https://` `url`.
    static func decodeRemotes(_ document: ConfigDocument, warnings: inout [ConfigWarning]) throws(ConfigError) -> [RemoteEntry] {
        guard let value = document.root["remotes"] else { return [] }
        guard let list = value.array else { throw document.error("remotes", "must be an array of tables ([[remotes]])") }
        var entries: [RemoteEntry] = []
        for (index, item) in list.enumerated() {
            let path = "remotes[\(index)]"
            guard let table = item.table else { throw document.error(path, "must be a table") }
            for key in table.keys.sorted() where !remoteKeys.contains(key) {
                warnings.append(document.unknownKey("\(path).\(key)"))
            }
            guard let name = table["name"]?.string, !name.isEmpty, name.count <= 64,
                  name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw document.error("\(path).name", "must be 1-64 characters of A-Z a-z 0-9 - _")
            }
            guard !entries.contains(where: { $0.name == name }) else {
                throw document.error("\(path).name", "\(name) is already used by another remote")
            }
            guard let text = table["url"]?.string, let url = URL(string: text),
                  let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw document.error("\(path).url", #"must be "https://HOST:PORT" or "http://127.0.0.1:PORT""#)
            }
            guard url.user == nil, url.password == nil else {
                throw document.error("\(path).url", "must not hold credentials; use token = { file = \"…\" }")
            }
            var token = AuthReference.none
            if let value = table["token"] {
                guard let reference = AuthReference(config: value) else {
                    throw document.error("\(path).token", #"must be { env = "NAME" }, { file = "PATH" } or "none""#)
                }
                token = reference
            }
            var readOnly = false
            if let value = table["read_only"] {
                guard let flag = value.bool else { throw document.error("\(path).read_only", "must be true or false") }
                readOnly = flag
            }
            var trust: RemoteTrust?
            if let value = table["ca_file"] {
                guard let file = value.string, !file.isEmpty else { throw document.error("\(path).ca_file", "must be the path of a PEM file") }
                guard url.scheme == "https" else { throw document.error("\(path).ca_file", "needs an https:// url") }
                // Read now, so a bad file stops the start with file, line and key
                // rather than surfacing later as an unreachable remote.
                do throws(RemoteTrust.LoadError) { trust = try RemoteTrust(pemFile: file) } catch {
                    throw document.error("\(path).ca_file", error.description)
                }
            }
            entries.append(RemoteEntry(name: name, url: url, token: token, readOnly: readOnly, trust: trust))
        }
        return entries
    }
}

/// Reads one `[section]` of a document: typed values or an error naming
/// file, line and key; keys it does not know become warnings.
private struct SectionReader {
    let document: ConfigDocument
    var warnings: [ConfigWarning] = []

    /// The section's table, nil when absent. `known` nil: any key is valid.
    mutating func section(_ name: String, known: Set<String>?) throws(ConfigError) -> Table? {
        guard let value = document.root[name] else { return nil }
        guard let table = value.table else { throw document.error(name, "must be a table") }
        if let known {
            for key in table.keys.sorted() where !known.contains(key) {
                warnings.append(document.unknownKey("\(name).\(key)"))
            }
        }
        return Table(name: name, values: table)
    }

    func string(_ table: Table, _ key: String) throws(ConfigError) -> String? {
        guard let value = table.values[key] else { return nil }
        guard let text = value.string else { throw document.error("\(table.name).\(key)", "must be a string") }
        return text
    }

    func bool(_ table: Table, _ key: String) throws(ConfigError) -> Bool? {
        guard let value = table.values[key] else { return nil }
        guard let flag = value.bool else { throw document.error("\(table.name).\(key)", "must be true or false") }
        return flag
    }

    struct Table {
        var name: String
        var values: [String: ConfigValue]
        var keys: Dictionary<String, ConfigValue>.Keys { values.keys }
        subscript(key: String) -> ConfigValue? { values[key] }
    }
}
