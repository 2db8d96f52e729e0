import Foundation
import TOMLKit

/// A problem in a theme file, naming the file and the key.
public struct ThemeDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var key: String
    public var message: String
    public var description: String { "\(file): \(key): \(message)" }
}

/// Finds, parses and resolves themes.
///
/// Search order for a name: the user directory
/// (`$XDG_CONFIG_HOME/workerdeck/themes/`, else `~/.config/workerdeck/themes/`)
/// first, then the shipped `themes/` directory. `[meta] extends` chains are
/// followed (cycles are reported, not followed). Problems never abort: the
/// theme resolves with what could be read and each problem is reported.
public struct ThemeLoader: Sendable {
    public struct Directory: Sendable {
        /// Shown in diagnostics instead of the path (no private paths in the UI).
        public var label: String
        public var url: URL
        public init(label: String, url: URL) { self.label = label; self.url = url }
    }

    public var directories: [Directory]

    public init(directories: [Directory]) { self.directories = directories }

    /// The standard directories: user themes, then the shipped ones.
    public static func standard(shipped: URL, environment: [String: String]) -> ThemeLoader {
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? "/").appendingPathComponent(".config")
        return ThemeLoader(directories: [
            Directory(label: "user themes", url: configHome.appendingPathComponent("workerdeck/themes")),
            Directory(label: "themes", url: shipped),
        ])
    }

    /// The shipped `themes/` directory: `$WORKERDECK_THEMES_DIR` when set,
    /// else the nearest `themes/default.toml` walking up from the
    /// executable (a SwiftPM build sits under the repository), else
    /// `./themes`. When none exists the built-in theme is used.
    public static func shippedDirectory(environment: [String: String]) -> URL {
        if let dir = environment["WORKERDECK_THEMES_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("themes")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default.toml").path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("themes")
    }

    /// Names of every theme found, sorted.
    public func available() -> [String] {
        var names = Set<String>()
        for d in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: d.url.path)) ?? []
            for f in files where f.hasSuffix(".toml") { names.insert(String(f.dropLast(5))) }
        }
        return names.sorted()
    }

    /// Loads `name`; nil when no file of that name exists.
    public func load(_ name: String) -> (Theme, [ThemeDiagnostic])? {
        var diagnostics: [ThemeDiagnostic] = []
        var chain: [ThemeFile] = []
        var current: String? = name
        var seen = Set<String>()
        while let n = current {
            guard !seen.contains(n) else {
                diagnostics.append(ThemeDiagnostic(file: chain.last?.label ?? n, key: "meta.extends", message: "cycle through \"\(n)\""))
                break
            }
            seen.insert(n)
            guard let file = read(n) else {
                if chain.isEmpty { return nil }
                diagnostics.append(ThemeDiagnostic(file: chain.last!.label, key: "meta.extends", message: "no theme named \"\(n)\""))
                break
            }
            diagnostics += file.diagnostics
            chain.append(file)
            current = file.extends
        }
        let (theme, colourProblems) = ThemeFile.resolve(chain: chain, name: name)
        return (theme, diagnostics + colourProblems)
    }

    private func read(_ name: String) -> ThemeFile? {
        guard !name.contains("/"), !name.hasPrefix(".") else { return nil }
        for d in directories {
            let url = d.url.appendingPathComponent(name + ".toml")
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            return ThemeFile.parse(String(decoding: data, as: UTF8.self), label: "\(d.label)/\(name).toml")
        }
        return nil
    }
}

/// Picks the theme name: `--theme`, then `$WORKERDECK_THEME`, then the
/// config's `[console] theme`, then `default`.
public func selectThemeName(flag: String?, environment: [String: String], config: String?) -> String {
    for candidate in [flag, environment["WORKERDECK_THEME"], config] {
        if let c = candidate, !c.isEmpty { return c }
    }
    return "default"
}
