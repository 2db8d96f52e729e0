import Foundation
import TOMLKit

/// The sections of the config file that the executable itself owns:
/// `[store]`, `[runtime]`, `[local_compat]`, `[console]`, `[keys]`. Provider and profile
/// sections are decoded by `Providers`.
struct AppConfig: Sendable {
    var storeRoot: String?
    var localCompatEnabled = true
    var localCompatDataDir: String?
    var theme: String?
    /// `[runtime] reconnect_on_start`: the owner reconnects stale workers once at start.
    var reconnectOnStart = true
    /// `[keys]`: command name → key names.
    var keys: [String: [String]] = [:]
    /// Unknown keys in the sections above, as `section.key`.
    var unknownKeys: [String] = []

    /// Reads the owned sections; a missing file means defaults.
    static func load(_ file: URL) throws(CLIError) -> AppConfig {
        guard FileManager.default.fileExists(atPath: file.path) else { return AppConfig() }
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw CLIError(code: "config_invalid", message: "config file \(file.lastPathComponent) cannot be read as UTF-8", exitCode: 2)
        }
        return try parse(text, fileName: file.lastPathComponent)
    }

    static func parse(_ text: String, fileName: String) throws(CLIError) -> AppConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw CLIError(code: "config_invalid",
                           message: "\(fileName) line \(error.source.begin.line): \(error.description)", exitCode: 2)
        } catch {
            throw CLIError(code: "config_invalid", message: "\(fileName) is not valid TOML", exitCode: 2)
        }
        var config = AppConfig()
        if let store = table["store"]?.table {
            for key in store.keys where key != "root" { config.unknownKeys.append("store.\(key)") }
            if let root = store["root"] {
                guard let value = root.string else { throw wrongType(fileName, "store.root", "a string") }
                config.storeRoot = value
            }
        }
        if let runtime = table["runtime"]?.table {
            for key in runtime.keys where key != "reconnect_on_start" { config.unknownKeys.append("runtime.\(key)") }
            if let value = runtime["reconnect_on_start"] {
                guard let flag = value.bool else { throw wrongType(fileName, "runtime.reconnect_on_start", "true or false") }
                config.reconnectOnStart = flag
            }
        }
        if let local = table["local_compat"]?.table {
            for key in local.keys where !["enabled", "data_dir"].contains(key) { config.unknownKeys.append("local_compat.\(key)") }
            if let enabled = local["enabled"] {
                guard let value = enabled.bool else { throw wrongType(fileName, "local_compat.enabled", "true or false") }
                config.localCompatEnabled = value
            }
            if let dir = local["data_dir"] {
                guard let value = dir.string else { throw wrongType(fileName, "local_compat.data_dir", "a string") }
                config.localCompatDataDir = value
            }
        }
        if let console = table["console"]?.table {
            for key in console.keys where key != "theme" { config.unknownKeys.append("console.\(key)") }
            if let theme = console["theme"] {
                guard let value = theme.string else { throw wrongType(fileName, "console.theme", "a string") }
                config.theme = value
            }
        }
        if let keys = table["keys"]?.table {
            for key in keys.keys {
                if let single = keys[key]?.string {
                    config.keys[key] = [single]
                } else if let list = keys[key]?.array {
                    let names = list.compactMap { $0.string }
                    guard names.count == list.count else { throw wrongType(fileName, "keys.\(key)", "a key name or a list of key names") }
                    config.keys[key] = names
                } else {
                    throw wrongType(fileName, "keys.\(key)", "a key name or a list of key names")
                }
            }
        }
        return config
    }

    private static func wrongType(_ file: String, _ key: String, _ expected: String) -> CLIError {
        CLIError(code: "config_invalid", message: "\(file): \(key) must be \(expected)", exitCode: 2)
    }
}
