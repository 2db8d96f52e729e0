import Crypto
import Foundation

/// Where WorkerDeck keeps things (layout.md). Computed once from the
/// environment and the command line; only `doctor` ever prints these.
struct Paths: Sendable {
    var dataDir: URL
    var configFile: URL
    var workspaceRoot: URL
    var workspaceId: String
    var storeRoot: URL
    var logFile: URL

    /// - Parameters:
    ///   - environment: the process environment (injected for tests).
    ///   - currentDirectory: where the command was started.
    static func resolve(
        environment: [String: String], currentDirectory: URL, configOverride: String?,
        workspaceOverride: String?, storeOverride: String?, configuredStoreRoot: String?
    ) -> Paths {
        let home = URL(fileURLWithPath: environment.nonEmpty("HOME") ?? NSHomeDirectory(), isDirectory: true)
        let dataDir: URL = if let dir = environment.nonEmpty("WORKERDECK_DATA_DIR") {
            URL(fileURLWithPath: dir, isDirectory: true)
        } else if let xdg = environment.nonEmpty("XDG_DATA_HOME") {
            URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("workerdeck", isDirectory: true)
        } else {
            home.appendingPathComponent(".local/share/workerdeck", isDirectory: true)
        }
        let configFile: URL = if let file = configOverride ?? environment.nonEmpty("WORKERDECK_CONFIG") {
            URL(fileURLWithPath: file, relativeTo: currentDirectory).standardizedFileURL
        } else if let xdg = environment.nonEmpty("XDG_CONFIG_HOME") {
            URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("workerdeck/config.toml")
        } else {
            home.appendingPathComponent(".config/workerdeck/config.toml")
        }
        let workspaceRoot: URL = if let dir = workspaceOverride {
            URL(fileURLWithPath: dir, relativeTo: currentDirectory).standardizedFileURL
        } else {
            gitTopLevel(of: currentDirectory) ?? currentDirectory.standardizedFileURL
        }
        let workspaceId = Self.workspaceId(for: workspaceRoot)
        let storeRoot: URL = if let dir = storeOverride ?? configuredStoreRoot {
            URL(fileURLWithPath: (dir as NSString).expandingTildeInPath, relativeTo: currentDirectory).standardizedFileURL
        } else {
            dataDir.appendingPathComponent("workspaces/\(workspaceId)/embedded-runtime", isDirectory: true)
        }
        return Paths(dataDir: dataDir, configFile: configFile, workspaceRoot: workspaceRoot,
                     workspaceId: workspaceId, storeRoot: storeRoot,
                     logFile: dataDir.appendingPathComponent("logs/workerdeck.log"))
    }

    /// Sanitised basename + `-` + the first 12 hex digits of SHA-256 of the
    /// canonical root path.
    static func workspaceId(for root: URL) -> String {
        let canonical = root.resolvingSymlinksInPath().standardizedFileURL.path
        let digest = SHA256.hash(data: Data(canonical.utf8)).map { String(format: "%02x", $0) }.joined()
        var base = String(root.lastPathComponent.lowercased().map { c -> Character in
            c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-" || c == ".") ? c : "-"
        })
        base = String(base.drop { $0 == "." || $0 == "-" }.prefix(48))
        if base.isEmpty { base = "workspace" }
        return base + "-" + digest.prefix(12)
    }

    /// The git top level containing `directory`, found by walking up to a
    /// `.git` entry (no git process needed).
    static func gitTopLevel(of directory: URL) -> URL? {
        var current = directory.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: current.appendingPathComponent(".git").path) {
                return current
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }
}

extension Dictionary where Key == String, Value == String {
    /// An empty variable counts as unset.
    func nonEmpty(_ name: String) -> String? {
        guard let value = self[name], !value.isEmpty else { return nil }
        return value
    }
}

/// Shows a path to its own user with the home directory folded to `~`.
func displayPath(_ url: URL, home: String) -> String {
    let path = url.path
    guard !home.isEmpty, path.hasPrefix(home) else { return path }
    return "~" + path.dropFirst(home.count)
}
