import Foundation

/// The `[local_compat]` config table, already decoded by the executable.
public struct LocalCompatConfig: Hashable, Sendable {
    /// `enabled = false` turns the local compatibility source off.
    public var enabled: Bool
    /// `data_dir`: overrides the environment when set and non-empty.
    public var dataDirectory: String?

    public init(enabled: Bool = true, dataDirectory: String? = nil) {
        self.enabled = enabled
        self.dataDirectory = dataDirectory
    }
}

/// Where the legacy yoi tool kept its records and its liveness file.
///
/// Holds absolute paths: its `description` and mirror are redacted so that
/// `String(describing:)` or `dump` can never put them on a screen. Only
/// `workerdeck doctor` reads `dataDirectory` / `runtimeDirectory` directly.
public struct LegacyPaths: Hashable, Sendable, CustomStringConvertible, CustomReflectable {
    /// The legacy data dir (`pods/`, `sessions/` live under it).
    public let dataDirectory: URL
    /// The legacy runtime dir (`workers.json` lives in it).
    public let runtimeDirectory: URL

    public init(dataDirectory: URL, runtimeDirectory: URL) {
        self.dataDirectory = dataDirectory.standardizedFileURL
        self.runtimeDirectory = runtimeDirectory.standardizedFileURL
    }

    /// Resolves both directories; nil when the config disables the source.
    ///
    /// Data dir: config `data_dir`, else `$YOI_DATA_DIR`, else `$YOI_HOME`,
    /// else `<home>/.yoi`. Runtime dir: `$YOI_RUNTIME_DIR`, else
    /// `$YOI_HOME/run`, else `$XDG_RUNTIME_DIR/yoi`, else `<home>/.yoi/run`.
    /// An empty variable counts as unset. `home` defaults to `$HOME`, then
    /// the account's home directory. Pure apart from that last fallback.
    public static func resolve(
        environment: [String: String],
        config: LocalCompatConfig = LocalCompatConfig(),
        home: String? = nil
    ) -> LegacyPaths? {
        guard config.enabled else { return nil }
        func variable(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        let homePath = home.flatMap { $0.isEmpty ? nil : $0 }
            ?? variable("HOME")
            ?? FileManager.default.homeDirectoryForCurrentUser.path
        let homeURL = URL(fileURLWithPath: homePath, isDirectory: true)
        let yoiHome = variable("YOI_HOME").map { directory($0, relativeTo: homeURL) }

        let data = config.dataDirectory.flatMap { $0.isEmpty ? nil : directory($0, relativeTo: homeURL) }
            ?? variable("YOI_DATA_DIR").map { directory($0, relativeTo: homeURL) }
            ?? yoiHome
            ?? homeURL.appendingPathComponent(".yoi", isDirectory: true)

        let runtime = variable("YOI_RUNTIME_DIR").map { directory($0, relativeTo: homeURL) }
            ?? yoiHome?.appendingPathComponent("run", isDirectory: true)
            ?? variable("XDG_RUNTIME_DIR").map { directory($0, relativeTo: homeURL).appendingPathComponent("yoi", isDirectory: true) }
            ?? homeURL.appendingPathComponent(".yoi/run", isDirectory: true)

        return LegacyPaths(dataDirectory: data, runtimeDirectory: runtime)
    }

    /// `~` and `~/x` expand against `home`; other relative paths stay relative
    /// to the current directory, as a shell would leave them.
    private static func directory(_ raw: String, relativeTo home: URL) -> URL {
        if raw == "~" { return home }
        if raw.hasPrefix("~/") {
            return home.appendingPathComponent(String(raw.dropFirst(2)), isDirectory: true)
        }
        return URL(fileURLWithPath: raw, isDirectory: true)
    }

    // MARK: Files under the directories

    /// `<data>/pods` then `<data>/sessions/pods`, in precedence order.
    var recordDirectories: [URL] {
        [
            dataDirectory.appendingPathComponent("pods", isDirectory: true),
            dataDirectory.appendingPathComponent("sessions/pods", isDirectory: true),
        ]
    }

    /// `<runtime>/workers.json`.
    var livenessFile: URL {
        runtimeDirectory.appendingPathComponent("workers.json", isDirectory: false)
    }

    /// `<data>/sessions/<session>/<segment>.jsonl`. Both ids were checked by
    /// `LegacySegmentRef` to be single safe path components.
    func segmentFile(_ ref: LegacySegmentRef) -> URL {
        dataDirectory
            .appendingPathComponent("sessions", isDirectory: true)
            .appendingPathComponent(ref.sessionId, isDirectory: true)
            .appendingPathComponent(ref.segmentId + ".jsonl", isDirectory: false)
    }

    // MARK: Redaction

    public var description: String { "LegacyPaths(redacted)" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
